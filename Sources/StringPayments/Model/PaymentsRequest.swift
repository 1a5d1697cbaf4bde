import XMLCoding

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

    /// Creates the payments of a request.
    ///
    /// - Parameters:
    ///   - collection: The encashment chosen for all payments.
    ///   - payments: The payments, one or more.
    public init(collection: PaymentCollection? = nil, payments: [Payment]) {
        self.collection = collection
        self.payments = payments
    }

    /// Decodes the collection and the payments.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `Payment`, or the
    ///   error of a payment.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        collection = try container.decodeIfPresent(PaymentCollection.self, forKey: .collection)
        payments = try container.decodeOneOrMore(Payment.self, forKey: .payments)
    }

    enum CodingKeys: String, XMLCodingKey {
        case collection = "Collection"
        case payments = "Payment"

        var xmlNodeKind: XMLNodeKind { self == .collection ? .attribute : .element }
    }
}
