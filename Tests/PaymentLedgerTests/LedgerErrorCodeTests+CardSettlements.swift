import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

/// The error codes of card payouts, each provoked through ``Ledger/recordCardPayout(_:report:paymentId:of:)``,
/// with the refused change leaving the ledger as it was.
extension LedgerErrorCodeTests {
    private func refusal(
        _ code: LedgerError.Code, _ ledger: Ledger, sourceLocation: SourceLocation = #_sourceLocation,
        _ operation: () throws(LedgerError) -> Void
    ) {
        let bookings = ledger.bookings
        let events = ledger.eventCount
        do {
            try operation()
            Issue.record("expected \(code), the operation succeeded", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.paymentId == "CC1", sourceLocation: sourceLocation)
        }
        #expect(ledger.bookings == bookings, sourceLocation: sourceLocation)
        #expect(ledger.eventCount == events, sourceLocation: sourceLocation)
    }

    @Test func alreadyPaidOut() throws {
        let ledger = try CardSettlementTests.makeLedger()
        let payment = try CardSettlementTests.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        let gross = CardSettlementTests.charged(payment)
        try ledger.recordCardPayout(
            try CardSettlementTests.line("TX-1", grossCents: gross), report: "a", paymentId: "CC1", of: "B1")
        let other = try CardSettlementTests.line("TX-1", grossCents: gross, feeCents: 1_00)
        refusal(.alreadyPaidOut, ledger) { () throws(LedgerError) in
            try ledger.recordCardPayout(other, report: "b", paymentId: "CC1", of: "B1")
        }
    }

    @Test func payoutMismatch() throws {
        let ledger = try CardSettlementTests.makeLedger()
        let payment = try CardSettlementTests.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        let gross = CardSettlementTests.charged(payment)
        let tooMuch = try CardSettlementTests.line("TX-1", grossCents: gross + 1)
        refusal(.payoutMismatch, ledger) { () throws(LedgerError) in
            try ledger.recordCardPayout(tooMuch, report: "r", paymentId: "CC1", of: "B1")
        }
        try ledger.failPayment("CC1", of: "B1", reason: "chargeback")
        let exact = try CardSettlementTests.line("TX-1", grossCents: gross)
        refusal(.payoutMismatch, ledger) { () throws(LedgerError) in
            try ledger.recordCardPayout(exact, report: "r", paymentId: "CC1", of: "B1")
        }
    }
}
