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

    @Test("payments entered directly and as events: same verdict, same state", arguments: cases)
    func bothPathsAgree(_ change: Case) throws {
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
            try direct.checkEntered(change.entered, position: 0)
            direct.applyEntered(change.entered, afterCheck: (), position: 0)
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
