public import StringPayments

/// A payment the tour operator collects electronically, as the ``PaymentGateway`` sees it.
///
/// The request carries the card number and security code when the agency sent them, because the
/// gateway needs them; its `description` masks them, and the ledger never stores them.
public struct GatewayRequest: Sendable, CustomStringConvertible {
    /// The attempt's idempotency key: a gateway that sees the same key twice must answer the
    /// second call with the first call's outcome and move no money again.
    public let key: PaymentAttemptKey
    /// The payment as the agency sent it, secrets included.
    public let payment: Payment
    /// What to charge: the payment amount plus the fee of the form of payment.
    public let chargeAmount: CurrencyAmount

    /// Creates a gateway request.
    ///
    /// - Parameters:
    ///   - key: The attempt's idempotency key.
    ///   - payment: The payment, secrets included.
    ///   - chargeAmount: Amount plus fee.
    public init(key: PaymentAttemptKey, payment: Payment, chargeAmount: CurrencyAmount) {
        self.key = key
        self.payment = payment
        self.chargeAmount = chargeAmount
    }

    /// The booking the payment belongs to.
    public var bookingId: Identifier { key.bookingId }

    /// Key, form of payment and amount; never a card number.
    public var description: String {
        let form = payment.formOfPayment ?? payment.specialisation.formOfPayment
        return "GatewayRequest(\(key), \(form?.rawValue ?? "?"), \(chargeAmount))"
    }
}

/// What a gateway answered to an authorisation.
public enum GatewayAuthorization: Hashable, Sendable {
    /// The money is reserved; ``PaymentGateway/capture(_:amount:)`` takes it,
    /// ``PaymentGateway/void(_:)`` releases it.
    case authorized(transactionReference: String, authorizationCode: String?)
    /// The money was taken at once (a form of payment without a separate capture, such as an
    /// e-banking transfer); it can only be refunded.
    case captured(transactionReference: String, authorizationCode: String?)
    /// The payment was refused; no money moved.
    case declined(reason: String, transactionReference: String?)
    /// The outcome comes later (3-D Secure, a SEPA collection): the payment stays `Open` with the
    /// reference, and is settled or failed when the outcome is known.
    case pending(transactionReference: String)
}

/// What a gateway answered to a capture.
public enum GatewayCapture: Hashable, Sendable {
    /// The reserved money was taken.
    case captured(transactionReference: String)
    /// The capture was refused (the authorisation expired, say); no money moved.
    case failed(reason: String)
}

/// Where an attempt stands at the gateway, by its idempotency key.
public enum GatewayAttemptStatus: Hashable, Sendable {
    /// The gateway never saw the key: no money moved.
    case unknown
    /// Authorised and neither captured nor voided.
    case authorized(transactionReference: String, authorizationCode: String?)
    /// The money was taken.
    case captured(transactionReference: String, authorizationCode: String?)
    /// Pending at the gateway.
    case pending(transactionReference: String)
    /// Declined.
    case declined(reason: String, transactionReference: String?)
    /// Authorised, then released.
    case voided(transactionReference: String)
    /// Taken, then paid back.
    case refunded(transactionReference: String)
}

/// Collects payments for the tour operator: card, direct debit, e-banking or e-wallet.
///
/// The ledger drives a gateway through ``Ledger/processPayments(_:bookingId:collection:gateway:vouchers:)``:
/// every attempt is journaled as an in-flight payment **before** ``authorize(_:)`` is called
/// with its idempotency key; the whole request's authorisations come first, and the money is
/// captured only when every item of the request was accepted (otherwise the authorisations are
/// voided). After a crash, ``Ledger/reconcile(gateway:vouchers:)`` asks ``status(of:)`` for each
/// attempt still in flight.
///
/// Every method may throw for a technical failure (a timeout, a lost connection). The ledger
/// then does not know whether money moved: the attempt stays in flight until a reconciliation
/// resolves it. Every method must be idempotent per key.
///
/// ``SimulatedPaymentGateway`` ships for demos and tests.
public protocol PaymentGateway: Sendable {
    /// Authorises (reserves) the charge of one attempt, or takes it at once where the form of
    /// payment has no separate capture.
    ///
    /// - Parameter request: The attempt, with what to charge.
    /// - Returns: What the gateway did.
    func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization

    /// Takes the money an authorisation reserved.
    ///
    /// - Parameters:
    ///   - key: The attempt.
    ///   - amount: The amount authorised.
    /// - Returns: Whether the money was taken.
    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture

    /// Releases an authorisation (or a pending attempt) without taking the money.
    ///
    /// - Parameter key: The attempt.
    func void(_ key: PaymentAttemptKey) async throws

    /// Pays captured money back.
    ///
    /// - Parameters:
    ///   - key: The attempt whose capture is refunded.
    ///   - amount: The amount to pay back.
    /// - Returns: The refund's reference.
    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String

    /// Where an attempt stands.
    ///
    /// - Parameter key: The attempt.
    /// - Returns: Its status; ``GatewayAttemptStatus/unknown`` when the gateway never saw it.
    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus

    /// Exchanges a card's number for a token the gateway charges later (autopay): the ledger
    /// keeps the token and the mask, never the number. The default implementation throws
    /// ``TokenizationUnsupportedError``.
    ///
    /// - Parameter card: The card, number included.
    /// - Returns: The token.
    func tokenize(_ card: CreditCard) async throws -> CardToken
}
