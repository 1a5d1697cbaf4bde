public import StringPayments

/// The filter, order and page of the GDS payments list: ``Ledger/gdsPayments(_:)``.
///
/// Every filter left at its default lets every flight record through; the filters given must
/// all match. Text filters compare exact text (codes are upper case).
public struct GDSPaymentQuery: Hashable, Sendable {
    /// What the list is sorted by. Ties keep the order of the bookings and, within a booking, of
    /// its records; a missing value (no seller, no agency) sorts before any value.
    public enum SortKey: String, CaseIterable, Hashable, Sendable {
        /// The flight's departure date and time.
        case departure
        /// The day the booking was made.
        case booked
        /// The cost price, in minor units whatever the currency.
        case cost
        /// The booking's agency number.
        case agency
        /// The booking's seller.
        case seller
        /// The booking identifier.
        case booking
        /// The airline designator.
        case airline
        /// The PNR.
        case pnr
    }

    /// Only the records of this booking; `nil` (the default) for every booking.
    public var bookingId: Identifier?
    /// The flights' departure dates to list. The default lets every date through.
    public var departure: DateRange
    /// The days the bookings were made (``LedgerBooking/createdOn``). The default lets every day
    /// through.
    public var booked: DateRange
    /// Only bookings of this seller; `nil` (the default) for every seller.
    public var seller: String?
    /// Only bookings of this agency (its number); `nil` (the default) for every agency.
    public var agency: String?
    /// Only flights of this airline (IATA designator); `nil` (the default) for every airline.
    public var airline: String?
    /// Only the records with this PNR; `nil` (the default) for every PNR.
    public var pnr: String?
    /// Only flights from or to this airport (IATA code); `nil` (the default) for every airport.
    public var airport: String?
    /// Only the records of bookings whose cost prices and received payments disagree
    /// (``GDSCostCheck/disagrees``). The default `false` lists every record.
    public var onlyDisagreeing: Bool
    /// The order. The default is ``SortKey/departure``.
    public var sort: SortKey
    /// Whether to reverse the order (ties still in ledger order). The default is `false`.
    public var descending: Bool
    /// Which rows to return. The default returns every row.
    public var paging: ListPaging

    /// Creates a query; every parameter has the default its property documents.
    public init(
        bookingId: Identifier? = nil, departure: DateRange = DateRange(), booked: DateRange = DateRange(),
        seller: String? = nil, agency: String? = nil, airline: String? = nil, pnr: String? = nil,
        airport: String? = nil, onlyDisagreeing: Bool = false, sort: SortKey = .departure, descending: Bool = false,
        paging: ListPaging = .all
    ) {
        self.bookingId = bookingId
        self.departure = departure
        self.booked = booked
        self.seller = seller
        self.agency = agency
        self.airline = airline
        self.pnr = pnr
        self.airport = airport
        self.onlyDisagreeing = onlyDisagreeing
        self.sort = sort
        self.descending = descending
        self.paging = paging
    }
}
