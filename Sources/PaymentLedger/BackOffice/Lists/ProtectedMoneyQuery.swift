public import XMLCoding

/// The filter, order and page of the protected money list: ``Ledger/protectedMoney(_:)``.
public struct ProtectedMoneyQuery: Hashable, Sendable {
    /// What the list of bookings is sorted by. Ties keep the order the bookings were made in; a
    /// missing value sorts before any value.
    public enum SortKey: String, CaseIterable, Hashable, Sendable {
        /// The departure date.
        case departure
        /// The release date.
        case release
        /// The protected amount, in minor units whatever the currency.
        case amount
        /// The agency number.
        case agency
        /// The seller.
        case seller
    }

    /// The day the figures are made for. `nil` (the default) is the ledger's today.
    public var asOf: XMLDate?
    /// The departure dates to include. The default lets every date through.
    public var departure: DateRange
    /// Only bookings of this agency; `nil` (the default) for every agency.
    public var agency: String?
    /// Only bookings of this seller; `nil` (the default) for every seller.
    public var seller: String?
    /// The order of the bookings. The default is ``SortKey/departure``.
    public var sort: SortKey
    /// Whether to reverse the order. The default is `false`.
    public var descending: Bool
    /// Which bookings to return; the totals always cover every matching booking. The default
    /// returns every booking.
    public var paging: ListPaging

    /// Creates a query; every parameter has the default its property documents.
    public init(
        asOf: XMLDate? = nil, departure: DateRange = DateRange(), agency: String? = nil, seller: String? = nil,
        sort: SortKey = .departure, descending: Bool = false, paging: ListPaging = .all
    ) {
        self.asOf = asOf
        self.departure = departure
        self.agency = agency
        self.seller = seller
        self.sort = sort
        self.descending = descending
        self.paging = paging
    }
}
