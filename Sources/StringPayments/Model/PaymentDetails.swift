public import XMLCoding

/// The tour operator's processing details of one payment (schema `PaymentDetailsType`).
///
/// Children in schema order, all optional: `Fee` (CurrencyAmountType: the fee for the chosen form
/// of payment only), `TransactionReference`, `AuthorizationCode`, `FailureReason` (xs:string).
/// Set by the tour operator; appears in responses only.
public struct PaymentDetails: Codable, Hashable, Sendable {
    /// `Fee`: the fee charged for the chosen form of payment, and nothing else.
    public var fee: CurrencyAmount?
    /// `TransactionReference`: the provider's reference of the transaction.
    public var transactionReference: String?
    /// `AuthorizationCode`: the card issuer's authorisation code.
    public var authorizationCode: String?
    /// `FailureReason`: why a failed payment failed.
    public var failureReason: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates payment details.
    ///
    /// - Parameters:
    ///   - fee: The fee for the chosen form of payment.
    ///   - transactionReference: The provider's transaction reference.
    ///   - authorizationCode: The authorisation code.
    ///   - failureReason: Why the payment failed.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        fee: CurrencyAmount? = nil,
        transactionReference: String? = nil,
        authorizationCode: String? = nil,
        failureReason: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.fee = fee
        self.transactionReference = transactionReference
        self.authorizationCode = authorizationCode
        self.failureReason = failureReason
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case fee = "Fee"
        case transactionReference = "TransactionReference"
        case authorizationCode = "AuthorizationCode"
        case failureReason = "FailureReason"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
