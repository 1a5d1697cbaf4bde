/// A column of a CSV file: by its header name or by its position.
public enum CSVColumn: Sendable, Hashable, CustomStringConvertible {
    /// The column whose header is this text (compared after trimming spaces, case-sensitively).
    case named(String)
    /// The column at this 1-based position.
    case position(Int)

    /// `'Betrag'` or `column 3`.
    public var description: String {
        switch self {
        case .named(let name): return "'\(name)'"
        case .position(let position): return "column \(position)"
        }
    }
}

/// A text value of each record: from a column, or the same for every record.
public enum CSVTextSource: Sendable, Hashable {
    /// The column's field.
    case column(CSVColumn)
    /// This text, for every record.
    case fixed(String)
}

/// How a CSV record says whether money came in or went out.
public enum CSVCreditDebitRule: Sendable, Hashable {
    /// The amount's sign: positive (or unsigned) is a credit, negative a debit.
    case signedAmount
    /// A column of indicator values, such as `S`/`H` or `CRDT`/`DBIT` (compared after trimming
    /// spaces, case-insensitively). The amount must then be unsigned or positive.
    case indicatorColumn(CSVColumn, credit: [String], debit: [String])
}

/// Which CSV column holds which field of a ``BankStatementEntry``.
///
/// ```swift
/// let mapping = CSVColumnMapping(
///     bankReference: .named("Referenz"), valueDate: .named("Valuta"), amount: .named("Betrag"),
///     currency: .fixed("EUR"), remittance: [.named("Verwendungszweck")], payerName: .named("Name"))
/// ```
public struct CSVColumnMapping: Sendable, Hashable {
    /// The bank's unique reference of the transaction: the key for idempotent import. Required.
    public var bankReference: CSVColumn
    /// The value date. Required.
    public var valueDate: CSVColumn
    /// The booking date; `nil` when the file has none.
    public var bookingDate: CSVColumn?
    /// The amount. Required.
    public var amount: CSVColumn
    /// The currency code: a column, or fixed for files in one currency.
    public var currency: CSVTextSource
    /// How credits are told from debits. The default is ``CSVCreditDebitRule/signedAmount``.
    public var creditDebit: CSVCreditDebitRule
    /// The payment method code, such as `FI` or `GAVEKORT KOMP`; `nil` to leave it empty.
    public var paymentMethodCode: CSVTextSource?
    /// The remittance text columns; their non-empty fields become ``BankStatementEntry/remittanceLines``.
    public var remittance: [CSVColumn]
    /// The payer's name.
    public var payerName: CSVColumn?
    /// The payer's IBAN (printed or electronic form).
    public var payerIBAN: CSVColumn?
    /// A fee deducted by the bank or the gift-card system; an empty field means none, a negative
    /// value counts as its absolute value.
    public var feeAmount: CSVColumn?
    /// The fee's type, when ``feeAmount`` is given.
    public var feeType: CSVTextSource?

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - bankReference: The bank reference column.
    ///   - valueDate: The value date column.
    ///   - bookingDate: The booking date column. The default is none.
    ///   - amount: The amount column.
    ///   - currency: The currency column or code.
    ///   - creditDebit: How credits are told from debits. The default is the amount's sign.
    ///   - paymentMethodCode: The payment method code column or code. The default is none.
    ///   - remittance: The remittance text columns. The default is none.
    ///   - payerName: The payer name column. The default is none.
    ///   - payerIBAN: The payer IBAN column. The default is none.
    ///   - feeAmount: The fee amount column. The default is none.
    ///   - feeType: The fee type column or text. The default is none.
    public init(
        bankReference: CSVColumn, valueDate: CSVColumn, bookingDate: CSVColumn? = nil, amount: CSVColumn,
        currency: CSVTextSource, creditDebit: CSVCreditDebitRule = .signedAmount,
        paymentMethodCode: CSVTextSource? = nil, remittance: [CSVColumn] = [], payerName: CSVColumn? = nil,
        payerIBAN: CSVColumn? = nil, feeAmount: CSVColumn? = nil, feeType: CSVTextSource? = nil
    ) {
        self.bankReference = bankReference
        self.valueDate = valueDate
        self.bookingDate = bookingDate
        self.amount = amount
        self.currency = currency
        self.creditDebit = creditDebit
        self.paymentMethodCode = paymentMethodCode
        self.remittance = remittance
        self.payerName = payerName
        self.payerIBAN = payerIBAN
        self.feeAmount = feeAmount
        self.feeType = feeType
    }
}
