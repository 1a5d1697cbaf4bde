import StringPayments
import XMLCoding

extension LedgerState {
    /// Checks the one payment of a request against the booking at `position`, as
    /// ``Ledger/plan(_:booking:isNew:requestDigest:collection:today:retryingFailed:)`` checks it
    /// (``Ledger/check(_:booking:collection:today:retryingFailed:)`` and
    /// ``Ledger/checkCovered(_:by:first:)``), reading the payment in place.
    ///
    /// - Returns: The checked payment, and the booking's own identifier, as the plan names it (the
    ///   caller's may differ from it by canonical equivalence).
    func checkOne(
        _ payments: [Payment], position: Int, collection: PaymentCollection?, today: XMLDate
    ) throws(LedgerError) -> (CheckedPayment, bookingId: Identifier) {
        guard bookings.indices.contains(position) else {
            throw LedgerError(code: .unknownBooking, message: "no booking at position \(position)")
        }
        // The payment through a pointer, so that only the parts the check reads are loaded.
        return try payments.withUnsafeBufferPointer { (request) throws(LedgerError) in
            guard request.count == 1, let payment = request.baseAddress else {
                throw LedgerError(code: .unknownBooking, message: "a request of one payment expected")
            }
            // One copy of the booking for the whole check (each read of the array's element is one).
            let booking = bookings[position]
            let checked = try Ledger.check(
                payment, booking: booking, collection: collection, today: today, retryingFailed: false)
            if checked.disposition != .unchanged {
                try Ledger.checkCovered(checked.record.amountMinorUnits, by: booking, first: checked.record.identifier)
            }
            return (checked, booking.id)
        }
    }
}

extension Ledger {
    /// ``enterPayments(_:bookingId:collection:outcomes:)`` for a request of one payment into the
    /// existing booking at `position`, the commonest change: the same checks, the same journal
    /// record and the same state as the plan and its commit, without the plan's item array, the
    /// booking copied for the plan, or more than one search of the booking's payments. Called
    /// with the lock held.
    ///
    /// - Parameters:
    ///   - payments: The request's payments: exactly one.
    ///   - position: The booking's position, looked up by the caller.
    ///   - collection: The request's `Payments/@Collection`.
    ///   - outcomes: What the gateway or voucher validation said, by payment identifier.
    ///   - today: The ledger's today.
    ///   - storage: The ledger's storage.
    /// - Returns: The booking after the change, and whether the payment was entered.
    func enterOne(
        _ payments: [Payment], position: Int, collection: PaymentCollection?, outcomes: [Identifier: PaymentOutcome],
        today: XMLDate, storage: inout Storage
    ) throws(LedgerError) -> PaymentEntryResult {
        var (checked, bookingId) = try storage.state.checkOne(
            payments, position: position, collection: collection, today: today)
        let paymentId = checked.record.identifier
        guard checked.disposition != .unchanged else {
            return PaymentEntryResult(
                booking: storage.state.bookings[position], entries: PaymentEntries(paymentId, entered: false))
        }
        try Self.applyProcessing(
            to: &checked.record, processing: checked.processing, outcomes: outcomes, today: today,
            bookingId: bookingId)
        if let failure = storage.failure { throw failure }
        try storage.state.checkEntered(checked.record, existingIndex: checked.existingIndex, position: position)
        if isJournaled {
            try submit(
                [.paymentEntered(bookingId: bookingId, payment: checked.record)], bookingId: bookingId,
                storage: &storage)
        }
        storage.state.applyEntered(
            checked.record, existingIndex: checked.existingIndex, afterCheck: (), position: position)
        return PaymentEntryResult(
            booking: storage.state.bookings[position], entries: PaymentEntries(paymentId, entered: true))
    }

    /// Gives a checked payment's record the status its processing ends it in, reached from
    /// `Open` (a retry replaces the failed payment: Failed → Open → …): `Recorded` for the
    /// agency's collection, `Open` for invoices and the like, and for the gateway's or voucher
    /// validation's payments what `outcomes` says (`Open` when it says nothing).
    ///
    /// - Throws: ``LedgerError`` with code `voucher-rejected` when the outcome is a rejection.
    static func applyProcessing(
        to record: inout LedgerPayment, processing: PaymentPlan.Processing, outcomes: [Identifier: PaymentOutcome],
        today: XMLDate, bookingId: Identifier
    ) throws(LedgerError) {
        switch processing {
        case .recordByAgency:
            record.status = .recorded
        case .leaveOpen:
            break
        case .gateway, .voucher:
            let id = record.identifier
            switch outcomes[id] {
            case .settled(let reference, let code):
                record.status = .settled
                record.settlementDate = today
                record.setProcessing(transactionReference: reference, authorizationCode: code)
            case .failed(let reason, let reference):
                record.status = .failed
                record.setProcessing(transactionReference: reference, failureReason: reason)
            case .pending(let reference):
                record.setProcessing(transactionReference: reference)
            case nil:
                break
            case .rejected(let reason):
                throw LedgerError(
                    code: .voucherRejected, message: "payment \(id) was refused: \(reason)", bookingId: bookingId,
                    paymentId: id)
            }
        }
    }
}
