public import StringPayments
public import XMLCoding

/// One row of the "Negative balances" list: a booking that holds more money than it costs, with
/// what the back office needs to decide on a refund. See <doc:BackOffice>.
///
/// The amounts are in the booking currency and add up: ``balance`` = ``paidAmount`` −
/// ``refundedAmount`` − ``bookingTotal``, the money still to return, always positive in a row;
/// ``pendingRefundAmount`` of it is reserved by requested refunds.
public struct NegativeBalance: Hashable, Sendable {
    /// The booking, as of the list. The row's figures are read from it when asked, so making a
    /// row costs a copy of a few references however many rows a list has.
    public let booking: LedgerBooking

    /// The booking.
    public var bookingId: Identifier { booking.id }
    /// The agency's number.
    public var agency: String? { booking.agency?.agency }
    /// The seller.
    public var seller: String? { booking.seller }
    /// The day the booking was made.
    public var createdOn: XMLDate { booking.createdOn }
    /// The departure date.
    public var departureDate: XMLDate { booking.departureDate }
    /// The customer's name (``LedgerBooking/customerName``).
    public var customer: String? { booking.customerName }
    /// What the booking costs: the total price plus the fees of its payments that have not failed
    /// (after a cancellation, the cancellation charge plus fees).
    public var bookingTotal: CurrencyAmount { booking.money(booking.priceMinorUnits &+ booking.totals.fees) }
    /// The money received: recorded, settled and confirmed payments, fees included.
    public var paidAmount: CurrencyAmount { booking.paidAmount }
    /// The money paid back by completed refunds.
    public var refundedAmount: CurrencyAmount { booking.refundedAmount }
    /// The money requested refunds reserve.
    public var pendingRefundAmount: CurrencyAmount { booking.pendingRefundAmount }
    /// The money still to return: ``paidAmount`` − ``refundedAmount`` − ``bookingTotal``.
    public var balance: CurrencyAmount { booking.refundableAmount }
    /// Whether the seller released the money for refund.
    public var isReleased: Bool { booking.isReleased }
    /// Whether the booking is financed.
    public var isFinanced: Bool { booking.isFinanced }
    /// The back office's comments, oldest first.
    public var comments: [BookingComment] { booking.comments }
    /// The agency's branch.
    public var branch: String? { booking.branch }
    /// The finance ledger account.
    public var account: String? { booking.account }
    /// Quoted, booked or cancelled.
    public var state: BookingState { booking.state }

    /// The row of a booking that holds more money than it costs; `nil` for any other.
    init?(_ booking: LedgerBooking) {
        guard booking.openMinorUnits < 0 else { return nil }
        self.booking = booking
    }
}
