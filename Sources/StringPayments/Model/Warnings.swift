public import XMLCoding

/// Warnings about the processing (schema `WarningsType`).
///
/// Children: `WarningDetail`+ (MessageDetailType). Travels in responses.
public struct Warnings: Codable, Hashable, Sendable {
    /// `WarningDetail`: the details, one or more.
    public var warningDetails: [MessageDetail]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the warnings.
    ///
    /// - Parameters:
    ///   - warningDetails: The details, one or more.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        warningDetails: [MessageDetail],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.warningDetails = warningDetails
        self.unknownElements = unknownElements
    }

    /// Decodes the details.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `WarningDetail`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warningDetails = try container.decodeOneOrMore(MessageDetail.self, forKey: .warningDetails)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    enum CodingKeys: String, XMLCodingKey {
        case warningDetails = "WarningDetail"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
