public import XMLCoding

/// An identifier of STRING's `IdentifierType`: an `xs:token` of 1 to 64 characters.
///
/// Payment identifiers, booking ids, traveller identifiers and operator codes are identifiers.
/// White space is collapsed first (runs of space, tab, CR and LF become one space, leading and
/// trailing ones go), as for every `xs:token`; the length then counts Unicode scalars, as XSD
/// counts characters.
///
/// ``init(_:)`` and decoding produce only valid identifiers. A string literal cannot fail, so
/// ``init(stringLiteral:)`` never crashes: it collapses the literal's white space and keeps the
/// result as written, and ``isValid`` tells whether that is a valid identifier. An invalid
/// literal (empty, or longer than 64 characters) is neither truncated nor replaced, because
/// either would silently change or merge identities. It is encoded as it is, so a document
/// carrying it fails schema validation: a bad literal in code shows up as an error, not as a
/// different identifier.
///
/// As for every literal-expressible type, `Identifier("P-1")` with a *literal* argument is the
/// literal initializer (it returns an `Identifier`, never `nil`); pass a `String` value, or
/// check ``isValid``, to validate text.
public struct Identifier: XMLLexicalValue, Hashable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The fewest characters an identifier has.
    public static let minimumLength = 1
    /// The most characters an identifier has.
    public static let maximumLength = 64

    /// The identifier's text, white space collapsed.
    public let value: String

    /// Creates an identifier from text, collapsing its white space.
    ///
    /// - Parameter text: The text, such as `P-1`.
    /// - Returns: `nil` when the collapsed text is empty or longer than 64 characters.
    public init?(_ text: String) {
        let collapsed = XMLWhitespace.collapse(text)
        guard Self.isValidCollapsed(collapsed) else { return nil }
        self.value = collapsed
    }

    /// Creates an identifier from a literal, collapsing its white space; never fails.
    ///
    /// An empty or over-long literal is kept as it is and ``isValid`` is `false`.
    ///
    /// - Parameter value: The literal.
    public init(stringLiteral value: String) {
        self.value = XMLWhitespace.collapse(value)
    }

    /// Parses the lexical form, which the decoder has already white-space collapsed.
    ///
    /// - Parameter text: The collapsed text.
    public init?(xmlLexicalForm text: String) {
        self.init(text)
    }

    /// Whether ``value`` is 1 to 64 characters long. Always `true` except for an identifier made
    /// from a bad string literal.
    public var isValid: Bool { Self.isValidCollapsed(value) }

    /// The identifier's text.
    public var xmlLexicalForm: String { value }

    /// `IdentifierType`.
    public static var xmlTypeName: String { "IdentifierType" }

    /// The identifier's text.
    public var description: String { value }

    /// Orders identifiers by their text, as Swift `String` comparison orders it.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.value < rhs.value
    }

    private static func isValidCollapsed(_ text: String) -> Bool {
        let length = text.unicodeScalars.count
        return length >= minimumLength && length <= maximumLength
    }
}
