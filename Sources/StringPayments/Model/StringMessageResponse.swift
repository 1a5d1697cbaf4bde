public import XMLCoding

/// The envelope of a response (root element `StringMessageResponse`).
///
/// Children: `StringResponse`, which carries the version and the payload in `Content`. Answers a
/// ``StringMessageRequest``.
public struct StringMessageResponse: Codable, Hashable, Sendable, XMLRootElement {
    /// `StringMessageResponse` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName {
        StringNamespace.name("StringMessageResponse")
    }

    /// `StringResponse`: the response.
    public var stringResponse: StringResponse
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a response envelope.
    ///
    /// - Parameters:
    ///   - stringResponse: The response.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(stringResponse: StringResponse, unknownElements: [XMLAnyElement] = []) {
        self.stringResponse = stringResponse
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case stringResponse = "StringResponse"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
