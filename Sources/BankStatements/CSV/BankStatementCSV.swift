public import Foundation
import StringPayments
import XMLCoding

/// Reads a bank's or a gift-card system's CSV export into ``BankStatementEntry`` values, for
/// sources that offer no camt.
///
/// Parsing follows RFC 4180 (quoted fields, `""` for a quote, separators and line breaks inside
/// quotes, CRLF or LF, an optional UTF-8 byte-order mark), bounded by ``CSVFormat/limits``. A
/// ``CSVColumnMapping`` says which column holds which field; ``CSVFormat`` gives the separator, the
/// decimal separator and the date format. Every error names the line and the 1-based column.
///
/// ```swift
/// let csv = BankStatementCSV(mapping: mapping, format: CSVFormat())
/// let statement = try csv.read(data, identification: "giftcards-2026-11-23")
/// ```
public struct BankStatementCSV: Sendable {
    /// The column mapping.
    public var mapping: CSVColumnMapping
    /// The file format.
    public var format: CSVFormat

    /// Creates a reader.
    ///
    /// - Parameters:
    ///   - mapping: Which column holds which field.
    ///   - format: Separator, header row, encoding, number and date format, limits. The default is
    ///     ``CSVFormat/init(separator:hasHeaderRow:encoding:decimalSeparator:dateFormat:limits:)``'s
    ///     defaults.
    public init(mapping: CSVColumnMapping, format: CSVFormat = CSVFormat()) {
        self.mapping = mapping
        self.format = format
    }

    /// Reads a CSV file's bytes.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - identification: The name the result's ``BankStatement/identification`` gets, such as the
    ///     file name. The default is `csv`.
    /// - Returns: A statement of kind ``BankStatementKind/csv`` with one entry per record, in file
    ///   order; blank lines are skipped.
    /// - Throws: ``BankStatementsError``: `csv-input-too-large`, `csv-too-many-records`,
    ///   `csv-record-too-large`, `csv-malformed`, `csv-missing-column`, `csv-missing-value`,
    ///   `csv-invalid-value`, `invalid-currency`, `too-many-fraction-digits`,
    ///   `duplicate-bank-reference`, with the line and column; `csv-invalid-mapping` for a mapping
    ///   that cannot work.
    public func read(
        _ data: some ContiguousBytes, identification: String = "csv"
    ) throws(BankStatementsError)
        -> BankStatement
    {
        let table = try CSVTable(data, format: format)
        let columns = try ResolvedColumns(mapping, table)
        var entries: [BankStatementEntry] = []
        entries.reserveCapacity(table.records.count)
        var firstLineOfReference: [String: Int] = [:]
        for record in table.records {
            let entry = try self.entry(record, table, columns)
            if let earlier = firstLineOfReference[entry.bankReference] {
                throw BankStatementsError(
                    code: .duplicateBankReference,
                    message: "the bank reference '\(entry.bankReference)' was already used on line \(earlier)",
                    line: record.line, column: columns.bankReference + 1)
            }
            firstLineOfReference[entry.bankReference] = record.line
            entries.append(entry)
        }
        return BankStatement(
            kind: .csv, version: nil, decodedAs: nil, isBestEffort: false, messageIdentification: nil,
            identification: identification, creationDateTime: nil, accountIBAN: nil, accountCurrency: nil,
            entries: entries)
    }

    /// Every column index the mapping needs, resolved once against the header.
    private struct ResolvedColumns {
        var bankReference: Int
        var valueDate: Int
        var bookingDate: Int?
        var amount: Int
        var indicator: (index: Int, credit: Set<String>, debit: Set<String>)?
        var remittance: [Int]
        var payerName: Int?
        var payerIBAN: Int?
        var feeAmount: Int?

        init(_ mapping: CSVColumnMapping, _ table: CSVTable) throws(BankStatementsError) {
            bankReference = try table.index(of: mapping.bankReference)
            valueDate = try table.index(of: mapping.valueDate)
            bookingDate = try mapping.bookingDate.map { (column) throws(BankStatementsError) in
                try table.index(of: column)
            }
            amount = try table.index(of: mapping.amount)
            if case .indicatorColumn(let column, let credit, let debit) = mapping.creditDebit {
                indicator = (
                    try table.index(of: column), Set(credit.map { $0.uppercased() }), Set(debit.map { $0.uppercased() })
                )
            }
            remittance = []
            for column in mapping.remittance {
                remittance.append(try table.index(of: column))
            }
            payerName = try mapping.payerName.map { (column) throws(BankStatementsError) in try table.index(of: column)
            }
            payerIBAN = try mapping.payerIBAN.map { (column) throws(BankStatementsError) in try table.index(of: column)
            }
            feeAmount = try mapping.feeAmount.map { (column) throws(BankStatementsError) in try table.index(of: column)
            }
        }
    }

    private func entry(
        _ record: CSVRecord, _ table: CSVTable, _ columns: ResolvedColumns
    ) throws(BankStatementsError)
        -> BankStatementEntry
    {
        let reference = try table.required(columns.bankReference, record, "bank reference")
        let valueDate = try table.date(columns.valueDate, record, "value date")
        let bookingDate = try columns.bookingDate.map { (index) throws(BankStatementsError) in
            try table.date(index, record, "booking date")
        }
        let currency = try table.currency(mapping.currency, record)
        let value = try table.decimal(columns.amount, record, "amount")
        let creditDebit: CreditDebitIndicator
        if let indicator = columns.indicator {
            let text = try table.required(indicator.index, record, "credit/debit indicator").uppercased()
            if indicator.credit.contains(text) {
                creditDebit = .credit
            } else if indicator.debit.contains(text) {
                creditDebit = .debit
            } else {
                throw BankStatementsError(
                    code: .csvInvalidValue,
                    message: "'\(text)' is neither a credit (\(indicator.credit.sorted().joined(separator: ", "))) "
                        + "nor a debit (\(indicator.debit.sorted().joined(separator: ", "))) indicator",
                    line: record.line, column: indicator.index + 1)
            }
            guard !value.isSignMinus || value.isZero else {
                throw BankStatementsError(
                    code: .csvInvalidValue,
                    message: "the amount is negative although an indicator column gives the direction",
                    line: record.line, column: columns.amount + 1)
            }
        } else {
            creditDebit = value.isSignMinus && !value.isZero ? .debit : .credit
        }
        let amount = try table.amount(value.magnitude, currency, columns.amount, record, "amount")
        var remittance: [String] = []
        for index in columns.remittance {
            if let line = try table.optional(index, record) { remittance.append(line) }
        }
        var payerIBAN: IBAN?
        if let index = columns.payerIBAN, let text = try table.optional(index, record) {
            guard let iban = IBAN(normalizing: text) else {
                throw BankStatementsError(
                    code: .csvInvalidValue, message: "the payer IBAN is not an IBAN", line: record.line,
                    column: index + 1)
            }
            payerIBAN = iban
        }
        var charges: [BankCharge] = []
        if let index = columns.feeAmount, try table.optional(index, record) != nil {
            let fee = try table.decimal(index, record, "fee")
            if !fee.isZero {
                let feeAmount = try table.amount(fee.magnitude, currency, index, record, "fee")
                charges.append(BankCharge(amount: feeAmount, type: try table.text(mapping.feeType, record).0))
            }
        }
        return BankStatementEntry(
            bankReference: reference, bankReferenceSource: .csvColumn, valueDate: valueDate, bookingDate: bookingDate,
            amount: amount, creditDebit: creditDebit, charges: charges, remittanceLines: remittance,
            payerName: try table.optional(columns.payerName, record), payerIBAN: payerIBAN,
            paymentMethodCode: try table.text(mapping.paymentMethodCode, record).0)
    }
}
