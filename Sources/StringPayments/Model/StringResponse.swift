public import XMLCoding

/// The response inside a `StringMessageResponse` envelope (schema `StringResponseType`).
///
/// Attributes: `TimeStamp`? (xs:dateTime), `Version`? (xs:token). Children: `Content`? (any
/// payload). The answer to a request without `Content` is the `Version` attribute alone.
public struct StringResponse: Codable, Hashable, Sendable {
    /// `@TimeStamp`: when the response was sent.
    public var timeStamp: XMLDateTime?
    /// `@Version`: the STRING version of the response, or the version the operator supports.
    public var version: String?
    /// `Content`: the payload.
    public var content: EnvelopeContent?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates an enveloped response.
    ///
    /// - Parameters:
    ///   - timeStamp: When the response was sent.
    ///   - version: The STRING version.
    ///   - content: The payload.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        timeStamp: XMLDateTime? = nil,
        version: String? = nil,
        content: EnvelopeContent? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.timeStamp = timeStamp
        self.version = version
        self.content = content
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case timeStamp = "TimeStamp"
        case version = "Version"
        case content = "Content"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .timeStamp, .version: return .attribute
            case .unknownElements: return .otherElements
            default: return .element
            }
        }
    }
}
