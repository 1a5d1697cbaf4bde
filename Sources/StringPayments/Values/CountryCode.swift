public import XMLCoding

/// An ISO 3166-1 alpha-2 country code of STRING's `CountryCodeType` (pattern `[A-Z]{2}`).
///
/// Only the form is checked: any two upper-case ASCII letters are a country code, as the
/// schema has it.
public struct CountryCode: XMLLexicalValue, Hashable, Comparable, CustomStringConvertible {
    /// The two upper-case letters, such as `DE`.
    public let code: String

    /// Creates a country code from two upper-case ASCII letters.
    ///
    /// - Parameter code: The code, such as `DE`.
    /// - Returns: `nil` when the text is not two letters `A`–`Z`.
    public init?(_ code: String) {
        let bytes = code.utf8
        guard bytes.count == 2, bytes.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        self.code = code
    }

    /// Creates a country code from text already known to be two letters `A`–`Z`.
    init(validated code: String) {
        self.code = code
    }

    /// Parses the lexical form; see ``init(_:)``.
    ///
    /// - Parameter text: The white-space collapsed text.
    public init?(xmlLexicalForm text: String) {
        self.init(text)
    }

    /// The code.
    public var xmlLexicalForm: String { code }

    /// `CountryCodeType`.
    public static var xmlTypeName: String { "CountryCodeType" }
    /// Derived from `xs:string` by a pattern: white space is part of the value, and refused.
    public static var xmlWhiteSpace: XMLWhiteSpaceFacet { .preserve }

    /// The code, such as `DE`.
    public var description: String { code }

    /// Orders codes alphabetically.
    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool {
        lhs.code < rhs.code
    }
}
