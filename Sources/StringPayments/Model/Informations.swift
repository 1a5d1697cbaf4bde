import XMLCoding

/// Informations about the processing (schema `InformationsType`).
///
/// Children: `InformationDetail`+ (MessageDetailType). Travels in responses.
public struct Informations: Codable, Hashable, Sendable {
    /// `InformationDetail`: the details, one or more.
    public var informationDetails: [MessageDetail]

    /// Creates the informations.
    ///
    /// - Parameter informationDetails: The details, one or more.
    public init(informationDetails: [MessageDetail]) {
        self.informationDetails = informationDetails
    }

    /// Decodes the details.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `InformationDetail`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        informationDetails = try container.decodeOneOrMore(MessageDetail.self, forKey: .informationDetails)
    }

    enum CodingKeys: String, XMLCodingKey {
        case informationDetails = "InformationDetail"
    }
}
