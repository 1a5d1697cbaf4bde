import XMLCoding

/// `BkTxCd`: `Domn/Cd`, `Domn/Fmly/Cd`, `Domn/Fmly/SubFmlyCd`, `Prtry/Cd`, `Prtry/Issr`.
struct CamtBankTransactionCode: Decodable, Sendable {
    var domain: Domain?
    var proprietary: Proprietary?

    enum CodingKeys: String, XMLCodingKey {
        case domain = "Domn"
        case proprietary = "Prtry"
    }

    struct Domain: Decodable, Sendable {
        var code: String
        var family: Family

        enum CodingKeys: String, XMLCodingKey {
            case code = "Cd"
            case family = "Fmly"
        }
    }

    struct Family: Decodable, Sendable {
        var code: String
        var subFamilyCode: String

        enum CodingKeys: String, XMLCodingKey {
            case code = "Cd"
            case subFamilyCode = "SubFmlyCd"
        }
    }

    struct Proprietary: Decodable, Sendable {
        var code: String
        var issuer: String?

        enum CodingKeys: String, XMLCodingKey {
            case code = "Cd"
            case issuer = "Issr"
        }
    }

    /// The public value; `nil` when neither part is given (an empty `BkTxCd`, which the XSD allows).
    var value: BankTransactionCode? {
        guard domain != nil || proprietary != nil else { return nil }
        return BankTransactionCode(
            domain: domain?.code, family: domain?.family.code, subFamily: domain?.family.subFamilyCode,
            proprietaryCode: proprietary?.code, proprietaryIssuer: proprietary?.issuer)
    }
}
