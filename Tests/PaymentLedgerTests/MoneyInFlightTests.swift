import Foundation
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// Every cent a gateway took is in the ledger exactly once, and a booking is never charged
/// beyond what it owes: the three ways today's main broke that promise, each as a test, and the
/// promise itself as a property of random concurrent traffic.
@Suite("Money in flight")
struct MoneyInFlightTests {
    typealias Kit = LedgerTestKit

    private func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))), journal: journal)
    }

    private func draft(_ id: Identifier, cents: Int64) throws -> BookingDraft {
        var draft = try Kit.draft(id: id, priceCents: cents)
        draft.paymentOptions = [
            PaymentOption(collection: .tourOperator, formOfPayment: .creditCard),
            PaymentOption(formOfPayment: .voucher), PaymentOption(formOfPayment: .invoice),
        ]
        return draft
    }

    // MARK: Reproductions

    /// A card and a voucher the validator refuses: the card is never charged, however often the
    /// request is sent.
    @Test func aRefusedVoucherMeansTheCardIsNeverCharged() async throws {
        let ledger = try makeLedger()
        try ledger.createBooking(try draft("B1", cents: 1000_00))
        let gateway = SimulatedPaymentGateway()
        let payments = [
            try Kit.cardPayment("CARD", cents: 500_00), Kit.voucherPayment("V", cents: 100_00, code: "NO-SUCH"),
        ]
        for _ in 0..<2 {
            await #expect(throws: LedgerError.self) {
                try await ledger.processPayments(
                    payments, bookingId: "B1", gateway: gateway, vouchers: SimulatedVoucherValidator())
            }
        }
        #expect(gateway.log.isEmpty)
        #expect(ledger.booking("B1")?.payments.isEmpty == true)
    }

    /// A voucher redemption that fails after the card was authorised: the authorisation is
    /// voided, nothing is captured, and every payment of the request is Failed.
    @Test func aRedemptionThatFailsVoidsTheAuthorisation() async throws {
        struct FlakyVouchers: VoucherValidator {
            func check(_ voucher: VoucherPayment, amount: CurrencyAmount, bookingId: Identifier) async -> VoucherCheck {
                .valid
            }
            func redeem(
                _ voucher: VoucherPayment, amount: CurrencyAmount, key: PaymentAttemptKey
            ) async throws
                -> VoucherRedemption
            { .rejected(reason: "used up meanwhile") }
            func redemption(for key: PaymentAttemptKey) async throws -> VoucherRedemption? { nil }
        }
        let ledger = try makeLedger()
        try ledger.createBooking(try draft("B1", cents: 1000_00))
        let gateway = SimulatedPaymentGateway()
        let result = try await ledger.processPayments(
            [try Kit.cardPayment("CARD", cents: 500_00), Kit.voucherPayment("V", cents: 100_00, code: "X")],
            bookingId: "B1", gateway: gateway, vouchers: FlakyVouchers())
        #expect(gateway.log.map(\.operation) == [.authorize, .void])
        #expect(gateway.capturedAmounts.isEmpty)
        #expect(result.booking.payment("CARD")?.status == .failed)
        #expect(result.booking.payment("V")?.status == .failed)
        #expect(result.booking.payment("CARD")?.failureReason?.hasPrefix("not charged") == true)
        #expect(result.booking.paidAmount.isZero)
    }

    /// Two requests for one 1000.00 booking with different payment identifiers, the first held
    /// at the gateway while the second arrives: the second is refused, the booking is paid once.
    @Test(.timeLimit(.minutes(1)))
    func twoRequestsInFlightCannotOverpayABooking() async throws {
        let ledger = try makeLedger()
        try ledger.createBooking(try draft("B1", cents: 1000_00))
        let atGateway = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let gateway = ScriptedGateway { request in
            if request.key.paymentId == "P1" {
                atGateway.continuation.yield()
                for await _ in release.stream { break }
            }
            return .authorized(transactionReference: "T-\(request.key.paymentId)", authorizationCode: nil)
        }
        let first = Task {
            try await ledger.processPayments(
                [try Kit.cardPayment("P1", cents: 1000_00)], bookingId: "B1", gateway: gateway,
                vouchers: SimulatedVoucherValidator())
        }
        for await _ in atGateway.stream { break }
        #expect(ledger.booking("B1")?.uncoveredAmount.isZero == true)
        let second = try Kit.cardPayment("P2", cents: 1000_00)
        do {
            _ = try await ledger.processPayments(
                [second], bookingId: "B1", gateway: gateway, vouchers: SimulatedVoucherValidator())
            Issue.record("the second payment was accepted")
        } catch {
            #expect(error.code == .amountExceedsBalance)
        }
        release.continuation.yield()
        let result = try await first.value
        #expect(result.booking.paidAmount == Kit.eur(1000_00))
        #expect(result.booking.openAmount == Kit.signedEUR(0))
        #expect(gateway.requests.map(\.key.paymentId) == ["P1"])
    }

    /// A process that dies after the gateway captured and before the outcome was journaled: the
    /// journal as it was on disk at that instant shows the payment in flight, and a
    /// reconciliation finds the capture and settles it, once.
    @Test func aCrashAfterTheCaptureIsReconciledFromTheJournal() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let snapshot = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(at: snapshot)
        }
        let clock = FixedClock(try Kit.date(Kit.bookingDayText))
        let ledger = try Ledger.open(directory: directory, configuration: LedgerConfiguration(clock: clock))
        try ledger.createBooking(try draft("B1", cents: 1000_00))
        let simulated = SimulatedPaymentGateway()
        let journalFile = directory.appendingPathComponent(FileJournal.fileName)
        let copy = snapshot.appendingPathComponent(FileJournal.fileName)
        // The disk as it is right after the capture: what a SIGKILL at that instant leaves.
        let gateway = SnapshottingGateway(inner: simulated) {
            try? FileManager.default.copyItem(at: journalFile, to: copy)
        }
        let result = try await ledger.processPayments(
            [try Kit.cardPayment("P1", cents: 400_00)], bookingId: "B1", gateway: gateway,
            vouchers: SimulatedVoucherValidator())
        #expect(result.booking.payment("P1")?.status == .settled)
        ledger.close()

        let recovered = try Ledger.open(directory: snapshot, configuration: LedgerConfiguration(clock: clock))
        defer { recovered.close() }
        #expect(recovered.inFlightPayments.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(recovered.booking("B1")?.uncoveredAmount == Kit.eur(600_00))
        let report = try await recovered.reconcile(gateway: simulated, vouchers: SimulatedVoucherValidator())
        #expect(report.resolved.count == 1)
        #expect(recovered.inFlightPayments.isEmpty)
        let payment = try #require(recovered.booking("B1")?.payment("P1"))
        #expect(payment.status == .settled)
        #expect(payment.transactionReference == "SIM-B1-P1")
        #expect(simulated.capturedAmounts == [payment.attemptKey(bookingId: "B1"): Kit.eur(400_00)])
        // Reconciling again changes nothing.
        #expect(
            try await recovered.reconcile(gateway: simulated, vouchers: SimulatedVoucherValidator()).entries.isEmpty)
    }

    /// An authorisation whose answer is lost leaves the payment in flight; the repeat of the
    /// request is answered with it in flight and charges nothing; reconciliation voids it; the
    /// request sent again afterwards is a second attempt with its own key.
    @Test func aLostAnswerIsReconciledAndARetryIsANewAttempt() async throws {
        let ledger = try makeLedger()
        try ledger.createBooking(try draft("B1", cents: 1000_00))
        let gateway = SimulatedPaymentGateway()
        let lost = try Kit.cardPayment("P1", cents: 300_00, number: SimulatedPaymentGateway.lostAnswerCard)
        let vouchers = SimulatedVoucherValidator()
        let first = try await ledger.processPayments([lost], bookingId: "B1", gateway: gateway, vouchers: vouchers)
        #expect(first.inFlight == ["P1"])
        let again = try await ledger.processPayments([lost], bookingId: "B1", gateway: gateway, vouchers: vouchers)
        #expect(again.entered.isEmpty)
        #expect(gateway.log.map(\.operation) == [.authorize])
        let report = try await ledger.reconcile(gateway: gateway, vouchers: vouchers)
        #expect(report.resolved.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(gateway.log.map(\.operation) == [.authorize, .void])
        #expect(ledger.booking("B1")?.payment("P1")?.status == .failed)
        let retry = try await ledger.processPayments(
            [try Kit.cardPayment("P1", cents: 300_00)], bookingId: "B1", gateway: gateway, vouchers: vouchers)
        #expect(retry.booking.payment("P1")?.status == .settled)
        #expect(retry.booking.payment("P1")?.attempt == 2)
        #expect(gateway.capturedAmounts.keys.map(\.rawValue) == ["B1/P1/2"])
    }

    /// A reconciliation with a predicate resolves only what the predicate accepts (what a dead
    /// process of a shared journal left) and leaves the rest in flight, out of its report; the
    /// journal's record that entered a payment in flight reads back as such.
    @Test func aSelectiveReconciliationLeavesRefusedPaymentsInFlight() async throws {
        let journal = LedgerPropertyTests.InMemoryJournal()
        let ledger = try makeLedger(journal: journal)
        try ledger.createBooking(try draft("B1", cents: 1000_00))
        let gateway = SimulatedPaymentGateway()
        let vouchers = SimulatedVoucherValidator()
        for id in ["P1", "P2"] {
            let lost = try Kit.cardPayment(
                Identifier(stringLiteral: id), cents: 100_00, number: SimulatedPaymentGateway.lostAnswerCard)
            _ = try await ledger.processPayments([lost], bookingId: "B1", gateway: gateway, vouchers: vouchers)
        }
        let asked = Mutex<[InFlightOperation]>([])
        let report = try await ledger.reconcile(gateway: gateway, vouchers: vouchers) { operation in
            asked.withLock { $0.append(operation) }
            return operation == .payment(PaymentAttemptKey(bookingId: "B1", paymentId: "P2", attempt: 1))
        }
        #expect(asked.withLock { $0.map(\.bookingId) } == ["B1", "B1"])
        #expect(report.entries.map(\.key.rawValue) == ["B1/P2/1"])
        #expect(ledger.inFlightPayments.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(ledger.booking("B1")?.payment("P2")?.status == .failed)
        let rest = try await ledger.reconcile(gateway: gateway, vouchers: vouchers) { _ in true }
        #expect(rest.resolved.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(ledger.inFlightPayments.isEmpty)
        // The records read back: the entries in flight are `paymentEntered` of payments in flight.
        let entered = journal.records.compactMap { LedgerHistoryEntry(journalRecord: $0) }.compactMap { entry in
            if case .paymentEntered(_, let payment) = entry.event, payment.isInFlight { return payment.identifier }
            return nil
        }
        #expect(entered == ["P1", "P2"])
        #expect(LedgerHistoryEntry(journalRecord: Data([0xFF, 0x01])) == nil)
    }

    /// Readers do not wait for the disk: while a change waits for its sync, reading the ledger
    /// and committing to the journal's order go on.
    @Test(.timeLimit(.minutes(1)))
    func readersDoNotWaitForTheJournalSync() async throws {
        let journal = GatedJournal()
        let ledger = try makeLedger(journal: journal)
        let writer = Task.detached { try ledger.createBooking(try self.draft("B1", cents: 1000_00)) }
        await journal.waitUntilSubmitted()
        // The change is submitted and its caller waits for the sync; readers are not held up.
        #expect(ledger.booking("B1") != nil)
        #expect(ledger.bookingCount == 1)
        journal.open()
        _ = try await writer.value
    }

    // MARK: The invariant

    /// Random requests from several tasks at once — distinct and repeated identifiers, vouchers
    /// that fail, declined and pending cards, lost answers, cancellations, price changes — then a
    /// reconciliation: the gateway's captures equal the ledger's captured payments one to one,
    /// and no booking is paid beyond its price and fees unless a cancellation or price cut made
    /// the excess refundable.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func capturesEqualTheLedgerUnderConcurrency(seed: UInt64) async throws {
        let ledger = try makeLedger()
        let gateway = SimulatedPaymentGateway()
        let vouchers = SimulatedVoucherValidator()
        let bookings: [Identifier] = (0..<6).map { Identifier("B\($0)") ?? "B" }
        for id in bookings { try ledger.createBooking(try draft(id, cents: 1000_00)) }
        let cut = IdentifierSet()
        let cards = [
            Kit.goodCard, Kit.goodCard, Kit.declinedCard, SimulatedPaymentGateway.pendingCard,
            SimulatedPaymentGateway.lostAnswerCard,
        ]
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    var random = SeededGenerator(seed: seed &* 1000 &+ UInt64(task))
                    for _ in 0..<40 {
                        guard let booking = bookings.randomElement(using: &random) else { continue }
                        let paymentId = Identifier("P\(Int.random(in: 0..<6, using: &random))") ?? "P"
                        let cents = Int64.random(in: 1...5, using: &random) * 100_00
                        switch Int.random(in: 0..<10, using: &random) {
                        case 0:
                            _ = try? ledger.cancelBooking(booking)
                            cut.insert(booking)
                        case 1:
                            let price = Int64.random(in: 5...15, using: &random) * 100_00
                            if (try? ledger.modifyBooking(booking, totalPrice: Kit.eur(price))) != nil, price < 1000_00
                            {
                                cut.insert(booking)
                            }
                        case 2:
                            let code = Bool.random(using: &random) ? "TRAVEL-100" : "NOT-A-VOUCHER"
                            let card = try? Kit.cardPayment(paymentId, cents: cents)
                            let voucher = Kit.voucherPayment(
                                Identifier("V\(paymentId)") ?? "V", cents: 100_00, code: code)
                            _ = try? await ledger.processPayments(
                                [card, voucher].compactMap { $0 }, bookingId: booking, gateway: gateway,
                                vouchers: vouchers)
                        default:
                            let number = cards.randomElement(using: &random) ?? Kit.goodCard
                            guard let card = try? Kit.cardPayment(paymentId, cents: cents, number: number) else {
                                continue
                            }
                            _ = try? await ledger.processPayments(
                                [card], bookingId: booking, gateway: gateway, vouchers: vouchers)
                        }
                    }
                }
            }
        }
        _ = try await ledger.reconcile(gateway: gateway, vouchers: vouchers)
        #expect(ledger.inFlightPayments.isEmpty)

        var captured: [PaymentAttemptKey: CurrencyAmount] = [:]
        for booking in ledger.bookings {
            for payment in booking.payments where payment.formOfPayment == .creditCard {
                if payment.status == .settled || payment.status == .confirmed {
                    captured[payment.attemptKey(bookingId: booking.id)] = CurrencyAmount(
                        minorUnitCount: payment.amountMinorUnits + payment.feeMinorUnits, currency: payment.currency)
                }
            }
            if !cut.contains(booking.id) {
                #expect(booking.openMinorUnits >= 0, "booking \(booking.id) is overpaid")
                #expect(booking.totals.paidTowardsPrice <= booking.priceMinorUnits)
            }
        }
        #expect(captured == gateway.capturedAmounts)
        let log = gateway.log
        let captureKeys = log.filter { $0.operation == .capture }.map(\.key)
        #expect(Set(captureKeys).count == captureKeys.count, "an attempt was captured twice")
        let authorisations = log.filter {
            $0.operation == .authorize || $0.operation == .decline || $0.operation == .pending
        }
        #expect(Set(authorisations.map(\.key)).count == authorisations.count, "an attempt was authorised twice")
    }
}

/// A gateway that runs a closure right after each capture, then answers as its inner gateway.
struct SnapshottingGateway: PaymentGateway {
    let inner: SimulatedPaymentGateway
    let afterCapture: @Sendable () -> Void

    func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        try await inner.authorize(request)
    }

    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        let result = try await inner.capture(key, amount: amount)
        afterCapture()
        return result
    }

    func void(_ key: PaymentAttemptKey) async throws { try await inner.void(key) }

    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        try await inner.refund(key, amount: amount)
    }

    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus { try await inner.status(of: key) }
}

/// A journal whose changes become durable only when the test opens the gate.
final class GatedJournal: LedgerJournal, Sendable {
    private struct State {
        var records: [Data] = []
        var isOpen = false
        var waiting: [@Sendable (LedgerJournalError?) -> Void] = []
    }

    private let state = Mutex(State())
    private let submitted = AsyncStream<Void>.makeStream()

    func append(_ records: [Data]) throws(LedgerJournalError) {
        state.withLock { $0.records.append(contentsOf: records) }
    }

    func replay() throws(LedgerJournalError) -> [Data] { state.withLock { $0.records } }

    func close() {}

    func submit(_ records: [Data]) throws(LedgerJournalError) -> JournalTicket {
        let count = state.withLock { state in
            state.records.append(contentsOf: records)
            return state.records.count
        }
        submitted.continuation.yield()
        return JournalTicket(sequence: UInt64(count))
    }

    func whenDurable(
        _ ticket: JournalTicket, forced: Bool, _ completion: @escaping @Sendable (LedgerJournalError?) -> Void
    ) {
        let now = state.withLock { state in
            if state.isOpen { return true }
            state.waiting.append(completion)
            return false
        }
        if now { completion(nil) }
    }

    func waitUntilSubmitted() async {
        for await _ in submitted.stream { break }
    }

    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for completion in waiting { completion(nil) }
    }
}

/// Identifiers collected from several tasks.
final class IdentifierSet: Sendable {
    private let values = Mutex<Set<Identifier>>([])

    func insert(_ id: Identifier) { values.withLock { _ = $0.insert(id) } }

    func contains(_ id: Identifier) -> Bool { values.withLock { $0.contains(id) } }
}
