public import StringPayments

/// The filter, order and page of the payment registration list: ``Ledger/registeredPayments(_:)``.
///
/// Every filter left at its default lets every payment through; the filters given must all match.
public struct PaymentRegistrationQuery: Hashable, Sendable {
    /// How a payment was made, for the method filter.
    public enum Method: Hashable, Sendable {
        /// A form of payment, such as `Invoice` (bank transfers are `Invoice` payments).
        case form(FormOfPayment)
        /// No form of payment: money the agency collected under its agency agreement.
        case none
    }

    /// What the list is sorted by. Ties keep the ledger's order (bookings in the order they were
    /// made, each booking's payments in the order they were entered); a missing value sorts
    /// before any value.
    public enum SortKey: String, CaseIterable, Hashable, Sendable {
        /// The payment date (``RegisteredPayment/date``).
        case date
        /// The amount, compared in minor units whatever the currency.
        case amount
        /// The booking identifier.
        case booking
        /// The agency number.
        case agency
        /// The seller.
        case seller
    }

    /// Only the payments of this booking; `nil` (the default) for every booking.
    public var bookingId: Identifier?
    /// The payment dates to list (settlement date, else entry date); a payment with neither is
    /// in no bounded range. The default lets every payment through.
    public var dates: DateRange
    /// Only payments made this way; `nil` (the default) for every method.
    public var method: Method?
    /// Only payments in one of these statuses; empty (the default) for every status.
    public var statuses: Set<PaymentStatus>
    /// Only payments of this collection; `nil` (the default) for every collection.
    public var collection: PaymentCollection?
    /// Only payments of bookings of this agency (the agency number); `nil` (the default) for every agency.
    public var agency: String?
    /// Only payments of bookings of this seller; `nil` (the default) for every seller.
    public var seller: String?
    /// The order. The default is ``SortKey/date``.
    public var sort: SortKey
    /// Whether to reverse the order (ties still in ledger order). The default is `false`.
    public var descending: Bool
    /// Which rows to return. The default returns every row.
    public var paging: ListPaging

    /// Creates a query; every parameter has the default its property documents.
    public init(
        bookingId: Identifier? = nil, dates: DateRange = DateRange(), method: Method? = nil,
        statuses: Set<PaymentStatus> = [], collection: PaymentCollection? = nil, agency: String? = nil,
        seller: String? = nil, sort: SortKey = .date, descending: Bool = false, paging: ListPaging = .all
    ) {
        self.bookingId = bookingId
        self.dates = dates
        self.method = method
        self.statuses = statuses
        self.collection = collection
        self.agency = agency
        self.seller = seller
        self.sort = sort
        self.descending = descending
        self.paging = paging
    }
}
