import Dispatch
public import Foundation
public import StringPayments
import Synchronization
public import XMLCoding

/// The tour operator's booking-level payment ledger: bookings, their payment schedules and every
/// payment, kept as the fold of an append-only event log.
///
/// Every operation is one atomic change: it is checked against the current state, turned into
/// events, written to the journal (when the ledger has one) and only then applied. A refused
/// operation throws a ``LedgerError`` and leaves the ledger exactly as it was; a reader never
/// sees half a change. The ledger is safe to call from any number of tasks at once: changes are
/// serialised by a lock, and reads take the same lock for a moment to copy out a booking.
///
/// ```swift
/// let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(today)))
/// let booking = try ledger.createBooking(draft)
/// let result = try ledger.enterPayments([deposit], bookingId: booking.id)
/// print(result.booking.overview(today: today).openAmount)
/// ```
///
/// Open a durable ledger with ``open(directory:configuration:journalOptions:)``; it replays
/// the journal in the directory and appends every change to it.
public final class Ledger: Sendable {
    /// The ledger's terms, options and clock.
    public let configuration: LedgerConfiguration
    /// The journal every change is written to, if any.
    public let journal: (any LedgerJournal)?
    /// Whether there is a journal: asked on every change, and comparing the optional
    /// existential with `nil` copies it.
    let isJournaled: Bool
    let storage: Mutex<Storage>

    struct Storage: ~Copyable {
        var state = LedgerState()
        /// Attempts this process is asking a gateway or voucher validation about right now;
        /// reconciliation leaves them alone.
        var activeAttempts: Set<PaymentAttemptKey> = []
        /// The card payments whose refund this process is asking a gateway about right now, by
        /// attempt key; reconciliation leaves those refunds alone.
        var activeRefunds: Set<PaymentAttemptKey> = []
        /// Set when a change was applied but the journal could not make it durable: the state
        /// is ahead of the journal, so every later change is refused until the ledger is reopened.
        var failure: LedgerError?
        /// The journal ticket of the change the current lock holder committed, if any.
        var ticket: JournalTicket?
        var generator: ReferenceGenerator
    }

    /// Creates a ledger, replaying the journal when one is given.
    ///
    /// - Parameters:
    ///   - configuration: Terms, options and clock.
    ///   - journal: The journal to replay and append to; `nil` keeps the ledger in memory only.
    /// - Throws: ``LedgerError`` with code `journal-failure` when the journal cannot be read or
    ///   holds a record that does not decode or fold; the error names the record.
    public init(
        configuration: LedgerConfiguration = LedgerConfiguration(), journal: (any LedgerJournal)? = nil
    )
        throws(LedgerError)
    {
        try configuration.validate()
        var state = LedgerState()
        if let journal {
            let records: [(record: Data, byteOffset: Int?)]
            do {
                records = try journal.replayWithOffsets()
            } catch {
                throw LedgerError(
                    code: .journalFailure, message: "cannot replay the journal: \(error)", journalError: error)
            }
            for (number, record) in records.enumerated() {
                // Only an error names the record: building the text for every record would cost
                // a tenth of the replay.
                var place: String {
                    "journal record \(number + 1)" + (record.byteOffset.map { " at byte \($0)" } ?? "")
                }
                let event: LedgerEvent
                do {
                    event = try LedgerRecordCodec.decode(record.record)
                } catch {
                    throw LedgerError(
                        code: .journalFailure, message: "\(place) does not decode: \(error)",
                        journalError: LedgerJournalError(
                            code: .corruptJournal, message: "\(place) does not decode: \(error)",
                            byteOffset: record.byteOffset))
                }
                do {
                    try state.apply([event])
                } catch {
                    throw LedgerError(
                        code: .journalFailure, message: "\(place) does not apply: \(error)",
                        bookingId: error.bookingId, paymentId: error.paymentId,
                        journalError: LedgerJournalError(
                            code: .corruptJournal, message: "\(place) does not apply: \(error.message)",
                            byteOffset: record.byteOffset))
                }
            }
        }
        self.configuration = configuration
        self.journal = journal
        self.isJournaled = journal != nil
        self.storage = Mutex(
            Storage(state: state, generator: ReferenceGenerator(seed: configuration.bookingReferenceSeed)))
    }

    /// Opens a ledger journaled in a directory, creating the directory and journal if missing.
    ///
    /// - Parameters:
    ///   - directory: The journal's directory.
    ///   - configuration: Terms, options and clock.
    ///   - journalOptions: Durability (fsync per change or group commit) and record size limit.
    /// - Returns: The ledger with the journal replayed.
    /// - Throws: ``LedgerError`` with code `journal-failure`; for a corrupt journal its
    ///   ``LedgerError/journalError`` carries the byte offset.
    public static func open(
        directory: URL,
        configuration: LedgerConfiguration = LedgerConfiguration(),
        journalOptions: FileJournalOptions = FileJournalOptions()
    ) throws(LedgerError) -> Ledger {
        let journal: FileJournal
        do {
            journal = try FileJournal.open(directory: directory, options: journalOptions)
        } catch {
            throw LedgerError(code: .journalFailure, message: "cannot open the journal: \(error)", journalError: error)
        }
        do {
            return try Ledger(configuration: configuration, journal: journal)
        } catch {
            journal.close()
            throw error
        }
    }

    /// Opens a ledger journaled in a directory for reading only: no lock, nothing written or
    /// created, so reports work beside the process that changes the ledger and on a read-only
    /// file system. Every change fails with `journal-failure` (the journal's code `read-only`).
    ///
    /// - Parameters:
    ///   - directory: The journal's directory.
    ///   - configuration: Terms, options and clock.
    /// - Returns: The ledger as of the changes complete when it was opened.
    /// - Throws: ``LedgerError`` with code `journal-failure`.
    public static func openForReading(
        directory: URL, configuration: LedgerConfiguration = LedgerConfiguration()
    ) throws(LedgerError) -> Ledger {
        let journal: FileJournal
        do {
            journal = try FileJournal.openForReading(directory: directory)
        } catch {
            throw LedgerError(code: .journalFailure, message: "cannot open the journal: \(error)", journalError: error)
        }
        do {
            return try Ledger(configuration: configuration, journal: journal)
        } catch {
            journal.close()
            throw error
        }
    }

    /// Who makes the changes of the current task: bind it around calls, as the message handler
    /// does for each request's agency. Changes made with none bound are stamped with
    /// ``LedgerConfiguration/defaultActor``.
    ///
    /// ```swift
    /// try Ledger.$actor.withValue(.user("anna")) { try ledger.settlePayment("DEP", of: id) }
    /// ```
    @TaskLocal public static var actor: LedgerActor?

    /// A booking's events in journal order, each with who made it and when.
    ///
    /// The history is read from the journal, so it costs a pass over the journal and nothing in
    /// memory; a ledger without a journal has none.
    ///
    /// - Parameter bookingId: The booking.
    /// - Returns: Its events, oldest first.
    /// - Throws: ``LedgerError`` with code `unknown-booking` or `journal-failure`.
    public func history(of bookingId: Identifier) throws(LedgerError) -> [LedgerHistoryEntry] {
        guard booking(bookingId) != nil else { throw Self.unknownBooking(bookingId) }
        guard let journal else { return [] }
        let records: [(record: Data, byteOffset: Int?)]
        do {
            records = try journal.replayWithOffsets()
        } catch {
            throw LedgerError(code: .journalFailure, message: "cannot read the journal: \(error)", journalError: error)
        }
        var entries: [LedgerHistoryEntry] = []
        for record in records {
            guard let decoded = try? LedgerRecordCodec.decodeRecord(record.record),
                decoded.event.bookingId == bookingId
            else { continue }
            entries.append(
                LedgerHistoryEntry(event: decoded.event, stamp: decoded.stamp, byteOffset: record.byteOffset))
        }
        return entries
    }

    /// What opening the file journal found after its committed changes and did about it, if
    /// anything: report it.
    public var journalRecovery: JournalRecovery? { (journal as? FileJournal)?.recovery }

    /// Makes pending journal records durable and closes the journal; later changes fail with
    /// `journal-failure`.
    public func close() {
        journal?.close()
    }

    /// Today, by the configuration's clock.
    public var today: XMLDate { configuration.clock.today() }

    // MARK: - Reading

    /// The booking with the identifier, as of the last complete change.
    ///
    /// - Parameter id: The booking's identifier.
    /// - Returns: The booking, or `nil` when there is none.
    public func booking(_ id: Identifier) -> LedgerBooking? {
        storage.withLock { $0.state.booking(id) }
    }

    /// The booking's payment overview for today.
    ///
    /// - Parameter id: The booking's identifier.
    /// - Returns: The overview.
    /// - Throws: ``LedgerError`` with code `unknown-booking`.
    public func overview(of id: Identifier) throws(LedgerError) -> PaymentOverview {
        guard let booking = booking(id) else { throw Self.unknownBooking(id) }
        return booking.overview(today: today)
    }

    /// The number of bookings.
    public var bookingCount: Int { storage.withLock { $0.state.bookings.count } }

    /// The number of events applied since the ledger began, replayed ones included.
    public var eventCount: Int { storage.withLock { $0.state.eventCount } }

    /// Every booking, in the order they were made.
    public var bookings: [LedgerBooking] { storage.withLock { $0.state.bookings } }

    /// The bookings with money overdue today, most overdue first: what the back office chases.
    ///
    /// - Parameter today: The day that decides what is overdue; default the clock's today.
    /// - Returns: Each booking with its overdue amount, largest first, then by booking identifier.
    public func overdueBookings(today: XMLDate? = nil) -> [(booking: LedgerBooking, overdue: CurrencyAmount)] {
        let day = today ?? self.today
        let all = bookings
        return
            all
            .compactMap { booking -> (booking: LedgerBooking, overdue: CurrencyAmount)? in
                guard booking.state == .booked else { return nil }
                let overdue = booking.overview(today: day).overdueAmount
                return overdue.isZero ? nil : (booking, overdue)
            }
            .sorted {
                $0.overdue.amount != $1.overdue.amount
                    ? $0.overdue.amount > $1.overdue.amount : $0.booking.id < $1.booking.id
            }
    }

    // MARK: - Bookings

    /// Prices a booking without storing anything: its schedule and options as they would be.
    ///
    /// - Parameter draft: The booking's data.
    /// - Returns: A booking in state `Quoted` with its schedule; it is not in the ledger.
    /// - Throws: ``LedgerError`` with code `invalid-schedule`, `booking-data-required` or
    ///   `invalid-booking-details`.
    public func quote(_ draft: BookingDraft) throws(LedgerError) -> LedgerBooking {
        let id = draft.id ?? "QUOTE"
        return try makeBooking(draft, id: id, state: .quoted, today: today)
    }

    /// Makes a booking with its payment schedule.
    ///
    /// When `requestDigest` names a booking made earlier, or `draft.id` names a booking with the
    /// same data, that booking is returned and nothing changes: sending the same `Book` request
    /// twice books once.
    ///
    /// - Parameters:
    ///   - draft: The booking's data; without `id` the ledger generates a ``BookingReference``.
    ///   - requestDigest: An identity of the request that makes the booking, for idempotency.
    /// - Returns: The booking and whether this call made it.
    /// - Throws: ``LedgerError`` with code `booking-exists`, `invalid-schedule` or `journal-failure`.
    @discardableResult
    public func createBooking(
        _ draft: BookingDraft, requestDigest: String? = nil
    ) throws(LedgerError) -> (
        booking: LedgerBooking, created: Bool
    ) {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            let plan = try planBooking(
                draft, requestDigest: requestDigest, payments: [], collection: nil, today: today, storage: &storage)
            let result = try commit(plan, outcomes: [:], today: today, storage: &storage)
            return (result.booking, plan.newBooking != nil)
        }
    }

    /// Checks a new booking and the payments that come with it: the booking the request made
    /// before (by `requestDigest`, or `draft.id` with the same data), or a new one.
    func planBooking(
        _ draft: BookingDraft, requestDigest: String?, payments: [Payment], collection: PaymentCollection?,
        today: XMLDate, storage: inout Storage
    ) throws(LedgerError) -> PaymentPlan {
        var existingId: Identifier?
        if let requestDigest {
            existingId = storage.state.bookingsByRequestDigest[requestDigest]
        }
        if existingId == nil, let id = draft.id, let existing = storage.state.booking(id) {
            let again = try makeBooking(draft, id: id, state: .booked, today: existing.createdOn)
            guard again.matchesData(of: existing) else {
                throw LedgerError(code: .bookingExists, message: "booking \(id) exists with other data", bookingId: id)
            }
            existingId = id
        }
        if let existingId {
            return try Self.plan(
                payments, booking: Self.activeBooking(existingId, in: storage.state), isNew: false,
                collection: collection, today: today)
        }
        var id = draft.id
        while id == nil {
            let candidate = BookingReference.generate(using: &storage.generator).identifier
            if storage.state.booking(candidate) == nil { id = candidate }
        }
        let booking = try makeBooking(draft, id: id ?? "", state: .booked, today: today)
        return try Self.plan(
            payments, booking: booking, isNew: true, requestDigest: requestDigest, collection: collection, today: today)
    }

    /// Changes a booking's price, dates or travellers and recomputes its schedule from the
    /// original booking date; payments are kept and reallocated.
    ///
    /// - Parameters:
    ///   - id: The booking.
    ///   - totalPrice: The new price, in the booking currency; `nil` keeps it.
    ///   - departureDate: The new departure date; `nil` keeps it.
    ///   - returnDate: The new return date; `nil` keeps it.
    ///   - travellers: The new travellers and lead traveller; `nil` keeps them.
    ///   - services: The booked services, replacing the booking's (journaled as
    ///     ``LedgerEvent/servicesRecorded(_:)`` with the calling task's actor); `nil` keeps them.
    ///   - servicesContent: The request's `Services` as sent, kept verbatim with `services`
    ///     (``LedgerBooking/servicesContent``); ignored when `services` is `nil`. Default `nil`.
    /// - Returns: The modified booking.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `booking-cancelled`,
    ///   `currency-mismatch`, `invalid-schedule`, `invalid-booking-details` (services beyond
    ///   the limits of ``BookedService``) or `journal-failure`.
    @discardableResult
    public func modifyBooking(
        _ id: Identifier,
        totalPrice: CurrencyAmount? = nil,
        departureDate: XMLDate? = nil,
        returnDate: XMLDate? = nil,
        travellers: (travellers: [Traveller], leadTraveller: Identifier?)? = nil,
        services: [BookedService]? = nil,
        servicesContent: Services? = nil
    ) throws(LedgerError) -> LedgerBooking {
        try modify(
            id, totalPrice: totalPrice, departureDate: departureDate, returnDate: returnDate, travellers: travellers,
            services: services, servicesContent: servicesContent
        ).booking
    }

    /// ``modifyBooking(_:totalPrice:departureDate:returnDate:travellers:services:servicesContent:)``, telling
    /// whether anything changed: a modification that sets what the booking has already changes
    /// nothing.
    func modify(
        _ id: Identifier,
        totalPrice: CurrencyAmount? = nil,
        departureDate: XMLDate? = nil,
        returnDate: XMLDate? = nil,
        travellers: (travellers: [Traveller], leadTraveller: Identifier?)? = nil,
        services: [BookedService]? = nil,
        servicesContent: Services? = nil
    ) throws(LedgerError) -> (booking: LedgerBooking, changed: Bool) {
        let stamp = currentStamp
        return try withChange { storage throws(LedgerError) in
            let booking = try Self.activeBooking(id, in: storage.state)
            let price = totalPrice ?? booking.totalPrice
            guard price.currency == booking.currency else {
                throw LedgerError(
                    code: .currencyMismatch,
                    message: "the new price is in \(price.currency), the booking in \(booking.currency)", bookingId: id)
            }
            let departure = departureDate ?? booking.departureDate
            let schedule = try schedule(total: price, bookedOn: booking.createdOn, departure: departure, id: id)
            let people = travellers ?? (booking.travellers, booking.leadTraveller)
            let email =
                travellers == nil
                ? booking.customerEmail
                : people.travellers.first { $0.identifier == people.leadTraveller }?.email ?? booking.customerEmail
            let modification = BookingModification(
                bookingId: id, totalPrice: price, departureDate: departure,
                returnDate: returnDate ?? booking.returnDate,
                travellers: people.travellers, leadTraveller: people.leadTraveller, customerEmail: email,
                schedule: schedule)
            let unchanged =
                price == booking.totalPrice && departure == booking.departureDate
                && modification.returnDate == booking.returnDate && modification.travellers == booking.travellers
                && modification.leadTraveller == booking.leadTraveller
                && modification.customerEmail == booking.customerEmail && schedule == booking.schedule
            var events: [LedgerEvent] = unchanged ? [] : [.bookingModified(modification)]
            if let services, services != booking.services || servicesContent != booking.servicesContent {
                events.append(
                    .servicesRecorded(
                        BookedServicesEvent(bookingId: id, services: services, content: servicesContent, stamp: stamp)))
            }
            if events.isEmpty { return (booking, false) }
            return (try commit(events, to: &storage), true)
        }
    }

    /// Cancels a booking: the price becomes the cancellation charge, the schedule is dropped,
    /// open payments fail with reason "booking cancelled", and paid money beyond the charge
    /// becomes refundable (the overview's `OpenAmount` turns negative).
    ///
    /// - Parameter id: The booking.
    /// - Returns: The cancelled booking.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `booking-cancelled` or `journal-failure`.
    @discardableResult
    public func cancelBooking(_ id: Identifier) throws(LedgerError) -> LedgerBooking {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            let booking = try Self.activeBooking(id, in: storage.state)
            let charge = CurrencyAmount(
                amount: booking.totalPrice.amount * configuration.cancellationChargePercentage / 100,
                currency: booking.currency
            ).rounded()
            var events: [LedgerEvent] = [.bookingCancelled(bookingId: id, on: today, chargedPrice: charge)]
            for payment in booking.payments where payment.status == .open {
                // A payment in flight waits for its outcome: money the gateway took becomes refundable.
                if payment.isInFlight { continue }
                events.append(
                    .paymentStatusChanged(
                        PaymentStatusChange(
                            bookingId: id, paymentId: payment.identifier, from: .open, to: .failed, date: today,
                            failureReason: "booking cancelled")))
            }
            return try commit(events, to: &storage)
        }
    }

    // MARK: - Payments

    /// Checks payments against a booking and enters them, with their outcomes, as one change.
    ///
    /// Each payment is checked: the booking exists and is not cancelled, the currency is the
    /// booking currency, the amount is positive and within what no other payment covers yet, the
    /// form of payment is offered (and the card type accepted), and the collection is allowed by
    /// the booking's restriction. Then:
    /// - collected by the agency → `Recorded`, entry date from the payment or today;
    /// - collected on site, or by the tour operator by invoice or instalments → `Open`;
    /// - collected by the tour operator by card, direct debit, e-banking, e-wallet or voucher →
    ///   the outcome in `outcomes` (`Settled`, `Failed` or `Open`), `Open` when there is none.
    ///
    /// A payment whose identifier the booking has already, with the same instruction, is left as
    /// it is (the request is idempotent); with another instruction it is refused, unless the
    /// payment `Failed`: then it is entered again (`Failed` → `Open`) and processed anew.
    ///
    /// - Parameters:
    ///   - payments: The payments, as a STRING request carries them. Card numbers and security
    ///     codes are dropped before anything is stored.
    ///   - bookingId: The booking.
    ///   - collection: The request's `Payments/@Collection`.
    ///   - outcomes: What the gateway or voucher validation said, by payment identifier.
    /// - Returns: The booking after the change, and which payments were entered or left as they were.
    /// - Throws: ``LedgerError``; the ledger is then unchanged.
    @discardableResult
    public func enterPayments(
        _ payments: [Payment],
        bookingId: Identifier,
        collection: PaymentCollection? = nil,
        outcomes: [Identifier: PaymentOutcome] = [:]
    ) throws(LedgerError) -> PaymentEntryResult {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            let position = try Self.activePosition(bookingId, in: storage.state)
            if payments.count == 1 {
                return try enterOne(
                    payments, position: position, collection: collection, outcomes: outcomes, today: today,
                    storage: &storage)
            }
            let plan = try Self.plan(
                payments, booking: storage.state.bookings[position], isNew: false,
                collection: collection, today: today)
            return try commit(plan, outcomes: outcomes, today: today, storage: &storage, position: position)
        }
    }

    // MARK: - Tour operator operations

    /// Marks a payment as received by the tour operator: `Open` or `Recorded` → `Settled`.
    ///
    /// - Parameters:
    ///   - paymentId: The payment.
    ///   - bookingId: Its booking.
    ///   - transactionReference: The bank's or gateway's reference.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-payment`,
    ///   `invalid-status-transition` or `journal-failure`.
    @discardableResult
    public func settlePayment(
        _ paymentId: Identifier, of bookingId: Identifier, transactionReference: String? = nil
    ) throws(LedgerError) -> LedgerBooking {
        try changeStatus(paymentId, of: bookingId, to: .settled, transactionReference: transactionReference)
    }

    /// Marks a payment as failed: any status but `Confirmed` → `Failed`.
    ///
    /// - Parameters:
    ///   - paymentId: The payment.
    ///   - bookingId: Its booking.
    ///   - reason: Why it failed; it travels as `PaymentDetails/FailureReason`.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` as ``settlePayment(_:of:transactionReference:)``.
    @discardableResult
    public func failPayment(
        _ paymentId: Identifier, of bookingId: Identifier, reason: String
    ) throws(LedgerError)
        -> LedgerBooking
    {
        try changeStatus(paymentId, of: bookingId, to: .failed, failureReason: reason)
    }

    /// Confirms receipt of a settled payment: `Settled` → `Confirmed` (final).
    ///
    /// - Parameters:
    ///   - paymentId: The payment.
    ///   - bookingId: Its booking.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` as ``settlePayment(_:of:transactionReference:)``.
    @discardableResult
    public func confirmPayment(_ paymentId: Identifier, of bookingId: Identifier) throws(LedgerError) -> LedgerBooking {
        try changeStatus(paymentId, of: bookingId, to: .confirmed)
    }

    /// Requests a failed payment again: `Failed` → `Open`.
    ///
    /// - Parameters:
    ///   - paymentId: The payment.
    ///   - bookingId: Its booking.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` as ``settlePayment(_:of:transactionReference:)``, and
    ///   `booking-cancelled` when the booking is cancelled (its payments are not requested again).
    @discardableResult
    public func reopenPayment(_ paymentId: Identifier, of bookingId: Identifier) throws(LedgerError) -> LedgerBooking {
        try changeStatus(paymentId, of: bookingId, to: .open)
    }

    /// Records that the agency passed on the money it collected: each of the payments,
    /// `Recorded` and collected by the agency, → `Settled` with the settlement's reference. All
    /// or none.
    ///
    /// - Parameters:
    ///   - paymentIds: The payments the settlement covers.
    ///   - bookingId: Their booking.
    ///   - reference: The settlement's reference, kept as each payment's transaction reference.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `not-agency-collected`, `invalid-status-transition`,
    ///   `unknown-payment`, `unknown-booking` or `journal-failure`.
    @discardableResult
    public func recordAgencySettlement(
        _ paymentIds: [Identifier], of bookingId: Identifier, reference: String
    ) throws(LedgerError) -> LedgerBooking {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            guard !paymentIds.isEmpty else { return booking }
            var events: [LedgerEvent] = []
            for paymentId in paymentIds {
                guard let payment = booking.payment(paymentId) else {
                    throw Self.unknownPayment(paymentId, of: bookingId)
                }
                guard payment.collection == .agency else {
                    throw LedgerError(
                        code: .notAgencyCollected,
                        message: "payment \(paymentId) is collected by \(payment.collection.rawValue), not the agency",
                        bookingId: bookingId, paymentId: paymentId)
                }
                guard payment.status == .recorded, !payment.isInFlight else {
                    throw Self.transitionError(payment, to: .settled, bookingId: bookingId)
                }
                events.append(
                    .paymentStatusChanged(
                        PaymentStatusChange(
                            bookingId: bookingId, paymentId: paymentId, from: .recorded, to: .settled, date: today,
                            transactionReference: reference)))
            }
            return try commit(events, to: &storage)
        }
    }

    // MARK: - Internals

    private func changeStatus(
        _ paymentId: Identifier, of bookingId: Identifier, to next: PaymentStatus,
        transactionReference: String? = nil, failureReason: String? = nil
    ) throws(LedgerError) -> LedgerBooking {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            guard let payment = booking.payment(paymentId) else { throw Self.unknownPayment(paymentId, of: bookingId) }
            if payment.isInFlight {
                throw LedgerError(
                    code: .paymentInProgress,
                    message:
                        "payment \(paymentId) is in flight; its outcome comes from the gateway or a reconciliation",
                    bookingId: bookingId, paymentId: paymentId)
            }
            guard payment.status.canTransition(to: next) else {
                throw Self.transitionError(payment, to: next, bookingId: bookingId)
            }
            // Money may still arrive, fail or be confirmed on a cancelled booking, but nothing is
            // requested again from its customer.
            if next == .open, booking.state == .cancelled {
                throw LedgerError(
                    code: .bookingCancelled,
                    message: "booking \(bookingId) is cancelled; its payments are not requested again",
                    bookingId: bookingId, paymentId: paymentId)
            }
            let change = PaymentStatusChange(
                bookingId: bookingId, paymentId: paymentId, from: payment.status, to: next, date: today,
                transactionReference: transactionReference, failureReason: failureReason)
            return try commit([.paymentStatusChanged(change)], to: &storage)
        }
    }

    /// Checks, hands to the journal and applies the events of one change; nothing changes when
    /// the check or the journal refuses it. Called with the lock held; the journal's ticket is
    /// left in `storage.ticket` for ``withChange(_:)`` to wait for after the lock is released.
    @discardableResult
    func commit(_ events: [LedgerEvent], to storage: inout Storage) throws(LedgerError) -> LedgerBooking {
        guard let position = try commitChange(events, to: &storage) else {
            throw LedgerError(code: .unknownBooking, message: "the change concerns no booking")
        }
        return storage.state.bookings[position]
    }

    /// ``commit(_:to:)`` for a change that may concern no booking (only unregistered payments).
    ///
    /// - Returns: The position of the booking the change concerns, if any.
    @discardableResult
    func commitChange(_ events: [LedgerEvent], to storage: inout Storage) throws(LedgerError) -> Int? {
        if let failure = storage.failure { throw failure }
        guard !events.isEmpty else { return nil }
        let bookingId = LedgerState.bookingId(of: events)
        let position = bookingId.flatMap { storage.state.position(of: $0) }
        try storage.state.check(events, position: position)
        try submit(events, bookingId: bookingId, storage: &storage)
        return storage.state.apply(events, afterCheck: (), position: position)
    }

    /// ``commitChange(_:to:)`` for payments entered into the existing booking at `position`: the
    /// same check, journal records and state as their `paymentEntered` events, without building
    /// the events unless the journal needs them.
    ///
    /// - Returns: The booking after the change.
    func commitEntered(
        _ payments: consuming [LedgerPayment], bookingId: Identifier, position: Int, to storage: inout Storage
    ) throws(LedgerError) -> LedgerBooking {
        if let failure = storage.failure { throw failure }
        try storage.state.checkEntered(payments, position: position)
        if journal != nil {
            try submit(
                payments.map { .paymentEntered(bookingId: bookingId, payment: $0) }, bookingId: bookingId,
                storage: &storage)
        }
        storage.state.applyEntered(consume payments, afterCheck: (), position: position)
        return storage.state.bookings[position]
    }

    /// Hands the events of a checked change to the journal, if any, and keeps its ticket in
    /// `storage.ticket`. Called with the lock held.
    func submit(
        _ events: [LedgerEvent], bookingId: Identifier?, storage: inout Storage
    ) throws(LedgerError) {
        guard let journal else { return }
        var records: [Data] = []
        records.reserveCapacity(events.count)
        let stamp = currentStamp
        for event in events { records.append(LedgerRecordCodec.encode(event, stamp: stamp)) }
        do {
            let ticket = try journal.submit(records, concerning: bookingId?.value)
            storage.ticket = max(storage.ticket ?? ticket, ticket)
        } catch {
            if error.code == .conflict {
                // Another writer changed the booking first: fold its changes now, so that
                // the caller's retry (``withLockedChange(_:)``) checks against them.
                try followOtherWriters(in: &storage)
            }
            throw LedgerError(
                code: .journalFailure, message: "the journal refused the change: \(error)",
                bookingId: bookingId, journalError: error)
        }
    }

    /// Runs one change under the lock, then waits, without the lock, until the journal has made
    /// it as durable as its durability setting promises.
    func withChange<Result: Sendable>(
        _ body: (inout Storage) throws(LedgerError) -> Result
    ) throws(LedgerError) -> Result {
        let (result, ticket) = try withTicketedChange(body)
        if let ticket { try waitForJournal(ticket, forced: false) }
        return result
    }

    /// Runs one change under the lock (with ``withLockedChange(_:)``'s retries) and returns its
    /// result with the journal ticket of what it appended, for the caller to wait for.
    private func withTicketedChange<Result: Sendable>(
        _ body: (inout Storage) throws(LedgerError) -> Result
    ) throws(LedgerError) -> (Result, JournalTicket?) {
        try withLockedChange { storage throws(LedgerError) -> (Result, JournalTicket?) in
            storage.ticket = nil
            defer { storage.ticket = nil }
            let result = try body(&storage)
            return (result, storage.ticket)
        }
    }

    /// ``withChange(_:)`` for callers that may suspend: waits for the journal without blocking a
    /// thread (the cooperative pool has one thread per core, and a server's event loops may run it).
    func withChangeAwaitingJournal<Result: Sendable>(
        _ body: (inout Storage) throws(LedgerError) -> Result
    ) async throws(LedgerError) -> Result {
        let (result, ticket) = try withTicketedChange(body)
        if let ticket { try await awaitJournal(ticket, forced: false) }
        return result
    }

    /// How often a change is checked again after a shared journal's `conflict` before the
    /// conflict is reported to the caller.
    static let conflictRetries = 64

    /// Runs `body` under the lock, and again, up to ``conflictRetries`` times, while a shared
    /// journal refuses its change with `conflict`: by then the ledger has folded the other
    /// writers' changes (``commitChange(_:to:)`` does it), so `body` checks the change against
    /// the new state. Every path that commits runs through here.
    func withLockedChange<Result: Sendable>(
        _ body: (inout Storage) throws(LedgerError) -> Result
    ) throws(LedgerError) -> Result {
        var retries = 0
        while true {
            do {
                return try storage.withLock { storage throws(LedgerError) in try body(&storage) }
            } catch where error.journalError?.code == .conflict && retries < Self.conflictRetries {
                retries += 1
            }
        }
    }

    /// Folds the changes other writers of a shared journal appended since the ledger last looked
    /// (see ``LedgerJournal/recordsOfOtherWriters()``). A server instance calls this when the
    /// database tells it of new records; a change that conflicts calls it by itself.
    ///
    /// - Returns: The number of records folded; 0 for a journal with one writer.
    /// - Throws: ``LedgerError`` with code `journal-failure` when the journal cannot be read or a
    ///   record does not decode or fold; the ledger then refuses changes until it is reopened.
    @discardableResult
    public func followOtherWriters() throws(LedgerError) -> Int {
        try storage.withLock { storage throws(LedgerError) in try followOtherWriters(in: &storage) }
    }

    /// ``followOtherWriters()`` with the lock held.
    @discardableResult
    func followOtherWriters(in storage: inout Storage) throws(LedgerError) -> Int {
        guard let journal else { return 0 }
        if let failure = storage.failure { throw failure }
        let records: [Data]
        do {
            records = try journal.recordsOfOtherWriters()
        } catch {
            throw LedgerError(
                code: .journalFailure, message: "cannot read other writers' changes: \(error)", journalError: error)
        }
        for (number, record) in records.enumerated() {
            do {
                try storage.state.apply([try LedgerRecordCodec.decode(record)])
            } catch {
                // The state may now hold part of another writer's change: refuse every change.
                let failure = LedgerError(
                    code: .journalFailure,
                    message: "record \(number + 1) of other writers' changes does not fold: \(error)",
                    journalError: LedgerJournalError(
                        code: .corruptJournal,
                        message: "record \(number + 1) of other writers' changes does not fold: \(error)"))
                storage.failure = failure
                throw failure
            }
        }
        return records.count
    }

    /// Blocks the calling thread until the journal reports the ticket; a failure poisons the ledger.
    func waitForJournal(_ ticket: JournalTicket, forced: Bool) throws(LedgerError) {
        guard let journal else { return }
        do {
            try journal.waitUntilDurable(ticket, forced: forced)
        } catch {
            throw poison(error)
        }
    }

    /// Suspends until the journal reports the ticket, without blocking a thread; a failure
    /// poisons the ledger.
    func awaitJournal(_ ticket: JournalTicket, forced: Bool) async throws(LedgerError) {
        guard let journal else { return }
        let error: LedgerJournalError? = await withCheckedContinuation { continuation in
            journal.whenDurable(ticket, forced: forced) { error in continuation.resume(returning: error) }
        }
        if let error { throw poison(error) }
    }

    /// Records that an applied change could not be made durable, and returns the error to report.
    private func poison(_ error: LedgerJournalError) -> LedgerError {
        let failure = LedgerError(
            code: .journalFailure,
            message: "a change could not be made durable; the ledger refuses changes until it is reopened: \(error)",
            journalError: error)
        storage.withLock { storage in
            if storage.failure == nil { storage.failure = failure }
        }
        return failure
    }

    /// Enters a checked plan's payments with their outcomes, as one change.
    ///
    /// - Parameter position: The booking's position, when the caller has looked it up.
    func commit(
        _ plan: PaymentPlan, outcomes: [Identifier: PaymentOutcome], today: XMLDate, storage: inout Storage,
        position: Int? = nil
    ) throws(LedgerError) -> PaymentEntryResult {
        var records: [LedgerPayment] = []
        records.reserveCapacity(plan.items.count)
        // By index: an item copied out of the array costs more than the record it holds.
        for index in plan.items.indices where plan.items[index].disposition != .unchanged {
            var record = plan.items[index].record
            try Self.applyProcessing(
                to: &record, processing: plan.items[index].processing, outcomes: outcomes, today: today,
                bookingId: plan.bookingId)
            records.append(record)
        }
        let booking: LedgerBooking
        if case .none = plan.newBooking, !records.isEmpty,
            let position = position ?? storage.state.position(of: plan.bookingId)
        {
            booking = try commitEntered(consume records, bookingId: plan.bookingId, position: position, to: &storage)
            return PaymentEntryResult(booking: booking, items: plan.items)
        }
        var events = records.map { LedgerEvent.paymentEntered(bookingId: plan.bookingId, payment: $0) }
        if let newBooking = plan.newBooking {
            events.insert(
                contentsOf: newBooking.creationEvents(requestDigest: plan.requestDigest, stamp: currentStamp), at: 0)
        }
        if events.isEmpty {
            guard let current = storage.state.booking(plan.bookingId) else { throw Self.unknownBooking(plan.bookingId) }
            booking = current
        } else {
            booking = try commit(events, to: &storage)
        }
        return PaymentEntryResult(booking: booking, items: plan.items)
    }

    private func makeBooking(
        _ draft: BookingDraft, id: Identifier, state: BookingState, today: XMLDate
    )
        throws(LedgerError) -> LedgerBooking
    {
        let currency = draft.totalPrice.currency
        // The configured options are shared by every booking that can use all of them, so a
        // million bookings hold one copy.
        var options = draft.paymentOptions ?? configuration.paymentOptions
        let usable = { (option: PaymentOption) in option.fixedFee.map { $0.currency == currency } ?? true }
        if !options.allSatisfy(usable) { options = options.filter(usable) }
        let schedule = try schedule(
            total: draft.totalPrice, bookedOn: today, departure: draft.departureDate, id: id)
        let email =
            draft.customerEmail ?? draft.travellers.first { $0.identifier == draft.leadTraveller }?.email
        let details = BookingDetailsChange(
            bookingId: id, customerName: draft.customerName, customerPhone: draft.customerPhone,
            account: draft.account, financed: draft.financed ? true : nil)
        try details.validate()
        var booking = LedgerBooking(
            id: id, state: state, agency: draft.agency, seller: draft.seller, branch: draft.branch,
            leadTraveller: draft.leadTraveller, travellers: draft.travellers, customerEmail: email,
            departureDate: draft.departureDate, returnDate: draft.returnDate, createdOn: today, cancelledOn: nil,
            totalPrice: draft.totalPrice, collection: draft.collection ?? configuration.collection,
            paymentOptions: options, schedule: schedule)
        if !draft.services.isEmpty {
            try BookedServicesEvent(
                bookingId: id, services: draft.services, content: draft.servicesContent, stamp: currentStamp
            ).validate()
        }
        if !details.isEmpty || !draft.services.isEmpty {
            var profile = booking.profile.value
            details.apply(to: &profile)
            profile.services = draft.services
            profile.servicesContent = draft.servicesContent
            booking.profile = ProfileBox(profile)
        }
        return booking
    }

    private func schedule(
        total: CurrencyAmount, bookedOn: XMLDate, departure: XMLDate, id: Identifier
    )
        throws(LedgerError) -> [ScheduledPayment]
    {
        do {
            return try configuration.paymentTerms.schedule(total: total, bookedOn: bookedOn, departure: departure)
        } catch {
            throw LedgerError(code: .invalidSchedule, message: error.message, bookingId: id)
        }
    }

    static func activePosition(_ id: Identifier, in state: borrowing LedgerState) throws(LedgerError) -> Int {
        guard let position = state.position(of: id) else { throw unknownBooking(id) }
        guard !state.isCancelled(at: position) else {
            throw LedgerError(code: .bookingCancelled, message: "booking \(id) is cancelled", bookingId: id)
        }
        return position
    }

    static func activeBooking(_ id: Identifier, in state: LedgerState) throws(LedgerError) -> LedgerBooking {
        state.bookings[try activePosition(id, in: state)]
    }

    static func unknownBooking(_ id: Identifier) -> LedgerError {
        LedgerError(code: .unknownBooking, message: "there is no booking \(id)", bookingId: id)
    }

    static func unknownPayment(_ paymentId: Identifier, of bookingId: Identifier) -> LedgerError {
        LedgerError(
            code: .unknownPayment, message: "booking \(bookingId) has no payment \(paymentId)", bookingId: bookingId,
            paymentId: paymentId)
    }

    static func transitionError(_ payment: LedgerPayment, to next: PaymentStatus, bookingId: Identifier) -> LedgerError
    {
        LedgerError(
            code: .invalidStatusTransition,
            message: "payment \(payment.identifier) cannot go from \(payment.status.rawValue) to \(next.rawValue)",
            bookingId: bookingId, paymentId: payment.identifier)
    }
}

extension LedgerBooking {
    /// Whether the booking has the same data as `other` (what a `Book` request sets).
    func matchesData(of other: LedgerBooking) -> Bool {
        id == other.id && agency == other.agency && seller == other.seller && branch == other.branch
            && leadTraveller == other.leadTraveller && travellers == other.travellers
            && departureDate == other.departureDate && returnDate == other.returnDate
            && totalPrice == other.totalPrice && collection == other.collection
    }
}

/// Draws booking references from the system generator or, for reproducible runs, from a seed.
struct ReferenceGenerator: RandomNumberGenerator {
    private var state: UInt64?
    private var system = SystemRandomNumberGenerator()

    init(seed: UInt64?) { state = seed }

    mutating func next() -> UInt64 {
        guard var value = state else { return system.next() }
        value &+= 0x9E37_79B9_7F4A_7C15
        state = value
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
