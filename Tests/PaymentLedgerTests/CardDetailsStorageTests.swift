import StringPayments
import Testing
import XMLCoding

@testable import PaymentLedger

/// The ledger stores a payment's details without secrets; details without any are stored as
/// they are, without being stripped (``PaymentSpecialisation/hasSecrets``), and card types are
/// compared without ASCII case.
@Suite("Card details storage")
struct CardDetailsStorageTests {
    static let extra = XMLAnyElement(name: XMLQualifiedName("Extra"), children: [.text("x")])

    static func card(
        number: String? = nil, code: String? = nil, unknown: [XMLAnyElement] = []
    ) throws
        -> PaymentSpecialisation
    {
        let card = CreditCard(
            cardType: "VISA", cardNumber: try number.map { try #require(CardNumber($0)) },
            maskedCardNumber: "401288XXXXXX1881", expiryDate: try #require(XMLYearMonth(year: 2036, month: 11)),
            securityCode: try code.map { try #require(SecurityCode($0)) }, unknownElements: unknown)
        return .creditCard(CreditCardPayment(creditCard: card, pciToken: "tok_1", pciBin: "401288"))
    }

    static func instalments(unknown: [XMLAnyElement]) throws -> PaymentSpecialisation {
        let day = try #require(XMLDate(year: 2027, month: 1, day: 4))
        return .installment(
            InstallmentPayment(installments: [
                Installment(number: 1, dueDate: day, amount: CurrencyAmount(minorUnitCount: 100_00, currency: .eur)),
                Installment(
                    number: 2, dueDate: day.adding(days: 30),
                    amount: CurrencyAmount(minorUnitCount: 100_00, currency: .eur), unknownElements: unknown),
            ]))
    }

    @Test("hasSecrets is true exactly when stripping the secrets changes the details")
    func hasSecretsMatchesStripping() throws {
        let details: [(PaymentSpecialisation, Bool)] = [
            (.unspecified, false),
            (.invoice, false),
            (.voucher(VoucherPayment(voucherCode: "V-1")), false),
            (.creditCard(CreditCardPayment(pciToken: "tok_1")), false),
            (try Self.card(), false),
            (try Self.card(number: "4111111111111111"), true),
            (try Self.card(code: "737"), true),
            (try Self.card(unknown: [Self.extra]), true),
            (try Self.instalments(unknown: []), false),
            (try Self.instalments(unknown: [Self.extra]), true),
        ]
        for (specialisation, secret) in details {
            #expect(specialisation.hasSecrets == secret, "\(specialisation)")
            #expect((specialisation.withoutSecrets != specialisation) == secret, "\(specialisation)")
            #expect(!specialisation.withoutSecrets.hasSecrets, "\(specialisation)")
        }
    }

    @Test("card types compared byte by byte, ignoring the case of ASCII letters only")
    func cardTypesIgnoreASCIICase() {
        let cases: [(String, String, Bool)] = [
            ("VISA", "VISA", true), ("VISA", "visa", true), ("MasterCard", "mastercard", true),
            ("VISA", "VISB", false), ("VISA", "VIS", false), ("", "", true), ("@", "`", false),
            ("[", "{", false), ("Ä", "ä", false), ("é", "e\u{301}", false), ("A-1", "a-1", true),
        ]
        for (lhs, rhs, equal) in cases {
            #expect(Ledger.equalIgnoringASCIICase(lhs, rhs) == equal, "\(lhs) vs \(rhs)")
            #expect(Ledger.equalIgnoringASCIICase(rhs, lhs) == equal, "\(rhs) vs \(lhs)")
        }
    }
}
