public import StringPayments

/// What the back office asks to pay back: amount, method, reference and, for a financed booking,
/// why it is refunded all the same.
public struct RefundRequest: Hashable, Sendable {
    /// The money to pay back, in the booking currency: at most what the booking may still return
    /// (``LedgerBooking/availableRefundAmount``).
    public var amount: CurrencyAmount
    /// How it is paid back.
    public var method: RefundMethod
    /// The back office's reference, such as the customer's account or a case number.
    public var reference: String?
    /// Why a financed booking is refunded all the same; without it a financed booking's refund is
    /// refused (`booking-financed`). Ignored for a booking that is not financed.
    public var forcedReason: String?

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - amount: The money to pay back.
    ///   - method: How it is paid back.
    ///   - reference: The back office's reference.
    ///   - forcedReason: Why a financed booking is refunded all the same; `nil` (the default)
    ///     does not force.
    public init(amount: CurrencyAmount, method: RefundMethod, reference: String? = nil, forcedReason: String? = nil) {
        self.amount = amount
        self.method = method
        self.reference = reference
        self.forcedReason = forcedReason
    }
}
