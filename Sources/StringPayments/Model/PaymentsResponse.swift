public import XMLCoding

/// All payments of a booking as the tour operator sees them (schema `PaymentsResponseType`, the
/// `Payments` element of `PaymentResponse` and `BookingResponse`).
///
/// Attribute `Collection` (CollectionType, required): the encashment the tour operator allows.
/// `TourOperator` or `Agency` restricts every payment of the booking to that encashment; `Mixed`
/// lets each payment choose. Children: `Payment`* (PaymentType or a specialisation), every payment
/// of the booking, whatever channel entered it.
public struct PaymentsResponse: Codable, Hashable, Sendable {
    /// `@Collection`: the encashment allowed for the booking.
    public var collection: PaymentCollection
    /// `Payment`: the booking's payments, possibly none.
    public var payments: [Payment]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the payments of a response.
    ///
    /// - Parameters:
    ///   - collection: The encashment allowed for the booking.
    ///   - payments: The booking's payments.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        collection: PaymentCollection,
        payments: [Payment] = [],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.collection = collection
        self.payments = payments
        self.unknownElements = unknownElements
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
