public import XMLCoding

/// The forms of payment a tour operator accepts (schema `PaymentOptionsType`; responses only).
///
/// Children: `PaymentOption`+, one per accepted form of payment.
public struct PaymentOptions: Codable, Hashable, Sendable {
    /// `PaymentOption`: the accepted forms of payment, one or more.
    public var paymentOptions: [PaymentOption]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates payment options.
    ///
    /// - Parameters:
    ///   - paymentOptions: The accepted forms of payment, one or more.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        paymentOptions: [PaymentOption],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.paymentOptions = paymentOptions
        self.unknownElements = unknownElements
    }

    /// Decodes the options.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `PaymentOption`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paymentOptions = try container.decodeOneOrMore(PaymentOption.self, forKey: .paymentOptions)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    enum CodingKeys: String, XMLCodingKey {
        case paymentOptions = "PaymentOption"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
