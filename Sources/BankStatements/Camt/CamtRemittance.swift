import XMLCoding

/// `RmtInf`: unstructured lines (`Ustrd`) and structured parts (`Strd`), of which only the creditor
/// reference (`CdtrRefInf`) is read.
struct CamtRemittance: Decodable, Sendable {
    var unstructured: [String]
    var structured: [Structured]

    enum CodingKeys: String, XMLCodingKey {
        case unstructured = "Ustrd"
        case structured = "Strd"
    }

    struct Structured: Decodable, Sendable {
        var creditorReference: CreditorReferenceInformation?

        enum CodingKeys: String, XMLCodingKey {
            case creditorReference = "CdtrRefInf"
        }
    }

    /// `CdtrRefInf`: `Tp/CdOrPrtry/Cd` or `Tp/CdOrPrtry/Prtry`, `Tp/Issr`, `Ref`.
    struct CreditorReferenceInformation: Decodable, Sendable {
        var type: ReferenceType?
        var reference: String?

        enum CodingKeys: String, XMLCodingKey {
            case type = "Tp"
            case reference = "Ref"
        }

        struct ReferenceType: Decodable, Sendable {
            var codeOrProprietary: CodeOrProprietary
            var issuer: String?

            enum CodingKeys: String, XMLCodingKey {
                case codeOrProprietary = "CdOrPrtry"
                case issuer = "Issr"
            }
        }

        struct CodeOrProprietary: Decodable, Sendable {
            var code: String?
            var proprietary: String?

            enum CodingKeys: String, XMLCodingKey {
                case code = "Cd"
                case proprietary = "Prtry"
            }
        }
    }

    /// The first structured creditor reference that has a `Ref`.
    var creditorReference: CreditorReference? {
        for part in structured {
            guard let information = part.creditorReference, let reference = information.reference else { continue }
            return CreditorReference(
                reference: reference, typeCode: information.type?.codeOrProprietary.code,
                proprietaryType: information.type?.codeOrProprietary.proprietary, issuer: information.type?.issuer)
        }
        return nil
    }
}
