import PaymentLedger
import StringPayments

/// A test gateway that changes only how it authorises: capture, void, refund and status go to the
/// simulated gateway it wraps.
protocol ForwardingGateway: PaymentGateway {
    var simulated: SimulatedPaymentGateway { get }
}

extension ForwardingGateway {
    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        try await simulated.capture(key, amount: amount)
    }
    func void(_ key: PaymentAttemptKey) async throws { try await simulated.void(key) }
    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        try await simulated.refund(key, amount: amount)
    }
    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus {
        try await simulated.status(of: key)
    }
}
