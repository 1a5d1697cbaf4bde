/// Which bookings with money to return ``Ledger/negativeBalances(_:)`` lists, and in which order:
/// the back office's "Negative balances" list with its seller filter, its "release payment only"
/// checkbox and its sort.
///
/// ```swift
/// var query = NegativeBalanceQuery(seller: "S-42", releasedOnly: true)
/// query.sort = .amount
/// query.descending = true
/// let rows = ledger.negativeBalances(query)
/// ```
public struct NegativeBalanceQuery: Hashable, Sendable {
    /// What the rows are ordered by. Rows that compare equal are ordered by booking identifier
    /// (in reverse, too, when ``NegativeBalanceQuery/descending`` is set).
    public enum SortKey: String, CaseIterable, Hashable, Sendable {
        /// The booking identifier.
        case booking
        /// The agency number; bookings without an agency first.
        case agency
        /// The seller; bookings without a seller first.
        case seller
        /// The creation date.
        case creationDate
        /// The departure date.
        case departureDate
        /// The money to return (``NegativeBalance/balance``). Amounts in different currencies
        /// compare by their number.
        case amount
    }

    /// Only bookings of this seller (exact match); `nil`, the default, lists every seller's.
    public var seller: String?
    /// Only bookings whose money is released for refund. The default is `false`: every booking.
    public var releasedOnly: Bool
    /// The order. The default is ``SortKey/booking``.
    public var sort: SortKey
    /// Whether the order is reversed (largest amount, latest date, last name first). The default
    /// is `false`.
    public var descending: Bool

    /// Creates a query.
    ///
    /// - Parameters:
    ///   - seller: Only this seller's bookings; `nil` (the default) for every seller.
    ///   - releasedOnly: Only released bookings. Default `false`.
    ///   - sort: The order. Default ``SortKey/booking``.
    ///   - descending: Whether the order is reversed. Default `false`.
    public init(seller: String? = nil, releasedOnly: Bool = false, sort: SortKey = .booking, descending: Bool = false) {
        self.seller = seller
        self.releasedOnly = releasedOnly
        self.sort = sort
        self.descending = descending
    }
}
