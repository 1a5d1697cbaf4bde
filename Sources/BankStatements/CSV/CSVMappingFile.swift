/// A CSV column mapping and file format written as text, one `KEY = VALUE` setting a line: what a
/// mapping file or the command line gives, turned into a ``CSVFormat`` and a ``CSVColumnMapping``
/// or ``CardSettlementMapping``.
///
/// ```
/// # Gift-card system export
/// separator = ,
/// decimal-separator = point
/// date-format = yyyy-MM-dd
/// bank-reference = Voucher No
/// value-date = Date
/// amount = Amount
/// currency = "DKK"
/// payment-method-code = Type
/// remittance = Text
/// remittance = #7
/// ```
///
/// A column is its header name as written (`Voucher No`) or `#` and its 1-based position (`#7`).
/// For the settings that take a text (`currency`, `payment-method-code`, `fee-type`) a value in
/// double quotes is the same text for every record (`"DKK"`, `"GAVEKORT KOMP"`); otherwise it
/// names a column. `#` starts a comment at the beginning of a line; blank lines are skipped. A key
/// given again replaces the value, except `remittance`, which adds a column each time.
///
/// Format keys: `separator` (one character, or `tab`), `decimal-separator` (`comma`, `point`),
/// `date-format` (`dd.MM.yyyy`, `yyyy-MM-dd`, `dd/MM/yyyy`, `yyyyMMdd`), `header` (`yes`, `no`),
/// `encoding` (`utf-8`, `latin-1`). Bank statement keys: `bank-reference`, `value-date`,
/// `booking-date`, `amount`, `currency`, `credit-debit` with `credit-values` and `debit-values`
/// (comma-separated, such as `H,CRDT`), `payment-method-code`, `remittance`, `payer-name`,
/// `payer-iban`, `fee-amount`, `fee-type`. Card settlement keys: `transaction-reference`,
/// `payout-date`, `gross-amount`, `fee`, `net-amount`, `currency`, `payout-reference`.
public struct CSVMappingFile: Sendable, Hashable {
    /// Every setting, by key; `remittance` may hold several values.
    public private(set) var settings: [String: [String]] = [:]

    /// The keys of the file format.
    public static let formatKeys: Set<String> = ["separator", "decimal-separator", "date-format", "header", "encoding"]
    /// The keys of a bank statement mapping (``CSVColumnMapping``).
    public static let bankStatementKeys: Set<String> = [
        "bank-reference", "value-date", "booking-date", "amount", "currency", "credit-debit", "credit-values",
        "debit-values", "payment-method-code", "remittance", "payer-name", "payer-iban", "fee-amount", "fee-type",
    ]
    /// The keys of a card settlement mapping (``CardSettlementMapping``).
    public static let cardSettlementKeys: Set<String> = [
        "transaction-reference", "payout-date", "gross-amount", "fee", "net-amount", "currency", "payout-reference",
    ]

    /// An empty mapping.
    public init() {}

    /// Reads a mapping file's text.
    ///
    /// - Parameter text: The text, one `KEY = VALUE` a line.
    /// - Throws: ``BankStatementsError`` with code `csv-invalid-mapping` and the line, for a line
    ///   without `=`, an unknown key or an empty value.
    public init(parsing text: String) throws(BankStatementsError) {
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = CSVTable.trimmed(String(line.hasSuffix("\r") ? line.dropLast() : line))
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            try set(trimmed, line: offset + 1)
        }
    }

    /// Adds one `KEY = VALUE` setting, such as a command-line option gives.
    ///
    /// - Parameters:
    ///   - setting: The setting.
    ///   - line: Its line in a file, for the error. The default is none.
    /// - Throws: ``BankStatementsError`` with code `csv-invalid-mapping`.
    public mutating func set(_ setting: String, line: Int? = nil) throws(BankStatementsError) {
        guard let equals = setting.firstIndex(of: "=") else {
            throw BankStatementsError(
                code: .csvInvalidMapping, message: "'\(setting)' is not KEY = VALUE", line: line)
        }
        let key = CSVTable.trimmed(String(setting[..<equals])).lowercased()
        let value = CSVTable.trimmed(String(setting[setting.index(after: equals)...]))
        let known = Self.formatKeys.union(Self.bankStatementKeys).union(Self.cardSettlementKeys)
        guard known.contains(key) else {
            throw BankStatementsError(
                code: .csvInvalidMapping,
                message: "unknown mapping key '\(key)' (known: \(known.sorted().joined(separator: ", ")))", line: line)
        }
        guard !value.isEmpty else {
            throw BankStatementsError(code: .csvInvalidMapping, message: "the key '\(key)' has no value", line: line)
        }
        if key == "remittance" {
            settings[key, default: []].append(value)
        } else {
            settings[key] = [value]
        }
    }

    /// Adds every setting of another mapping, replacing its keys (`remittance` columns are added).
    ///
    /// - Parameter other: The settings that win, such as the command line's over a file's.
    public mutating func merge(_ other: CSVMappingFile) {
        for (key, values) in other.settings {
            if key == "remittance" {
                settings[key, default: []] += values
            } else {
                settings[key] = values
            }
        }
    }

    /// The file format: `base` with the format keys given.
    ///
    /// - Parameter base: The format the keys change. The default is ``CSVFormat/init(separator:hasHeaderRow:encoding:decimalSeparator:dateFormat:limits:)``'s.
    /// - Returns: The format.
    /// - Throws: ``BankStatementsError`` with code `csv-invalid-mapping` for a value not listed above.
    public func format(base: CSVFormat = CSVFormat()) throws(BankStatementsError) -> CSVFormat {
        var format = base
        if let text = value("separator") {
            if text.lowercased() == "tab" {
                format.separator = "\t"
            } else if text.count == 1, let character = text.first, character.isASCII, character != "\"" {
                format.separator = character
            } else {
                throw Self.invalid("separator", text, "one ASCII character or 'tab'")
            }
        }
        if let text = value("decimal-separator") {
            switch text.lowercased() {
            case "comma", ",": format.decimalSeparator = .comma
            case "point", ".": format.decimalSeparator = .point
            default: throw Self.invalid("decimal-separator", text, "comma or point")
            }
        }
        if let text = value("date-format") {
            let formats: [CSVDateFormat] = [.dayMonthYearWithDots, .iso8601, .dayMonthYearWithSlashes, .compact]
            guard let match = formats.first(where: { $0.description == text }) else {
                throw Self.invalid("date-format", text, formats.map(\.description).joined(separator: ", "))
            }
            format.dateFormat = match
        }
        if let text = value("header") {
            switch text.lowercased() {
            case "yes", "true": format.hasHeaderRow = true
            case "no", "false": format.hasHeaderRow = false
            default: throw Self.invalid("header", text, "yes or no")
            }
        }
        if let text = value("encoding") {
            switch text.lowercased() {
            case "utf-8", "utf8": format.encoding = .utf8
            case "latin-1", "latin1", "iso-8859-1": format.encoding = .isoLatin1
            default: throw Self.invalid("encoding", text, "utf-8 or latin-1")
            }
        }
        return format
    }

    /// The bank statement mapping the settings describe.
    ///
    /// - Returns: The mapping.
    /// - Throws: ``BankStatementsError`` with code `csv-invalid-mapping` for a missing required key
    ///   (`bank-reference`, `value-date`, `amount`, `currency`), a card settlement key, or
    ///   `credit-debit` without `credit-values` and `debit-values`.
    public func bankStatementMapping() throws(BankStatementsError) -> CSVColumnMapping {
        try expectOnly(Self.bankStatementKeys, "a bank statement")
        var creditDebit = CSVCreditDebitRule.signedAmount
        if let column = try column("credit-debit") {
            guard let credit = value("credit-values"), let debit = value("debit-values") else {
                throw BankStatementsError(
                    code: .csvInvalidMapping, message: "'credit-debit' needs 'credit-values' and 'debit-values'")
            }
            func list(_ text: String) -> [String] {
                text.split(separator: ",").map { CSVTable.trimmed(String($0)) }.filter { !$0.isEmpty }
            }
            creditDebit = .indicatorColumn(column, credit: list(credit), debit: list(debit))
        }
        var remittance: [CSVColumn] = []
        for text in settings["remittance"] ?? [] { remittance.append(Self.column(text)) }
        let currency = try requiredText("currency")
        return CSVColumnMapping(
            bankReference: try required("bank-reference"), valueDate: try required("value-date"),
            bookingDate: try column("booking-date"), amount: try required("amount"),
            currency: currency, creditDebit: creditDebit,
            paymentMethodCode: try textSource("payment-method-code"), remittance: remittance,
            payerName: try column("payer-name"), payerIBAN: try column("payer-iban"),
            feeAmount: try column("fee-amount"), feeType: try textSource("fee-type"))
    }

    /// The card settlement mapping the settings describe.
    ///
    /// - Returns: The mapping.
    /// - Throws: ``BankStatementsError`` with code `csv-invalid-mapping` for a missing required key
    ///   (`transaction-reference`, `payout-date`, `gross-amount`, `currency`) or a bank statement key.
    public func cardSettlementMapping() throws(BankStatementsError) -> CardSettlementMapping {
        try expectOnly(Self.cardSettlementKeys, "a card settlement")
        let currency = try requiredText("currency")
        return CardSettlementMapping(
            transactionReference: try required("transaction-reference"), payoutDate: try required("payout-date"),
            grossAmount: try required("gross-amount"), fee: try column("fee"), netAmount: try column("net-amount"),
            currency: currency, payoutReference: try column("payout-reference"))
    }

    // MARK: - Internals

    private func value(_ key: String) -> String? { settings[key]?.last }

    private func expectOnly(_ keys: Set<String>, _ what: String) throws(BankStatementsError) {
        let foreign = Set(settings.keys).subtracting(keys).subtracting(Self.formatKeys)
        guard foreign.isEmpty else {
            throw BankStatementsError(
                code: .csvInvalidMapping,
                message: "\(foreign.sorted().map { "'\($0)'" }.joined(separator: ", ")) "
                    + "\(foreign.count == 1 ? "is not a key" : "are not keys") of \(what) mapping")
        }
    }

    private static func column(_ text: String) -> CSVColumn {
        if text.hasPrefix("#"), let position = Int(text.dropFirst()) { return .position(position) }
        return .named(text)
    }

    private func column(_ key: String) throws(BankStatementsError) -> CSVColumn? {
        guard let text = value(key) else { return nil }
        if text.hasPrefix("\"") { throw Self.invalid(key, text, "a column name or #POSITION, not a fixed text") }
        return Self.column(text)
    }

    private func required(_ key: String) throws(BankStatementsError) -> CSVColumn {
        guard let column = try column(key) else { return try missing(key) }
        return column
    }

    private func textSource(_ key: String) throws(BankStatementsError) -> CSVTextSource? {
        guard let text = value(key) else { return nil }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return .fixed(String(text.dropFirst().dropLast()))
        }
        return .column(Self.column(text))
    }

    private func requiredText(_ key: String) throws(BankStatementsError) -> CSVTextSource {
        guard let source = try textSource(key) else { return try missing(key) }
        return source
    }

    private func missing<Value>(_ key: String) throws(BankStatementsError) -> Value {
        throw BankStatementsError(code: .csvInvalidMapping, message: "the mapping needs '\(key)'")
    }

    private static func invalid(_ key: String, _ text: String, _ expected: String) -> BankStatementsError {
        BankStatementsError(
            code: .csvInvalidMapping, message: "'\(text)' is not a value of '\(key)'; expected \(expected)")
    }
}
