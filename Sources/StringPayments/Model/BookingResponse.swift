public import XMLCoding

/// The tour operator reports a booking's state, with its payments (root element
/// `BookingResponse`).
///
/// Attribute `Version`? (xs:token). Children in schema order: `BookingId`?, `BookingState`,
/// `Travellers`?, `BookingDetails`?, `Prices`?, `Services`?, `Payments`? (PaymentsResponseType),
/// `PaymentOptions`?, `PaymentOverview`?, `Informations`?, `Warnings`?, `Errors`?. Answers a
/// ``BookingRequest`` or, when the payment completed the booking, a ``PaymentRequest``.
public struct BookingResponse: Codable, Hashable, Sendable, XMLRootElement {
    /// `BookingResponse` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName { StringNamespace.name("BookingResponse") }

    /// `@Version`: the STRING version of the message.
    public var version: String?
    /// `BookingId`: the booking; absent for a quote.
    public var bookingId: Identifier?
    /// `BookingState`: quoted, booked or cancelled.
    public var bookingState: BookingState
    /// `Travellers`: the travellers.
    public var travellers: Travellers?
    /// `BookingDetails`: owner, travel dates and seller.
    public var bookingDetails: BookingDetails?
    /// `Prices`: the booking's price.
    public var prices: Prices?
    /// `Services`: the booked services, verbatim.
    public var services: Services?
    /// `Payments`: every payment of the booking.
    public var payments: PaymentsResponse?
    /// `PaymentOptions`: the forms of payment the tour operator accepts.
    public var paymentOptions: PaymentOptions?
    /// `PaymentOverview`: the booking's payments at one glance.
    public var paymentOverview: PaymentOverview?
    /// `Informations`: informational notes.
    public var informations: Informations?
    /// `Warnings`: warnings.
    public var warnings: Warnings?
    /// `Errors`: errors.
    public var errors: Errors?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a booking response.
    ///
    /// - Parameters:
    ///   - version: The STRING version.
    ///   - bookingId: The booking.
    ///   - bookingState: Quoted, booked or cancelled.
    ///   - travellers: The travellers.
    ///   - bookingDetails: Owner, travel dates and seller.
    ///   - prices: The price.
    ///   - services: The booked services.
    ///   - payments: Every payment of the booking.
    ///   - paymentOptions: The accepted forms of payment.
    ///   - paymentOverview: The payments at one glance.
    ///   - informations: Informational notes.
    ///   - warnings: Warnings.
    ///   - errors: Errors.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        version: String? = nil,
        bookingId: Identifier? = nil,
        bookingState: BookingState,
        travellers: Travellers? = nil,
        bookingDetails: BookingDetails? = nil,
        prices: Prices? = nil,
        services: Services? = nil,
        payments: PaymentsResponse? = nil,
        paymentOptions: PaymentOptions? = nil,
        paymentOverview: PaymentOverview? = nil,
        informations: Informations? = nil,
        warnings: Warnings? = nil,
        errors: Errors? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.version = version
        self.bookingId = bookingId
        self.bookingState = bookingState
        self.travellers = travellers
        self.bookingDetails = bookingDetails
        self.prices = prices
        self.services = services
        self.payments = payments
        self.paymentOptions = paymentOptions
        self.paymentOverview = paymentOverview
        self.informations = informations
        self.warnings = warnings
        self.errors = errors
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case version = "Version"
        case bookingId = "BookingId"
        case bookingState = "BookingState"
        case travellers = "Travellers"
        case bookingDetails = "BookingDetails"
        case prices = "Prices"
        case services = "Services"
        case payments = "Payments"
        case paymentOptions = "PaymentOptions"
        case paymentOverview = "PaymentOverview"
        case informations = "Informations"
        case warnings = "Warnings"
        case errors = "Errors"
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
