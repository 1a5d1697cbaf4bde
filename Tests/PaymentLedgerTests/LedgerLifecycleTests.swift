import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import Testing
import XMLCoding

// MARK: - Shared test kit (used by the other ledger test files of this target)

/// A clock the test can move: a day behind a lock, so a ledger reads it from any task.
final class AdjustableLedgerClock: LedgerClock, Sendable {
    private let day: Mutex<XMLDate>

    init(_ day: XMLDate) {
        self.day = Mutex(day.withoutTimeZone)
    }

    func today() -> XMLDate { day.withLock { $0 } }

    /// Sets the clock to a day.
    func set(_ newDay: XMLDate) { day.withLock { $0 = newDay.withoutTimeZone } }

    /// Moves the clock forward (or back, for a negative count).
    func advance(days: Int) { day.withLock { $0 = $0.adding(days: days) } }
}

/// Dates, amounts, drafts and payments the ledger tests share.
enum LedgerTestKit {
    /// The day the examples are written for.
    static let bookingDayText = "2026-11-23"

    static func date(_ text: String) throws -> XMLDate {
        try #require(XMLDate(xmlLexicalForm: text), "bad date \(text)")
    }

    /// An amount in euro cents: `eur(691_20)` is 691.20 EUR.
    static func eur(_ cents: Int64) -> CurrencyAmount {
        CurrencyAmount(minorUnitCount: cents, currency: .eur)
    }

    /// A signed amount in euro cents.
    static func signedEUR(_ cents: Int64) -> SignedCurrencyAmount {
        SignedCurrencyAmount(minorUnitCount: cents, currency: .eur)
    }

    static let travellers: [Traveller] = [
        Traveller(
            identifier: "T1", salutation: "Herr", prename: "Max", surname: "Mustermann",
            email: "max.mustermann@example.de"),
        Traveller(identifier: "T2", salutation: "Frau", prename: "Erika", surname: "Mustermann"),
        Traveller(identifier: "T3", prename: "Lena", surname: "Mustermann"),
    ]

    /// The Mallorca booking of the examples: 3456.00 EUR, 14–28 June 2027.
    static func draft(
        id: Identifier? = nil, priceCents: Int64 = 3456_00, departure: String = "2027-06-14",
        returnDate: String? = "2027-06-28", collection: PaymentCollection? = nil,
        paymentOptions: [PaymentOption]? = nil
    ) throws -> BookingDraft {
        BookingDraft(
            id: id, agency: AgencyInformation(agency: "123456", agentId: 17), seller: "Anna Schneider",
            branch: "Köln-Innenstadt", leadTraveller: "T1", travellers: travellers,
            departureDate: try date(departure), returnDate: try returnDate.map(date), totalPrice: eur(priceCents),
            collection: collection, paymentOptions: paymentOptions)
    }

    /// A payment the agency collected under its agency agreement: no form of payment.
    static func agencyPayment(
        _ id: Identifier, cents: Int64, scope: PaymentScope = .deposit, entryDate: XMLDate? = nil
    ) -> Payment {
        Payment(
            identifier: id, collection: .agency, paymentScope: scope, paymentAmount: eur(cents),
            cashHolder: .assignedToBookingOwner(true), dates: entryDate.map { PaymentDates(entryDate: $0) })
    }

    /// An invoice payment.
    static func invoicePayment(
        _ id: Identifier, cents: Int64, scope: PaymentScope = .balance, collection: PaymentCollection = .tourOperator
    ) -> Payment {
        Payment(
            identifier: id, collection: collection, paymentScope: scope, formOfPayment: .invoice,
            paymentAmount: eur(cents), specialisation: .invoice)
    }

    static let goodCard = "4111111111111111"
    static let declinedCard = "4000000000000002"
    static let securityCode = "737"

    /// A card payment collected by the tour operator, card number and security code included.
    static func cardPayment(
        _ id: Identifier, cents: Int64, number: String = goodCard, cardType: String = "VISA",
        scope: PaymentScope = .balance, collection: PaymentCollection? = .tourOperator,
        expiry: (year: Int, month: Int) = (2037, 8)
    ) throws -> Payment {
        let cardNumber: CardNumber = try #require(CardNumber(number))
        let code: SecurityCode = try #require(SecurityCode(securityCode))
        let card = CreditCard(
            cardType: cardType, cardNumber: cardNumber,
            expiryDate: try #require(XMLYearMonth(year: expiry.year, month: expiry.month)),
            holderName: "Max Mustermann", securityCode: code)
        return Payment(
            identifier: id, collection: collection, paymentScope: scope, formOfPayment: .creditCard,
            paymentAmount: eur(cents), cashHolder: .assignedToBookingOwner(true),
            specialisation: .creditCard(CreditCardPayment(creditCard: card)))
    }

    /// A voucher payment collected by the tour operator.
    static func voucherPayment(_ id: Identifier, cents: Int64, code: String) -> Payment {
        Payment(
            identifier: id, collection: .tourOperator, paymentScope: .deposit, formOfPayment: .voucher,
            paymentAmount: eur(cents), specialisation: .voucher(VoucherPayment(voucherCode: code)))
    }

    /// Processes the payments through the ledger with the simulated gateway and vouchers, as
    /// the message handler does.
    @discardableResult
    static func enterThroughGateway(
        _ payments: [Payment], bookingId: Identifier, in ledger: Ledger,
        gateway: any PaymentGateway = SimulatedPaymentGateway()
    ) async throws -> PaymentEntryResult {
        try await ledger.processPayments(
            payments, bookingId: bookingId, gateway: gateway, vouchers: SimulatedVoucherValidator())
    }

    /// The schedule as `identifier scope due amount` lines.
    static func lines(_ schedule: [ScheduledPayment]) -> [String] {
        schedule.map { "\($0.identifier) \($0.scope.rawValue) \($0.dueDate) \($0.amount)" }
    }
}

// MARK: - Lifecycle scenarios through the Ledger API

@Suite("Ledger lifecycle")
struct LedgerLifecycleTests {
    typealias Kit = LedgerTestKit

    private func makeLedger(
        terms: PaymentTermsPolicy = .standard, cancellationCharge: Decimal = 0
    ) throws -> (Ledger, AdjustableLedgerClock) {
        let clock = AdjustableLedgerClock(try Kit.date(Kit.bookingDayText))
        let configuration = LedgerConfiguration(
            paymentTerms: terms, cancellationChargePercentage: cancellationCharge, clock: clock,
            bookingReferenceSeed: 0x5EED)
        return (try Ledger(configuration: configuration), clock)
    }

    private func payment(_ id: Identifier, of bookingId: Identifier, in ledger: Ledger) throws -> LedgerPayment {
        let booking = try #require(ledger.booking(bookingId))
        return try #require(booking.payment(id))
    }

    // MARK: Full happy path

    @Test func quoteBookAgencyDepositSettlementCardBalanceConfirm() async throws {
        let (ledger, clock) = try makeLedger()
        let draft = try Kit.draft()

        // Quote: priced, nothing stored.
        let quoted = try ledger.quote(draft)
        #expect(quoted.state == .quoted)
        #expect(
            Kit.lines(quoted.schedule) == [
                "DEP Deposit 2026-11-30 691.20 EUR", "BAL Balance 2027-05-15 2764.80 EUR",
            ])
        let quoteOverview = quoted.overview(today: clock.today())
        #expect(quoteOverview.openAmount == Kit.signedEUR(3456_00))
        #expect(
            quoteOverview.nextDue
                == NextDue(paymentScope: .deposit, dueDate: try Kit.date("2026-11-30"), amount: Kit.eur(691_20)))
        #expect(ledger.bookingCount == 0)
        #expect(ledger.eventCount == 0)
        #expect(ledger.bookings.isEmpty)

        // Book: a generated booking reference, the same schedule.
        let (booking, created) = try ledger.createBooking(draft)
        #expect(created)
        #expect(BookingReference(booking.id.value) != nil, "generated id \(booking.id) is no booking reference")
        #expect(booking.state == .booked)
        #expect(booking.createdOn == clock.today())
        #expect(booking.schedule == quoted.schedule)
        #expect(booking.customerEmail == "max.mustermann@example.de")
        #expect(booking.payments.isEmpty)
        #expect(ledger.eventCount > 0)
        let id = booking.id

        // Deposit at the agency counter: Recorded.
        let deposit = try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
        #expect(deposit.entered == ["DEP"])
        #expect(deposit.unchanged.isEmpty)
        let recorded = try payment("DEP", of: id, in: ledger)
        #expect(recorded.status == .recorded)
        #expect(recorded.collection == .agency)
        #expect(recorded.formOfPayment == nil)
        #expect(recorded.amount == Kit.eur(691_20))
        #expect(recorded.fee == Kit.eur(0))
        #expect(recorded.entryDate == clock.today())
        #expect(recorded.settlementDate == nil)
        var overview = try ledger.overview(of: id)
        #expect(overview.totalPrice == Kit.eur(3456_00))
        #expect(overview.totalFees == Kit.eur(0))
        #expect(overview.paidAmount == Kit.eur(691_20))
        #expect(overview.settledAmount == Kit.eur(0))
        #expect(overview.openAmount == Kit.signedEUR(2764_80))
        #expect(overview.overdueAmount == Kit.eur(0))
        #expect(
            overview.nextDue
                == NextDue(paymentScope: .balance, dueDate: try Kit.date("2027-05-15"), amount: Kit.eur(2764_80)))

        // The agency passes the money on: Settled with the settlement's reference.
        clock.set(try Kit.date("2026-12-04"))
        try ledger.recordAgencySettlement(["DEP"], of: id, reference: "AGY-SETTLEMENT-2026-12")
        let settledDeposit = try payment("DEP", of: id, in: ledger)
        #expect(settledDeposit.status == .settled)
        #expect(settledDeposit.settlementDate == (try Kit.date("2026-12-04")))
        #expect(settledDeposit.transactionReference == "AGY-SETTLEMENT-2026-12")
        overview = try ledger.overview(of: id)
        #expect(overview.paidAmount == Kit.eur(691_20))
        #expect(overview.settledAmount == Kit.eur(691_20))
        #expect(overview.openAmount == Kit.signedEUR(2764_80))

        // The balance by card through the gateway: Settled, 1.5 % fee (41.472 → 41.47).
        clock.set(try Kit.date("2027-04-20"))
        let balance = try await Kit.enterThroughGateway(
            [try Kit.cardPayment("BAL", cents: 2764_80)], bookingId: id, in: ledger)
        #expect(balance.entered == ["BAL"])
        let card = try payment("BAL", of: id, in: ledger)
        #expect(card.status == .settled)
        #expect(card.fee == Kit.eur(41_47))
        #expect(card.fee.amount == Decimal(string: "41.47"))
        #expect(card.settlementDate == (try Kit.date("2027-04-20")))
        #expect(card.transactionReference == "SIM-\(id)-BAL")
        let authorization = try #require(card.authorizationCode)
        #expect(authorization.count == 6 && authorization.allSatisfy(\.isNumber))
        guard case .creditCard(let stored) = card.specialisation, let storedCard = stored.creditCard else {
            Issue.record("the card details were not kept: \(card.specialisation)")
            return
        }
        #expect(storedCard.cardNumber == nil)
        #expect(storedCard.securityCode == nil)
        #expect(storedCard.maskedCardNumber == "411111******1111")
        #expect(stored.pciBin == "411111")
        overview = try ledger.overview(of: id)
        #expect(overview.totalFees == Kit.eur(41_47))
        #expect(overview.paidAmount == Kit.eur(3497_47))
        #expect(overview.settledAmount == Kit.eur(3497_47))
        #expect(overview.openAmount == Kit.signedEUR(0))
        #expect(overview.overdueAmount == Kit.eur(0))
        #expect(overview.nextDue == nil)

        // Confirm both: final, the figures stay.
        try ledger.confirmPayment("DEP", of: id)
        let final = try ledger.confirmPayment("BAL", of: id)
        #expect(final.payments.map(\.status) == [.confirmed, .confirmed])
        overview = final.overview(today: clock.today())
        #expect(overview.totalPrice == Kit.eur(3456_00))
        #expect(overview.totalFees == Kit.eur(41_47))
        #expect(overview.paidAmount == Kit.eur(3497_47))
        #expect(overview.settledAmount == Kit.eur(3497_47))
        #expect(overview.openAmount == Kit.signedEUR(0))
        #expect(overview.paidAmount.amount == Decimal(string: "3497.47"))
        #expect(final.refundableAmount == Kit.eur(0))
        #expect(final.uncoveredAmount == Kit.eur(0))
        #expect(ledger.booking(id) == final)
    }

    @Test(arguments: [
        // amount (cents), 1.5 % fee (cents): rounded half away from zero
        (Int64(100), Int64(2)), (Int64(33), Int64(0)), (Int64(34), Int64(1)), (Int64(2764_80), Int64(41_47)),
        (Int64(691_20), Int64(10_37)), (Int64(3456_00), Int64(51_84)),
    ])
    func cardFeeIsOnePointFivePercentRoundedHalfAwayFromZero(cents: Int64, feeCents: Int64) throws {
        let (ledger, _) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        let result = try ledger.enterPayments(
            [try Kit.cardPayment("BAL", cents: cents)], bookingId: id,
            outcomes: ["BAL": .settled(transactionReference: "T", authorizationCode: nil)])
        let card = try #require(result.booking.payment("BAL"))
        #expect(card.fee == Kit.eur(feeCents))
        #expect(result.booking.paidAmount == Kit.eur(cents + feeCents))
        #expect(result.booking.openAmount == Kit.signedEUR(3456_00 - cents))
    }

    @Test func agencyPaymentKeepsItsEntryDateAndPendingCardStaysOpen() async throws {
        let (ledger, _) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments(
            [Kit.agencyPayment("DEP", cents: 691_20, entryDate: try Kit.date("2026-11-20"))], bookingId: id)
        #expect(try payment("DEP", of: id, in: ledger).entryDate == (try Kit.date("2026-11-20")))
        // 4000000000000259 waits for 3-D Secure: the payment stays Open, its fee owed.
        try await Kit.enterThroughGateway(
            [try Kit.cardPayment("BAL", cents: 2764_80, number: "4000000000000259")], bookingId: id, in: ledger)
        let pending = try payment("BAL", of: id, in: ledger)
        #expect(pending.status == .open)
        #expect(pending.transactionReference == "SIM-\(id)-BAL")
        let booking = try #require(ledger.booking(id))
        #expect(booking.paidAmount == Kit.eur(691_20))
        #expect(booking.totalFees == Kit.eur(41_47))
        #expect(booking.openAmount == Kit.signedEUR(2806_27))
        #expect(booking.uncoveredAmount == Kit.eur(0))
        // The gateway confirms later.
        try ledger.settlePayment("BAL", of: id, transactionReference: "3DS-OK")
        #expect(try ledger.overview(of: id).openAmount == Kit.signedEUR(0))
    }

    @Test func agencySettlementOfNoPaymentsChangesNothing() throws {
        let (ledger, _) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
        let before = try #require(ledger.booking(id))
        let events = ledger.eventCount
        // "All or none" of no payments is nothing; the booking exists, so `unknown-booking`
        // ("no booking has the identifier") would be wrong.
        do {
            let after = try ledger.recordAgencySettlement([], of: id, reference: "AGY-EMPTY")
            #expect(after == before)
        }
        #expect(ledger.booking(id) == before)
        #expect(ledger.eventCount == events)
    }

    // MARK: Failures

    @Test func declinedCardFailsWithReasonThenReopenedAndSettledByTourOperator() async throws {
        let (ledger, clock) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id

        let declined = try await Kit.enterThroughGateway(
            [try Kit.cardPayment("DEP", cents: 691_20, number: Kit.declinedCard, scope: .deposit)], bookingId: id,
            in: ledger)
        #expect(declined.entered == ["DEP"])
        var deposit = try payment("DEP", of: id, in: ledger)
        #expect(deposit.status == .failed)
        #expect(deposit.failureReason == "card declined")
        #expect(deposit.transactionReference == "SIM-\(id)-DEP")
        #expect(deposit.fee == Kit.eur(10_37))
        #expect(deposit.settlementDate == nil)
        var booking = try #require(ledger.booking(id))
        // A failed payment counts for nothing, its fee neither.
        #expect(booking.paidAmount == Kit.eur(0))
        #expect(booking.totalFees == Kit.eur(0))
        #expect(booking.openAmount == Kit.signedEUR(3456_00))
        #expect(booking.uncoveredAmount == Kit.eur(3456_00))

        clock.set(try Kit.date("2026-12-01"))
        #expect(try ledger.overview(of: id).overdueAmount == Kit.eur(691_20))

        // Requested again: Open, the reason gone, the fee owed again.
        try ledger.reopenPayment("DEP", of: id)
        deposit = try payment("DEP", of: id, in: ledger)
        #expect(deposit.status == .open)
        #expect(deposit.failureReason == nil)
        booking = try #require(ledger.booking(id))
        #expect(booking.totalFees == Kit.eur(10_37))
        #expect(booking.openAmount == Kit.signedEUR(3466_37))
        #expect(booking.uncoveredAmount == Kit.eur(2764_80))
        #expect(booking.overview(today: clock.today()).overdueAmount == Kit.eur(691_20))

        // The customer transfers the money: the tour operator settles it.
        try ledger.settlePayment("DEP", of: id, transactionReference: "BANK-TRANSFER-881")
        deposit = try payment("DEP", of: id, in: ledger)
        #expect(deposit.status == .settled)
        #expect(deposit.settlementDate == (try Kit.date("2026-12-01")))
        #expect(deposit.transactionReference == "BANK-TRANSFER-881")
        let overview = try ledger.overview(of: id)
        #expect(overview.paidAmount == Kit.eur(701_57))
        #expect(overview.settledAmount == Kit.eur(701_57))
        #expect(overview.totalFees == Kit.eur(10_37))
        #expect(overview.openAmount == Kit.signedEUR(2764_80))
        #expect(overview.overdueAmount == Kit.eur(0))
        #expect(
            overview.nextDue
                == NextDue(paymentScope: .balance, dueDate: try Kit.date("2027-05-15"), amount: Kit.eur(2764_80)))
    }

    @Test func declinedCardRetriedWithAnotherCardUnderTheSameIdentifierSettles() async throws {
        let (ledger, _) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try await Kit.enterThroughGateway(
            [try Kit.cardPayment("DEP", cents: 691_20, number: Kit.declinedCard, scope: .deposit)], bookingId: id,
            in: ledger)
        #expect(try payment("DEP", of: id, in: ledger).status == .failed)
        let eventsAfterFailure = ledger.eventCount

        let retry = try Kit.cardPayment(
            "DEP", cents: 691_20, number: "5555555555554444", cardType: "MasterCard", scope: .deposit)
        let gateway = ScriptedGateway()
        let result = try await Kit.enterThroughGateway([retry], bookingId: id, in: ledger, gateway: gateway)
        #expect(gateway.requests.map(\.key.attempt) == [2])
        #expect(result.booking.payment("DEP")?.attempt == 2)
        #expect(result.entered == ["DEP"])
        #expect(ledger.eventCount > eventsAfterFailure)

        let booking = try #require(ledger.booking(id))
        #expect(booking.payments.count == 1)
        let deposit = try #require(booking.payment("DEP"))
        #expect(deposit.status == .settled)
        #expect(deposit.failureReason == nil)
        #expect(deposit.fee == Kit.eur(10_37))
        guard case .creditCard(let stored) = deposit.specialisation else {
            Issue.record("not a card payment: \(deposit.specialisation)")
            return
        }
        #expect(stored.creditCard?.maskedCardNumber == "555555******4444")
        #expect(stored.creditCard?.cardType == "MasterCard")
        #expect(booking.paidAmount == Kit.eur(701_57))
        #expect(booking.settledAmount == Kit.eur(701_57))
        #expect(booking.openAmount == Kit.signedEUR(2764_80))
    }

    // MARK: Cancellation

    @Test func cancellingAfterTheDepositMakesThePaidMoneyRefundable() throws {
        let (ledger, clock) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
        try ledger.enterPayments([Kit.invoicePayment("BAL", cents: 2764_80)], bookingId: id)
        #expect(try payment("BAL", of: id, in: ledger).status == .open)

        clock.set(try Kit.date("2026-12-02"))
        let cancelled = try ledger.cancelBooking(id)
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.cancelledOn == (try Kit.date("2026-12-02")))
        #expect(cancelled.totalPrice == Kit.eur(0))
        #expect(cancelled.schedule.isEmpty)
        let deposit = try #require(cancelled.payment("DEP"))
        #expect(deposit.status == .recorded)
        let balance = try #require(cancelled.payment("BAL"))
        #expect(balance.status == .failed)
        #expect(balance.failureReason == "booking cancelled")

        #expect(cancelled.paidAmount == Kit.eur(691_20))
        #expect(cancelled.refundableAmount == cancelled.paidAmount)
        #expect(cancelled.openAmount == Kit.signedEUR(-691_20))
        #expect(cancelled.openAmount.isNegative)
        let overview = cancelled.overview(today: clock.today())
        #expect(overview.totalPrice == Kit.eur(0))
        #expect(overview.totalFees == Kit.eur(0))
        #expect(overview.paidAmount == Kit.eur(691_20))
        #expect(overview.openAmount == Kit.signedEUR(-691_20))
        #expect(overview.overdueAmount == Kit.eur(0))
        #expect(overview.nextDue == nil)
        #expect(ledger.booking(id) == cancelled)
        #expect(ledger.overdueBookings(today: try Kit.date("2027-06-01")).isEmpty)
    }

    @Test func aPaymentSettledWhileTheBookingWasCancelledIsKeptAndRefundable() async throws {
        let (ledger, _) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.invoicePayment("INV", cents: 100_00)], bookingId: id)
        // The card payment is at the gateway when the booking is cancelled.
        let atGateway = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let gateway = ScriptedGateway { request in
            atGateway.continuation.yield()
            for await _ in release.stream { break }
            return .authorized(transactionReference: "LATE", authorizationCode: nil)
        }
        let card = try Kit.cardPayment("DEP", cents: 691_20, scope: .deposit)
        let processing = Task {
            try await Kit.enterThroughGateway([card], bookingId: id, in: ledger, gateway: gateway)
        }
        for await _ in atGateway.stream { break }
        let cancelled = try ledger.cancelBooking(id)
        #expect(cancelled.payment("INV")?.status == .failed)
        #expect(cancelled.payment("DEP")?.isInFlight == true)
        release.continuation.yield()
        let result = try await processing.value
        #expect(result.entered == ["DEP"])
        let booking = result.booking
        #expect(booking.state == .cancelled)
        #expect(booking.payment("DEP")?.status == .settled)
        #expect(booking.paidAmount == Kit.eur(701_57))
        // All paid money is refundable, the card fee aside.
        #expect(booking.totalFees == Kit.eur(10_37))
        #expect(booking.refundableAmount == Kit.eur(691_20))
        #expect(booking.openAmount == Kit.signedEUR(-691_20))
    }

    @Test(arguments: [
        // charge %, expected open amount (cents), expected refundable (cents)
        (25, Int64(172_80), Int64(0)),
        (10, Int64(-345_60), Int64(345_60)),
        (20, Int64(0), Int64(0)),
    ])
    func cancellationChargeIsThePriceThatRemains(charge: Int, openCents: Int64, refundableCents: Int64) throws {
        let (ledger, _) = try makeLedger(cancellationCharge: Decimal(charge))
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
        let cancelled = try ledger.cancelBooking(id)
        let chargeCents = 3456_00 * Int64(charge) / 100
        #expect(cancelled.totalPrice == Kit.eur(chargeCents))
        #expect(cancelled.openAmount == Kit.signedEUR(openCents))
        #expect(cancelled.refundableAmount == Kit.eur(refundableCents))
    }

    // MARK: Modification

    @Test func modifyingThePriceRecomputesTheScheduleAndReallocatesThePayments() throws {
        let (ledger, clock) = try makeLedger()
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
        let paymentsBefore = try #require(ledger.booking(id)).payments

        // Later, the price goes up: the schedule is recomputed from the booking date.
        clock.set(try Kit.date("2026-12-10"))
        var booking = try ledger.modifyBooking(id, totalPrice: Kit.eur(4000_00))
        #expect(booking.totalPrice == Kit.eur(4000_00))
        #expect(booking.createdOn == (try Kit.date("2026-11-23")))
        #expect(
            Kit.lines(booking.schedule) == ["DEP Deposit 2026-11-30 800.00 EUR", "BAL Balance 2027-05-15 3200.00 EUR"])
        #expect(booking.payments == paymentsBefore)
        var expected = booking.expectedPayments(today: clock.today())
        #expect(expected.map(\.allocated) == [Kit.eur(691_20), Kit.eur(0)])
        #expect(expected.map(\.isOverdue) == [true, false])
        var overview = booking.overview(today: clock.today())
        #expect(overview.paidAmount == Kit.eur(691_20))
        #expect(overview.openAmount == Kit.signedEUR(3308_80))
        #expect(overview.overdueAmount == Kit.eur(108_80))
        #expect(
            overview.nextDue
                == NextDue(paymentScope: .deposit, dueDate: try Kit.date("2026-11-30"), amount: Kit.eur(108_80)))

        // Cheaper and a month later: the deposit is covered, the rest goes to the balance.
        booking = try ledger.modifyBooking(
            id, totalPrice: Kit.eur(3000_00), departureDate: try Kit.date("2027-07-14"),
            returnDate: try Kit.date("2027-07-28"))
        #expect(booking.departureDate == (try Kit.date("2027-07-14")))
        #expect(booking.returnDate == (try Kit.date("2027-07-28")))
        #expect(
            Kit.lines(booking.schedule) == ["DEP Deposit 2026-11-30 600.00 EUR", "BAL Balance 2027-06-14 2400.00 EUR"])
        #expect(booking.payments == paymentsBefore)
        expected = booking.expectedPayments(today: clock.today())
        #expect(expected.map(\.allocated) == [Kit.eur(600_00), Kit.eur(91_20)])
        #expect(expected.map(\.remaining) == [Kit.eur(0), Kit.eur(2308_80)])
        overview = booking.overview(today: clock.today())
        #expect(overview.openAmount == Kit.signedEUR(2308_80))
        #expect(overview.overdueAmount == Kit.eur(0))
        #expect(
            overview.nextDue
                == NextDue(paymentScope: .balance, dueDate: try Kit.date("2027-06-14"), amount: Kit.eur(2308_80)))

        // Below what was paid: everything allocated, the rest refundable.
        booking = try ledger.modifyBooking(id, totalPrice: Kit.eur(500_00))
        #expect(
            Kit.lines(booking.schedule) == ["DEP Deposit 2026-11-30 100.00 EUR", "BAL Balance 2027-06-14 400.00 EUR"])
        #expect(booking.expectedPayments(today: clock.today()).map(\.allocated) == [Kit.eur(100_00), Kit.eur(400_00)])
        #expect(booking.openAmount == Kit.signedEUR(-191_20))
        #expect(booking.refundableAmount == Kit.eur(191_20))
        #expect(booking.overview(today: clock.today()).nextDue == nil)
    }

    // MARK: Overdue

    @Test func unpaidDepositBecomesOverdueTheDayAfterItsDueDate() throws {
        let (ledger, clock) = try makeLedger()
        let unpaid = try ledger.createBooking(try Kit.draft()).booking.id
        let paid = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: paid)
        let partly = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("P1", cents: 500_00)], bookingId: partly)
        let cancelled = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.cancelBooking(cancelled)
        let alsoUnpaid = try ledger.createBooking(try Kit.draft()).booking.id

        // On the due date nothing is overdue yet.
        clock.set(try Kit.date("2026-11-30"))
        #expect(try ledger.overview(of: unpaid).overdueAmount == Kit.eur(0))
        #expect(ledger.overdueBookings().isEmpty)

        clock.set(try Kit.date("2026-12-01"))
        #expect(try ledger.overview(of: unpaid).overdueAmount == Kit.eur(691_20))
        #expect(try ledger.overview(of: paid).overdueAmount == Kit.eur(0))
        #expect(try ledger.overview(of: partly).overdueAmount == Kit.eur(191_20))
        let overdue = ledger.overdueBookings()
        // Largest first; equal amounts by booking identifier.
        #expect(overdue.map(\.booking.id) == [min(unpaid, alsoUnpaid), max(unpaid, alsoUnpaid), partly])
        #expect(overdue.map(\.overdue) == [Kit.eur(691_20), Kit.eur(691_20), Kit.eur(191_20)])

        // An explicit day overrides the clock.
        #expect(ledger.overdueBookings(today: try Kit.date("2026-11-23")).isEmpty)
        let afterBalance = ledger.overdueBookings(today: try Kit.date("2027-05-16"))
        #expect(afterBalance.map(\.booking.id) == [min(unpaid, alsoUnpaid), max(unpaid, alsoUnpaid), partly, paid])
        #expect(
            afterBalance.map(\.overdue) == [Kit.eur(3456_00), Kit.eur(3456_00), Kit.eur(2956_00), Kit.eur(2764_80)])
    }

    // MARK: Allocation with interim instalments

    @Test func paidMoneyIsAllocatedInDueDateOrderAcrossInterimInstalments() async throws {
        let (ledger, clock) = try makeLedger(terms: PaymentTermsPolicy(interimInstalments: 2))
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        var booking = try #require(ledger.booking(id))
        #expect(
            Kit.lines(booking.schedule) == [
                "DEP Deposit 2026-11-30 691.20 EUR", "INT1 Interim 2027-01-24 921.60 EUR",
                "INT2 Interim 2027-03-20 921.60 EUR", "BAL Balance 2027-05-15 921.60 EUR",
            ])

        // A payment's scope does not matter: money fills the earliest expected payment first.
        try ledger.enterPayments([Kit.agencyPayment("P1", cents: 1000_00, scope: .balance)], bookingId: id)
        booking = try #require(ledger.booking(id))
        #expect(
            booking.expectedPayments(today: clock.today()).map(\.allocated) == [
                Kit.eur(691_20), Kit.eur(308_80), Kit.eur(0), Kit.eur(0),
            ])
        #expect(
            booking.overview(today: clock.today()).nextDue
                == NextDue(paymentScope: .interim, dueDate: try Kit.date("2027-01-24"), amount: Kit.eur(612_80)))

        // A declined card allocates nothing.
        try await Kit.enterThroughGateway(
            [try Kit.cardPayment("P2", cents: 500_00, number: Kit.declinedCard, scope: .interim)], bookingId: id,
            in: ledger)
        booking = try #require(ledger.booking(id))
        #expect(
            booking.expectedPayments(today: clock.today()).map(\.allocated) == [
                Kit.eur(691_20), Kit.eur(308_80), Kit.eur(0), Kit.eur(0),
            ])

        try ledger.enterPayments([Kit.agencyPayment("P3", cents: 1200_00, scope: .interim)], bookingId: id)
        booking = try #require(ledger.booking(id))
        let expected = booking.expectedPayments(today: clock.today())
        #expect(expected.map(\.allocated) == [Kit.eur(691_20), Kit.eur(921_60), Kit.eur(587_20), Kit.eur(0)])
        #expect(expected.map(\.remaining) == [Kit.eur(0), Kit.eur(0), Kit.eur(334_40), Kit.eur(921_60)])
        #expect(
            booking.overview(today: clock.today()).nextDue
                == NextDue(paymentScope: .interim, dueDate: try Kit.date("2027-03-20"), amount: Kit.eur(334_40)))

        // What remains is listed as open expected payments after the entered ones.
        let listed = booking.responsePayments(today: clock.today())
        #expect(listed.map(\.identifier) == ["P1", "P2", "P3", "INT2", "BAL"])
        #expect(listed.suffix(2).map(\.paymentAmount) == [Kit.eur(334_40), Kit.eur(921_60)])
        #expect(listed.suffix(2).map(\.status) == [.open, .open])
        #expect(listed.suffix(2).map { $0.dates?.dueDate } == [try Kit.date("2027-03-20"), try Kit.date("2027-05-15")])

        clock.set(try Kit.date("2027-03-21"))
        booking = try #require(ledger.booking(id))
        #expect(booking.expectedPayments(today: clock.today()).map(\.isOverdue) == [false, false, true, false])
        #expect(booking.overview(today: clock.today()).overdueAmount == Kit.eur(334_40))
        clock.set(try Kit.date("2027-05-16"))
        #expect(try ledger.overview(of: id).overdueAmount == Kit.eur(1256_00))
        #expect(try ledger.overview(of: id).openAmount == Kit.signedEUR(1256_00))
    }
}
