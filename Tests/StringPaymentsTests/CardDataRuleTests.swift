import Foundation
import StringPayments
import Testing
import XMLCoding

/// `MaskedCardNumber` and `PCIBin` are stored and shown verbatim, so the semantic rules refuse
/// any that reveals more of a card number than PCI DSS allows, without quoting a digit.
@Suite struct CardDataRuleTests {
    let rules = SemanticRulesTests()

    func violations(masked: String?, bin: String?, number: String? = nil) throws -> [StringPaymentsError] {
        let card = CreditCard(
            cardType: "VISA", cardNumber: try number.map { try #require(CardNumber($0)) }, maskedCardNumber: masked,
            expiryDate: try #require(XMLYearMonth(year: 2030, month: 1)))
        let payment = rules.payment(
            amount: try rules.amount("100.00"), .creditCard(CreditCardPayment(creditCard: card, pciBin: bin)))
        return rules.request(payment).semanticViolations(today: try rules.today())
    }

    func codes(masked: String?, bin: String? = nil, number: String? = nil) throws -> [StringPaymentsError.Code] {
        try violations(masked: masked, bin: bin, number: number).map(\.code)
    }

    @Test(arguments: [
        "411111******1111", "411111XXXXXX1111", "4111 11** **** 1111", "************1111", "***********0005",
        "1111", "**** **** **** 1111", "411111*********1110", "••••••••••1111",
    ])
    func allowedMasksPass(masked: String) throws {
        #expect(try codes(masked: masked).isEmpty)
    }

    @Test(arguments: [
        "4111111111111111",  // a full, Luhn-valid number
        "41111111111",  // unmasked digits, length unknown
        "4111111*****1111",  // seven leading digits of 16
        "411111*****11111",  // five trailing digits
        "411111**11****11",  // digits between masked ones
        "305693****5904",  // BIN and last four of a 14-digit number
        "3*************",  // a leading digit of a short number
    ])
    func revealingMasksAreRefused(masked: String) throws {
        let found = try violations(masked: masked, bin: nil)
        #expect(found.map(\.code) == [.maskedCardNumberRevealsTooMuch])
        let error = try #require(found.first)
        #expect(error.elementPath == "/PaymentRequest/Payments/Payment/CreditCard/MaskedCardNumber")
        // The digits are never echoed, not even the visible ones.
        let digits = masked.filter(\.isNumber)
        #expect(digits.count < 4 || !error.description.contains(digits.suffix(4)))
        #expect(!error.description.contains("4111111"))
    }

    @Test(arguments: ["411111", "41111111"])
    func binsOfSixOrEightDigitsPass(bin: String) throws {
        #expect(try codes(masked: "411111******1111", bin: bin).isEmpty)
        #expect(try codes(masked: nil, bin: bin, number: "4111111111111111").isEmpty)
    }

    @Test(arguments: ["4111111111111111", "41111", "4111111", "ABCDEF", "411 111", "４１１１１１"])
    func malformedBinsAreRefused(bin: String) throws {
        let found = try violations(masked: nil, bin: bin)
        #expect(found.map(\.code) == [.invalidPCIBin])
        #expect(found.first?.elementPath == "/PaymentRequest/Payments/Payment/PCIBin")
        #expect(found.first?.description.contains(bin) == false)
    }

    @Test func aBinBesideAShortCardIsRefused() throws {
        // BIN and last four of a 14-digit number would show 10 of its 14 digits.
        #expect(try codes(masked: "**********5904", bin: "305693") == [.invalidPCIBin])
        #expect(try codes(masked: nil, bin: "305693", number: "30569309025904") == [.invalidPCIBin])
    }

    @Test func xmlErrorsAtMaskedCardNumberAndPCIBinAreWithheld() {
        for element in ["CreditCard/MaskedCardNumber", "PCIBin"] {
            let xml = XMLCodingError(
                code: .schemaViolation, message: "the value '4111111111111111' is not accepted",
                elementPath: "/PaymentRequest/Payments/Payment/" + element)
            #expect(!StringPaymentsError(xml).description.contains("4111111111111111"))
        }
    }
}
