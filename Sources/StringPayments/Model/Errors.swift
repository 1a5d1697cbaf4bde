public import XMLCoding

/// Errors that prevented (part of) the processing (schema `ErrorsType`).
///
/// Children: `ErrorDetail`+ (MessageDetailType). Travels in responses.
public struct Errors: Codable, Hashable, Sendable {
    /// `ErrorDetail`: the details, one or more.
    public var errorDetails: [MessageDetail]
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the errors.
    ///
    /// - Parameters:
    ///   - errorDetails: The details, one or more.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        errorDetails: [MessageDetail],
        unknownElements: [XMLAnyElement] = []
    ) {
        self.errorDetails = errorDetails
        self.unknownElements = unknownElements
    }

    /// Decodes the details.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `ErrorDetail`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorDetails = try container.decodeOneOrMore(MessageDetail.self, forKey: .errorDetails)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    enum CodingKeys: String, XMLCodingKey {
        case errorDetails = "ErrorDetail"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
