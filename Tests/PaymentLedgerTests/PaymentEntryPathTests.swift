import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The ledger enters payments into an existing booking without building their events
/// (`LedgerState.checkEntered` and `applyEntered`); replay folds the `paymentEntered` events.
/// Both must give the same verdict and the same state, or a replayed ledger would differ from
/// the live one.
@Suite("Payment entry path")
struct PaymentEntryPathTests {
    typealias Kit = LedgerTestKit

    /// A state holding booking B (3456.00 EUR) with the payments given, entered as events.
    static func state(holding existing: [LedgerPayment]) throws -> LedgerState {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))))
        let booking = try ledger.createBooking(try Kit.draft(id: "B")).booking
        var state = LedgerState()
        try state.apply([.bookingCreated(booking, requestDigest: nil)])
        for payment in existing { try state.apply([.paymentEntered(bookingId: "B", payment: payment)]) }
        return state
    }

    static func payment(
        _ id: Identifier, cents: Int64 = 100_00, fee: Int64 = 0, status: PaymentStatus = .recorded,
        currency: CurrencyCode = .eur, inFlight: Bool = false
    ) -> LedgerPayment {
        LedgerPayment(
            identifier: id, collection: .agency, scope: .interim, formOfPayment: nil, currency: currency,
            amountMinorUnits: cents, feeMinorUnits: fee, status: status, entryDate: nil, serviceProvider: nil,
            cashHolder: .assignedToBookingOwner(true), specialisation: .unspecified, isInFlight: inFlight)
    }

    /// One change: the booking's payments before it, the payments it enters, the error code
    /// expected (`nil`: accepted).
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let existing: [LedgerPayment]
        let entered: [LedgerPayment]
        let expected: LedgerError.Code?
    }

    static let cases: [Case] = [
        Case(description: "a new payment", existing: [], entered: [payment("P1")], expected: nil),
        Case(
            description: "two new payments", existing: [payment("P0")],
            entered: [payment("P1"), payment("P2", fee: 150, status: .settled)], expected: nil),
        Case(
            description: "a failed payment entered again", existing: [payment("P1", status: .failed)],
            entered: [payment("P1", status: .open, inFlight: true)], expected: nil),
        Case(
            description: "another currency", existing: [], entered: [payment("P1", currency: .usd)],
            expected: .currencyMismatch),
        Case(
            description: "an identifier the booking has", existing: [payment("P1")], entered: [payment("P1")],
            expected: .paymentIdentifierReused),
        Case(
            description: "an identifier twice in the change", existing: [],
            entered: [payment("P1"), payment("P1")], expected: .paymentIdentifierReused),
        Case(
            description: "entered Confirmed", existing: [], entered: [payment("P1", status: .confirmed)],
            expected: .invalidStatusTransition),
        Case(
            description: "entered Settled in flight", existing: [],
            entered: [payment("P1", status: .settled, inFlight: true)], expected: .invalidStatusTransition),
        Case(description: "a zero amount", existing: [], entered: [payment("P1", cents: 0)], expected: .invalidAmount),
        Case(description: "a negative fee", existing: [], entered: [payment("P1", fee: -1)], expected: .invalidAmount),
        Case(
            description: "an amount beyond 18 digits", existing: [],
            entered: [payment("P1", cents: LedgerState.maximumMinorUnits + 1)], expected: .invalidAmount),
    ]

    /// Folds the change's events into one copy of the state and enters the change through
    /// `direct` into another; both must refuse it with the expected code or end in the same state.
    static func expectSameAsFold(
        _ change: Case, direct enter: (inout LedgerState) throws(LedgerError) -> Void
    ) throws {
        let before = try Self.state(holding: change.existing)
        var folded = before
        var folding: LedgerError?
        do {
            try folded.apply(change.entered.map { .paymentEntered(bookingId: "B", payment: $0) })
        } catch {
            folding = error
        }
        var direct = before
        var checking: LedgerError?
        do {
            try enter(&direct)
        } catch {
            checking = error
        }
        #expect(folding?.code == change.expected)
        #expect(checking?.code == change.expected)
        #expect(checking?.paymentId == folding?.paymentId)
        #expect(direct.bookings == folded.bookings)
        #expect(direct.eventCount == folded.eventCount)
        #expect(direct.negativeBalancePositions == folded.negativeBalancePositions)
    }

    @Test("payments entered directly and as events: same verdict, same state", arguments: cases)
    func bothPathsAgree(_ change: Case) throws {
        try Self.expectSameAsFold(change) { (state) throws(LedgerError) in
            try state.checkEntered(change.entered, position: 0)
            state.applyEntered(change.entered, afterCheck: (), position: 0)
        }
    }

    @Test("one payment entered with its existing position found once: same verdict, same state", arguments: cases)
    func singlePathAgrees(_ change: Case) throws {
        guard change.entered.count == 1 else { return }
        try Self.expectSameAsFold(change) { (state) throws(LedgerError) in
            let existingIndex = state.bookings[0].paymentIndex(change.entered[0].identifier)
            try state.checkEntered(change.entered[0], existingIndex: existingIndex, position: 0)
            state.applyEntered(change.entered[0], existingIndex: existingIndex, afterCheck: (), position: 0)
        }
    }

    /// A request of one payment and the gateway's answer for it.
    struct Request: Sendable, CustomStringConvertible {
        let description: String
        let payment: Payment
        var outcome: PaymentOutcome?
        var collection: PaymentCollection?
    }

    static func card(_ id: Identifier, cents: Int64, cardType: String = "VISA") throws -> Payment {
        try Kit.cardPayment(id, cents: cents, cardType: cardType)
    }

    /// Requests of one payment each, in order, against booking B (3456.00 EUR): every way a
    /// payment is entered, left as it is, or refused.
    static func requests() throws -> [Request] {
        [
            Request(description: "agency payment", payment: Kit.agencyPayment("A1", cents: 500_00)),
            Request(description: "the same again", payment: Kit.agencyPayment("A1", cents: 500_00)),
            Request(description: "the same identifier, another amount", payment: Kit.agencyPayment("A1", cents: 1_00)),
            Request(
                description: "card settled", payment: try card("C1", cents: 300_00),
                outcome: .settled(transactionReference: "T-1", authorizationCode: "4711")),
            Request(
                description: "card declined", payment: try card("C2", cents: 200_00),
                outcome: .failed(reason: "declined", transactionReference: "T-2")),
            Request(
                description: "declined card sent again, settled", payment: try card("C2", cents: 250_00),
                outcome: .settled(transactionReference: "T-3", authorizationCode: nil)),
            Request(
                description: "card pending", payment: try card("C3", cents: 100_00),
                outcome: .pending(transactionReference: "T-4")),
            Request(description: "card without an answer", payment: try card("C4", cents: 100_00)),
            Request(
                description: "card type not accepted", payment: try card("C5", cents: 100_00, cardType: "Diners")),
            Request(
                description: "voucher rejected", payment: Kit.voucherPayment("V1", cents: 50_00, code: "X"),
                outcome: .rejected(reason: "spent")),
            Request(description: "invoice", payment: Kit.invoicePayment("I1", cents: 400_00)),
            Request(
                description: "collection the request does not allow", payment: Kit.invoicePayment("I2", cents: 1_00),
                collection: .agency),
            Request(description: "more than the price", payment: Kit.agencyPayment("A2", cents: 3_000_00)),
            Request(
                description: "another currency",
                payment: Payment(
                    identifier: "A3", collection: .agency, paymentScope: .interim,
                    paymentAmount: CurrencyAmount(minorUnitCount: 1_00, currency: .usd))),
            Request(description: "the rest", payment: Kit.agencyPayment("A4", cents: 1_806_00, scope: .balance)),
        ]
    }

    /// Enters the payments through the plan and its commit, as requests of several payments go.
    static func enterThroughPlan(
        _ ledger: Ledger, _ payments: [Payment], bookingId: Identifier, collection: PaymentCollection?,
        outcomes: [Identifier: PaymentOutcome]
    ) throws(LedgerError) -> PaymentEntryResult {
        let today = ledger.today
        return try ledger.withChange { storage throws(LedgerError) in
            let position = try Ledger.activePosition(bookingId, in: storage.state)
            let plan = try Ledger.plan(
                payments, booking: storage.state.bookings[position], isNew: false, collection: collection,
                today: today)
            return try ledger.commit(plan, outcomes: outcomes, today: today, storage: &storage, position: position)
        }
    }

    @Test("a request of one payment: the same results, errors and bookings as through the plan, and after replay")
    func singlePaymentRequestsEqualThePlan() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("entry-one-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
        let single = try Ledger.open(directory: directory, configuration: configuration)
        let planned = try Ledger(configuration: configuration)
        for ledger in [single, planned] { try ledger.createBooking(try Kit.draft(id: "B")) }
        var refused = 0
        for request in try Self.requests() {
            let outcomes = request.outcome.map { [request.payment.identifier: $0] } ?? [:]
            let one = Result { () throws(LedgerError) in
                try single.enterPayments(
                    [request.payment], bookingId: "B", collection: request.collection, outcomes: outcomes)
            }
            let other = Result { () throws(LedgerError) in
                try Self.enterThroughPlan(
                    planned, [request.payment], bookingId: "B", collection: request.collection, outcomes: outcomes)
            }
            switch (one, other) {
            case (.success(let one), .success(let other)):
                #expect(one.booking == other.booking, "\(request)")
                #expect(one.entered == other.entered, "\(request)")
                #expect(one.unchanged == other.unchanged, "\(request)")
                #expect(one.inFlight == other.inFlight, "\(request)")
            case (.failure(let one), .failure(let other)):
                refused += 1
                #expect(one.code == other.code, "\(request)")
                #expect(one.message == other.message, "\(request)")
                #expect(one.paymentId == other.paymentId, "\(request)")
            default:
                Issue.record("\(request): \(one) through the single path, \(other) through the plan")
            }
            #expect(single.booking("B") == planned.booking("B"), "\(request)")
            #expect(single.eventCount == planned.eventCount, "\(request)")
        }
        #expect(refused == 6)
        let booking = try #require(single.booking("B"))
        #expect(booking.payment("C2")?.attempt == 2)
        #expect(booking.payment("C2")?.status == .settled)
        #expect(booking.uncoveredAmount == Kit.eur(0))
        single.close()
        let replayed = try Ledger.open(directory: directory, configuration: configuration)
        defer { replayed.close() }
        #expect(replayed.booking("B") == booking)
        #expect(replayed.eventCount == single.eventCount)
    }

    @Test("a journaled ledger's payments replay to the same bookings")
    func replayEqualsLiveLedger() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("entry-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
        let live = try Ledger.open(directory: directory, configuration: configuration)
        try live.createBooking(try Kit.draft(id: "B"))
        try live.enterPayments([Kit.agencyPayment("P1", cents: 500_00)], bookingId: "B")
        try live.enterPayments(
            [Kit.agencyPayment("P2", cents: 200_00), Kit.agencyPayment("P3", cents: 300_00, scope: .balance)],
            bookingId: "B")
        try live.failPayment("P2", of: "B", reason: "returned")
        // Sent again with another amount: a new attempt of the failed payment.
        try live.enterPayments([Kit.agencyPayment("P2", cents: 150_00)], bookingId: "B")
        let booking = try #require(live.booking("B"))
        live.close()
        #expect(booking.payments.map(\.identifier) == ["P1", "P2", "P3"])
        #expect(booking.payment("P2")?.attempt == 2)
        #expect(booking.paidAmount == Kit.eur(950_00))
        let replayed = try Ledger.open(directory: directory, configuration: configuration)
        defer { replayed.close() }
        #expect(replayed.booking("B") == booking)
        #expect(replayed.eventCount == live.eventCount)
    }
}
