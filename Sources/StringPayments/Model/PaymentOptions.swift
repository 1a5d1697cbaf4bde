import XMLCoding

/// The forms of payment a tour operator accepts (schema `PaymentOptionsType`; responses only).
///
/// Children: `PaymentOption`+, one per accepted form of payment.
public struct PaymentOptions: Codable, Hashable, Sendable {
    /// `PaymentOption`: the accepted forms of payment, one or more.
    public var paymentOptions: [PaymentOption]

    /// Creates payment options.
    ///
    /// - Parameter paymentOptions: The accepted forms of payment, one or more.
    public init(paymentOptions: [PaymentOption]) {
        self.paymentOptions = paymentOptions
    }

    /// Decodes the options.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `PaymentOption`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paymentOptions = try container.decodeOneOrMore(PaymentOption.self, forKey: .paymentOptions)
    }

    enum CodingKeys: String, XMLCodingKey {
        case paymentOptions = "PaymentOption"
    }
}
