public import StringPayments
public import XMLCoding

/// Money that arrived on the tour operator's bank account without being entered as a payment of
/// a booking: one credit entry of a bank statement, kept by the ledger until the back office
/// assigns it to a booking.
///
/// The ``reference`` (the entry's ``/BankStatements/BankStatementEntry/bankReference``) is the
/// key: importing the same statement again finds it and changes nothing. See <doc:BackOffice>.
public struct UnregisteredPayment: Sendable, Hashable {
    /// Where an unregistered payment stands.
    public enum State: Sendable, Hashable {
        /// Received and not assigned to any booking.
        case unassigned
        /// Assigned to a booking, where it is the `Settled` payment `paymentId`.
        case assigned(bookingId: Identifier, paymentId: Identifier)
        /// The bank reversed (returned) the credit. If it was assigned, the booking's payment
        /// failed with the reversal.
        case reversed
    }

    /// The bank's reference of the entry: the key, unique among the ledger's unregistered payments.
    public var reference: String
    /// The file format it came from, such as `camt.053.001.02` or `csv`.
    public var source: String
    /// The value date: when the money was available. The booking payment's settlement date.
    public var paymentDate: XMLDate
    /// The bank's booking date: the accounting date; `nil` when the bank gave none.
    public var accountingDate: XMLDate?
    /// The payment method code, such as `FI` (bank transfer, the default).
    public var methodCode: String
    /// The money received: a positive amount (only credit entries become unregistered payments).
    public var amount: CurrencyAmount
    /// The type of the bank's charge on the entry (such as `COMM`), when the bank named one.
    public var feeType: String?
    /// The bank's charges on the entry in its currency, when it reported any.
    public var feeAmount: CurrencyAmount?
    /// The remittance lines, joined with spaces: where the payer writes the booking reference.
    public var remittanceText: String
    /// The payer's name, when given.
    public var payerName: String?
    /// The payer's IBAN, when given.
    public var payerIBAN: IBAN?
    /// The payer's end-to-end identification, when given; a reversal that repeats it finds the
    /// payment by it.
    public var endToEndIdentification: String?
    /// Unassigned, assigned or reversed.
    public var state: State

    /// Creates an unregistered payment.
    ///
    /// - Parameters:
    ///   - reference: The bank reference, the key.
    ///   - source: The file format it came from.
    ///   - paymentDate: The value date.
    ///   - accountingDate: The booking date.
    ///   - methodCode: The payment method code. The default is `FI`, a bank transfer.
    ///   - amount: The positive amount received.
    ///   - feeType: The bank charge's type.
    ///   - feeAmount: The bank's charges.
    ///   - remittanceText: The remittance text.
    ///   - payerName: The payer's name.
    ///   - payerIBAN: The payer's IBAN.
    ///   - endToEndIdentification: The payer's end-to-end identification.
    ///   - state: Where it stands. The default is ``State/unassigned``, the only state a payment
    ///     is received in.
    public init(
        reference: String, source: String, paymentDate: XMLDate, accountingDate: XMLDate? = nil,
        methodCode: String = UnregisteredPayment.bankTransferMethodCode, amount: CurrencyAmount,
        feeType: String? = nil, feeAmount: CurrencyAmount? = nil, remittanceText: String = "",
        payerName: String? = nil, payerIBAN: IBAN? = nil, endToEndIdentification: String? = nil,
        state: State = .unassigned
    ) {
        self.reference = reference
        self.source = source
        self.paymentDate = paymentDate
        self.accountingDate = accountingDate
        self.methodCode = methodCode
        self.amount = amount
        self.feeType = feeType
        self.feeAmount = feeAmount
        self.remittanceText = remittanceText
        self.payerName = payerName
        self.payerIBAN = payerIBAN
        self.endToEndIdentification = endToEndIdentification
        self.state = state
    }

    /// `FI`: the payment method code of a bank transfer, used when neither the entry nor the
    /// import names one.
    public static let bankTransferMethodCode = "FI"

    /// The booking it is assigned to, while it is assigned.
    public var assignedBookingId: Identifier? {
        if case .assigned(let bookingId, _) = state { return bookingId }
        return nil
    }
}
