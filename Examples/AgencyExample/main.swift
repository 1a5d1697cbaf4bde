// AgencyExample: a travel agency building a STRING PaymentRequest in Swift and reading the tour
// operator's PaymentResponse.
//
//   swift run AgencyExample [PAYMENT-RESPONSE.xml]
//
// The response defaults to Examples/lifecycle/03-balance-response.xml, the tour operator's answer
// to the very request this program builds.

import Foundation
import StringPayments
import XMLCoding

/// Prints to standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("AgencyExample: \(message)\n".utf8))
    exit(1)
}

/// Unwraps a value the example builds from literals, or stops with a message.
func require<Value>(_ value: Value?, _ what: String) -> Value {
    guard let value else { fail("invalid \(what)") }
    return value
}

// MARK: Building the request

// The customer pays the balance of booking SRT-2026-004711 by Visa card; the tour operator
// collects it. Amounts are decimal strings so no binary floating point is involved.
let balance = require(CurrencyAmount("2764.80", .eur), "amount")
let card = CreditCard(
    cardType: "VISA",
    cardNumber: require(CardNumber("4111111111111111"), "card number"),  // a public test number
    expiryDate: require(XMLYearMonth(year: 2037, month: 8), "expiry date"),
    holderName: "Max Mustermann",
    securityCode: require(SecurityCode("123"), "security code"))

let payment = Payment(
    identifier: "BAL",  // the tour operator's identifier of the announced balance
    collection: .tourOperator,
    paymentScope: .balance,
    formOfPayment: .creditCard,
    paymentAmount: balance,
    cashHolder: .assignedToBookingOwner(true),
    dates: PaymentDates(entryDate: XMLDate(year: 2027, month: 4, day: 20)),
    specialisation: .creditCard(CreditCardPayment(creditCard: card)))  // xsi:type="CreditCardPaymentType"

let request = PaymentRequest(
    version: "1.0",
    agencyInformation: AgencyInformation(agency: "123456", agentId: 17),
    bookingId: "SRT-2026-004711",
    payments: PaymentsRequest(payments: [payment]))

// MARK: Encoding and checking it before it is sent

let requestData: Data
do {
    requestData = try StringMessage.paymentRequest(request).encoded(options: XMLEncodingOptions(prettyPrinted: true))
} catch {
    fail("cannot encode the request: \(error)")
}
print("=== PaymentRequest to send (\(requestData.count) bytes)")
print(String(decoding: requestData, as: UTF8.self))

// The same checks the tour operator makes: the STRING schema and the semantic rules (Luhn check,
// card expiry, amounts). Sending a request that fails them would only earn an ErrorResponse.
do {
    let report = try StringMessageValidator(today: XMLDate.today()).validate(requestData)
    for issue in report.issues { print("request issue: \(issue.code): \(issue.message)") }
    print(report.isValid ? "The request is valid.\n" : "The request is NOT valid.\n")
} catch {
    fail("cannot load the STRING schema: \(error)")
}

// MARK: Reading the response

let responseFile =
    CommandLine.arguments.dropFirst().first.map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("lifecycle/03-balance-response.xml")

let message: StringMessage
do {
    message = try StringMessage.decode(from: try Data(contentsOf: responseFile))
} catch {
    fail("cannot read \(responseFile.path): \(error)")
}
guard case .paymentResponse(let response) = message else {
    fail("\(responseFile.lastPathComponent) holds a \(message.kind.rawValue), not a PaymentResponse")
}

print("=== PaymentResponse for booking \(response.bookingId) (collection \(response.payments.collection.rawValue))")
for payment in response.payments.payments {
    let form = payment.formOfPayment?.rawValue ?? "no form of payment"
    let status = payment.status?.rawValue ?? "no status"
    let due = payment.dates?.dueDate.map { ", due \($0)" } ?? ""
    print(
        "  \(payment.identifier) \(payment.paymentScope.rawValue): \(payment.paymentAmount), \(form), \(status)\(due)")
    if case .creditCard(let details) = payment.specialisation, let masked = details.creditCard?.maskedCardNumber {
        print("    card \(masked), token \(details.pciToken ?? "none")")  // never the card number
    }
    if let reason = payment.paymentDetails?.failureReason { print("    failed: \(reason)") }
}
if let overview = response.paymentOverview {
    print("  Total price \(overview.totalPrice), fees \(overview.totalFees)")
    print("  Paid \(overview.paidAmount), settled \(overview.settledAmount), open \(overview.openAmount)")
    print("  Overdue \(overview.overdueAmount)")
    if let next = overview.nextDue {
        print("  Next due: \(next.paymentScope.rawValue) \(next.amount) on \(next.dueDate)")
    }
}
for detail in response.informations?.informationDetails ?? [] { print("  info \(detail.code): \(detail.text)") }
for detail in response.errors?.errorDetails ?? [] { print("  error \(detail.code): \(detail.text)") }
