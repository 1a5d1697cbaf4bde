import XMLCoding

/// Warnings about the processing (schema `WarningsType`).
///
/// Children: `WarningDetail`+ (MessageDetailType). Travels in responses.
public struct Warnings: Codable, Hashable, Sendable {
    /// `WarningDetail`: the details, one or more.
    public var warningDetails: [MessageDetail]

    /// Creates the warnings.
    ///
    /// - Parameter warningDetails: The details, one or more.
    public init(warningDetails: [MessageDetail]) {
        self.warningDetails = warningDetails
    }

    /// Decodes the details.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `WarningDetail`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warningDetails = try container.decodeOneOrMore(MessageDetail.self, forKey: .warningDetails)
    }

    enum CodingKeys: String, XMLCodingKey {
        case warningDetails = "WarningDetail"
    }
}
