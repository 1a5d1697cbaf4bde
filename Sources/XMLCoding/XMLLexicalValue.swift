/// A simple value with an XSD lexical form, coded as element text or as an attribute value.
///
/// ``XMLDecoder`` collapses white space (`xs:whiteSpace="collapse"`) before calling
/// ``init(xmlLexicalForm:)``, and reports a failed parse as ``XMLCodingError/Code/invalidValue``
/// naming ``xmlTypeName``. ``XMLEncoder`` writes ``xmlLexicalForm``. Outside XML (JSON, say) the
/// value codes as its lexical form string.
public protocol XMLLexicalValue: Codable, Sendable {
    /// Parses the lexical form; `nil` when the text is not a valid value.
    init?(xmlLexicalForm text: String)
    /// The canonical lexical form.
    var xmlLexicalForm: String { get }
    /// The XSD type name used in error messages, such as `xs:date`.
    static var xmlTypeName: String { get }
    /// How white space around and inside the text is treated before parsing. Default:
    /// ``XMLWhiteSpaceFacet/collapse``; types derived from `xs:string` by a pattern (codes such as
    /// a currency or an IBAN) use ``XMLWhiteSpaceFacet/preserve`` so `" EUR "` is refused, as the
    /// schema refuses it.
    static var xmlWhiteSpace: XMLWhiteSpaceFacet { get }
}

/// The `xs:whiteSpace` facet: what happens to white space before a value is parsed.
public enum XMLWhiteSpaceFacet: Sendable, Hashable {
    /// Kept as it is (`xs:string`).
    case preserve
    /// Tab, CR and LF become spaces (`xs:normalizedString`).
    case replace
    /// Replaced, then runs folded to one space and the ends trimmed (`xs:token` and most types).
    case collapse

    /// Applies the facet to a text.
    public func apply(to text: String) -> String {
        switch self {
        case .preserve: return text
        case .replace: return XMLWhitespace.replace(text)
        case .collapse: return XMLWhitespace.collapse(text)
        }
    }
}

extension XMLLexicalValue {
    /// White space is collapsed by default, as for most XSD simple types.
    public static var xmlWhiteSpace: XMLWhiteSpaceFacet { .collapse }

    /// Decodes the lexical form from a single string value.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(xmlLexicalForm: Self.xmlWhiteSpace.apply(to: text)) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not a valid \(Self.xmlTypeName)"))
        }
        self = value
    }

    /// Encodes the lexical form as a single string value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(xmlLexicalForm)
    }
}

/// A string enumeration coded by its raw value, with a precise error for an unknown value.
///
/// ``XMLDecoder`` collapses white space first (as for `xs:token`) and, for a value that is not a
/// case, throws ``XMLCodingError/Code/unknownEnumerationValue`` listing the allowed values.
public protocol XMLEnumeration: RawRepresentable, CaseIterable, Codable, Sendable
where RawValue == String {}

/// White-space processing as XSD defines it.
public enum XMLWhitespace {
    /// `xs:whiteSpace="collapse"`: trims and folds every run of space, tab, CR and LF to one space.
    public static func collapse(_ text: String) -> String {
        var needsWork = false
        var previousWasSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace && (previousWasSpace || byte != 0x20) {
                needsWork = true
                break
            }
            previousWasSpace = isSpace
        }
        if !needsWork && !previousWasSpace { return text }
        if !needsWork && text.isEmpty { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `xs:whiteSpace="replace"`: each tab, CR and LF becomes a space.
    public static func replace(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(
            decoding: text.utf8.map { ($0 == 0x09 || $0 == 0x0A || $0 == 0x0D) ? 0x20 : $0 },
            as: UTF8.self)
    }

    /// Whether the byte is XML white space (space, tab, CR, LF).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
