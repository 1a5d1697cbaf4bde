public import XMLCoding

/// The payment or financial service provider that handles a payment (schema
/// `PaymentServiceProviderType`).
///
/// Children in schema order: `Name` (xs:string), `LogoURL`? (xs:anyURI), `Description`?
/// (xs:string). Used by a payment and by a payment option.
public struct PaymentServiceProvider: Codable, Hashable, Sendable {
    /// `Name`: the provider's name, such as `PayPal`.
    public var name: String
    /// `LogoURL`: where the provider's logo can be fetched.
    ///
    /// Kept as the lexical `xs:anyURI` text, since `anyURI` admits relative references and IRIs
    /// that `URL` would alter or refuse.
    public var logoURL: String?
    /// `Description`: an explanation of the provider for the customer.
    public var description: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a service provider.
    ///
    /// - Parameters:
    ///   - name: The provider's name.
    ///   - logoURL: Where its logo can be fetched.
    ///   - description: An explanation for the customer.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        name: String,
        logoURL: String? = nil,
        description: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.name = name
        self.logoURL = logoURL
        self.description = description
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case name = "Name"
        case logoURL = "LogoURL"
        case description = "Description"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
