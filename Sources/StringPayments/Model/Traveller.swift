public import XMLCoding

/// One traveller of a booking (schema `TravellerType`).
///
/// Attribute `Identifier` (IdentifierType, required): what `BookingOwner` and
/// `AssignedToTraveller` refer to. Children in schema order: `Salutation`?, `Prename`?,
/// `Surname`, `BirthDate`? (DateType), `Email`?.
public struct Traveller: Codable, Hashable, Sendable {
    /// `@Identifier`: the traveller's identifier within the booking.
    public var identifier: Identifier
    /// `Salutation`, such as `Frau` or `Herr`.
    public var salutation: String?
    /// `Prename`: the given name.
    public var prename: String?
    /// `Surname`: the family name.
    public var surname: String
    /// `BirthDate`.
    public var birthDate: XMLDate?
    /// `Email`.
    public var email: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a traveller.
    ///
    /// - Parameters:
    ///   - identifier: The identifier within the booking.
    ///   - salutation: The salutation.
    ///   - prename: The given name.
    ///   - surname: The family name.
    ///   - birthDate: The date of birth.
    ///   - email: The e-mail address.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        identifier: Identifier,
        salutation: String? = nil,
        prename: String? = nil,
        surname: String,
        birthDate: XMLDate? = nil,
        email: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.identifier = identifier
        self.salutation = salutation
        self.prename = prename
        self.surname = surname
        self.birthDate = birthDate
        self.email = email
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case identifier = "Identifier"
        case salutation = "Salutation"
        case prename = "Prename"
        case surname = "Surname"
        case birthDate = "BirthDate"
        case email = "Email"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .identifier: return .attribute
            case .unknownElements: return .otherElements
            default: return .element
            }
        }
    }
}
