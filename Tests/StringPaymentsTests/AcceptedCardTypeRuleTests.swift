import Foundation
import StringPayments
import Testing
import XMLCoding

/// "AcceptedCardType: credit card only": a payment option of another form of payment must not
/// list accepted card types.
@Suite struct AcceptedCardTypeRuleTests {
    let rules = SemanticRulesTests()

    func codes(_ options: [PaymentOption]) throws -> [StringPaymentsError] {
        let payment = rules.payment(collection: .tourOperator, amount: try rules.amount("100.00"))
        return rules.response(payment, options: PaymentOptions(paymentOptions: options))
            .semanticViolations(today: try rules.today())
    }

    @Test func cardTypesOnTheCreditCardOptionPass() throws {
        let options = [
            PaymentOption(formOfPayment: .creditCard, acceptedCardTypes: ["VISA", "MasterCard"]),
            PaymentOption(formOfPayment: .invoice),
        ]
        #expect(try codes(options).isEmpty)
    }

    @Test func cardTypesOnAnotherOptionAreRefused() throws {
        let options = [
            PaymentOption(formOfPayment: .creditCard, acceptedCardTypes: ["VISA"]),
            PaymentOption(formOfPayment: .directDebit, acceptedCardTypes: ["VISA"]),
        ]
        let found = try codes(options)
        #expect(found.map(\.code) == [.acceptedCardTypeNotCreditCard])
        #expect(found.first?.elementPath == "/PaymentResponse/PaymentOptions/PaymentOption[2]/AcceptedCardType")
    }
}
