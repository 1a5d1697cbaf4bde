import BankStatements
import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// Card settlements: acquirer settlement report lines matched to card payments, exceptions, the
/// payments the acquirer never paid out, and their replay.
@Suite struct CardSettlementTests {
    typealias Kit = LedgerTestKit

    // MARK: Helpers

    static func makeLedger(
        journal: (any LedgerJournal)? = nil, today: String = Kit.bookingDayText
    ) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(today)), bookingReferenceSeed: 77),
            journal: journal)
    }

    /// A booking with a card payment `CC1` of 500.00 EUR the gateway settled with `reference`.
    @discardableResult
    static func cardPayment(
        in ledger: Ledger, id: Identifier, reference: String, cents: Int64 = 500_00
    ) throws -> LedgerPayment {
        try ledger.createBooking(try Kit.draft(id: id))
        let result = try ledger.enterPayments(
            [try Kit.cardPayment("CC1", cents: cents, scope: .deposit)], bookingId: id,
            outcomes: ["CC1": .settled(transactionReference: reference, authorizationCode: "123456")])
        let payment = try #require(result.booking.payment("CC1"))
        #expect(payment.status == .settled)
        return payment
    }

    static func line(
        _ reference: String, grossCents: Int64, feeCents: Int64 = 0, payout: String = "2026-11-25",
        currency: CurrencyCode = .eur, line: Int = 2, payoutReference: String? = "PO-1"
    ) throws -> CardSettlementLine {
        CardSettlementLine(
            transactionReference: reference, payoutDate: try Kit.date(payout),
            grossAmount: SignedCurrencyAmount(minorUnitCount: grossCents, currency: currency),
            fee: SignedCurrencyAmount(minorUnitCount: feeCents, currency: currency),
            netAmount: SignedCurrencyAmount(minorUnitCount: grossCents - feeCents, currency: currency),
            payoutReference: payoutReference, line: line)
    }

    static func charged(_ payment: LedgerPayment) -> Int64 { payment.amountMinorUnits + payment.feeMinorUnits }

    // MARK: Matching

    @Test func aMatchingLineRecordsThePayoutOnThePayment() throws {
        let ledger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        let report = try ledger.importCardSettlements(
            [try Self.line("TX-1", grossCents: Self.charged(payment), feeCents: 7_25)], report: "payouts.csv")
        #expect(report.paidOut.map(\.paymentId) == ["CC1"])
        #expect(report.unmatched.isEmpty && report.mismatches.isEmpty)
        let payout = try #require(ledger.booking("B1")?.payment("CC1")?.acquirerPayout)
        #expect(payout.payoutDate == (try Kit.date("2026-11-25")))
        #expect(payout.fee == Kit.eur(7_25))
        #expect(payout.netAmount == Kit.eur(Self.charged(payment) - 7_25))
        #expect(payout.grossAmount == Kit.eur(Self.charged(payment)))
        #expect(payout.payoutReference == "PO-1")
        #expect(payout.report == "payouts.csv")
        // The payout does not change what the booking has paid.
        #expect(ledger.booking("B1")?.paidAmount == Kit.eur(Self.charged(payment)))
    }

    @Test func importingTheSameReportTwiceChangesNothing() throws {
        let ledger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        let lines = [
            try Self.line("TX-1", grossCents: Self.charged(payment), feeCents: 5_00),
            try Self.line("TX-404", grossCents: 99_00, line: 3),
        ]
        let first = try ledger.importCardSettlements(lines, report: "r1.csv")
        #expect(first.paidOut.count == 1)
        #expect(first.unmatched.map(\.reason) == [.unknownReference])
        let events = ledger.eventCount
        let bookings = ledger.bookings
        let exceptions = ledger.cardSettlementExceptions
        // A renamed copy of the file is the same report.
        let second = try ledger.importCardSettlements(lines, report: "r1-copy.csv")
        #expect(second.paidOut.isEmpty)
        #expect(second.alreadyPaidOut == ["TX-1"])
        #expect(second.alreadyRecorded.map(\.transactionReference) == ["TX-404"])
        #expect(second.unmatched.isEmpty && second.mismatches.isEmpty)
        #expect(ledger.eventCount == events)
        #expect(ledger.bookings == bookings)
        #expect(ledger.cardSettlementExceptions == exceptions)
    }

    @Test func linesThatDoNotFitAreRecordedAsExceptions() throws {
        let ledger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        try Self.cardPayment(in: ledger, id: "B2", reference: "TX-2")
        try Self.cardPayment(in: ledger, id: "B3", reference: "TX-3")
        try ledger.failPayment("CC1", of: "B3", reason: "chargeback")
        // Two payments with one reference.
        try Self.cardPayment(in: ledger, id: "B4", reference: "TX-DUP")
        try Self.cardPayment(in: ledger, id: "B5", reference: "TX-DUP")
        let gross = Self.charged(payment)
        let report = try ledger.importCardSettlements(
            [
                try Self.line("TX-1", grossCents: gross + 1, line: 2),
                try Self.line("TX-2", grossCents: gross, currency: .usd, line: 3),
                try Self.line("TX-3", grossCents: gross, line: 4),
                try Self.line("TX-DUP", grossCents: gross, line: 5),
                try Self.line("TX-1", grossCents: -gross, line: 6),
                try Self.line("TX-1", grossCents: gross, feeCents: gross + 1, line: 7),
                try Self.line("NOPE", grossCents: gross, line: 8),
            ], report: "r.csv")
        #expect(report.paidOut.isEmpty)
        #expect(report.mismatches.map(\.reason) == [.amountMismatch, .currencyMismatch, .notSettled, .invalidFee])
        #expect(report.mismatches.map(\.bookingId) == ["B1", "B2", "B3", "B1"])
        #expect(report.mismatches.allSatisfy { $0.paymentId == "CC1" })
        #expect(report.unmatched.map(\.reason) == [.ambiguousReference, .refundOrChargeback, .unknownReference])
        #expect(report.unmatched.allSatisfy { $0.bookingId == nil })
        #expect(ledger.cardSettlementExceptions.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        for id: Identifier in ["B1", "B2", "B3", "B4", "B5"] {
            #expect(ledger.booking(id)?.payment("CC1")?.acquirerPayout == nil)
        }
    }

    @Test func aSecondPayoutWithOtherFiguresIsAMismatch() throws {
        let ledger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        try ledger.importCardSettlements([try Self.line("TX-1", grossCents: Self.charged(payment))], report: "a")
        let report = try ledger.importCardSettlements(
            [try Self.line("TX-1", grossCents: Self.charged(payment), payout: "2026-11-30")], report: "b")
        #expect(report.mismatches.map(\.reason) == [.alreadyPaidOut])
        #expect(ledger.booking("B1")?.payment("CC1")?.acquirerPayout?.report == "a")
    }

    @Test func onlyTourOperatorCardPaymentsAreCandidates() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        try ledger.enterPayments([Kit.invoicePayment("INV", cents: 100_00)], bookingId: "B1")
        try ledger.settlePayment("INV", of: "B1", transactionReference: "TX-INV")
        let report = try ledger.importCardSettlements([try Self.line("TX-INV", grossCents: 100_00)], report: "r")
        #expect(report.unmatched.map(\.reason) == [.unknownReference])
    }

    // MARK: Payments not paid out

    @Test func settledCardPaymentsWithoutPayoutAreListedAfterTheirDays() throws {
        let ledger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        try Self.cardPayment(in: ledger, id: "B2", reference: "TX-2")
        // Settled today (2026-11-23): not yet overdue with 7 days, overdue with 0.
        #expect(ledger.cardPaymentsAwaitingPayout(olderThanDays: 7).isEmpty)
        #expect(ledger.cardPaymentsAwaitingPayout(olderThanDays: 0).isEmpty)
        let cutoff = try Kit.date("2026-11-23")
        #expect(ledger.cardPaymentsAwaitingPayout(settledOnOrBefore: cutoff).map(\.bookingId) == ["B1", "B2"])
        try ledger.importCardSettlements([try Self.line("TX-1", grossCents: Self.charged(payment))], report: "r")
        #expect(ledger.cardPaymentsAwaitingPayout(settledOnOrBefore: cutoff).map(\.bookingId) == ["B2"])
        #expect(ledger.paidOutCardPayments.map(\.bookingId) == ["B1"])
        #expect(ledger.cardPaymentsAwaitingPayout(settledOnOrBefore: try Kit.date("2026-11-22")).isEmpty)
    }

    // MARK: Manual payout and error codes

    @Test func aPayoutRecordedByHandIsCheckedLikeAnImportedOne() throws {
        let ledger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        let wrong = try Self.line("TX-other", grossCents: Self.charged(payment) + 1)
        #expect(throws: LedgerError.self) {
            try ledger.recordCardPayout(wrong, report: "r", paymentId: "CC1", of: "B1")
        }
        let right = try Self.line("TX-other", grossCents: Self.charged(payment), feeCents: 3_00)
        let booking = try ledger.recordCardPayout(right, report: "r", paymentId: "CC1", of: "B1")
        #expect(booking.payment("CC1")?.acquirerPayout?.fee == Kit.eur(3_00))
        // The same payout again changes nothing.
        let events = ledger.eventCount
        try ledger.recordCardPayout(right, report: "r", paymentId: "CC1", of: "B1")
        #expect(ledger.eventCount == events)
    }

    // MARK: Journal

    @Test func payoutsAndExceptionsSurviveAReplay() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = LedgerConfiguration(
            clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 77)
        let ledger = try Ledger.open(directory: directory, configuration: configuration)
        let payment = try Self.cardPayment(in: ledger, id: "B1", reference: "TX-1")
        try ledger.importCardSettlements(
            [
                try Self.line("TX-1", grossCents: Self.charged(payment), feeCents: 4_99),
                try Self.line("TX-9", grossCents: 12_00, line: 3, payoutReference: nil),
            ], report: "r.csv")
        let bookings = ledger.bookings
        let exceptions = ledger.cardSettlementExceptions
        let history = try ledger.history(of: "B1")
        #expect(history.last.map { if case .cardPaymentPaidOut = $0.event { true } else { false } } == true)
        #expect(history.last?.stamp != nil)
        ledger.close()
        let reopened = try Ledger.open(directory: directory, configuration: configuration)
        defer { reopened.close() }
        #expect(reopened.bookings == bookings)
        #expect(reopened.cardSettlementExceptions == exceptions)
        #expect(reopened.cardSettlementExceptions.first?.payoutReference == nil)
    }

    @Test func replayRefusesPayoutsThatDoNotFit() throws {
        let setupLedger = try Self.makeLedger()
        let payment = try Self.cardPayment(in: setupLedger, id: "B1", reference: "TX-1")
        let good = AcquirerPayout(
            payoutDate: try Kit.date("2026-11-25"), fee: Kit.eur(1_00),
            netAmount: Kit.eur(Self.charged(payment) - 1_00), report: "r")
        let short = AcquirerPayout(
            payoutDate: try Kit.date("2026-11-25"), fee: Kit.eur(1_00), netAmount: Kit.eur(1_00), report: "r")
        let paidOut = LedgerEvent.cardPaymentPaidOut(bookingId: "B1", paymentId: "CC1", payout: good)
        let exception = LedgerEvent.cardSettlementExceptionRecorded(
            CardSettlementException(
                reason: .unknownReference, detail: "x", transactionReference: "T",
                payoutDate: try Kit.date("2026-11-25"),
                grossAmount: Kit.signedEUR(1_00), fee: Kit.signedEUR(0), netAmount: Kit.signedEUR(1_00), report: "r",
                line: 2))
        let cases: [([LedgerEvent], LedgerError.Code)] = [
            ([paidOut, paidOut], .alreadyPaidOut),
            ([.cardPaymentPaidOut(bookingId: "B1", paymentId: "CC1", payout: short)], .payoutMismatch),
            ([.cardPaymentPaidOut(bookingId: "B1", paymentId: "NOPE", payout: good)], .unknownPayment),
            ([exception, exception], .payoutMismatch),
        ]
        for (events, expected) in cases {
            var state = LedgerState()
            for booking in setupLedger.bookings {
                var created = booking
                created.payments = []
                created.totals = BookingTotals()
                try state.apply([.bookingCreated(created, requestDigest: nil)])
                for payment in booking.payments {
                    try state.apply([.paymentEntered(bookingId: booking.id, payment: payment)])
                }
            }
            var failure: LedgerError?
            for event in events {
                do { try state.apply([event]) } catch { failure = error }
            }
            #expect(failure?.code == expected, "\(String(describing: failure))")
        }
    }
}
