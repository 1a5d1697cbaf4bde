import Foundation
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// Random operation sequences from fixed seeds against a model kept by the test: after every
/// operation the ledger must agree with the model, every overview must equal one recomputed
/// from scratch, and no money may appear or vanish. At the end the journal must replay to the
/// same ledger.
@Suite("Ledger properties")
struct LedgerPropertyTests {
    typealias Kit = LedgerTestKit

    /// A journal in memory: the records behind a lock.
    final class InMemoryJournal: LedgerJournal, Sendable {
        private let storage = Mutex<[Data]>([])

        func append(_ records: [Data]) throws(LedgerJournalError) {
            storage.withLock { $0.append(contentsOf: records) }
        }

        func replay() throws(LedgerJournalError) -> [Data] {
            storage.withLock { $0 }
        }

        func close() {}

        var records: [Data] { storage.withLock { $0 } }
    }

    // MARK: The model

    struct ModelPayment: Equatable {
        var amountCents: Int64
        var feeCents: Int64
        var status: PaymentStatus
        var collection: PaymentCollection
    }

    struct ModelBooking {
        var priceCents: Int64
        var collection: PaymentCollection
        var cancelled = false
        var payments: [Identifier: ModelPayment] = [:]

        /// The part of the price no payment that has not failed covers.
        var uncoveredCents: Int64 {
            max(0, priceCents - payments.values.filter { $0.status != .failed }.reduce(0) { $0 + $1.amountCents })
        }
    }

    /// The status flow as the STRING documentation gives it, independent of the library's table.
    static func transitionAllowed(_ from: PaymentStatus, _ to: PaymentStatus) -> Bool {
        switch (from, to) {
        case (.open, .recorded), (.open, .settled), (.open, .failed), (.recorded, .settled), (.recorded, .failed),
            (.settled, .failed), (.settled, .confirmed), (.failed, .open):
            return true
        default:
            return false
        }
    }

    /// The overview computed from scratch from the payments and the schedule, in `Decimal`.
    ///
    /// Paid = amount + fee of Recorded, Settled and Confirmed payments; settled = the same of
    /// Settled and Confirmed; fees = fees of payments that have not failed; open = price + fees
    /// − paid. The amounts (without fees) of paid payments are allocated to the schedule in its
    /// order; what an expected payment lacks is overdue when its due date is before today, and
    /// the first expected payment that lacks something is next due.
    static func recomputedOverview(_ booking: LedgerBooking, today: XMLDate) -> PaymentOverview {
        let currency = booking.currency
        var paid: Decimal = 0
        var settled: Decimal = 0
        var fees: Decimal = 0
        var towardsPrice: Decimal = 0
        for payment in booking.payments {
            switch payment.status {
            case .recorded, .settled, .confirmed:
                paid += payment.amount.amount + payment.fee.amount
                towardsPrice += payment.amount.amount
            case .open, .failed:
                break
            }
            if payment.status == .settled || payment.status == .confirmed {
                settled += payment.amount.amount + payment.fee.amount
            }
            if payment.status != .failed {
                fees += payment.fee.amount
            }
        }
        var unallocated = towardsPrice
        var overdue: Decimal = 0
        var nextDue: NextDue?
        for expected in booking.schedule {
            let due = expected.amount.amount
            let allocated = min(unallocated, due)
            unallocated -= allocated
            let remaining = due - allocated
            guard remaining > 0 else { continue }
            if expected.dueDate < today { overdue += remaining }
            if nextDue == nil {
                nextDue = NextDue(
                    paymentScope: expected.scope, dueDate: expected.dueDate,
                    amount: CurrencyAmount(amount: remaining, currency: currency))
            }
        }
        return PaymentOverview(
            totalPrice: booking.totalPrice, totalFees: CurrencyAmount(amount: fees, currency: currency),
            paidAmount: CurrencyAmount(amount: paid, currency: currency),
            settledAmount: CurrencyAmount(amount: settled, currency: currency),
            openAmount: SignedCurrencyAmount(amount: booking.totalPrice.amount + fees - paid, currency: currency),
            overdueAmount: CurrencyAmount(amount: overdue, currency: currency), nextDue: nextDue)
    }

    // MARK: The run

    /// The kinds of payment the run enters.
    enum Kind: CaseIterable {
        case agencyPlain, agencyInvoice, card, eWallet, directDebit, invoice, onSiteInvoice, voucher
    }

    struct Run {
        let clock: AdjustableLedgerClock
        let configuration: LedgerConfiguration
        let journal = InMemoryJournal()
        let ledger: Ledger
        var rng: SeededGenerator
        var model: [Identifier: ModelBooking] = [:]
        var order: [Identifier] = []
        /// Σ of the amounts of every payment entered, less those of failed payments entered again.
        var enteredCents: Int64 = 0
        var counts: [String: (ok: Int, refused: Int)] = [:]
        /// The amount of each payment as the journal's events say: the last `paymentEntered` wins.
        var enteredByEvents: [Identifier: [Identifier: Int64]] = [:]
        var createdByEvents = 0
        var foldedRecords = 0

        init(seed: UInt64) throws {
            clock = AdjustableLedgerClock(try Kit.date(Kit.bookingDayText))
            configuration = LedgerConfiguration(clock: clock, bookingReferenceSeed: seed)
            ledger = try Ledger(configuration: configuration, journal: journal)
            rng = SeededGenerator(seed: seed)
        }

        mutating func random(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        mutating func random64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &rng) }
        mutating func chance(_ percent: Int) -> Bool { random(1...100) <= percent }

        mutating func count(_ name: String, _ ok: Bool) {
            var entry = counts[name] ?? (0, 0)
            if ok { entry.ok += 1 } else { entry.refused += 1 }
            counts[name] = entry
        }

        mutating func randomBooking() -> Identifier? {
            order.isEmpty ? nil : order[random(0...(order.count - 1))]
        }

        static let paymentIds: [Identifier] = ["DEP", "BAL", "INT1", "P1", "P2", "P3", "P4", "P5"]

        // MARK: Operations

        mutating func step() throws {
            let roll = random(1...100)
            switch roll {
            case 1...10: try createBooking()
            case 11...50: try enterPayments()
            case 51...75: try changeStatus()
            case 76...82: try agencySettlement()
            case 83...88: try modify()
            case 89...91: try cancel()
            default: clock.advance(days: random(0...30))
            }
        }

        mutating func createBooking() throws {
            let price = random64(100_00...6000_00)
            let departure = clock.today().adding(days: random(20...420))
            let collection: PaymentCollection? = chance(70) ? nil : [.agency, .tourOperator, .mixed][random(0...2)]
            let draft = BookingDraft(
                travellers: Kit.travellers, departureDate: departure, totalPrice: Kit.eur(price), collection: collection
            )
            let (booking, created) = try ledger.createBooking(draft)
            #expect(created)
            model[booking.id] = ModelBooking(priceCents: price, collection: collection ?? .mixed)
            order.append(booking.id)
            count("create", true)
        }

        /// A payment of a kind, with what the gateway or voucher validation answers, the status the
        /// model expects after entry (`nil`: the whole request is refused) and the fee.
        mutating func makePayment(
            _ kind: Kind, id: Identifier, cents: Int64
        ) throws -> (
            payment: Payment, outcome: PaymentOutcome?, status: PaymentStatus?, feeCents: Int64
        ) {
            let scope: PaymentScope = [.deposit, .interim, .balance][random(0...2)]
            let gatewayAnswers: [(PaymentOutcome, PaymentStatus)] = [
                (.settled(transactionReference: "GW-\(id)", authorizationCode: "123456"), .settled),
                (.failed(reason: "declined", transactionReference: "GW-\(id)"), .failed),
                (.pending(transactionReference: "GW-\(id)"), .open),
            ]
            switch kind {
            case .agencyPlain:
                return (Kit.agencyPayment(id, cents: cents, scope: scope), nil, .recorded, 0)
            case .agencyInvoice:
                return (Kit.invoicePayment(id, cents: cents, scope: scope, collection: .agency), nil, .recorded, 0)
            case .invoice:
                // Invoices stay Open whatever an outcome says.
                return (Kit.invoicePayment(id, cents: cents, scope: scope), gatewayAnswers[random(0...2)].0, .open, 0)
            case .onSiteInvoice:
                return (Kit.invoicePayment(id, cents: cents, scope: scope, collection: .onSite), nil, .open, 0)
            case .card:
                let answer = gatewayAnswers[random(0...2)]
                let payment = try Kit.cardPayment(
                    id, cents: cents, number: [Kit.goodCard, "5555555555554444"][random(0...1)],
                    cardType: "VISA", scope: scope)
                // 1.5 %, rounded half away from zero, in integer cents.
                return (payment, answer.0, answer.1, (cents * 15 + 500) / 1000)
            case .eWallet:
                let answer = gatewayAnswers[random(0...2)]
                let payment = Payment(
                    identifier: id, collection: .tourOperator, paymentScope: scope, formOfPayment: .eWallet,
                    paymentAmount: Kit.eur(cents), specialisation: .eWallet(EWalletPayment(provider: "PayPal")))
                return (payment, answer.0, answer.1, 0)
            case .directDebit:
                let answer = gatewayAnswers[random(0...2)]
                let payment = Payment(
                    identifier: id, collection: .tourOperator, paymentScope: scope, formOfPayment: .directDebit,
                    paymentAmount: Kit.eur(cents),
                    specialisation: .directDebit(
                        DirectDebitPayment(
                            iban: try #require(IBAN("DE89370400440532013000")), accountHolder: "Max Mustermann")))
                // SEPA collection usually runs later: no answer yet, the payment stays Open.
                return chance(70) ? (payment, answer.0, answer.1, 0) : (payment, nil, .open, 0)
            case .voucher:
                let redeemed = chance(70)
                return (
                    Kit.voucherPayment(id, cents: cents, code: "TRAVEL-500"),
                    redeemed
                        ? .settled(transactionReference: "VOUCHER-TRAVEL-500", authorizationCode: nil)
                        : .rejected(reason: "not valid"),
                    redeemed ? .settled : nil, 0
                )
            }
        }

        mutating func enterPayments() throws {
            guard let bookingId = randomBooking(), let before = model[bookingId] else { return }
            var payments: [Payment] = []
            var outcomes: [Identifier: PaymentOutcome] = [:]
            var expected: [Identifier: ModelPayment] = [:]
            var refusedUpFront = false
            var rejectedVouchers: Set<Identifier> = []
            let uncovered = before.uncoveredCents
            for _ in 0..<(chance(75) ? 1 : 2) {
                let id = Self.paymentIds[random(0...(Self.paymentIds.count - 1))]
                let kind = Kind.allCases[random(0...(Kind.allCases.count - 1))]
                var cents: Int64
                switch random(1...100) {
                case 1...3: cents = 0
                case 4...8: cents = uncovered + random64(1...50_00)
                default: cents = random64(1...max(1, min(uncovered, 2500_00)))
                }
                if payments.count == 1 { cents = max(1, cents / 2) }
                var made = try makePayment(kind, id: id, cents: cents)
                if chance(3) {
                    made.payment.paymentAmount = CurrencyAmount(minorUnitCount: cents, currency: .usd)
                    refusedUpFront = true
                }
                payments.append(made.payment)
                if let outcome = made.outcome { outcomes[id] = outcome }
                if let status = made.status {
                    expected[id] = ModelPayment(
                        amountCents: cents, feeCents: made.feeCents, status: status,
                        collection: made.payment.collection ?? .tourOperator)
                } else {
                    // A rejected voucher refuses the request, unless the booking has it already.
                    rejectedVouchers.insert(id)
                }
                if cents == 0 { refusedUpFront = true }
            }
            let collection: PaymentCollection? = chance(10) ? [.agency, .tourOperator][random(0...1)] : nil

            let snapshot = ledger.bookings
            let events = ledger.eventCount
            let attempt: Result<PaymentEntryResult, LedgerError>
            do {
                attempt = .success(
                    try ledger.enterPayments(payments, bookingId: bookingId, collection: collection, outcomes: outcomes)
                )
            } catch {
                attempt = .failure(error)
            }
            switch attempt {
            case .success(let result):
                count("enter", true)
                #expect(!refusedUpFront, "a request that must be refused was accepted: \(payments.map(\.identifier))")
                #expect(rejectedVouchers.isDisjoint(with: result.entered), "a rejected voucher was entered")
                #expect(!before.cancelled, "a cancelled booking took a payment")
                var newCents: Int64 = 0
                var updated = before
                for id in result.entered {
                    let entry = try #require(expected[id])
                    if let existing = before.payments[id] {
                        #expect(existing.status == .failed, "payment \(id) was \(existing.status) and entered again")
                        enteredCents -= existing.amountCents
                    }
                    #expect(
                        before.collection == .mixed || entry.collection == before.collection,
                        "payment \(id) collected by \(entry.collection) on a \(before.collection) booking")
                    newCents += entry.amountCents
                    enteredCents += entry.amountCents
                    updated.payments[id] = entry
                }
                for id in result.unchanged {
                    #expect(before.payments[id] != nil, "unknown payment \(id) reported unchanged")
                }
                #expect(newCents <= uncovered, "payments of \(newCents) entered with only \(uncovered) uncovered")
                model[bookingId] = updated
            case .failure(let error):
                count("enter", false)
                #expect(ledger.bookings == snapshot, "refused entry (\(error.code)) changed the ledger")
                #expect(ledger.eventCount == events)
            }
        }

        mutating func changeStatus() throws {
            guard let bookingId = randomBooking(), let booking = model[bookingId] else { return }
            let known = booking.payments.keys.sorted()
            let paymentId: Identifier =
                known.isEmpty || chance(5) ? "NO-SUCH-PAYMENT" : known[random(0...(known.count - 1))]
            let target: PaymentStatus = [.settled, .failed, .confirmed, .open][random(0...3)]
            let current = booking.payments[paymentId]?.status
            // A cancelled booking's payments are never requested again (no reopen).
            let reopensOnCancelled = target == .open && booking.cancelled
            let predicted =
                !(reopensOnCancelled && current != nil)
                && (current.map { LedgerPropertyTests.transitionAllowed($0, target) } ?? false)
            let snapshot = ledger.bookings
            let events = ledger.eventCount
            do {
                switch target {
                case .settled: try ledger.settlePayment(paymentId, of: bookingId, transactionReference: "TX-\(events)")
                case .failed: try ledger.failPayment(paymentId, of: bookingId, reason: "reason \(events)")
                case .confirmed: try ledger.confirmPayment(paymentId, of: bookingId)
                default: try ledger.reopenPayment(paymentId, of: bookingId)
                }
                count("status", true)
                #expect(predicted, "\(paymentId) moved from \(String(describing: current)) to \(target)")
                model[bookingId]?.payments[paymentId]?.status = target
            } catch {
                count("status", false)
                #expect(!predicted, "\(paymentId) refused \(String(describing: current)) → \(target): \(error)")
                let expected: LedgerError.Code =
                    current == nil
                    ? .unknownPayment
                    : reopensOnCancelled && LedgerPropertyTests.transitionAllowed(current ?? .open, target)
                        ? .bookingCancelled : .invalidStatusTransition
                #expect(error.code == expected)
                #expect(ledger.bookings == snapshot)
                #expect(ledger.eventCount == events)
            }
        }

        mutating func agencySettlement() throws {
            guard let bookingId = randomBooking(), let booking = model[bookingId] else { return }
            let known = booking.payments.keys.sorted()
            guard !known.isEmpty else { return }
            var ids: [Identifier] = []
            for _ in 0..<random(1...2) {
                let id = known[random(0...(known.count - 1))]
                if !ids.contains(id) { ids.append(id) }
            }
            let predicted = ids.allSatisfy {
                booking.payments[$0]?.collection == .agency && booking.payments[$0]?.status == .recorded
            }
            let snapshot = ledger.bookings
            let events = ledger.eventCount
            do {
                try ledger.recordAgencySettlement(ids, of: bookingId, reference: "AGY-\(events)")
                count("agency", true)
                #expect(predicted, "agency settlement of \(ids) accepted")
                for id in ids { model[bookingId]?.payments[id]?.status = .settled }
            } catch {
                count("agency", false)
                #expect(!predicted, "agency settlement of \(ids) refused: \(error)")
                #expect(ledger.bookings == snapshot)
                #expect(ledger.eventCount == events)
            }
        }

        mutating func modify() throws {
            guard let bookingId = randomBooking(), let booking = model[bookingId] else { return }
            let price = random64(50_00...7000_00)
            let snapshot = ledger.bookings
            let events = ledger.eventCount
            do {
                try ledger.modifyBooking(bookingId, totalPrice: Kit.eur(price))
                count("modify", true)
                #expect(!booking.cancelled, "a cancelled booking was modified")
                model[bookingId]?.priceCents = price
            } catch {
                count("modify", false)
                #expect(booking.cancelled, "modification refused: \(error)")
                #expect(ledger.bookings == snapshot)
                #expect(ledger.eventCount == events)
            }
        }

        mutating func cancel() throws {
            guard let bookingId = randomBooking(), let booking = model[bookingId] else { return }
            let snapshot = ledger.bookings
            let events = ledger.eventCount
            do {
                try ledger.cancelBooking(bookingId)
                count("cancel", true)
                #expect(!booking.cancelled, "a cancelled booking was cancelled again")
                var updated = booking
                updated.cancelled = true
                updated.priceCents = 0
                for (id, payment) in booking.payments where payment.status == .open {
                    updated.payments[id]?.status = .failed
                }
                model[bookingId] = updated
            } catch {
                count("cancel", false)
                #expect(booking.cancelled, "cancellation refused: \(error)")
                #expect(error.code == .bookingCancelled)
                #expect(ledger.bookings == snapshot)
                #expect(ledger.eventCount == events)
            }
        }

        // MARK: Invariants

        /// Decodes the records appended since the last call and folds the money they enter.
        mutating func foldNewEvents() throws {
            let records = journal.records
            for record in records.dropFirst(foldedRecords) {
                switch try LedgerRecordCodec.decode(record) {
                case .bookingCreated: createdByEvents += 1
                case .paymentEntered(let bookingId, let payment):
                    enteredByEvents[bookingId, default: [:]][payment.identifier] = payment.amountMinorUnits
                default: break
                }
            }
            foldedRecords = records.count
        }

        mutating func checkInvariants(after step: Int) throws {
            try foldNewEvents()
            let fromEvents = enteredByEvents.values.reduce(Int64(0)) { $0 + $1.values.reduce(0, +) }
            #expect(fromEvents == enteredCents, "step \(step): the events enter other money than the ledger took")
            #expect(createdByEvents == order.count, "step \(step)")
            let today = clock.today()
            let bookings = ledger.bookings
            #expect(bookings.map(\.id) == order, "step \(step): bookings out of order")
            #expect(journal.records.count == ledger.eventCount, "step \(step): journal and event count differ")
            var currentCents: Int64 = 0
            for booking in bookings {
                let modelBooking = try #require(model[booking.id])
                currentCents += booking.payments.reduce(0) { $0 + $1.amountMinorUnits }

                // The ledger agrees with the model.
                #expect(booking.state == (modelBooking.cancelled ? .cancelled : .booked), "step \(step)")
                #expect(booking.totalPrice == Kit.eur(modelBooking.priceCents), "step \(step) \(booking.id)")
                #expect(Set(booking.payments.map(\.identifier)) == Set(modelBooking.payments.keys), "step \(step)")
                for payment in booking.payments {
                    let expected = ModelPayment(
                        amountCents: payment.amountMinorUnits, feeCents: payment.feeMinorUnits, status: payment.status,
                        collection: payment.collection)
                    #expect(
                        modelBooking.payments[payment.identifier] == expected,
                        "step \(step) \(booking.id)/\(payment.identifier)")
                }

                // The overview equals one computed from scratch.
                let overview = booking.overview(today: today)
                #expect(
                    overview == LedgerPropertyTests.recomputedOverview(booking, today: today),
                    "step \(step) \(booking.id)")

                // OpenAmount = TotalPrice + TotalFees − PaidAmount.
                #expect(
                    overview.openAmount.amount
                        == overview.totalPrice.amount + overview.totalFees.amount - overview.paidAmount.amount)
                #expect(booking.refundableAmount.amount == max(0, -overview.openAmount.amount))

                // The allocated money is what is paid towards the price, up to the schedule's total.
                let expectedPayments = booking.expectedPayments(today: today)
                let allocated = expectedPayments.reduce(Decimal(0)) { $0 + $1.allocated.amount }
                let scheduled = booking.schedule.reduce(Decimal(0)) { $0 + $1.amount.amount }
                let paidTowardsPrice = booking.payments.filter { $0.status.countsAsPaid }
                    .reduce(Decimal(0)) { $0 + $1.amount.amount }
                #expect(allocated == min(paidTowardsPrice, scheduled), "step \(step) \(booking.id)")
                #expect(expectedPayments.allSatisfy { $0.allocated.amount <= $0.scheduled.amount.amount })

                // The schedule adds up to the price (a cancelled booking has none).
                if modelBooking.cancelled {
                    #expect(booking.schedule.isEmpty)
                } else {
                    #expect(scheduled == booking.totalPrice.amount, "step \(step) \(booking.id)")
                }

                // No new payment can cover more than the uncovered part.
                #expect(booking.uncoveredAmount == Kit.eur(modelBooking.uncoveredCents), "step \(step) \(booking.id)")
            }
            // Money conservation: what was entered is what the payments hold.
            #expect(currentCents == enteredCents, "step \(step): money created or lost")
        }
    }

    static let seeds: [UInt64] = [1, 42, 2026, 0xDEAD_BEEF, 7_777_777, 31_337]

    @Test(arguments: seeds)
    func randomOperationsKeepTheLedgerConsistent(seed: UInt64) throws {
        var run = try Run(seed: seed)
        // Start with a few bookings so that payments have somewhere to go.
        for _ in 0..<3 { try run.createBooking() }
        for step in 0..<300 {
            try run.step()
            try run.checkInvariants(after: step)
        }
        // Every kind of operation happened and was sometimes refused.
        #expect((run.counts["enter"]?.ok ?? 0) > 20, "\(run.counts)")
        #expect((run.counts["enter"]?.refused ?? 0) > 0, "\(run.counts)")
        #expect((run.counts["status"]?.ok ?? 0) > 10, "\(run.counts)")
        #expect((run.counts["status"]?.refused ?? 0) > 0, "\(run.counts)")

        // The journal replays to the same ledger.
        let replayed = try Ledger(configuration: run.configuration, journal: run.journal)
        #expect(replayed.eventCount == run.ledger.eventCount)
        #expect(replayed.bookings == run.ledger.bookings)

        // Per booking, the money the events entered is the money its payments hold.
        for booking in replayed.bookings {
            let fromEvents = run.enteredByEvents[booking.id, default: [:]]
            #expect(
                fromEvents
                    == Dictionary(uniqueKeysWithValues: booking.payments.map { ($0.identifier, $0.amountMinorUnits) }))
        }
    }

    @Test func recomputationMatchesAHandWorkedExample() throws {
        // Guards the recomputation itself: a booking worked out by hand.
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(try Kit.date("2026-12-05"))))
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 500_00)], bookingId: id)
        try ledger.enterPayments(
            [try Kit.cardPayment("BAL", cents: 1000_00)], bookingId: id,
            outcomes: ["BAL": .settled(transactionReference: "T", authorizationCode: nil)])
        let booking = try #require(ledger.booking(id))
        let today = try Kit.date("2027-05-20")
        let worked = PaymentOverview(
            totalPrice: Kit.eur(3456_00), totalFees: Kit.eur(15_00), paidAmount: Kit.eur(1515_00),
            settledAmount: Kit.eur(1015_00), openAmount: Kit.signedEUR(1956_00), overdueAmount: Kit.eur(1956_00),
            nextDue: NextDue(paymentScope: .balance, dueDate: try Kit.date("2027-05-15"), amount: Kit.eur(1956_00)))
        #expect(Self.recomputedOverview(booking, today: today) == worked)
        #expect(booking.overview(today: today) == worked)
    }
}
