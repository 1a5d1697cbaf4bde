public import XMLCoding

/// The envelope of a request (root element `StringMessageRequest`).
///
/// Children: `StringRequest`, which carries routing, version and the payload in `Content`.
/// Answered by a ``StringMessageResponse``.
public struct StringMessageRequest: Codable, Hashable, Sendable, XMLRootElement {
    /// `StringMessageRequest` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName {
        StringNamespace.name("StringMessageRequest")
    }

    /// `StringRequest`: the request.
    public var stringRequest: StringRequest
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a request envelope.
    ///
    /// - Parameters:
    ///   - stringRequest: The request.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(stringRequest: StringRequest, unknownElements: [XMLAnyElement] = []) {
        self.stringRequest = stringRequest
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case stringRequest = "StringRequest"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
