internal import CLibXML2
import Foundation

/// A simple type of a compiled schema (``XMLSchemaModel``): a built-in type, or a built-in type
/// restricted by facets. ``problem(with:)`` checks a value's bytes against it the way XSD
/// validation does: the white-space rule of the base type, its lexical space, then the facets.
final class XMLSchemaSimpleType: Sendable {
    /// The built-in types the compiled schemas use, directly or as the base of a restriction.
    enum Base: String, Sendable, CaseIterable {
        case string, token, decimal, int, positiveInteger, boolean, date, dateTime, gYearMonth, anyURI

        /// Whether the white-space rule is `collapse` (every type but `xs:string`).
        var collapses: Bool { self != .string }
    }

    /// The facets of one restriction, as the schema compiler collects them.
    struct Facets {
        var minimumLength: Int?
        var maximumLength: Int?
        var patterns: [XMLSchemaPattern] = []
        var enumeration: [[UInt8]] = []
        var fractionDigits: Int?
        var totalDigits: Int?
        var minimumInclusive: Decimal?
        var maximumInclusive: Decimal?
    }

    /// Why a value is not of the type: the libxml2 code of the violation and a description.
    struct Problem: Error {
        var code: Int
        var message: String
    }

    let name: String
    let base: Base
    let minimumLength: Int?
    let maximumLength: Int?
    let patterns: [XMLSchemaPattern]
    /// The enumeration values, as UTF-8 bytes.
    let enumeration: [[UInt8]]
    let fractionDigits: Int?
    let totalDigits: Int?
    let minimumInclusive: Decimal?
    let maximumInclusive: Decimal?
    /// `minInclusive` 0, checked from the sign alone.
    private let isNonNegative: Bool

    init(name: String, base: Base, facets: Facets = Facets()) {
        self.name = name
        self.base = base
        minimumLength = facets.minimumLength
        maximumLength = facets.maximumLength
        patterns = facets.patterns
        enumeration = facets.enumeration
        fractionDigits = facets.fractionDigits
        totalDigits = facets.totalDigits
        isNonNegative = facets.minimumInclusive == 0
        minimumInclusive = facets.minimumInclusive == 0 ? nil : facets.minimumInclusive
        maximumInclusive = facets.maximumInclusive
    }

    /// Why the value is not of this type, or `nil` when it is.
    func problem(with value: UnsafeBufferPointer<UInt8>) -> Problem? {
        guard base.collapses, Self.needsCollapsing(value) else { return normalizedProblem(value) }
        let collapsed = Self.collapsed(value)
        return collapsed.withUnsafeBufferPointer { normalizedProblem($0) }
    }

    /// The checks on a value already normalised by the base type's white-space rule.
    private func normalizedProblem(_ value: UnsafeBufferPointer<UInt8>) -> Problem? {
        if let problem = lexicalProblem(value) { return problem }
        if minimumLength != nil || maximumLength != nil {
            // Length counts characters: every byte that does not continue a UTF-8 sequence.
            let length = XMLSchemaValueScan.characterCount(value)
            if let minimumLength, let maximumLength, minimumLength == maximumLength, length != minimumLength {
                return Problem(
                    code: 1830, message: "has \(length) characters, not the length \(minimumLength) of \(name)")
            }
            if let minimumLength, length < minimumLength {
                return Problem(
                    code: 1831,
                    message: "has \(length) characters, fewer than the minimum length \(minimumLength) of \(name)")
            }
            if let maximumLength, length > maximumLength {
                return Problem(
                    code: 1832,
                    message: "has \(length) characters, more than the maximum length \(maximumLength) of \(name)")
            }
        }
        // By index: a pattern copied out of the array costs a retain of each of its arrays.
        for index in patterns.indices where !patterns[index].matches(value) {
            return Problem(code: 1839, message: "does not match the pattern '\(patterns[index].source)' of \(name)")
        }
        if !enumeration.isEmpty, !enumeration.contains(where: { XMLSchemaValueScan.equal($0, value) }) {
            return Problem(code: 1840, message: "is not a value of the enumeration \(name)")
        }
        return nil
    }

    /// Whether the value is in the base type's lexical space, and the digit and range facets.
    private func lexicalProblem(_ value: UnsafeBufferPointer<UInt8>) -> Problem? {
        switch base {
        case .string, .token:
            return nil
        case .decimal:
            return decimalProblem(value)
        case .int, .positiveInteger:
            return integerProblem(value)
        case .boolean:
            guard
                value.count == 1
                    ? (value[0] == 0x30 || value[0] == 0x31)
                    : value.elementsEqual("true".utf8) || value.elementsEqual("false".utf8)
            else { return Problem(code: 1824, message: "is not a valid xs:boolean") }
            return nil
        case .date:
            return XMLDate.parse(utf8: value) == nil ? Problem(code: 1824, message: "is not a valid xs:date") : nil
        case .dateTime:
            return XMLDateTime.parse(utf8: value) == nil
                ? Problem(code: 1824, message: "is not a valid xs:dateTime") : nil
        case .gYearMonth:
            return XMLYearMonth.parse(utf8: value) == nil
                ? Problem(code: 1824, message: "is not a valid xs:gYearMonth") : nil
        case .anyURI:
            return Self.isURI(value) ? nil : Problem(code: 1824, message: "is not a valid xs:anyURI")
        }
    }

    private func decimalProblem(_ text: UnsafeBufferPointer<UInt8>) -> Problem? {
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
            return Problem(code: 1824, message: "is not a valid xs:decimal")
        }
        if let totalDigits {
            let digits = significantIntegerDigits + fraction
            if digits > totalDigits {
                return Problem(code: 1837, message: "has \(digits) digits, more than the \(totalDigits) of \(name)")
            }
        }
        if let fractionDigits, fraction > fractionDigits {
            return Problem(
                code: 1838, message: "has \(fraction) fraction digits, more than the \(fractionDigits) of \(name)")
        }
        if isNonNegative, isNegative, !isZero {
            return Problem(code: 1833, message: "is less than the minimum 0 of \(name)")
        }
        return rangeProblem(text)
    }

    private func integerProblem(_ text: UnsafeBufferPointer<UInt8>) -> Problem? {
        var index = 0
        var isNegative = false
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            isNegative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var magnitude: UInt64 = 0
        var isHuge = false
        while index < text.count, (0x30...0x39).contains(text[index]) {
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = product.addingReportingOverflow(UInt64(text[index] - 0x30))
            if overflow || carry { isHuge = true } else { magnitude = sum }
            index += 1
        }
        guard index == text.count, index > digitsStart else {
            return Problem(code: 1824, message: "is not a valid xs:\(base.rawValue)")
        }
        switch base {
        case .positiveInteger:
            if !isHuge && magnitude == 0 || isNegative {
                return Problem(code: 1824, message: "is not a valid xs:positiveInteger")
            }
        default:
            if isHuge || magnitude > (isNegative ? 2_147_483_648 : 2_147_483_647) {
                return Problem(code: 1824, message: "is not a valid xs:int")
            }
        }
        return rangeProblem(text)
    }

    /// `minInclusive` and `maxInclusive` other than 0, compared as decimals.
    private func rangeProblem(_ text: UnsafeBufferPointer<UInt8>) -> Problem? {
        guard minimumInclusive != nil || maximumInclusive != nil, let number = XMLDecimal.parse(utf8: text) else {
            return nil
        }
        if let minimumInclusive, number < minimumInclusive {
            return Problem(code: 1833, message: "is less than the minimum \(minimumInclusive) of \(name)")
        }
        if let maximumInclusive, number > maximumInclusive {
            return Problem(code: 1834, message: "is more than the maximum \(maximumInclusive) of \(name)")
        }
        return nil
    }

    /// Whether libxml2 takes the value as an `xs:anyURI`: its URI parser, after the characters it
    /// escapes first are replaced, as libxml2 does.
    private static func isURI(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !value.isEmpty else { return true }
        var bytes = value.map { byte -> CChar in
            let replaced: Bool =
                byte < 32 || byte >= 127 || byte == 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
                || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "^")
                || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "'")
            return CChar(bitPattern: replaced ? UInt8(ascii: "_") : byte)
        }
        bytes.append(0)
        guard let uri = xmlParseURI(bytes) else { return false }
        xmlFreeURI(uri)
        return true
    }

    /// Whether collapsing would change the value: white space at either end, a run of it, or a
    /// tab, CR or LF.
    static func needsCollapsing(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard XMLSchemaValueScan.containsSpace(value) else { return false }
        var previousWasSpace = true
        for byte in value {
            let isSpace = isSpace(byte)
            if isSpace && (previousWasSpace || byte != 0x20) { return true }
            previousWasSpace = isSpace
        }
        return previousWasSpace && !value.isEmpty
    }

    /// The value with white space collapsed: trimmed, each run folded to one space.
    static func collapsed(_ value: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(value.count)
        var pendingSpace = false
        for byte in value {
            if isSpace(byte) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return result
    }

    /// XML white space: space, tab, CR, LF.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
