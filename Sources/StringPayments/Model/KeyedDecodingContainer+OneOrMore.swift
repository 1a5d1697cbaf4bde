import XMLCoding

extension KeyedDecodingContainer {
    /// Decodes the repeated elements of a `maxOccurs="unbounded"` particle with `minOccurs="1"`.
    ///
    /// An XML decoder returns an empty array for an absent repeated element; the schema's
    /// "one or more" is enforced here so the model never holds a container the schema would refuse.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no such element.
    func decodeOneOrMore<Element: Decodable>(_ type: Element.Type, forKey key: Key) throws -> [Element] {
        let elements = try decode([Element].self, forKey: key)
        guard !elements.isEmpty else {
            throw XMLCodingError(
                code: .missingElement,
                message: "at least one '\(key.stringValue)' element is required",
                codingPath: codingPath + [key])
        }
        return elements
    }
}
