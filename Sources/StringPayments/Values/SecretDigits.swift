import XMLCoding

/// Parsing and coding shared by the secret digit strings ``CardNumber`` and ``SecurityCode``.
///
/// The secret types do not conform to ``/XMLCoding/XMLLexicalValue`` on purpose: for a lexical value that
/// fails to parse, the XML decoder writes the offending text into its error message. Decoding
/// through `Decoder` instead lets these types throw an error that never quotes the text.
enum SecretDigits {
    /// Whether the text is `lengths` ASCII digits and nothing else.
    static func isValid(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        let bytes = text.utf8
        return lengths.contains(bytes.count) && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Decodes the digits from a single string value, white space collapsed as the decoder does
    /// for lexical values.
    ///
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `invalid-value` whose message names the type and
    ///   the expected form but never the text; the XML decoder adds the location.
    static func decode(
        from decoder: any Decoder, lengths: ClosedRange<Int>, typeName: String
    ) throws -> String {
        let text = XMLWhitespace.collapse(try decoder.singleValueContainer().decode(String.self))
        guard isValid(text, lengths: lengths) else {
            throw XMLCodingError(
                code: .invalidValue,
                message:
                    "the value is not a valid \(typeName) (\(lengths.lowerBound) to \(lengths.upperBound) digits); the text of a secret element is withheld",
                codingPath: decoder.codingPath)
        }
        return text
    }

    /// Encodes the digits as a single string value.
    static func encode(_ digits: String, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
