public import XMLCoding

/// The payments a request enters (schema `PaymentsRequestType`, the `Payments` element of
/// `PaymentRequest` and `BookingRequest`).
///
/// Attribute `Collection`? (CollectionType): the encashment the agency chooses for the booking as a
/// whole. Children: `Payment`+ (PaymentType or a specialisation named by `xsi:type`).
public struct PaymentsRequest: Codable, Hashable, Sendable {
    /// `@Collection`: the encashment chosen for all payments of the booking.
    public var collection: PaymentCollection?
    /// `Payment`: the payments entered, one or more.
    public var payments: [Payment]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the payments of a request.
    ///
    /// - Parameters:
    ///   - collection: The encashment chosen for all payments.
    ///   - payments: The payments, one or more.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        collection: PaymentCollection? = nil,
        payments: [Payment],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.collection = collection
        self.payments = payments
        self.unknownElements = unknownElements
    }

    /// Decodes the collection and the payments.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `Payment`, or the
    ///   error of a payment.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        collection = try container.decodeIfPresent(PaymentCollection.self, forKey: .collection)
        payments = try container.decodeOneOrMore(Payment.self, forKey: .payments)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    enum CodingKeys: String, XMLCodingKey {
        case collection = "Collection"
        case payments = "Payment"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .collection: return .attribute
            case .unknownElements: return .otherElements
            default: return .element
            }
        }
    }
}
