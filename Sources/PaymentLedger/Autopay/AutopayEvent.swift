public import Foundation
public import StringPayments

/// A change of a booking's autopay data: reservation status, channel and term set, stored cards,
/// approvals, memos, and the start of a charge. Journaled as ``LedgerEvent/autopay(_:)``.
public enum AutopayEvent: Hashable, Sendable {
    /// The booking's reservation status, distribution channel and payment term set were set;
    /// `nil` keeps what the booking had.
    case reservationSet(
        bookingId: Identifier, status: ReservationStatus?, channel: Identifier?, termSet: Identifier?)
    /// A card was stored on the booking.
    case cardStored(bookingId: Identifier, card: StoredCard)
    /// A stored card was removed.
    case cardRemoved(bookingId: Identifier, cardId: Identifier)
    /// The customer approved scheduled payments (one or all).
    case paymentsApproved(bookingId: Identifier, approvals: [AutopayApproval])
    /// The customer withdrew the approval of a scheduled payment.
    case approvalWithdrawn(bookingId: Identifier, scheduleId: Identifier, actor: LedgerActor, time: Date)
    /// A memo was written on the booking.
    case memoAdded(bookingId: Identifier, memo: BookingMemo)
    /// A SEPA direct debit mandate was stored on the booking.
    case mandateStored(bookingId: Identifier, mandate: DirectDebitMandate)
    /// A mandate was revoked: it is no longer collected under.
    case mandateRevoked(bookingId: Identifier, mandateId: String)
    /// Autopay started a charge: journaled in the same change as the charge's payment, entered
    /// in flight, so that the attempt is known to belong to the scheduled payment.
    case chargeStarted(bookingId: Identifier, charge: AutopayCharge)

    /// The booking the event concerns.
    public var bookingId: Identifier {
        switch self {
        case .reservationSet(let bookingId, _, _, _), .cardStored(let bookingId, _), .cardRemoved(let bookingId, _),
            .paymentsApproved(let bookingId, _), .approvalWithdrawn(let bookingId, _, _, _),
            .memoAdded(let bookingId, _), .chargeStarted(let bookingId, _), .mandateStored(let bookingId, _),
            .mandateRevoked(let bookingId, _):
            bookingId
        }
    }
}
