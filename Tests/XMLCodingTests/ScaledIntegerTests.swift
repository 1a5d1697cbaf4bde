import Foundation
import Testing
import XMLCoding

@Suite struct ScaledIntegerTests {
    @Test(arguments: [
        ("12.50", 2, Int64(1250)), ("12.5", 2, 1250), ("12.500", 2, 1250), ("1200", 0, 1200), ("1.250", 3, 1250),
        ("-0.01", 2, -1), ("0", 2, 0), ("999999999999999.999", 3, 999_999_999_999_999_999),
    ])
    func exactValuesScale(text: String, fractionDigits: Int, expected: Int64) throws {
        let value = try #require(XMLDecimal.parse(text))
        #expect(XMLDecimal.scaledInteger(value, fractionDigits: fractionDigits) == expected)
        #expect(XMLDecimal.decimal(scaledInteger: expected, fractionDigits: fractionDigits) == value)
    }

    @Test(arguments: [("12.505", 2), ("0.001", 0), ("99999999999999999999", 0), ("1", 19)])
    func inexactOrOutOfRangeValuesGiveNil(text: String, fractionDigits: Int) throws {
        let value = try #require(XMLDecimal.parse(text))
        #expect(XMLDecimal.scaledInteger(value, fractionDigits: fractionDigits) == nil)
    }

    @Test func nanGivesNil() {
        #expect(XMLDecimal.scaledInteger(Decimal.nan, fractionDigits: 2) == nil)
    }

    @Test func roundTripsAreExactAndHashConsistent() throws {
        for count in [Int64(0), 1, -1, 99, 100, 12_345, -987_654_321, Int64.max, Int64.min + 1] {
            let value = XMLDecimal.decimal(scaledInteger: count, fractionDigits: 2)
            #expect(XMLDecimal.scaledInteger(value, fractionDigits: 2) == count)
            let reparsed = try #require(XMLDecimal.parse(XMLDecimal.format(value)))
            #expect(reparsed == value)
            #expect(reparsed.hashValue == value.hashValue)
        }
    }
}
