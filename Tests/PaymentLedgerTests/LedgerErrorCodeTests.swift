import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

/// One test per `LedgerError.Code`: each provokes the code through the ledger or the message
/// handler and checks that the refused change left the ledger exactly as it was.
@Suite("Ledger error codes")
struct LedgerErrorCodeTests {
    typealias Kit = LedgerTestKit

    /// Every code a test below produces. A code added to `LedgerError.Code.all` without a test
    /// here makes `everyCodeHasATest` fail.
    static let codesWithTests: [LedgerError.Code] = [
        .unknownBooking, .bookingCancelled, .bookingExists, .bookingDataRequired, .invalidSchedule,
        .bookingIdRequired, .currencyMismatch, .formOfPaymentRequired, .formOfPaymentNotOffered,
        .cardTypeNotAccepted, .collectionNotAllowed, .nonPositiveAmount, .invalidAmount, .amountExceedsBalance,
        .paymentIdentifierReused, .paymentInProgress, .unknownPayment, .invalidStatusTransition,
        .voucherRejected, .unsupportedPaymentType, .notAgencyCollected, .journalFailure, .paymentsNotAllowed,
        .notARequest, .invalidConfiguration, .responseNotEncodable, .unknownUnregisteredPayment,
        .unregisteredPaymentExists, .alreadyAssigned, .notAssigned, .unregisteredPaymentReversed,
        .alreadyPaidOut, .payoutMismatch,
        .invalidBookingDetails, .notReleased, .bookingFinanced, .refundExceedsBalance, .unknownRefund,
        .refundNotPossible,
        .unknownCard, .unknownScheduledPayment, .notApproved, .invalidAutopayData, .unknownMandate,
        .invalidGDSRecord, .unknownGDSRecord,
        .invalidPortalToken, .unknownPortalToken, .portalTokenExpired, .portalTokenUsed,
    ]

    @Test func everyCodeHasATest() {
        let all = Set(LedgerError.Code.all.map(\.rawValue))
        let tested = Set(Self.codesWithTests.map(\.rawValue))
        #expect(all.subtracting(tested).isEmpty, "codes without a test: \(all.subtracting(tested).sorted())")
        #expect(tested.subtracting(all).isEmpty, "tested codes not in Code.all: \(tested.subtracting(all).sorted())")
        #expect(Self.codesWithTests.count == tested.count, "a code is listed twice")
    }

    // MARK: Helpers

    private func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        let configuration = LedgerConfiguration(
            clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 77)
        return try Ledger(configuration: configuration, journal: journal)
    }

    /// A ledger with one booking (3456.00 EUR, mixed collection) whose deposit the agency recorded.
    private func ledgerWithBooking(
        id: Identifier = "SRT-2026-004711", collection: PaymentCollection? = nil, journal: (any LedgerJournal)? = nil
    ) throws -> Ledger {
        let ledger = try makeLedger(journal: journal)
        try ledger.createBooking(try Kit.draft(id: id, collection: collection))
        if collection != .tourOperator {
            try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
        }
        return ledger
    }

    /// Runs a refused operation: checks the code and that bookings and event count did not change.
    @discardableResult
    private func expectRefusal(
        _ code: LedgerError.Code, in ledger: Ledger, sourceLocation: SourceLocation = #_sourceLocation,
        _ operation: () throws -> Void
    ) -> LedgerError? {
        let bookings = ledger.bookings
        let events = ledger.eventCount
        defer {
            #expect(ledger.bookings == bookings, "the refused change altered a booking", sourceLocation: sourceLocation)
            #expect(ledger.eventCount == events, "the refused change applied events", sourceLocation: sourceLocation)
        }
        do {
            try operation()
        } catch let error as LedgerError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
            return nil
        }
        Issue.record("expected \(code), the operation succeeded", sourceLocation: sourceLocation)
        return nil
    }

    /// Sends a request to a handler; checks the outcome, that an error detail carries the code,
    /// and that the ledger did not change.
    @discardableResult
    private func expectHandlerRefusal(
        _ code: LedgerError.Code, message: StringMessage, in ledger: Ledger,
        outcome: HandledMessage.Outcome = .rejected, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> MessageDetail? {
        await expectHandlerRefusal(code, in: ledger, outcome: outcome, sourceLocation: sourceLocation) { handler in
            await handler.handle(message)
        }
    }

    @discardableResult
    private func expectHandlerRefusal(
        _ code: LedgerError.Code, in ledger: Ledger, outcome: HandledMessage.Outcome = .rejected,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ send: (StringMessageHandler) async -> HandledMessage
    ) async -> MessageDetail? {
        let handler = StringMessageHandler(ledger: ledger)
        let bookings = ledger.bookings
        let events = ledger.eventCount
        let handled = await send(handler)
        #expect(handled.outcome == outcome, sourceLocation: sourceLocation)
        #expect(ledger.bookings == bookings, "the refused request altered a booking", sourceLocation: sourceLocation)
        #expect(ledger.eventCount == events, "the refused request applied events", sourceLocation: sourceLocation)
        let details = Self.errorDetails(of: handled.response)
        let detail = details.first { $0.code == code.rawValue }
        #expect(detail != nil, "no \(code) among \(details.map(\.code))", sourceLocation: sourceLocation)
        return detail
    }

    static func errorDetails(of message: StringMessage) -> [MessageDetail] {
        switch message {
        case .paymentResponse(let response): return response.errors?.errorDetails ?? []
        case .bookingResponse(let response): return response.errors?.errorDetails ?? []
        case .errorResponse(let response): return response.errors.errorDetails
        case .envelopeResponse(let envelope):
            return envelope.stringResponse.content?.message.map(errorDetails(of:)) ?? []
        default: return []
        }
    }

    // MARK: One test per code

    @Test func unknownBooking() throws {
        let ledger = try ledgerWithBooking()
        let error = expectRefusal(.unknownBooking, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 100_00)], bookingId: "NO-SUCH-BOOKING")
        }
        #expect(error?.bookingId == "NO-SUCH-BOOKING")
        #expect(error?.reference == "NO-SUCH-BOOKING")
        expectRefusal(.unknownBooking, in: ledger) { _ = try ledger.settlePayment("DEP", of: "NO-SUCH-BOOKING") }
        expectRefusal(.unknownBooking, in: ledger) {
            _ = try ledger.modifyBooking("NO-SUCH-BOOKING", totalPrice: Kit.eur(1_00))
        }
        expectRefusal(.unknownBooking, in: ledger) { _ = try ledger.cancelBooking("NO-SUCH-BOOKING") }
        expectRefusal(.unknownBooking, in: ledger) { _ = try ledger.overview(of: "NO-SUCH-BOOKING") }
        expectRefusal(.unknownBooking, in: ledger) {
            _ = try ledger.recordAgencySettlement(["DEP"], of: "NO-SUCH-BOOKING", reference: "X")
        }
        expectRefusal(.unknownBooking, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 100_00)], bookingId: "NO-SUCH-BOOKING")
        }
    }

    @Test func bookingCancelled() throws {
        let ledger = try ledgerWithBooking()
        try ledger.cancelBooking("SRT-2026-004711")
        let error = expectRefusal(.bookingCancelled, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("BAL", cents: 100_00)], bookingId: "SRT-2026-004711")
        }
        #expect(error?.bookingId == "SRT-2026-004711")
        expectRefusal(.bookingCancelled, in: ledger) {
            _ = try ledger.modifyBooking("SRT-2026-004711", totalPrice: Kit.eur(4000_00))
        }
        expectRefusal(.bookingCancelled, in: ledger) { _ = try ledger.cancelBooking("SRT-2026-004711") }
    }

    @Test func bookingExists() throws {
        let ledger = try ledgerWithBooking()
        // The same data again is idempotent ...
        let events = ledger.eventCount
        let again = try ledger.createBooking(try Kit.draft(id: "SRT-2026-004711"))
        #expect(!again.created)
        #expect(again.booking == ledger.booking("SRT-2026-004711"))
        #expect(ledger.eventCount == events)
        // ... other data under the same identifier is refused.
        let error = expectRefusal(.bookingExists, in: ledger) {
            _ = try ledger.createBooking(try Kit.draft(id: "SRT-2026-004711", priceCents: 4000_00))
        }
        #expect(error?.bookingId == "SRT-2026-004711")
        expectRefusal(.bookingExists, in: ledger) {
            _ = try ledger.createBooking(try Kit.draft(id: "SRT-2026-004711", departure: "2027-07-01"))
        }
    }

    @Test func bookingDataRequired() async throws {
        let ledger = try makeLedger()
        for trigger in [RequestTrigger.book, .quote] {
            let request = BookingRequest(
                version: "1.0", agencyInformation: AgencyInformation(agency: "123456", agentId: 17),
                requestTrigger: trigger)
            await expectHandlerRefusal(.bookingDataRequired, message: .bookingRequest(request), in: ledger)
        }
        #expect(ledger.bookingCount == 0)
    }

    @Test func invalidSchedule() throws {
        let ledger = try ledgerWithBooking()
        // Departure before the booking date.
        let error = expectRefusal(.invalidSchedule, in: ledger) {
            _ = try ledger.createBooking(try Kit.draft(id: "SRT-EARLY", departure: "2026-11-01"))
        }
        #expect(error?.bookingId == "SRT-EARLY")
        expectRefusal(.invalidSchedule, in: ledger) { _ = try ledger.quote(try Kit.draft(departure: "2026-11-22")) }
        // A price with more fraction digits than the currency has.
        expectRefusal(.invalidSchedule, in: ledger) {
            _ = try ledger.modifyBooking(
                "SRT-2026-004711", totalPrice: CurrencyAmount(amount: Decimal(string: "100.005") ?? 0, currency: .eur))
        }
        expectRefusal(.invalidSchedule, in: ledger) {
            _ = try ledger.modifyBooking("SRT-2026-004711", departureDate: try Kit.date("2026-10-01"))
        }
    }

    @Test func bookingIdRequired() async throws {
        let ledger = try ledgerWithBooking()
        for trigger in [RequestTrigger.retrieve, .modify, .cancel] {
            let request = BookingRequest(
                version: "1.0", agencyInformation: AgencyInformation(agency: "123456", agentId: 17),
                requestTrigger: trigger)
            await expectHandlerRefusal(.bookingIdRequired, message: .bookingRequest(request), in: ledger)
        }
    }

    @Test func currencyMismatch() throws {
        let ledger = try ledgerWithBooking()
        let dollars = Payment(
            identifier: "BAL", collection: .agency, paymentScope: .balance,
            paymentAmount: CurrencyAmount(amount: 100, currency: .usd))
        let error = expectRefusal(.currencyMismatch, in: ledger) {
            _ = try ledger.enterPayments([dollars], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
        #expect(error?.reference == "BAL")
        expectRefusal(.currencyMismatch, in: ledger) {
            _ = try ledger.modifyBooking("SRT-2026-004711", totalPrice: CurrencyAmount(amount: 4000, currency: .chf))
        }
    }

    @Test func formOfPaymentRequired() throws {
        let ledger = try ledgerWithBooking()
        let nameless = Payment(
            identifier: "BAL", collection: .tourOperator, paymentScope: .balance, paymentAmount: Kit.eur(100_00))
        let error = expectRefusal(.formOfPaymentRequired, in: ledger) {
            _ = try ledger.enterPayments([nameless], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
    }

    @Test func formOfPaymentNotOffered() throws {
        // The standard options take cards collected by the tour operator only.
        let ledger = try ledgerWithBooking()
        let cardAtAgency = try Kit.cardPayment("BAL", cents: 100_00, collection: .agency)
        let error = expectRefusal(.formOfPaymentNotOffered, in: ledger) {
            _ = try ledger.enterPayments([cardAtAgency], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
        // A booking offering invoices only refuses a card outright.
        let invoiceOnly = try makeLedger()
        try invoiceOnly.createBooking(
            try Kit.draft(id: "B-INVOICE", paymentOptions: [PaymentOption(formOfPayment: .invoice)]))
        expectRefusal(.formOfPaymentNotOffered, in: invoiceOnly) {
            _ = try invoiceOnly.enterPayments([try Kit.cardPayment("BAL", cents: 100_00)], bookingId: "B-INVOICE")
        }
    }

    @Test func cardTypeNotAccepted() throws {
        let ledger = try ledgerWithBooking()
        let diners = try Kit.cardPayment("BAL", cents: 100_00, number: "30569309025904", cardType: "DinersClub")
        let error = expectRefusal(.cardTypeNotAccepted, in: ledger) {
            _ = try ledger.enterPayments([diners], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
    }

    @Test func collectionNotAllowed() throws {
        // A booking the agency collects takes no tour-operator payment.
        let agencyOnly = try ledgerWithBooking(collection: .agency)
        expectRefusal(.collectionNotAllowed, in: agencyOnly) {
            _ = try agencyOnly.enterPayments([try Kit.cardPayment("BAL", cents: 100_00)], bookingId: "SRT-2026-004711")
        }
        expectRefusal(.collectionNotAllowed, in: agencyOnly) {
            _ = try agencyOnly.enterPayments(
                [Kit.invoicePayment("BAL", cents: 100_00, collection: .agency)], bookingId: "SRT-2026-004711",
                collection: .tourOperator)
        }
        // A single payment cannot be collected by "Mixed".
        let mixed = try ledgerWithBooking()
        expectRefusal(.collectionNotAllowed, in: mixed) {
            _ = try mixed.enterPayments(
                [Kit.invoicePayment("BAL", cents: 100_00, collection: .mixed)], bookingId: "SRT-2026-004711")
        }
    }

    @Test func nonPositiveAmount() throws {
        let ledger = try ledgerWithBooking()
        let error = expectRefusal(.nonPositiveAmount, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("BAL", cents: 0)], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
    }

    @Test func invalidAmount() throws {
        let ledger = try ledgerWithBooking()
        let tooPrecise = Payment(
            identifier: "BAL", collection: .agency, paymentScope: .balance,
            paymentAmount: CurrencyAmount(amount: Decimal(string: "10.005") ?? 0, currency: .eur))
        let error = expectRefusal(.invalidAmount, in: ledger) {
            _ = try ledger.enterPayments([tooPrecise], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
    }

    @Test func amountExceedsBalance() throws {
        let ledger = try ledgerWithBooking()
        // 691.20 of 3456.00 is covered: 2764.80 is the most.
        let error = expectRefusal(.amountExceedsBalance, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("BAL", cents: 2764_81)], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
        // Two payments that fit one by one but not together.
        expectRefusal(.amountExceedsBalance, in: ledger) {
            _ = try ledger.enterPayments(
                [Kit.agencyPayment("P1", cents: 2000_00), Kit.agencyPayment("P2", cents: 764_81)],
                bookingId: "SRT-2026-004711")
        }
        // The exact rest is accepted.
        try ledger.enterPayments([Kit.agencyPayment("BAL", cents: 2764_80)], bookingId: "SRT-2026-004711")
        #expect(try #require(ledger.booking("SRT-2026-004711")).uncoveredAmount == Kit.eur(0))
    }

    @Test func paymentIdentifierReused() throws {
        let ledger = try ledgerWithBooking()
        let error = expectRefusal(.paymentIdentifierReused, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 500_00)], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "DEP")
        expectRefusal(.paymentIdentifierReused, in: ledger) {
            _ = try ledger.enterPayments(
                [Kit.agencyPayment("P1", cents: 10_00), Kit.agencyPayment("P1", cents: 10_00)],
                bookingId: "SRT-2026-004711")
        }
        // The same instruction again is no reuse: it is left unchanged.
        let events = ledger.eventCount
        let same = try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: "SRT-2026-004711")
        #expect(same.entered.isEmpty)
        #expect(same.unchanged == ["DEP"])
        #expect(ledger.eventCount == events)
    }

    @Test func paymentInProgress() async throws {
        let ledger = try ledgerWithBooking()
        let card = try Kit.cardPayment("BAL", cents: 2764_80)
        // The gateway's answer is lost: the payment stays in flight.
        let gateway = ScriptedGateway { _ in throw SimulatedGatewayError(message: "timeout") }
        let result = try await ledger.processPayments(
            [card], bookingId: "SRT-2026-004711", gateway: gateway, vouchers: SimulatedVoucherValidator())
        #expect(result.inFlight == ["BAL"])
        let other = try Kit.cardPayment("BAL", cents: 100_00)
        let error = expectRefusal(.paymentInProgress, in: ledger) {
            _ = try ledger.enterPayments([other], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "BAL")
        expectRefusal(.paymentInProgress, in: ledger) { _ = try ledger.settlePayment("BAL", of: "SRT-2026-004711") }
        expectRefusal(.paymentInProgress, in: ledger) {
            _ = try ledger.failPayment("BAL", of: "SRT-2026-004711", reason: "x")
        }
        // A reconciliation resolves it: the gateway never saw a completed attempt.
        let report = try await ledger.reconcile(gateway: gateway, vouchers: SimulatedVoucherValidator())
        #expect(report.resolved.count == 1)
        #expect(ledger.booking("SRT-2026-004711")?.payment("BAL")?.status == .failed)
    }

    @Test func unknownPayment() throws {
        let ledger = try ledgerWithBooking()
        let error = expectRefusal(.unknownPayment, in: ledger) {
            _ = try ledger.settlePayment("NOPE", of: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "NOPE")
        #expect(error?.bookingId == "SRT-2026-004711")
        expectRefusal(.unknownPayment, in: ledger) {
            _ = try ledger.recordAgencySettlement(["DEP", "NOPE"], of: "SRT-2026-004711", reference: "X")
        }
        expectRefusal(.unknownPayment, in: ledger) { _ = try ledger.reopenPayment("NOPE", of: "SRT-2026-004711") }
    }

    @Test func invalidStatusTransition() throws {
        let ledger = try ledgerWithBooking()
        // Recorded → Confirmed skips Settled.
        let error = expectRefusal(.invalidStatusTransition, in: ledger) {
            _ = try ledger.confirmPayment("DEP", of: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "DEP")
        expectRefusal(.invalidStatusTransition, in: ledger) {
            _ = try ledger.reopenPayment("DEP", of: "SRT-2026-004711")
        }
        try ledger.settlePayment("DEP", of: "SRT-2026-004711")
        try ledger.confirmPayment("DEP", of: "SRT-2026-004711")
        // Confirmed is final.
        for operation in [
            { () throws in _ = try ledger.failPayment("DEP", of: "SRT-2026-004711", reason: "x") },
            { () throws in _ = try ledger.settlePayment("DEP", of: "SRT-2026-004711") },
            { () throws in _ = try ledger.confirmPayment("DEP", of: "SRT-2026-004711") },
            { () throws in _ = try ledger.reopenPayment("DEP", of: "SRT-2026-004711") },
            { () throws in
                _ = try ledger.recordAgencySettlement(["DEP"], of: "SRT-2026-004711", reference: "X")
            },
        ] {
            expectRefusal(.invalidStatusTransition, in: ledger, operation)
        }
    }

    @Test func voucherRejected() async throws {
        let ledger = try ledgerWithBooking()
        let voucher = Kit.voucherPayment("V1", cents: 100_00, code: "NOT-A-VOUCHER")
        let card = try Kit.cardPayment("BAL", cents: 100_00)
        let gateway = ScriptedGateway()
        let bookings = ledger.bookings
        let events = ledger.eventCount
        // The voucher is checked before the card is charged: nothing is charged or stored.
        do {
            _ = try await ledger.processPayments(
                [card, voucher], bookingId: "SRT-2026-004711", gateway: gateway, vouchers: SimulatedVoucherValidator())
            Issue.record("the request was not refused")
        } catch {
            #expect(error.code == .voucherRejected)
            #expect(error.paymentId == "V1")
        }
        #expect(gateway.requests.isEmpty)
        #expect(ledger.bookings == bookings)
        #expect(ledger.eventCount == events)
        // Recording an outcome decided elsewhere refuses a rejected voucher the same way.
        expectRefusal(.voucherRejected, in: ledger) {
            _ = try ledger.enterPayments(
                [voucher], bookingId: "SRT-2026-004711", outcomes: ["V1": .rejected(reason: "unknown voucher")])
        }
        let valid = Kit.voucherPayment("V1", cents: 100_00, code: "TRAVEL-100")
        let redeemed = try ledger.enterPayments(
            [valid], bookingId: "SRT-2026-004711",
            outcomes: ["V1": .settled(transactionReference: "VOUCHER-TRAVEL-100", authorizationCode: nil)])
        #expect(redeemed.entered == ["V1"])
        #expect(try #require(ledger.booking("SRT-2026-004711")?.payment("V1")).status == .settled)

        // Through the handler, with the simulated validator.
        let request = PaymentRequest(
            version: "1.0", bookingId: "SRT-2026-004711",
            payments: PaymentsRequest(payments: [Kit.voucherPayment("V2", cents: 100_00, code: "UNKNOWN-VOUCHER")]))
        let detail = await expectHandlerRefusal(.voucherRejected, message: .paymentRequest(request), in: ledger)
        #expect(detail?.reference == "V2")
    }

    @Test func unsupportedPaymentType() throws {
        let ledger = try ledgerWithBooking()
        let strange = Payment(
            identifier: "X1", collection: .tourOperator, paymentScope: .balance, paymentAmount: Kit.eur(100_00),
            specialisation: .unknown(
                type: XMLQualifiedName(namespace: "urn:example:other", localName: "CryptoPaymentType"),
                extraElements: []))
        let error = expectRefusal(.unsupportedPaymentType, in: ledger) {
            _ = try ledger.enterPayments([strange], bookingId: "SRT-2026-004711")
        }
        #expect(error?.paymentId == "X1")
    }

    @Test func notAgencyCollected() throws {
        let ledger = try ledgerWithBooking()
        try ledger.enterPayments([Kit.invoicePayment("BAL", cents: 2764_80)], bookingId: "SRT-2026-004711")
        let error = expectRefusal(.notAgencyCollected, in: ledger) {
            _ = try ledger.recordAgencySettlement(["DEP", "BAL"], of: "SRT-2026-004711", reference: "AGY-1")
        }
        #expect(error?.paymentId == "BAL")
        // All or none: the deposit, which could be settled, was not.
        #expect(try #require(ledger.booking("SRT-2026-004711")?.payment("DEP")).status == .recorded)
    }

    @Test func journalFailure() throws {
        let journal = SwitchableFailingJournal()
        let ledger = try ledgerWithBooking(journal: journal)
        #expect(journal.recordCount == ledger.eventCount)
        journal.failing = true

        let error = expectRefusal(.journalFailure, in: ledger) {
            _ = try ledger.enterPayments([Kit.agencyPayment("BAL", cents: 100_00)], bookingId: "SRT-2026-004711")
        }
        #expect(error?.journalError?.code == .ioError)
        #expect(error?.bookingId == "SRT-2026-004711")
        expectRefusal(.journalFailure, in: ledger) { _ = try ledger.createBooking(try Kit.draft(id: "SRT-OTHER")) }
        expectRefusal(.journalFailure, in: ledger) { _ = try ledger.settlePayment("DEP", of: "SRT-2026-004711") }
        expectRefusal(.journalFailure, in: ledger) { _ = try ledger.cancelBooking("SRT-2026-004711") }
        expectRefusal(.journalFailure, in: ledger) {
            _ = try ledger.modifyBooking("SRT-2026-004711", totalPrice: Kit.eur(4000_00))
        }
        // A payment the journal refuses is not entered.
        let card = try Kit.cardPayment("BAL", cents: 100_00)
        expectRefusal(.journalFailure, in: ledger) {
            _ = try ledger.enterPayments(
                [card], bookingId: "SRT-2026-004711",
                outcomes: ["BAL": .settled(transactionReference: "T1", authorizationCode: nil)])
        }
        #expect(ledger.booking("SRT-OTHER") == nil)

        journal.failing = false
        let result = try ledger.enterPayments(
            [card], bookingId: "SRT-2026-004711",
            outcomes: ["BAL": .settled(transactionReference: "T1", authorizationCode: nil)])
        #expect(result.entered == ["BAL"])
        #expect(journal.recordCount == ledger.eventCount)

        // A journal that cannot be replayed refuses to make a ledger.
        journal.failingReplay = true
        let configuration = LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
        do {
            _ = try Ledger(configuration: configuration, journal: journal)
            Issue.record("a ledger was made from a journal that cannot be replayed")
        } catch {
            #expect(error.code == .journalFailure)
            #expect(error.journalError?.code == .ioError)
        }
    }

    @Test func paymentsNotAllowed() async throws {
        let ledger = try ledgerWithBooking()
        for trigger in [RequestTrigger.retrieve, .modify, .cancel] {
            let request = BookingRequest(
                version: "1.0", agencyInformation: AgencyInformation(agency: "123456", agentId: 17),
                requestTrigger: trigger, bookingId: "SRT-2026-004711",
                payments: PaymentsRequest(payments: [Kit.agencyPayment("BAL", cents: 100_00, scope: .balance)]))
            let detail = await expectHandlerRefusal(.paymentsNotAllowed, message: .bookingRequest(request), in: ledger)
            #expect(detail?.reference == "SRT-2026-004711")
        }
        #expect(try #require(ledger.booking("SRT-2026-004711")).state == .booked)
    }

    @Test func notARequest() async throws {
        let ledger = try ledgerWithBooking()
        let responseBytes = try TestSupport.data("Examples/messages/payment-response.xml")
        await expectHandlerRefusal(.notARequest, in: ledger, outcome: .invalid) { handler in
            await handler.handle(responseBytes)
        }
        let envelopeBytes = try TestSupport.data("Examples/messages/envelope-response.xml")
        await expectHandlerRefusal(.notARequest, in: ledger, outcome: .invalid) { handler in
            await handler.handle(envelopeBytes)
        }
    }

    @Test func invalidConfiguration() throws {
        for percentage in [Decimal(-5), Decimal(100.5)] {
            do {
                _ = try Ledger(configuration: LedgerConfiguration(cancellationChargePercentage: percentage))
                Issue.record("a cancellation charge of \(percentage) % was accepted")
            } catch {
                #expect(error.code == .invalidConfiguration)
                #expect(error.message.contains("cancellationChargePercentage"))
            }
        }
        do {
            _ = try Ledger(configuration: LedgerConfiguration(paymentTerms: PaymentTermsPolicy(depositPercentage: 120)))
            Issue.record("a deposit of 120 % was accepted")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("paymentTerms"))
        }
        #expect(throws: Never.self) {
            _ = try Ledger(configuration: LedgerConfiguration(cancellationChargePercentage: 100))
        }
    }

    /// A booking made through the direct API with a name XML cannot carry: cancelling it through
    /// the handler is applied, and the answer says so instead of claiming the input was invalid.
    @Test func responseNotEncodable() async throws {
        let ledger = try makeLedger()
        var draft = try Kit.draft(id: "SRT-BAD")
        draft.travellers[0].surname = "Muster\u{1}mann"
        try ledger.createBooking(draft)
        let request = BookingRequest(version: "1.0", requestTrigger: .cancel, bookingId: "SRT-BAD")
        let handled = await StringMessageHandler(ledger: ledger).handle(.bookingRequest(request))
        #expect(handled.outcome == .applied)
        #expect(ledger.booking("SRT-BAD")?.state == .cancelled)
        guard case .errorResponse(let response) = handled.response else {
            Issue.record("expected an ErrorResponse, got \(handled.response.kind)")
            return
        }
        let detail = try #require(response.errors.errorDetails.first)
        #expect(detail.code == LedgerError.Code.responseNotEncodable.rawValue)
        #expect(detail.text.hasPrefix("the request was applied"))
        #expect(!handled.responseData.isEmpty)
    }

    @Test func invalidBookingDetails() throws {
        let ledger = try ledgerWithBooking()
        let error = expectRefusal(.invalidBookingDetails, in: ledger) {
            try ledger.updateBookingDetails(BookingDetailsChange(bookingId: "SRT-2026-004711", account: "17\u{0}00"))
        }
        #expect(error?.message.contains("account") == true)
        expectRefusal(.invalidBookingDetails, in: ledger) { try ledger.addComment(" ", to: "SRT-2026-004711") }
    }

    /// A ledger whose booking `B1` holds 300.00 EUR more than it costs.
    private func overpaidLedger(released: Bool, financed: Bool = false) throws -> Ledger {
        let ledger = try makeLedger()
        try RefundTests.overpaid(ledger, released: released, financed: financed)
        return ledger
    }

    @Test func notReleased() throws {
        let ledger = try overpaidLedger(released: false)
        expectRefusal(.notReleased, in: ledger) { try ledger.requestRefund(RefundTests.bankTransfer(1_00), for: "B1") }
    }

    @Test func bookingFinanced() throws {
        let ledger = try overpaidLedger(released: true, financed: true)
        expectRefusal(.bookingFinanced, in: ledger) {
            try ledger.requestRefund(RefundTests.bankTransfer(1_00), for: "B1")
        }
    }

    @Test func refundExceedsBalance() throws {
        let ledger = try overpaidLedger(released: true)
        expectRefusal(.refundExceedsBalance, in: ledger) {
            try ledger.requestRefund(RefundTests.bankTransfer(300_01), for: "B1")
        }
    }

    @Test func unknownRefund() throws {
        let ledger = try overpaidLedger(released: true)
        expectRefusal(.unknownRefund, in: ledger) { try ledger.completeRefund("R9", of: "B1") }
    }

    @Test func refundNotPossible() throws {
        let ledger = try overpaidLedger(released: true)
        expectRefusal(.refundNotPossible, in: ledger) {
            try ledger.requestRefund(
                RefundRequest(amount: Kit.eur(1_00), method: .card(paymentId: "ALL")), for: "B1")
        }
    }

    // MARK: Autopay

    @Test func unknownCard() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.unknownCard, in: ledger) { try ledger.removeCard("C1", of: "SRT-2026-004711") }
        expectRefusal(.unknownCard, in: ledger) {
            try ledger.approveScheduledPayments("SRT-2026-004711", scheduleIds: ["BAL"], cardId: "C7")
        }
    }

    @Test func unknownScheduledPayment() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.unknownScheduledPayment, in: ledger) {
            try ledger.approveScheduledPayments("SRT-2026-004711", scheduleIds: ["INT9"])
        }
    }

    @Test func unknownMandate() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.unknownMandate, in: ledger) { try ledger.revokeMandate("M1", of: "SRT-2026-004711") }
    }

    @Test func notApproved() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.notApproved, in: ledger) { try ledger.withdrawApproval("BAL", of: "SRT-2026-004711") }
    }

    @Test func invalidAutopayData() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.invalidAutopayData, in: ledger) { try ledger.addMemo("", to: "SRT-2026-004711") }
        expectRefusal(.invalidAutopayData, in: ledger) {
            try ledger.addMemo(String(repeating: "x", count: BookingMemo.maximumTextLength + 1), to: "SRT-2026-004711")
        }
    }

    @Test func invalidGDSRecord() throws {
        let ledger = try ledgerWithBooking()
        var details = try GDSRecordTests.flight()
        details.pnr = "K7Q"
        let error = expectRefusal(.invalidGDSRecord, in: ledger) {
            try ledger.addGDSRecord(details, to: "SRT-2026-004711")
        }
        #expect(error?.message.contains("PNR") == true)
    }

    @Test func unknownGDSRecord() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.unknownGDSRecord, in: ledger) {
            try ledger.editGDSRecord("F1", of: "SRT-2026-004711", try GDSRecordTests.flight())
        }
    }
}

extension LedgerErrorCodeTests {
    @Test func invalidPortalToken() throws {
        let ledger = try ledgerWithBooking()
        expectRefusal(.invalidPortalToken, in: ledger) {
            _ = try ledger.issuePortalToken(for: "SRT-2026-004711", validFor: 31 * 86_400)
        }
    }

    @Test func unknownPortalToken() throws {
        let ledger = try ledgerWithBooking()
        _ = try ledger.issuePortalToken(for: "SRT-2026-004711")
        expectRefusal(.unknownPortalToken, in: ledger) {
            try ledger.redeemPortalToken(String(repeating: "A", count: 43))
        }
    }

    @Test func portalTokenExpired() throws {
        let clock = PortalTokenTests.SteppingClock(PortalTokenTests.start)
        let ledger = try PortalTokenTests.makeLedger(clock: clock)
        let token = try ledger.issuePortalToken(for: "B1", validFor: 60)
        clock.advance(by: 60)
        expectRefusal(.portalTokenExpired, in: ledger) { try ledger.redeemPortalToken(token.text) }
    }

    @Test func portalTokenUsed() throws {
        let ledger = try ledgerWithBooking()
        let token = try ledger.issuePortalToken(for: "SRT-2026-004711")
        try ledger.redeemPortalToken(token.text)
        expectRefusal(.portalTokenUsed, in: ledger) { try ledger.redeemPortalToken(token.text) }
    }
}

/// A journal that keeps records in memory and refuses appends (or replays) while told to.
final class SwitchableFailingJournal: LedgerJournal, Sendable {
    private struct State {
        var records: [Data] = []
        var failing = false
        var failingReplay = false
    }

    private let state = Mutex(State())

    var failing: Bool {
        get { state.withLock { $0.failing } }
        set { state.withLock { $0.failing = newValue } }
    }

    var failingReplay: Bool {
        get { state.withLock { $0.failingReplay } }
        set { state.withLock { $0.failingReplay = newValue } }
    }

    var recordCount: Int { state.withLock { $0.records.count } }

    func append(_ records: [Data]) throws(LedgerJournalError) {
        try state.withLock { state throws(LedgerJournalError) in
            if state.failing {
                throw LedgerJournalError(code: .ioError, message: "simulated: disk full")
            }
            state.records.append(contentsOf: records)
        }
    }

    func replay() throws(LedgerJournalError) -> [Data] {
        try state.withLock { state throws(LedgerJournalError) in
            if state.failingReplay {
                throw LedgerJournalError(code: .ioError, message: "simulated: read error")
            }
            return state.records
        }
    }

    func close() {}
}
