import Foundation
import StringPayments
import XMLCoding

/// A parsed CSV file with its header, and the field parsers both CSV importers share. Every error
/// carries the record's line and the field's 1-based column.
struct CSVTable {
    let format: CSVFormat
    let header: [String: Int]
    let records: [CSVRecord]

    init(_ data: some ContiguousBytes, format: CSVFormat) throws(BankStatementsError) {
        self.format = format
        let reader = CSVReader(format: format)
        // `withUnsafeBytes` rethrows untyped errors, so the typed error travels in a `Result`.
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(BankStatementsError) -> [CSVRecord] in try reader.records(bytes) }
        }
        let all = try result.get()
        if format.hasHeaderRow, let first = all.first {
            var header: [String: Int] = [:]
            for (offset, name) in first.fields.enumerated() {
                let trimmed = Self.trimmed(name)
                if header[trimmed] == nil { header[trimmed] = offset }
            }
            self.header = header
            self.records = Array(all.dropFirst())
        } else {
            self.header = [:]
            self.records = all
        }
    }

    /// The 0-based field index of a column.
    func index(of column: CSVColumn) throws(BankStatementsError) -> Int {
        switch column {
        case .position(let position):
            guard position >= 1 else {
                throw BankStatementsError(
                    code: .csvInvalidMapping, message: "column positions start at 1, not \(position)")
            }
            return position - 1
        case .named(let name):
            guard format.hasHeaderRow else {
                throw BankStatementsError(
                    code: .csvInvalidMapping, message: "the column \(column) is named, but the format has no header row"
                )
            }
            guard let index = header[Self.trimmed(name)] else {
                throw BankStatementsError(
                    code: .csvMissingColumn,
                    message:
                        "the header has no column \(column) (it has \(header.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")))",
                    line: 1)
            }
            return index
        }
    }

    /// The trimmed field; `csv-missing-column` when the record is too short.
    func field(_ index: Int, _ record: CSVRecord) throws(BankStatementsError) -> String {
        guard index < record.fields.count else {
            throw BankStatementsError(
                code: .csvMissingColumn,
                message: "the record has \(record.fields.count) fields, so no column \(index + 1)", line: record.line,
                column: index + 1)
        }
        return Self.trimmed(record.fields[index])
    }

    /// The trimmed field, refusing an empty one.
    func required(_ index: Int, _ record: CSVRecord, _ what: String) throws(BankStatementsError) -> String {
        let text = try field(index, record)
        guard !text.isEmpty else {
            throw BankStatementsError(
                code: .csvMissingValue, message: "the \(what) is empty", line: record.line, column: index + 1)
        }
        return text
    }

    /// The trimmed field, `nil` when empty.
    func optional(_ index: Int?, _ record: CSVRecord) throws(BankStatementsError) -> String? {
        guard let index else { return nil }
        let text = try field(index, record)
        return text.isEmpty ? nil : text
    }

    /// A signed decimal in the format's notation: an optional sign, digits with optional grouping
    /// in threes, and the decimal separator. No exponent, no currency symbol.
    func decimal(_ index: Int, _ record: CSVRecord, _ what: String) throws(BankStatementsError) -> Decimal {
        let text = try required(index, record, what)
        guard let value = Self.parseDecimal(text, separator: format.decimalSeparator) else {
            throw BankStatementsError(
                code: .csvInvalidValue,
                message:
                    "the \(what) '\(text)' is not a number with a decimal \(format.decimalSeparator == .comma ? "comma" : "point")",
                line: record.line, column: index + 1)
        }
        return value
    }

    /// A currency amount from a non-negative decimal, refusing more fraction digits than the
    /// currency allows.
    func amount(
        _ value: Decimal, _ currency: CurrencyCode, _ index: Int, _ record: CSVRecord, _ what: String
    ) throws(BankStatementsError) -> CurrencyAmount {
        let amount = CurrencyAmount(amount: value, currency: currency)
        guard !amount.needsMoreFractionDigitsThanCurrencyAllows else {
            throw BankStatementsError(
                code: .tooManyFractionDigits,
                message:
                    "the \(what) \(amount) has more fraction digits than \(currency) allows (\(currency.minorUnits))",
                line: record.line, column: index + 1)
        }
        return amount
    }

    /// A date in the format's notation.
    func date(_ index: Int, _ record: CSVRecord, _ what: String) throws(BankStatementsError) -> XMLDate {
        let text = try required(index, record, what)
        guard let date = Self.parseDate(text, format: format.dateFormat) else {
            throw BankStatementsError(
                code: .csvInvalidValue,
                message: "the \(what) '\(text)' is not a date in the format \(format.dateFormat)",
                line: record.line, column: index + 1)
        }
        return date
    }

    /// A text source's value for a record.
    func text(_ source: CSVTextSource?, _ record: CSVRecord) throws(BankStatementsError) -> (String?, Int?) {
        switch source {
        case nil: return (nil, nil)
        case .fixed(let text): return (text, nil)
        case .column(let column):
            let index = try index(of: column)
            return (try optional(index, record), index)
        }
    }

    /// A currency from a text source.
    func currency(_ source: CSVTextSource, _ record: CSVRecord) throws(BankStatementsError) -> CurrencyCode {
        let (text, index) = try text(source, record)
        guard let text else {
            throw BankStatementsError(
                code: .csvMissingValue, message: "the currency is empty", line: record.line,
                column: index.map { $0 + 1 })
        }
        guard let currency = CurrencyCode(text.uppercased()) else {
            throw BankStatementsError(
                code: .invalidCurrency, message: "'\(text)' is not a currency code (three letters)", line: record.line,
                column: index.map { $0 + 1 })
        }
        return currency
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    static func parseDecimal(_ text: String, separator: CSVDecimalSeparator) -> Decimal? {
        let decimalByte: UInt8 = separator == .comma ? 0x2C : 0x2E
        let groupingByte: UInt8 = separator == .comma ? 0x2E : 0x2C
        var bytes = Array(text.utf8)
        var sign: [UInt8] = []
        if let first = bytes.first, first == 0x2D || first == 0x2B {
            sign = [first]
            bytes.removeFirst()
        }
        let decimalPosition = bytes.firstIndex(of: decimalByte) ?? bytes.count
        let integerPart = bytes[..<decimalPosition]
        if integerPart.contains(groupingByte) {
            // Groups of three after the first group of one to three digits.
            let groups = integerPart.split(separator: groupingByte, omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        var normalized = sign
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case 0x30...0x39: normalized.append(byte)
            case groupingByte where offset < decimalPosition: continue
            case decimalByte where offset == decimalPosition: normalized.append(0x2E)
            default: return nil
            }
        }
        return XMLDecimal.parse(String(decoding: normalized, as: UTF8.self))
    }

    static func parseDate(_ text: String, format: CSVDateFormat) -> XMLDate? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let year: Int?
        let month: Int?
        let day: Int?
        switch format {
        case .iso8601:
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
            (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        case .dayMonthYearWithDots, .dayMonthYearWithSlashes:
            let mark: UInt8 = format == .dayMonthYearWithDots ? 0x2E : 0x2F
            guard bytes.count == 10, bytes[2] == mark, bytes[5] == mark else { return nil }
            (year, month, day) = (number(6..<10), number(3..<5), number(0..<2))
        case .compact:
            guard bytes.count == 8 else { return nil }
            (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
        }
        guard let year, let month, let day else { return nil }
        return XMLDate(year: year, month: month, day: day)
    }
}
