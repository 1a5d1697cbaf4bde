import XMLCoding

/// `Stmt` or `Ntfctn`: one account's report. Balances, summaries and interest are not read.
struct CamtReport: Decodable, Sendable {
    var identification: String
    var creationDateTime: XMLDateTime?
    var account: CamtAccount
    var entries: [CamtEntry]

    enum CodingKeys: String, XMLCodingKey {
        case identification = "Id"
        case creationDateTime = "CreDtTm"
        case account = "Acct"
        case entries = "Ntry"
    }
}

/// `Acct`, `DbtrAcct`: the identification (`Id/IBAN`) and currency (`Ccy`) of an account.
struct CamtAccount: Decodable, Sendable {
    var identification: Identification?
    var currency: String?

    enum CodingKeys: String, XMLCodingKey {
        case identification = "Id"
        case currency = "Ccy"
    }

    /// `Id`: a choice of `IBAN` and `Othr`; only the IBAN is kept.
    struct Identification: Decodable, Sendable {
        var iban: String?

        enum CodingKeys: String, XMLCodingKey {
            case iban = "IBAN"
        }
    }

    var iban: String? { identification?.iban }
}
