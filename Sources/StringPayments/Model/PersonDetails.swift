public import XMLCoding

/// Name, address and contact details of a person (schema `PersonDetailsType`).
///
/// Children in schema order: `Salutation`?, `Prename`?, `Surname`, `Street`?, `PostalCode`?,
/// `City`?, `CountryCode`? (`[A-Z]{2}`), `Email`?, `Phone`?; all xs:string except the country
/// code. Used as a cash holder's ``CashHolder/ownerDetails(_:)``.
public struct PersonDetails: Codable, Hashable, Sendable {
    /// `Salutation`, such as `Frau` or `Herr`.
    public var salutation: String?
    /// `Prename`: the given name.
    public var prename: String?
    /// `Surname`: the family name (required).
    public var surname: String
    /// `Street`, with the house number.
    public var street: String?
    /// `PostalCode`.
    public var postalCode: String?
    /// `City`.
    public var city: String?
    /// `CountryCode`: the ISO 3166-1 alpha-2 country code.
    public var countryCode: CountryCode?
    /// `Email`.
    public var email: String?
    /// `Phone`.
    public var phone: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates person details.
    ///
    /// - Parameters:
    ///   - salutation: The salutation.
    ///   - prename: The given name.
    ///   - surname: The family name.
    ///   - street: The street and house number.
    ///   - postalCode: The postal code.
    ///   - city: The city.
    ///   - countryCode: The country.
    ///   - email: The e-mail address.
    ///   - phone: The phone number.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        salutation: String? = nil,
        prename: String? = nil,
        surname: String,
        street: String? = nil,
        postalCode: String? = nil,
        city: String? = nil,
        countryCode: CountryCode? = nil,
        email: String? = nil,
        phone: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.salutation = salutation
        self.prename = prename
        self.surname = surname
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.countryCode = countryCode
        self.email = email
        self.phone = phone
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case salutation = "Salutation"
        case prename = "Prename"
        case surname = "Surname"
        case street = "Street"
        case postalCode = "PostalCode"
        case city = "City"
        case countryCode = "CountryCode"
        case email = "Email"
        case phone = "Phone"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
