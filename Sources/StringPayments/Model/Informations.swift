public import XMLCoding

/// Informations about the processing (schema `InformationsType`).
///
/// Children: `InformationDetail`+ (MessageDetailType). Travels in responses.
public struct Informations: Codable, Hashable, Sendable {
    /// `InformationDetail`: the details, one or more.
    public var informationDetails: [MessageDetail]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the informations.
    ///
    /// - Parameters:
    ///   - informationDetails: The details, one or more.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        informationDetails: [MessageDetail],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.informationDetails = informationDetails
        self.unknownElements = unknownElements
    }

    /// Decodes the details.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `InformationDetail`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        informationDetails = try container.decodeOneOrMore(MessageDetail.self, forKey: .informationDetails)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    enum CodingKeys: String, XMLCodingKey {
        case informationDetails = "InformationDetail"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
