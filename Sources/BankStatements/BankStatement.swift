public import StringPayments
public import XMLCoding

/// One account's report from a bank file: a camt.053 statement (`Stmt`), a camt.054 notification
/// (`Ntfctn`) or a CSV export, with its entries.
///
/// A camt document may hold reports for several accounts; ``CamtDecoder`` gives one value per
/// report, in document order.
public struct BankStatement: Sendable, Hashable {
    /// Statement, notification or CSV.
    public var kind: BankStatementKind
    /// The camt version the document's namespace named; `nil` for CSV.
    public var version: CamtVersion?
    /// The version whose model and schema read the document: ``version`` itself when it is
    /// supported, else its ``CamtVersion/nearestSupported`` version; `nil` for CSV.
    public var decodedAs: CamtVersion?
    /// Whether the document's version has no shipped schema, so it was read best-effort with the
    /// nearest supported version's model and *not* validated against an XSD.
    public var isBestEffort: Bool
    /// `GrpHdr/MsgId`: the message's identification; `nil` for CSV.
    public var messageIdentification: String?
    /// `Stmt/Id` or `Ntfctn/Id`: the report's identification; for CSV the name given to the import.
    public var identification: String
    /// `Stmt/CreDtTm`, else `GrpHdr/CreDtTm`; `nil` when neither is given (CSV).
    public var creationDateTime: XMLDateTime?
    /// `Acct/Id/IBAN`; `nil` when the account is identified otherwise (`Acct/Id/Othr`) or for CSV.
    public var accountIBAN: IBAN?
    /// `Acct/Ccy`: the account's currency, when given.
    public var accountCurrency: CurrencyCode?
    /// The entries, in document order; a batch entry gives one entry per transaction.
    public var entries: [BankStatementEntry]

    /// Creates a statement.
    ///
    /// - Parameters:
    ///   - kind: Statement, notification or CSV.
    ///   - version: The document's camt version.
    ///   - decodedAs: The version whose model read it.
    ///   - isBestEffort: Whether it was read without a schema of its own.
    ///   - messageIdentification: `GrpHdr/MsgId`.
    ///   - identification: The report's identification.
    ///   - creationDateTime: When the bank created it.
    ///   - accountIBAN: The account's IBAN.
    ///   - accountCurrency: The account's currency.
    ///   - entries: The entries.
    public init(
        kind: BankStatementKind, version: CamtVersion?, decodedAs: CamtVersion?, isBestEffort: Bool,
        messageIdentification: String?, identification: String, creationDateTime: XMLDateTime?,
        accountIBAN: IBAN?, accountCurrency: CurrencyCode?, entries: [BankStatementEntry]
    ) {
        self.kind = kind
        self.version = version
        self.decodedAs = decodedAs
        self.isBestEffort = isBestEffort
        self.messageIdentification = messageIdentification
        self.identification = identification
        self.creationDateTime = creationDateTime
        self.accountIBAN = accountIBAN
        self.accountCurrency = accountCurrency
        self.entries = entries
    }
}
