/// Which rows of a sorted back-office list to return: skip ``offset`` rows, then return at most
/// ``limit``.
public struct ListPaging: Hashable, Sendable {
    /// How many rows to skip. Negative values count as 0.
    public var offset: Int
    /// The most rows to return; `nil` for every row after ``offset``. Negative values count as 0.
    public var limit: Int?

    /// Creates a paging.
    ///
    /// - Parameters:
    ///   - offset: Rows to skip. The default is 0.
    ///   - limit: The most rows to return. The default `nil` returns every row, which is what an
    ///     export wants; a screen asks for a page at a time.
    public init(offset: Int = 0, limit: Int? = nil) {
        self.offset = offset
        self.limit = limit
    }

    /// Every row.
    public static let all = ListPaging()

    /// The range of positions the paging selects out of `count` rows.
    func range(in count: Int) -> Range<Int> {
        let start = min(max(offset, 0), count)
        let available = count - start
        let length = limit.map { min(max($0, 0), available) } ?? available
        return start..<(start + length)
    }
}

/// One page of a back-office list: the selected rows and how many rows matched in all.
public struct ListPage<Row: Sendable>: Sendable {
    /// The rows of the page, in the list's order.
    public var rows: [Row]
    /// How many rows matched the filter, on every page together.
    public var totalCount: Int
    /// The position of the first row of the page among all matching rows.
    public var offset: Int

    /// Creates a page.
    ///
    /// - Parameters:
    ///   - rows: The page's rows.
    ///   - totalCount: How many rows matched in all.
    ///   - offset: The position of the first row.
    public init(rows: [Row], totalCount: Int, offset: Int) {
        self.rows = rows
        self.totalCount = totalCount
        self.offset = offset
    }
}

extension ListPage: Equatable where Row: Equatable {}
