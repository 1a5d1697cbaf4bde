public import XMLCoding

/// A business identifier code (ISO 9362, "SWIFT code") of STRING's `BICType`: 8 or 11
/// characters matching `[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?`.
///
/// The letters are the institution (4), the country (2), the location (2, letters or digits)
/// and, optionally, the branch (3).
public struct BIC: XMLLexicalValue, Hashable, CustomStringConvertible {
    /// The code, such as `COBADEFFXXX`.
    public let value: String

    /// Creates a BIC.
    ///
    /// - Parameter text: 8 or 11 upper-case letters and digits.
    /// - Returns: `nil` when the text does not match `[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?`.
    public init?(_ text: String) {
        let bytes = text.utf8
        guard bytes.count == 8 || bytes.count == 11 else { return nil }
        for (offset, byte) in bytes.enumerated() {
            let isLetter = byte >= 0x41 && byte <= 0x5A
            let isDigit = byte >= 0x30 && byte <= 0x39
            guard isLetter || (offset >= 6 && isDigit) else { return nil }
        }
        self.value = text
    }

    /// Parses the lexical form; see ``init(_:)``.
    ///
    /// - Parameter text: The white-space collapsed text.
    public init?(xmlLexicalForm text: String) {
        self.init(text)
    }

    /// The country code: characters 5 and 6.
    public var countryCode: CountryCode {
        CountryCode(validated: String(value.dropFirst(4).prefix(2)))
    }

    /// The branch code (characters 9 to 11), or `nil` for an 8-character BIC.
    public var branchCode: String? {
        value.utf8.count == 11 ? String(value.suffix(3)) : nil
    }

    /// The code.
    public var xmlLexicalForm: String { value }

    /// `BICType`.
    public static var xmlTypeName: String { "BICType" }
    /// Derived from `xs:string` by a pattern: white space is part of the value, and refused.
    public static var xmlWhiteSpace: XMLWhiteSpaceFacet { .preserve }

    /// The code.
    public var description: String { value }
}
