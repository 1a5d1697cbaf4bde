import Foundation
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// A gateway that forwards to the simulated one, but loses the refund's answer (after the
/// refund, or before it reaches the gateway): what a crash or a timeout leaves behind.
final class RefundLosingGateway: PaymentGateway, Sendable {
    let inner: SimulatedPaymentGateway
    let refundsBeforeLosing: Bool

    init(_ inner: SimulatedPaymentGateway, refundsBeforeLosing: Bool) {
        self.inner = inner
        self.refundsBeforeLosing = refundsBeforeLosing
    }

    func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
        try await inner.authorize(request)
    }
    func capture(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> GatewayCapture {
        try await inner.capture(key, amount: amount)
    }
    func void(_ key: PaymentAttemptKey) async throws { try await inner.void(key) }
    func refund(_ key: PaymentAttemptKey, amount: CurrencyAmount) async throws -> String {
        if refundsBeforeLosing { _ = try await inner.refund(key, amount: amount) }
        throw SimulatedGatewayError(message: "the refund's answer was lost")
    }
    func status(of key: PaymentAttemptKey) async throws -> GatewayAttemptStatus { try await inner.status(of: key) }
}

/// Refunds of released negative balances: reservation, completion, failure, card refunds through
/// the gateway, crash recovery, STRING informations and replay.
@Suite("Refunds")
struct RefundTests {
    typealias Kit = LedgerTestKit
    typealias InMemoryJournal = LedgerPropertyTests.InMemoryJournal

    static func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        try BookingAdministrationTests.makeLedger(journal: journal)
    }

    /// Booking `B1`, 1000.00 EUR paid in full by the agency, then its price lowered to 700.00:
    /// 300.00 to return, released unless asked otherwise.
    static func overpaid(_ ledger: Ledger, released: Bool = true, financed: Bool = false) throws {
        var draft = try Kit.draft(id: "B1", priceCents: 1000_00)
        draft.financed = financed
        try ledger.createBooking(draft)
        try ledger.enterPayments([Kit.agencyPayment("ALL", cents: 1000_00, scope: .balance)], bookingId: "B1")
        try ledger.modifyBooking("B1", totalPrice: Kit.eur(700_00))
        if released { try ledger.setRelease(true, for: "B1") }
    }

    static func bankTransfer(_ cents: Int64, reference: String? = nil) -> RefundRequest {
        RefundRequest(amount: Kit.eur(cents), method: .bankTransfer, reference: reference)
    }

    @Test func aRequestedRefundReservesAndACompletedOneMovesTheBalanceTowardsZero() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try Self.overpaid(ledger)
        let refund = try ledger.requestRefund(Self.bankTransfer(200_00, reference: "IBAN DE89…"), for: "B1")
        #expect(refund.identifier == "R1" && refund.status == .requested && !refund.isInFlight)
        var booking = try #require(ledger.booking("B1"))
        #expect(booking.refundableAmount == Kit.eur(300_00))
        #expect(booking.pendingRefundAmount == Kit.eur(200_00))
        #expect(booking.availableRefundAmount == Kit.eur(100_00))
        // Two refunds can never return more than was overpaid.
        let error = #expect(throws: LedgerError.self) { try ledger.requestRefund(Self.bankTransfer(100_01), for: "B1") }
        #expect(error?.code == .refundExceedsBalance)
        booking = try ledger.completeRefund("R1", of: "B1", payoutReference: "BANK-1")
        #expect(booking.refund("R1")?.status == .completed)
        #expect(booking.refund("R1")?.payoutReference == "BANK-1")
        #expect(booking.refundedAmount == Kit.eur(200_00))
        #expect(booking.refundableAmount == Kit.eur(100_00))
        #expect(booking.openAmount == Kit.signedEUR(-100_00))
        #expect(booking.paidAmount == Kit.eur(1000_00))  // what was received stays what it was
        let overview = booking.overview(today: ledger.today)
        #expect(overview.paidAmount == Kit.eur(800_00))
        #expect(overview.settledAmount == .zero(.eur))  // agency-recorded, never settled
        #expect(overview.openAmount == Kit.signedEUR(-100_00))
        #expect(booking.negativeBalanceRow?.balance == Kit.eur(100_00))
        #expect(booking.refundInformations.map(\.code) == ["refund-completed"])
        #expect(booking.refundInformations.first?.text == "EUR 200.00 returned on 2026-11-23 by bank-transfer")
        #expect(try Self.makeLedger(journal: journal).booking("B1") == booking)
    }

    @Test func aFailedRefundFreesItsAmount() throws {
        let ledger = try Self.makeLedger()
        try Self.overpaid(ledger)
        try ledger.requestRefund(Self.bankTransfer(300_00), for: "B1")
        #expect(ledger.booking("B1")?.availableRefundAmount == .zero(.eur))
        let booking = try ledger.failRefund("R1", of: "B1", reason: "account closed")
        #expect(booking.refund("R1")?.failureReason == "account closed")
        #expect(booking.availableRefundAmount == Kit.eur(300_00))
        #expect(booking.refundInformations.isEmpty)
        let second = try ledger.requestRefund(RefundRequest(amount: Kit.eur(300_00), method: .other("cash")), for: "B1")
        #expect(second.identifier == "R2")
        let again = #expect(throws: LedgerError.self) { try ledger.completeRefund("R1", of: "B1") }
        #expect(again?.code == .invalidStatusTransition)
        #expect(ledger.refunds().map(\.refund.identifier) == ["R2"])
        #expect(ledger.refunds(status: nil).map(\.refund.identifier) == ["R1", "R2"])
    }

    @Test func releaseAndFinancingGuardRefunds() throws {
        let ledger = try Self.makeLedger()
        try Self.overpaid(ledger, released: false, financed: true)
        let notReleased = #expect(throws: LedgerError.self) {
            try ledger.requestRefund(Self.bankTransfer(10_00), for: "B1")
        }
        #expect(notReleased?.code == .notReleased)
        try ledger.setRelease(true, for: "B1")
        let financed = #expect(throws: LedgerError.self) {
            try ledger.requestRefund(Self.bankTransfer(10_00), for: "B1")
        }
        #expect(financed?.code == .bookingFinanced)
        var forced = Self.bankTransfer(10_00)
        forced.forcedReason = "approved by finance"
        #expect(try ledger.requestRefund(forced, for: "B1").forcedReason == "approved by finance")
        // Withdrawing the release stops further refunds, not the requested one.
        try ledger.setRelease(false, for: "B1")
        #expect(throws: LedgerError.self) { try ledger.requestRefund(forced, for: "B1") }
        #expect(try ledger.completeRefund("R1", of: "B1").refundedAmount == Kit.eur(10_00))
    }

    @Test func aCardRefundGoesThroughTheGatewayWithThePaymentsKey() async throws {
        let ledger = try Self.makeLedger()
        let gateway = SimulatedPaymentGateway()
        try ledger.createBooking(try Kit.draft(id: "B1", priceCents: 1000_00, collection: .tourOperator))
        try await Kit.enterThroughGateway(
            [try Kit.cardPayment("CARD", cents: 1000_00)], bookingId: "B1", in: ledger, gateway: gateway)
        try ledger.modifyBooking("B1", totalPrice: Kit.eur(600_00))
        try ledger.setRelease(true, for: "B1")
        let card = try #require(ledger.booking("B1")?.payment("CARD"))
        #expect(card.status == .settled)
        let request = RefundRequest(amount: Kit.eur(250_00), method: .card(paymentId: "CARD"))
        let refund = try await ledger.refund(request, for: "B1", gateway: gateway)
        #expect(refund.status == .completed)
        #expect(refund.payoutReference == "REFUND-SIM-B1-CARD")
        let logged = try #require(gateway.log.last)
        #expect(logged.operation == .refund && logged.amount == Kit.eur(250_00))
        #expect(logged.key == card.attemptKey(bookingId: "B1"))
        // One card refund per card payment: the gateway's key allows no second one.
        let second = await #expect(throws: LedgerError.self) {
            try await ledger.refund(request, for: "B1", gateway: gateway)
        }
        #expect(second?.code == .refundNotPossible)
        let byHand = #expect(throws: LedgerError.self) { try ledger.requestRefund(request, for: "B1") }
        #expect(byHand?.code == .refundNotPossible)
    }

    @Test(arguments: [true, false])
    func aLostGatewayAnswerLeavesTheRefundInFlightForReconciliation(refunded: Bool) async throws {
        let ledger = try Self.makeLedger()
        let simulated = SimulatedPaymentGateway()
        try ledger.createBooking(try Kit.draft(id: "B1", priceCents: 1000_00, collection: .tourOperator))
        try await Kit.enterThroughGateway(
            [try Kit.cardPayment("CARD", cents: 1000_00)], bookingId: "B1", in: ledger, gateway: simulated)
        try ledger.modifyBooking("B1", totalPrice: Kit.eur(600_00))
        try ledger.setRelease(true, for: "B1")
        let request = RefundRequest(amount: Kit.eur(400_00), method: .card(paymentId: "CARD"))
        let refund = try await ledger.refund(
            request, for: "B1", gateway: RefundLosingGateway(simulated, refundsBeforeLosing: refunded))
        #expect(refund.isInFlight && refund.status == .requested)
        #expect(ledger.booking("B1")?.availableRefundAmount == .zero(.eur))
        let byHand = #expect(throws: LedgerError.self) { try ledger.completeRefund("R1", of: "B1") }
        #expect(byHand?.code == .paymentInProgress)
        let report = try await ledger.reconcile(gateway: simulated, vouchers: SimulatedVoucherValidator())
        #expect(report.refundEntries.count == 1)
        let after = try #require(ledger.booking("B1")?.refund("R1"))
        #expect(!after.isInFlight)
        #expect(after.status == (refunded ? .completed : .failed))
        #expect(ledger.booking("B1")?.refundedAmount == (refunded ? Kit.eur(400_00) : .zero(.eur)))
        // Nothing is left to reconcile, and the gateway paid back exactly once.
        #expect(
            try await ledger.reconcile(gateway: simulated, vouchers: SimulatedVoucherValidator()).refundEntries.isEmpty)
        #expect(simulated.log.filter { $0.operation == .refund }.count == (refunded ? 1 : 0))
    }

    @Test func cardRefundsOfPaymentsTheGatewayDidNotCollectAreRefused() async throws {
        let ledger = try Self.makeLedger()
        try Self.overpaid(ledger)
        let request = RefundRequest(amount: Kit.eur(10_00), method: .card(paymentId: "ALL"))
        let error = await #expect(throws: LedgerError.self) {
            try await ledger.refund(request, for: "B1", gateway: SimulatedPaymentGateway())
        }
        #expect(error?.code == .refundNotPossible)
        let unknown = await #expect(throws: LedgerError.self) {
            try await ledger.refund(
                RefundRequest(amount: Kit.eur(10_00), method: .card(paymentId: "NOPE")), for: "B1",
                gateway: SimulatedPaymentGateway())
        }
        #expect(unknown?.code == .unknownPayment)
    }

    @Test func theMessageHandlerReportsRefundsAsInformations() async throws {
        let ledger = try Self.makeLedger()
        try Self.overpaid(ledger)
        try ledger.requestRefund(Self.bankTransfer(100_00), for: "B1")
        try ledger.requestRefund(Self.bankTransfer(50_00), for: "B1")
        try ledger.completeRefund("R2", of: "B1")
        let handled = await StringMessageHandler(ledger: ledger).handle(
            .bookingRequest(BookingRequest(version: "1.0", requestTrigger: .retrieve, bookingId: "B1")))
        guard case .bookingResponse(let response) = handled.response else {
            Issue.record("expected a BookingResponse, got \(handled.response.kind)")
            return
        }
        let details = response.informations?.informationDetails ?? []
        #expect(details.map(\.code) == ["refund-requested", "refund-completed"])
        #expect(details.map(\.reference) == ["R1", "R2"])
        let overview = try #require(response.paymentOverview)
        #expect(overview.paidAmount == Kit.eur(950_00))
        #expect(overview.openAmount == Kit.signedEUR(-250_00))
        // The response is valid STRING: no negative amount, the overview's arithmetic holds.
        let validation = try StringMessageValidator(today: try Kit.date(Kit.bookingDayText)).validate(
            handled.responseData)
        #expect(validation.isValid, "\(validation.issues)")
    }

    @Test func replayRefusesARefundBeyondWhatTheBookingMayReturn() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try Self.overpaid(ledger)
        let refund = LedgerRefund(
            identifier: "R1", amount: Kit.eur(300_01), method: .bankTransfer, requestedOn: try Kit.date("2026-11-23"))
        try journal.append([LedgerRecordCodec.encode(.refundRequested(bookingId: "B1", refund: refund))])
        let error = #expect(throws: LedgerError.self) { try Self.makeLedger(journal: journal) }
        #expect(error?.code == .journalFailure)
        #expect(
            error?.message.contains("refund-exceeds-balance") == true || error?.message.contains("more than") == true)
    }
}

extension LedgerBooking {
    /// The booking's negative-balances row, if it has one.
    var negativeBalanceRow: NegativeBalance? { NegativeBalance(self) }
}
