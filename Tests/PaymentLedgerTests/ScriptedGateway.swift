import PaymentLedger
import StringPayments
import Synchronization

/// A gateway whose authorisations a test decides, with the bookkeeping of a real one: the same
/// key gets the same answer, captures and voids follow authorisations, and `captures` holds the
/// money taken. With no script it answers as the simulated gateway does.
final class ScriptedGateway: PaymentGateway, Sendable {
    typealias Script = @Sendable (GatewayRequest) async throws -> GatewayAuthorization

    private let script: Script
    private let state = Mutex<[PaymentAttemptKey: (status: GatewayAttemptStatus, amount: CurrencyAmount)]>([:])
    private let requestLog = Mutex<[GatewayRequest]>([])

    init(_ script: Script? = nil) {
        let simulated = SimulatedPaymentGateway()
        self.script = script ?? { request in try await simulated.authorize(request) }
    }

    /// Every authorisation request, in order.
    var requests: [GatewayRequest] { requestLog.withLock { $0 } }

    /// The money each attempt has taken.
    var captures: [PaymentAttemptKey: CurrencyAmount] {
        state.withLock { state in
            state.compactMapValues { entry in
                if case .captured = entry.status { return entry.amount }
                return nil
            }
        }
    }

    func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        requestLog.withLock { $0.append(request) }
        if let known = state.withLock({ $0[request.key] }) {
            switch known.status {
            case .authorized(let reference, let code):
                return .authorized(transactionReference: reference, authorizationCode: code)
            case .captured(let reference, let code):
                return .captured(transactionReference: reference, authorizationCode: code)
            case .pending(let reference): return .pending(transactionReference: reference)
            case .declined(let reason, let reference): return .declined(reason: reason, transactionReference: reference)
            default: return .declined(reason: "seen before", transactionReference: nil)
            }
        }
        let answer = try await script(request)
        let status: GatewayAttemptStatus
        switch answer {
        case .authorized(let reference, let code):
            status = .authorized(transactionReference: reference, authorizationCode: code)
        case .captured(let reference, let code):
            status = .captured(transactionReference: reference, authorizationCode: code)
        case .pending(let reference): status = .pending(transactionReference: reference)
        case .declined(let reason, let reference): status = .declined(reason: reason, transactionReference: reference)
        }
        state.withLock { $0[request.key] = (status, request.chargeAmount) }
        return answer
    }

    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        state.withLock { state in
            guard let entry = state[key] else { return .failed(reason: "unknown") }
            switch entry.status {
            case .authorized(let reference, let code):
                state[key] = (.captured(transactionReference: reference, authorizationCode: code), entry.amount)
                return .captured(transactionReference: reference)
            case .captured(let reference, _):
                return .captured(transactionReference: reference)
            default:
                return .failed(reason: "not authorised")
            }
        }
    }

    func void(_ key: PaymentAttemptKey) async throws {
        state.withLock { state in
            guard let entry = state[key] else { return }
            switch entry.status {
            case .authorized(let reference, _), .pending(let reference):
                state[key] = (.voided(transactionReference: reference), entry.amount)
            default: break
            }
        }
    }

    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        state.withLock { state in
            if let entry = state[key], case .captured(let reference, _) = entry.status {
                state[key] = (.refunded(transactionReference: reference), entry.amount)
            }
        }
        return "REFUND-\(key)"
    }

    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus {
        state.withLock { $0[key]?.status ?? .unknown }
    }
}
