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

    /// Creates an enveloped request.
    ///
    /// - Parameters:
    ///   - timeStamp: When the request was sent.
    ///   - version: The STRING version.
    ///   - routingHeader: Addressee and sender.
    ///   - authHeader: The credentials.
    ///   - content: The payload.
    public init(
        timeStamp: XMLDateTime,
        version: String,
        routingHeader: RoutingHeader,
        authHeader: AuthHeader? = nil,
        content: EnvelopeContent? = nil
    ) {
        self.timeStamp = timeStamp
        self.version = version
        self.routingHeader = routingHeader
        self.authHeader = authHeader
        self.content = content
    }

    enum CodingKeys: String, XMLCodingKey {
        case timeStamp = "TimeStamp"
        case version = "Version"
        case routingHeader = "RoutingHeader"
        case authHeader = "AuthHeader"
        case content = "Content"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .timeStamp, .version: return .attribute
            default: return .element
            }
        }
    }
}
