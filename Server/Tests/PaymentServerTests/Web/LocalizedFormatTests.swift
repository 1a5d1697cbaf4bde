import Foundation
import PaymentServer
import StringPayments
import Testing
import XMLCoding

@Suite struct LocalizedFormatTests {
    func amount(_ text: String, _ code: String) throws -> CurrencyAmount {
        let currency = try #require(CurrencyCode(code))
        return try #require(CurrencyAmount(text, currency))
    }

    @Test func moneyInGermanAndEnglishToTheCent() throws {
        #expect(LocalizedFormat.money(try amount("1234.5", "EUR"), .de) == "1.234,50\u{00A0}€")
        #expect(LocalizedFormat.money(try amount("1234.5", "EUR"), .en) == "€1,234.50")
        #expect(LocalizedFormat.money(try amount("1234567.89", "EUR"), .de) == "1.234.567,89\u{00A0}€")
        #expect(LocalizedFormat.money(try amount("0.01", "GBP"), .en) == "£0.01")
        #expect(LocalizedFormat.money(try amount("12", "CHF"), .en) == "CHF\u{00A0}12.00")
        #expect(LocalizedFormat.money(try amount("12", "CHF"), .de) == "12,00\u{00A0}CHF")
        #expect(LocalizedFormat.money(try amount("120000", "JPY"), .en) == "¥120,000")
        #expect(LocalizedFormat.money(try amount("1.25", "KWD"), .de) == "1,250\u{00A0}KWD")
        // 0.1 + 0.2 is exact here: no Double anywhere.
        let sum = try amount("0.1", "EUR").adding(try amount("0.2", "EUR"))
        #expect(LocalizedFormat.money(sum, .en) == "€0.30")
        let signed = SignedCurrencyAmount(amount: Decimal(string: "-999.99") ?? 0, currency: .eur)
        #expect(LocalizedFormat.money(signed, .en) == "-€999.99")
        #expect(LocalizedFormat.money(signed, .de) == "-999,99\u{00A0}€")
    }

    @Test func datesInGermanAndEnglish() throws {
        let date = try #require(XMLDate(year: 2026, month: 3, day: 7))
        #expect(LocalizedFormat.date(date, .de) == "07.03.2026")
        #expect(LocalizedFormat.date(date, .en) == "7 Mar 2026")
    }
}
