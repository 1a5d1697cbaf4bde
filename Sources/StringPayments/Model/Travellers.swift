import XMLCoding

/// The travellers of a booking (schema `TravellersType`).
///
/// Children: `Traveller`+.
public struct Travellers: Codable, Hashable, Sendable {
    /// `Traveller`: the travellers, one or more.
    public var travellers: [Traveller]

    /// Creates the travellers.
    ///
    /// - Parameter travellers: The travellers, one or more.
    public init(travellers: [Traveller]) {
        self.travellers = travellers
    }

    /// Decodes the travellers.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `Traveller`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        travellers = try container.decodeOneOrMore(Traveller.self, forKey: .travellers)
    }

    enum CodingKeys: String, XMLCodingKey {
        case travellers = "Traveller"
    }
}
