import BankStatements
import Foundation
import StringPayments
import Testing
import XMLCoding

@Suite struct CardSettlementReportTests {
    static let mapping = CardSettlementMapping(
        transactionReference: .named("Transaction ID"), payoutDate: .named("Payout date"),
        grossAmount: .named("Gross"), fee: .named("Fee"), netAmount: .named("Net"),
        currency: .column(.named("Currency")),
        payoutReference: .named("Payout"))

    @Test func readsAnAcquirerReport() throws {
        let csv = """
            Transaction ID,Payout date,Gross,Fee,Net,Currency,Payout
            TX-0001,2026-11-25,438.00,6.57,431.43,EUR,PO-77
            TX-0002,2026-11-25,-100.00,0.00,-100.00,EUR,PO-77
            "TX-0003",2026-11-25,1200,,1200,JPY,
            """
        let lines = try CardSettlementReport(mapping: Self.mapping, format: .international).read(Data(csv.utf8))
        #expect(lines.count == 3)
        #expect(lines[0].transactionReference == "TX-0001")
        #expect(lines[0].payoutDate == XMLDate(year: 2026, month: 11, day: 25))
        #expect(lines[0].grossAmount == SignedCurrencyAmount("438.00", .eur))
        #expect(lines[0].fee == SignedCurrencyAmount("6.57", .eur))
        #expect(lines[0].netAmount == SignedCurrencyAmount("431.43", .eur))
        #expect(lines[0].payoutReference == "PO-77")
        #expect(lines[0].line == 2)
        #expect(lines[1].grossAmount.amount == -100)
        #expect(lines[2].fee.isZero)
        #expect(lines[2].netAmount.currency == .jpy)
        #expect(lines[2].payoutReference == nil)
    }

    @Test func computesTheNetAmountWhenAbsent() throws {
        let mapping = CardSettlementMapping(
            transactionReference: .position(1), payoutDate: .position(2), grossAmount: .position(3), fee: .position(4),
            currency: .fixed("EUR"))
        let lines = try CardSettlementReport(mapping: mapping, format: CSVFormat(hasHeaderRow: false)).read(
            Data("TX-1;25.11.2026;100,00;1,45".utf8))
        #expect(lines.first?.netAmount == SignedCurrencyAmount("98.55", .eur))
    }

    @Test func refusesAnInconsistentLine() {
        let csv = "Transaction ID,Payout date,Gross,Fee,Net,Currency,Payout\nTX-1,2026-11-25,100.00,1.00,98.00,EUR,P\n"
        let error = #expect(throws: BankStatementsError.self) {
            try CardSettlementReport(mapping: Self.mapping, format: .international).read(Data(csv.utf8))
        }
        #expect(error?.code == .settlementMismatch)
        #expect(error?.line == 2)
        #expect(error?.column == 5)
        let digits =
            "Transaction ID,Payout date,Gross,Fee,Net,Currency,Payout\nTX-1,2026-11-25,100.001,1.00,99.001,EUR,P\n"
        let tooPrecise = #expect(throws: BankStatementsError.self) {
            try CardSettlementReport(mapping: Self.mapping, format: .international).read(Data(digits.utf8))
        }
        #expect(tooPrecise?.code == .tooManyFractionDigits)
        #expect(tooPrecise?.column == 3)
    }
}
