import XMLCoding

/// A simple type of a camt schema: a built-in base type restricted by facets, compiled from the
/// shipped XSD (``CamtSchemaModel``). ``problem(with:)`` checks a value's bytes against it the way
/// XSD validation does: the base type's lexical space after its white-space rule, then the facets.
final class CamtSimpleType: Sendable {
    /// The built-in base types the camt schemas restrict.
    enum Base: String, Sendable {
        case string, decimal, boolean, date, dateTime, gYearMonth
    }

    /// The facets of one restriction, as the schema compiler collects them.
    struct Facets {
        var minimumLength: Int?
        var maximumLength: Int?
        var patterns: [CamtPattern] = []
        var enumeration: [[UInt8]] = []
        var fractionDigits: Int?
        var totalDigits: Int?
        var isNonNegative = false
    }

    let name: String
    let base: Base
    let minimumLength: Int?
    let maximumLength: Int?
    let patterns: [CamtPattern]
    /// The enumeration values, as UTF-8 bytes.
    let enumeration: [[UInt8]]
    let fractionDigits: Int?
    let totalDigits: Int?
    /// `minInclusive`, which the camt schemas use only with the value 0.
    let isNonNegative: Bool

    init(name: String, base: Base, facets: Facets) {
        self.name = name
        self.base = base
        minimumLength = facets.minimumLength
        maximumLength = facets.maximumLength
        patterns = facets.patterns
        enumeration = facets.enumeration
        fractionDigits = facets.fractionDigits
        totalDigits = facets.totalDigits
        isNonNegative = facets.isNonNegative
    }

    /// Why the value is not of this type, or `nil` when it is.
    func problem(with value: UnsafeBufferPointer<UInt8>) -> String? {
        switch base {
        case .string:
            return stringProblem(value)
        case .decimal:
            return decimalProblem(Self.collapsed(value))
        case .boolean:
            let text = Self.collapsed(value)
            guard
                text.count == 1
                    ? (text[0] == 0x30 || text[0] == 0x31)
                    : text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8)
            else { return "is not a valid xs:boolean" }
            return nil
        case .date:
            return XMLDate(xmlLexicalForm: String(decoding: value, as: UTF8.self)) == nil
                ? "is not a valid xs:date" : nil
        case .dateTime:
            return XMLDateTime(xmlLexicalForm: String(decoding: value, as: UTF8.self)) == nil
                ? "is not a valid xs:dateTime" : nil
        case .gYearMonth:
            return XMLYearMonth(xmlLexicalForm: String(decoding: value, as: UTF8.self)) == nil
                ? "is not a valid xs:gYearMonth" : nil
        }
    }

    private func stringProblem(_ value: UnsafeBufferPointer<UInt8>) -> String? {
        if minimumLength != nil || maximumLength != nil {
            // Length counts characters: every byte that does not continue a UTF-8 sequence.
            var length = 0
            for byte in value where byte & 0xC0 != 0x80 { length += 1 }
            if let minimumLength, length < minimumLength {
                return "has \(length) characters, fewer than the minimum length \(minimumLength) of \(name)"
            }
            if let maximumLength, length > maximumLength {
                return "has \(length) characters, more than the maximum length \(maximumLength) of \(name)"
            }
        }
        if !enumeration.isEmpty, !enumeration.contains(where: { $0.elementsEqual(value) }) {
            return "is not a value of the enumeration \(name)"
        }
        for pattern in patterns where !pattern.matches(value) {
            return "does not match the pattern '\(pattern.source)' of \(name)"
        }
        return nil
    }

    private func decimalProblem(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        var isNegative = false
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            isNegative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var integerDigits = 0
        var significantIntegerDigits = 0
        var isZero = true
        while index < text.count, (0x30...0x39).contains(text[index]) {
            if text[index] != 0x30 || significantIntegerDigits > 0 { significantIntegerDigits += 1 }
            if text[index] != 0x30 { isZero = false }
            integerDigits += 1
            index += 1
        }
        var fraction = 0
        var fractionDigitsWritten = 0
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, (0x30...0x39).contains(text[index]) {
                fractionDigitsWritten += 1
                if text[index] != 0x30 {
                    isZero = false
                    fraction = fractionDigitsWritten
                }
                index += 1
            }
        }
        guard index == text.count, integerDigits + fractionDigitsWritten > 0 else {
            return "is not a valid xs:decimal"
        }
        if let fractionDigits, fraction > fractionDigits {
            return "has \(fraction) fraction digits, more than the \(fractionDigits) of \(name)"
        }
        if let totalDigits {
            let digits = significantIntegerDigits + fraction
            if digits > totalDigits { return "has \(digits) digits, more than the \(totalDigits) of \(name)" }
        }
        if isNonNegative, isNegative, !isZero { return "is less than the minimum 0 of \(name)" }
        return nil
    }

    /// The value without leading and trailing XML white space. Inner white space is left: no
    /// decimal or boolean has any, so it makes the value invalid either way.
    static func collapsed(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = value.count
        while start < end, isSpace(value[start]) { start += 1 }
        while end > start, isSpace(value[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: value[start..<end])
    }

    /// XML white space: space, tab, CR, LF.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
