import Foundation

/// How a list command (`unregistered list`, `negative-balances`, `refunds list`) prints its rows:
/// an aligned text table for people, CSV with a header line, or stable JSON.
enum ListFormat: Equatable {
    case table, csv, json

    /// `--csv` and `--json`, which every list command takes.
    static let options = [
        OptionSpec("csv", help: "Print CSV with a header line."),
        OptionSpec("json", help: "Print stable JSON: keys sorted, amounts as strings."),
    ]

    /// The format `--csv` or `--json` asks for; the table without either.
    ///
    /// - Throws: ``UsageError`` when both are given.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        let csv = parsed.flag("csv")
        let json = parsed.flag("json")
        guard !(csv && json) else { throw parsed.error("options '--csv' and '--json' exclude each other") }
        self = csv ? .csv : json ? .json : .table
    }

    /// Rows as CSV (RFC 4180): a header line, then one line per row.
    static func csv(titles: [String], rows: [[String]]) -> String {
        ([titles] + rows).map { $0.map(csvField).joined(separator: ",") + "\n" }.joined()
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
