public import StringPayments
import XMLCoding

/// A payment in flight: entered, handed to a gateway or voucher validation, outcome not known.
public struct InFlightPayment: Hashable, Sendable {
    /// The attempt's idempotency key.
    public let key: PaymentAttemptKey
    /// What the attempt charges: amount plus fee.
    public let chargeAmount: CurrencyAmount
    /// How it is paid.
    public let formOfPayment: FormOfPayment?
    /// Who collects it.
    public let collection: PaymentCollection
    /// Whether this process is asking the gateway about it right now (a reconciliation leaves
    /// it alone).
    public let isBeingProcessed: Bool
}

/// What a reconciliation did with one payment in flight.
public struct ReconciliationEntry: Hashable, Sendable {
    /// How the attempt was resolved.
    public enum Resolution: Hashable, Sendable {
        /// The gateway had taken the money (or the voucher was redeemed): `Settled`.
        case settled(transactionReference: String?)
        /// No money was taken, or an authorisation was voided: `Failed` with the reason.
        /// `retryable` is `true` when the payment was not declined but interrupted: sending the
        /// same payment again then makes a new attempt.
        case failed(reason: String, retryable: Bool)
        /// The gateway has the attempt pending: `Open`, no longer in flight.
        case pending(transactionReference: String?)
        /// The gateway could not be asked; the payment stays in flight.
        case unresolved(reason: String)
        /// This process is asking the gateway about it right now; left alone.
        case beingProcessed
    }

    /// The attempt.
    public let key: PaymentAttemptKey
    /// What happened to it.
    public let resolution: Resolution
}

/// What a reconciliation did with one card refund in flight.
public struct RefundReconciliationEntry: Hashable, Sendable {
    /// How the refund was resolved.
    public enum Resolution: Hashable, Sendable {
        /// The gateway had paid it back: `Completed`.
        case completed(payoutReference: String)
        /// The gateway had not paid it back: `Failed`; its amount is available again.
        case failed(reason: String)
        /// The gateway could not be asked; the refund stays in flight.
        case unresolved(reason: String)
        /// This process is asking the gateway about it right now; left alone.
        case beingProcessed
    }

    /// The booking.
    public let bookingId: Identifier
    /// The refund.
    public let refundId: Identifier
    /// What happened to it.
    public let resolution: Resolution
}

/// What ``Ledger/reconcile(gateway:vouchers:)`` did.
public struct ReconciliationReport: Hashable, Sendable {
    /// One entry per payment that was in flight, in key order.
    public let entries: [ReconciliationEntry]
    /// One entry per card refund that was in flight, by booking and refund.
    public let refundEntries: [RefundReconciliationEntry]

    /// The entries whose payment left flight.
    public var resolved: [ReconciliationEntry] {
        entries.filter {
            switch $0.resolution {
            case .unresolved, .beingProcessed: false
            default: true
            }
        }
    }

    /// The entries still in flight afterwards.
    public var unresolved: [ReconciliationEntry] {
        entries.filter {
            switch $0.resolution {
            case .unresolved, .beingProcessed: true
            default: false
            }
        }
    }
}

extension Ledger {
    /// Every payment in flight, in key order.
    public var inFlightPayments: [InFlightPayment] {
        storage.withLock { storage in
            var result: [InFlightPayment] = []
            for booking in storage.state.bookings {
                for payment in booking.payments where payment.isInFlight {
                    let key = payment.attemptKey(bookingId: booking.id)
                    result.append(
                        InFlightPayment(
                            key: key,
                            chargeAmount: CurrencyAmount(
                                minorUnitCount: payment.amountMinorUnits &+ payment.feeMinorUnits,
                                currency: payment.currency),
                            formOfPayment: payment.formOfPayment, collection: payment.collection,
                            isBeingProcessed: storage.activeAttempts.contains(key)))
                }
            }
            return result.sorted { $0.key < $1.key }
        }
    }

    /// Resolves every payment in flight that no task of this process is processing: after a
    /// crash, all of them.
    ///
    /// Each attempt is looked up at the gateway (or the voucher validation) by its key:
    /// - captured (or redeemed) → `Settled`: the money is in the ledger exactly once;
    /// - authorised and not captured → voided, then `Failed` ("voided on reconciliation"): the
    ///   request that made it never got an answer, and sending it again is a new attempt;
    /// - pending → `Open` with the gateway's reference, no longer in flight;
    /// - declined, voided, or never seen by the gateway → `Failed`;
    /// - an agency-collected, invoice or on-site payment of an interrupted request → `Failed`
    ///   ("the request was interrupted"), as the request's other payments were not completed.
    ///
    /// A lookup that fails leaves its payment in flight, reported as unresolved; running the
    /// reconciliation again retries it. Nothing is charged by a reconciliation.
    ///
    /// Card refunds in flight (``refund(_:for:gateway:)``) are resolved the same way, by the
    /// card payment's key: see ``ReconciliationReport/refundEntries``.
    ///
    /// - Parameters:
    ///   - gateway: The gateway the attempts went to.
    ///   - vouchers: The voucher validation.
    /// - Returns: What happened to each payment that was in flight.
    /// - Throws: ``LedgerError`` with code `journal-failure` when an outcome cannot be journaled.
    public func reconcile(
        gateway: any PaymentGateway, vouchers: any VoucherValidator
    ) async throws(LedgerError) -> ReconciliationReport {
        try await reconcile(inFlightPayments, gateway: gateway, vouchers: vouchers)
    }

    /// ``reconcile(gateway:vouchers:)`` of only the operations in flight that `shouldResolve`
    /// accepts: for a ledger shared by several processes (a database journal), where another
    /// live process may be asking the gateway about a payment right now and only what a dead
    /// process left in flight may be resolved.
    ///
    /// `shouldResolve` is asked once for each payment and card refund in flight that no task of
    /// this process is processing, just before the gateway is asked about it. An operation it
    /// refuses is left in flight and is not in the report. As in
    /// ``reconcile(gateway:vouchers:)``, an outcome is journaled only while the attempt is still
    /// in flight, so two processes that resolve the same attempt at once journal it once (the
    /// second one's change is refused by the shared journal and re-checked against the first's).
    ///
    /// - Parameters:
    ///   - gateway: The gateway the attempts went to.
    ///   - vouchers: The voucher validation.
    ///   - shouldResolve: Whether to resolve an operation in flight.
    /// - Returns: What happened to each operation that was resolved or could not be.
    /// - Throws: ``LedgerError`` with code `journal-failure` when an outcome cannot be journaled.
    public func reconcile(
        gateway: any PaymentGateway, vouchers: any VoucherValidator,
        resolving shouldResolve: (InFlightOperation) async -> Bool
    ) async throws(LedgerError) -> ReconciliationReport {
        try await reconcile(inFlightPayments, gateway: gateway, vouchers: vouchers, resolving: shouldResolve)
    }

    /// ``reconcile(gateway:vouchers:)`` of some of the payments in flight.
    func reconcile(
        _ payments: [InFlightPayment], gateway: any PaymentGateway, vouchers: any VoucherValidator,
        resolving shouldResolve: (InFlightOperation) async -> Bool = { _ in true }
    ) async throws(LedgerError) -> ReconciliationReport {
        let today = self.today
        var entries: [ReconciliationEntry] = []
        for payment in payments {
            let key = payment.key
            guard !payment.isBeingProcessed else {
                entries.append(ReconciliationEntry(key: key, resolution: .beingProcessed))
                continue
            }
            guard await shouldResolve(.payment(key)) else { continue }
            let resolution = await resolve(payment, gateway: gateway, vouchers: vouchers)
            let result: AttemptResult
            switch resolution {
            case .settled(let reference): result = .settled(reference: reference, code: nil)
            case .failed(let reason, let retryable):
                result = .failed(reason: reason, reference: nil, retryable: retryable)
            case .pending(let reference): result = .pending(reference: reference)
            case .unresolved, .beingProcessed:
                entries.append(ReconciliationEntry(key: key, resolution: resolution))
                continue
            }
            guard let event = Self.event(for: result, of: key, today: today) else { continue }
            let applied = try withChange { storage throws(LedgerError) -> Bool in
                // Another reconciliation may have resolved it meanwhile, or a task picked it up.
                guard !storage.activeAttempts.contains(key),
                    let current = storage.state.booking(key.bookingId)?.payment(key.paymentId),
                    current.isInFlight, current.attempt == key.attempt
                else { return false }
                try commit([event], to: &storage)
                return true
            }
            if applied { entries.append(ReconciliationEntry(key: key, resolution: resolution)) }
        }
        let refundEntries = try await reconcileRefunds(gateway: gateway, today: today, resolving: shouldResolve)
        return ReconciliationReport(entries: entries, refundEntries: refundEntries)
    }

    /// Resolves every card refund in flight that no task of this process is asking the gateway
    /// about, by the card payment's status at the gateway: refunded → `Completed`; still captured
    /// (the refund never reached it) or anything else → `Failed`, its amount available again.
    private func reconcileRefunds(
        gateway: any PaymentGateway, today: XMLDate, resolving shouldResolve: (InFlightOperation) async -> Bool
    ) async throws(LedgerError) -> [RefundReconciliationEntry] {
        let inFlight = storage.withLock { storage in
            storage.state.bookings.flatMap { booking in
                booking.refunds.compactMap { refund -> (Identifier, Identifier, PaymentAttemptKey?, Bool)? in
                    guard refund.isInFlight, case .card(let paymentId) = refund.method else { return nil }
                    let key = booking.payment(paymentId)?.attemptKey(bookingId: booking.id)
                    return (booking.id, refund.identifier, key, key.map { storage.activeRefunds.contains($0) } ?? false)
                }
            }
        }
        var entries: [RefundReconciliationEntry] = []
        for (bookingId, refundId, key, active) in inFlight {
            let resolution: RefundReconciliationEntry.Resolution
            if active {
                resolution = .beingProcessed
            } else if await !shouldResolve(.refund(bookingId: bookingId, refundId: refundId)) {
                continue
            } else if let key {
                do {
                    switch try await gateway.status(of: key) {
                    case .refunded(let reference):
                        resolution = .completed(payoutReference: Self.text("REFUND-" + reference))
                    case .captured:
                        resolution = .failed(
                            reason: "the refund was interrupted before the gateway paid it; request it again")
                    default:
                        resolution = .failed(reason: "the gateway holds no captured payment to refund")
                    }
                } catch {
                    resolution = .unresolved(reason: "the gateway could not be asked: \(error)")
                }
            } else {
                resolution = .failed(reason: "the refunded payment is unknown")
            }
            let event: LedgerEvent
            switch resolution {
            case .completed(let reference):
                event = .refundResolved(
                    RefundResolution(
                        bookingId: bookingId, refundId: refundId, status: .completed, date: today,
                        payoutReference: reference))
            case .failed(let reason):
                event = .refundResolved(
                    RefundResolution(
                        bookingId: bookingId, refundId: refundId, status: .failed, date: today, failureReason: reason))
            case .unresolved, .beingProcessed:
                entries.append(
                    RefundReconciliationEntry(bookingId: bookingId, refundId: refundId, resolution: resolution))
                continue
            }
            let applied = try withChange { storage throws(LedgerError) -> Bool in
                guard let current = storage.state.booking(bookingId)?.refund(refundId), current.isInFlight,
                    key.map({ !storage.activeRefunds.contains($0) }) ?? true
                else { return false }
                try commit([event], to: &storage)
                return true
            }
            if applied {
                entries.append(
                    RefundReconciliationEntry(bookingId: bookingId, refundId: refundId, resolution: resolution))
            }
        }
        return entries
    }

    private func resolve(
        _ payment: InFlightPayment, gateway: any PaymentGateway, vouchers: any VoucherValidator
    ) async -> ReconciliationEntry.Resolution {
        let key = payment.key
        switch Self.processing(form: payment.formOfPayment, collection: payment.collection) {
        case .recordByAgency, .leaveOpen:
            return .failed(reason: "the request was interrupted before it completed; send it again", retryable: true)
        case .voucher:
            do {
                switch try await vouchers.redemption(for: key) {
                case .redeemed(let reference): return .settled(transactionReference: Self.text(reference))
                case .rejected(let reason): return .failed(reason: Self.text(reason), retryable: false)
                case nil:
                    return .failed(reason: "the voucher was not redeemed: the request was interrupted", retryable: true)
                }
            } catch {
                return .unresolved(reason: "the voucher validation could not be asked: \(error)")
            }
        case .gateway:
            do {
                switch try await gateway.status(of: key) {
                case .captured(let reference, _):
                    return .settled(transactionReference: Self.text(reference))
                case .authorized:
                    try await gateway.void(key)
                    return .failed(reason: "voided on reconciliation: the request was interrupted", retryable: true)
                case .pending(let reference):
                    return .pending(transactionReference: Self.text(reference))
                case .declined(let reason, _):
                    return .failed(reason: Self.text(reason), retryable: false)
                case .voided:
                    return .failed(reason: "voided: the request was interrupted", retryable: true)
                case .refunded:
                    return .failed(reason: "refunded at the gateway", retryable: false)
                case .unknown:
                    return .failed(reason: "the request was interrupted before the gateway was asked", retryable: true)
                }
            } catch {
                return .unresolved(reason: "the gateway could not be asked: \(error)")
            }
        }
    }
}
