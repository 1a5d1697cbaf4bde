public import Foundation
public import StringPayments
import Synchronization

/// A deterministic payment gateway for demos and tests: the same payment always gets the same
/// outcome, every operation is idempotent per key, and nothing leaves the process.
///
/// | Payment | ``authorize(_:)`` |
/// |---|---|
/// | card `4000000000000002` | declined, "card declined" |
/// | card `4000000000009995` | declined, "insufficient funds" |
/// | card `4000000000000259` | pending (awaiting 3-D Secure) |
/// | card `4000000000000119` | authorised, but the answer is lost: the call throws ``SimulatedGatewayError`` |
/// | card with PCI token `tok_declined` (or a token ``tokenize(_:)`` gave a declining card) | declined, as the card would be |
/// | card with a token ``tokenize(_:)`` gave the pending or lost-answer card | as that card |
/// | any other card (e.g. `4111111111111111`, `5555555555554444`, `378282246310005`) or token | authorised, with an authorisation code; captured by ``capture(_:amount:)`` |
/// | direct debit | pending: nothing collects it yet; the tour operator settles it (`drv-payments settle`) when the bank shows the money |
/// | e-banking, e-wallet | captured at once |
///
/// Transaction references are `SIM-`, the booking and the payment identifier (and `-N` for an
/// attempt N after the first); authorisation codes are six digits derived from them.
///
/// The gateway keeps a log of every authorisation, capture, void, refund, decline and pending
/// answer (``log``). Created with a file, it appends each entry as one line to it before it
/// answers, and reads the file back when it is created again, as a real payment service provider
/// remembers what it did: a test from outside the process can compare that file with the ledger.
/// The line format (tab-separated, fields percent-encoded like ``PaymentAttemptKey``):
///
///     OPERATION KEY BOOKING PAYMENT AMOUNT CURRENCY REFERENCE DETAIL
///
/// with OPERATION one of `authorize`, `capture`, `void`, `refund`, `decline`, `pending`.
public final class SimulatedPaymentGateway: PaymentGateway, Sendable {
    /// Card numbers the simulated gateway declines, with the reason.
    public static let decliningCards: [String: String] = [
        "4000000000000002": "card declined",
        "4000000000009995": "insufficient funds",
    ]
    /// The card number the simulated gateway leaves pending.
    public static let pendingCard = "4000000000000259"
    /// The card number the simulated gateway authorises without its answer arriving.
    public static let lostAnswerCard = "4000000000000119"
    /// The PCI token the simulated gateway declines.
    public static let decliningToken = "tok_declined"
    /// The log's file name in a ledger directory, as the `drv-payments` tool uses it.
    public static let logFileName = "simulated-gateway.log"

    private struct State: ~Copyable {
        var attempts: [PaymentAttemptKey: Attempt] = [:]
        var log: [SimulatedGatewayLogEntry] = []
        var file: FileHandle?
    }

    private struct Attempt {
        var status: GatewayAttemptStatus
        var amount: CurrencyAmount
        /// What a refund paid back of the captured amount.
        var refunded: CurrencyAmount?
    }

    private let state: Mutex<State>
    /// How long each answer takes to come back after the gateway acted.
    public let latency: Duration

    /// Creates the simulated gateway, keeping its log in memory only.
    ///
    /// - Parameter latency: How long each answer of ``authorize(_:)`` and ``capture(_:amount:)``
    ///   takes to come back after the gateway acted, as a real one's does. Default none.
    public init(latency: Duration = .zero) {
        state = Mutex(State())
        self.latency = latency
    }

    /// Creates the simulated gateway with its log in a file, reading what the file holds.
    ///
    /// - Parameters:
    ///   - logFile: The log; created when missing. A torn last line (a process killed while
    ///     writing it) is ignored; any other malformed line is an error.
    ///   - latency: How long each answer takes to come back. Default none.
    /// - Throws: ``SimulatedGatewayError`` when the file cannot be read, written or parsed.
    public init(logFile: URL, latency: Duration = .zero) throws(SimulatedGatewayError) {
        self.latency = latency
        var state = State()
        let path = logFile.path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw SimulatedGatewayError(message: "cannot create the gateway log \(path)")
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: logFile)
        } catch {
            throw SimulatedGatewayError(message: "cannot read the gateway log \(path): \(error.localizedDescription)")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where !line.isEmpty {
            let isLast = number == lines.count - 1
            guard let entry = SimulatedGatewayLogEntry(line: String(decoding: line, as: UTF8.self)) else {
                if isLast { break }  // a torn last line: the operation never completed
                throw SimulatedGatewayError(message: "the gateway log \(path) has a malformed line \(number + 1)")
            }
            Self.record(entry, in: &state)
        }
        do {
            let handle = try FileHandle(forWritingTo: logFile)
            // A torn last line is cut off, so the next entry starts on a line of its own.
            if let last = data.lastIndex(of: UInt8(ascii: "\n")) {
                try handle.truncate(atOffset: UInt64(last + 1))
            } else {
                try handle.truncate(atOffset: 0)
            }
            try handle.seekToEnd()
            state.file = handle
        } catch {
            throw SimulatedGatewayError(message: "cannot write the gateway log \(path): \(error.localizedDescription)")
        }
        self.state = Mutex(state)
    }

    /// Every operation, oldest first.
    public var log: [SimulatedGatewayLogEntry] { state.withLock { $0.log } }

    /// The money each attempt has taken and not paid back: what the ledger must show as received.
    public var capturedAmounts: [PaymentAttemptKey: CurrencyAmount] {
        state.withLock { state in
            var result: [PaymentAttemptKey: CurrencyAmount] = [:]
            for (key, attempt) in state.attempts {
                switch attempt.status {
                case .captured:
                    result[key] = attempt.amount
                case .refunded:
                    let kept = attempt.amount.amount - (attempt.refunded?.amount ?? attempt.amount.amount)
                    if kept > 0 { result[key] = CurrencyAmount(amount: kept, currency: attempt.amount.currency) }
                default:
                    break
                }
            }
            return result
        }
    }

    /// Authorises by the table above; the same key gets the same answer.
    public func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        let key = request.key
        let reference = Self.reference(for: key)
        let outcome = Self.outcome(for: request, reference: reference)
        let (answer, lost) = try state.withLock { state throws(SimulatedGatewayError) -> (GatewayAuthorization, Bool) in
            if let existing = state.attempts[key] { return (Self.authorization(for: existing.status), false) }
            let entry: SimulatedGatewayLogEntry
            switch outcome {
            case .authorized:
                entry = .init(operation: .authorize, key: key, amount: request.chargeAmount, reference: reference)
            case .captured:
                entry = .init(operation: .capture, key: key, amount: request.chargeAmount, reference: reference)
            case .declined(let reason, _):
                entry = .init(
                    operation: .decline, key: key, amount: request.chargeAmount, reference: reference, detail: reason)
            case .pending:
                entry = .init(operation: .pending, key: key, amount: request.chargeAmount, reference: reference)
            }
            try Self.append(entry, to: &state)
            return (outcome, Self.cardNumber(of: request) == Self.lostAnswerCard || Self.hasLostAnswerToken(request))
        }
        if latency > .zero { try await Task.sleep(for: latency) }
        if lost { throw SimulatedGatewayError(message: "the gateway's answer for \(key) was lost") }
        return answer
    }

    /// Captures an authorised attempt; capturing it again answers the same.
    public func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        let result = try state.withLock { state throws(SimulatedGatewayError) -> GatewayCapture in
            guard let attempt = state.attempts[key] else { return .failed(reason: "no authorisation \(key)") }
            switch attempt.status {
            case .authorized(let reference, _):
                try Self.append(
                    .init(operation: .capture, key: key, amount: attempt.amount, reference: reference), to: &state)
                return .captured(transactionReference: reference)
            case .captured(let reference, _):
                return .captured(transactionReference: reference)
            default:
                return .failed(reason: "attempt \(key) is not authorised")
            }
        }
        if latency > .zero { try await Task.sleep(for: latency) }
        return result
    }

    /// Voids an authorised or pending attempt; anything else is left as it is.
    public func void(_ key: PaymentAttemptKey) async throws {
        try state.withLock { state throws(SimulatedGatewayError) in
            guard let attempt = state.attempts[key] else { return }
            switch attempt.status {
            case .authorized(let reference, _), .pending(let reference):
                try Self.append(
                    .init(operation: .void, key: key, amount: attempt.amount, reference: reference), to: &state)
            default:
                return
            }
        }
    }

    /// Refunds `amount` of a captured attempt, at most what it captured, once: a second refund of
    /// the same attempt answers the first's reference and pays nothing.
    public func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        try state.withLock { state throws(SimulatedGatewayError) -> String in
            guard let attempt = state.attempts[key] else { throw SimulatedGatewayError(message: "no attempt \(key)") }
            switch attempt.status {
            case .captured(let reference, _):
                guard amount.currency == attempt.amount.currency, amount.amount > 0,
                    amount.amount <= attempt.amount.amount
                else {
                    throw SimulatedGatewayError(message: "a refund of \(amount) exceeds what \(key) captured")
                }
                try Self.append(.init(operation: .refund, key: key, amount: amount, reference: reference), to: &state)
                return "REFUND-" + reference
            case .refunded(let reference):
                return "REFUND-" + reference
            default:
                throw SimulatedGatewayError(message: "attempt \(key) is not captured")
            }
        }
    }

    /// The attempt's status by its log.
    public func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus {
        state.withLock { $0.attempts[key]?.status ?? .unknown }
    }

    // MARK: - Internals

    private static func cardNumber(of request: GatewayRequest) -> String? {
        guard case .creditCard(let card) = request.payment.specialisation else { return nil }
        return card.creditCard?.cardNumber?.xmlLexicalForm
    }

    private static func outcome(for request: GatewayRequest, reference: String) -> GatewayAuthorization {
        let code = authorizationCode(for: reference)
        switch request.payment.specialisation {
        case .creditCard(let card):
            if let number = cardNumber(of: request) {
                if let reason = decliningCards[number] {
                    return .declined(reason: reason, transactionReference: reference)
                }
                if number == pendingCard { return .pending(transactionReference: reference) }
            }
            if let token = card.pciToken, let outcome = tokenOutcome(token, reference: reference) {
                return outcome
            }
            return .authorized(transactionReference: reference, authorizationCode: code)
        case .directDebit:
            return .pending(transactionReference: reference)
        default:
            return .captured(transactionReference: reference, authorizationCode: nil)
        }
    }

    private static func authorization(for status: GatewayAttemptStatus) -> GatewayAuthorization {
        switch status {
        case .authorized(let reference, let code): .authorized(transactionReference: reference, authorizationCode: code)
        case .captured(let reference, let code): .captured(transactionReference: reference, authorizationCode: code)
        case .refunded(let reference): .captured(transactionReference: reference, authorizationCode: nil)
        case .pending(let reference): .pending(transactionReference: reference)
        case .declined(let reason, let reference): .declined(reason: reason, transactionReference: reference)
        case .voided(let reference): .declined(reason: "the authorisation was voided", transactionReference: reference)
        case .unknown: .declined(reason: "unknown attempt", transactionReference: nil)
        }
    }

    private static func append(_ entry: SimulatedGatewayLogEntry, to state: inout State) throws(SimulatedGatewayError) {
        if let file = state.file {
            do {
                try file.write(contentsOf: Data((entry.line + "\n").utf8))
            } catch {
                throw SimulatedGatewayError(message: "cannot write the gateway log: \(error.localizedDescription)")
            }
        }
        record(entry, in: &state)
    }

    private static func record(_ entry: SimulatedGatewayLogEntry, in state: inout State) {
        state.log.append(entry)
        let key = entry.key
        let reference = entry.reference
        var attempt = state.attempts[key] ?? Attempt(status: .unknown, amount: entry.amount)
        switch entry.operation {
        case .authorize:
            attempt.status = .authorized(
                transactionReference: reference, authorizationCode: authorizationCode(for: reference))
        case .capture:
            let code: String? =
                if case .authorized(_, let code) = attempt.status { code } else { nil }
            attempt.status = .captured(transactionReference: reference, authorizationCode: code)
        case .void:
            attempt.status = .voided(transactionReference: reference)
        case .refund:
            attempt.status = .refunded(transactionReference: reference)
            attempt.refunded = entry.amount
        case .decline:
            attempt.status = .declined(reason: entry.detail, transactionReference: reference)
        case .pending:
            attempt.status = .pending(transactionReference: reference)
        }
        state.attempts[key] = attempt
    }

    /// `SIM-BOOKING-PAYMENT`, and `-N` for attempt N after the first.
    static func reference(for key: PaymentAttemptKey) -> String {
        "SIM-\(key.bookingId)-\(key.paymentId)" + (key.attempt > 1 ? "-\(key.attempt)" : "")
    }

    /// Six digits from an FNV-1a hash of the reference: stable across runs and platforms.
    static func authorizationCode(for reference: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in reference.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let digits = String(hash % 1_000_000)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}

/// A technical failure of the simulated gateway, or of its log file.
public struct SimulatedGatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameter message: What went wrong.
    public init(message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// One line of the ``SimulatedPaymentGateway``'s log.
public struct SimulatedGatewayLogEntry: Hashable, Sendable {
    /// What the gateway did.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        /// An authorisation (money reserved).
        case authorize
        /// Money taken.
        case capture
        /// An authorisation released.
        case void
        /// Money paid back.
        case refund
        /// An authorisation refused.
        case decline
        /// An answer left for later.
        case pending
    }

    /// What the gateway did.
    public var operation: Operation
    /// The attempt.
    public var key: PaymentAttemptKey
    /// The amount concerned.
    public var amount: CurrencyAmount
    /// The gateway's reference.
    public var reference: String
    /// The decline reason; empty for other operations.
    public var detail: String

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - operation: What the gateway did.
    ///   - key: The attempt.
    ///   - amount: The amount.
    ///   - reference: The reference.
    ///   - detail: The decline reason.
    public init(
        operation: Operation, key: PaymentAttemptKey, amount: CurrencyAmount, reference: String, detail: String = ""
    ) {
        self.operation = operation
        self.key = key
        self.amount = amount
        self.reference = reference
        self.detail = detail
    }

    /// Reads a line of the log; `nil` when it is malformed.
    ///
    /// - Parameter line: The line without its line feed.
    public init?(line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 8, let operation = Operation(rawValue: String(fields[0])),
            let key = PaymentAttemptKey(rawValue: String(fields[1])),
            PaymentAttemptKey.decode(fields[2]) == key.bookingId.value,
            PaymentAttemptKey.decode(fields[3]) == key.paymentId.value,
            let currency = CurrencyCode(String(fields[5])),
            let amount = CurrencyAmount(String(fields[4]), currency),
            let reference = PaymentAttemptKey.decode(fields[6]), let detail = PaymentAttemptKey.decode(fields[7])
        else { return nil }
        self.init(operation: operation, key: key, amount: amount, reference: reference, detail: detail)
    }

    /// The entry as a line, without the line feed.
    public var line: String {
        [
            operation.rawValue, key.rawValue, PaymentAttemptKey.encode(key.bookingId.value),
            PaymentAttemptKey.encode(key.paymentId.value), amount.formattedAmount, amount.currency.description,
            PaymentAttemptKey.encode(reference), PaymentAttemptKey.encode(detail),
        ].joined(separator: "\t")
    }
}
