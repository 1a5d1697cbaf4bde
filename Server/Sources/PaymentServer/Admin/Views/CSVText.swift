import Foundation

/// CSV as the tool's `--csv` writes it: a header line, then one line per row; a field holding a
/// comma, quote or line break is quoted, quotes doubled.
enum CSVText {
    /// The CSV text.
    static func make(titles: [String], rows: [[String]]) -> String {
        ([titles] + rows).map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    /// One field.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
