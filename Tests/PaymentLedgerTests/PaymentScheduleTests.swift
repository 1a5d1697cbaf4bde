import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@Suite("Payment schedules")
struct PaymentScheduleTests {

    private func date(_ text: String) throws -> XMLDate {
        try #require(XMLDate(xmlLexicalForm: text))
    }

    private func amount(_ text: String, _ currency: CurrencyCode) throws -> CurrencyAmount {
        try #require(CurrencyAmount(text, currency))
    }

    /// The payments as `identifier scope due amount` lines, for one-line comparisons.
    private func lines(_ payments: [ScheduledPayment]) -> [String] {
        payments.map { "\($0.identifier) \($0.scope.rawValue) \($0.dueDate) \($0.amount)" }
    }

    private func schedule(
        _ total: String, _ currency: CurrencyCode, booked: String, departure: String,
        terms policy: PaymentTermsPolicy = .standard
    ) throws -> [String] {
        lines(
            try policy.schedule(
                total: amount(total, currency), bookedOn: date(booked), departure: date(departure)))
    }

    private func expectError(
        _ code: ScheduleError.Code, _ policy: PaymentTermsPolicy = .standard, total: CurrencyAmount,
        booked: String = "2026-11-23", departure: String = "2027-06-14"
    ) throws {
        let bookedOn = try date(booked)
        let departureDate = try date(departure)
        let error = #expect(throws: ScheduleError.self) {
            try policy.schedule(total: total, bookedOn: bookedOn, departure: departureDate)
        }
        #expect(error?.code == code)
        #expect(error?.message.isEmpty == false)
    }

    // MARK: Examples

    @Test func standardTermsWorkedExample() throws {
        #expect(
            try schedule("3456.00", .eur, booked: "2026-11-23", departure: "2027-06-14") == [
                "DEP Deposit 2026-11-30 691.20 EUR",
                "BAL Balance 2027-05-15 2764.80 EUR",
            ])
    }

    @Test func standardTermsAreTheDocumentedDefaults() {
        let standard = PaymentTermsPolicy.standard
        #expect(standard.depositPercentage == 20)
        #expect(standard.depositDueDaysAfterBooking == 7)
        #expect(standard.balanceDueDaysBeforeDeparture == 30)
        #expect(standard.interimInstalments == 0)
        #expect(standard.minimumDeposit == nil)
        #expect(standard == PaymentTermsPolicy())
    }

    @Test func yenIsRoundedToWholeUnits() throws {
        #expect(
            try schedule("99999", .jpy, booked: "2026-11-23", departure: "2027-06-14") == [
                "DEP Deposit 2026-11-30 20000 JPY",
                "BAL Balance 2027-05-15 79999 JPY",
            ])
        // 20 % of 99,999 is 19,999.8, which rounds to 20,000; 25 % of 10 is 2.5, which rounds half up to 3.
        let quarter = PaymentTermsPolicy(depositPercentage: 25)
        #expect(
            try schedule("10", .jpy, booked: "2026-11-23", departure: "2027-06-14", terms: quarter) == [
                "DEP Deposit 2026-11-30 3 JPY",
                "BAL Balance 2027-05-15 7 JPY",
            ])
    }

    @Test func kuwaitiDinarKeepsThreeDecimals() throws {
        // 20 % of 1,234.567 is 246.9134, rounded to 246.913.
        #expect(
            try schedule("1234.567", .kwd, booked: "2026-11-23", departure: "2027-06-14") == [
                "DEP Deposit 2026-11-30 246.913 KWD",
                "BAL Balance 2027-05-15 987.654 KWD",
            ])
        // 20 % of 0.0025 is 0.0005, which rounds half up to 0.001.
        #expect(
            try schedule("0.003", .kwd, booked: "2026-11-23", departure: "2027-06-14") == [
                "DEP Deposit 2026-11-30 0.001 KWD",
                "BAL Balance 2027-05-15 0.002 KWD",
            ])
    }

    @Test func depositRoundsHalfUp() throws {
        // 20 % of 12.34 is 2.468 → 2.47; 20 % of 0.02 is 0.004 → 0.00, and a zero deposit is left out.
        #expect(
            try schedule("12.34", .eur, booked: "2026-11-23", departure: "2027-06-14") == [
                "DEP Deposit 2026-11-30 2.47 EUR",
                "BAL Balance 2027-05-15 9.87 EUR",
            ])
        #expect(
            try schedule("0.02", .eur, booked: "2026-11-23", departure: "2027-06-14") == [
                "BAL Balance 2027-05-15 0.02 EUR"
            ])
    }

    @Test func bookingInsideTheBalanceWindowOwesEverythingAtOnce() throws {
        let everything = ["BAL Balance 2027-05-20 3456.00 EUR"]
        #expect(try schedule("3456.00", .eur, booked: "2027-05-20", departure: "2027-06-14") == everything)
        // On the balance due date itself, and on the departure date.
        #expect(
            try schedule("3456.00", .eur, booked: "2027-05-15", departure: "2027-06-14") == [
                "BAL Balance 2027-05-15 3456.00 EUR"
            ])
        #expect(
            try schedule("3456.00", .eur, booked: "2027-06-14", departure: "2027-06-14") == [
                "BAL Balance 2027-06-14 3456.00 EUR"
            ])
    }

    @Test func depositDueOnOrAfterTheBalanceCollapsesIntoTheBalance() throws {
        // Deposit due 2027-05-17, after the balance due date 2027-05-15.
        #expect(
            try schedule("3456.00", .eur, booked: "2027-05-10", departure: "2027-06-14") == [
                "BAL Balance 2027-05-15 3456.00 EUR"
            ])
        // Deposit due on the balance due date.
        #expect(
            try schedule("3456.00", .eur, booked: "2027-05-08", departure: "2027-06-14") == [
                "BAL Balance 2027-05-15 3456.00 EUR"
            ])
        // One day earlier there is room for both.
        #expect(
            try schedule("3456.00", .eur, booked: "2027-05-07", departure: "2027-06-14") == [
                "DEP Deposit 2027-05-14 691.20 EUR",
                "BAL Balance 2027-05-15 2764.80 EUR",
            ])
    }

    @Test func interimInstalmentsAreEvenlySpaced() throws {
        let policy = PaymentTermsPolicy(interimInstalments: 2)
        #expect(
            try schedule("3456.00", .eur, booked: "2026-11-23", departure: "2027-06-14", terms: policy) == [
                "DEP Deposit 2026-11-30 691.20 EUR",
                "INT1 Interim 2027-01-24 921.60 EUR",
                "INT2 Interim 2027-03-20 921.60 EUR",
                "BAL Balance 2027-05-15 921.60 EUR",
            ])
        // 800.00 after the deposit does not split into three equal cents: the balance takes the rest.
        #expect(
            try schedule("1000.00", .eur, booked: "2026-11-23", departure: "2027-06-14", terms: policy) == [
                "DEP Deposit 2026-11-30 200.00 EUR",
                "INT1 Interim 2027-01-24 266.67 EUR",
                "INT2 Interim 2027-03-20 266.67 EUR",
                "BAL Balance 2027-05-15 266.66 EUR",
            ])
        // Interim instalments also collapse when the booking is inside the balance window.
        #expect(
            try schedule("1000.00", .eur, booked: "2027-05-20", departure: "2027-06-14", terms: policy) == [
                "BAL Balance 2027-05-20 1000.00 EUR"
            ])
    }

    @Test func minimumDepositRaisesTheDepositButNeverAboveTheTotal() throws {
        let policy = PaymentTermsPolicy(minimumDeposit: try amount("150.00", .eur))
        #expect(
            try schedule("500.00", .eur, booked: "2026-11-23", departure: "2027-06-14", terms: policy) == [
                "DEP Deposit 2026-11-30 150.00 EUR",
                "BAL Balance 2027-05-15 350.00 EUR",
            ])
        #expect(
            try schedule("100.00", .eur, booked: "2026-11-23", departure: "2027-06-14", terms: policy) == [
                "DEP Deposit 2026-11-30 100.00 EUR"
            ])
        #expect(
            try schedule("3456.00", .eur, booked: "2026-11-23", departure: "2027-06-14", terms: policy) == [
                "DEP Deposit 2026-11-30 691.20 EUR",
                "BAL Balance 2027-05-15 2764.80 EUR",
            ])
    }

    @Test func zeroTotalGivesAnEmptySchedule() throws {
        #expect(try schedule("0", .eur, booked: "2026-11-23", departure: "2027-06-14").isEmpty)
        #expect(try schedule("0", .eur, booked: "2027-06-01", departure: "2027-06-14").isEmpty)
    }

    @Test func policyCodableRoundTrip() throws {
        let policy = PaymentTermsPolicy(
            depositPercentage: Decimal(string: "12.5") ?? 0, depositDueDaysAfterBooking: 3,
            balanceDueDaysBeforeDeparture: 45, interimInstalments: 3, minimumDeposit: try amount("99.00", .chf))
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(PaymentTermsPolicy.self, from: data) == policy)
        let payments = try policy.schedule(
            total: amount("1000.00", .chf), bookedOn: date("2026-11-23"), departure: date("2027-06-14"))
        #expect(try JSONDecoder().decode([ScheduledPayment].self, from: JSONEncoder().encode(payments)) == payments)
    }

    // MARK: Errors, one test per code

    @Test func departureBeforeBookingIsRefused() throws {
        try expectError(
            .departureBeforeBooking, total: amount("100.00", .eur), booked: "2026-11-23", departure: "2026-11-22")
    }

    @Test func negativeTotalIsRefused() throws {
        try expectError(.negativeTotal, total: CurrencyAmount(amount: -1, currency: .eur))
    }

    @Test func totalWithTooManyFractionDigitsIsRefused() throws {
        try expectError(.tooManyFractionDigits, total: amount("12.505", .eur))
        try expectError(.tooManyFractionDigits, total: amount("100.5", .jpy))
    }

    @Test func minimumDepositInAnotherCurrencyIsRefused() throws {
        let policy = PaymentTermsPolicy(minimumDeposit: try amount("100.00", .usd))
        try expectError(.currencyMismatch, policy, total: amount("1000.00", .eur))
    }

    @Test(arguments: [
        PaymentTermsPolicy(depositPercentage: -1),
        PaymentTermsPolicy(depositPercentage: 101),
        PaymentTermsPolicy(depositDueDaysAfterBooking: -1),
        PaymentTermsPolicy(balanceDueDaysBeforeDeparture: -1),
        PaymentTermsPolicy(interimInstalments: -1),
        PaymentTermsPolicy(minimumDeposit: CurrencyAmount(amount: -5, currency: .eur)),
    ])
    func invalidPolicyIsRefused(_ policy: PaymentTermsPolicy) throws {
        try expectError(.invalidPolicy, policy, total: amount("1000.00", .eur))
    }

    // MARK: Properties

    @Test func randomSchedulesAddUpExactlyAndAreOrdered() throws {
        var random = SeededGenerator(state: 20_261_123)
        let currencies = CurrencyCode.allISO4217
        let earliest = try date("2020-01-01").daysSinceEpoch
        var nonEmpty = 0
        for _ in 0..<1_000 {
            let currency = currencies[Int.random(in: 0..<currencies.count, using: &random)]
            let minorUnits = Decimal(sign: .plus, exponent: -currency.minorUnits, significand: 1)
            let units = Decimal(
                Int.random(in: 0...3, using: &random) == 0
                    ? Int.random(in: 0...20, using: &random) : Int.random(in: 0...10_000_000_000, using: &random))
            let total = CurrencyAmount(amount: units * minorUnits, currency: currency)
            let bookedOn = XMLDate(daysSinceEpoch: earliest + Int.random(in: 0...4_000, using: &random))
            let departure = bookedOn.adding(days: Int.random(in: 0...800, using: &random))
            let percentage = Decimal(Int.random(in: 0...10_000, using: &random)) / 100
            let minimum =
                Bool.random(using: &random)
                ? CurrencyAmount(
                    amount: Decimal(Int.random(in: 0...100_000, using: &random)) * minorUnits, currency: currency)
                : nil
            let policy = PaymentTermsPolicy(
                depositPercentage: percentage, depositDueDaysAfterBooking: Int.random(in: 0...30, using: &random),
                balanceDueDaysBeforeDeparture: Int.random(in: 0...90, using: &random),
                interimInstalments: Int.random(in: 0...6, using: &random), minimumDeposit: minimum)

            let payments = try policy.schedule(total: total, bookedOn: bookedOn, departure: departure)
            let context = "\(total) \(bookedOn)→\(departure) \(policy)"
            #expect(try CurrencyAmount.sum(payments.map(\.amount), currency: currency) == total, "\(context)")
            #expect(payments.isEmpty == total.isZero, "\(context)")
            #expect(zip(payments, payments.dropFirst()).allSatisfy { $0.dueDate <= $1.dueDate }, "\(context)")
            #expect(payments.allSatisfy { $0.amount.amount > 0 }, "\(context)")
            #expect(payments.allSatisfy { !$0.amount.needsMoreFractionDigitsThanCurrencyAllows }, "\(context)")
            #expect(payments.allSatisfy { $0.dueDate >= bookedOn && $0.dueDate <= departure }, "\(context)")
            #expect(Set(payments.map(\.identifier)).count == payments.count, "\(context)")
            #expect(payments.filter { $0.scope == .deposit }.allSatisfy { $0.identifier == "DEP" })
            #expect(payments.filter { $0.scope == .balance }.allSatisfy { $0.identifier == "BAL" })
            let balanceIndex = payments.firstIndex { $0.scope == .balance }
            #expect(balanceIndex == nil || balanceIndex == payments.count - 1, "\(context)")
            if !payments.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 900)
    }
}
