public import StringPayments
public import XMLCoding

/// One row of the GDS payments list: a flight record with its booking's number, customer,
/// seller and agency, and the booking's cost check.
public struct GDSPayment: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The day the booking was made.
    public var bookedOn: XMLDate
    /// The booking's agency number.
    public var agency: String?
    /// The booking's seller.
    public var seller: String?
    /// The booking's customer (``LedgerBooking/displayCustomerName``).
    public var customerName: String?
    /// The record's phone number, else the booking's customer phone.
    public var phone: String?
    /// The flight record.
    public var record: GDSFlightRecord
    /// The booking currency, of ``received``.
    public var bookingCurrency: CurrencyCode
    var receivedMinorUnits: Int64
    /// Whether the booking's cost prices and received payments agree.
    public var check: GDSCostCheck

    /// The booking's received payments (see ``GDSCostCheck``), in the booking currency.
    public var received: SignedCurrencyAmount {
        SignedCurrencyAmount(minorUnitCount: receivedMinorUnits, currency: bookingCurrency)
    }
}

extension GDSPayment: BackOfficeRow {
    /// Booking, Record, Booked, Agency, Seller, Customer, Phone, Passengers, PNR, Airline, From,
    /// To, Departure, Departure time, Arrival, Arrival time, Currency, Cost, Booking currency,
    /// Received, Check, Payment comment, Admin comment.
    public static let columns: [BackOfficeColumn] = [
        BackOfficeColumn("Booking", key: "booking"), BackOfficeColumn("Record", key: "record"),
        BackOfficeColumn("Booked", key: "bookedOn"), BackOfficeColumn("Agency", key: "agency"),
        BackOfficeColumn("Seller", key: "seller"), BackOfficeColumn("Customer", key: "customer"),
        BackOfficeColumn("Phone", key: "phone"), BackOfficeColumn("Passengers", key: "passengers", isNumeric: true),
        BackOfficeColumn("PNR", key: "pnr"), BackOfficeColumn("Airline", key: "airline"),
        BackOfficeColumn("From", key: "departureAirport"), BackOfficeColumn("To", key: "arrivalAirport"),
        BackOfficeColumn("Departure", key: "departureDate"), BackOfficeColumn("Dep. time", key: "departureTime"),
        BackOfficeColumn("Arrival", key: "arrivalDate"), BackOfficeColumn("Arr. time", key: "arrivalTime"),
        BackOfficeColumn("Currency", key: "currency"), BackOfficeColumn("Cost", key: "cost", isNumeric: true),
        BackOfficeColumn("Booking currency", key: "bookingCurrency"),
        BackOfficeColumn("Received", key: "received", isNumeric: true), BackOfficeColumn("Check", key: "check"),
        BackOfficeColumn("Payment comment", key: "paymentComment"),
        BackOfficeColumn("Admin comment", key: "adminComment"),
    ]

    /// The cells in ``columns`` order.
    public var cells: [String?] {
        let details = record.details
        let cost = details.costPrice
        return [
            bookingId.value, record.id.value, bookedOn.xmlLexicalForm, agency, seller, customerName, phone,
            String(details.passengers), details.pnr, details.airline, details.departureAirport,
            details.arrivalAirport, details.departureDate.xmlLexicalForm, details.departureTime.description,
            details.arrivalDate.xmlLexicalForm, details.arrivalTime.description, cost.currency.code,
            cost.minorUnitCount.map { MoneyText.format($0, cost.currency) } ?? cost.formattedAmount,
            bookingCurrency.code, MoneyText.format(receivedMinorUnits, bookingCurrency), check.rawValue,
            details.paymentComment, details.adminComment,
        ]
    }
}
