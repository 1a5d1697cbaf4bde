/// Markup that is safe to put in a page: either escaped text or markup built from escaped parts.
/// Back-office views build pages from these, so that no ledger text reaches a page unescaped.
struct SafeHTML: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The markup.
    let raw: String

    /// Markup as written in the source (trusted: literal tags).
    init(stringLiteral value: String) { raw = value }

    /// Markup from an interpolation: literals as written, interpolated `String`s escaped,
    /// interpolated `SafeHTML` as it is.
    init(stringInterpolation: Interpolation) { raw = stringInterpolation.result }

    private init(raw: String) { self.raw = raw }

    /// Escaped text.
    static func text(_ text: String) -> SafeHTML { SafeHTML(raw: MarkupEscaping.escape(text)) }

    /// Markup made elsewhere and known to be escaped (the SVG charts).
    static func trusted(_ markup: String) -> SafeHTML { SafeHTML(raw: markup) }

    /// The parts one after another.
    static func join(_ parts: [SafeHTML], separator: String = "\n") -> SafeHTML {
        SafeHTML(raw: parts.map(\.raw).joined(separator: separator))
    }

    /// The interpolation that escapes strings.
    struct Interpolation: StringInterpolationProtocol {
        var result = ""

        init(literalCapacity: Int, interpolationCount: Int) { result.reserveCapacity(literalCapacity * 2) }

        mutating func appendLiteral(_ literal: String) { result += literal }

        mutating func appendInterpolation(_ text: String) { result += MarkupEscaping.escape(text) }

        mutating func appendInterpolation(_ text: String?) { result += MarkupEscaping.escape(text ?? "") }

        mutating func appendInterpolation(_ html: SafeHTML) { result += html.raw }

        mutating func appendInterpolation(_ number: Int) { result += String(number) }
    }
}
