import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

/// The outcomes of autopay runs, retries, windows, and the never-twice guarantee.
@Suite("Autopay runs")
struct AutopayRunTests {
    typealias Kit = LedgerTestKit
    typealias Fixture = AutopayFixture

    @Test func aChargeIsASettledPaymentInThePayersNameAllocatedToTheInstalment() async throws {
        let gateway = SimulatedPaymentGateway()
        let fixture = try Fixture(gateway: gateway)
        try await fixture.book("B1")
        let report = try await fixture.run()
        #expect(report.charged.map(\.target.key.rawValue) == ["B1/AP-DEP/1"])
        let booking = try #require(fixture.ledger.booking("B1"))
        let payment = try #require(booking.payment("AP-DEP"))
        #expect(payment.status == .settled)
        #expect(payment.amount == Kit.eur(200_00))
        #expect(payment.stringPayment.cashHolder == .ownerDetails(PersonDetails(surname: "Guest")))
        #expect(booking.expectedPayments(today: fixture.ledger.today).first?.remaining.isZero == true)
        #expect(gateway.capturedAmounts.keys.map(\.rawValue) == ["B1/AP-DEP/1"])
        // The card went to the gateway as its token only.
        #expect(fixture.ledger.autopay(of: "B1")?.charges.first?.payer == "Guest")
        let again = try await fixture.run(at: "2026-11-24T03:00:00Z")
        #expect(again.selected.isEmpty)
        #expect(Fixture.criteria(again, "B1") == [.alreadyCharged])
    }

    @Test func aFailureIsAFailedPaymentAndAMemoRetriedUntilTheRetriesAreUsedUp() async throws {
        let fixture = try Fixture()
        try await fixture.book("D", card: Kit.declinedCard)
        for (hour, attempt) in [(1, 1), (2, 2), (3, 3)] {
            let report = try await fixture.run(at: "2026-11-24T0\(hour):00:00Z")
            #expect(report.failed.map(\.target.attempt) == [UInt32(attempt)])
            let payment = try #require(fixture.ledger.booking("D")?.payment("AP-DEP"))
            #expect(payment.status == .failed)
            #expect(payment.failureReason == "card declined")
            if case .failed(_, let gaveUp) = report.failed.first?.result { #expect(gaveUp == (attempt == 3)) }
        }
        let memos = try #require(fixture.ledger.autopay(of: "D")?.memos)
        #expect(memos.map(\.kind) == [.autopayFailure, .autopayFailure, .autopayFailure, .autopayGaveUp])
        #expect(memos.allSatisfy { $0.actor == .system("autopay") })
        #expect(memos[0].text.contains("card declined"))
        let after = try await fixture.run(at: "2026-11-24T04:00:00Z")
        #expect(after.selected.isEmpty)
        #expect(Fixture.criteria(after, "D") == [.retriesUsedUp])
    }

    @Test func aFailedChargeIsRetriedOnLaterDaysWhileRetriesRemain() async throws {
        var fixture = try Fixture()
        fixture.settings.retryCount = 2
        try await fixture.book("D", card: Kit.declinedCard)
        _ = try await fixture.run()
        // The next day the instalment is no longer yesterday's, but its retry is due.
        let next = try await fixture.run(at: "2026-11-25T02:00:00Z")
        #expect(next.failed.map(\.target.attempt) == [2])
        #expect(try await fixture.run(at: "2026-11-26T02:00:00Z").selected.isEmpty)
    }

    @Test func aNewCardAfterAFailureIsChargedOnTheNextAttempt() async throws {
        let fixture = try Fixture()
        try await fixture.book("D", card: Kit.declinedCard)
        _ = try await fixture.run()
        try await fixture.storeCard(Kit.goodCard, on: "D")
        let report = try await fixture.run(at: "2026-11-24T03:00:00Z")
        #expect(report.charged.map(\.target.key.rawValue) == ["D/AP-DEP/2"])
        #expect(report.charged.first?.target.cardId == "C2")
    }

    @Test func aLostAnswerStaysInFlightAndTheNextRunAsksTheGateway() async throws {
        let gateway = SimulatedPaymentGateway()
        let fixture = try Fixture(gateway: gateway)
        try await fixture.book("L", card: SimulatedPaymentGateway.lostAnswerCard)
        let first = try await fixture.run()
        #expect(first.outcomes.map(\.result) == [.unresolved])
        #expect(fixture.ledger.booking("L")?.payment("AP-DEP")?.isInFlight == true)
        let second = try await fixture.run(at: "2026-11-24T03:00:00Z")
        #expect(second.reconciled.map(\.key.rawValue) == ["L/AP-DEP/1"])
        #expect(second.selected.map(\.attempt) == [2])
        #expect(gateway.capturedAmounts.isEmpty)
    }

    @Test func aPendingChargeIsNotRepeated() async throws {
        let fixture = try Fixture()
        try await fixture.book("P", card: SimulatedPaymentGateway.pendingCard)
        let report = try await fixture.run()
        #expect(report.outcomes.map(\.result) == [.pending(transactionReference: "SIM-P-AP-DEP")])
        #expect(Fixture.criteria(try await fixture.run(at: "2026-11-24T03:00:00Z"), "P") == [.pendingAtGateway])
    }

    @Test func aChargeTheLedgerRefusesIsSkippedWithItsCode() async throws {
        let fixture = try Fixture()
        try await fixture.book("NOCARDS", paymentOptions: [PaymentOption(formOfPayment: .invoice)])
        let report = try await fixture.run()
        #expect(report.outcomes.isEmpty)
        #expect(Fixture.criteria(report, "NOCARDS") == [.refused])
        #expect(report.skipped.first?.detail.contains("form-of-payment-not-offered") == true)
    }

    @Test func runsAreRefusedOutsideTheWindowAndOffProductionUnlessForced() async throws {
        var fixture = try Fixture()
        try await fixture.book("B")
        await #expect(throws: AutopayError.self) { try await fixture.run(at: "2026-11-24T06:00:00Z") }
        do {
            _ = try await fixture.run(at: "2026-11-24T00:59:00Z")
            Issue.record("a run before 01:00 was not refused")
        } catch let error as AutopayError {
            #expect(error.code == .outsideWindow)
        }
        fixture.settings.production = false
        do {
            _ = try await fixture.run()
            Issue.record("a run off production was not refused")
        } catch let error as AutopayError {
            #expect(error.code == .notProduction)
        }
        #expect(try await fixture.run(force: true).charged.count == 1)
    }

    @Test func twoRunsAtOnceChargeEachInstalmentOnce() async throws {
        let gateway = SimulatedPaymentGateway(latency: .milliseconds(1))
        let fixture = try Fixture(gateway: gateway)
        for number in 0..<40 { try await fixture.book(Identifier(stringLiteral: "C\(number)")) }
        async let first = fixture.run()
        async let second = fixture.run()
        let reports = try await [first, second]
        #expect(reports.map(\.charged.count).reduce(0, +) == 40)
        #expect(gateway.log.filter { $0.operation == .capture }.count == 40)
        #expect(Set(gateway.capturedAmounts.keys.map(\.bookingId)).count == 40)
    }

    /// Never twice, as a property: runs over random cards, with a gateway that loses answers
    /// and fails at random, interleaved with reconciliations; the gateway's captures and the
    /// ledger's settled charges agree, and no instalment is captured twice.
    @Test(arguments: [1, 2, 3, 4, 5])
    func neverTwiceUnderLostAnswersAndRetries(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let simulated = SimulatedPaymentGateway()
        let gateway = FlakyGateway(simulated, seed: seed)
        var fixture = try Fixture(gateway: gateway)
        fixture.settings.retryCount = 4
        let cards = [Kit.goodCard, Kit.goodCard, Kit.declinedCard, SimulatedPaymentGateway.lostAnswerCard]
        for number in 0..<30 {
            try await fixture.book(
                Identifier(stringLiteral: "N\(number)"), card: cards[Int.random(in: 0..<cards.count, using: &random)])
        }
        for hour in 1...5 {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                _ = try await fixture.run(at: "2026-11-24T0\(hour):00:00Z")
            }
            if Bool.random(using: &random) {
                _ = try await fixture.ledger.reconcile(gateway: gateway, vouchers: SimulatedVoucherValidator())
            }
        }
        _ = try await fixture.ledger.reconcile(gateway: simulated, vouchers: SimulatedVoucherValidator())
        var settled: [PaymentAttemptKey: CurrencyAmount] = [:]
        for booking in fixture.ledger.bookings {
            if let payment = booking.payment("AP-DEP"), payment.status == .settled {
                settled[payment.attemptKey(bookingId: booking.id)] = CurrencyAmount(
                    minorUnitCount: payment.amountMinorUnits + payment.feeMinorUnits, currency: payment.currency)
            }
            #expect(booking.openAmount.amount >= 0)
        }
        #expect(settled == simulated.capturedAmounts)
        let captured = simulated.log.filter { $0.operation == .capture }.map(\.key.bookingId)
        #expect(Set(captured).count == captured.count, "an instalment was captured twice")
        #expect(fixture.ledger.inFlightPayments.isEmpty)
    }
}

/// A gateway in front of another that fails at random: before the call reaches it (nothing
/// happened) or after (the answer is lost).
final class FlakyGateway: PaymentGateway, Sendable {
    private let inner: SimulatedPaymentGateway
    private let random: Mutex<SeededGenerator>

    init(_ inner: SimulatedPaymentGateway, seed: UInt64) {
        self.inner = inner
        random = Mutex(SeededGenerator(seed: seed &+ 1000))
    }

    private func roll() -> Int { random.withLock { Int.random(in: 0..<10, using: &$0) } }

    func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        let dice = roll()
        if dice == 0 { throw SimulatedGatewayError(message: "connection refused") }
        let answer = try await inner.authorize(request)
        if dice == 1 { throw SimulatedGatewayError(message: "answer lost") }
        return answer
    }

    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        let dice = roll()
        if dice == 0 { throw SimulatedGatewayError(message: "connection refused") }
        let answer = try await inner.capture(key, amount: amount)
        if dice == 1 { throw SimulatedGatewayError(message: "answer lost") }
        return answer
    }

    func void(_ key: PaymentAttemptKey) async throws { try await inner.void(key) }

    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        try await inner.refund(key, amount: amount)
    }

    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus { try await inner.status(of: key) }
}

@Suite("Autopay replay")
struct AutopayReplayTests {
    typealias Kit = LedgerTestKit
    typealias Fixture = AutopayFixture

    @Test func replayRebuildsTheAutopayDataAndTheIndexes() async throws {
        let journal = LedgerPropertyTests.InMemoryJournal()
        let fixture = try Fixture(journal: journal)
        try await fixture.book("B1")
        try await fixture.book("D", card: Kit.declinedCard)
        try await fixture.book("LATER", channel: "OFF")
        try fixture.ledger.approveScheduledPayments("LATER", scheduleIds: ["BAL"])
        try fixture.ledger.addMemo("customer called", to: "B1")
        _ = try await fixture.run()
        let replayed = try Ledger(configuration: fixture.ledger.configuration, journal: journal)
        for id: Identifier in ["B1", "D", "LATER"] {
            #expect(replayed.autopay(of: id) == fixture.ledger.autopay(of: id))
        }
        for day in ["2026-11-24T03:00:00Z", "2027-05-16T03:00:00Z"] {
            let instant = try Fixture.instant(day)
            #expect(
                replayed.autopaySelection(.instalment, at: instant, settings: fixture.settings)
                    == fixture.ledger.autopaySelection(.instalment, at: instant, settings: fixture.settings))
        }
    }
}
