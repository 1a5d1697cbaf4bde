public import StringPayments

/// Which autopay run charges a booking.
public enum AutopayKind: String, Hashable, Sendable, CaseIterable {
    /// Due instalments, from the guest's stored card.
    case instalment
    /// The open amount on the arrival date, from the reseller's virtual card.
    case reseller
    /// Due instalments, by SEPA direct debit under the booking's mandate: one pain.008 file per run.
    case directDebit = "direct-debit"
}

/// One scheduled payment (or, for reseller autopay, the arrival) that autopay has charged or
/// tried to charge: the payment that carries the charges and the card and payer they use.
///
/// Every attempt is the payment ``paymentId`` entered again, so the gateway's idempotency key
/// ``PaymentAttemptKey`` is (booking, the instalment's payment, attempt number).
public struct AutopayCharge: Hashable, Sendable {
    /// The scheduled payment charged; ``resellerTarget`` for reseller autopay.
    public let scheduleId: Identifier
    /// The payment of the booking that carries the attempts: `AP-` and the scheduled payment.
    public let paymentId: Identifier
    /// Instalment or reseller autopay.
    public let kind: AutopayKind
    /// The stored card charged; for a direct debit, the mandate reference.
    public let cardId: Identifier
    /// The party in whose name the payment is entered.
    public let payer: String

    /// Creates a charge record.
    ///
    /// - Parameters:
    ///   - scheduleId: The scheduled payment.
    ///   - paymentId: The payment carrying the attempts.
    ///   - kind: Instalment or reseller autopay.
    ///   - cardId: The stored card.
    ///   - payer: The payer.
    public init(scheduleId: Identifier, paymentId: Identifier, kind: AutopayKind, cardId: Identifier, payer: String) {
        self.scheduleId = scheduleId
        self.paymentId = paymentId
        self.kind = kind
        self.cardId = cardId
        self.payer = payer
    }

    /// The target of reseller autopay, which charges the booking's open amount on arrival.
    public static let resellerTarget: Identifier = "ARRIVAL"

    /// The payment that carries the attempts for a target: `AP-` and its identifier.
    ///
    /// - Parameter target: The scheduled payment, or ``resellerTarget``.
    /// - Returns: The identifier, or `nil` when it would be longer than 64 characters.
    public static func paymentId(for target: Identifier) -> Identifier? {
        Identifier("AP-" + target.value)
    }
}
