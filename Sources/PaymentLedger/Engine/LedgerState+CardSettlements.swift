import StringPayments
import XMLCoding

/// The card settlement lines the ledger could not record as payouts, by key, in the order
/// recorded.
struct CardSettlementExceptions: Sendable {
    private(set) var byKey: [String: CardSettlementException] = [:]
    private(set) var order: [String] = []

    /// Every exception, oldest first.
    var all: [CardSettlementException] { order.compactMap { byKey[$0] } }

    mutating func record(_ exception: CardSettlementException) {
        let key = exception.key
        if byKey[key] == nil { order.append(key) }
        byKey[key] = exception
    }
}

extension LedgerState {
    /// What disagrees between a payout and the payment it is for, or `nil` when it fits: the
    /// payment must be a card payment the tour operator collected, `Settled` or `Confirmed` and
    /// not in flight, not paid out yet; the payout in its currency, with a fee of at least zero
    /// and a gross amount (fee plus net) equal to what the card was charged (amount plus fee).
    ///
    /// - Parameters:
    ///   - currency: The payout's currency.
    ///   - feeMinorUnits: The acquirer's fee.
    ///   - netMinorUnits: The amount paid out.
    ///   - payment: The payment, as the booking holds it.
    ///   - status: The payment's status, when a change has moved it since; `nil` for its own.
    /// - Returns: The reason and a sentence, or `nil`.
    static func payoutProblem(
        currency: CurrencyCode, feeMinorUnits: Int64, netMinorUnits: Int64, payment: LedgerPayment,
        status: PaymentStatus? = nil
    ) -> (reason: CardSettlementException.Reason, detail: String)? {
        let id = payment.identifier
        guard payment.formOfPayment == .creditCard, payment.collection == .tourOperator else {
            return (.unknownReference, "payment \(id) is not a card payment collected by the tour operator")
        }
        guard currency == payment.currency else {
            return (.currencyMismatch, "payment \(id) is in \(payment.currency), the payout in \(currency)")
        }
        let status = status ?? payment.status
        guard status == .settled || status == .confirmed, !payment.isInFlight else {
            return (.notSettled, "payment \(id) is \(status.rawValue)\(payment.isInFlight ? " (in flight)" : "")")
        }
        let charged = payment.amountMinorUnits &+ payment.feeMinorUnits
        let (gross, overflow) = feeMinorUnits.addingReportingOverflow(netMinorUnits)
        guard feeMinorUnits >= 0, netMinorUnits >= 0, !overflow else {
            return (.invalidFee, "the fee must be at least zero and at most the gross amount")
        }
        guard gross == charged else {
            let money = { (units: Int64) in CurrencyAmount(minorUnitCount: units, currency: currency).description }
            return (
                .amountMismatch,
                "the gross amount \(money(gross)) is not the \(money(charged)) payment \(id) charged to the card"
            )
        }
        if let earlier = payment.acquirerPayout {
            return (
                .alreadyPaidOut,
                "payment \(id) was paid out on \(earlier.payoutDate.xmlLexicalForm) (report \(earlier.report))"
            )
        }
        return nil
    }

    /// The error a payout that does not fit its payment is refused with.
    static func payoutError(
        _ problem: (reason: CardSettlementException.Reason, detail: String), bookingId: Identifier,
        paymentId: Identifier
    ) -> LedgerError {
        let code: LedgerError.Code
        switch problem.reason {
        case .currencyMismatch: code = .currencyMismatch
        case .alreadyPaidOut: code = .alreadyPaidOut
        default: code = .payoutMismatch
        }
        return LedgerError(code: code, message: problem.detail, bookingId: bookingId, paymentId: paymentId)
    }

    /// Checks a ``LedgerEvent/cardPaymentPaidOut(bookingId:paymentId:payout:)`` against the
    /// booking at `position`.
    func checkPayout(
        _ payout: AcquirerPayout, of paymentId: Identifier, status: PaymentStatus?, position: Int?,
        bookingId: Identifier, paidOutBefore: Bool
    ) throws(LedgerError) {
        guard let position, let payment = bookings[position].payment(paymentId) else {
            throw LedgerError(
                code: .unknownPayment, message: "no payment \(paymentId) to pay out", bookingId: bookingId,
                paymentId: paymentId)
        }
        guard !paidOutBefore else {
            throw LedgerError(
                code: .alreadyPaidOut, message: "payment \(paymentId) is paid out twice in one change",
                bookingId: bookingId, paymentId: paymentId)
        }
        guard payout.netMinorUnits <= Self.maximumMinorUnits, payout.feeMinorUnits <= Self.maximumMinorUnits else {
            throw LedgerError(
                code: .invalidAmount, message: "the payout of payment \(paymentId) is out of range",
                bookingId: bookingId, paymentId: paymentId)
        }
        if let problem = Self.payoutProblem(
            currency: payout.currency, feeMinorUnits: payout.feeMinorUnits, netMinorUnits: payout.netMinorUnits,
            payment: payment, status: status)
        {
            throw Self.payoutError(problem, bookingId: bookingId, paymentId: paymentId)
        }
    }

    /// Checks the ``LedgerEvent/cardSettlementExceptionRecorded(_:)`` events of a change: each
    /// has a transaction reference and a key not recorded before.
    func checkCardSettlementExceptions(_ events: [LedgerEvent]) throws(LedgerError) {
        var keys: [String] = []
        for case .cardSettlementExceptionRecorded(let exception) in events {
            let key = exception.key
            guard !exception.transactionReference.isEmpty else {
                throw LedgerError(
                    code: .payoutMismatch, message: "a card settlement exception without a transaction reference")
            }
            guard cardSettlementExceptions.byKey[key] == nil, !keys.contains(key) else {
                throw LedgerError(
                    code: .payoutMismatch,
                    message: "the card settlement exception \(exception.transactionReference) of "
                        + "\(exception.payoutDate.xmlLexicalForm) is recorded twice")
            }
            keys.append(key)
        }
    }
}
