public import StringPayments
import Synchronization
import XMLCoding

/// What a `Book` with payments did.
public struct BookingEntryResult: Sendable {
    /// The payments' result, with the booking after the change.
    public let payments: PaymentEntryResult
    /// Whether this call made the booking (`false`: the same request made it before).
    public let created: Bool

    /// The booking after the change.
    public var booking: LedgerBooking { payments.booking }
}

extension Ledger {
    /// Enters a request's payments and collects the money through the gateway and the voucher
    /// validation, all or nothing.
    ///
    /// 1. Every payment is checked against the booking (as
    ///    ``enterPayments(_:bookingId:collection:outcomes:)`` checks it), and every voucher with
    ///    ``VoucherValidator/check(_:amount:bookingId:)``; any refusal refuses the whole request
    ///    and nothing is charged or stored.
    /// 2. The request's payments are entered `Open` and **in flight**, as one journaled change
    ///    that is on stable storage before anything else happens: from now on they count against
    ///    what the booking owes, for every other request.
    /// 3. The gateway authorises each card (or other electronic) payment with the attempt's
    ///    idempotency key, outside the ledger's lock; then the vouchers are redeemed.
    /// 4. When every item was accepted, the authorisations are captured: the payments become
    ///    `Settled` (agency-collected ones `Recorded`, invoices `Open`). When one was declined, the
    ///    authorisations are voided and every payment of the request becomes `Failed`, the
    ///    declined one with the gateway's reason. Money that was taken and cannot be given back
    ///    by a void (an e-banking transfer, a redeemed voucher) is entered `Settled`: it is in the
    ///    ledger, refundable, never only at the gateway.
    /// 5. A gateway call that fails technically leaves its payment in flight (``PaymentEntryResult/inFlight``);
    ///    ``reconcile(gateway:vouchers:)`` resolves it by asking the gateway by key.
    ///
    /// - Parameters:
    ///   - payments: The payments, as a STRING request carries them (card numbers included: they
    ///     go to the gateway only).
    ///   - bookingId: The booking.
    ///   - collection: The request's `Payments/@Collection`.
    ///   - gateway: The payment gateway.
    ///   - vouchers: The voucher validation.
    /// - Returns: The booking afterwards and what happened to each payment.
    /// - Throws: ``LedgerError``: any check's code (the ledger is then unchanged), or
    ///   `journal-failure`.
    public func processPayments(
        _ payments: [Payment], bookingId: Identifier, collection: PaymentCollection? = nil,
        gateway: any PaymentGateway, vouchers: any VoucherValidator
    ) async throws(LedgerError) -> PaymentEntryResult {
        let today = self.today
        let plan = { (storage: inout Storage) throws(LedgerError) -> PaymentPlan in
            let position = try Self.activePosition(bookingId, in: storage.state)
            return try Self.plan(
                payments, booking: storage.state.bookings[position], isNew: false, collection: collection, today: today)
        }
        return try await process(plan, vouchers: vouchers, gateway: gateway, today: today)
    }

    /// Makes a booking and processes the payments that come with it, as
    /// ``processPayments(_:bookingId:collection:gateway:vouchers:)`` does; the booking is made in
    /// the same change that enters the payments in flight.
    ///
    /// When `requestDigest` names a booking made earlier, or `draft.id` names a booking with the
    /// same data, no booking is made and the payments are checked against that booking, where
    /// the same payments are left as they are: sending the same `Book` request twice books and
    /// charges once.
    ///
    /// - Parameters:
    ///   - draft: The booking's data; without `id` the ledger generates a ``BookingReference``.
    ///   - requestDigest: An identity of the request, for idempotency.
    ///   - payments: Payments that come with the booking.
    ///   - collection: The request's `Payments/@Collection`.
    ///   - gateway: The payment gateway.
    ///   - vouchers: The voucher validation.
    /// - Returns: The booking, whether this call made it, and the payments' result.
    /// - Throws: ``LedgerError`` with code `booking-exists`, `invalid-schedule`, any payment
    ///   check's code, or `journal-failure`.
    public func book(
        _ draft: BookingDraft, requestDigest: String? = nil, payments: [Payment] = [],
        collection: PaymentCollection? = nil, gateway: any PaymentGateway, vouchers: any VoucherValidator
    ) async throws(LedgerError) -> BookingEntryResult {
        let today = self.today
        let created = Mutex(false)
        let plan = { (storage: inout Storage) throws(LedgerError) -> PaymentPlan in
            let plan = try self.planBooking(
                draft, requestDigest: requestDigest, payments: payments, collection: collection, today: today,
                storage: &storage)
            created.withLock { $0 = plan.newBooking != nil }
            return plan
        }
        let result = try await process(plan, vouchers: vouchers, gateway: gateway, today: today)
        return BookingEntryResult(payments: result, created: created.withLock { $0 })
    }

    // MARK: - The steps

    func process(
        _ plan: (inout Storage) throws(LedgerError) -> PaymentPlan, vouchers: any VoucherValidator,
        gateway: any PaymentGateway, today: XMLDate
    ) async throws(LedgerError) -> PaymentEntryResult {
        // 1. Check. A request with vouchers has them checked, outside the lock, before anything
        // is stored or charged, and is then checked again; any other is entered at once.
        var entry = try withLockedChange { storage throws(LedgerError) -> Entry? in
            let generator = storage.generator
            let current = try plan(&storage)
            guard !current.itemsToProcess.contains(where: { $0.processing == .voucher }) else {
                // The check draws no booking reference: the change after it draws the one it keeps.
                storage.generator = generator
                return nil
            }
            return try enter(current, today: today, storage: &storage)
        }
        if entry == nil {
            let checked = try storage.withLock { storage throws(LedgerError) in
                let generator = storage.generator
                defer { storage.generator = generator }
                return try plan(&storage)
            }
            try await checkVouchers(of: checked, with: vouchers)
            entry = try withLockedChange { storage throws(LedgerError) -> Entry? in
                try enter(try plan(&storage), today: today, storage: &storage)
            }
        }
        guard let (entered, attempts, ticket) = entry else {
            throw LedgerError(code: .unknownBooking, message: "the request could not be planned")
        }
        if attempts.isEmpty {
            if let ticket { try await awaitJournal(ticket, forced: false) }
            return entered
        }
        do {
            if let ticket { try await awaitJournal(ticket, forced: true) }
        } catch {
            release(attempts)
            throw error
        }
        // 3. and 4. Ask the gateway and the voucher validation, outside the lock.
        let results = await collect(attempts, gateway: gateway, vouchers: vouchers)
        // 5. Enter the outcomes.
        return try await finish(attempts, results: results, entries: entered.entries, today: today)
    }

    typealias Entry = (result: PaymentEntryResult, attempts: [Attempt], ticket: JournalTicket?)

    /// Refuses the plan when a voucher validation says one of its vouchers cannot pay.
    private func checkVouchers(of plan: PaymentPlan, with vouchers: any VoucherValidator) async throws(LedgerError) {
        for item in plan.itemsToProcess where item.processing == .voucher {
            guard case .voucher(let voucher) = item.payment.specialisation else {
                throw LedgerError(
                    code: .voucherRejected, message: "payment \(item.record.identifier) needs a VoucherCode",
                    bookingId: plan.bookingId, paymentId: item.record.identifier)
            }
            if case .rejected(let reason) = await vouchers.check(
                voucher, amount: item.record.amount, bookingId: plan.bookingId)
            {
                throw LedgerError(
                    code: .voucherRejected, message: "payment \(item.record.identifier) was refused: \(reason)",
                    bookingId: plan.bookingId, paymentId: item.record.identifier)
            }
        }
    }

    /// Enters a checked plan, with the lock held: as they end when no gateway or voucher is
    /// involved, else in flight, its attempts registered as active. The journal's ticket is
    /// returned for the caller to wait for outside the lock.
    func enter(_ plan: PaymentPlan, today: XMLDate, storage: inout Storage) throws(LedgerError) -> Entry {
        storage.ticket = nil
        defer { storage.ticket = nil }
        guard !plan.itemsToProcess.isEmpty else {
            return (try commit(plan, outcomes: [:], today: today, storage: &storage), [], storage.ticket)
        }
        var events: [LedgerEvent] = []
        if let booking = plan.newBooking {
            events += booking.creationEvents(requestDigest: plan.requestDigest, stamp: currentStamp)
        }
        for item in plan.items where item.disposition != .unchanged {
            var record = item.record
            record.isInFlight = true
            events.append(.paymentEntered(bookingId: plan.bookingId, payment: record))
        }
        events += plan.accompanyingEvents
        let booking = try commit(events, to: &storage)
        var attempts: [Attempt] = []
        for item in plan.items where item.disposition != .unchanged {
            guard let payment = booking.payment(item.record.identifier) else { continue }
            let attempt = Attempt(item: item, key: payment.attemptKey(bookingId: booking.id))
            attempts.append(attempt)
            storage.activeAttempts.insert(attempt.key)
        }
        return (PaymentEntryResult(booking: booking, items: plan.items), attempts, storage.ticket)
    }

    /// One payment of a request in flight.
    struct Attempt: Sendable {
        let item: PaymentPlan.Item
        let key: PaymentAttemptKey
        var chargeAmount: CurrencyAmount {
            CurrencyAmount(
                minorUnitCount: item.record.amountMinorUnits &+ item.record.feeMinorUnits,
                currency: item.record.currency)
        }
    }

    /// Where one attempt ended.
    enum AttemptResult: Sendable {
        case settled(reference: String?, code: String?)
        case failed(reason: String, reference: String?, retryable: Bool)
        case pending(reference: String?)
        case recorded
        case open
        case unknown
    }

    private func collect(
        _ attempts: [Attempt], gateway: any PaymentGateway, vouchers: any VoucherValidator
    ) async -> [PaymentAttemptKey: AttemptResult] {
        var results: [PaymentAttemptKey: AttemptResult] = [:]
        var authorized: [Attempt] = []
        var cause: String?
        for attempt in attempts where attempt.item.processing == .gateway {
            guard cause == nil else { break }
            let request = GatewayRequest(
                key: attempt.key, payment: attempt.item.payment, chargeAmount: attempt.chargeAmount)
            do {
                switch try await gateway.authorize(request) {
                case .authorized(let reference, let code):
                    results[attempt.key] = .settled(reference: Self.text(reference), code: code.map(Self.text))
                    authorized.append(attempt)
                case .captured(let reference, let code):
                    results[attempt.key] = .settled(reference: Self.text(reference), code: code.map(Self.text))
                case .pending(let reference):
                    results[attempt.key] = .pending(reference: Self.text(reference))
                    authorized.append(attempt)
                case .declined(let reason, let reference):
                    results[attempt.key] = .failed(
                        reason: Self.text(reason), reference: reference.map(Self.text), retryable: false)
                    cause = "payment \(attempt.key.paymentId) of the same request was declined"
                }
            } catch {
                results[attempt.key] = .unknown
                cause = "the gateway's answer for payment \(attempt.key.paymentId) is not known"
            }
        }
        if cause == nil {
            for attempt in attempts where attempt.item.processing == .voucher {
                guard cause == nil else { break }
                guard case .voucher(let voucher) = attempt.item.payment.specialisation else { continue }
                do {
                    switch try await vouchers.redeem(voucher, amount: attempt.item.record.amount, key: attempt.key) {
                    case .redeemed(let reference):
                        results[attempt.key] = .settled(reference: Self.text(reference), code: nil)
                    case .rejected(let reason):
                        results[attempt.key] = .failed(reason: Self.text(reason), reference: nil, retryable: false)
                        cause = "voucher payment \(attempt.key.paymentId) of the same request was refused"
                    }
                } catch {
                    results[attempt.key] = .unknown
                    cause = "the voucher validation's answer for payment \(attempt.key.paymentId) is not known"
                }
            }
        }
        if let cause {
            // Release what was only reserved; what was taken stays taken and is entered as such.
            for attempt in authorized {
                do {
                    try await gateway.void(attempt.key)
                    results[attempt.key] = .failed(reason: "not charged: \(cause)", reference: nil, retryable: true)
                } catch {
                    results[attempt.key] = .unknown
                }
            }
            for attempt in attempts where results[attempt.key] == nil {
                results[attempt.key] = .failed(reason: "not taken: \(cause)", reference: nil, retryable: true)
            }
            return results
        }
        for attempt in authorized {
            guard case .settled(let reference, let code) = results[attempt.key] else { continue }
            do {
                switch try await gateway.capture(attempt.key, amount: attempt.chargeAmount) {
                case .captured(let captured):
                    results[attempt.key] = .settled(reference: Self.text(captured), code: code)
                case .failed(let reason):
                    results[attempt.key] = .failed(reason: Self.text(reason), reference: reference, retryable: true)
                }
            } catch {
                results[attempt.key] = .unknown
            }
        }
        for attempt in attempts where results[attempt.key] == nil {
            results[attempt.key] = attempt.item.processing == .recordByAgency ? .recorded : .open
        }
        return results
    }

    /// Enters the outcomes of a request's attempts as one change and forgets them as active.
    func finish(
        _ attempts: [Attempt], results: [PaymentAttemptKey: AttemptResult], entries: PaymentEntries,
        today: XMLDate
    ) async throws(LedgerError) -> PaymentEntryResult {
        let bookingId = attempts[0].key.bookingId
        let booking = try await withChangeAwaitingJournal { storage throws(LedgerError) -> LedgerBooking in
            // The attempts are forgotten as active in the change that enters their outcomes,
            // under the same lock: once it is applied they are no longer in flight, and if it is
            // refused, reconciliation resolves them as after a crash.
            for attempt in attempts { storage.activeAttempts.remove(attempt.key) }
            var events: [LedgerEvent] = []
            for attempt in attempts {
                guard let result = results[attempt.key],
                    let event = Self.event(for: result, of: attempt.key, today: today)
                else { continue }
                events.append(event)
            }
            guard !events.isEmpty else {
                guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
                return booking
            }
            return try commit(events, to: &storage)
        }
        return PaymentEntryResult(booking: booking, entries: entries)
    }

    static func event(for result: AttemptResult, of key: PaymentAttemptKey, today: XMLDate) -> LedgerEvent? {
        var processed = PaymentProcessingResult(
            bookingId: key.bookingId, paymentId: key.paymentId, attempt: key.attempt, status: .open, date: today)
        switch result {
        case .unknown:
            return nil
        case .settled(let reference, let code):
            processed.status = .settled
            processed.transactionReference = reference
            processed.authorizationCode = code
        case .failed(let reason, let reference, let retryable):
            processed.status = .failed
            processed.failureReason = reason
            processed.transactionReference = reference
            processed.retryable = retryable
        case .pending(let reference):
            processed.transactionReference = reference
        case .recorded:
            processed.status = .recorded
        case .open:
            break
        }
        return .paymentProcessed(processed)
    }

    private func release(_ attempts: [Attempt]) {
        storage.withLock { storage in
            for attempt in attempts { storage.activeAttempts.remove(attempt.key) }
        }
    }

    /// Text from a gateway, fit for the journal and for XML: characters XML 1.0 cannot carry
    /// become U+FFFD, and at most 512 characters are kept.
    static func text(_ value: String) -> String {
        // Gateway references and codes are short printable ASCII: kept as they are.
        if value.utf8.count <= 512, value.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A }) {
            return value
        }
        var result = String.UnicodeScalarView()
        var count = 0
        for scalar in value.unicodeScalars {
            guard count < 512 else { break }
            let legal =
                scalar == "\t" || scalar == "\n" || scalar == "\r" || (0x20...0xD7FF).contains(scalar.value)
                || (0xE000...0xFFFD).contains(scalar.value) || (0x10000...0x10FFFF).contains(scalar.value)
            result.append(legal ? scalar : "\u{FFFD}")
            count += 1
        }
        return String(result)
    }
}
