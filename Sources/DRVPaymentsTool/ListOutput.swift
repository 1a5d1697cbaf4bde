import Foundation

/// A list as the back-office commands print it: a text table, CSV with a header line, or stable
/// JSON (keys sorted, amounts as strings), from one description of its columns.
struct ListOutput {
    /// How a list prints.
    enum Format: Equatable {
        case table, csv, json
    }

    /// One column: its title for the table and CSV, its key in JSON, and whether it holds numbers.
    struct Column {
        var title: String
        var key: String
        var isNumber = false
    }

    /// The columns.
    var columns: [Column]
    /// The rows: one cell per column; `nil` is empty in the table and CSV and `null` in JSON.
    var rows: [[String?]] = []

    /// Reads `--csv` and `--json`, which exclude each other.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Returns: The format; the table when neither is given.
    /// - Throws: ``UsageError`` when both are given.
    static func format(_ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) -> Format {
        let csv = parsed.flag("csv")
        let json = parsed.flag("json")
        guard !(csv && json) else { throw parsed.error("options '--csv' and '--json' exclude each other") }
        return csv ? .csv : json ? .json : .table
    }

    /// `--csv` and `--json`.
    static let options = [
        OptionSpec("csv", help: "Print CSV with a header line."),
        OptionSpec("json", help: "Print stable JSON: keys sorted, amounts as strings."),
    ]

    /// The list as text; JSON is an object whose member `name` is the array of rows.
    ///
    /// - Parameters:
    ///   - format: Table, CSV or JSON.
    ///   - name: The JSON member holding the rows.
    /// - Returns: The text, ending in a line feed.
    func render(_ format: Format, name: String) -> String {
        switch format {
        case .table:
            var table = TextTable(columns.map { ($0.title, $0.isNumber ? .right : .left) })
            for row in rows { table.append(row.map { $0 ?? "" }) }
            return table.render(indent: "")
        case .csv:
            let lines = [columns.map(\.title)] + rows.map { $0.map { $0 ?? "" } }
            return lines.map { $0.map(ListFormat.csvField).joined(separator: ",") + "\n" }.joined()
        case .json:
            let objects: [JSONValue] = rows.map { row in
                var object: [String: JSONValue] = [:]
                for (column, cell) in zip(columns, row) { object[column.key] = cell.map { .string($0) } ?? .null }
                return .object(object)
            }
            return String(decoding: JSONValue.object([name: .array(objects)]).encoded(), as: UTF8.self)
        }
    }
}
