import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

/// The message handler end to end: request bytes in, response bytes out, against a ledger.
@Suite("String message handler")
struct MessageHandlerTests {
    typealias Kit = LedgerTestKit

    /// The booking identifier the lifecycle examples use; replaced by the one the ledger generates.
    static let exampleBookingId = "SRT-2026-004711"
    static let fixedNow = Date(timeIntervalSince1970: 1_795_430_142)
    /// The end of `BookingDetails` followed by the lifecycle booking's price, for the quote example.
    static let pricesElement = """
        </BookingDetails>
          <Prices>
            <TotalPrice>
              <Amount>3456.00</Amount>
              <Currency>EUR</Currency>
            </TotalPrice>
          </Prices>
        """

    struct Harness {
        let clock: AdjustableLedgerClock
        let ledger: Ledger
        let handler: StringMessageHandler

        func send(_ data: Data) async -> HandledMessage { await handler.handle(data) }
    }

    private func makeHarness(
        answersBookWithPaymentResponse: Bool = false, gateway: any PaymentGateway = SimulatedPaymentGateway(),
        envelopeVersion: String = "1.0"
    ) throws -> Harness {
        let clock = AdjustableLedgerClock(try Kit.date(Kit.bookingDayText))
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: clock, bookingReferenceSeed: 4711))
        let handler = StringMessageHandler(
            ledger: ledger, gateway: gateway,
            configuration: StringMessageHandler.Configuration(
                envelopeVersion: envelopeVersion, answersBookWithPaymentResponse: answersBookWithPaymentResponse,
                now: { MessageHandlerTests.fixedNow }))
        return Harness(clock: clock, ledger: ledger, handler: handler)
    }

    // MARK: Helpers

    /// An example file's bytes with its booking identifier and any other text replaced.
    private func example(
        _ path: String, bookingId: Identifier? = nil, replacing: [(String, String)] = []
    ) throws -> Data {
        var text = String(decoding: try TestSupport.data(path), as: UTF8.self)
        if let bookingId {
            text = text.replacingOccurrences(of: Self.exampleBookingId, with: bookingId.value)
        }
        for (old, new) in replacing {
            #expect(text.contains(old), "\(path) has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return Data(text.utf8)
    }

    private func decodedExample(_ path: String) throws -> StringMessage {
        try StringMessage.decode(from: try TestSupport.data(path))
    }

    private func exampleOverview(_ path: String) throws -> PaymentOverview {
        switch try decodedExample(path) {
        case .paymentResponse(let response): return try #require(response.paymentOverview)
        case .bookingResponse(let response): return try #require(response.paymentOverview)
        default:
            Issue.record("\(path) has no overview")
            throw CancellationError()
        }
    }

    private func paymentResponse(
        _ handled: HandledMessage, sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> PaymentResponse
    {
        guard case .paymentResponse(let response) = handled.response else {
            Issue.record("expected a PaymentResponse, got \(handled.response.kind)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return response
    }

    private func bookingResponse(
        _ handled: HandledMessage, sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> BookingResponse
    {
        guard case .bookingResponse(let response) = handled.response else {
            Issue.record("expected a BookingResponse, got \(handled.response.kind)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return response
    }

    private func payment(_ id: Identifier, in payments: PaymentsResponse?) throws -> Payment {
        try #require(payments?.payments.first { $0.identifier == id }, "no payment \(id)")
    }

    /// The response bytes are valid STRING (schema and semantic rules) and carry no secret.
    private func expectValidAndSecretFree(
        _ handled: HandledMessage, today: XMLDate, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let report = try StringMessageValidator(today: today).validate(handled.responseData)
        #expect(report.isValid, "response is not valid STRING: \(report.issues)", sourceLocation: sourceLocation)
        #expect(
            report.message == handled.response, "the bytes decode to another response", sourceLocation: sourceLocation)
        let text = String(decoding: handled.responseData, as: UTF8.self)
        for secret in [
            Kit.goodCard, Kit.declinedCard, "41111111111111112222", "4111111111111112", "<SecurityCode",
            ">\(Kit.securityCode)<", ">123<",
        ] {
            #expect(!text.contains(secret), "the response contains \(secret)", sourceLocation: sourceLocation)
        }
    }

    /// The money figures of two overviews, NextDue by scope and amount.
    private func expectSameFigures(
        _ actual: PaymentOverview?, _ expected: PaymentOverview, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(actual?.totalPrice == expected.totalPrice, sourceLocation: sourceLocation)
        #expect(actual?.totalFees == expected.totalFees, sourceLocation: sourceLocation)
        #expect(actual?.paidAmount == expected.paidAmount, sourceLocation: sourceLocation)
        #expect(actual?.settledAmount == expected.settledAmount, sourceLocation: sourceLocation)
        #expect(actual?.openAmount == expected.openAmount, sourceLocation: sourceLocation)
        #expect(actual?.overdueAmount == expected.overdueAmount, sourceLocation: sourceLocation)
        #expect(actual?.nextDue?.paymentScope == expected.nextDue?.paymentScope, sourceLocation: sourceLocation)
        #expect(actual?.nextDue?.amount == expected.nextDue?.amount, sourceLocation: sourceLocation)
    }

    /// Books the lifecycle booking (step 02) and returns its generated identifier.
    private func book(_ harness: Harness) async throws -> Identifier {
        let handled = await harness.send(try example("Examples/lifecycle/02-book-request.xml"))
        #expect(handled.outcome == .applied)
        return try #require(try bookingResponse(handled).bookingId)
    }

    // MARK: The lifecycle examples

    @Test func lifecycleExamplesWithDeclinedCardThenAgencyPayment() async throws {
        let harness = try makeHarness()
        let ledger = harness.ledger

        // 01 Quote as the example sends it: without Prices the ledger cannot price it.
        let unpriced = await harness.send(try example("Examples/lifecycle/01-quote-request.xml"))
        #expect(unpriced.outcome == .rejected)
        #expect(try bookingResponse(unpriced).errors?.errorDetails.map(\.code) == ["booking-data-required"])
        #expect(try bookingResponse(unpriced).bookingState == .quoted)
        try expectValidAndSecretFree(unpriced, today: ledger.today)

        // 01 Quote with the price: answered, nothing stored.
        let quote = await harness.send(
            try example(
                "Examples/lifecycle/01-quote-request.xml", replacing: [("</BookingDetails>", Self.pricesElement)]))
        #expect(quote.outcome == .unchanged)
        let quoted = try bookingResponse(quote)
        #expect(quoted.bookingState == .quoted)
        #expect(quoted.bookingId == nil)
        #expect(quoted.version == "1.0")
        #expect(quoted.services != nil)
        #expect(quoted.payments?.payments.map(\.identifier) == ["DEP", "BAL"])
        #expect(quoted.payments?.payments.map(\.paymentAmount) == [Kit.eur(691_20), Kit.eur(2764_80)])
        #expect(quoted.payments?.payments.map(\.status) == [.open, .open])
        #expect(
            quoted.payments?.payments.map { $0.dates?.dueDate } == [
                try Kit.date("2026-11-30"), try Kit.date("2027-05-15"),
            ])
        expectSameFigures(quoted.paymentOverview, try exampleOverview("Examples/lifecycle/01-quote-response.xml"))
        #expect(ledger.bookingCount == 0)
        #expect(ledger.eventCount == 0)
        try expectValidAndSecretFree(quote, today: ledger.today)

        // 02 Book with the deposit paid at the agency.
        let bookHandled = await harness.send(try example("Examples/lifecycle/02-book-request.xml"))
        #expect(bookHandled.outcome == .applied)
        let booked = try bookingResponse(bookHandled)
        #expect(booked.bookingState == .booked)
        let id = try #require(booked.bookingId)
        #expect(BookingReference(id.value) != nil)
        #expect(ledger.booking(id) != nil)
        let deposit = try payment("DEP", in: booked.payments)
        #expect(deposit.status == .recorded)
        #expect(deposit.collection == .agency)
        #expect(deposit.dates?.entryDate == (try Kit.date("2026-11-23")))
        let expectedBalance = try payment("BAL", in: booked.payments)
        #expect(expectedBalance.status == .open)
        #expect(expectedBalance.formOfPayment == nil)
        #expect(expectedBalance.paymentAmount == Kit.eur(2764_80))
        expectSameFigures(booked.paymentOverview, try exampleOverview("Examples/lifecycle/02-book-response.xml"))
        try expectValidAndSecretFree(bookHandled, today: ledger.today)

        // The agency passes the deposit on.
        harness.clock.set(try Kit.date("2026-12-04"))
        try ledger.recordAgencySettlement(["DEP"], of: id, reference: "AGY-SETTLEMENT-2026-12")

        // 03 Balance by card, but the card is declined.
        harness.clock.set(try Kit.date("2027-04-20"))
        let declined = await harness.send(
            try example(
                "Examples/lifecycle/03-balance-request.xml", bookingId: id,
                replacing: [(Kit.goodCard, Kit.declinedCard)]))
        #expect(declined.outcome == .applied)
        let declinedResponse = try paymentResponse(declined)
        #expect(declinedResponse.bookingId == id)
        #expect(declinedResponse.errors == nil)
        let failedBalance = try payment("BAL", in: declinedResponse.payments)
        #expect(failedBalance.status == .failed)
        #expect(failedBalance.paymentDetails?.failureReason == "card declined")
        #expect(failedBalance.paymentDetails?.fee == Kit.eur(41_47))
        #expect(try payment("DEP", in: declinedResponse.payments).status == .settled)
        expectSameFigures(
            declinedResponse.paymentOverview, try exampleOverview("Examples/lifecycle/03-balance-response.xml"))
        try expectValidAndSecretFree(declined, today: ledger.today)

        // 04 Retrieve the day after the balance was due: failed and overdue.
        harness.clock.set(try Kit.date("2027-05-16"))
        let eventsBeforeRetrieve = ledger.eventCount
        let retrieved = await harness.send(try example("Examples/lifecycle/04-failed-card-request.xml", bookingId: id))
        #expect(retrieved.outcome == .unchanged)
        #expect(ledger.eventCount == eventsBeforeRetrieve)
        let retrievedResponse = try bookingResponse(retrieved)
        #expect(retrievedResponse.bookingId == id)
        #expect(retrievedResponse.bookingState == .booked)
        #expect(try payment("BAL", in: retrievedResponse.payments).status == .failed)
        expectSameFigures(
            retrievedResponse.paymentOverview, try exampleOverview("Examples/lifecycle/04-failed-card-response.xml"))
        #expect(retrievedResponse.paymentOverview?.overdueAmount == Kit.eur(2764_80))
        try expectValidAndSecretFree(retrieved, today: ledger.today)

        // 05 The customer pays the balance at the agency instead: the failed BAL is entered anew.
        let recorded = await harness.send(
            try example("Examples/lifecycle/05-agency-recorded-request.xml", bookingId: id))
        #expect(recorded.outcome == .applied)
        let recordedResponse = try paymentResponse(recorded)
        let agencyBalance = try payment("BAL", in: recordedResponse.payments)
        #expect(agencyBalance.status == .recorded)
        #expect(agencyBalance.collection == .agency)
        #expect(agencyBalance.paymentDetails?.failureReason == nil)
        #expect(agencyBalance.dates?.entryDate == (try Kit.date("2027-05-16")))
        #expect(recordedResponse.payments.payments.count == 2)
        #expect(
            recordedResponse.paymentOverview
                == (try exampleOverview("Examples/lifecycle/05-agency-recorded-response.xml")))
        try expectValidAndSecretFree(recorded, today: ledger.today)

        // The tour operator receives the balance and confirms the deposit.
        harness.clock.set(try Kit.date("2027-05-21"))
        try ledger.recordAgencySettlement(["BAL"], of: id, reference: "AGY-SETTLEMENT-2027-05")
        try ledger.confirmPayment("DEP", of: id)

        // 06 Retrieve a few days later: all paid.
        harness.clock.set(try Kit.date("2027-05-24"))
        let final = await harness.send(try example("Examples/lifecycle/06-balance-settled-request.xml", bookingId: id))
        #expect(final.outcome == .unchanged)
        let finalResponse = try bookingResponse(final)
        #expect(try payment("DEP", in: finalResponse.payments).status == .confirmed)
        let settledBalance = try payment("BAL", in: finalResponse.payments)
        #expect(settledBalance.status == .settled)
        #expect(settledBalance.dates?.settlementDate == (try Kit.date("2027-05-21")))
        #expect(
            finalResponse.paymentOverview == (try exampleOverview("Examples/lifecycle/06-balance-settled-response.xml"))
        )
        try expectValidAndSecretFree(final, today: ledger.today)
    }

    @Test func balanceByCardIsChargedWithItsFeeAndSettled() async throws {
        let gateway = RecordingGateway()
        let harness = try makeHarness(gateway: gateway)
        let id = try await book(harness)
        harness.clock.set(try Kit.date("2027-04-20"))

        let handled = await harness.send(try example("Examples/lifecycle/03-balance-request.xml", bookingId: id))
        #expect(handled.outcome == .applied)
        let response = try paymentResponse(handled)
        let balance = try payment("BAL", in: response.payments)
        #expect(balance.status == .settled)
        #expect(balance.paymentDetails?.fee == Kit.eur(41_47))
        #expect(balance.paymentDetails?.transactionReference == "SIM-\(id)-BAL")
        #expect(balance.paymentDetails?.authorizationCode?.count == 6)
        #expect(balance.dates?.settlementDate == (try Kit.date("2027-04-20")))
        guard case .creditCard(let card) = balance.specialisation else {
            Issue.record("the response lost the card details")
            return
        }
        #expect(card.creditCard?.cardNumber == nil)
        #expect(card.creditCard?.securityCode == nil)
        #expect(card.creditCard?.maskedCardNumber == "411111******1111")
        #expect(card.pciBin == "411111")
        let overview = try #require(response.paymentOverview)
        #expect(overview.totalFees == Kit.eur(41_47))
        #expect(overview.paidAmount == Kit.eur(3497_47))
        #expect(overview.settledAmount == Kit.eur(2806_27))
        #expect(overview.openAmount == Kit.signedEUR(0))
        #expect(overview.nextDue == nil)
        try expectValidAndSecretFree(handled, today: harness.ledger.today)

        // The gateway saw the card and was asked for amount plus fee.
        let requests = gateway.requests
        #expect(requests.count == 1)
        #expect(requests.first?.chargeAmount == Kit.eur(2806_27))
        #expect(requests.first?.bookingId == id)
        if case .creditCard(let sent)? = requests.first?.payment.specialisation {
            #expect(sent.creditCard?.cardNumber?.xmlLexicalForm == Kit.goodCard)
        } else {
            Issue.record("the gateway got no card")
        }
        #expect(!(requests.first?.description.contains(Kit.goodCard) ?? true))
    }

    // MARK: Booking requests

    @Test func bookIsAnsweredWithAPaymentResponseWhenConfigured() async throws {
        let harness = try makeHarness(answersBookWithPaymentResponse: true)
        let handled = await harness.send(try example("Examples/lifecycle/02-book-request.xml"))
        #expect(handled.outcome == .applied)
        let response = try paymentResponse(handled)
        #expect(harness.ledger.booking(response.bookingId) != nil)
        #expect(try payment("DEP", in: response.payments).status == .recorded)
        #expect(response.paymentOverview?.paidAmount == Kit.eur(691_20))
        #expect(response.paymentOverview?.openAmount == Kit.signedEUR(2764_80))
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    @Test func anAssignedBankTransferIsAPaymentOfTheRetrievedBooking() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let transfer = BankStatementEntry(
            bankReference: "2026112300012345", bankReferenceSource: .entryServicerReference,
            valueDate: try Kit.date("2026-11-23"), bookingDate: try Kit.date("2026-11-23"), amount: Kit.eur(500_00),
            creditDebit: .credit, remittanceLines: ["Anzahlung"])
        try harness.ledger.importBankStatement(
            BankStatement(
                kind: .statement, version: nil, decodedAs: nil, isBestEffort: false, messageIdentification: nil,
                identification: "S1", creationDateTime: nil, accountIBAN: nil, accountCurrency: .eur,
                entries: [transfer]))
        try harness.ledger.assignUnregisteredPayment("2026112300012345", to: id)
        let retrieved = await harness.send(try example("Examples/lifecycle/04-failed-card-request.xml", bookingId: id))
        let response = try bookingResponse(retrieved)
        let payment = try payment("BT1", in: response.payments)
        #expect(payment.status == .settled)
        #expect(payment.formOfPayment == .invoice)
        #expect(payment.paymentAmount == Kit.eur(500_00))
        #expect(payment.collection == .tourOperator)
        #expect(response.paymentOverview?.settledAmount == Kit.eur(500_00))
        try expectValidAndSecretFree(retrieved, today: harness.ledger.today)
    }

    @Test func retrieveOfAnUnknownBookingIsRejected() async throws {
        let harness = try makeHarness()
        let handled = await harness.send(
            try example("Examples/lifecycle/04-failed-card-request.xml", bookingId: "SRT-NO-SUCH-BOOKING"))
        #expect(handled.outcome == .rejected)
        let response = try bookingResponse(handled)
        #expect(response.errors?.errorDetails.map(\.code) == ["unknown-booking"])
        #expect(response.errors?.errorDetails.first?.reference == "SRT-NO-SUCH-BOOKING")
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    @Test func modifyChangesThePriceAndRecomputesTheSchedule() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let request = """
            <?xml version="1.0" encoding="UTF-8"?>
            <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
              <RequestTrigger>Modify</RequestTrigger>
              <BookingId>\(id)</BookingId>
              <Prices>
                <TotalPrice>
                  <Amount>4000.00</Amount>
                  <Currency>EUR</Currency>
                </TotalPrice>
              </Prices>
            </BookingRequest>
            """
        let eventsBefore = harness.ledger.eventCount
        let travellersBefore = try #require(harness.ledger.booking(id)).travellers
        let handled = await harness.send(Data(request.utf8))
        #expect(handled.outcome == .applied)
        #expect(harness.ledger.eventCount > eventsBefore)
        let response = try bookingResponse(handled)
        #expect(response.errors == nil)
        #expect(response.prices?.totalPrice == Kit.eur(4000_00))
        let booking = try #require(harness.ledger.booking(id))
        #expect(
            Kit.lines(booking.schedule) == ["DEP Deposit 2026-11-30 800.00 EUR", "BAL Balance 2027-05-15 3200.00 EUR"])
        #expect(booking.travellers == travellersBefore)
        #expect(booking.travellers.count == 3)
        // The recorded deposit is kept; 108.80 of the new deposit and the balance remain.
        #expect(try payment("DEP", in: response.payments).status == .recorded)
        #expect(response.payments?.payments.map(\.identifier) == ["DEP", "BAL"])
        #expect(try payment("BAL", in: response.payments).paymentAmount == Kit.eur(3200_00))
        let overview = try #require(response.paymentOverview)
        #expect(overview.totalPrice == Kit.eur(4000_00))
        #expect(overview.paidAmount == Kit.eur(691_20))
        #expect(overview.openAmount == Kit.signedEUR(3308_80))
        #expect(
            overview.nextDue
                == NextDue(paymentScope: .deposit, dueDate: try Kit.date("2026-11-30"), amount: Kit.eur(108_80)))
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    @Test func cancelReportsTheRefundableAmount() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let request = """
            <?xml version="1.0" encoding="UTF-8"?>
            <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
              <RequestTrigger>Cancel</RequestTrigger>
              <BookingId>\(id)</BookingId>
            </BookingRequest>
            """
        let handled = await harness.send(Data(request.utf8))
        #expect(handled.outcome == .applied)
        let response = try bookingResponse(handled)
        #expect(response.bookingState == .cancelled)
        let information = try #require(response.informations?.informationDetails.first)
        #expect(information.code == "refundable")
        #expect(information.reference == id)
        #expect(information.text.contains("691.20 EUR"))
        #expect(response.paymentOverview?.openAmount == Kit.signedEUR(-691_20))
        #expect(response.paymentOverview?.paidAmount == Kit.eur(691_20))
        #expect(response.payments?.payments.map(\.identifier) == ["DEP"])
        #expect(harness.ledger.booking(id)?.state == .cancelled)
        try expectValidAndSecretFree(handled, today: harness.ledger.today)

        // The same Cancel again changes nothing ...
        let events = harness.ledger.eventCount
        let bookings = harness.ledger.bookings
        let again = await harness.send(Data(request.utf8))
        #expect(harness.ledger.eventCount == events)
        #expect(harness.ledger.bookings == bookings)
        let againResponse = try bookingResponse(again)
        #expect(againResponse.bookingState == .cancelled)
        // ... and, as HandlingMessages.md promises for any request sent again, is answered
        // byte-identically without error.
        do {
            #expect(again.outcome == .unchanged)
            #expect(againResponse.errors == nil)
            #expect(again.responseData == handled.responseData)
        }
    }

    // MARK: Envelopes

    @Test func envelopeRequestIsAnsweredInAnEnvelope() async throws {
        let harness = try makeHarness(envelopeVersion: "1.0")
        try harness.ledger.createBooking(try Kit.draft(id: "SRT-2026-005139", priceCents: 1320_00))
        let handled = await harness.send(try TestSupport.data("Examples/messages/envelope-request.xml"))
        #expect(handled.outcome == .applied)
        guard case .envelopeResponse(let envelope) = handled.response else {
            Issue.record("expected an envelope, got \(handled.response.kind)")
            return
        }
        #expect(envelope.stringResponse.version == "1.0")
        #expect(envelope.stringResponse.timeStamp == XMLDateTime(Self.fixedNow))
        guard case .paymentResponse(let response)? = envelope.stringResponse.content else {
            Issue.record(
                "the envelope carries no PaymentResponse: \(String(describing: envelope.stringResponse.content))")
            return
        }
        #expect(response.bookingId == "SRT-2026-005139")
        let deposit = try payment("DEP", in: response.payments)
        #expect(deposit.status == .settled)
        #expect(deposit.formOfPayment == .eBanking)
        #expect(response.paymentOverview?.settledAmount == Kit.eur(264_00))
        #expect(harness.ledger.booking("SRT-2026-005139")?.payment("DEP")?.status == .settled)
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    @Test func emptyEnvelopeIsAnsweredWithTheVersionOnly() async throws {
        let harness = try makeHarness(envelopeVersion: "2.1")
        let handled = await harness.send(try TestSupport.data("Examples/messages/envelope-versions-request.xml"))
        #expect(handled.outcome == .unchanged)
        guard case .envelopeResponse(let envelope) = handled.response else {
            Issue.record("expected an envelope, got \(handled.response.kind)")
            return
        }
        #expect(envelope.stringResponse.version == "2.1")
        #expect(envelope.stringResponse.content == nil)
        #expect(harness.ledger.eventCount == 0)
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    // MARK: Invalid input

    @Test(arguments: [
        "<PaymentRequest xmlns=\"http://string.drv.de/xmlschema/string\"><BookingId>X</BookingId>",
        "not xml at all",
        "",
        "<?xml version=\"1.0\"?><Unknown xmlns=\"urn:other\"/>",
    ])
    func malformedInputGetsAnErrorResponse(_ text: String) async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let bookings = harness.ledger.bookings
        let events = harness.ledger.eventCount
        let handled = await harness.send(Data(text.utf8))
        #expect(handled.outcome == .invalid)
        #expect(handled.request == nil)
        guard case .errorResponse(let response) = handled.response else {
            Issue.record("expected an ErrorResponse, got \(handled.response.kind)")
            return
        }
        #expect(!response.errors.errorDetails.isEmpty)
        #expect(harness.ledger.bookings == bookings)
        #expect(harness.ledger.eventCount == events)
        #expect(harness.ledger.booking(id) != nil)
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    @Test func schemaInvalidRequestGetsAnErrorResponseWithoutTheCardNumber() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let bookings = harness.ledger.bookings
        let events = harness.ledger.eventCount
        for replacement in [
            ("<PaymentScope>Balance</PaymentScope>", ""),
            ("<CardNumber>4111111111111111</CardNumber>", "<CardNumber>41111111111111112222</CardNumber>"),
        ] {
            let handled = await harness.send(
                try example("Examples/lifecycle/03-balance-request.xml", bookingId: id, replacing: [replacement]))
            #expect(handled.outcome == .invalid)
            guard case .errorResponse(let response) = handled.response else {
                Issue.record("expected an ErrorResponse, got \(handled.response.kind)")
                continue
            }
            #expect(!response.errors.errorDetails.isEmpty)
            try expectValidAndSecretFree(handled, today: harness.ledger.today)
        }
        #expect(harness.ledger.bookings == bookings)
        #expect(harness.ledger.eventCount == events)
    }

    @Test func semanticViolationsAreReportedInlineWithTheRuleCode() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        harness.clock.set(try Kit.date("2027-04-20"))
        let bookings = harness.ledger.bookings
        let events = harness.ledger.eventCount

        let expired = await harness.send(
            try example(
                "Examples/lifecycle/03-balance-request.xml", bookingId: id,
                replacing: [("<ExpiryDate>2037-08</ExpiryDate>", "<ExpiryDate>2020-01</ExpiryDate>")]))
        #expect(expired.outcome == .rejected)
        let expiredResponse = try paymentResponse(expired)
        #expect(expiredResponse.errors?.errorDetails.map(\.code) == ["card-expired"])
        #expect(expiredResponse.bookingId == id)
        try expectValidAndSecretFree(expired, today: harness.ledger.today)

        let badLuhn = await harness.send(
            try example(
                "Examples/lifecycle/03-balance-request.xml", bookingId: id,
                replacing: [(Kit.goodCard, "4111111111111112")]))
        #expect(badLuhn.outcome == .rejected)
        #expect(try paymentResponse(badLuhn).errors?.errorDetails.map(\.code) == ["invalid-card-number"])
        try expectValidAndSecretFree(badLuhn, today: harness.ledger.today)

        let badIBAN = await harness.send(
            try example(
                "Examples/messages/payment-request.xml",
                replacing: [
                    ("SRT-2026-005120", id.value),
                    ("<IBAN>DE89370400440532013000</IBAN>", "<IBAN>DE88370400440532013000</IBAN>"),
                ]))
        #expect(badIBAN.outcome == .rejected)
        let ibanCodes = try paymentResponse(badIBAN).errors?.errorDetails.map(\.code) ?? []
        #expect(!ibanCodes.isEmpty)
        #expect(ibanCodes.allSatisfy { $0 == "invalid-iban-checksum" }, "\(ibanCodes)")
        try expectValidAndSecretFree(badIBAN, today: harness.ledger.today)

        #expect(harness.ledger.bookings == bookings)
        #expect(harness.ledger.eventCount == events)
    }

    @Test func businessRejectionNamesThePayment() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let events = harness.ledger.eventCount
        let bookings = harness.ledger.bookings
        let handled = await harness.send(
            try example(
                "Examples/lifecycle/05-agency-recorded-request.xml", bookingId: id,
                replacing: [("<Amount>2764.80</Amount>", "<Amount>2764.81</Amount>")]))
        #expect(handled.outcome == .rejected)
        let response = try paymentResponse(handled)
        let detail = try #require(response.errors?.errorDetails.first)
        #expect(response.errors?.errorDetails.count == 1)
        #expect(detail.code == "amount-exceeds-balance")
        #expect(detail.reference == "BAL")
        // The rejection still shows the booking as it is.
        #expect(try payment("DEP", in: response.payments).status == .recorded)
        #expect(response.paymentOverview?.paidAmount == Kit.eur(691_20))
        #expect(harness.ledger.eventCount == events)
        #expect(harness.ledger.bookings == bookings)
        try expectValidAndSecretFree(handled, today: harness.ledger.today)
    }

    @Test func aResponseGivenAsRequestIsNotARequest() async throws {
        let harness = try makeHarness()
        for path in [
            "Examples/messages/payment-response.xml", "Examples/messages/booking-response.xml",
            "Examples/messages/error-response.xml", "Examples/lifecycle/02-book-response.xml",
        ] {
            let handled = await harness.send(try TestSupport.data(path))
            #expect(handled.outcome == .invalid, "\(path)")
            guard case .errorResponse(let response) = handled.response else {
                Issue.record("expected an ErrorResponse for \(path), got \(handled.response.kind)")
                continue
            }
            #expect(response.errors.errorDetails.map(\.code) == ["not-a-request"], "\(path)")
            try expectValidAndSecretFree(handled, today: harness.ledger.today)
        }
        #expect(harness.ledger.eventCount == 0)
    }

    // MARK: Idempotency

    @Test func samePaymentRequestTwiceIsAnsweredIdenticallyWithoutChange() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        harness.clock.set(try Kit.date("2027-04-20"))
        let request = try example("Examples/lifecycle/03-balance-request.xml", bookingId: id)
        let first = await harness.send(request)
        #expect(first.outcome == .applied)
        let events = harness.ledger.eventCount
        let bookings = harness.ledger.bookings
        let second = await harness.send(request)
        #expect(second.outcome == .unchanged)
        #expect(second.responseData == first.responseData)
        #expect(harness.ledger.eventCount == events)
        #expect(harness.ledger.bookings == bookings)
        #expect(harness.ledger.booking(id)?.payments.count == 2)
    }

    @Test func sameBookRequestTwiceBooksOnce() async throws {
        let harness = try makeHarness()
        let request = try example("Examples/lifecycle/02-book-request.xml")
        let first = await harness.send(request)
        #expect(first.outcome == .applied)
        let events = harness.ledger.eventCount
        let second = await harness.send(request)
        #expect(second.outcome == .unchanged)
        #expect(second.responseData == first.responseData)
        #expect(harness.ledger.eventCount == events)
        #expect(harness.ledger.bookingCount == 1)
        #expect(try bookingResponse(second).bookingId == (try bookingResponse(first).bookingId))
    }

    @Test func sameModifyRequestTwiceChangesNothingTheSecondTime() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let request = Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
              <RequestTrigger>Modify</RequestTrigger>
              <BookingId>\(id)</BookingId>
              <Prices>
                <TotalPrice>
                  <Amount>4000.00</Amount>
                  <Currency>EUR</Currency>
                </TotalPrice>
              </Prices>
            </BookingRequest>
            """.utf8)
        let first = await harness.send(request)
        #expect(first.outcome == .applied)
        let events = harness.ledger.eventCount
        let bookings = harness.ledger.bookings
        let second = await harness.send(request)
        #expect(second.responseData == first.responseData)
        #expect(harness.ledger.bookings == bookings)
        // The handler promises: "Sending the same request again changes nothing and gets the same
        // answer"; a request sent again is answered `unchanged`.
        do {
            #expect(second.outcome == .unchanged)
            #expect(harness.ledger.eventCount == events)
        }
    }

    @Test func reusedPaymentIdentifierWithOtherContentIsRejected() async throws {
        let harness = try makeHarness()
        let id = try await book(harness)
        let events = harness.ledger.eventCount
        // DEP is recorded with 691.20; the same identifier with 600.00 is another payment.
        let handled = await harness.send(
            try example(
                "Examples/lifecycle/05-agency-recorded-request.xml", bookingId: id,
                replacing: [
                    ("Identifier=\"BAL\"", "Identifier=\"DEP\""),
                    ("<Amount>2764.80</Amount>", "<Amount>600.00</Amount>"),
                ]))
        #expect(handled.outcome == .rejected)
        let detail = try #require(try paymentResponse(handled).errors?.errorDetails.first)
        #expect(detail.code == "payment-identifier-reused")
        #expect(detail.reference == "DEP")
        #expect(harness.ledger.eventCount == events)
        #expect(harness.ledger.booking(id)?.payment("DEP")?.amount == Kit.eur(691_20))
    }
}

/// A gateway that answers as the simulated one does and remembers what it was asked.
typealias RecordingGateway = ScriptedGateway
