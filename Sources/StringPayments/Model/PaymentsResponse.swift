import XMLCoding

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

    /// Creates the payments of a response.
    ///
    /// - Parameters:
    ///   - collection: The encashment allowed for the booking.
    ///   - payments: The booking's payments.
    public init(collection: PaymentCollection, payments: [Payment] = []) {
        self.collection = collection
        self.payments = payments
    }

    enum CodingKeys: String, XMLCodingKey {
        case collection = "Collection"
        case payments = "Payment"

        var xmlNodeKind: XMLNodeKind { self == .collection ? .attribute : .element }
    }
}
