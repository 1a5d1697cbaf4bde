import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// Every `PaymentOverview` of the sample responses follows from the payments listed beside it.
///
/// A fee is a surcharge on top of `PaymentAmount` (`Schemas/README.md`), and a response lists
/// every payment of the booking, expected ones as `Open` payments without form of payment, so:
/// - `TotalFees` is the sum of `PaymentDetails/Fee` of the payments that are not `Failed`;
/// - `PaidAmount` is the sum of `PaymentAmount` + `Fee` of `Recorded`, `Settled` and `Confirmed`
///   payments, `SettledAmount` the same of `Settled` and `Confirmed` payments;
/// - `OpenAmount` is `TotalPrice` + `TotalFees` − `PaidAmount`.
///
/// Everything is compared in exact minor units of the overview's currency.
@Suite struct ExampleOverviewArithmeticTests {
    /// A response's payments and its overview.
    struct OverviewAndPayments {
        var overview: PaymentOverview
        var payments: [Payment]
    }

    /// Every example under `Examples/messages` and `Examples/lifecycle` that holds a response
    /// with a `PaymentOverview`, directly or inside an envelope, as `folder/file.xml`.
    static let responsesWithOverview: [String] = ["messages", "lifecycle"].flatMap { folder in
        ((try? TestSupport.xmlFiles(in: "Examples/\(folder)")) ?? []).compactMap { url in
            let name = "\(folder)/\(url.lastPathComponent)"
            guard let data = try? Data(contentsOf: url), let message = try? StringMessage.decode(from: data),
                overviewAndPayments(in: message) != nil
            else { return nil }
            return name
        }
    }

    /// The overview of a response and the payments it lists; `nil` for a message without one.
    static func overviewAndPayments(in message: StringMessage) -> OverviewAndPayments? {
        switch message {
        case .paymentResponse(let response):
            return response.paymentOverview.map { OverviewAndPayments(overview: $0, payments: response.payments.payments) }
        case .bookingResponse(let response):
            return response.paymentOverview.map {
                OverviewAndPayments(overview: $0, payments: response.payments?.payments ?? [])
            }
        case .envelopeResponse(let envelope):
            return envelope.stringResponse.content?.message.flatMap(overviewAndPayments(in:))
        case .paymentRequest, .bookingRequest, .errorResponse, .envelopeRequest:
            return nil
        }
    }

    /// The amount in minor units of `currency`; records an issue when it is in another currency
    /// or needs more fraction digits than the currency has.
    static func minorUnits(
        _ amount: Decimal, _ amountCurrency: CurrencyCode, in currency: CurrencyCode, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int64 {
        #expect(amountCurrency == currency, "\(what) is in \(amountCurrency), not \(currency)", sourceLocation: sourceLocation)
        return try #require(
            XMLDecimal.scaledInteger(amount, fractionDigits: currency.minorUnits),
            "\(what) \(amount) is not a whole number of \(currency) minor units", sourceLocation: sourceLocation)
    }

    /// The differences between the overview's figures and what its payments add up to, one line
    /// each; empty when the overview is exact.
    static func arithmeticMismatches(
        _ response: OverviewAndPayments, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        let overview = response.overview
        let currency = overview.totalPrice.currency
        func units(_ amount: CurrencyAmount, _ what: String) throws -> Int64 {
            try minorUnits(amount.amount, amount.currency, in: currency, what, sourceLocation: sourceLocation)
        }

        var fees: Int64 = 0
        var paid: Int64 = 0
        var settled: Int64 = 0
        for payment in response.payments {
            let status = try #require(
                payment.status, "payment \(payment.identifier) has no Status", sourceLocation: sourceLocation)
            let amount = try units(payment.paymentAmount, "PaymentAmount of \(payment.identifier)")
            let fee = try payment.paymentDetails?.fee.map { try units($0, "Fee of \(payment.identifier)") } ?? 0
            if status != .failed { fees += fee }
            if status.countsAsPaid { paid += amount + fee }
            if status.countsAsSettled { settled += amount + fee }
        }

        let totalPrice = try units(overview.totalPrice, "TotalPrice")
        let totalFees = try units(overview.totalFees, "TotalFees")
        let paidAmount = try units(overview.paidAmount, "PaidAmount")
        let settledAmount = try units(overview.settledAmount, "SettledAmount")
        let openAmount = try minorUnits(
            overview.openAmount.amount, overview.openAmount.currency, in: currency, "OpenAmount",
            sourceLocation: sourceLocation)

        var mismatches: [String] = []
        func compare(_ figure: String, _ stated: Int64, _ computed: Int64, _ rule: String) {
            guard stated != computed else { return }
            mismatches.append(
                "\(figure) is \(CurrencyAmount(minorUnitCount: stated, currency: currency).formattedAmount), "
                    + "but \(rule) is \(CurrencyAmount(minorUnitCount: computed, currency: currency).formattedAmount)")
        }
        compare("TotalFees", totalFees, fees, "the sum of the fees of the payments that are not Failed")
        compare("PaidAmount", paidAmount, paid, "amount plus fee of the Recorded, Settled and Confirmed payments")
        compare("SettledAmount", settledAmount, settled, "amount plus fee of the Settled and Confirmed payments")
        compare("OpenAmount", openAmount, totalPrice + totalFees - paidAmount, "TotalPrice + TotalFees − PaidAmount")
        return mismatches
    }

    /// The examples checked are the ones expected: a change that made a response undecodable or
    /// dropped its overview must not shrink this suite silently.
    @Test func responsesWithAnOverviewAreFound() {
        let names = Self.responsesWithOverview
        for name in [
            "messages/payment-response.xml", "messages/booking-response.xml", "messages/booking-response-jpy.xml",
            "messages/envelope-response.xml", "messages/nil-optional-elements.xml",
            "lifecycle/01-quote-response.xml", "lifecycle/02-book-response.xml", "lifecycle/03-balance-response.xml",
            "lifecycle/04-failed-card-response.xml", "lifecycle/05-agency-recorded-response.xml",
            "lifecycle/06-balance-settled-response.xml",
        ] {
            #expect(names.contains(name), "\(name) is not checked; found \(names)")
        }
    }

    @Test(arguments: responsesWithOverview)
    func overviewAddsUpFromThePayments(name: String) throws {
        let message = try StringMessage.decode(from: try TestSupport.data("Examples/\(name)"))
        let response = try #require(Self.overviewAndPayments(in: message))
        let mismatches = try Self.arithmeticMismatches(response)
        #expect(mismatches.isEmpty, "\(name):\n\(mismatches.joined(separator: "\n"))")
    }

    /// The check catches the reading this project rejected: a fee counted inside `PaymentAmount`
    /// (the deposit of `payment-response.xml` as 375.00 with a 5.00 fee) makes `PaidAmount` and
    /// `SettledAmount` disagree with the payments.
    @Test func aFeeInsidePaymentAmountIsCaught() throws {
        let text = String(decoding: try TestSupport.data("Examples/messages/payment-response.xml"), as: UTF8.self)
        let deposit = "<PaymentAmount>\n        <Amount>370.00</Amount>"
        try #require(text.components(separatedBy: deposit).count == 2, "the deposit's amount is not 370.00")
        let feeInside = text.replacingOccurrences(of: deposit, with: "<PaymentAmount>\n        <Amount>375.00</Amount>")
        let message = try StringMessage.decode(from: Data(feeInside.utf8))
        let response = try #require(Self.overviewAndPayments(in: message))
        let mismatches = try Self.arithmeticMismatches(response)
        let figures = mismatches.map { line in String(line.prefix { character in character != " " }) }
        #expect(figures == ["PaidAmount", "SettledAmount"], "\(mismatches)")
    }
}
