public import XMLCoding

/// The booked services, kept verbatim (schema `ServicesType`: any content, not validated).
///
/// The payment model does not interpret services; each child element is kept as it is, with its
/// namespace, attributes and content, and written back unchanged.
public struct Services: Codable, Hashable, Sendable {
    /// The child elements, in document order.
    public var content: [XMLAnyElement]

    /// Creates services.
    ///
    /// - Parameter content: The child elements, in order.
    public init(content: [XMLAnyElement] = []) {
        self.content = content
    }

    enum CodingKeys: String, XMLCodingKey {
        case content = "Content"

        var xmlNodeKind: XMLNodeKind { .otherElements }
    }
}
