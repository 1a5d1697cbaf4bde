public import XMLCoding

/// The booking's owner, travel dates and seller (schema `BookingDetailsType`).
///
/// Children in schema order: `BookingOwner` (IdentifierType: a traveller of the booking),
/// `StartDate`, `EndDate`? (DateType), `Seller`?, `Branch`? (xs:string). When the message carries
/// `Travellers`, `BookingOwner` must name one of them (checked by the library's validation).
public struct BookingDetails: Codable, Hashable, Sendable {
    /// `BookingOwner`: the `Identifier` of the traveller who owns the booking.
    public var bookingOwner: Identifier
    /// `StartDate`: the first day of travel.
    public var startDate: XMLDate
    /// `EndDate`: the last day of travel.
    public var endDate: XMLDate?
    /// `Seller`: the agent who sold the booking.
    public var seller: String?
    /// `Branch`: the agency branch that sold it.
    public var branch: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates booking details.
    ///
    /// - Parameters:
    ///   - bookingOwner: The traveller who owns the booking.
    ///   - startDate: The first day of travel.
    ///   - endDate: The last day of travel.
    ///   - seller: The agent who sold it.
    ///   - branch: The branch that sold it.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        bookingOwner: Identifier, startDate: XMLDate, endDate: XMLDate? = nil, seller: String? = nil,
        branch: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.bookingOwner = bookingOwner
        self.startDate = startDate
        self.endDate = endDate
        self.seller = seller
        self.branch = branch
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case bookingOwner = "BookingOwner"
        case startDate = "StartDate"
        case endDate = "EndDate"
        case seller = "Seller"
        case branch = "Branch"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
