public import XMLCoding

/// The travellers of a booking (schema `TravellersType`).
///
/// Children: `Traveller`+.
public struct Travellers: Codable, Hashable, Sendable {
    /// `Traveller`: the travellers, one or more.
    public var travellers: [Traveller]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the travellers.
    ///
    /// - Parameters:
    ///   - travellers: The travellers, one or more.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        travellers: [Traveller],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.travellers = travellers
        self.unknownElements = unknownElements
    }

    /// Decodes the travellers.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `Traveller`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        travellers = try container.decodeOneOrMore(Traveller.self, forKey: .travellers)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    enum CodingKeys: String, XMLCodingKey {
        case travellers = "Traveller"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
