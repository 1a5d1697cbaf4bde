import XMLCoding

/// The extra children of an online-banking payment (schema `EBankingPaymentType`, an extension of
/// `PaymentType` with `FormOfPayment` `EBanking`).
///
/// Children in schema order, after the base children of ``Payment``: `Provider` (such as Giropay
/// or Sofortueberweisung), `TransactionReference`?.
public struct EBankingPayment: Codable, Hashable, Sendable {
    /// `Provider`: the online-banking service, such as `Giropay`.
    public var provider: String
    /// `TransactionReference`: the service's reference of the transfer.
    public var transactionReference: String?

    /// Creates the online-banking payment's extra children.
    ///
    /// - Parameters:
    ///   - provider: The online-banking service.
    ///   - transactionReference: The service's reference of the transfer.
    public init(provider: String, transactionReference: String? = nil) {
        self.provider = provider
        self.transactionReference = transactionReference
    }

    enum CodingKeys: String, XMLCodingKey {
        case provider = "Provider"
        case transactionReference = "TransactionReference"
    }
}
