public import StringPayments

/// Whether a voucher may pay an amount, checked before any money moves.
public enum VoucherCheck: Hashable, Sendable {
    /// The voucher covers the amount.
    case valid
    /// The voucher cannot pay; the request is refused with `voucher-rejected`.
    case rejected(reason: String)
}

/// What redeeming a voucher did.
public enum VoucherRedemption: Hashable, Sendable {
    /// The voucher paid the amount.
    case redeemed(transactionReference: String)
    /// The voucher was not redeemed.
    case rejected(reason: String)
}

/// Checks and redeems vouchers the customer pays with.
///
/// The ledger calls ``check(_:amount:bookingId:)`` for every voucher of a request before any
/// card is charged, and refuses the whole request when one is not valid. It calls
/// ``redeem(_:amount:key:)`` once every card of the request is authorised, with the attempt's
/// idempotency key, and ``redemption(for:)`` when it reconciles an attempt after a crash.
public protocol VoucherValidator: Sendable {
    /// Checks one voucher without redeeming it.
    ///
    /// - Parameters:
    ///   - voucher: The voucher code and issuer.
    ///   - amount: The amount the voucher is to cover.
    ///   - bookingId: The booking.
    /// - Returns: Whether it may pay.
    func check(_ voucher: VoucherPayment, amount: CurrencyAmount, bookingId: Identifier) async -> VoucherCheck

    /// Redeems one voucher; the same key redeems at most once.
    ///
    /// - Parameters:
    ///   - voucher: The voucher.
    ///   - amount: The amount.
    ///   - key: The attempt's idempotency key.
    /// - Returns: What happened.
    func redeem(
        _ voucher: VoucherPayment, amount: CurrencyAmount, key: PaymentAttemptKey
    ) async throws
        -> VoucherRedemption

    /// The redemption made under a key, if any.
    ///
    /// - Parameter key: The attempt.
    /// - Returns: The redemption, or `nil` when none was made under the key.
    func redemption(for key: PaymentAttemptKey) async throws -> VoucherRedemption?
}
