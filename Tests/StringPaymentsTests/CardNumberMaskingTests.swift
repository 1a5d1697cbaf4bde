import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// Card numbers within PCI DSS display and storage limits: BIN and last four together only for
/// 16 digits or more, and secrets redacted by every encoder unless it opts in, as the STRING
/// message encoding does.
@Suite struct CardNumberMaskingTests {
    func card(_ digits: String) throws -> CardNumber {
        try #require(CardNumber(digits))
    }

    @Test(arguments: [
        ("30569309025904", "**********5904"),  // 14 digits, Diners
        ("378282246310005", "***********0005"),  // 15 digits, Amex
        ("123456789012", "********9012"),  // 12 digits
    ])
    func aShortNumberShowsOnlyItsLastFour(digits: String, masked: String) throws {
        let number = try card(digits)
        #expect(number.masked == masked)
        #expect(number.bin == nil)
        #expect(number.lastFour == String(digits.suffix(4)))
    }

    @Test(arguments: [
        ("4111111111111111", "411111******1111", "411111"),
        ("6011000990139424", "601100******9424", "601100"),
        ("4111111111111111110", "411111*********1110", "411111"),
    ])
    func aLongNumberShowsSixAndFour(digits: String, masked: String, bin: String) throws {
        let number = try card(digits)
        #expect(number.masked == masked)
        #expect(number.bin == bin)
        // BIN and mask agree: together they show no more than the mask alone.
        #expect(number.masked.hasPrefix(bin))
    }

    @Test func jsonEncodingRedactsByDefault() throws {
        let number = try card("4111111111111111")
        let code = try #require(SecurityCode("737"))
        let json = String(decoding: try JSONEncoder().encode([number]), as: UTF8.self)
        #expect(!json.contains("4111111111111111"))
        #expect(json == #"["411111******1111"]"#)
        #expect(String(decoding: try JSONEncoder().encode([code]), as: UTF8.self) == #"["***"]"#)
        // Only `true` opts in; the former redaction key no longer matters.
        let other = JSONEncoder()
        other.userInfo[StringCodingOptions.revealsSecretsKey] = "yes"
        other.userInfo[StringCodingOptions.redactsSecretsKey] = false
        #expect(!String(decoding: try other.encode([number, number]), as: UTF8.self).contains("4111111111111111"))
        let revealing = JSONEncoder()
        revealing.userInfo[StringCodingOptions.revealsSecretsKey] = true
        #expect(String(decoding: try revealing.encode([code]), as: UTF8.self) == #"["737"]"#)
    }

    @Test func aModelValueEncodedWithAPlainXMLEncoderIsRedacted() throws {
        let creditCard = CreditCard(
            cardType: "VISA", cardNumber: try card("4111111111111111"),
            expiryDate: try #require(XMLYearMonth(year: 2030, month: 1)), securityCode: SecurityCode("737"))
        let xml = try XMLEncoder().encode(creditCard, rootElement: XMLQualifiedName("CreditCard"))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.contains("4111111111111111"))
        #expect(!text.contains("737"))
    }

    @Test func theStringMessageEncodingCarriesTheNumber() throws {
        let data = try TestSupport.data("Examples/messages/booking-request.xml")
        let message = try StringMessage.decode(from: data)
        let encoded = String(decoding: try message.encoded(), as: UTF8.self)
        #expect(encoded.contains("<CardNumber>5555555555554444</CardNumber>"))
        #expect(encoded.contains("<SecurityCode>737</SecurityCode>"))
        let json = String(decoding: try JSONEncoder().encode(BookingRequestBox(message: message)), as: UTF8.self)
        #expect(!json.contains("5555555555554444"))
        #expect(!json.contains("737"))
    }

    /// Encodes a message's booking request, to JSON here.
    struct BookingRequestBox: Encodable {
        let message: StringMessage
        func encode(to encoder: any Encoder) throws {
            guard case .bookingRequest(let request) = message else { return }
            try request.encode(to: encoder)
        }
    }
}
