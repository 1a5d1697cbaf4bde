public import XMLCoding

/// The agency enters one or more payments of a booking (root element `PaymentRequest`).
///
/// Attribute `Version`? (xs:token). Children in schema order: `AgencyInformation`?, `BookingId`
/// (IdentifierType), `Payments` (PaymentsRequestType). Answered by a ``PaymentResponse`` (the
/// standard), a ``BookingResponse`` (the payment completed the booking) or an ``ErrorResponse``.
public struct PaymentRequest: Codable, Hashable, Sendable, XMLRootElement {
    /// `PaymentRequest` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName { StringNamespace.name("PaymentRequest") }

    /// `@Version`: the STRING version of the message.
    public var version: String?
    /// `AgencyInformation`: the agency that sends the request.
    public var agencyInformation: AgencyInformation?
    /// `BookingId`: the booking the payments belong to.
    public var bookingId: Identifier
    /// `Payments`: the payments entered.
    public var payments: PaymentsRequest
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a payment request.
    ///
    /// - Parameters:
    ///   - version: The STRING version.
    ///   - agencyInformation: The sending agency.
    ///   - bookingId: The booking.
    ///   - payments: The payments entered.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        version: String? = nil,
        agencyInformation: AgencyInformation? = nil,
        bookingId: Identifier,
        payments: PaymentsRequest,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.version = version
        self.agencyInformation = agencyInformation
        self.bookingId = bookingId
        self.payments = payments
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case version = "Version"
        case agencyInformation = "AgencyInformation"
        case bookingId = "BookingId"
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
