/// One refund with its booking: a row of the refunds list (``Ledger/refunds(status:)``).
public struct BookingRefund: Hashable, Sendable {
    /// The booking, as of the list.
    public let booking: LedgerBooking
    /// The refund.
    public let refund: LedgerRefund
}
