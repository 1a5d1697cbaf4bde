public import StringPayments
public import XMLCoding

/// One row of the payment registration list: a payment of a booking, with the booking's agency,
/// seller and customer.
public struct RegisteredPayment: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The payment's identifier within the booking.
    public var paymentId: Identifier
    /// The payment date: the settlement date, else the entry date; `nil` for an open payment
    /// that has neither.
    public var date: XMLDate? { settlementDate ?? entryDate }
    /// The day the payment was entered.
    public var entryDate: XMLDate?
    /// The day the tour operator received the money.
    public var settlementDate: XMLDate?
    /// How it was made; `nil` for money the agency collected without naming a form of payment.
    public var formOfPayment: FormOfPayment?
    /// Where it stands.
    public var status: PaymentStatus
    /// Who collects it.
    public var collection: PaymentCollection
    /// The part of the price it covers.
    public var scope: PaymentScope
    /// The booking currency.
    public var currency: CurrencyCode
    var amountMinorUnits: Int64
    var feeMinorUnits: Int64
    /// The gateway's or the bank's reference.
    public var transactionReference: String?
    /// The booking's agency number.
    public var agency: String?
    /// The booking's seller.
    public var seller: String?
    /// The booking's customer (``LedgerBooking/displayCustomerName``).
    public var customerName: String?

    /// The amount towards the price.
    public var amount: CurrencyAmount { CurrencyAmount(minorUnitCount: amountMinorUnits, currency: currency) }
    /// The fee on top of the amount.
    public var fee: CurrencyAmount { CurrencyAmount(minorUnitCount: feeMinorUnits, currency: currency) }
}

extension RegisteredPayment: BackOfficeRow {
    /// Booking, Payment, Date, Entry date, Settlement date, Method, Status, Collection, Scope,
    /// Currency, Amount, Fee, Reference, Agency, Seller, Customer.
    public static let columns: [BackOfficeColumn] = [
        BackOfficeColumn("Booking", key: "booking"), BackOfficeColumn("Payment", key: "payment"),
        BackOfficeColumn("Date", key: "date"), BackOfficeColumn("Entry date", key: "entryDate"),
        BackOfficeColumn("Settlement date", key: "settlementDate"), BackOfficeColumn("Method", key: "method"),
        BackOfficeColumn("Status", key: "status"), BackOfficeColumn("Collection", key: "collection"),
        BackOfficeColumn("Scope", key: "scope"), BackOfficeColumn("Currency", key: "currency"),
        BackOfficeColumn("Amount", key: "amount", isNumeric: true),
        BackOfficeColumn("Fee", key: "fee", isNumeric: true),
        BackOfficeColumn("Reference", key: "reference"), BackOfficeColumn("Agency", key: "agency"),
        BackOfficeColumn("Seller", key: "seller"), BackOfficeColumn("Customer", key: "customer"),
    ]

    /// The cells in ``columns`` order.
    public var cells: [String?] {
        [
            bookingId.value, paymentId.value, date?.xmlLexicalForm, entryDate?.xmlLexicalForm,
            settlementDate?.xmlLexicalForm, formOfPayment?.rawValue, status.rawValue, collection.rawValue,
            scope.rawValue, currency.code, MoneyText.format(amountMinorUnits, currency),
            MoneyText.format(feeMinorUnits, currency), transactionReference, agency, seller, customerName,
        ]
    }
}
