public import StringPayments
public import XMLCoding

/// How a requested refund ended: completed (paid out) or failed.
public struct RefundResolution: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The refund.
    public var refundId: Identifier
    /// ``LedgerRefund/Status/completed`` or ``LedgerRefund/Status/failed``.
    public var status: LedgerRefund.Status
    /// The day.
    public var date: XMLDate
    /// The payout's reference, for a completed refund.
    public var payoutReference: String?
    /// Why it failed, for a failed refund.
    public var failureReason: String?

    /// Creates a resolution.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - refundId: The refund.
    ///   - status: Completed or failed.
    ///   - date: The day.
    ///   - payoutReference: The payout's reference.
    ///   - failureReason: Why it failed.
    public init(
        bookingId: Identifier, refundId: Identifier, status: LedgerRefund.Status, date: XMLDate,
        payoutReference: String? = nil, failureReason: String? = nil
    ) {
        self.bookingId = bookingId
        self.refundId = refundId
        self.status = status
        self.date = date
        self.payoutReference = payoutReference
        self.failureReason = failureReason
    }
}
