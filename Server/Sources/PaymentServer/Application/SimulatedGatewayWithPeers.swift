public import Foundation
public import PaymentLedger
public import StringPayments

/// One instance's simulated gateway that also answers ``status(of:)`` from the log files of other
/// instances' simulated gateways: a stand-in for the one payment service provider that real
/// instances share, so that an instance can resolve by the gateway what a dead instance left in
/// flight (`drv-payments-server --gateway-peer-log`, used by `scripts/multi-instance-check`).
///
/// Authorisations, captures, voids, refunds and tokens go to the instance's own gateway. An
/// attempt the own gateway never saw is looked up in the peers' logs, read afresh at each call;
/// an unreadable peer log is a technical failure (the payment stays in flight).
public struct SimulatedGatewayWithPeers: PaymentGateway {
    /// The instance's own simulated gateway.
    public let own: SimulatedPaymentGateway
    /// The other instances' gateway logs.
    public let peerLogs: [URL]

    /// Creates the gateway.
    ///
    /// - Parameters:
    ///   - own: The instance's own simulated gateway.
    ///   - peerLogs: The other instances' gateway logs.
    public init(own: SimulatedPaymentGateway, peerLogs: [URL]) {
        self.own = own
        self.peerLogs = peerLogs
    }

    /// The own gateway's answer.
    public func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        try await own.authorize(request)
    }

    /// The own gateway's answer.
    public func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        try await own.capture(key, amount: amount)
    }

    /// Voids at the own gateway (an attempt only a peer knows is left as it is, as the simulated
    /// gateway leaves an attempt it never saw).
    public func void(_ key: PaymentAttemptKey) async throws { try await own.void(key) }

    /// The own gateway's answer.
    public func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        try await own.refund(key, amount: amount)
    }

    /// The own gateway's token.
    public func tokenize(_ card: CreditCard) async throws -> CardToken { try await own.tokenize(card) }

    /// The own gateway's status, else the status by the peers' logs (the last entry of the key).
    public func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus {
        let status = try await own.status(of: key)
        guard status == .unknown else { return status }
        var found = GatewayAttemptStatus.unknown
        for log in peerLogs {
            let text: String
            do {
                text = try String(contentsOf: log, encoding: .utf8)
            } catch {
                throw SimulatedGatewayError(message: "cannot read the peer gateway log \(log.path)")
            }
            // A torn last line (a peer killed while writing it) does not parse and is skipped.
            for line in text.split(separator: "\n") {
                guard let entry = SimulatedGatewayLogEntry(line: String(line)), entry.key == key else { continue }
                found = Self.status(after: entry)
            }
        }
        return found
    }

    /// What an attempt's status becomes with one more entry of its log.
    static func status(after entry: SimulatedGatewayLogEntry) -> GatewayAttemptStatus {
        let reference = entry.reference
        switch entry.operation {
        case .authorize: return .authorized(transactionReference: reference, authorizationCode: nil)
        case .capture: return .captured(transactionReference: reference, authorizationCode: nil)
        case .void: return .voided(transactionReference: reference)
        case .refund: return .refunded(transactionReference: reference)
        case .decline: return .declined(reason: entry.detail, transactionReference: reference)
        case .pending: return .pending(transactionReference: reference)
        }
    }
}
