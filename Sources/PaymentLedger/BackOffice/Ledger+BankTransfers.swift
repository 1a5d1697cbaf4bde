public import BankStatements
public import StringPayments
import XMLCoding

/// The back office's side of the ledger: money that arrived by bank transfer, imported from bank
/// statements as unregistered payments and assigned to bookings. See <doc:BackOffice>.
extension Ledger {
    /// The unregistered payments, in the order they were received, each in its current state.
    public var unregisteredPayments: [UnregisteredPayment] {
        storage.withLock { storage in
            storage.state.unregisteredOrder.compactMap { storage.state.unregistered[$0] }
        }
    }

    /// The unregistered payment with a bank reference.
    ///
    /// - Parameter reference: The bank reference.
    /// - Returns: The payment, or `nil` when there is none.
    public func unregisteredPayment(_ reference: String) -> UnregisteredPayment? {
        storage.withLock { $0.state.unregistered[reference] }
    }

    /// The ISO 11649 creditor reference (`RF…`) to print on a booking's invoice: its payload is the
    /// booking's identifier, so a transfer carrying it is matched to the booking on import.
    ///
    /// - Parameter bookingId: The booking.
    /// - Returns: The reference, such as `RF187KQ4M2XG`; `nil` when there is no such booking or its
    ///   identifier is not 1 to 21 letters and digits (an RF reference cannot carry it).
    public func creditorReference(for bookingId: Identifier) -> String? {
        guard booking(bookingId) != nil else { return nil }
        return ISO11649.make(from: bookingId.description)
    }

    /// Imports a bank statement: each booked credit entry becomes an unregistered payment,
    /// assigned at once to the one booking its remittance names, if exactly one does.
    ///
    /// Importing is idempotent: an entry whose bank reference the ledger knows changes nothing,
    /// so the same file may be imported again, and overlapping statements are harmless. Each
    /// entry is its own change (received, or received and assigned): should the journal fail
    /// half-way, importing the statement again completes it.
    ///
    /// - Debit entries are skipped (reason `debit`), as are entries not booked (`status PDNG`) and
    ///   entries without a value or booking date.
    /// - A reversal (`RvslInd`) of a credit is a debit: it reverses the unregistered payment it
    ///   names (see <doc:BackOffice> for the rule); a reversal that names none is reported in
    ///   ``BankImportReport/unmatchedReversals``. A reversal of a debit is skipped.
    ///
    /// - Parameters:
    ///   - statement: The statement, as ``/BankStatements/CamtDecoder`` or the CSV reader gives it.
    ///   - methodCode: The payment method code for entries that carry none. The default `nil`
    ///     means ``UnregisteredPayment/bankTransferMethodCode`` (`FI`).
    /// - Returns: What happened to each entry.
    /// - Throws: ``LedgerError`` with code `journal-failure` when a change cannot be journaled;
    ///   the entries before it are imported.
    @discardableResult
    public func importBankStatement(
        _ statement: BankStatement, methodCode: String? = nil
    ) throws(LedgerError) -> BankImportReport {
        let today = self.today
        let source = statement.version?.identifier ?? "csv"
        return try withChange { storage throws(LedgerError) in
            var report = BankImportReport()
            for entry in statement.entries {
                let reference = entry.bankReference
                if Self.concernsDirectDebitCollection(entry, in: storage.state) {
                    // The collection's own payment takes the money (applyDirectDebitStatement):
                    // entered here too, it would be in the ledger twice.
                    report.skipped.append(
                        .init(reference: reference, reason: BankImportReport.directDebitCollectionReason))
                    continue
                }
                if entry.isReversal {
                    guard entry.creditDebit == .debit else {
                        report.skipped.append(.init(reference: reference, reason: "reversal of a debit"))
                        continue
                    }
                    try reverse(entry, report: &report, today: today, storage: &storage)
                    continue
                }
                guard entry.creditDebit == .credit else {
                    report.skipped.append(.init(reference: reference, reason: BankImportReport.debitReason))
                    continue
                }
                guard entry.status == .booked else {
                    report.skipped.append(.init(reference: reference, reason: "status \(entry.status)"))
                    continue
                }
                if storage.state.unregistered[reference] != nil {
                    report.alreadyKnown.append(reference)
                    continue
                }
                guard let paymentDate = entry.valueDate ?? entry.bookingDate else {
                    report.skipped.append(.init(reference: reference, reason: "no value or booking date"))
                    continue
                }
                let remittanceText = entry.remittanceText
                let payment = UnregisteredPayment(
                    reference: reference, source: source, paymentDate: paymentDate, accountingDate: entry.bookingDate,
                    methodCode: entry.paymentMethodCode ?? methodCode ?? UnregisteredPayment.bankTransferMethodCode,
                    amount: entry.amount, feeType: entry.charges.first?.type,
                    feeAmount: entry.charges.isEmpty ? nil : entry.chargesTotal, remittanceText: remittanceText,
                    payerName: entry.payerName, payerIBAN: entry.payerIBAN,
                    endToEndIdentification: entry.endToEndIdentification)
                guard let units = payment.amount.minorUnitCount, units > 0, units <= LedgerState.maximumMinorUnits
                else {
                    report.skipped.append(.init(reference: reference, reason: "amount out of range"))
                    continue
                }
                var events: [LedgerEvent] = [.unregisteredPaymentReceived(payment)]
                let matches = Self.bookingsNamed(
                    by: remittanceText, creditorReference: entry.creditorReference, in: storage.state)
                var match: BankImportReport.AutoMatch?
                if matches.count > 1 {
                    report.ambiguous.append(.init(reference: reference, bookingIds: matches))
                } else if let bookingId = matches.first, let booking = storage.state.booking(bookingId),
                    booking.currency == payment.amount.currency
                {
                    let assignment = Self.assignmentEvents(payment, to: booking, today: today)
                    events += assignment.events
                    match = .init(reference: reference, bookingId: bookingId, paymentId: assignment.paymentId)
                }
                try commitChange(events, to: &storage)
                if let match { report.autoMatched.append(match) }
                report.received.append(storage.state.unregistered[reference] ?? payment)
            }
            return report
        }
    }

    /// Assigns an unregistered payment to a booking: the booking gets a `Settled` payment `BTn`
    /// (the first free number) of the payment's amount, collected by the tour operator, form of
    /// payment `Invoice`, settled on the payment date, with the bank reference as its transaction
    /// reference.
    ///
    /// The payment may be more than the booking still owes: the customer did pay it, so the
    /// booking then shows a negative open amount (``LedgerBooking/refundableAmount``) rather than
    /// the ledger refusing money that is already on the account.
    ///
    /// - Parameters:
    ///   - reference: The unregistered payment's bank reference.
    ///   - bookingId: The booking.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-unregistered-payment`, `already-assigned`,
    ///   `unregistered-payment-reversed`, `unknown-booking`, `currency-mismatch` or
    ///   `journal-failure`.
    @discardableResult
    public func assignUnregisteredPayment(
        _ reference: String, to bookingId: Identifier
    ) throws(LedgerError) -> LedgerBooking {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            let payment = try Self.unregistered(reference, in: storage.state)
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            switch payment.state {
            case .assigned(let current, _):
                throw LedgerError(
                    code: .alreadyAssigned,
                    message: "unregistered payment \(reference) is assigned to booking \(current) already",
                    bookingId: bookingId)
            case .reversed:
                throw Self.reversedError(reference, bookingId: bookingId)
            case .unassigned:
                break
            }
            guard booking.currency == payment.amount.currency else {
                throw LedgerError(
                    code: .currencyMismatch,
                    message: "unregistered payment \(reference) is in \(payment.amount.currency), booking "
                        + "\(bookingId) in \(booking.currency)",
                    bookingId: bookingId)
            }
            return try commit(Self.assignmentEvents(payment, to: booking, today: today).events, to: &storage)
        }
    }

    /// Takes an assigned payment off its booking: the booking's payment goes from `Settled` to
    /// `Failed` with the reason `unassigned: REASON`, and the unregistered payment is unassigned
    /// again, ready to be assigned elsewhere.
    ///
    /// - Parameters:
    ///   - reference: The unregistered payment's bank reference.
    ///   - reason: Why, kept in the booking payment's failure reason.
    /// - Returns: The booking it was assigned to, after the change.
    /// - Throws: ``LedgerError`` with code `unknown-unregistered-payment`, `not-assigned`,
    ///   `unregistered-payment-reversed`, `invalid-status-transition` (the booking's payment is no
    ///   longer `Settled`, for instance `Confirmed`) or `journal-failure`.
    @discardableResult
    public func unassignUnregisteredPayment(_ reference: String, reason: String) throws(LedgerError) -> LedgerBooking {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            let payment = try Self.unregistered(reference, in: storage.state)
            guard case .assigned(let bookingId, let paymentId) = payment.state else {
                if payment.state == .reversed { throw Self.reversedError(reference, bookingId: nil) }
                throw LedgerError(code: .notAssigned, message: "unregistered payment \(reference) is not assigned")
            }
            let failure = try Self.failureOfAssignedPayment(
                bookingId: bookingId, paymentId: paymentId, reason: "unassigned: \(reason)", today: today,
                state: storage.state)
            return try commit(
                [.unregisteredPaymentUnassigned(reference: reference, bookingId: bookingId, reason: reason), failure],
                to: &storage)
        }
    }

    // MARK: - Internals

    /// Reverses the unregistered payment a reversal entry names, or reports it unmatched.
    private func reverse(
        _ entry: BankStatementEntry, report: inout BankImportReport, today: XMLDate, storage: inout Storage
    ) throws(LedgerError) {
        guard let original = Self.reversedPayment(by: entry, in: storage.state) else {
            report.unmatchedReversals.append(entry.bankReference)
            return
        }
        if original.state == .reversed {
            report.alreadyReversed.append(original.reference)
            return
        }
        var events: [LedgerEvent] = [
            .unregisteredPaymentReversed(reference: original.reference, bookingId: original.assignedBookingId)
        ]
        if case .assigned(let bookingId, let paymentId) = original.state {
            do {
                events.append(
                    try Self.failureOfAssignedPayment(
                        bookingId: bookingId, paymentId: paymentId,
                        reason: "reversed by the bank: \(entry.bankReference)", today: today, state: storage.state))
            } catch {
                report.unmatchedReversals.append(entry.bankReference)
                return
            }
        }
        try commitChange(events, to: &storage)
        report.reversed.append(original.reference)
    }

    /// The unregistered payment a reversal entry reverses: the one whose bank reference the
    /// reversal repeats (as its end-to-end identification, or a word of its remittance text or
    /// additional information), else the one with the same end-to-end identification and amount;
    /// `nil` when none or more than one qualifies.
    static func reversedPayment(by entry: BankStatementEntry, in state: LedgerState) -> UnregisteredPayment? {
        var named: Set<String> = []
        if let endToEnd = entry.endToEndIdentification { named.insert(endToEnd) }
        let text = ([entry.remittanceText] + (entry.additionalInformation.map { [$0] } ?? [])).joined(separator: " ")
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) { named.insert(String(word)) }
        let byReference = named.compactMap { state.unregistered[$0] }
        if byReference.count == 1 { return byReference[0] }
        if byReference.count > 1 { return nil }
        guard let endToEnd = entry.endToEndIdentification else { return nil }
        let candidates = state.unregisteredOrder.compactMap { state.unregistered[$0] }.filter {
            $0.endToEndIdentification == endToEnd && $0.amount == entry.amount
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The bookings a transfer's remittance names, without repetitions, in the order found: a
    /// booking reference with a valid check character (``BookingReference``), a booking
    /// identifier written as a word, or an ISO 11649 reference (structured or in the text) whose
    /// payload is a booking identifier.
    static func bookingsNamed(
        by text: String, creditorReference: CreditorReference?, in state: LedgerState
    ) -> [Identifier] {
        var found: [Identifier] = []
        func consider(_ candidate: String) {
            guard let id = Identifier(candidate), state.position(of: id) != nil, !found.contains(id) else { return }
            found.append(id)
        }
        let candidates = RemittanceReferenceFinder().find(in: text)
        var payloads = candidates.rfReferences.compactMap { ISO11649.payload(of: $0) }
        if let payload = creditorReference?.iso11649Payload { payloads.insert(payload, at: 0) }
        for payload in payloads { consider(payload) }
        // Booking references are eight characters of their alphabet, possibly without a digit,
        // so every word is tried; the check character keeps a random word from matching.
        for reference in bookingReferenceWords(in: text) { consider(reference) }
        for token in candidates.tokens { consider(token) }
        return found
    }

    /// The words of a text (runs of letters and digits) that are valid booking references, upper
    /// case, in order. ASCII text, the usual remittance, is scanned as bytes and only a word of
    /// eight bytes with a valid check character becomes a `String`; other text is split into
    /// characters, whose letters and digits include those outside ASCII.
    static func bookingReferenceWords(in text: String) -> [String] {
        var found: [String] = []
        let scanned: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            var start = 0
            for position in 0...bytes.count {
                if position < bytes.count, isASCIIAlphanumeric(bytes[position]) { continue }
                if position - start == BookingReference.length,
                    BookingReference.isValid(UnsafeBufferPointer(rebasing: bytes[start..<position])),
                    let reference = BookingReference(
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
                {
                    found.append(reference.text)
                }
                start = position + 1
            }
            return true
        }
        if scanned == true { return found }
        for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        where word.count == BookingReference.length {
            if let reference = BookingReference(String(word)) { found.append(reference.text) }
        }
        return found
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The events that assign a payment to a booking, and the new payment's identifier.
    static func assignmentEvents(
        _ payment: UnregisteredPayment, to booking: LedgerBooking, today: XMLDate
    ) -> (events: [LedgerEvent], paymentId: Identifier) {
        var number = 1
        var paymentId = Identifier(stringLiteral: "BT1")
        while booking.payment(paymentId) != nil {
            number += 1
            paymentId = Identifier(stringLiteral: "BT\(number)")
        }
        let scope = booking.expectedPayments(today: today).first?.scheduled.scope ?? .balance
        let entered = LedgerPayment(
            identifier: paymentId, collection: .tourOperator, scope: scope, formOfPayment: .invoice,
            amount: payment.amount, fee: .zero(payment.amount.currency), status: .settled, entryDate: today,
            settlementDate: payment.paymentDate, transactionReference: payment.reference)
        return (
            [
                .unregisteredPaymentAssigned(reference: payment.reference, bookingId: booking.id, paymentId: paymentId),
                .paymentEntered(bookingId: booking.id, payment: entered),
            ], paymentId
        )
    }

    /// The status change that fails an assigned payment's booking payment (`Settled` → `Failed`).
    static func failureOfAssignedPayment(
        bookingId: Identifier, paymentId: Identifier, reason: String, today: XMLDate, state: LedgerState
    ) throws(LedgerError) -> LedgerEvent {
        guard let booking = state.booking(bookingId) else { throw unknownBooking(bookingId) }
        guard let payment = booking.payment(paymentId) else { throw unknownPayment(paymentId, of: bookingId) }
        guard payment.status == .settled, !payment.isInFlight else {
            throw transitionError(payment, to: .failed, bookingId: bookingId)
        }
        return .paymentStatusChanged(
            PaymentStatusChange(
                bookingId: bookingId, paymentId: paymentId, from: .settled, to: .failed, date: today,
                failureReason: reason))
    }

    static func unregistered(_ reference: String, in state: LedgerState) throws(LedgerError) -> UnregisteredPayment {
        guard let payment = state.unregistered[reference] else {
            throw LedgerError(
                code: .unknownUnregisteredPayment, message: "there is no unregistered payment \(reference)")
        }
        return payment
    }

    static func reversedError(_ reference: String, bookingId: Identifier?) -> LedgerError {
        LedgerError(
            code: .unregisteredPaymentReversed, message: "unregistered payment \(reference) was reversed by the bank",
            bookingId: bookingId)
    }

    /// Whether the entry is the outcome of one of this ledger's direct-debit collections: its
    /// end-to-end identification is the attempt key of a direct-debit payment that an autopay run
    /// collected (the key written into the pain.008 file).
    static func concernsDirectDebitCollection(_ entry: BankStatementEntry, in state: LedgerState) -> Bool {
        // A collection's key has slashes (`BOOKING/PAYMENT/ATTEMPT`); most end-to-end
        // identifications have none and are not parsed.
        guard let endToEnd = entry.endToEndIdentification, endToEnd.utf8.contains(UInt8(ascii: "/")),
            let key = PaymentAttemptKey(rawValue: endToEnd),
            let position = state.position(of: key.bookingId),
            state.bookings[position].payment(key.paymentId)?.formOfPayment == .directDebit
        else { return false }
        return state.autopay.data(at: position).charges.contains {
            $0.paymentId == key.paymentId && $0.kind == .directDebit
        }
    }
}
