import XMLCoding

/// `TxDtls` (`EntryTransaction2` in version 02, `EntryTransaction10` in 08): references, amount,
/// code, charges, parties and remittance information of one transaction.
struct CamtTransaction: Decodable, Sendable {
    var references: References?
    /// `Amt` (version 08 only).
    var amount: CamtAmount?
    /// `CdtDbtInd` (version 08 only).
    var creditDebit: CamtCreditDebitCode?
    var amountDetails: CamtAmountDetails?
    var bankTransactionCode: CamtBankTransactionCode?
    var charges: [CamtCharges]
    var relatedParties: RelatedParties?
    var remittance: CamtRemittance?
    var additionalInformation: String?

    enum CodingKeys: String, XMLCodingKey {
        case references = "Refs"
        case amount = "Amt"
        case creditDebit = "CdtDbtInd"
        case amountDetails = "AmtDtls"
        case bankTransactionCode = "BkTxCd"
        case charges = "Chrgs"
        case relatedParties = "RltdPties"
        case remittance = "RmtInf"
        case additionalInformation = "AddtlTxInf"
    }

    /// `Refs`: `AcctSvcrRef`, `EndToEndId`, `TxId`.
    struct References: Decodable, Sendable {
        var servicerReference: String?
        var endToEndIdentification: String?
        var transactionIdentification: String?

        enum CodingKeys: String, XMLCodingKey {
            case servicerReference = "AcctSvcrRef"
            case endToEndIdentification = "EndToEndId"
            case transactionIdentification = "TxId"
        }
    }

    /// `RltdPties`: the debtor and the debtor's account.
    struct RelatedParties: Decodable, Sendable {
        var debtor: Party?
        var debtorAccount: CamtAccount?

        enum CodingKeys: String, XMLCodingKey {
            case debtor = "Dbtr"
            case debtorAccount = "DbtrAcct"
        }
    }

    /// `Dbtr`: the name directly (version 02, `PartyIdentification32`) or in `Pty` (version 08,
    /// `Party40Choice`).
    struct Party: Decodable, Sendable {
        var name: String?
        var party: Named?

        enum CodingKeys: String, XMLCodingKey {
            case name = "Nm"
            case party = "Pty"
        }

        struct Named: Decodable, Sendable {
            var name: String?

            enum CodingKeys: String, XMLCodingKey {
                case name = "Nm"
            }
        }

        var displayName: String? { name ?? party?.name }
    }

    /// The amount: `Amt`, else `AmtDtls/TxAmt/Amt`.
    var transactionAmount: CamtAmount? {
        amount ?? amountDetails?.transactionAmount?.amount
    }
}
