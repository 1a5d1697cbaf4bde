public import StringPayments

/// Something a gateway may be working on that the ledger holds in flight: a payment attempt or a
/// card refund. ``Ledger/reconcile(gateway:vouchers:resolving:)`` asks its caller, for each one,
/// whether to resolve it.
public enum InFlightOperation: Hashable, Sendable {
    /// A payment in flight, by its attempt's key (see ``InFlightPayment``).
    case payment(PaymentAttemptKey)
    /// A card refund in flight, by booking and refund identifier.
    case refund(bookingId: Identifier, refundId: Identifier)

    /// The booking the operation belongs to.
    public var bookingId: Identifier {
        switch self {
        case .payment(let key): key.bookingId
        case .refund(let bookingId, _): bookingId
        }
    }
}
