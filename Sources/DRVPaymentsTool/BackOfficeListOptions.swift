import PaymentLedger
import XMLCoding

/// The options the back-office list commands share (`unpaid`, `payments list`, `protected`):
/// output format, order, page and date ranges, described once so that every list parses and
/// documents them alike.
enum BackOfficeListOptions {
    /// How a list prints.
    enum Format: Equatable {
        /// Aligned columns for people.
        case table
        /// CSV with a header line.
        case csv
        /// Stable JSON: `{"rows": [...], "total": N, "offset": N}`, keys sorted, amounts as strings.
        case json
    }

    /// `--csv`, `--json`, `--sort KEY`, `--descending`, `--offset N`, `--limit N`.
    static func common(sortKeys: [String], defaultSort: String) -> [OptionSpec] {
        [
            OptionSpec(
                "sort", valueName: "KEY", help: "Sort by \(sortKeys.joined(separator: ", ")) (default: \(defaultSort))."
            ),
            OptionSpec("descending", help: "Reverse the order (ties stay in ledger order)."),
            OptionSpec("offset", valueName: "N", help: "Skip the first N rows (default 0)."),
            OptionSpec("limit", valueName: "N", help: "Print at most N rows (default: all)."),
            OptionSpec("csv", help: "Print CSV with a header line."),
            OptionSpec("json", help: "Print stable JSON: keys sorted, amounts as strings."),
        ]
    }

    /// `--NAME-from DATE` and `--NAME-to DATE`.
    static func range(_ name: String, _ what: String) -> [OptionSpec] {
        [
            OptionSpec("\(name)-from", valueName: "YYYY-MM-DD", help: "Only \(what) on or after the date."),
            OptionSpec("\(name)-to", valueName: "YYYY-MM-DD", help: "Only \(what) on or before the date."),
        ]
    }

    /// Reads `--csv` and `--json`.
    static func format(_ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) -> Format {
        let csv = parsed.flag("csv")
        let json = parsed.flag("json")
        guard !(csv && json) else { throw parsed.error("options '--csv' and '--json' exclude each other") }
        return csv ? .csv : json ? .json : .table
    }

    /// Reads `--offset` and `--limit`.
    static func paging(_ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) -> ListPaging {
        func count(_ name: String) throws(UsageError) -> Int? {
            guard let text = parsed.values[name] else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw parsed.error("invalid value '\(text)' for '--\(name)'; expected a whole number of at least 0")
            }
            return value
        }
        return ListPaging(offset: try count("offset") ?? 0, limit: try count("limit"))
    }

    /// Reads `--NAME-from` and `--NAME-to`.
    static func range(_ name: String, _ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) -> DateRange {
        DateRange(from: try parsed.date("\(name)-from"), to: try parsed.date("\(name)-to"))
    }

    /// Reads `--sort` among the raw values of a sort key.
    static func sort<Key: RawRepresentable & CaseIterable>(
        _ parsed: CommandLineArguments.ParsedOptions, default defaultKey: Key
    ) throws(UsageError) -> Key where Key.RawValue == String {
        try parsed.choice("sort", from: ArgumentValue.choices(Array(Key.allCases))) ?? defaultKey
    }

    /// Opens the ledger for reading, runs a list command's body and closes it again.
    ///
    /// - Parameters:
    ///   - location: The ledger.
    ///   - context: Output and today's date.
    ///   - body: Prints the list; returns the exit status.
    /// - Returns: The body's status, or ``ExitCode/failure`` when the ledger cannot be opened.
    static func reading(
        _ location: LedgerLocation, in context: ToolContext, _ body: (Ledger) -> ExitCode
    ) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try location.open(.readOnly, in: context)
            defer { ledger.close() }
            return body(ledger)
        } catch {
            return error.report(to: context.output)
        }
    }

    /// A page of rows as a table, CSV or JSON.
    static func render<Row: BackOfficeRow>(_ page: ListPage<Row>, as format: Format, to output: Output) {
        switch format {
        case .table:
            var table = TextTable(Row.columns.map { ($0.title, $0.isNumeric ? .right : .left) })
            for row in page.rows { table.append(row.cells.map { $0 ?? "" }) }
            output.write(table.render(indent: ""))
            if page.rows.count < page.totalCount {
                output.write("rows \(page.offset + 1)–\(page.offset + page.rows.count) of \(page.totalCount)\n")
            }
        case .csv:
            BackOfficeCSV.write(page.rows) { output.write($0) }
        case .json:
            output.write(json(page).encoded())
        }
    }

    /// `{"offset", "rows", "total"}`, each row an object keyed by the columns' keys.
    static func json<Row: BackOfficeRow>(_ page: ListPage<Row>) -> JSONValue {
        .object([
            "rows": .array(page.rows.map(json)), "total": .int(page.totalCount), "offset": .int(page.offset),
        ])
    }

    /// One row as a JSON object.
    static func json<Row: BackOfficeRow>(_ row: Row) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (column, cell) in zip(Row.columns, row.cells) { object[column.key] = cell.map { .string($0) } ?? .null }
        return .object(object)
    }
}
