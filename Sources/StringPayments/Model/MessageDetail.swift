public import XMLCoding

/// One error, warning or information in a response (schema `MessageDetailType`, used by
/// `ErrorDetail`, `WarningDetail` and `InformationDetail`).
///
/// Children in schema order: `Code` (xs:token), `Text` (xs:string), `Reference`? (IdentifierType,
/// such as the `Identifier` of the payment concerned).
public struct MessageDetail: Codable, Hashable, Sendable {
    /// `Code`: the tour operator's machine-readable code, such as `BOOKING_NOT_FOUND`.
    public var code: String
    /// `Text`: the explanation for people.
    public var text: String
    /// `Reference`: what the detail concerns, such as a payment's `Identifier`.
    public var reference: Identifier?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a message detail.
    ///
    /// - Parameters:
    ///   - code: The machine-readable code.
    ///   - text: The explanation.
    ///   - reference: What the detail concerns.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        code: String,
        text: String,
        reference: Identifier? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.code = code
        self.text = text
        self.reference = reference
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case code = "Code"
        case text = "Text"
        case reference = "Reference"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
