public import StringPayments
public import XMLCoding

/// A line of a card acquirer's settlement report the ledger could not record as a payout: no card
/// payment has its reference, several do, or its figures do not fit the payment it names.
///
/// ``Ledger/importCardSettlements(_:report:)`` journals each one, so that
/// ``Ledger/cardSettlementExceptions`` lists them until someone looks into them; the same line
/// imported again (same reference, payout date and gross amount) is recorded once.
public struct CardSettlementException: Sendable, Hashable {
    /// Why a line was not recorded as a payout. The raw values are stable.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// No card payment collected by the tour operator has the transaction reference.
        case unknownReference = "unknown-reference"
        /// More than one card payment has the transaction reference.
        case ambiguousReference = "ambiguous-reference"
        /// A negative gross amount: a refund or chargeback, which the ledger does not match to
        /// payments.
        case refundOrChargeback = "refund-or-chargeback"
        /// The gross amount is not what the card was charged (the payment's amount plus its fee).
        case amountMismatch = "amount-mismatch"
        /// The line's currency is not the payment's.
        case currencyMismatch = "currency-mismatch"
        /// The fee is negative or more than the gross amount.
        case invalidFee = "invalid-fee"
        /// The payment is not `Settled` or `Confirmed` (open, failed, or still in flight).
        case notSettled = "not-settled"
        /// The payment was paid out before, with other figures.
        case alreadyPaidOut = "already-paid-out"

        /// Whether the line names exactly one payment whose figures disagree with it (a
        /// mismatch), rather than no payment it could be matched to (unmatched).
        public var isMismatch: Bool {
            switch self {
            case .unknownReference, .ambiguousReference, .refundOrChargeback: false
            case .amountMismatch, .currencyMismatch, .invalidFee, .notSettled, .alreadyPaidOut: true
            }
        }
    }

    /// Why the line was not recorded.
    public var reason: Reason
    /// What exactly disagrees, in words.
    public var detail: String
    /// The line's card transaction reference.
    public var transactionReference: String
    /// The line's payout date.
    public var payoutDate: XMLDate
    /// The line's gross amount (negative for a refund or chargeback).
    public var grossAmount: SignedCurrencyAmount
    /// The line's fee.
    public var fee: SignedCurrencyAmount
    /// The line's net amount.
    public var netAmount: SignedCurrencyAmount
    /// The line's payout reference.
    public var payoutReference: String?
    /// The report the line came from.
    public var report: String
    /// The line's 1-based line in the report.
    public var line: Int
    /// The booking of the payment the line names, for a mismatch.
    public var bookingId: Identifier?
    /// The payment the line names, for a mismatch.
    public var paymentId: Identifier?

    /// Creates an exception.
    ///
    /// - Parameters:
    ///   - reason: Why.
    ///   - detail: What disagrees.
    ///   - transactionReference: The card transaction reference.
    ///   - payoutDate: The payout date.
    ///   - grossAmount: The gross amount.
    ///   - fee: The fee.
    ///   - netAmount: The net amount.
    ///   - payoutReference: The payout reference.
    ///   - report: The report.
    ///   - line: The line in the report.
    ///   - bookingId: The booking of the payment named, for a mismatch.
    ///   - paymentId: The payment named, for a mismatch.
    public init(
        reason: Reason, detail: String, transactionReference: String, payoutDate: XMLDate,
        grossAmount: SignedCurrencyAmount, fee: SignedCurrencyAmount, netAmount: SignedCurrencyAmount,
        payoutReference: String? = nil, report: String, line: Int, bookingId: Identifier? = nil,
        paymentId: Identifier? = nil
    ) {
        self.reason = reason
        self.detail = detail
        self.transactionReference = transactionReference
        self.payoutDate = payoutDate
        self.grossAmount = grossAmount
        self.fee = fee
        self.netAmount = netAmount
        self.payoutReference = payoutReference
        self.report = report
        self.line = line
        self.bookingId = bookingId
        self.paymentId = paymentId
    }

    /// What identifies the line across reports: reference, payout date and gross amount. Importing
    /// a line with a known key records nothing.
    public var key: String {
        "\(transactionReference)|\(payoutDate.xmlLexicalForm)|\(grossAmount.amount)|\(grossAmount.currency.code)"
    }
}
