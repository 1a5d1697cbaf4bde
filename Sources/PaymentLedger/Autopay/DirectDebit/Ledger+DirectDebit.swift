public import BankStatements
public import Foundation
public import StringPayments
import XMLCoding

/// What ``Ledger/applyDirectDebitStatement(_:settings:)`` did with a bank statement's entries.
public struct DirectDebitStatementReport: Hashable, Sendable {
    /// The collections the bank credited: `Settled`.
    public internal(set) var settled: [PaymentAttemptKey] = []
    /// The collections the bank returned: `Failed` with the reason, a memo, retried by the next run.
    public internal(set) var returned: [PaymentAttemptKey] = []
    /// Entries whose end-to-end identification names a collection that is not open (applied
    /// before, or unknown): left alone.
    public internal(set) var ignored: [String] = []
}

extension Ledger {
    /// Stores a SEPA direct debit mandate on a booking.
    ///
    /// - Parameters:
    ///   - mandate: The mandate.
    ///   - bookingId: The booking.
    /// - Returns: The booking's autopay data afterwards.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `invalid-autopay-data` (a reference or
    ///   name that does not fit a pain.008 file, or a reference the booking has already) or
    ///   `journal-failure`.
    @discardableResult
    public func storeMandate(
        _ mandate: DirectDebitMandate, for bookingId: Identifier
    ) throws(LedgerError)
        -> BookingAutopay
    {
        try changeAutopay(.mandateStored(bookingId: bookingId, mandate: mandate))
    }

    /// Revokes a mandate: nothing more is collected under it.
    ///
    /// - Parameters:
    ///   - mandateId: The mandate reference.
    ///   - bookingId: The booking.
    /// - Returns: The booking's autopay data afterwards.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-mandate` or `journal-failure`.
    @discardableResult
    public func revokeMandate(_ mandateId: String, of bookingId: Identifier) throws(LedgerError) -> BookingAutopay {
        try changeAutopay(.mandateRevoked(bookingId: bookingId, mandateId: mandateId))
    }

    /// Runs direct-debit autopay: selects the instalments due ``DirectDebitSettings/submissionLeadDays``
    /// after the run date by the instalment criteria (with a mandate instead of a card, and the
    /// pre-notification period), enters each as the payment `AP-<instalment>` in flight, writes
    /// them as one pain.008 file validated against its schema, and leaves them `Open` with the
    /// end-to-end identification (the attempt's key) as reference until a bank statement shows
    /// the money or a return (``applyDirectDebitStatement(_:settings:)``).
    ///
    /// Never twice: the payments are durable in flight before the file is written; a run killed
    /// before the file exists leaves them in flight, and the next run finds them in no file and
    /// fails them as interrupted (a new attempt follows); killed after, the next run finds them
    /// in the file and leaves them `Open`.
    ///
    /// - Parameters:
    ///   - instant: When the run happens.
    ///   - settings: The autopay settings; ``AutopaySettings/directDebit`` is required.
    ///   - collections: Where the file goes.
    ///   - dryRun: Select and report only.
    ///   - force: Run outside the instalment window, or on a ledger not marked production.
    /// - Returns: The report; ``AutopayRunReport/collectionFile`` names the file.
    /// - Throws: ``AutopayError`` with code `configuration-invalid` (no direct-debit settings),
    ///   `not-production`, `outside-window`, `collection-file-invalid` or `ledger-refused`.
    public func runDirectDebit(
        at instant: Date, settings: AutopaySettings, collections: DirectDebitCollections, dryRun: Bool = false,
        force: Bool = false
    ) async throws(AutopayError) -> AutopayRunReport {
        guard let directDebit = settings.directDebit else {
            throw AutopayError(
                code: .configurationInvalid, message: "directDebit: the settings name no creditor for direct debits")
        }
        try Self.checkRunAllowed(.directDebit, at: instant, settings: settings, force: force)
        let outcome: Result<AutopayRunReport, AutopayError> = await Ledger.$actor.withValue(.system("autopay")) {
            do throws(AutopayError) {
                return .success(
                    try await performDirectDebit(
                        at: instant, settings: settings, directDebit: directDebit, collections: collections,
                        dryRun: dryRun))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private func performDirectDebit(
        at instant: Date, settings: AutopaySettings, directDebit: DirectDebitSettings,
        collections: DirectDebitCollections, dryRun: Bool
    ) async throws(AutopayError) -> AutopayRunReport {
        var report = autopaySelection(.directDebit, at: instant, settings: settings)
        if dryRun { return report }
        report = AutopayRunReport(kind: .directDebit, instant: instant, runDate: report.runDate, dryRun: false)
        let today = self.today
        do {
            report.reconciled = try resolveInterruptedCollections(collections, today: today)
            try writeMissingMemos(settings: settings, bookings: nil)
        } catch {
            throw AutopayError(error)
        }
        let selection = autopaySelection(.directDebit, at: instant, settings: settings)
        report.selected = selection.selected
        report.skipped = selection.skipped
        // 1. Every collection in flight, durable before the file exists.
        var entered: [(target: AutopayTarget, attempt: Attempt, mandate: DirectDebitMandate)] = []
        var latest: JournalTicket?
        for target in selection.selected {
            do {
                let (attempt, mandate, ticket) = try enterCollection(target, today: today)
                entered.append((target, attempt, mandate))
                if let ticket { latest = max(latest ?? ticket, ticket) }
            } catch {
                guard error.code != .journalFailure else { throw AutopayError(error) }
                report.skipped.append(
                    AutopaySkip(
                        bookingId: target.bookingId, scheduleId: target.scheduleId, criterion: .refused,
                        detail: error.description))
            }
        }
        guard !entered.isEmpty else { return report }
        do {
            if let latest { try await awaitJournal(latest, forced: true) }
        } catch {
            throw AutopayError(error)
        }
        // 2. The file, validated, then written atomically.
        let messageId = "AP" + String(Int(instant.timeIntervalSince1970)) + "-" + String(entered.count)
        let document = Pain008Document(
            version: directDebit.version, messageId: messageId, createdAt: instant, creditor: directDebit.creditor,
            collections: entered.map { entry in
                DirectDebitCollection(
                    endToEndId: entry.attempt.key.rawValue, amount: entry.attempt.chargeAmount,
                    collectionDate: entry.target.dueDate, mandate: entry.mandate,
                    remittance: "\(entry.target.bookingId) \(entry.target.scheduleId)")
            })
        let written: Result<URL, AutopayError>
        do throws(AutopayError) {
            written = .success(try collections.write(try document.validatedData(), messageId: messageId))
        } catch {
            written = .failure(error)
        }
        // 3. The outcomes: Open with the end-to-end identification, or (no file) failed, retryable.
        for entry in entered {
            let key = entry.attempt.key
            let result: AttemptResult =
                switch written {
                case .success: .pending(reference: key.rawValue)
                case .failure(let error): .failed(reason: error.message, reference: nil, retryable: true)
                }
            do {
                _ = try await finish(
                    [entry.attempt], results: [key: result], entries: PaymentEntries([entry.attempt.item]), today: today
                )
            } catch {
                throw AutopayError(error)
            }
            if case .success = written {
                report.outcomes.append(
                    AutopayOutcome(target: entry.target, result: .pending(transactionReference: key.rawValue)))
            }
        }
        switch written {
        case .success(let url): report.collectionFile = url
        case .failure(let error): throw error
        }
        return report
    }

    /// Enters one collection in flight with its charge record, under the lock.
    private func enterCollection(
        _ target: AutopayTarget, today: XMLDate
    ) throws(LedgerError) -> (Attempt, DirectDebitMandate, JournalTicket?) {
        try withLockedChange { storage throws(LedgerError) -> (Attempt, DirectDebitMandate, JournalTicket?) in
            let key = PaymentAttemptKey(
                bookingId: target.bookingId, paymentId: target.paymentId, attempt: target.attempt)
            guard DirectDebitMandate.isSEPAText(key.rawValue, maximum: 35) else {
                throw LedgerError(
                    code: .invalidAutopayData,
                    message: "the attempt key \(key) is not a SEPA end-to-end identification (35 characters at most)",
                    bookingId: target.bookingId, paymentId: target.paymentId)
            }
            var used: DirectDebitMandate?
            let plan = try Self.chargePlan(target, kind: .directDebit, today: today, state: storage.state) { _, data in
                guard let mandate = data.mandates.last(where: { $0.id == target.cardId.value }) else { return nil }
                used = mandate
                return (
                    .directDebit,
                    .directDebit(
                        DirectDebitPayment(
                            iban: mandate.iban, bic: mandate.bic, accountHolder: mandate.debtorName,
                            mandateReference: mandate.id, mandateDate: mandate.signedOn))
                )
            }
            guard let mandate = used else { throw Self.unknownPayment(target.paymentId, of: target.bookingId) }
            let (_, attempts, ticket) = try enter(plan, today: today, storage: &storage)
            guard let attempt = attempts.first else {
                throw LedgerError(
                    code: .paymentInProgress, message: "payment \(target.paymentId) was not entered",
                    bookingId: target.bookingId, paymentId: target.paymentId)
            }
            return (attempt, mandate, ticket)
        }
    }

    /// Resolves direct-debit attempts a crash left in flight: in a collection file → `Open`
    /// (handed to the bank); in none → `Failed`, retryable (the next attempt collects it).
    private func resolveInterruptedCollections(
        _ collections: DirectDebitCollections, today: XMLDate
    ) throws(LedgerError) -> [ReconciliationEntry] {
        var entries: [ReconciliationEntry] = []
        for (payment, kind) in inFlightAutopayCharges where kind == .directDebit && !payment.isBeingProcessed {
            let key = payment.key
            let resolution: ReconciliationEntry.Resolution
            let result: AttemptResult
            do {
                if try collections.contains(key.rawValue) {
                    resolution = .pending(transactionReference: key.rawValue)
                    result = .pending(reference: key.rawValue)
                } else {
                    let reason = "interrupted before the collection file was written"
                    resolution = .failed(reason: reason, retryable: true)
                    result = .failed(reason: reason, reference: nil, retryable: true)
                }
            } catch {
                entries.append(
                    ReconciliationEntry(key: key, resolution: .unresolved(reason: "cannot read the collection files")))
                continue
            }
            guard let event = Self.event(for: result, of: key, today: today) else { continue }
            let applied = try withChange { storage throws(LedgerError) -> Bool in
                guard let current = storage.state.booking(key.bookingId)?.payment(key.paymentId), current.isInFlight,
                    current.attempt == key.attempt, !storage.activeAttempts.contains(key)
                else { return false }
                try commit([event], to: &storage)
                return true
            }
            if applied { entries.append(ReconciliationEntry(key: key, resolution: resolution)) }
        }
        return entries
    }

    /// Applies a bank statement's outcomes of direct-debit collections, found by end-to-end
    /// identification: a credit settles the collection (`Settled`, the entry's bank reference
    /// as transaction reference); a reversal or a debit is a return (`Failed` with the reason
    /// from the entry's additional information, a memo, retried by the next run until the retry
    /// count is used up).
    ///
    /// - Parameters:
    ///   - statement: The statement, as `CamtDecoder` decodes it.
    ///   - settings: The autopay settings (the retry count for the memos).
    /// - Returns: What was settled, returned and ignored.
    /// - Throws: ``LedgerError`` with code `journal-failure`.
    public func applyDirectDebitStatement(
        _ statement: BankStatement, settings: AutopaySettings
    ) throws(LedgerError) -> DirectDebitStatementReport {
        var report = DirectDebitStatementReport()
        for entry in statement.entries {
            guard let endToEnd = entry.endToEndIdentification, let key = PaymentAttemptKey(rawValue: endToEnd) else {
                continue
            }
            let isReturn = entry.isReversal || entry.creditDebit == .debit
            let open = storage.withLock { storage -> Bool in
                guard let position = storage.state.position(of: key.bookingId) else { return false }
                let booking = storage.state.bookings[position]
                let data = storage.state.autopay.data(at: position)
                guard let payment = booking.payment(key.paymentId), payment.attempt == key.attempt,
                    payment.status == .open, !payment.isInFlight, payment.formOfPayment == .directDebit,
                    data.charges.contains(where: { $0.paymentId == key.paymentId && $0.kind == .directDebit })
                else { return false }
                return true
            }
            guard open else {
                report.ignored.append(endToEnd)
                continue
            }
            if isReturn {
                let reason =
                    "returned by the bank: " + (entry.additionalInformation.map { Self.text($0) } ?? "no reason given")
                try failPayment(key.paymentId, of: key.bookingId, reason: reason)
                report.returned.append(key)
            } else {
                try settlePayment(key.paymentId, of: key.bookingId, transactionReference: entry.bankReference)
                report.settled.append(key)
            }
        }
        try writeMissingMemos(settings: settings, bookings: Set(report.returned.map(\.bookingId)))
        return report
    }
}
