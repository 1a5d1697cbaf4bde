public import StringPayments
import XMLCoding

/// Refunds: money paid back from bookings that hold more than they cost. See <doc:BackOffice>.
extension Ledger {
    /// Requests a refund paid by bank transfer or another way the back office completes:
    /// `Requested`, its amount reserved at once.
    ///
    /// The booking's money must be released (``setRelease(_:for:)``); a financed booking is
    /// refunded only with ``RefundRequest/forcedReason``; the amount is at most
    /// ``LedgerBooking/availableRefundAmount``. Complete it with
    /// ``completeRefund(_:of:payoutReference:)`` once the bank has paid, or fail it with
    /// ``failRefund(_:of:reason:)``.
    ///
    /// - Parameters:
    ///   - request: Amount, method, reference and forced reason.
    ///   - bookingId: The booking.
    /// - Returns: The refund, `R1`, `R2`, … within the booking.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `not-released`, `booking-financed`,
    ///   `refund-exceeds-balance`, `currency-mismatch`, `invalid-amount`, `refund-not-possible`
    ///   (a card refund: use ``refund(_:for:gateway:)``) or `journal-failure`.
    @discardableResult
    public func requestRefund(_ request: RefundRequest, for bookingId: Identifier) throws(LedgerError) -> LedgerRefund {
        if case .card = request.method {
            throw LedgerError(
                code: .refundNotPossible,
                message: "a card refund goes through the payment gateway: Ledger.refund(_:for:gateway:)",
                bookingId: bookingId)
        }
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            let refund = Self.newRefund(request, of: booking, today: today, inFlight: false)
            let after = try commit([.refundRequested(bookingId: bookingId, refund: refund)], to: &storage)
            return after.refund(refund.identifier) ?? refund
        }
    }

    /// Refunds a booking: a card refund through the gateway that collected the card payment, any
    /// other as ``requestRefund(_:for:)``.
    ///
    /// A card refund names a `Settled` or `Confirmed` payment of the booking that the gateway
    /// collected, with no other refund that has not failed, and asks at most what it charged. It
    /// is journaled `Requested` and in flight **before** the gateway is asked
    /// (``PaymentGateway/refund(_:amount:)`` with the payment's attempt key as idempotency key),
    /// then completed with the gateway's reference. When the gateway cannot be asked or does not
    /// answer, the refund stays in flight and ``reconcile(gateway:vouchers:)`` resolves it: a
    /// crash never loses a refund nor pays one twice.
    ///
    /// - Parameters:
    ///   - request: Amount, method, reference and forced reason.
    ///   - bookingId: The booking.
    ///   - gateway: The gateway that collected the card payment.
    /// - Returns: The refund: `Completed`, or `Requested` and in flight when the gateway's answer
    ///   is not known.
    /// - Throws: ``LedgerError`` as ``requestRefund(_:for:)``; for a card refund also
    ///   `unknown-payment` and `refund-not-possible`.
    @discardableResult
    public func refund(
        _ request: RefundRequest, for bookingId: Identifier, gateway: any PaymentGateway
    ) async throws(LedgerError) -> LedgerRefund {
        guard case .card(let paymentId) = request.method else { return try requestRefund(request, for: bookingId) }
        let today = self.today
        let (refund, key, ticket) = try withLockedChange {
            storage throws(LedgerError) -> (LedgerRefund, PaymentAttemptKey, JournalTicket?) in
            storage.ticket = nil
            defer { storage.ticket = nil }
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            let key = try Self.refundableCardPayment(paymentId, of: booking, amount: request.amount)
            let refund = Self.newRefund(request, of: booking, today: today, inFlight: true)
            try commit([.refundRequested(bookingId: bookingId, refund: refund)], to: &storage)
            storage.activeRefunds.insert(key)
            return (refund, key, storage.ticket)
        }
        defer { _ = storage.withLock { $0.activeRefunds.remove(key) } }
        if let ticket { try await awaitJournal(ticket, forced: true) }
        let reference: String
        do {
            reference = Self.text(try await gateway.refund(key, amount: request.amount))
        } catch {
            return refund
        }
        let resolution = RefundResolution(
            bookingId: bookingId, refundId: refund.identifier, status: .completed, date: today,
            payoutReference: reference)
        let booking = try withChange { storage throws(LedgerError) in
            try commit([.refundResolved(resolution)], to: &storage)
        }
        return booking.refund(refund.identifier) ?? refund
    }

    /// Marks a requested refund as paid out: `Requested` → `Completed`. The booking's balance
    /// moves towards zero by its amount.
    ///
    /// - Parameters:
    ///   - refundId: The refund.
    ///   - bookingId: Its booking.
    ///   - payoutReference: The bank's reference of the payout.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-refund`,
    ///   `invalid-status-transition` (the refund is not `Requested`), `payment-in-progress` (a
    ///   card refund the gateway has; reconciliation resolves it) or `journal-failure`.
    @discardableResult
    public func completeRefund(
        _ refundId: Identifier, of bookingId: Identifier, payoutReference: String? = nil
    ) throws(LedgerError) -> LedgerBooking {
        try resolveRefund(refundId, of: bookingId, status: .completed, reference: payoutReference, reason: nil)
    }

    /// Marks a requested refund as not paid out: `Requested` → `Failed`. Its amount is available
    /// for another refund.
    ///
    /// - Parameters:
    ///   - refundId: The refund.
    ///   - bookingId: Its booking.
    ///   - reason: Why it failed.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` as ``completeRefund(_:of:payoutReference:)``.
    @discardableResult
    public func failRefund(
        _ refundId: Identifier, of bookingId: Identifier, reason: String
    ) throws(LedgerError)
        -> LedgerBooking
    {
        try resolveRefund(refundId, of: bookingId, status: .failed, reference: nil, reason: reason)
    }

    /// Every refund with the status, or every refund when `status` is `nil`, with its booking:
    /// oldest request first, then by booking and refund.
    ///
    /// - Parameter status: The status to list. The default, `Requested`, is the pending-refunds
    ///   report.
    /// - Returns: The refunds.
    public func refunds(status: LedgerRefund.Status? = .requested) -> [BookingRefund] {
        let bookings = storage.withLock { $0.state.bookings }
        var result: [BookingRefund] = []
        for booking in bookings where !booking.refunds.isEmpty {
            for refund in booking.refunds where status == nil || refund.status == status {
                result.append(BookingRefund(booking: booking, refund: refund))
            }
        }
        return result.sorted {
            ($0.refund.requestedOn, $0.booking.id, $0.refund.identifier)
                < ($1.refund.requestedOn, $1.booking.id, $1.refund.identifier)
        }
    }

    // MARK: - Internals

    private func resolveRefund(
        _ refundId: Identifier, of bookingId: Identifier, status: LedgerRefund.Status, reference: String?,
        reason: String?
    ) throws(LedgerError) -> LedgerBooking {
        let today = self.today
        return try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            guard let refund = booking.refund(refundId) else {
                throw LedgerError(
                    code: .unknownRefund, message: "booking \(bookingId) has no refund \(refundId)",
                    bookingId: bookingId)
            }
            guard !refund.isInFlight else {
                throw LedgerError(
                    code: .paymentInProgress,
                    message:
                        "refund \(refundId) is in flight at the gateway; its outcome or a reconciliation resolves it",
                    bookingId: bookingId)
            }
            let resolution = RefundResolution(
                bookingId: bookingId, refundId: refundId, status: status, date: today, payoutReference: reference,
                failureReason: reason)
            return try commit([.refundResolved(resolution)], to: &storage)
        }
    }

    /// A new refund of the booking: the next free `Rn`, `Requested` today.
    static func newRefund(
        _ request: RefundRequest, of booking: LedgerBooking, today: XMLDate, inFlight: Bool
    ) -> LedgerRefund {
        var number = booking.refunds.count + 1
        var identifier = Identifier(stringLiteral: "R\(number)")
        while booking.refund(identifier) != nil {
            number += 1
            identifier = Identifier(stringLiteral: "R\(number)")
        }
        let forced = booking.isFinanced ? request.forcedReason : nil
        return LedgerRefund(
            identifier: identifier, amount: request.amount, method: request.method, reference: request.reference,
            forcedReason: forced, requestedOn: today, isInFlight: inFlight)
    }

    /// The attempt key of a card payment the gateway can refund by `amount`, or the refusal.
    static func refundableCardPayment(
        _ paymentId: Identifier, of booking: LedgerBooking, amount: CurrencyAmount
    ) throws(LedgerError) -> PaymentAttemptKey {
        guard let payment = booking.payment(paymentId) else { throw unknownPayment(paymentId, of: booking.id) }
        func refusal(_ why: String) -> LedgerError {
            LedgerError(
                code: .refundNotPossible, message: "payment \(paymentId) cannot be refunded by card: \(why)",
                bookingId: booking.id, paymentId: paymentId)
        }
        guard processing(form: payment.formOfPayment, collection: payment.collection) == .gateway else {
            throw refusal("the gateway did not collect it")
        }
        guard payment.status == .settled || payment.status == .confirmed, !payment.isInFlight else {
            throw refusal("it is \(payment.status.rawValue), not Settled or Confirmed")
        }
        let taken = booking.refunds.contains { refund in
            if case .card(let other) = refund.method, other == paymentId { return refund.status != .failed }
            return false
        }
        guard !taken else { throw refusal("it has a refund already") }
        guard let units = amount.minorUnitCount, units <= payment.amountMinorUnits &+ payment.feeMinorUnits else {
            throw refusal("the refund is more than the \(payment.amount) (and fee) it charged")
        }
        return payment.attemptKey(bookingId: booking.id)
    }
}
