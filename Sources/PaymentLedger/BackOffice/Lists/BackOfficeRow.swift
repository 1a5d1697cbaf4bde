/// A row of a back-office list, as text cells for tables, CSV and JSON.
///
/// Every list describes its columns once (``columns``) and gives each row's cells in that
/// order; the command-line tool's table, CSV and JSON output and ``BackOfficeCSV`` all walk
/// that one description. Dates are ISO 8601 (`2027-06-14`); amounts are written with exactly
/// their currency's minor units (`3456.00`, JPY `120000`), in the currency of the row's
/// currency column.
public protocol BackOfficeRow: Sendable {
    /// The columns, in order.
    static var columns: [BackOfficeColumn] { get }
    /// One cell per column, `nil` for an empty cell (JSON `null`).
    var cells: [String?] { get }
}

/// One column of a back-office list.
public struct BackOfficeColumn: Hashable, Sendable {
    /// The title, as a table and the CSV header show it, such as `Departure`.
    public let title: String
    /// The JSON key, such as `departureDate`.
    public let key: String
    /// Whether the column holds numbers (amounts, counts), which a table aligns to the right.
    public let isNumeric: Bool

    /// Creates a column.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - key: The JSON key.
    ///   - isNumeric: Whether the cells are numbers. The default is `false`.
    public init(_ title: String, key: String, isNumeric: Bool = false) {
        self.title = title
        self.key = key
        self.isNumeric = isNumeric
    }
}
