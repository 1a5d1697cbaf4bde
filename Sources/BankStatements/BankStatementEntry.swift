import Foundation
public import StringPayments
public import XMLCoding

/// One transaction on a bank account, as a statement, a notification or a CSV export reports it.
///
/// A camt entry (`Ntry`) with several transaction details (`NtryDtls/TxDtls`, a batch booking)
/// gives one value per transaction, each with the entry's dates, status and reversal flag and its
/// own ``bankReference``. ``bankReference`` is the key for idempotent import; see
/// ``BankReferenceSource`` for how it is chosen.
///
/// Amounts are exact `Decimal`s in a ``/StringPayments/CurrencyAmount`` and never pass through binary
/// floating point; an amount needing more fraction digits than its currency allows is refused when
/// reading, never rounded.
public struct BankStatementEntry: Sendable, Hashable {
    /// The key for idempotent import, unique within its report and stable across re-imports.
    public var bankReference: String
    /// Which rule chose ``bankReference``.
    public var bankReferenceSource: BankReferenceSource
    /// The value date (`ValDt/Dt`, or the date of `ValDt/DtTm`): when the money is available.
    /// The payment date of an unregistered payment. `nil` when the bank gives none (often for
    /// pending entries).
    public var valueDate: XMLDate?
    /// The booking date (`BookgDt/Dt`, or the date of `BookgDt/DtTm`): the accounting date. `nil`
    /// when the bank gives none.
    public var bookingDate: XMLDate?
    /// The transaction's amount, never negative: `TxDtls/Amt` (version 08), else
    /// `TxDtls/AmtDtls/TxAmt/Amt`, else (one transaction per entry) `Ntry/Amt`.
    public var amount: CurrencyAmount
    /// Credit (money in) or debit (money out): `TxDtls/CdtDbtInd` when given, else
    /// `Ntry/CdtDbtInd`.
    public var creditDebit: CreditDebitIndicator
    /// `Ntry/RvslInd`: the entry undoes an earlier one (a returned credit is booked as a debit with
    /// this flag, a returned debit as a credit).
    public var isReversal: Bool
    /// `Ntry/Sts`: booked, pending or information only.
    public var status: EntryStatus
    /// `TxDtls/BkTxCd` when given, else `Ntry/BkTxCd`; `nil` when neither carries a code.
    public var bankTransactionCode: BankTransactionCode?
    /// The charges on the transaction: the transaction's own `Chrgs`, and for the first (or only)
    /// transaction of an entry also the entry's `Chrgs`.
    public var charges: [BankCharge]
    /// The unstructured remittance lines (`RmtInf/Ustrd`), as written.
    public var remittanceLines: [String]
    /// The structured creditor reference (`RmtInf/Strd/CdtrRefInf`), the first one given.
    public var creditorReference: CreditorReference?
    /// The payer's name: `RltdPties/Dbtr/Nm` (version 02) or `RltdPties/Dbtr/Pty/Nm` (version 08).
    public var payerName: String?
    /// The payer's account: `RltdPties/DbtrAcct/Id/IBAN`, normalised (spaces removed, letters
    /// upper-cased); `nil` when absent or not an IBAN.
    public var payerIBAN: IBAN?
    /// The end-to-end identification the payer gave (`Refs/EndToEndId`); `nil` when absent or
    /// `NOTPROVIDED`.
    public var endToEndIdentification: String?
    /// A payment method code (such as `FI` for a bank transfer or `GAVEKORT KOMP` for a gift card):
    /// from the CSV mapping, or the one ``CamtDecodingOptions/paymentMethodCode`` sets for camt.
    public var paymentMethodCode: String?
    /// Free text about the entry: `Ntry/AddtlNtryInf` or `TxDtls/AddtlTxInf`; for CSV unused.
    public var additionalInformation: String?

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - bankReference: The key for idempotent import.
    ///   - bankReferenceSource: Which rule chose it.
    ///   - valueDate: The value date.
    ///   - bookingDate: The booking date.
    ///   - amount: The non-negative amount.
    ///   - creditDebit: Credit or debit.
    ///   - isReversal: Whether the entry undoes an earlier one. The default is `false`.
    ///   - status: The status. The default is ``EntryStatus/booked``.
    ///   - bankTransactionCode: The bank's classification.
    ///   - charges: The charges. The default is none.
    ///   - remittanceLines: The unstructured remittance lines. The default is none.
    ///   - creditorReference: The structured creditor reference.
    ///   - payerName: The payer's name.
    ///   - payerIBAN: The payer's IBAN.
    ///   - endToEndIdentification: The payer's end-to-end identification.
    ///   - paymentMethodCode: The payment method code.
    ///   - additionalInformation: Free text about the entry.
    public init(
        bankReference: String, bankReferenceSource: BankReferenceSource, valueDate: XMLDate?,
        bookingDate: XMLDate?, amount: CurrencyAmount, creditDebit: CreditDebitIndicator,
        isReversal: Bool = false, status: EntryStatus = .booked, bankTransactionCode: BankTransactionCode? = nil,
        charges: [BankCharge] = [], remittanceLines: [String] = [], creditorReference: CreditorReference? = nil,
        payerName: String? = nil, payerIBAN: IBAN? = nil, endToEndIdentification: String? = nil,
        paymentMethodCode: String? = nil, additionalInformation: String? = nil
    ) {
        self.bankReference = bankReference
        self.bankReferenceSource = bankReferenceSource
        self.valueDate = valueDate
        self.bookingDate = bookingDate
        self.amount = amount
        self.creditDebit = creditDebit
        self.isReversal = isReversal
        self.status = status
        self.bankTransactionCode = bankTransactionCode
        self.charges = charges
        self.remittanceLines = remittanceLines
        self.creditorReference = creditorReference
        self.payerName = payerName
        self.payerIBAN = payerIBAN
        self.endToEndIdentification = endToEndIdentification
        self.paymentMethodCode = paymentMethodCode
        self.additionalInformation = additionalInformation
    }

    /// The remittance lines joined with one space each: the text to search for a booking reference.
    /// `""` when there are none.
    public var remittanceText: String { remittanceLines.joined(separator: " ") }

    /// Money in that is not a reversal: what may become an unregistered payment.
    public var isIncomingPayment: Bool { creditDebit == .credit && !isReversal }

    /// The amount with the sign of its effect on the account: positive for a credit, negative for
    /// a debit.
    public var signedAmount: SignedCurrencyAmount {
        let signed = SignedCurrencyAmount(amount)
        return creditDebit == .credit ? signed : SignedCurrencyAmount(amount: -amount.amount, currency: amount.currency)
    }

    /// The charges' total in the entry's currency; charges in other currencies are left out.
    public var chargesTotal: CurrencyAmount {
        var total = CurrencyAmount.zero(amount.currency).amount
        for charge in charges where charge.amount.currency == amount.currency {
            total += charge.amount.amount
        }
        return CurrencyAmount(amount: total, currency: amount.currency)
    }
}
