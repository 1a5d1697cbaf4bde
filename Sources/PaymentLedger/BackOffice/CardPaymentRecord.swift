public import StringPayments

/// A card payment with its booking, as the card settlement queries list it
/// (``Ledger/cardPaymentsAwaitingPayout(settledOnOrBefore:)``, ``Ledger/paidOutCardPayments``).
public struct CardPaymentRecord: Sendable, Hashable {
    /// The booking.
    public var bookingId: Identifier
    /// The payment.
    public var payment: LedgerPayment

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - payment: The payment.
    public init(bookingId: Identifier, payment: LedgerPayment) {
        self.bookingId = bookingId
        self.payment = payment
    }
}
