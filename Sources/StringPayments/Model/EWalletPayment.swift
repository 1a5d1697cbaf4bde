import XMLCoding

/// The extra children of an e-wallet payment (schema `EWalletPaymentType`, an extension of
/// `PaymentType` with `FormOfPayment` `EWallet`).
///
/// Children in schema order, after the base children of ``Payment``: `Provider` (such as PayPal
/// or Paydirect), `AccountId`?, `TransactionReference`?.
public struct EWalletPayment: Codable, Hashable, Sendable {
    /// `Provider`: the wallet service, such as `PayPal`.
    public var provider: String
    /// `AccountId`: the customer's account at the wallet service.
    public var accountId: String?
    /// `TransactionReference`: the wallet service's reference of the payment.
    public var transactionReference: String?

    /// Creates the e-wallet payment's extra children.
    ///
    /// - Parameters:
    ///   - provider: The wallet service.
    ///   - accountId: The customer's account there.
    ///   - transactionReference: The service's reference of the payment.
    public init(provider: String, accountId: String? = nil, transactionReference: String? = nil) {
        self.provider = provider
        self.accountId = accountId
        self.transactionReference = transactionReference
    }

    enum CodingKeys: String, XMLCodingKey {
        case provider = "Provider"
        case accountId = "AccountId"
        case transactionReference = "TransactionReference"
    }
}
