public import Foundation
public import StringPayments
public import XMLCoding

/// The criterion that kept a candidate from being charged.
public enum AutopayCriterion: String, Hashable, Sendable, CaseIterable {
    /// (b) Nothing remains to pay of it.
    case paid
    /// (c) The reservation status is outside `PROVISIONAL`…`CHECKIN`.
    case reservationStatus = "reservation-status"
    /// (d) The booking's channel is not configured, or has autopay off, and the customer did not approve it.
    case channelAutopay = "channel-autopay"
    /// (d) The channel has no autopay payer.
    case noPayer = "no-payer"
    /// (d) The booking's term set is not configured, or has autopay off.
    case termSetAutopay = "term-set-autopay"
    /// (d) The customer approved less than what remains of it.
    case approvalExceeded = "approval-exceeded"
    /// (e) No stored card can be charged on the run date (none, expired, a virtual card outside
    /// its validity).
    case noUsableCard = "no-usable-card"
    /// (e) Direct debit: the booking has no mandate signed by the run date.
    case noMandate = "no-mandate"
    /// Direct debit: the booking was made too late before the due date for the debtor's
    /// pre-notification.
    case preNotification = "pre-notification"
    /// Autopay charged it already.
    case alreadyCharged = "already-charged"
    /// The gateway has the last attempt pending.
    case pendingAtGateway = "pending-at-gateway"
    /// An attempt is in flight (another run has it, or a crash left it for reconciliation).
    case inFlight = "in-flight"
    /// The attempts allowed are used up.
    case retriesUsedUp = "retries-used-up"
    /// Other payments in progress cover what remains of it.
    case covered
    /// The ledger refused the charge (form of payment not offered, card type not accepted, …).
    case refused
}

/// One instalment (or arrival) a run selected: what it charges, from which card, in whose name.
public struct AutopayTarget: Hashable, Sendable {
    /// The booking.
    public let bookingId: Identifier
    /// The scheduled payment; ``AutopayCharge/resellerTarget`` for reseller autopay.
    public let scheduleId: Identifier
    /// Its due date (the arrival date for reseller autopay, the collection date for a direct debit).
    public let dueDate: XMLDate
    /// What is charged, without the form of payment's fee.
    public let amount: CurrencyAmount
    /// The stored card; for a direct debit, the mandate reference.
    public let cardId: Identifier
    /// The payer in whose name the payment is entered.
    public let payer: String
    /// The attempt this run makes: 1 for the first.
    public let attempt: UInt32
    /// Whether it is charged on the customer's approval.
    public let approved: Bool

    /// The payment that carries the attempts.
    public var paymentId: Identifier { AutopayCharge.paymentId(for: scheduleId) ?? scheduleId }

    /// The attempt's idempotency key, as the gateway sees it.
    public var key: PaymentAttemptKey {
        PaymentAttemptKey(bookingId: bookingId, paymentId: paymentId, attempt: attempt)
    }
}

/// A candidate a run did not charge, and why.
public struct AutopaySkip: Hashable, Sendable {
    /// The booking.
    public let bookingId: Identifier
    /// The scheduled payment (or ``AutopayCharge/resellerTarget``).
    public let scheduleId: Identifier
    /// The criterion that excluded it.
    public let criterion: AutopayCriterion
    /// Details, such as the reservation status or the ledger's error.
    public let detail: String
}

/// What a charge of a run came to.
public struct AutopayOutcome: Hashable, Sendable {
    /// How the attempt ended.
    public enum Result: Hashable, Sendable {
        /// The money was taken: a settled payment in the payer's name.
        case charged(transactionReference: String?)
        /// The gateway has it pending.
        case pending(transactionReference: String?)
        /// The charge failed: the payment is `Failed` with the reason, a memo says so.
        /// `gaveUp` when it was the last attempt allowed.
        case failed(reason: String, gaveUp: Bool)
        /// The gateway's answer did not arrive: the attempt stays in flight until the next run
        /// (or `reconcile`) asks the gateway.
        case unresolved
    }

    /// The charge.
    public let target: AutopayTarget
    /// How it ended.
    public let result: Result
}

/// What an autopay run did: what it selected, charged, failed and skipped.
public struct AutopayRunReport: Hashable, Sendable {
    /// Instalment or reseller autopay.
    public let kind: AutopayKind
    /// The instant of the run.
    public let instant: Date
    /// The run's date (UTC).
    public let runDate: XMLDate
    /// Whether nothing was charged (`--dry-run`).
    public let dryRun: Bool
    /// Attempts a previous run left in flight, resolved by asking the gateway first.
    public internal(set) var reconciled: [ReconciliationEntry] = []
    /// What the run selected, in booking and scheduled-payment order.
    public internal(set) var selected: [AutopayTarget] = []
    /// What each charge came to, in the order of ``selected``; empty for a dry run.
    public internal(set) var outcomes: [AutopayOutcome] = []
    /// The candidates not charged, with the criterion.
    public internal(set) var skipped: [AutopaySkip] = []
    /// The pain.008 file a direct-debit run wrote.
    public internal(set) var collectionFile: URL?

    /// The charges that took the money.
    public var charged: [AutopayOutcome] {
        outcomes.filter { if case .charged = $0.result { true } else { false } }
    }

    /// The charges that failed.
    public var failed: [AutopayOutcome] {
        outcomes.filter { if case .failed = $0.result { true } else { false } }
    }
}
