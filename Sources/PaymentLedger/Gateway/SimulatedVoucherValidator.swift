public import StringPayments
import Synchronization

/// A deterministic voucher validator for demos and tests: it knows a fixed set of vouchers and
/// their values, and remembers its redemptions by key.
///
/// A voucher whose code it knows, in the payment's currency and worth at least the amount, is
/// valid and redeemed (reference `VOUCHER-` and the code); any other is rejected. Redeeming
/// under a key it has seen answers as the first time.
public final class SimulatedVoucherValidator: VoucherValidator, Sendable {
    /// The vouchers it knows: code → value.
    public let vouchers: [String: CurrencyAmount]
    private let redemptions = Mutex<[PaymentAttemptKey: VoucherRedemption]>([:])

    /// The vouchers of the demo: `TRAVEL-100` (100 EUR) and `TRAVEL-500` (500 EUR).
    public static let demoVouchers: [String: CurrencyAmount] = [
        "TRAVEL-100": CurrencyAmount(amount: 100, currency: .eur),
        "TRAVEL-500": CurrencyAmount(amount: 500, currency: .eur),
    ]

    /// Creates a validator that knows the vouchers.
    ///
    /// - Parameter vouchers: Code → value. Default ``demoVouchers``.
    public init(vouchers: [String: CurrencyAmount] = SimulatedVoucherValidator.demoVouchers) {
        self.vouchers = vouchers
    }

    /// Valid when the voucher is known and covers the amount.
    public func check(_ voucher: VoucherPayment, amount: CurrencyAmount, bookingId: Identifier) async -> VoucherCheck {
        guard let value = vouchers[voucher.voucherCode] else {
            return .rejected(reason: "voucher \(voucher.voucherCode) is not known")
        }
        guard value.currency == amount.currency, value.amount >= amount.amount else {
            return .rejected(reason: "voucher \(voucher.voucherCode) is worth \(value), less than \(amount)")
        }
        return .valid
    }

    /// Redeems a valid voucher once per key.
    public func redeem(
        _ voucher: VoucherPayment, amount: CurrencyAmount, key: PaymentAttemptKey
    ) async throws -> VoucherRedemption {
        let verdict: VoucherRedemption
        switch await check(voucher, amount: amount, bookingId: key.bookingId) {
        case .valid: verdict = .redeemed(transactionReference: "VOUCHER-\(voucher.voucherCode)")
        case .rejected(let reason): verdict = .rejected(reason: reason)
        }
        return redemptions.withLock { redemptions in
            if let earlier = redemptions[key] { return earlier }
            redemptions[key] = verdict
            return verdict
        }
    }

    /// The redemption made under the key, if any.
    public func redemption(for key: PaymentAttemptKey) async throws -> VoucherRedemption? {
        redemptions.withLock { $0[key] }
    }
}
