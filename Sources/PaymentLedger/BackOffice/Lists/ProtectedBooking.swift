public import StringPayments
public import XMLCoding

/// One booking of the protected money list: customer money received before the trip and held
/// until the travel date.
public struct ProtectedBooking: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The agency number.
    public var agency: String?
    /// The seller.
    public var seller: String?
    /// The customer (``LedgerBooking/displayCustomerName``).
    public var customerName: String?
    /// The departure date.
    public var departureDate: XMLDate
    /// The day the money is released: the return date, else the departure date. Until the end
    /// of that day it is protected.
    public var releaseDate: XMLDate
    /// The booking currency.
    public var currency: CurrencyCode
    var protectedMinorUnits: Int64

    /// The customer money held: the booking's ``LedgerBooking/paidAmount`` (recorded, settled
    /// and confirmed payments with their fees).
    public var protectedAmount: CurrencyAmount {
        CurrencyAmount(minorUnitCount: protectedMinorUnits, currency: currency)
    }
}

extension ProtectedBooking: BackOfficeRow {
    /// Booking, Agency, Seller, Customer, Departure, Release, Currency, Protected.
    public static let columns: [BackOfficeColumn] = [
        BackOfficeColumn("Booking", key: "booking"), BackOfficeColumn("Agency", key: "agency"),
        BackOfficeColumn("Seller", key: "seller"), BackOfficeColumn("Customer", key: "customer"),
        BackOfficeColumn("Departure", key: "departureDate"), BackOfficeColumn("Release", key: "releaseDate"),
        BackOfficeColumn("Currency", key: "currency"), BackOfficeColumn("Protected", key: "protected", isNumeric: true),
    ]

    /// The cells in ``columns`` order.
    public var cells: [String?] {
        [
            bookingId.value, agency, seller, customerName, departureDate.xmlLexicalForm, releaseDate.xmlLexicalForm,
            currency.code, MoneyText.format(protectedMinorUnits, currency),
        ]
    }
}

/// One total of the protected money report: the money held for the bookings of one departure
/// month or one agency, in one currency.
public struct ProtectedMoneyTotal: Hashable, Sendable {
    /// The departure month (`2027-06`) or the agency number; `nil` for bookings without agency.
    public var group: String?
    /// The currency.
    public var currency: CurrencyCode
    /// How many bookings hold money.
    public var bookingCount: Int
    var protectedMinorUnits: Int64

    /// The money held.
    public var protectedAmount: CurrencyAmount {
        CurrencyAmount(minorUnitCount: protectedMinorUnits, currency: currency)
    }
}

extension ProtectedMoneyTotal: BackOfficeRow {
    /// Group, Currency, Bookings, Protected.
    public static let columns: [BackOfficeColumn] = [
        BackOfficeColumn("Group", key: "group"), BackOfficeColumn("Currency", key: "currency"),
        BackOfficeColumn("Bookings", key: "bookings", isNumeric: true),
        BackOfficeColumn("Protected", key: "protected", isNumeric: true),
    ]

    /// The cells in ``columns`` order.
    public var cells: [String?] {
        [group, currency.code, String(bookingCount), MoneyText.format(protectedMinorUnits, currency)]
    }
}

/// The protected money report: the bookings holding customer money, and the totals an
/// insolvency protection insurer asks for.
public struct ProtectedMoneyReport: Sendable {
    /// The bookings (one page of them).
    public var bookings: ListPage<ProtectedBooking>
    /// The totals by departure month (`2027-06`), then currency, in that order; over every
    /// matching booking.
    public var byDepartureMonth: [ProtectedMoneyTotal]
    /// The totals by agency, then currency, in that order (bookings without agency first).
    public var byAgency: [ProtectedMoneyTotal]
}
