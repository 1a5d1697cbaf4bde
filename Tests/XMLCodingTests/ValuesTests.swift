import Foundation
import TestSupport
import Testing

@testable import XMLCoding

/// Exact XSD value types: `xs:decimal`, integers, booleans, `xs:date`, `xs:dateTime`,
/// `xs:gYearMonth`.
@Suite struct ValuesTests {
    // MARK: - Helpers

    /// Runs a byte-level parser on a string's UTF-8.
    private static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    private static func parseInteger<T: FixedWidthInteger>(_ text: String, as type: T.Type) -> IntegerParseResult<T> {
        withBytes(text) { XMLNumberParsing.parseInteger(utf8: $0, as: type) }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The instant a whole number of seconds after 1970-01-01T00:00:00Z, built with Foundation's
    /// calendar (independently of the code under test).
    private static func instant(secondsSince1970 seconds: Int) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let epoch = try #require(calendar.date(from: DateComponents(year: 1970, month: 1, day: 1)))
        return try #require(calendar.date(byAdding: .second, value: seconds, to: epoch))
    }

    /// The canonical `xs:decimal` form of valid decimal text, by string manipulation alone.
    private static func canonical(_ text: String) -> String {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0].drop { $0 == "0" })
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.last == "0" { fraction.removeLast() }
        if integer.isEmpty { integer = "0" }
        let isZero = integer == "0" && fraction.isEmpty
        return (negative && !isZero ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    // MARK: - xs:decimal grammar

    @Test(
        "Accepted xs:decimal forms parse to the exact value",
        arguments: [
            ("0", "0"), ("-0", "0"), ("+0", "0"), ("0.0", "0"), ("-0.000", "0"), ("00", "0"),
            ("1", "1"), ("+1", "1"), ("-1", "-1"), ("1.", "1"), ("-1.", "-1"),
            (".5", "0.5"), ("+.5", "0.5"), ("-.5", "-0.5"), ("0.5", "0.5"),
            ("0012.50", "12.5"), ("12.50", "12.5"), ("100", "100"), ("1000000", "1000000"),
            ("1200.00", "1200"), ("0.001", "0.001"), ("-123.456", "-123.456"),
            (" 7 ", "7"), ("\t\n 42.10 \r\n", "42.1"), ("  -0.5", "-0.5"),
            ("9999999999999999999", "9999999999999999999"),
            ("10000000000000000000", "10000000000000000000"),
            ("18446744073709551615", "18446744073709551615"),
            ("18446744073709551616", "18446744073709551616"),
            ("12345678901234567890.123456789012345678", "12345678901234567890.123456789012345678"),
            ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
            ("-0.00000000000000000000000000000000000001", "-0.00000000000000000000000000000000000001"),
            ("0000000000000000000000000000000000000000000001", "1"),
            ("1.0000000000000000000000000000000000000000000", "1"),
            ("1000000000000000000000000000000000000000000000000", "1000000000000000000000000000000000000000000000000"),
            ("1234567890123456789.5", "1234567890123456789.5"),
        ])
    func decimalAccepted(input: String, expected: String) throws {
        let value = try #require(XMLDecimal.parse(input))
        #expect(XMLDecimal.format(value) == expected)
        let viaBytes = Self.withBytes(input) { XMLDecimal.parse(utf8: $0) }
        #expect(viaBytes == value)
        let oracle = try #require(Decimal(string: expected, locale: Self.posix))
        #expect(value == oracle)
    }

    @Test(
        "Refused xs:decimal forms",
        arguments: [
            "", " ", "\t\r\n", "+", "-", ".", "+.", "-.", "1e3", "1E3", "1e-3", "12.3abc", "abc",
            "1,5", "1 000", "- 1", "+ 1", "+-1", "--1", "1..2", "1.2.3", "..5", "NaN", "nan", "INF",
            "-INF", "Infinity", "١٢", "١.٥", "１２", "0x10", "1_000", "1\u{A0}", "\u{2003}1", "12\u{0}",
            "1.5-", "$1", "1.5 EUR", "∞",
            // 39 and 40 significant digits.
            "123456789012345678901234567890123456789",
            "-1234567890123456789012345678901234567890",
            "1.00000000000000000000000000000000000001",
            // Beyond Decimal's exponent range.
            "0." + String(repeating: "0", count: 128) + "1",
            "1" + String(repeating: "0", count: 128),
        ])
    func decimalRefused(input: String) {
        #expect(XMLDecimal.parse(input) == nil)
        #expect(Self.withBytes(input) { XMLDecimal.parse(utf8: $0) } == nil)
    }

    @Test("Exponent range edges")
    func decimalExponentEdges() throws {
        let tiny = "0." + String(repeating: "0", count: 127) + "1"
        let tinyValue = try #require(XMLDecimal.parse(tiny))
        #expect(XMLDecimal.format(tinyValue) == tiny)
        let huge = "1" + String(repeating: "0", count: 127)
        let hugeValue = try #require(XMLDecimal.parse(huge))
        #expect(XMLDecimal.format(hugeValue) == huge)
    }

    @Test("Random decimals round-trip parse → format and agree with Foundation's parser")
    func decimalRandomRoundTrip() throws {
        var random = SeededGenerator(state: 20_261_123)
        for _ in 0..<3_000 {
            let integerLength = Int.random(in: 0...20, using: &random)
            let fractionLength = Int.random(in: 0...18, using: &random)
            var text = ["", "-", "+"][Int.random(in: 0...2, using: &random)]
            let zeroHeavy = Bool.random(using: &random)
            func digit() -> Character {
                zeroHeavy && Bool.random(using: &random)
                    ? "0" : Character(UnicodeScalar(UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random)))
            }
            for _ in 0..<integerLength { text.append(digit()) }
            if fractionLength > 0 || integerLength == 0 || Bool.random(using: &random) {
                text.append(".")
                for _ in 0..<max(fractionLength, integerLength == 0 ? 1 : 0) { text.append(digit()) }
            }
            let value = try #require(XMLDecimal.parse(text), "\(text)")
            let expected = Self.canonical(text)
            #expect(XMLDecimal.format(value) == expected, "\(text)")
            #expect(value == Decimal(string: text, locale: Self.posix), "\(text)")
            // The canonical form parses back to the same value.
            #expect(XMLDecimal.parse(expected) == value, "\(text)")
        }
    }

    // MARK: - Formatting

    @Test(
        "Formatting with fraction digits pads and rounds half away from zero",
        arguments: [
            ("12.5", 2, "12.50"), ("1200", 0, "1200"), ("1200", 2, "1200.00"), ("12.50", 1, "12.5"),
            ("2.345", 2, "2.35"), ("-2.345", 2, "-2.35"), ("2.344", 2, "2.34"), ("2.3449", 2, "2.34"),
            ("2.3450", 2, "2.35"), ("0.005", 2, "0.01"), ("-0.005", 2, "-0.01"), ("0.004", 2, "0.00"),
            ("-0.004", 2, "0.00"), ("9.995", 2, "10.00"), ("-9.995", 2, "-10.00"), ("99.5", 0, "100"),
            ("0.5", 0, "1"), ("0.49", 0, "0"), ("-0.5", 0, "-1"), ("-0.49", 0, "0"), ("0", 2, "0.00"),
            ("0", 0, "0"), ("-0", 3, "0.000"), ("0.1", 3, "0.100"), ("123.456", -1, "123"),
            ("0.0000001", 2, "0.00"), ("0.000000500", 6, "0.000001"), ("1000000", 3, "1000000.000"),
            ("999999999999999999.99", 1, "1000000000000000000.0"),
            ("12345678901234567890.123456789012345678", 5, "12345678901234567890.12346"),
            ("99999999999999999999999999999999999.999", 2, "100000000000000000000000000000000000.00"),
        ])
    func decimalFormatFractionDigits(input: String, fractionDigits: Int, expected: String) throws {
        let value = try #require(XMLDecimal.parse(input))
        #expect(XMLDecimal.format(value, fractionDigits: fractionDigits) == expected)
        var buffer: [UInt8] = Array("<Amt>".utf8)
        XMLDecimal.append(value, fractionDigits: fractionDigits, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "<Amt>" + expected)
    }

    @Test("Long padding beyond the inline buffer")
    func decimalLongPadding() throws {
        let value = try #require(XMLDecimal.parse("1.5"))
        let text = XMLDecimal.format(value, fractionDigits: 200)
        #expect(text == "1.5" + String(repeating: "0", count: 199))
        var buffer: [UInt8] = []
        XMLDecimal.append(value, fractionDigits: 200, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == text)
    }

    @Test("Values built by arithmetic, with trailing zeros in the coefficient, format canonically")
    func decimalNonCompactValues() {
        let twelveFifty = Decimal(sign: .plus, exponent: -2, significand: Decimal(1250))
        #expect(XMLDecimal.format(twelveFifty) == "12.5")
        #expect(XMLDecimal.format(twelveFifty, fractionDigits: 2) == "12.50")
        #expect(XMLDecimal.format(twelveFifty, fractionDigits: 3) == "12.500")
        #expect(XMLDecimal.format(Decimal(1250) / Decimal(100)) == "12.5")
        #expect(XMLDecimal.format(Decimal(string: "1.10", locale: Self.posix).map { $0 * 3 } ?? 0) == "3.3")
        #expect(XMLDecimal.format(Decimal(1) / Decimal(8)) == "0.125")
        #expect(XMLDecimal.format(Decimal(-7)) == "-7")
        #expect(XMLDecimal.format(Decimal(UInt64.max)) == "18446744073709551615")
        #expect(XMLDecimal.format(Decimal(Int64.min)) == "-9223372036854775808")
        #expect(XMLDecimal.format(Decimal(sign: .minus, exponent: 0, significand: 0)) == "0")
        #expect(XMLDecimal.format(Decimal(sign: .plus, exponent: 3, significand: Decimal(12))) == "12000")
        #expect(
            XMLDecimal.format(Decimal(sign: .plus, exponent: 3, significand: Decimal(12)), fractionDigits: 2)
                == "12000.00")
    }

    @Test("Extreme Decimal values and NaN")
    func decimalExtremes() {
        let greatest = XMLDecimal.format(Decimal.greatestFiniteMagnitude)
        #expect(greatest == "340282366920938463463374607431768211455" + String(repeating: "0", count: 127))
        #expect(XMLDecimal.format(-Decimal.greatestFiniteMagnitude).hasPrefix("-3402823669"))
        #expect(XMLDecimal.format(Decimal.leastNonzeroMagnitude) == "0." + String(repeating: "0", count: 126) + "1")
        #expect(XMLDecimal.format(Decimal.leastNonzeroMagnitude, fractionDigits: 2) == "0.00")
        #expect(XMLDecimal.format(Decimal.nan) == "NaN")
        #expect(XMLDecimal.format(Decimal.nan, fractionDigits: 2) == "NaN")
        #expect(XMLDecimal.rounded(Decimal.nan, fractionDigits: 2).isNaN)
        #expect(XMLDecimal.fractionDigits(of: Decimal.nan) == 0)
        #expect(XMLDecimal.totalDigits(of: Decimal.nan) == 0)
    }

    @Test("Formatting random Decimals with fraction digits matches NSDecimalRound(.plain)")
    func decimalFormatMatchesFoundationRounding() throws {
        var random = SeededGenerator(state: 42)
        for _ in 0..<2_000 {
            let coefficient = UInt64.random(in: 0...UInt64(999_999_999_999), using: &random)
            let exponent = Int.random(in: -12...3, using: &random)
            let negative = Bool.random(using: &random)
            var value = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(coefficient))
            let scale = Int.random(in: 0...6, using: &random)
            var oracle = Decimal()
            NSDecimalRound(&oracle, &value, scale, .plain)
            let rounded = XMLDecimal.rounded(value, fractionDigits: scale)
            #expect(rounded == oracle, "\(value) to \(scale)")
            let text = XMLDecimal.format(value, fractionDigits: scale)
            #expect(XMLDecimal.parse(text) == oracle, "\(value) to \(scale): \(text)")
            let point = text.firstIndex(of: ".")
            #expect((point.map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0) == scale, "\(text)")
        }
    }

    // MARK: - Facets and rounding

    @Test(
        "fractionDigits(of:) counts significant fraction digits",
        arguments: [
            ("12.500", 1), ("12", 0), ("0.001", 3), ("0", 0), ("-0.10", 1), ("100", 0), ("1.25", 2),
            ("0.00000000000000000000000000000000000001", 38),
        ])
    func decimalFractionDigits(input: String, expected: Int) throws {
        let value = try #require(XMLDecimal.parse(input))
        #expect(XMLDecimal.fractionDigits(of: value) == expected)
    }

    @Test(
        "totalDigits(of:) counts digits as libxml2's xs:totalDigits facet does",
        arguments: [
            ("12.50", 3), ("0", 1), ("0.5", 1), ("100", 3), ("-12.345", 5), ("0.05", 2), ("1.05", 3),
            ("000123", 3), ("99999999999999999999999999999999999999", 38),
        ])
    func decimalTotalDigits(input: String, expected: Int) throws {
        let value = try #require(XMLDecimal.parse(input))
        #expect(XMLDecimal.totalDigits(of: value) == expected)
    }

    @Test(
        "rounded(_:fractionDigits:) rounds half away from zero",
        arguments: [
            ("2.345", 2, "2.35"), ("-2.345", 2, "-2.35"), ("2.344", 2, "2.34"), ("2.5", 0, "3"),
            ("-2.5", 0, "-3"), ("2.49", 0, "2"), ("0.004", 2, "0"), ("-0.004", 2, "0"), ("9.999", 2, "10"),
            ("12.5", 2, "12.5"), ("1200", 0, "1200"), ("1.15", -3, "1"),
            ("12345678901234567890.123456789012345678", 3, "12345678901234567890.123"),
        ])
    func decimalRounded(input: String, fractionDigits: Int, expected: String) throws {
        let value = try #require(XMLDecimal.parse(input))
        let rounded = XMLDecimal.rounded(value, fractionDigits: fractionDigits)
        #expect(XMLDecimal.format(rounded) == expected)
        #expect(!rounded.isSignMinus || !rounded.isZero)
    }

    // MARK: - Decimal storage

    @Test("The Decimal storage layout is recognised and agrees with the description fallback")
    func decimalStorageLayout() throws {
        let layout = try #require(DecimalStorageLayout.current)
        var random = SeededGenerator(state: 7)
        var values: [Decimal] = [
            0, 1, -1, Decimal(UInt64.max), .greatestFiniteMagnitude, .leastNonzeroMagnitude, .nan,
            Decimal(1) / Decimal(3), Decimal(2) / Decimal(3) * Decimal(-1_000_000),
        ]
        for _ in 0..<500 {
            let coefficient = Decimal(UInt64.random(in: 0...UInt64.max, using: &random))
            let multiplier = Decimal(
                UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random))
            let exponent = Int.random(in: -60...60, using: &random)
            values.append(
                Decimal(
                    sign: Bool.random(using: &random) ? .minus : .plus, exponent: exponent,
                    significand: coefficient * multiplier))
        }
        for value in values {
            let stored = DecimalComponents(stored: value, layout: layout)
            let described = DecimalComponents(describing: value)
            #expect(stored != nil)
            #expect(stored.map(Self.normalized) == described.map(Self.normalized), "\(value)")
        }
    }

    /// Components with the coefficient's trailing zeros moved into the exponent.
    private static func normalized(_ components: DecimalComponents) -> DecimalComponents {
        var result = components
        guard result.coefficientHigh != 0 || result.coefficientLow != 0 else {
            result.exponent = 0
            return result
        }
        while true {
            let (highQuotient, highRemainder) = result.coefficientHigh.quotientAndRemainder(dividingBy: 10)
            let (lowQuotient, lowRemainder) = UInt64(10).dividingFullWidth((highRemainder, result.coefficientLow))
            guard lowRemainder == 0 else { return result }
            result.coefficientHigh = highQuotient
            result.coefficientLow = lowQuotient
            result.exponent += 1
        }
    }

    // MARK: - Integers and booleans

    @Test(
        "Int8 parsing",
        arguments: [
            ("127", IntegerParseResult<Int8>.value(127)), ("-128", .value(-128)), ("128", .overflow),
            ("-129", .overflow), ("+0", .value(0)), ("-0", .value(0)), ("007", .value(7)), (" 12\n", .value(12)),
            ("+127", .value(127)), ("0000000000000000000000127", .value(127)), ("99999999999999999999", .overflow),
            ("", .invalid), (" ", .invalid), ("+", .invalid), ("-", .invalid), ("1.0", .invalid), ("1e2", .invalid),
            ("٣", .invalid), ("12a", .invalid), ("999999999999x", .invalid), ("- 1", .invalid), ("+-1", .invalid),
            ("1 2", .invalid), ("0x7F", .invalid),
        ])
    func int8Parsing(input: String, expected: IntegerParseResult<Int8>) {
        #expect(Self.parseInteger(input, as: Int8.self) == expected)
    }

    @Test(
        "UInt8 parsing",
        arguments: [
            ("255", IntegerParseResult<UInt8>.value(255)), ("256", .overflow), ("0", .value(0)), ("-0", .value(0)),
            ("-00", .value(0)), ("+5", .value(5)), ("-1", .overflow), ("-255", .overflow), ("", .invalid),
            ("-", .invalid),
        ])
    func uint8Parsing(input: String, expected: IntegerParseResult<UInt8>) {
        #expect(Self.parseInteger(input, as: UInt8.self) == expected)
    }

    @Test(
        "Int64 and UInt64 parsing at the limits",
        arguments: [
            ("9223372036854775807", IntegerParseResult<Int64>.value(.max)),
            ("-9223372036854775808", .value(.min)),
            ("9223372036854775808", .overflow),
            ("-9223372036854775809", .overflow),
            ("100000000000000000000000000000", .overflow),
            ("-0", .value(0)),
            ("  -42  ", .value(-42)),
        ])
    func int64Parsing(input: String, expected: IntegerParseResult<Int64>) {
        #expect(Self.parseInteger(input, as: Int64.self) == expected)
    }

    @Test("UInt64 limits")
    func uint64Parsing() {
        #expect(Self.parseInteger("18446744073709551615", as: UInt64.self) == .value(.max))
        #expect(Self.parseInteger("18446744073709551616", as: UInt64.self) == .overflow)
        #expect(Self.parseInteger("-18446744073709551615", as: UInt64.self) == .overflow)
    }

    @Test("Random integers round-trip through the parser")
    func integerRandomRoundTrip() {
        var random = SeededGenerator(state: 99)
        for _ in 0..<2_000 {
            let value = Int64(bitPattern: random.next()) >> Int64.random(in: 0...63, using: &random)
            #expect(Self.parseInteger(String(value), as: Int64.self) == .value(value))
            let narrow = Int32(truncatingIfNeeded: value)
            #expect(Self.parseInteger(String(narrow), as: Int32.self) == .value(narrow))
            let expected: IntegerParseResult<Int16> = Int16(exactly: value).map { .value($0) } ?? .overflow
            #expect(Self.parseInteger(String(value), as: Int16.self) == expected)
        }
    }

    @Test(
        "xs:boolean parsing",
        arguments: [
            ("true", true as Bool?), ("false", false), ("1", true), ("0", false), (" true\n", true),
            ("\tfalse ", false),
            ("TRUE", nil), ("True", nil), ("yes", nil), ("", nil), (" ", nil), ("01", nil), ("10", nil),
            ("tru", nil), ("truee", nil), ("2", nil), ("t", nil), ("falsey", nil), ("fals", nil),
        ])
    func booleanParsing(input: String, expected: Bool?) {
        #expect(Self.withBytes(input) { XMLNumberParsing.parseBoolean(utf8: $0) } == expected)
    }

    // MARK: - xs:date

    @Test(
        "Accepted xs:date forms",
        arguments: [
            ("2026-11-23", "2026-11-23"), ("2026-11-23Z", "2026-11-23Z"), ("2026-11-23+01:00", "2026-11-23+01:00"),
            ("2026-11-23-05:00", "2026-11-23-05:00"), ("2026-11-23+00:00", "2026-11-23Z"),
            ("2026-11-23-00:00", "2026-11-23Z"), ("2026-11-23+14:00", "2026-11-23+14:00"),
            ("2026-11-23-14:00", "2026-11-23-14:00"), ("2026-11-23+05:45", "2026-11-23+05:45"),
            (" 2026-11-23 \n", "2026-11-23"), ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
            ("2024-02-29", "2024-02-29"), ("2000-02-29", "2000-02-29"), ("2026-04-30", "2026-04-30"),
            ("2026-12-31", "2026-12-31"),
        ])
    func dateAccepted(input: String, expected: String) throws {
        let date = try #require(XMLDate(xmlLexicalForm: input))
        #expect(date.xmlLexicalForm == expected)
        #expect(date.description == expected)
        #expect(Self.withBytes(input) { XMLDate.parse(utf8: $0) } == date)
        #expect(XMLDate(xmlLexicalForm: expected) == date)
    }

    @Test(
        "Refused xs:date forms",
        arguments: [
            "", " ", "2026-11-23T00:00:00", "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2026-04-31",
            "2023-02-29", "1900-02-29", "2100-02-29", "0000-01-01", "26-11-23", "2026-1-23", "2026-11-3",
            "2026/11/23", "20261123", "2026-11-23+14:01", "2026-11-23+15:00", "2026-11-23+01:60", "2026-11-23+0100",
            "2026-11-23+1:00", "2026-11-23 Z", "2026-11-23z", "2026-11-23UTC", "12026-11-23", "-2026-11-23",
            "２０２６-11-23", "2026-11-23+01:00 x", "2026-11-2３", "2026-11-23+01:00Z", "2026-11-23\u{A0}",
        ])
    func dateRefused(input: String) {
        #expect(XMLDate(xmlLexicalForm: input) == nil)
        #expect(Self.withBytes(input) { XMLDate.parse(utf8: $0) } == nil)
    }

    @Test(
        "Leap years",
        arguments: [
            (2024, true), (2023, false), (1900, false), (2000, true), (2100, false), (2400, true), (4, true),
            (1, false),
        ])
    func leapYears(year: Int, isLeap: Bool) {
        #expect(XMLDate.isLeapYear(year) == isLeap)
        #expect((XMLDate(year: year, month: 2, day: 29) != nil) == isLeap)
        #expect(XMLDate(year: year, month: 2, day: 28) != nil)
        #expect(XMLDate(year: year, month: 2, day: 30) == nil)
    }

    @Test("Memberwise initialiser checks every part")
    func dateInitialiser() {
        #expect(XMLDate(year: 2026, month: 11, day: 23) != nil)
        #expect(XMLDate(year: 0, month: 1, day: 1) == nil)
        #expect(XMLDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(XMLDate(year: 2026, month: 0, day: 1) == nil)
        #expect(XMLDate(year: 2026, month: 13, day: 1) == nil)
        #expect(XMLDate(year: 2026, month: 6, day: 31) == nil)
        #expect(XMLDate(year: 2026, month: 6, day: 0) == nil)
        #expect(XMLDate(year: 2026, month: 6, day: 1, timeZoneOffsetMinutes: 840) != nil)
        #expect(XMLDate(year: 2026, month: 6, day: 1, timeZoneOffsetMinutes: -840) != nil)
        #expect(XMLDate(year: 2026, month: 6, day: 1, timeZoneOffsetMinutes: 841) == nil)
        #expect(XMLDate(year: 2026, month: 6, day: 1, timeZoneOffsetMinutes: -841) == nil)
        #expect(XMLDate(year: 2026, month: 6, day: 1, timeZoneOffsetMinutes: .min) == nil)
        #expect(XMLDate(year: .min, month: .min, day: .min) == nil)
        #expect(XMLDateTime(year: 2026, month: 6, day: 1, hour: .max, minute: .min, second: 0) == nil)
        #expect(XMLDateTime(Date(), timeZoneOffsetMinutes: .min).timeZoneOffsetMinutes == -840)
    }

    @Test("A date without a time zone never gains one")
    func dateTimeZoneIsKept() throws {
        let plain = try #require(XMLDate(xmlLexicalForm: "2026-11-23"))
        #expect(plain.timeZoneOffsetMinutes == nil)
        #expect(plain.adding(days: 10).timeZoneOffsetMinutes == nil)
        #expect(plain.adding(months: 1).xmlLexicalForm == "2026-12-23")
        let zoned = try #require(XMLDate(xmlLexicalForm: "2026-11-23-05:30"))
        #expect(zoned.timeZoneOffsetMinutes == -330)
        #expect(zoned.adding(days: 10).xmlLexicalForm == "2026-12-03-05:30")
        #expect(zoned.withoutTimeZone == plain)
        #expect(zoned != plain)
        #expect(XMLDate(xmlLexicalForm: "2026-11-23Z")?.timeZoneOffsetMinutes == 0)
    }

    @Test(
        "Known day numbers",
        arguments: [
            ("1970-01-01", 0), ("1969-12-31", -1), ("2000-01-01", 10_957), ("2000-02-29", 11_016),
            ("2000-03-01", 11_017), ("2026-11-23", 20_780), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
            ("1600-01-01", -135_140),
        ])
    func dateKnownDayNumbers(input: String, days: Int) throws {
        let date = try #require(XMLDate(xmlLexicalForm: input))
        #expect(date.daysSinceEpoch == days)
        #expect(XMLDate(daysSinceEpoch: days) == date)
    }

    @Test("daysSinceEpoch round-trips every 37th day from 1600 to 2400")
    func dateDayNumberRoundTrip() throws {
        let start = try #require(XMLDate(year: 1600, month: 1, day: 1)).daysSinceEpoch
        let end = try #require(XMLDate(year: 2400, month: 12, day: 31)).daysSinceEpoch
        var previous: XMLDate?
        for days in stride(from: start, through: end, by: 37) {
            let date = XMLDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(XMLDate(year: date.year, month: date.month, day: date.day) == date)
            #expect(XMLDate(xmlLexicalForm: date.xmlLexicalForm) == date)
            if let previous {
                #expect(previous < date)
                #expect(previous.days(until: date) == 37)
            }
            previous = date
        }
    }

    @Test("Walking day by day from 1899 to 2101 matches a hand-rolled calendar")
    func dateDayByDayWalk() throws {
        var (year, month, day) = (1899, 1, 1)
        var days = try #require(XMLDate(year: year, month: month, day: day)).daysSinceEpoch
        while year < 2102 {
            let date = XMLDate(daysSinceEpoch: days)
            guard date.year == year, date.month == month, date.day == day else {
                Issue.record("day \(days) is \(date), expected \(year)-\(month)-\(day)")
                return
            }
            days += 1
            day += 1
            if day > XMLDate.daysInMonth(year: year, month: month) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
    }

    @Test("Day numbers agree with Foundation's Gregorian calendar after 1583")
    func dateAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let epoch = try #require(calendar.date(from: DateComponents(year: 1970, month: 1, day: 1)))
        for (year, month, day) in [
            (1583, 1, 1), (1900, 3, 1), (1969, 7, 20), (2026, 11, 23), (2038, 1, 19), (9999, 12, 31),
        ] {
            let date = try #require(XMLDate(year: year, month: month, day: day))
            let instant = try #require(calendar.date(from: DateComponents(year: year, month: month, day: day)))
            #expect(calendar.dateComponents([.day], from: epoch, to: instant).day == date.daysSinceEpoch)
        }
    }

    @Test(
        "adding(months:) clamps the day to the month's end",
        arguments: [
            ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2024-03-31", -1, "2024-02-29"),
            ("2026-05-31", 1, "2026-06-30"), ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"),
            ("2026-01-31", 13, "2027-02-28"), ("2026-11-23", 120, "2036-11-23"), ("2026-11-23", -25, "2024-10-23"),
            ("2026-11-23", 0, "2026-11-23"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"),
            ("2026-08-31Z", 1, "2026-09-30Z"), ("9999-11-15", 1, "9999-12-15"), ("9999-12-15", 1, "9999-12-31"),
            ("0001-01-15", -1, "0001-01-01"), ("2026-11-23", Int.max, "9999-12-31"),
            ("2026-11-23", Int.min, "0001-01-01"),
        ])
    func dateAddingMonths(input: String, months: Int, expected: String) throws {
        let date = try #require(XMLDate(xmlLexicalForm: input))
        #expect(date.adding(months: months).xmlLexicalForm == expected)
    }

    @Test(
        "adding(days:) and days(until:)",
        arguments: [
            ("2026-11-23", 1, "2026-11-24"), ("2026-12-31", 1, "2027-01-01"), ("2024-02-28", 1, "2024-02-29"),
            ("2023-02-28", 1, "2023-03-01"), ("2026-03-01", -1, "2026-02-28"), ("2026-11-23", 365, "2027-11-23"),
            ("2026-11-23", -36_525, "1926-11-23"), ("9999-12-31", 1, "9999-12-31"), ("0001-01-01", -1, "0001-01-01"),
            ("2026-11-23", Int.max, "9999-12-31"), ("2026-11-23", Int.min, "0001-01-01"),
        ])
    func dateAddingDays(input: String, days: Int, expected: String) throws {
        let date = try #require(XMLDate(xmlLexicalForm: input))
        let result = date.adding(days: days)
        #expect(result.xmlLexicalForm == expected)
        if days.magnitude < 1_000_000, result.daysSinceEpoch != XMLDate.maximumDaysSinceEpoch,
            result.daysSinceEpoch != XMLDate.minimumDaysSinceEpoch
        {
            #expect(date.days(until: result) == days)
            #expect(result.days(until: date) == -days)
        }
    }

    @Test("Dates order by day, then time zone, consistently with ==")
    func dateOrdering() throws {
        let texts = [
            "2026-11-24", "2026-11-23+01:00", "2026-11-23", "2026-11-23Z", "2026-11-23-05:00", "2025-12-31+14:00",
        ]
        let dates = try texts.map { try #require(XMLDate(xmlLexicalForm: $0)) }
        #expect(
            dates.sorted().map(\.xmlLexicalForm) == [
                "2025-12-31+14:00", "2026-11-23", "2026-11-23-05:00", "2026-11-23Z", "2026-11-23+01:00", "2026-11-24",
            ])
        for left in dates {
            for right in dates {
                #expect((left == right) == (!(left < right) && !(right < left)))
            }
        }
        #expect(Set(dates + dates).count == dates.count)
    }

    @Test("today(in:now:) takes the calendar day in the given time zone")
    func dateToday() throws {
        // 1795000000 s after the epoch is 2026-11-18T11:06:40Z.
        let now = try Self.instant(secondsSince1970: 1_795_000_000)
        let utc = XMLDate.today(in: .gmt, now: now)
        #expect(utc.xmlLexicalForm == "2026-11-18")
        #expect(utc.timeZoneOffsetMinutes == nil)
        let east = try #require(TimeZone(secondsFromGMT: 14 * 3_600))
        let west = try #require(TimeZone(secondsFromGMT: -12 * 3_600))
        #expect(XMLDate.today(in: east, now: now).xmlLexicalForm == "2026-11-19")
        #expect(XMLDate.today(in: west, now: now).xmlLexicalForm == "2026-11-17")
    }

    // MARK: - xs:dateTime

    @Test(
        "Accepted xs:dateTime forms",
        arguments: [
            ("2026-11-23T10:15:30", "2026-11-23T10:15:30"), ("2026-11-23T10:15:30Z", "2026-11-23T10:15:30Z"),
            ("2026-11-23T10:15:30.25Z", "2026-11-23T10:15:30.25Z"),
            ("2026-11-23T10:15:30.250Z", "2026-11-23T10:15:30.25Z"),
            ("2026-11-23T10:15:30.000", "2026-11-23T10:15:30"),
            ("2026-11-23T10:15:30+01:00", "2026-11-23T10:15:30+01:00"),
            ("2026-11-23T10:15:30.5-03:30", "2026-11-23T10:15:30.5-03:30"),
            ("2026-11-23T00:00:00", "2026-11-23T00:00:00"), ("2026-11-23T23:59:59", "2026-11-23T23:59:59"),
            ("2026-11-23T24:00:00", "2026-11-24T00:00:00"), ("2026-12-31T24:00:00Z", "2027-01-01T00:00:00Z"),
            ("2024-02-28T24:00:00", "2024-02-29T00:00:00"), ("2026-11-23T24:00:00.000", "2026-11-24T00:00:00"),
            ("2026-11-23T23:59:59.999999999999", "2026-11-23T23:59:59.999999999999"),
            (" 2026-11-23T10:15:30Z\n", "2026-11-23T10:15:30Z"), ("2026-11-23T10:15:30+00:00", "2026-11-23T10:15:30Z"),
        ])
    func dateTimeAccepted(input: String, expected: String) throws {
        let value = try #require(XMLDateTime(xmlLexicalForm: input))
        #expect(value.xmlLexicalForm == expected)
        #expect(value.description == expected)
        #expect(Self.withBytes(input) { XMLDateTime.parse(utf8: $0) } == value)
        #expect(XMLDateTime(xmlLexicalForm: expected) == value)
    }

    @Test(
        "Refused xs:dateTime forms",
        arguments: [
            "", "2026-11-23", "2026-11-23T", "2026-11-23T10:15", "2026-11-23T10:15:30.", "2026-11-23T24:00:01",
            "2026-11-23T24:01:00", "2026-11-23T24:00:00.5", "2026-11-23T25:00:00", "2026-11-23T10:60:00",
            "2026-11-23T10:15:60", "2026-11-23 10:15:30", "2026-11-23t10:15:30", "2026-11-23T10:15:30+14:30",
            "2026-11-23T10:15:30.5.5", "9999-12-31T24:00:00", "2026-11-23T1:15:30", "2026-11-31T10:15:30",
            "2026-11-23T10:15:30.-5", "2026-11-23T10:15:30,5", "2026-11-23T10:15:30 Z", "2026-11-23T10:15:30.5x",
            "2026-11-23T10:15:3O",
        ])
    func dateTimeRefused(input: String) {
        #expect(XMLDateTime(xmlLexicalForm: input) == nil)
        #expect(Self.withBytes(input) { XMLDateTime.parse(utf8: $0) } == nil)
    }

    @Test("Memberwise initialiser validates and normalises")
    func dateTimeInitialiser() throws {
        let value = try #require(
            XMLDateTime(
                year: 2026, month: 11, day: 23, hour: 10, minute: 15, second: 30, fractionalSeconds: "2500",
                timeZoneOffsetMinutes: 60))
        #expect(value.fractionalSeconds == "25")
        #expect(value.xmlLexicalForm == "2026-11-23T10:15:30.25+01:00")
        #expect(value.date.xmlLexicalForm == "2026-11-23+01:00")
        #expect(
            XMLDateTime(year: 2026, month: 11, day: 23, hour: 10, minute: 15, second: 30, fractionalSeconds: "2a")
                == nil)
        #expect(
            XMLDateTime(year: 2026, month: 11, day: 23, hour: 10, minute: 15, second: 30, fractionalSeconds: "٣") == nil
        )
        #expect(XMLDateTime(year: 2026, month: 11, day: 23, hour: -1, minute: 0, second: 0) == nil)
        #expect(
            XMLDateTime(year: 2026, month: 11, day: 23, hour: 24, minute: 0, second: 0)?.xmlLexicalForm
                == "2026-11-24T00:00:00")
        let onDate = try #require(XMLDate(xmlLexicalForm: "2026-11-23Z"))
        #expect(XMLDateTime(date: onDate, hour: 8, minute: 0, second: 0)?.xmlLexicalForm == "2026-11-23T08:00:00Z")
    }

    @Test(
        "Conversion from a Foundation Date",
        arguments: [
            (1_795_000_000, 0, "2026-11-18T11:06:40Z"), (1_795_000_000, 60, "2026-11-18T12:06:40+01:00"),
            (1_795_000_000, -300, "2026-11-18T06:06:40-05:00"), (1_795_000_000, 840, "2026-11-19T01:06:40+14:00"),
            (1_795_000_000, 2_000, "2026-11-19T01:06:40+14:00"), (0, 0, "1970-01-01T00:00:00Z"),
            (-1, 0, "1969-12-31T23:59:59Z"), (951_782_400, 0, "2000-02-29T00:00:00Z"),
            (-300_000_000, 0, "1960-06-29T18:40:00Z"),
        ])
    func dateTimeFromFoundation(seconds: Int, offset: Int, expected: String) throws {
        let instant = try Self.instant(secondsSince1970: seconds)
        let value = XMLDateTime(instant, timeZoneOffsetMinutes: offset)
        #expect(value.xmlLexicalForm == expected)
        #expect(value.foundationDate == instant)
    }

    @Test("Milliseconds survive the round trip through Date")
    func dateTimeMilliseconds() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        for (text, nanoseconds) in [
            ("2026-11-23T10:15:30.25Z", 250_000_000), ("2026-11-23T10:15:30.001Z", 1_000_000),
            ("2026-11-23T10:15:30.999Z", 999_000_000), ("1960-05-01T12:00:00.5Z", 500_000_000),
        ] {
            let value = try #require(XMLDateTime(xmlLexicalForm: text))
            var parts = DateComponents(
                year: value.year, month: value.month, day: value.day, hour: value.hour, minute: value.minute,
                second: value.second)
            parts.nanosecond = nanoseconds
            let instant = try #require(calendar.date(from: parts))
            #expect(XMLDateTime(instant).xmlLexicalForm == text)
            let back = try #require(value.foundationDate)
            #expect(XMLDateTime(back).xmlLexicalForm == text)
        }
        let local = try #require(XMLDateTime(xmlLexicalForm: "2026-11-23T10:15:30"))
        #expect(local.foundationDate == nil)
        let zoned = try #require(XMLDateTime(xmlLexicalForm: "2026-11-23T10:15:30.25+01:00"))
        let instant = try #require(zoned.foundationDate)
        #expect(XMLDateTime(instant, timeZoneOffsetMinutes: 60) == zoned)
        #expect(XMLDateTime(instant).xmlLexicalForm == "2026-11-23T09:15:30.25Z")
    }

    @Test("Date-times order by instant, then time zone, consistently with ==")
    func dateTimeOrdering() throws {
        let texts = [
            "2026-11-23T10:00:00+01:00", "2026-11-23T09:00:00Z", "2026-11-23T09:00:00", "2026-11-23T09:00:00.5Z",
            "2026-11-23T09:00:00.25Z", "2026-11-23T04:30:00-05:00", "2026-11-22T23:59:59.999Z",
        ]
        let values = try texts.map { try #require(XMLDateTime(xmlLexicalForm: $0)) }
        #expect(
            values.sorted().map(\.xmlLexicalForm) == [
                "2026-11-22T23:59:59.999Z", "2026-11-23T09:00:00", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00+01:00",
                "2026-11-23T09:00:00.25Z", "2026-11-23T09:00:00.5Z", "2026-11-23T04:30:00-05:00",
            ])
        for left in values {
            for right in values {
                #expect((left == right) == (!(left < right) && !(right < left)))
            }
        }
    }

    // MARK: - xs:gYearMonth

    @Test(
        "Accepted and refused xs:gYearMonth forms",
        arguments: [
            ("2027-09", "2027-09" as String?), ("2027-09Z", "2027-09Z"), ("2027-09+01:00", "2027-09+01:00"),
            ("2027-09-05:00", "2027-09-05:00"), (" 2027-12 ", "2027-12"), ("0001-01", "0001-01"),
            ("2027-9", nil), ("2027-13", nil), ("2027-00", nil), ("2027-09-01", nil), ("27-09", nil),
            ("2027-09 Z", nil), ("", nil), ("0000-01", nil), ("2027-09+15:00", nil), ("2027/09", nil),
        ])
    func yearMonthLexical(input: String, expected: String?) {
        let value = XMLYearMonth(xmlLexicalForm: input)
        #expect(value?.xmlLexicalForm == expected)
        #expect(Self.withBytes(input) { XMLYearMonth.parse(utf8: $0) } == value)
    }

    @Test(
        "First and last days",
        arguments: [
            ("2024-02", "2024-02-01", "2024-02-29"), ("2023-02", "2023-02-01", "2023-02-28"),
            ("1900-02", "1900-02-01", "1900-02-28"), ("2000-02", "2000-02-01", "2000-02-29"),
            ("2027-09", "2027-09-01", "2027-09-30"), ("2027-12Z", "2027-12-01Z", "2027-12-31Z"),
        ])
    func yearMonthDays(input: String, first: String, last: String) throws {
        let month = try #require(XMLYearMonth(xmlLexicalForm: input))
        #expect(month.firstDay.xmlLexicalForm == first)
        #expect(month.lastDay.xmlLexicalForm == last)
        #expect(month.contains(month.firstDay))
        #expect(month.contains(month.lastDay))
        #expect(!month.contains(month.firstDay.adding(days: -1)))
        #expect(!month.contains(month.lastDay.adding(days: 1)))
    }

    @Test("Year-months order and compare")
    func yearMonthOrdering() throws {
        let values = try ["2027-09", "2026-12", "2027-09Z", "2027-10"].map {
            try #require(XMLYearMonth(xmlLexicalForm: $0))
        }
        #expect(values.sorted().map(\.xmlLexicalForm) == ["2026-12", "2027-09", "2027-09Z", "2027-10"])
        #expect(XMLYearMonth(year: 2027, month: 9) == XMLYearMonth(xmlLexicalForm: "2027-09"))
        #expect(XMLYearMonth(year: 2027, month: 13) == nil)
        #expect(XMLYearMonth(year: 2027, month: 9, timeZoneOffsetMinutes: 900) == nil)
        let date = try #require(XMLDate(xmlLexicalForm: "2027-09-12+02:00"))
        #expect(try #require(XMLYearMonth(xmlLexicalForm: "2027-09")).contains(date))
    }

    // MARK: - Codable

    private struct Record: Codable, Equatable {
        var date: XMLDate
        var created: XMLDateTime
        var expiry: XMLYearMonth
    }

    @Test("Lexical values code as their lexical form outside XML")
    func lexicalValuesCodable() throws {
        let record = Record(
            date: try #require(XMLDate(xmlLexicalForm: "2026-11-23")),
            created: try #require(XMLDateTime(xmlLexicalForm: "2026-11-23T10:15:30.25+01:00")),
            expiry: try #require(XMLYearMonth(xmlLexicalForm: "2027-09")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        #expect(json == #"{"created":"2026-11-23T10:15:30.25+01:00","date":"2026-11-23","expiry":"2027-09"}"#)
        #expect(try JSONDecoder().decode(Record.self, from: Data(json.utf8)) == record)
        let invalid = #"{"created":"2026-11-23T10:15:30","date":"2026-02-30","expiry":"2027-09"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Record.self, from: Data(invalid.utf8)) }
        #expect(XMLDate.xmlTypeName == "xs:date")
        #expect(XMLDateTime.xmlTypeName == "xs:dateTime")
        #expect(XMLYearMonth.xmlTypeName == "xs:gYearMonth")
    }
}
