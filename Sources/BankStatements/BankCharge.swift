public import StringPayments

/// A fee the bank or an intermediary charged on an entry: camt's `Chrgs` (version 02) or
/// `Chrgs/Rcrd` (version 08), or a CSV fee column.
public struct BankCharge: Sendable, Hashable, CustomStringConvertible {
    /// The fee, non-negative.
    public var amount: CurrencyAmount
    /// The charge type: `Tp/Cd` (such as `COMM` or `BRKF`) or `Tp/Prtry/Id`; `nil` when not given.
    public var type: String?
    /// Whether the charge is already included in the entry's amount (`ChrgInclInd`, version 08);
    /// `nil` when not given.
    public var isIncludedInEntryAmount: Bool?

    /// Creates a charge.
    ///
    /// - Parameters:
    ///   - amount: The fee.
    ///   - type: The charge type code, when known.
    ///   - isIncludedInEntryAmount: Whether the entry's amount already has it deducted, when known.
    public init(amount: CurrencyAmount, type: String? = nil, isIncludedInEntryAmount: Bool? = nil) {
        self.amount = amount
        self.type = type
        self.isIncludedInEntryAmount = isIncludedInEntryAmount
    }

    /// `1.50 EUR COMM`.
    public var description: String {
        type.map { "\(amount) \($0)" } ?? amount.description
    }
}
