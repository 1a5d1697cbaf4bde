public import XMLCoding

/// The answer to any request that could not be processed at all (root element `ErrorResponse`).
///
/// Children: `Errors` (`ErrorDetail`+). The content model gives it no `Version` attribute.
public struct ErrorResponse: Codable, Hashable, Sendable, XMLRootElement {
    /// `ErrorResponse` in the STRING namespace.
    public static var xmlRootElementName: XMLQualifiedName { StringNamespace.name("ErrorResponse") }

    /// `Errors`: why the request failed.
    public var errors: Errors
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates an error response.
    ///
    /// - Parameters:
    ///   - errors: Why the request failed.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(errors: Errors, unknownElements: [XMLAnyElement] = []) {
        self.errors = errors
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case errors = "Errors"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
