public import StringPayments
public import XMLCoding

/// A booking's autopay data: reservation status, distribution channel and payment term set,
/// stored cards, the customer's approvals, memos, and what autopay has charged.
///
/// Read it with ``Ledger/autopay(of:)``; change it through the ledger's autopay operations, each
/// one journaled change.
public struct BookingAutopay: Hashable, Sendable {
    /// The reservation status set for the booking; `nil` when none was set (see
    /// ``reservationStatus(of:)``).
    public internal(set) var status: ReservationStatus?
    /// The distribution channel the booking came through, a channel of the autopay settings.
    public internal(set) var channel: Identifier?
    /// The payment term set the booking follows, a term set of the autopay settings.
    public internal(set) var termSet: Identifier?
    /// The stored cards, oldest first.
    public internal(set) var cards: [StoredCard] = []
    /// The approvals in force, one per scheduled payment, in the order given.
    public internal(set) var approvals: [AutopayApproval] = []
    /// The memos, oldest first.
    public internal(set) var memos: [BookingMemo] = []
    /// The SEPA direct debit mandates in force, oldest first.
    public internal(set) var mandates: [DirectDebitMandate] = []
    /// The scheduled payments autopay has charged or tried, one record each.
    public internal(set) var charges: [AutopayCharge] = []
    /// How many cards were ever stored: the next card is `C` and one more.
    var cardsStored = 0
    /// The attempts of each charge's payment that the gateway declined.
    var declines: [Identifier: UInt32] = [:]

    /// Creates empty autopay data.
    public init() {}

    /// The reservation status: the one set, else the one the booking's state maps to.
    ///
    /// - Parameter booking: The booking this data belongs to.
    /// - Returns: The status; always `CANCELLED` for a cancelled booking.
    public func reservationStatus(of booking: LedgerBooking) -> ReservationStatus {
        if booking.state == .cancelled { return .cancelled }
        return status ?? ReservationStatus(bookingState: booking.state)
    }

    /// The stored card with the identifier.
    ///
    /// - Parameter id: The card's identifier.
    /// - Returns: The card, or `nil`.
    public func card(_ id: Identifier) -> StoredCard? { cards.first { $0.id == id } }

    /// The newest mandate signed on or before a day.
    ///
    /// - Parameter day: The day of the collection run.
    /// - Returns: The mandate, or `nil`.
    public func usableMandate(on day: XMLDate) -> DirectDebitMandate? {
        mandates.last { $0.signedOn <= day }
    }

    /// The approval in force for a scheduled payment.
    ///
    /// - Parameter scheduleId: The scheduled payment.
    /// - Returns: The approval, or `nil`.
    public func approval(for scheduleId: Identifier) -> AutopayApproval? {
        approvals.first { $0.scheduleId == scheduleId }
    }

    /// The charge record of a scheduled payment (or ``AutopayCharge/resellerTarget``).
    ///
    /// - Parameter target: The scheduled payment.
    /// - Returns: The record, or `nil` when autopay never charged it.
    public func charge(for target: Identifier) -> AutopayCharge? { charges.first { $0.scheduleId == target } }

    /// The newest guest card that can be charged on a day.
    ///
    /// - Parameter day: The day of the charge.
    /// - Returns: The card, or `nil`.
    public func usableGuestCard(on day: XMLDate) -> StoredCard? {
        cards.last { !$0.isVirtual && $0.unusableReason(on: day) == nil }
    }

    /// The newest virtual card that can be charged on a day.
    ///
    /// - Parameter day: The day of the charge.
    /// - Returns: The card, or `nil`.
    public func usableVirtualCard(on day: XMLDate) -> StoredCard? {
        cards.last { $0.isVirtual && $0.unusableReason(on: day) == nil }
    }

    /// How many attempts of a charge the gateway declined: the attempts that count against
    /// ``AutopaySettings/retryCount``. Attempts that failed for a technical reason (a run
    /// interrupted, an answer lost and the authorisation voided) do not count.
    ///
    /// - Parameter paymentId: The charge's payment.
    /// - Returns: The number of declined attempts.
    public func declinedAttempts(of paymentId: Identifier) -> Int { Int(declines[paymentId] ?? 0) }

    /// Whether a charge's payment may take another attempt: fewer declines than the retry
    /// count, fewer attempts in all than three times the retry count, and not given up.
    func mayRetry(_ payment: LedgerPayment, retryCount: Int) -> Bool {
        declinedAttempts(of: payment.identifier) < retryCount && Int(payment.attempt) < 3 * retryCount
            && !gaveUp(on: payment.identifier)
    }

    /// The identifier the next stored card gets: `C1`, `C2`, ….
    var nextCardId: Identifier { Identifier(stringLiteral: "C\(cardsStored + 1)") }

    /// Whether a failure memo reports the attempt.
    func hasFailureMemo(for key: PaymentAttemptKey) -> Bool {
        memos.contains { $0.kind == .autopayFailure && $0.attempt == key }
    }

    /// Whether autopay gave up on the payment.
    func gaveUp(on paymentId: Identifier) -> Bool {
        memos.contains { $0.kind == .autopayGaveUp && $0.attempt?.paymentId == paymentId }
    }
}
