/// Whether an entry adds money to the account or takes it away: camt's `CdtDbtInd`.
public enum CreditDebitIndicator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Money in: `CRDT`.
    case credit = "CRDT"
    /// Money out: `DBIT`.
    case debit = "DBIT"

    /// `CRDT` or `DBIT`.
    public var description: String { rawValue }
}
