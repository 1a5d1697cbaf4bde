/// Which column of a card acquirer's settlement report holds which field of a
/// ``CardSettlementLine``.
public struct CardSettlementMapping: Sendable, Hashable {
    /// The acquirer's reference of the card transaction (what the gateway's capture returned). Required.
    public var transactionReference: CSVColumn
    /// The date the acquirer paid the net amount out. Required.
    public var payoutDate: CSVColumn
    /// The amount the card was charged (negative for a refund). Required.
    public var grossAmount: CSVColumn
    /// The acquirer's fee; an empty field is no fee.
    public var fee: CSVColumn?
    /// The amount paid out; when absent it is computed as gross minus fee.
    public var netAmount: CSVColumn?
    /// The currency code: a column, or fixed.
    public var currency: CSVTextSource
    /// The acquirer's reference of the payout (the bank transfer the net amounts arrive in), which
    /// links the report to the bank statement's entry.
    public var payoutReference: CSVColumn?

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - transactionReference: The card transaction reference column.
    ///   - payoutDate: The payout date column.
    ///   - grossAmount: The gross amount column.
    ///   - fee: The fee column. The default is none.
    ///   - netAmount: The net amount column. The default is none (computed).
    ///   - currency: The currency column or code.
    ///   - payoutReference: The payout reference column. The default is none.
    public init(
        transactionReference: CSVColumn, payoutDate: CSVColumn, grossAmount: CSVColumn, fee: CSVColumn? = nil,
        netAmount: CSVColumn? = nil, currency: CSVTextSource, payoutReference: CSVColumn? = nil
    ) {
        self.transactionReference = transactionReference
        self.payoutDate = payoutDate
        self.grossAmount = grossAmount
        self.fee = fee
        self.netAmount = netAmount
        self.currency = currency
        self.payoutReference = payoutReference
    }
}
