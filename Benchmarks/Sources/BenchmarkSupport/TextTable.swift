/// A plain-text table with right-aligned numeric columns, for terminal output and the README.
public struct TextTable {
    private var header: [String]
    private var rows: [[String]] = []

    public init(header: [String]) {
        self.header = header
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The first column left-aligned, the others right-aligned, two spaces between columns.
    public var rendered: String {
        let all = [header] + rows
        let columnCount = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in all {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for index in 0..<columnCount {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if index == 0 {
                    text += cell + padding
                } else {
                    text += "  " + padding + cell
                }
            }
            return text
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, columnCount - 1))
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
