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

    /// Creates an enveloped response.
    ///
    /// - Parameters:
    ///   - timeStamp: When the response was sent.
    ///   - version: The STRING version.
    ///   - content: The payload.
    public init(timeStamp: XMLDateTime? = nil, version: String? = nil, content: EnvelopeContent? = nil) {
        self.timeStamp = timeStamp
        self.version = version
        self.content = content
    }

    enum CodingKeys: String, XMLCodingKey {
        case timeStamp = "TimeStamp"
        case version = "Version"
        case content = "Content"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .timeStamp, .version: return .attribute
            default: return .element
            }
        }
    }
}
