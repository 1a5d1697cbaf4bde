import Foundation
import Testing
import XMLCoding

/// The encoder formats amounts (coefficients of up to 64 bits, exponents up to ±19), dates and
/// year-months straight into its buffer. Its output must be exactly ``XMLDecimal/format(_:fractionDigits:)``
/// and ``XMLLexicalValue/xmlLexicalForm``, for every value, also those that take the general path.
@Suite struct XMLEncoderValueFormattingTests {
    struct Values<Value: Encodable>: Encodable {
        var items: [Value]
        enum CodingKeys: String, CodingKey { case items = "V" }
    }

    /// The text of each `<V>` element the encoder writes for `values`.
    private func encodedTexts<Value: Encodable>(_ values: [Value]) throws -> [String] {
        let data = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            Values(items: values), rootElement: XMLQualifiedName("L"))
        let xml = String(decoding: data, as: UTF8.self)
        return xml.components(separatedBy: "<V>").dropFirst().map { part in
            String(part.prefix { $0 != "<" })
        }
    }

    /// Deterministic pseudo-random numbers (SplitMix64).
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func edgeCaseDecimalsMatchTheCanonicalForm() throws {
        let texts = [
            "0", "-0", "0.0", "-0.000", "1", "-1", "10", "100.00", "1234.50", "-1234.50", "0.01", "-0.001",
            "0.1000", "12345678901234567890", "18446744073709551615", "18446744073709551616",
            "-18446744073709551615", "0.0000000000000000001", "0.00000000000000000001", "1e19", "1e20", "-1e25",
            "123e-30", "99999999999999999999999999999999999999", "-0.5", "5e-19", "70.7000",
        ]
        let values = texts.compactMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        #expect(values.count == texts.count)
        #expect(try encodedTexts(values) == values.map { XMLDecimal.format($0) })
    }

    @Test func generatedDecimalsMatchTheCanonicalForm() throws {
        var numbers = Numbers(state: 16)
        var values: [Decimal] = []
        for _ in 0..<4000 {
            let width = Int(numbers.next() % 64) + 1
            var mantissa = numbers.next() >> UInt64(64 - width)
            // Trailing zeros in the coefficient, which the canonical form drops after the point.
            for _ in 0..<numbers.next() % 4 where mantissa <= UInt64.max / 10 {
                mantissa *= 10
            }
            let exponent = Int(numbers.next() % 51) - 25
            let sign: FloatingPointSign = numbers.next() % 2 == 0 ? .plus : .minus
            values.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa)))
        }
        let texts = try encodedTexts(values)
        #expect(texts == values.map { XMLDecimal.format($0) })
        // Every text reads back as the same value.
        #expect(texts.map { XMLDecimal.parse($0) } == values.map { Optional($0) })
    }

    @Test func datesAndYearMonthsMatchTheirLexicalForm() throws {
        let zones: [Int?] = [nil, 0, -840, 840, 330, -90, 1, -1]
        var dates: [XMLDate] = []
        var months: [XMLYearMonth] = []
        for (year, month, day) in [(1, 1, 1), (999, 12, 31), (2026, 2, 28), (2024, 2, 29), (9999, 12, 31)] {
            for zone in zones {
                if let date = XMLDate(year: year, month: month, day: day, timeZoneOffsetMinutes: zone) {
                    dates.append(date)
                }
                if let yearMonth = XMLYearMonth(year: year, month: month, timeZoneOffsetMinutes: zone) {
                    months.append(yearMonth)
                }
            }
        }
        #expect(dates.count == 40 && months.count == 40)
        #expect(try encodedTexts(dates) == dates.map(\.xmlLexicalForm))
        #expect(try encodedTexts(months) == months.map(\.xmlLexicalForm))
    }
}
