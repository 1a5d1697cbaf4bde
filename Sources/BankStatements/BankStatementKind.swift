/// Which kind of bank report a ``BankStatement`` was read from.
public enum BankStatementKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// An account statement: ISO 20022 camt.053 (`BkToCstmrStmt/Stmt`), the end-of-day record of
    /// booked entries.
    case statement
    /// A debit or credit notification: ISO 20022 camt.054 (`BkToCstmrDbtCdtNtfctn/Ntfctn`), sent
    /// during the day, often before booking.
    case notification
    /// A CSV export read with a ``CSVColumnMapping``.
    case csv

    /// The ISO 20022 message number: `053` and `054`; `nil` for CSV.
    public var camtMessageNumber: String? {
        switch self {
        case .statement: return "053"
        case .notification: return "054"
        case .csv: return nil
        }
    }

    /// `statement`, `notification` or `csv`.
    public var description: String { rawValue }
}
