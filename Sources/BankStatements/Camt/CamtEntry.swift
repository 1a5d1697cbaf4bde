import XMLCoding

/// `Ntry` (`ReportEntry2` in version 02, `ReportEntry10` in 08): the parts that carry money,
/// dates, status, references and transaction details.
struct CamtEntry: Decodable, Sendable {
    var entryReference: String?
    var amount: CamtAmount
    var creditDebit: CamtCreditDebitCode
    var reversal: Bool?
    var status: CamtEntryStatus
    var bookingDate: CamtDateChoice?
    var valueDate: CamtDateChoice?
    var servicerReference: String?
    var bankTransactionCode: CamtBankTransactionCode?
    var amountDetails: CamtAmountDetails?
    var charges: [CamtCharges]
    var details: [Details]
    var additionalInformation: String?

    enum CodingKeys: String, XMLCodingKey {
        case entryReference = "NtryRef"
        case amount = "Amt"
        case creditDebit = "CdtDbtInd"
        case reversal = "RvslInd"
        case status = "Sts"
        case bookingDate = "BookgDt"
        case valueDate = "ValDt"
        case servicerReference = "AcctSvcrRef"
        case bankTransactionCode = "BkTxCd"
        case amountDetails = "AmtDtls"
        case charges = "Chrgs"
        case details = "NtryDtls"
        case additionalInformation = "AddtlNtryInf"
    }

    /// `NtryDtls`: the transactions (`TxDtls`); the batch information is not read.
    struct Details: Decodable, Sendable {
        var transactions: [CamtTransaction]

        enum CodingKeys: String, XMLCodingKey {
            case transactions = "TxDtls"
        }
    }

    /// Every `TxDtls` of every `NtryDtls`, in document order.
    var transactions: [CamtTransaction] {
        details.count == 1 ? details[0].transactions : details.flatMap(\.transactions)
    }
}

/// `AmtDtls` (`AmountAndCurrencyExchange3`): only `TxAmt/Amt` is read, the amount of the transaction
/// in the account's currency.
struct CamtAmountDetails: Decodable, Sendable {
    var transactionAmount: Amount?

    enum CodingKeys: String, XMLCodingKey {
        case transactionAmount = "TxAmt"
    }

    struct Amount: Decodable, Sendable {
        var amount: CamtAmount

        enum CodingKeys: String, XMLCodingKey {
            case amount = "Amt"
        }
    }
}
