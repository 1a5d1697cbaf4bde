public import StringPayments
public import XMLCoding

/// One row of the "Negative balances" list: a booking that holds more money than it costs, with
/// what the back office needs to decide on a refund. See <doc:BackOffice>.
///
/// The amounts are in the booking currency and add up: ``balance`` = ``paidAmount`` −
/// ``refundedAmount`` − ``bookingTotal``, the money still to return, always positive in a row;
/// ``pendingRefundAmount`` of it is reserved by requested refunds.
public struct NegativeBalance: Hashable, Sendable {
    /// The booking.
    public let bookingId: Identifier
    /// The agency's number.
    public let agency: String?
    /// The seller.
    public let seller: String?
    /// The day the booking was made.
    public let createdOn: XMLDate
    /// The departure date.
    public let departureDate: XMLDate
    /// The customer's name (``LedgerBooking/customerName``).
    public let customer: String?
    /// What the booking costs: the total price plus the fees of its payments that have not failed
    /// (after a cancellation, the cancellation charge plus fees).
    public let bookingTotal: CurrencyAmount
    /// The money received: recorded, settled and confirmed payments, fees included.
    public let paidAmount: CurrencyAmount
    /// The money paid back by completed refunds.
    public let refundedAmount: CurrencyAmount
    /// The money requested refunds reserve.
    public let pendingRefundAmount: CurrencyAmount
    /// The money still to return: ``paidAmount`` − ``refundedAmount`` − ``bookingTotal``.
    public let balance: CurrencyAmount
    /// Whether the seller released the money for refund.
    public let isReleased: Bool
    /// Whether the booking is financed.
    public let isFinanced: Bool
    /// The back office's comments, oldest first.
    public let comments: [BookingComment]
    /// The agency's branch.
    public let branch: String?
    /// The finance ledger account.
    public let account: String?
    /// Quoted, booked or cancelled.
    public let state: BookingState

    /// The row of a booking that holds more money than it costs; `nil` for any other.
    init?(_ booking: LedgerBooking) {
        let balanceUnits = -booking.openMinorUnits
        guard balanceUnits > 0 else { return nil }
        bookingId = booking.id
        agency = booking.agency?.agency
        seller = booking.seller
        createdOn = booking.createdOn
        departureDate = booking.departureDate
        customer = booking.customerName
        bookingTotal = booking.money(booking.priceMinorUnits &+ booking.totals.fees)
        paidAmount = booking.paidAmount
        refundedAmount = booking.refundedAmount
        pendingRefundAmount = booking.pendingRefundAmount
        balance = booking.money(balanceUnits)
        isReleased = booking.isReleased
        isFinanced = booking.isFinanced
        comments = booking.comments
        branch = booking.branch
        account = booking.account
        state = booking.state
    }
}
