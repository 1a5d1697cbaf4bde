/// A back-office role, as seed 001 names them ("Applies for Administrator and Financial").
///
/// The seed gives the whole Balance Administration module to both roles, so both see every
/// page and make every booking change (assign a payment, release, refund, memos, comments, GDS
/// records, bank statement upload). What only an administrator may do is what acts on the
/// operation beyond one booking: starting the balances export (which uploads to the payment
/// page) by hand.
public enum StaffRole: String, Codable, Hashable, Sendable, CaseIterable {
    /// Everything, including "run balances export now".
    case administrator
    /// Every back-office page and booking change.
    case financial

    /// Whether the role may start scheduled jobs by hand.
    public var mayRunJobs: Bool { self == .administrator }
}
