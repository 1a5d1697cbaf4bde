public import Foundation
import StringPayments
import Synchronization
import XMLCoding

extension Ledger {
    /// Runs autopay: charges the due instalments (or, for reseller autopay, the arrivals) that
    /// meet every criterion, through the same journaled path as every card payment.
    ///
    /// 1. Unless `force`, the run is refused on a ledger whose settings are not production, and
    ///    outside the kind's window of hours (UTC).
    /// 2. Attempts a previous run left in flight (a crash) are resolved by asking the gateway
    ///    by key, as ``reconcile(gateway:vouchers:)`` does; failures that have no memo yet get one.
    /// 3. The candidates are selected (see ``autopaySelection(_:at:settings:)``).
    /// 4. Each selected instalment is charged: the payment `AP-` + the scheduled payment is
    ///    entered **in flight** together with the charge record and made durable, then the
    ///    gateway authorises the stored card's token with the idempotency key (booking, payment,
    ///    attempt) and the money is captured. On success the payment is `Settled` in the payer's
    ///    name; on failure `Failed` with the gateway's reason, with a memo on the booking, and
    ///    the next run tries again until ``AutopaySettings/retryCount`` attempts are used up,
    ///    when a memo says autopay gave up.
    ///
    /// Never twice: an instalment's charge is one payment whose attempts are numbered; an
    /// attempt in flight, a settled or pending one is never repeated, and a retry is entered
    /// only when the attempt before it ended `Failed`. Within a process the checks run under
    /// the ledger's lock; between processes the journal's lock admits one writer.
    ///
    /// - Parameters:
    ///   - kind: Instalment or reseller autopay.
    ///   - instant: When the run happens: the run date is its UTC date.
    ///   - settings: Channels, term sets, retries, windows, production flag.
    ///   - gateway: The gateway that charges the stored cards.
    ///   - dryRun: Select and report only; nothing is reconciled, charged or written.
    ///   - force: Run outside the window and on a ledger not marked production.
    /// - Returns: The run report.
    /// - Throws: ``AutopayError`` with code `not-production`, `outside-window`, or
    ///   `ledger-refused` (`journal-failure`).
    public func runAutopay(
        _ kind: AutopayKind, at instant: Date, settings: AutopaySettings, gateway: any PaymentGateway,
        dryRun: Bool = false, force: Bool = false
    ) async throws(AutopayError) -> AutopayRunReport {
        guard kind != .directDebit else {
            throw AutopayError(
                code: .configurationInvalid,
                message: "direct-debit runs write a collection file: use runDirectDebit(at:settings:collections:)")
        }
        try Self.checkRunAllowed(kind, at: instant, settings: settings, force: force)
        let outcome: Result<AutopayRunReport, AutopayError> = await Ledger.$actor.withValue(.system("autopay")) {
            do throws(AutopayError) {
                return .success(
                    try await performAutopay(
                        kind, at: instant, settings: settings, gateway: gateway, dryRun: dryRun))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Refuses a run on a ledger not marked production, or outside its window, unless forced.
    static func checkRunAllowed(
        _ kind: AutopayKind, at instant: Date, settings: AutopaySettings, force: Bool
    ) throws(AutopayError) {
        if !force {
            guard settings.production else {
                throw AutopayError(
                    code: .notProduction, message: "the ledger is not marked as production; autopay runs only there")
            }
            let hour = Self.utcHour(of: instant)
            let window = settings.window(for: kind)
            guard window.contains(hour: hour) else {
                throw AutopayError(
                    code: .outsideWindow,
                    message: "\(kind.rawValue) autopay runs from \(window.fromHour):00 to \(window.toHour):59 UTC, "
                        + "not at \(hour):xx")
            }
        }
    }

    /// What an autopay run would charge and skip now, without changing anything.
    ///
    /// Instalment autopay selects the scheduled payments that (a) fell due the day before the
    /// run date (or up to ``AutopaySettings/lookbackDays`` earlier, and earlier ones whose failed
    /// attempts have retries left), (b) have something left to pay, of a booking (c) whose
    /// reservation status lies in `PROVISIONAL`…`CHECKIN`, (d) whose channel has autopay on with
    /// a payer and whose term set has autopay on — or that the customer approved for at least
    /// what remains — and (e) that has a usable stored card. Reseller autopay selects the
    /// bookings arriving on the run date with a virtual card valid that day, status in range
    /// and channel autopay on with a payer, for their open amount (up to the card's limit).
    ///
    /// The candidates come from the ledger's due-date and arrival indexes and its list of
    /// failed charges, so the cost grows with what is due, not with the ledger.
    ///
    /// - Parameters:
    ///   - kind: Instalment or reseller autopay.
    ///   - instant: The run's instant.
    ///   - settings: The autopay settings.
    /// - Returns: A dry-run report: selected and skipped.
    public func autopaySelection(_ kind: AutopayKind, at instant: Date, settings: AutopaySettings) -> AutopayRunReport {
        let runDay = Self.utcDay(of: instant)
        var report = AutopayRunReport(
            kind: kind, instant: instant, runDate: XMLDate(daysSinceEpoch: Int(runDay)), dryRun: true)
        storage.withLock { storage in
            let selector = AutopaySelector(state: storage.state, settings: settings, runDay: runDay)
            switch kind {
            case .instalment: (report.selected, report.skipped) = selector.instalments()
            case .reseller: (report.selected, report.skipped) = selector.arrivals()
            case .directDebit:
                guard let directDebit = settings.directDebit else { return }
                (report.selected, report.skipped) = selector.instalments(directDebit: directDebit)
            }
        }
        return report
    }

    private func performAutopay(
        _ kind: AutopayKind, at instant: Date, settings: AutopaySettings, gateway: any PaymentGateway, dryRun: Bool
    ) async throws(AutopayError) -> AutopayRunReport {
        var report = AutopayRunReport(
            kind: kind, instant: instant, runDate: XMLDate(daysSinceEpoch: Int(Self.utcDay(of: instant))),
            dryRun: dryRun)
        if !dryRun {
            do {
                let inFlight = inFlightAutopayCharges.filter { $0.kind != .directDebit }.map(\.payment)
                report.reconciled = try await reconcile(inFlight, gateway: gateway, vouchers: NoVouchers()).entries
                try writeMissingMemos(settings: settings, bookings: nil)
            } catch {
                throw AutopayError(error)
            }
        }
        let selection = autopaySelection(kind, at: instant, settings: settings)
        report.selected = selection.selected
        report.skipped = selection.skipped
        guard !dryRun else { return report }
        var outcomes: [AutopayOutcome] = []
        var refused: [AutopaySkip] = []
        for target in selection.selected {
            do {
                outcomes.append(try await charge(target, kind: kind, settings: settings, gateway: gateway))
            } catch {
                guard error.code != .journalFailure else { throw AutopayError(error) }
                refused.append(
                    AutopaySkip(
                        bookingId: target.bookingId, scheduleId: target.scheduleId, criterion: .refused,
                        detail: error.description))
            }
        }
        report.skipped += refused
        do {
            try writeMissingMemos(settings: settings, bookings: Set(outcomes.map(\.target.bookingId)))
        } catch {
            throw AutopayError(error)
        }
        report.outcomes = outcomes.map { outcome in
            guard case .failed(let reason, _) = outcome.result else { return outcome }
            let gaveUp = autopay(of: outcome.target.bookingId)?.gaveUp(on: outcome.target.paymentId) ?? false
            return AutopayOutcome(target: outcome.target, result: .failed(reason: reason, gaveUp: gaveUp))
        }
        return report
    }

    /// Charges one target through the payment path: entered in flight with its charge record,
    /// authorised and captured by key, outcome journaled.
    private func charge(
        _ target: AutopayTarget, kind: AutopayKind, settings: AutopaySettings, gateway: any PaymentGateway
    ) async throws(LedgerError) -> AutopayOutcome {
        let today = self.today
        let plan = { (storage: inout Storage) throws(LedgerError) -> PaymentPlan in
            try Self.chargePlan(target, kind: kind, today: today, state: storage.state) { _, data in
                guard let card = data.card(target.cardId) else { return nil }
                return (.creditCard, .creditCard(card.creditCardPayment))
            }
        }
        let result = try await process(plan, vouchers: NoVouchers(), gateway: gateway, today: today)
        guard let payment = result.booking.payment(target.paymentId) else {
            throw Self.unknownPayment(target.paymentId, of: target.bookingId)
        }
        if payment.isInFlight { return AutopayOutcome(target: target, result: .unresolved) }
        switch payment.status {
        case .settled, .confirmed, .recorded:
            return AutopayOutcome(target: target, result: .charged(transactionReference: payment.transactionReference))
        case .open:
            return AutopayOutcome(target: target, result: .pending(transactionReference: payment.transactionReference))
        case .failed:
            return AutopayOutcome(
                target: target, result: .failed(reason: payment.failureReason ?? "failed", gaveUp: false))
        }
    }

    /// The plan of one autopay charge, checked again under the lock (another task may have
    /// charged the instalment since the selection): the payment `AP-<instalment>` in the payer's
    /// name with the instrument `instrument` gives (`nil`: gone since the selection), and the
    /// charge record that accompanies it.
    static func chargePlan(
        _ target: AutopayTarget, kind: AutopayKind, today: XMLDate, state: LedgerState,
        instrument: (LedgerBooking, BookingAutopay) -> (FormOfPayment, PaymentSpecialisation)?
    ) throws(LedgerError) -> PaymentPlan {
        let position = try activePosition(target.bookingId, in: state)
        let booking = state.bookings[position]
        let existing = booking.payment(target.paymentId)
        guard (existing?.attempt ?? 0) == target.attempt - 1, existing == nil || existing?.status == .failed,
            existing?.isInFlight != true,
            let (form, specialisation) = instrument(booking, state.autopay.data(at: position))
        else {
            throw LedgerError(
                code: .paymentInProgress,
                message: "payment \(target.paymentId) changed since the selection; it is not charged again",
                bookingId: target.bookingId, paymentId: target.paymentId)
        }
        let scope = booking.schedule.first { $0.identifier == target.scheduleId }?.scope ?? .balance
        let payment = Payment(
            identifier: target.paymentId, collection: .tourOperator, paymentScope: scope, formOfPayment: form,
            paymentAmount: target.amount, cashHolder: .ownerDetails(PersonDetails(surname: target.payer)),
            specialisation: specialisation)
        var plan = try Self.plan(
            [payment], booking: booking, isNew: false, collection: .tourOperator, today: today, retryingFailed: true)
        plan.accompanyingEvents = [
            .autopay(
                .chargeStarted(
                    bookingId: target.bookingId,
                    charge: AutopayCharge(
                        scheduleId: target.scheduleId, paymentId: target.paymentId, kind: kind,
                        cardId: target.cardId, payer: target.payer)))
        ]
        return plan
    }

    /// The autopay attempts in flight, found through the ledger's list of bookings being charged.
    var inFlightAutopayCharges: [(payment: InFlightPayment, kind: AutopayKind)] {
        storage.withLock { storage in
            var result: [(payment: InFlightPayment, kind: AutopayKind)] = []
            for key in storage.state.autopay.charging.sorted() {
                let booking = storage.state.bookings[Int(key)]
                for charge in storage.state.autopay.data(at: Int(key)).charges {
                    guard let payment = booking.payment(charge.paymentId), payment.isInFlight else { continue }
                    let attemptKey = payment.attemptKey(bookingId: booking.id)
                    result.append(
                        (
                            InFlightPayment(
                                key: attemptKey, chargeAmount: payment.chargeAmount,
                                formOfPayment: payment.formOfPayment, collection: payment.collection,
                                isBeingProcessed: storage.activeAttempts.contains(attemptKey)),
                            charge.kind
                        ))
                }
            }
            return result
        }
    }

    /// Writes the memos autopay owes: one per failed attempt (a crash may have come between the
    /// outcome and its memo), and one when the attempts allowed are used up.
    ///
    /// - Parameter bookings: The bookings to look at; `nil`: every booking with a failed charge.
    func writeMissingMemos(settings: AutopaySettings, bookings: Set<Identifier>?) throws(LedgerError) {
        let now = configuration.clock.now()
        let actor = Ledger.actor ?? .system("autopay")
        let pending: [(Identifier, [BookingMemo])] = storage.withLock { storage in
            let positions =
                bookings.map { $0.compactMap { storage.state.position(of: $0).map { Int32($0) } } }
                ?? Array(storage.state.autopay.retries)
            var result: [(Identifier, [BookingMemo])] = []
            for key in positions.sorted() {
                let booking = storage.state.bookings[Int(key)]
                let data = storage.state.autopay.data(at: Int(key))
                var memos: [BookingMemo] = []
                for charge in data.charges {
                    guard let payment = booking.payment(charge.paymentId), payment.status == .failed,
                        !payment.isInFlight
                    else { continue }
                    let attempt = payment.attemptKey(bookingId: booking.id)
                    // A technical failure (interrupted, answer lost) is retried without a memo.
                    if !payment.failedRetryably, !data.hasFailureMemo(for: attempt) {
                        memos.append(
                            BookingMemo(
                                kind: .autopayFailure,
                                text: "autopay \(charge.kind.rawValue) charge of \(charge.scheduleId) failed "
                                    + "(attempt \(attempt.attempt), \(data.declinedAttempts(of: charge.paymentId)) of "
                                    + "\(settings.retryCount) declined): "
                                    + (payment.failureReason ?? "no reason given"),
                                actor: actor, time: now, attempt: attempt))
                    }
                    if !data.mayRetry(payment, retryCount: settings.retryCount), !data.gaveUp(on: charge.paymentId) {
                        memos.append(
                            BookingMemo(
                                kind: .autopayGaveUp,
                                text: "autopay gave up on \(charge.scheduleId) after \(attempt.attempt) attempts, "
                                    + "\(data.declinedAttempts(of: charge.paymentId)) declined",
                                actor: actor, time: now, attempt: attempt))
                    }
                }
                if !memos.isEmpty { result.append((booking.id, memos)) }
            }
            return result
        }
        for (bookingId, memos) in pending {
            _ = try withChange { storage throws(LedgerError) in
                try commit(memos.map { .autopay(.memoAdded(bookingId: bookingId, memo: $0)) }, to: &storage)
            }
        }
    }

    /// Days since 1970-01-01 of an instant, in UTC.
    static func utcDay(of instant: Date) -> Int32 {
        let days = (instant.timeIntervalSince1970 / 86_400).rounded(.down)
        return Int32(exactly: days) ?? 0
    }

    /// The hour of an instant, in UTC, 0...23.
    static func utcHour(of instant: Date) -> Int {
        let hours = (instant.timeIntervalSince1970 / 3_600).rounded(.down)
        let hour = (Int(exactly: hours) ?? 0) % 24
        return hour < 0 ? hour + 24 : hour
    }
}

extension LedgerPayment {
    /// Amount plus fee: what a gateway charges.
    var chargeAmount: CurrencyAmount {
        CurrencyAmount(minorUnitCount: amountMinorUnits &+ feeMinorUnits, currency: currency)
    }
}

/// The voucher validation of autopay, which charges cards only.
struct NoVouchers: VoucherValidator {
    func check(_ voucher: VoucherPayment, amount: CurrencyAmount, bookingId: Identifier) async -> VoucherCheck {
        .rejected(reason: "autopay charges no vouchers")
    }

    func redeem(
        _ voucher: VoucherPayment, amount: CurrencyAmount, key: PaymentAttemptKey
    ) async throws -> VoucherRedemption {
        .rejected(reason: "autopay charges no vouchers")
    }

    func redemption(for key: PaymentAttemptKey) async throws -> VoucherRedemption? { nil }
}
