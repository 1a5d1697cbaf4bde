public import XMLCoding

/// The tour operator reports all payments of a booking (root element `PaymentResponse`).
///
/// Attribute `Version`? (xs:token). Children in schema order: `BookingId` (IdentifierType),
/// `Payments` (PaymentsResponseType), `PaymentOptions`?, `PaymentOverview`?, `Informations`?,
/// `Warnings`?, `Errors`?. Answers a ``PaymentRequest`` or, when the payment comes before the
/// booking, a ``BookingRequest``.
public struct PaymentResponse: Codable, Hashable, Sendable, XMLRootElement {
    /// `PaymentResponse` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName { StringNamespace.name("PaymentResponse") }

    /// `@Version`: the STRING version of the message.
    public var version: String?
    /// `BookingId`: the booking.
    public var bookingId: Identifier
    /// `Payments`: every payment of the booking, whatever channel entered it.
    public var payments: PaymentsResponse
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

    /// Creates a payment response.
    ///
    /// - Parameters:
    ///   - version: The STRING version.
    ///   - bookingId: The booking.
    ///   - payments: Every payment of the booking.
    ///   - paymentOptions: The accepted forms of payment.
    ///   - paymentOverview: The payments at one glance.
    ///   - informations: Informational notes.
    ///   - warnings: Warnings.
    ///   - errors: Errors.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        version: String? = nil,
        bookingId: Identifier,
        payments: PaymentsResponse,
        paymentOptions: PaymentOptions? = nil,
        paymentOverview: PaymentOverview? = nil,
        informations: Informations? = nil,
        warnings: Warnings? = nil,
        errors: Errors? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.version = version
        self.bookingId = bookingId
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
