public import BankStatements
public import StringPayments
public import XMLCoding

/// Card settlements: what the card acquirer paid out for the card payments the tour operator
/// collected, read from its settlement report. See <doc:BackOffice>.
///
/// A report line is matched to a card payment by the payment's ``LedgerPayment/transactionReference``:
/// the reference the payment gateway returned for the capture, which is the reference acquirers
/// print on their settlement lines. Only payments by card (`CreditCard`) collected by the tour
/// operator are candidates; agency-collected cards are paid out to the agency.
extension Ledger {
    /// Imports an acquirer's settlement report: each line that matches exactly one card payment
    /// whose figures agree is recorded on the payment as its ``LedgerPayment/acquirerPayout``;
    /// every other line is recorded as a ``CardSettlementException``.
    ///
    /// A line agrees with its payment when the payment is `Settled` or `Confirmed` (not in
    /// flight), the line is in the payment's currency, its fee is at least zero and its gross
    /// amount is what the card was charged: the payment's amount plus its fee. A negative gross
    /// amount (a refund or chargeback) is not matched.
    ///
    /// Importing is idempotent: a line whose payment has the same payout already, or whose
    /// exception was recorded before, changes nothing. Each line is its own change, so should the
    /// journal fail half-way, importing the report again completes it.
    ///
    /// - Parameters:
    ///   - lines: The report's lines, as ``/BankStatements/CardSettlementReport`` reads them.
    ///   - report: The report's name, such as its file name; kept with each payout and exception.
    /// - Returns: What happened to each line.
    /// - Throws: ``LedgerError`` with code `journal-failure` when a change cannot be journaled; the
    ///   lines before it are imported.
    @discardableResult
    public func importCardSettlements(
        _ lines: [CardSettlementLine], report: String
    ) throws(LedgerError) -> CardSettlementImportReport {
        let wanted = Set(lines.map(\.transactionReference))
        return try withChange { storage throws(LedgerError) in
            var candidates: [String: [(position: Int, paymentId: Identifier)]] = [:]
            for (position, booking) in storage.state.bookings.enumerated() {
                for payment in booking.payments where Self.isAcquirerPayment(payment) {
                    guard let reference = payment.transactionReference, wanted.contains(reference) else { continue }
                    candidates[reference, default: []].append((position, payment.identifier))
                }
            }
            var result = CardSettlementImportReport()
            for line in lines {
                let found = candidates[line.transactionReference] ?? []
                func exception(
                    _ reason: CardSettlementException.Reason, _ detail: String, named: Bool
                ) -> CardSettlementException {
                    CardSettlementException(
                        reason: reason, detail: detail, transactionReference: line.transactionReference,
                        payoutDate: line.payoutDate, grossAmount: line.grossAmount, fee: line.fee,
                        netAmount: line.netAmount, payoutReference: line.payoutReference, report: report,
                        line: line.line,
                        bookingId: named ? found.first.map { storage.state.bookings[$0.position].id } : nil,
                        paymentId: named ? found.first?.paymentId : nil)
                }
                var problem: CardSettlementException?
                if line.grossAmount.isNegative {
                    problem = exception(
                        .refundOrChargeback, "a negative gross amount: a refund or chargeback", named: false)
                } else if found.isEmpty {
                    problem = exception(
                        .unknownReference, "no card payment has the reference \(line.transactionReference)",
                        named: false)
                } else if found.count > 1 {
                    problem = exception(
                        .ambiguousReference,
                        "\(found.count) card payments have the reference \(line.transactionReference)", named: false)
                } else if let match = found.first {
                    let booking = storage.state.bookings[match.position]
                    guard let payment = booking.payment(match.paymentId) else { continue }
                    switch Self.payout(of: line, report: report, for: payment) {
                    case .failure(let mismatch):
                        problem = exception(mismatch.reason, mismatch.detail, named: true)
                    case .success(.some(let payout)):
                        try commit(
                            [.cardPaymentPaidOut(bookingId: booking.id, paymentId: payment.identifier, payout: payout)],
                            to: &storage)
                        result.paidOut.append(
                            .init(
                                transactionReference: line.transactionReference, bookingId: booking.id,
                                paymentId: payment.identifier, payout: payout))
                    case .success(nil):
                        result.alreadyPaidOut.append(line.transactionReference)
                    }
                }
                guard let problem else { continue }
                if storage.state.cardSettlementExceptions.byKey[problem.key] != nil {
                    result.alreadyRecorded.append(problem)
                    continue
                }
                try commitChange([.cardSettlementExceptionRecorded(problem)], to: &storage)
                if problem.reason.isMismatch {
                    result.mismatches.append(problem)
                } else {
                    result.unmatched.append(problem)
                }
            }
            return result
        }
    }

    /// Records one settlement line as the payout of a payment chosen by hand: for a line the
    /// import could not match, such as one whose reference the gateway wrote differently.
    ///
    /// - Parameters:
    ///   - line: The settlement line.
    ///   - report: The report it came from.
    ///   - paymentId: The card payment.
    ///   - bookingId: Its booking.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-payment`, `currency-mismatch`,
    ///   `payout-mismatch` (not a tour-operator card payment, not `Settled` or `Confirmed`, a gross
    ///   amount other than what the card was charged, a negative fee), `already-paid-out` or
    ///   `journal-failure`.
    @discardableResult
    public func recordCardPayout(
        _ line: CardSettlementLine, report: String, paymentId: Identifier, of bookingId: Identifier
    ) throws(LedgerError) -> LedgerBooking {
        try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            guard let payment = booking.payment(paymentId) else { throw Self.unknownPayment(paymentId, of: bookingId) }
            switch Self.payout(of: line, report: report, for: payment) {
            case .failure(let mismatch):
                throw LedgerState.payoutError(
                    (mismatch.reason, mismatch.detail), bookingId: bookingId, paymentId: paymentId)
            case .success(nil):
                return booking
            case .success(.some(let payout)):
                return try commit(
                    [.cardPaymentPaidOut(bookingId: bookingId, paymentId: paymentId, payout: payout)], to: &storage)
            }
        }
    }

    /// The settlement lines recorded as exceptions, oldest first.
    public var cardSettlementExceptions: [CardSettlementException] {
        storage.withLock { $0.state.cardSettlementExceptions.all }
    }

    /// The card payments the acquirer has paid out, in booking order.
    public var paidOutCardPayments: [CardPaymentRecord] {
        cardPayments { $0.acquirerPayout != nil }
    }

    /// The card payments the acquirer has not paid out although they were settled on or before a
    /// day: `Settled` or `Confirmed` tour-operator card payments without a payout.
    ///
    /// Acquirers pay out a few working days after the capture; list with a cut-off some days
    /// back (``cardPaymentsAwaitingPayout(olderThanDays:)``) to see the ones overdue.
    ///
    /// - Parameter cutoff: The last settlement day to list.
    /// - Returns: The payments, in booking order.
    public func cardPaymentsAwaitingPayout(settledOnOrBefore cutoff: XMLDate) -> [CardPaymentRecord] {
        let lastDay = cutoff.daysSinceEpoch
        return cardPayments { payment in
            guard payment.acquirerPayout == nil, payment.status == .settled || payment.status == .confirmed,
                !payment.isInFlight, let settled = payment.settlementDate
            else { return false }
            return settled.daysSinceEpoch <= lastDay
        }
    }

    /// The card payments settled more than `days` days before the ledger's today that the acquirer
    /// has not paid out.
    ///
    /// - Parameter days: How many days a payout may take. The default is 7, a little more than
    ///   the usual two to five working days, so that only overdue payouts are listed.
    /// - Returns: The payments, in booking order.
    public func cardPaymentsAwaitingPayout(olderThanDays days: Int = 7) -> [CardPaymentRecord] {
        cardPaymentsAwaitingPayout(
            settledOnOrBefore: XMLDate(daysSinceEpoch: today.daysSinceEpoch - max(0, min(days, 36_500)) - 1))
    }

    // MARK: - Internals

    /// Whether the acquirer pays the payment out to the tour operator: a card payment it collected.
    static func isAcquirerPayment(_ payment: LedgerPayment) -> Bool {
        payment.formOfPayment == .creditCard && payment.collection == .tourOperator
    }

    private func cardPayments(where include: (LedgerPayment) -> Bool) -> [CardPaymentRecord] {
        let bookings = self.bookings
        var result: [CardPaymentRecord] = []
        for booking in bookings {
            for payment in booking.payments where Self.isAcquirerPayment(payment) && include(payment) {
                result.append(CardPaymentRecord(bookingId: booking.id, payment: payment))
            }
        }
        return result
    }

    /// Why a line cannot be a payment's payout.
    struct PayoutMismatch: Error {
        var reason: CardSettlementException.Reason
        var detail: String
    }

    /// The payout a line records on a payment; `nil` when the payment has this payout already.
    static func payout(
        of line: CardSettlementLine, report: String, for payment: LedgerPayment
    ) -> Result<AcquirerPayout?, PayoutMismatch> {
        let currency = line.grossAmount.currency
        guard let fee = XMLDecimal.scaledInteger(line.fee.amount, fractionDigits: currency.minorUnits),
            let net = XMLDecimal.scaledInteger(line.netAmount.amount, fractionDigits: currency.minorUnits)
        else {
            return .failure(PayoutMismatch(reason: .invalidFee, detail: "the amounts are out of range"))
        }
        let payout = AcquirerPayout(
            payoutDate: line.payoutDate, currency: currency, feeMinorUnits: fee, netMinorUnits: net,
            payoutReference: line.payoutReference, report: report)
        if let earlier = payment.acquirerPayout, earlier.payoutDate == payout.payoutDate,
            earlier.currency == payout.currency, earlier.feeMinorUnits == fee, earlier.netMinorUnits == net,
            earlier.payoutReference == payout.payoutReference
        {
            return .success(nil)
        }
        if let problem = LedgerState.payoutProblem(
            currency: currency, feeMinorUnits: fee, netMinorUnits: net, payment: payment)
        {
            return .failure(PayoutMismatch(reason: problem.reason, detail: problem.detail))
        }
        return .success(payout)
    }
}
