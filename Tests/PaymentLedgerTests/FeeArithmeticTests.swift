import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The ledger computes fees in minor units by integer arithmetic; it must agree with
/// `PaymentOption.fee(for:)`, which computes them with `Decimal`.
@Suite struct FeeArithmeticTests {
    @Test(arguments: [CurrencyCode.eur, .jpy, .kwd])
    func integerFeesEqualDecimalFees(currency: CurrencyCode) throws {
        var generator = SeededGenerator(seed: 0xFEE5 &+ UInt64(currency.minorUnits))
        for _ in 0..<2_000 {
            let amountMinorUnits = Int64.random(in: 1...50_000_000, using: &generator)
            let percent = try #require(
                Percentage(Decimal(Int.random(in: 0...100_000, using: &generator)) / 10_000))
            let fixed: CurrencyAmount? =
                Bool.random(using: &generator)
                ? CurrencyAmount(minorUnitCount: Int64.random(in: 0...10_000, using: &generator), currency: currency)
                : nil
            let option = PaymentOption(formOfPayment: .creditCard, fixedFee: fixed, percentFee: percent)
            let amount = CurrencyAmount(minorUnitCount: amountMinorUnits, currency: currency)
            let expected = try option.fee(for: amount)
            let computed = Ledger.feeMinorUnits(of: option, amountMinorUnits: amountMinorUnits, currency: currency)
            #expect(computed == expected.minorUnitCount, "\(amount) at \(percent) plus \(String(describing: fixed))")
        }
    }

    @Test func halfUpRoundingAtTheBoundary() throws {
        // 1.5 % of 0.30 EUR is 0.0045 EUR: rounds to 0.00; of 0.70 EUR is 0.0105: rounds to 0.01.
        let option = PaymentOption(formOfPayment: .creditCard, percentFee: Percentage(Decimal(15) / 10))
        #expect(Ledger.feeMinorUnits(of: option, amountMinorUnits: 30, currency: .eur) == 0)
        #expect(Ledger.feeMinorUnits(of: option, amountMinorUnits: 70, currency: .eur) == 1)
        // 2.5 % of 0.20 EUR is exactly 0.005 EUR: half away from zero gives 0.01.
        let quarter = PaymentOption(formOfPayment: .creditCard, percentFee: Percentage(Decimal(25) / 10))
        #expect(Ledger.feeMinorUnits(of: quarter, amountMinorUnits: 20, currency: .eur) == 1)
    }

    @Test func fixedFeeInAnotherCurrencyTakesTheCheckedPath() {
        let option = PaymentOption(formOfPayment: .invoice, fixedFee: CurrencyAmount(amount: 5, currency: .usd))
        #expect(Ledger.feeMinorUnits(of: option, amountMinorUnits: 100, currency: .eur) == nil)
    }

    @Test func largestAmountsDoNotOverflow() throws {
        let option = PaymentOption(formOfPayment: .creditCard, percentFee: Percentage(100))
        let largest: Int64 = 999_999_999_999_999_999
        #expect(Ledger.feeMinorUnits(of: option, amountMinorUnits: largest, currency: .kwd) == largest)
    }
}
