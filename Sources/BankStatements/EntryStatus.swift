/// The status of an entry: camt's `Sts` (a code in version 02, `Sts/Cd` or `Sts/Prtry` in 08).
public enum EntryStatus: Sendable, Hashable, CustomStringConvertible {
    /// `BOOK`: booked on the account; the money is there (or gone).
    case booked
    /// `PDNG`: pending; announced but not yet booked, and may still change or disappear.
    case pending
    /// `INFO`: for information only; the account is not affected.
    case information
    /// Any other code (the external code list grows, for example `FUTR`), or a proprietary status.
    case other(String)

    /// Reads a status code: `BOOK`, `PDNG`, `INFO`, anything else as ``other(_:)``.
    ///
    /// - Parameter code: The code as written.
    public init(code: String) {
        switch code {
        case "BOOK": self = .booked
        case "PDNG": self = .pending
        case "INFO": self = .information
        default: self = .other(code)
        }
    }

    /// Whether the entry is booked, the only status that changes the balance.
    public var isBooked: Bool { self == .booked }

    /// `BOOK`, `PDNG`, `INFO` or the other code.
    public var description: String {
        switch self {
        case .booked: return "BOOK"
        case .pending: return "PDNG"
        case .information: return "INFO"
        case .other(let code): return code
        }
    }
}
