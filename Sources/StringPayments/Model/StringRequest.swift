public import XMLCoding

/// The request inside a `StringMessageRequest` envelope (schema `StringRequestType`).
///
/// Attributes: `TimeStamp` (xs:dateTime, required), `Version` (xs:token, required). Children in
/// schema order: `RoutingHeader`, `AuthHeader`?, `Content`? (any payload). A request without
/// `Content` asks for the operator's supported versions.
public struct StringRequest: Codable, Hashable, Sendable {
    /// `@TimeStamp`: when the request was sent.
    public var timeStamp: XMLDateTime
    /// `@Version`: the STRING version the sender speaks.
    public var version: String
    /// `RoutingHeader`: the tour operator addressed and the sending agency.
    public var routingHeader: RoutingHeader
    /// `AuthHeader`: the credentials.
    public var authHeader: AuthHeader?
    /// `Content`: the payload; `nil` asks for the supported versions.
    public var content: EnvelopeContent?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates an enveloped request.
    ///
    /// - Parameters:
    ///   - timeStamp: When the request was sent.
    ///   - version: The STRING version.
    ///   - routingHeader: Addressee and sender.
    ///   - authHeader: The credentials.
    ///   - content: The payload.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        timeStamp: XMLDateTime,
        version: String,
        routingHeader: RoutingHeader,
        authHeader: AuthHeader? = nil,
        content: EnvelopeContent? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.timeStamp = timeStamp
        self.version = version
        self.routingHeader = routingHeader
        self.authHeader = authHeader
        self.content = content
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case timeStamp = "TimeStamp"
        case version = "Version"
        case routingHeader = "RoutingHeader"
        case authHeader = "AuthHeader"
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
