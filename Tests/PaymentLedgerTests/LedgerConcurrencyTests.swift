import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

/// Many tasks on one ledger: every change is applied once, none is lost, and the totals add up.
@Suite("Ledger concurrency")
struct LedgerConcurrencyTests {
    typealias Kit = LedgerTestKit

    static let taskCount = 8
    static let operationsPerTask = 200

    private func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(
                clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 8),
            journal: journal)
    }

    /// What one task did: each payment it entered, with its booking and amount.
    struct Entered: Sendable {
        var bookingId: Identifier
        var paymentId: Identifier
        var cents: Int64
    }

    @Test func concurrentAgencyPaymentsAndSettlementsAddUpExactly() async throws {
        let journal = LedgerPropertyTests.InMemoryJournal()
        let ledger = try makeLedger(journal: journal)
        // Large prices, so that no payment runs out of balance.
        var bookingIds: [Identifier] = []
        for _ in 0..<4 {
            bookingIds.append(try ledger.createBooking(try Kit.draft(priceCents: 900_000_00)).booking.id)
        }
        let shared = bookingIds

        let results = await withTaskGroup(of: (entered: [Entered], failures: [String]).self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    var rng = SeededGenerator(seed: UInt64(task) &* 0x9E37_79B9 &+ 1)
                    var entered: [Entered] = []
                    var failures: [String] = []
                    for operation in 0..<Self.operationsPerTask {
                        let bookingId = shared[Int.random(in: 0..<shared.count, using: &rng)]
                        let paymentId = Identifier(stringLiteral: "T\(task)-\(operation)")
                        let cents = Int64.random(in: 1...10_00, using: &rng)
                        do {
                            try ledger.enterPayments(
                                [Kit.agencyPayment(paymentId, cents: cents, scope: .interim)], bookingId: bookingId)
                            entered.append(Entered(bookingId: bookingId, paymentId: paymentId, cents: cents))
                            if operation.isMultiple(of: 2) {
                                try ledger.recordAgencySettlement(
                                    [paymentId], of: bookingId, reference: "AGY-\(paymentId)")
                            } else {
                                try ledger.settlePayment(
                                    paymentId, of: bookingId, transactionReference: "TX-\(paymentId)")
                            }
                        } catch {
                            failures.append("\(paymentId): \(error)")
                        }
                    }
                    return (entered, failures)
                }
            }
            var all: [(entered: [Entered], failures: [String])] = []
            for await result in group { all.append(result) }
            return all
        }

        let failures = results.flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let entered = results.flatMap(\.entered)
        #expect(entered.count == Self.taskCount * Self.operationsPerTask)

        var totalPayments = 0
        for bookingId in bookingIds {
            let booking = try #require(ledger.booking(bookingId))
            let mine = entered.filter { $0.bookingId == bookingId }
            let expectedCents = mine.reduce(Int64(0)) { $0 + $1.cents }
            // No payment lost or duplicated.
            #expect(booking.payments.count == mine.count)
            #expect(Set(booking.payments.map(\.identifier)) == Set(mine.map(\.paymentId)))
            #expect(Set(booking.payments.map(\.identifier)).count == booking.payments.count)
            #expect(booking.payments.allSatisfy { $0.status == .settled })
            // Each payment has its own amount.
            let amounts = Dictionary(
                uniqueKeysWithValues: booking.payments.map { ($0.identifier, $0.amountMinorUnits) })
            #expect(mine.allSatisfy { amounts[$0.paymentId] == $0.cents })
            // The totals add up exactly.
            #expect(booking.paidAmount == Kit.eur(expectedCents))
            #expect(booking.settledAmount == Kit.eur(expectedCents))
            #expect(booking.openAmount == Kit.signedEUR(900_000_00 - expectedCents))
            #expect(booking.uncoveredAmount == Kit.eur(900_000_00 - expectedCents))
            totalPayments += booking.payments.count
        }
        #expect(totalPayments == entered.count)
        #expect(journal.records.count == ledger.eventCount)
    }

    @Test func concurrentSettlementsOfTheSamePaymentsSucceedOncePerPayment() async throws {
        let ledger = try makeLedger()
        let bookingId = try ledger.createBooking(try Kit.draft(priceCents: 100_000_00)).booking.id
        let paymentIds = (0..<100).map { Identifier(stringLiteral: "P\($0)") }
        try ledger.enterPayments(
            paymentIds.map { Kit.agencyPayment($0, cents: 10_00, scope: .interim) }, bookingId: bookingId)
        let eventsBefore = ledger.eventCount

        // Every task tries to settle every payment; each must succeed exactly once.
        let successes = await withTaskGroup(of: [Identifier].self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    var settled: [Identifier] = []
                    for paymentId in task.isMultiple(of: 2) ? paymentIds : paymentIds.reversed() {
                        do {
                            try ledger.recordAgencySettlement([paymentId], of: bookingId, reference: "AGY-\(task)")
                            settled.append(paymentId)
                        } catch let error as LedgerError where error.code == .invalidStatusTransition {
                            // Another task settled it first.
                        } catch {
                            Issue.record("unexpected \(error)")
                        }
                    }
                    return settled
                }
            }
            var all: [Identifier] = []
            for await settled in group { all += settled }
            return all
        }
        #expect(successes.count == paymentIds.count)
        #expect(Set(successes) == Set(paymentIds))
        let booking = try #require(ledger.booking(bookingId))
        #expect(booking.payments.allSatisfy { $0.status == .settled })
        #expect(booking.settledAmount == Kit.eur(1000_00))
        #expect(ledger.eventCount > eventsBefore)
    }

    @Test func identicalConcurrentRequestsApplyOnce() async throws {
        let ledger = try makeLedger()
        let bookingId = try ledger.createBooking(try Kit.draft(id: "SRT-2026-004711")).booking.id
        let handler = StringMessageHandler(ledger: ledger)
        let request = try TestSupport.data("Examples/lifecycle/03-balance-request.xml")

        let outcomes = await withTaskGroup(of: HandledMessage.self) { group in
            for _ in 0..<4 {
                group.addTask { await handler.handle(request) }
            }
            var all: [HandledMessage] = []
            for await handled in group { all.append(handled) }
            return all
        }
        #expect(outcomes.filter { $0.outcome == .applied }.count == 1)
        for handled in outcomes where handled.outcome != .applied {
            if handled.outcome == .rejected {
                #expect(LedgerErrorCodeTests.errorDetails(of: handled.response).map(\.code) == ["payment-in-progress"])
            } else {
                #expect(handled.outcome == .unchanged)
            }
        }
        let booking = try #require(ledger.booking(bookingId))
        #expect(booking.payments.map(\.identifier) == ["BAL"])
        #expect(booking.payment("BAL")?.status == .settled)
        #expect(booking.paidAmount == Kit.eur(2806_27))
    }

    @Test func identicalConcurrentBookRequestsBookOnce() async throws {
        let ledger = try makeLedger()
        let handler = StringMessageHandler(ledger: ledger)
        let request = try TestSupport.data("Examples/lifecycle/02-book-request.xml")
        let outcomes = await withTaskGroup(of: HandledMessage.self) { group in
            for _ in 0..<4 {
                group.addTask { await handler.handle(request) }
            }
            var all: [HandledMessage] = []
            for await handled in group { all.append(handled) }
            return all
        }
        #expect(outcomes.filter { $0.outcome == .applied }.count == 1)
        for handled in outcomes where handled.outcome == .rejected {
            #expect(LedgerErrorCodeTests.errorDetails(of: handled.response).map(\.code) == ["payment-in-progress"])
        }
        #expect(outcomes.allSatisfy { [.applied, .unchanged, .rejected].contains($0.outcome) })
        #expect(ledger.bookingCount == 1)
        #expect(ledger.bookings.first?.payments.map(\.identifier) == ["DEP"])
    }

    @Test(.timeLimit(.minutes(1)))
    func requestsForAPaymentAtTheGatewayAreToldItIsInProgress() async throws {
        let ledger = try makeLedger()
        let bookingId = try ledger.createBooking(try Kit.draft(id: "SRT-2026-004711")).booking.id
        let gateway = GateGateway()
        let handler = StringMessageHandler(ledger: ledger, gateway: gateway)
        let request = try TestSupport.data("Examples/lifecycle/03-balance-request.xml")

        // The first request reaches the gateway and waits there.
        let first = Task { await handler.handle(request) }
        await gateway.waitUntilEntered()
        let events = ledger.eventCount

        // Meanwhile the same request from three more tasks: each is told the payment is in progress.
        let others = await withTaskGroup(of: HandledMessage.self) { group in
            for _ in 0..<3 {
                group.addTask { await handler.handle(request) }
            }
            var all: [HandledMessage] = []
            for await handled in group { all.append(handled) }
            return all
        }
        // The payment is in flight: each repeat is answered with it Open and being processed,
        // and nothing is charged or entered again.
        for handled in others {
            #expect(handled.outcome == .unchanged)
            guard case .paymentResponse(let response) = handled.response else {
                Issue.record("expected a PaymentResponse")
                continue
            }
            #expect(response.errors == nil)
            #expect(response.informations?.informationDetails.map(\.code) == ["payment-in-flight"])
            #expect(response.informations?.informationDetails.first?.reference == "BAL")
            #expect(response.payments.payments.first { $0.identifier == "BAL" }?.status == .open)
        }
        #expect(ledger.eventCount == events)
        #expect(ledger.booking(bookingId)?.payment("BAL")?.isInFlight == true)

        // The gateway answers: the first request enters the payment, once.
        gateway.release()
        let handled = await first.value
        #expect(handled.outcome == .applied)
        #expect(gateway.calls == 1)
        let booking = try #require(ledger.booking(bookingId))
        #expect(booking.payments.map(\.identifier) == ["BAL"])
        #expect(booking.payment("BAL")?.status == .settled)

        // Sent again now, it changes nothing.
        let again = await handler.handle(request)
        #expect(again.outcome == .unchanged)
        #expect(again.responseData == handled.responseData)
        #expect(gateway.calls == 1)
    }
}

/// A gateway that holds the first payment until the test releases it, then authorises every payment.
final class GateGateway: PaymentGateway, Sendable {
    private let entered = AsyncStream<Void>.makeStream()
    private let released = AsyncStream<Void>.makeStream()
    private let callCount = Mutex(0)
    private let inner = ScriptedGateway { request in
        .authorized(transactionReference: "GATE-\(request.payment.identifier)", authorizationCode: "000001")
    }

    var calls: Int { callCount.withLock { $0 } }

    func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        let call = callCount.withLock { count in
            count += 1
            return count
        }
        if call == 1 {
            entered.continuation.yield()
            for await _ in released.stream { break }
        }
        return try await inner.authorize(request)
    }

    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        try await inner.capture(key, amount: amount)
    }

    func void(_ key: PaymentAttemptKey) async throws { try await inner.void(key) }

    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        try await inner.refund(key, amount: amount)
    }

    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus { try await inner.status(of: key) }

    /// Returns once the first payment has reached the gateway.
    func waitUntilEntered() async {
        for await _ in entered.stream { break }
    }

    /// Lets the held payment through.
    func release() {
        released.continuation.yield()
    }
}
