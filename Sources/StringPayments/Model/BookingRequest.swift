public import XMLCoding

/// The agency quotes, books, retrieves, modifies or cancels a booking (root element
/// `BookingRequest`).
///
/// Attribute `Version`? (xs:token). Children in schema order: `AgencyInformation`?,
/// `RequestTrigger`, `BookingId`? (required for Retrieve, Modify and Cancel), `Travellers`?,
/// `BookingDetails`?, `Prices`?, `Services`? (any content, kept verbatim), `Payments`?
/// (PaymentsRequestType). `BookingOwner` and every `AssignedToTraveller` must name a traveller of
/// the message when it carries `Travellers`; these rules are checked by the library's validation.
/// Answered by a ``BookingResponse``, a ``PaymentResponse`` (payment before booking) or an
/// ``ErrorResponse``.
public struct BookingRequest: Codable, Hashable, Sendable, XMLRootElement {
    /// `BookingRequest` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName { StringNamespace.name("BookingRequest") }

    /// `@Version`: the STRING version of the message.
    public var version: String?
    /// `AgencyInformation`: the agency that sends the request.
    public var agencyInformation: AgencyInformation?
    /// `RequestTrigger`: what the request asks for.
    public var requestTrigger: RequestTrigger
    /// `BookingId`: the booking; required for Retrieve, Modify and Cancel.
    public var bookingId: Identifier?
    /// `Travellers`: the travellers.
    public var travellers: Travellers?
    /// `BookingDetails`: owner, travel dates and seller.
    public var bookingDetails: BookingDetails?
    /// `Prices`: the booking's price.
    public var prices: Prices?
    /// `Services`: the booked services, verbatim.
    public var services: Services?
    /// `Payments`: payments entered with the booking.
    public var payments: PaymentsRequest?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a booking request.
    ///
    /// - Parameters:
    ///   - version: The STRING version.
    ///   - agencyInformation: The sending agency.
    ///   - requestTrigger: What the request asks for.
    ///   - bookingId: The booking.
    ///   - travellers: The travellers.
    ///   - bookingDetails: Owner, travel dates and seller.
    ///   - prices: The price.
    ///   - services: The booked services.
    ///   - payments: Payments entered with the booking.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        version: String? = nil,
        agencyInformation: AgencyInformation? = nil,
        requestTrigger: RequestTrigger,
        bookingId: Identifier? = nil,
        travellers: Travellers? = nil,
        bookingDetails: BookingDetails? = nil,
        prices: Prices? = nil,
        services: Services? = nil,
        payments: PaymentsRequest? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.version = version
        self.agencyInformation = agencyInformation
        self.requestTrigger = requestTrigger
        self.bookingId = bookingId
        self.travellers = travellers
        self.bookingDetails = bookingDetails
        self.prices = prices
        self.services = services
        self.payments = payments
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case version = "Version"
        case agencyInformation = "AgencyInformation"
        case requestTrigger = "RequestTrigger"
        case bookingId = "BookingId"
        case travellers = "Travellers"
        case bookingDetails = "BookingDetails"
        case prices = "Prices"
        case services = "Services"
        case payments = "Payments"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .version: return .attribute
            case .unknownElements: return .otherElements
            default: return .element
            }
        }
    }
}
