public import StringPayments
public import XMLCoding

/// One row of the unpaid bookings list: a booking with money owed, its due dates and amounts.
public struct UnpaidBooking: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The seller at the agency.
    public var seller: String?
    /// The agency number.
    public var agency: String?
    /// The deposit's due date.
    public var depositDueDate: XMLDate?
    /// The second payment's (first interim instalment's) due date.
    public var secondPaymentDueDate: XMLDate?
    /// The rest payment's (balance's) due date.
    public var restPaymentDueDate: XMLDate?
    /// The due date of the first scheduled payment not fully paid.
    public var nextDueDate: XMLDate?
    /// The departure date.
    public var departureDate: XMLDate
    /// The customer's name (``LedgerBooking/displayCustomerName``).
    public var customerName: String?
    /// The booking currency: every amount of the row is in it.
    public var currency: CurrencyCode
    // Amounts in minor units: a list of a million rows formats them without `Decimal`.
    var totalMinorUnits: Int64
    var paidMinorUnits: Int64
    var balanceMinorUnits: Int64
    var dueNowMinorUnits: Int64

    /// The booking total: the price without fees.
    public var total: CurrencyAmount { CurrencyAmount(minorUnitCount: totalMinorUnits, currency: currency) }
    /// Paid money, fees included (``LedgerBooking/paidAmount``).
    public var paid: CurrencyAmount { CurrencyAmount(minorUnitCount: paidMinorUnits, currency: currency) }
    /// What the customer still owes: price plus fees minus paid (``LedgerBooking/openAmount``).
    public var balance: CurrencyAmount { CurrencyAmount(minorUnitCount: balanceMinorUnits, currency: currency) }
    /// What is due on or before the list's day and not paid: the remainders of the scheduled
    /// payments due by then, overdue ones included.
    public var dueNow: CurrencyAmount { CurrencyAmount(minorUnitCount: dueNowMinorUnits, currency: currency) }
}

extension UnpaidBooking: BackOfficeRow {
    /// Booking, Seller, Agency, Deposit due, Second due, Rest due, Departure, Customer,
    /// Currency, Total, Paid, Balance, Due now.
    public static let columns: [BackOfficeColumn] = [
        BackOfficeColumn("Booking", key: "booking"), BackOfficeColumn("Seller", key: "seller"),
        BackOfficeColumn("Agency", key: "agency"), BackOfficeColumn("Deposit due", key: "depositDueDate"),
        BackOfficeColumn("Second due", key: "secondPaymentDueDate"),
        BackOfficeColumn("Rest due", key: "restPaymentDueDate"), BackOfficeColumn("Departure", key: "departureDate"),
        BackOfficeColumn("Customer", key: "customer"), BackOfficeColumn("Currency", key: "currency"),
        BackOfficeColumn("Total", key: "total", isNumeric: true),
        BackOfficeColumn("Paid", key: "paid", isNumeric: true),
        BackOfficeColumn("Balance", key: "balance", isNumeric: true),
        BackOfficeColumn("Due now", key: "dueNow", isNumeric: true),
    ]

    /// The cells in ``columns`` order.
    public var cells: [String?] {
        [
            bookingId.value, seller, agency, depositDueDate?.xmlLexicalForm, secondPaymentDueDate?.xmlLexicalForm,
            restPaymentDueDate?.xmlLexicalForm, departureDate.xmlLexicalForm, customerName, currency.code,
            MoneyText.format(totalMinorUnits, currency), MoneyText.format(paidMinorUnits, currency),
            MoneyText.format(balanceMinorUnits, currency), MoneyText.format(dueNowMinorUnits, currency),
        ]
    }
}
