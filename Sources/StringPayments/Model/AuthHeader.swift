public import XMLCoding

/// The credentials of an enveloped request (schema `AuthHeaderType`, in `StringRequest`).
///
/// Children in schema order: `User`?, `Token`? (xs:string). The token is a secret: ``description``,
/// ``debugDescription`` and the reflection `dump` uses show it masked.
public struct AuthHeader: Codable, Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// `User`: the user name.
    public var user: String?
    /// `Token`: the authentication token (secret).
    public var token: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates an authentication header.
    ///
    /// - Parameters:
    ///   - user: The user name.
    ///   - token: The authentication token.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        user: String? = nil,
        token: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.user = user
        self.token = token
        self.unknownElements = unknownElements
    }

    /// The user and, if present, a masked token: `AuthHeader(user: "agent", token: ***)`.
    public var description: String {
        "AuthHeader(user: \(user.map { "\"\($0)\"" } ?? "nil"), token: \(token == nil ? "nil" : "***"))"
    }

    /// The same as ``description``: the token stays masked.
    public var debugDescription: String { description }

    /// A mirror that shows the user and a masked token.
    public var customMirror: Mirror {
        Mirror(self, children: ["user": user as Any, "token": (token == nil ? "nil" : "***") as Any])
    }

    enum CodingKeys: String, XMLCodingKey {
        case user = "User"
        case token = "Token"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
