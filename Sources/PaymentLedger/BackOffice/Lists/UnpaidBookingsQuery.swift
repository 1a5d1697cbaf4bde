public import XMLCoding

/// The filter, order and page of the unpaid bookings list: ``Ledger/unpaidBookings(_:)``.
///
/// Every filter left at its default lets every booking through; the filters given must all
/// match. A booking is unpaid when it is booked (not quoted or cancelled) and its
/// ``LedgerBooking/openAmount`` is more than zero on the ``asOf`` day.
public struct UnpaidBookingsQuery: Hashable, Sendable {
    /// Which due date ``due`` filters by.
    public enum DueKind: String, CaseIterable, Hashable, Sendable {
        /// The deposit's due date.
        case deposit
        /// The second payment's (the first interim instalment's) due date.
        case secondPayment = "second-payment"
        /// The rest payment's (the balance's) due date.
        case restPayment = "rest-payment"
        /// Any of the three: a booking matches when one of them lies in the range.
        case any
    }

    /// What the list is sorted by. Ties keep the order the bookings were made in; a missing
    /// value (no seller, no due date) sorts before any value.
    public enum SortKey: String, CaseIterable, Hashable, Sendable {
        /// The booking identifier.
        case booking
        /// The departure date.
        case departure
        /// The due date of the first scheduled payment not fully paid.
        case nextDue = "next-due"
        /// The balance (``UnpaidBooking/balance``), compared in minor units whatever the currency.
        case balance
        /// The amount due now (``UnpaidBooking/dueNow``), in minor units.
        case dueNow = "due-now"
        /// The agency number.
        case agency
        /// The seller.
        case seller
    }

    /// The day the list is made for: what is due by then. `nil` (the default) is the ledger's today.
    public var asOf: XMLDate?
    /// The departure dates to list. The default lets every date through.
    public var departure: DateRange
    /// The due dates to list, of the payments ``dueKind`` names. The default lets every date through.
    public var due: DateRange
    /// Which due date ``due`` applies to. The default is ``DueKind/any``.
    public var dueKind: DueKind
    /// Only bookings of this seller (exact text); `nil` (the default) for every seller.
    public var seller: String?
    /// Only bookings of this agency (the agency number, exact text); `nil` (the default) for every agency.
    public var agency: String?
    /// Only bookings with an amount due now (``UnpaidBooking/dueNow`` above zero). The default
    /// `false` lists every booking with a balance.
    public var onlyDueNow: Bool
    /// The order. The default is ``SortKey/departure``.
    public var sort: SortKey
    /// Whether to reverse the order (ties still in booking order). The default is `false`.
    public var descending: Bool
    /// Which rows to return. The default returns every row.
    public var paging: ListPaging

    /// Creates a query; every parameter has the default its property documents.
    public init(
        asOf: XMLDate? = nil, departure: DateRange = DateRange(), due: DateRange = DateRange(),
        dueKind: DueKind = .any, seller: String? = nil, agency: String? = nil, onlyDueNow: Bool = false,
        sort: SortKey = .departure, descending: Bool = false, paging: ListPaging = .all
    ) {
        self.asOf = asOf
        self.departure = departure
        self.due = due
        self.dueKind = dueKind
        self.seller = seller
        self.agency = agency
        self.onlyDueNow = onlyDueNow
        self.sort = sort
        self.descending = descending
        self.paging = paging
    }
}
