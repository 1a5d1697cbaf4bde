/// Rows of aligned columns for people to read: two spaces between columns, numbers aligned
/// right, no trailing spaces.
struct TextTable {
    /// How a column's cells line up.
    enum Alignment {
        /// Text: padded on the right.
        case left
        /// Numbers: padded on the left, so decimal points line up.
        case right
    }

    /// The column titles, or `nil` for a table without a title row.
    var titles: [String]?
    /// Each column's alignment.
    var alignments: [Alignment]
    /// The rows; each has one cell per column.
    var rows: [[String]] = []

    /// Creates a table with a title row.
    ///
    /// - Parameter columns: Each column's title and alignment.
    init(_ columns: [(String, Alignment)]) {
        titles = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    /// Creates a table without a title row.
    ///
    /// - Parameter alignments: Each column's alignment.
    init(alignments: [Alignment]) {
        titles = nil
        self.alignments = alignments
    }

    /// Creates a table of label and value, without a title row.
    init(labelled rows: [(String, String)]) {
        self.init(alignments: [.left, .left])
        self.rows = rows.map { [$0.0, $0.1] }
    }

    /// Adds a row.
    ///
    /// - Parameter cells: One cell per column.
    mutating func append(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as text, each line indented and ending in a line feed.
    ///
    /// - Parameter indent: What each line starts with. Default two spaces.
    /// - Returns: The lines.
    func render(indent: String = "  ") -> String {
        let all = (titles.map { [$0] } ?? []) + rows
        var widths = [Int](repeating: 0, count: alignments.count)
        for row in all {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        return all.map { row in
            var line = indent
            for (column, cell) in row.enumerated() where column < widths.count {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { line += "  " }
                line += alignments[column] == .right ? padding + cell : cell + padding
            }
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}
