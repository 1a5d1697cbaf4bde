public import StringPayments
public import XMLCoding

/// One change of the ledger's state; the state is the fold of every event in order.
///
/// The ledger turns each operation into one or more events, applies them together and appends
/// them to the journal as one all-or-nothing change. Replaying the journal applies the same
/// events to an empty ledger and gives the same state.
public enum LedgerEvent: Hashable, Sendable {
    /// A booking was made (or quoted and kept). Its `payments` are empty; payments follow as
    /// ``paymentEntered(bookingId:payment:)``. `requestDigest` identifies the request that made
    /// it, so the same request sent again finds it instead of booking twice.
    indirect case bookingCreated(LedgerBooking, requestDigest: String?)
    /// Price, dates or travellers changed and the schedule was recomputed.
    case bookingModified(BookingModification)
    /// The booking was cancelled: the price became `chargedPrice` and the schedule was dropped.
    case bookingCancelled(bookingId: Identifier, on: XMLDate, chargedPrice: CurrencyAmount)
    /// A payment was entered, or a failed payment was entered again with new details. The
    /// payment carries the status its processing gave it: `Open`, or one step from `Open`
    /// (`Recorded` for agency collection, `Settled` or `Failed` as the gateway answered). A
    /// payment entered ``LedgerPayment/isInFlight`` is `Open` and waits for
    /// ``paymentProcessed(_:)``; its ``LedgerPayment/attempt`` is the number of times the
    /// identifier has been entered, counted by the fold.
    case paymentEntered(bookingId: Identifier, payment: LedgerPayment)
    /// A payment moved along the status flow.
    case paymentStatusChanged(PaymentStatusChange)
    /// The outcome of an in-flight payment's attempt arrived: the payment leaves flight with the
    /// status the gateway, the voucher validation or the request's fate gave it.
    case paymentProcessed(PaymentProcessingResult)
    /// Money arrived by bank transfer and is kept as an unregistered payment, always
    /// ``UnregisteredPayment/State-swift.enum/unassigned``. It concerns no booking; an automatic
    /// match follows in the same change as ``unregisteredPaymentAssigned(reference:bookingId:paymentId:)``.
    case unregisteredPaymentReceived(UnregisteredPayment)
    /// The unregistered payment was assigned to a booking. The same change enters the booking's
    /// `Settled` payment `paymentId` (``paymentEntered(bookingId:payment:)``).
    case unregisteredPaymentAssigned(reference: String, bookingId: Identifier, paymentId: Identifier)
    /// The unregistered payment was taken off the booking it was assigned to. The same change
    /// moves the booking's payment from `Settled` to `Failed` (`unassigned: REASON`).
    case unregisteredPaymentUnassigned(reference: String, bookingId: Identifier, reason: String)
    /// The bank reversed the unregistered payment. `bookingId` is the booking it was assigned
    /// to, if any; the same change then moves that booking's payment to `Failed`.
    case unregisteredPaymentReversed(reference: String, bookingId: Identifier?)
    /// The card acquirer paid out a `Settled` or `Confirmed` card payment: a line of its settlement
    /// report matched the payment's transaction reference (see <doc:BackOffice>).
    case cardPaymentPaidOut(bookingId: Identifier, paymentId: Identifier, payout: AcquirerPayout)
    /// A line of a card settlement report could not be recorded as a payout. It concerns no
    /// booking, even when it names a payment whose figures disagree.
    case cardSettlementExceptionRecorded(CardSettlementException)
    /// The back office changed the booking's descriptive data: the fields the change sets.
    case bookingDetailsChanged(BookingDetailsChange)
    /// A comment was added to the booking.
    case bookingCommented(bookingId: Identifier, comment: BookingComment)
    /// The seller decided whether the money the booking holds beyond its cost is released for
    /// refund.
    case releaseDecided(bookingId: Identifier, decision: ReleaseDecision)
    /// A refund was requested: its amount is reserved from the money the booking may return. A
    /// card refund is requested ``LedgerRefund/isInFlight`` before the gateway is asked.
    case refundRequested(bookingId: Identifier, refund: LedgerRefund)
    /// A requested refund was completed or failed.
    case refundResolved(RefundResolution)
    /// A change of the booking's autopay data (reservation status, cards, approvals, memos,
    /// charges): see ``AutopayEvent``.
    case autopay(AutopayEvent)
    /// A flight record of the booking was added or edited: see ``GDSEvent``.
    case gds(GDSEvent)
    /// A one-time portal token of the booking was issued, redeemed or revoked: see
    /// ``PortalTokenEvent``.
    case portalToken(PortalTokenEvent)
    /// The booking's services were recorded, replacing earlier ones: the services of the `Book`
    /// or `Modify` request, see ``BookedServicesEvent``.
    case servicesRecorded(BookedServicesEvent)

    /// The booking the event concerns; `nil` for an event about an unregistered payment that
    /// concerns no booking (received, or reversed while unassigned).
    ///
    /// A change concerns at most one booking: its events either all concern no booking, or those
    /// with a booking name the same one. Events of unregistered payments that concern a booking
    /// carry its identifier themselves, so a booking's history lists its assignments and the
    /// ledger routes a change to its booking without looking anything up.
    public var bookingId: Identifier? {
        switch self {
        case .bookingCreated(let booking, _): return booking.id
        case .bookingModified(let modification): return modification.bookingId
        case .bookingCancelled(let bookingId, _, _): return bookingId
        case .paymentEntered(let bookingId, _): return bookingId
        case .paymentStatusChanged(let change): return change.bookingId
        case .paymentProcessed(let result): return result.bookingId
        case .unregisteredPaymentReceived: return nil
        case .unregisteredPaymentAssigned(_, let bookingId, _): return bookingId
        case .unregisteredPaymentUnassigned(_, let bookingId, _): return bookingId
        case .unregisteredPaymentReversed(_, let bookingId): return bookingId
        case .cardPaymentPaidOut(let bookingId, _, _): return bookingId
        case .cardSettlementExceptionRecorded: return nil
        case .bookingDetailsChanged(let change): return change.bookingId
        case .bookingCommented(let bookingId, _): return bookingId
        case .releaseDecided(let bookingId, _): return bookingId
        case .refundRequested(let bookingId, _): return bookingId
        case .refundResolved(let resolution): return resolution.bookingId
        case .autopay(let event): return event.bookingId
        case .gds(let event): return event.bookingId
        case .portalToken(let event): return event.bookingId
        case .servicesRecorded(let event): return event.bookingId
        }
    }

    /// The bank reference of the unregistered payment the event concerns; `nil` for the events
    /// of bookings and their payments.
    public var unregisteredPaymentReference: String? {
        switch self {
        case .unregisteredPaymentReceived(let payment): return payment.reference
        case .unregisteredPaymentAssigned(let reference, _, _),
            .unregisteredPaymentUnassigned(let reference, _, _),
            .unregisteredPaymentReversed(let reference, _):
            return reference
        default: return nil
        }
    }
}

/// The new price, dates and travellers of a modified booking, with the recomputed schedule.
public struct BookingModification: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The new total price.
    public var totalPrice: CurrencyAmount
    /// The new departure date.
    public var departureDate: XMLDate
    /// The new return date.
    public var returnDate: XMLDate?
    /// The new travellers.
    public var travellers: [Traveller]
    /// The new lead traveller.
    public var leadTraveller: Identifier?
    /// The new customer email.
    public var customerEmail: String?
    /// The schedule recomputed for the new price and dates.
    public var schedule: [ScheduledPayment]

    /// Creates a modification.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - totalPrice: The new total price.
    ///   - departureDate: The new departure date.
    ///   - returnDate: The new return date.
    ///   - travellers: The new travellers.
    ///   - leadTraveller: The new lead traveller.
    ///   - customerEmail: The new customer email.
    ///   - schedule: The recomputed schedule.
    public init(
        bookingId: Identifier, totalPrice: CurrencyAmount, departureDate: XMLDate, returnDate: XMLDate?,
        travellers: [Traveller], leadTraveller: Identifier?, customerEmail: String?, schedule: [ScheduledPayment]
    ) {
        self.bookingId = bookingId
        self.totalPrice = totalPrice
        self.departureDate = departureDate
        self.returnDate = returnDate
        self.travellers = travellers
        self.leadTraveller = leadTraveller
        self.customerEmail = customerEmail
        self.schedule = schedule
    }
}

/// A payment's move from one status to another, with the processing details that came with it.
public struct PaymentStatusChange: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The payment.
    public var paymentId: Identifier
    /// The status before.
    public var from: PaymentStatus
    /// The status after.
    public var to: PaymentStatus
    /// The day of the change: the settlement date when `to` is `Settled`.
    public var date: XMLDate
    /// A new transaction reference, if the change brought one.
    public var transactionReference: String?
    /// A new authorisation code, if the change brought one.
    public var authorizationCode: String?
    /// Why the payment failed, when `to` is `Failed`.
    public var failureReason: String?

    /// Creates a status change.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - paymentId: The payment.
    ///   - from: The status before.
    ///   - to: The status after.
    ///   - date: The day of the change.
    ///   - transactionReference: A new transaction reference.
    ///   - authorizationCode: A new authorisation code.
    ///   - failureReason: Why the payment failed.
    public init(
        bookingId: Identifier, paymentId: Identifier, from: PaymentStatus, to: PaymentStatus, date: XMLDate,
        transactionReference: String? = nil, authorizationCode: String? = nil, failureReason: String? = nil
    ) {
        self.bookingId = bookingId
        self.paymentId = paymentId
        self.from = from
        self.to = to
        self.date = date
        self.transactionReference = transactionReference
        self.authorizationCode = authorizationCode
        self.failureReason = failureReason
    }
}

/// How an in-flight payment's attempt ended.
public struct PaymentProcessingResult: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The payment.
    public var paymentId: Identifier
    /// The attempt the result belongs to: the payment's ``LedgerPayment/attempt``.
    public var attempt: UInt32
    /// The payment's status afterwards: `Settled` (captured or redeemed), `Failed` (declined,
    /// voided or not taken), `Recorded` (agency collection) or `Open` (the gateway has it
    /// pending; it is no longer in flight).
    public var status: PaymentStatus
    /// The day of the result: the settlement date when `status` is `Settled`.
    public var date: XMLDate
    /// The gateway's reference.
    public var transactionReference: String?
    /// The authorisation code.
    public var authorizationCode: String?
    /// Why the payment failed, when `status` is `Failed`.
    public var failureReason: String?
    /// For a `Failed` result: whether the payment failed without being declined (voided because
    /// another payment of its request was declined, or interrupted), so that sending the same
    /// payment again makes a new attempt instead of repeating the answer.
    public var retryable: Bool

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - paymentId: The payment.
    ///   - attempt: The attempt.
    ///   - status: The status afterwards.
    ///   - date: The day.
    ///   - transactionReference: The gateway's reference.
    ///   - authorizationCode: The authorisation code.
    ///   - failureReason: Why it failed.
    ///   - retryable: Whether a failure was not a decline.
    public init(
        bookingId: Identifier, paymentId: Identifier, attempt: UInt32, status: PaymentStatus, date: XMLDate,
        transactionReference: String? = nil, authorizationCode: String? = nil, failureReason: String? = nil,
        retryable: Bool = false
    ) {
        self.retryable = retryable
        self.bookingId = bookingId
        self.paymentId = paymentId
        self.attempt = attempt
        self.status = status
        self.date = date
        self.transactionReference = transactionReference
        self.authorizationCode = authorizationCode
        self.failureReason = failureReason
    }

    /// The attempt's idempotency key.
    public var key: PaymentAttemptKey {
        PaymentAttemptKey(bookingId: bookingId, paymentId: paymentId, attempt: attempt)
    }
}
