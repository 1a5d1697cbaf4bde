public import StringPayments
public import XMLCoding

/// One card transaction in an acquirer's settlement report: what the card was charged, what the
/// acquirer kept, and what it paid out when.
///
/// ``netAmount`` equals ``grossAmount`` minus ``fee``; reading refuses a line where it does not.
public struct CardSettlementLine: Sendable, Hashable {
    /// The acquirer's reference of the card transaction.
    public var transactionReference: String
    /// When the net amount was paid out.
    public var payoutDate: XMLDate
    /// What the card was charged; negative for a refund or a chargeback.
    public var grossAmount: SignedCurrencyAmount
    /// What the acquirer kept; zero when the report gives none.
    public var fee: SignedCurrencyAmount
    /// What was paid out: gross minus fee.
    public var netAmount: SignedCurrencyAmount
    /// The payout's reference, when the report gives one.
    public var payoutReference: String?
    /// The 1-based line of the record in the report.
    public var line: Int

    /// Creates a line.
    ///
    /// - Parameters:
    ///   - transactionReference: The card transaction reference.
    ///   - payoutDate: The payout date.
    ///   - grossAmount: The gross amount.
    ///   - fee: The fee.
    ///   - netAmount: The net amount.
    ///   - payoutReference: The payout reference.
    ///   - line: The record's line.
    public init(
        transactionReference: String, payoutDate: XMLDate, grossAmount: SignedCurrencyAmount,
        fee: SignedCurrencyAmount, netAmount: SignedCurrencyAmount, payoutReference: String? = nil, line: Int
    ) {
        self.transactionReference = transactionReference
        self.payoutDate = payoutDate
        self.grossAmount = grossAmount
        self.fee = fee
        self.netAmount = netAmount
        self.payoutReference = payoutReference
        self.line = line
    }
}
