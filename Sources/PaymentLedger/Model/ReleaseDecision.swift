/// The seller's decision whether the money a booking holds beyond what it costs may be paid back
/// to the customer: the seed's "release payment" flag, with who set it and when.
///
/// Only a released booking can be refunded. A booking that was never decided on has no decision
/// (``LedgerBooking/release`` is `nil`), which counts as not released. See <doc:BackOffice>.
public struct ReleaseDecision: Hashable, Sendable {
    /// Whether the money is released for refund.
    public var isReleased: Bool
    /// Who decided and when.
    public var stamp: AuditStamp

    /// Creates a decision.
    ///
    /// - Parameters:
    ///   - isReleased: Whether the money is released for refund.
    ///   - stamp: Who decided and when.
    public init(isReleased: Bool, stamp: AuditStamp) {
        self.isReleased = isReleased
        self.stamp = stamp
    }
}
