import XMLCoding

/// Errors that prevented (part of) the processing (schema `ErrorsType`).
///
/// Children: `ErrorDetail`+ (MessageDetailType). Travels in responses.
public struct Errors: Codable, Hashable, Sendable {
    /// `ErrorDetail`: the details, one or more.
    public var errorDetails: [MessageDetail]

    /// Creates the errors.
    ///
    /// - Parameter errorDetails: The details, one or more.
    public init(errorDetails: [MessageDetail]) {
        self.errorDetails = errorDetails
    }

    /// Decodes the details.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `ErrorDetail`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorDetails = try container.decodeOneOrMore(MessageDetail.self, forKey: .errorDetails)
    }

    enum CodingKeys: String, XMLCodingKey {
        case errorDetails = "ErrorDetail"
    }
}
