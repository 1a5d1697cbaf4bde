/// The sorting behind every back-office list: each matching row is reduced to an integer key
/// and its position in the ledger, and the pairs are sorted. A million rows sort in a fraction
/// of a second because no comparison touches a string or a `Decimal`.
///
/// Texts (agency, seller) become ranks first: ``TextRanks`` gives each distinct text a number
/// in `String` order, so the integer order is the text order.
struct ListOrdering {
    /// One matching row: its sort key and its position (booking position, or booking and payment
    /// packed), which breaks ties.
    struct Entry {
        var key: Int64
        var position: Int64
    }

    /// The key of a missing value: before every value.
    static let missing = Int64.min

    /// The key of an optional day.
    static func key(_ day: Int32?) -> Int64 { day.map { Int64($0) } ?? missing }

    /// Sorts the entries by key (reversed when `descending`), ties by position ascending.
    static func sort(_ entries: inout [Entry], descending: Bool) {
        if descending {
            entries.sort { $0.key != $1.key ? $0.key > $1.key : $0.position < $1.position }
        } else {
            entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
        }
    }

    /// Ranks of optional texts in `String` order, a missing text before every text.
    struct TextRanks {
        private var numbers: [String: Int64] = [:]
        private var texts: [String] = []

        /// A provisional number for a text; turn it into a rank with ``ranks()``.
        mutating func number(_ text: String?) -> Int64 {
            guard let text else { return ListOrdering.missing }
            if let number = numbers[text] { return number }
            let number = Int64(texts.count)
            numbers[text] = number
            texts.append(text)
            return number
        }

        /// The rank of each provisional number, indexed by the number.
        func ranks() -> [Int64] {
            var ranks = [Int64](repeating: 0, count: texts.count)
            for (rank, number) in texts.indices.sorted(by: { texts[$0] < texts[$1] }).enumerated() {
                ranks[number] = Int64(rank)
            }
            return ranks
        }

        /// Replaces every provisional number in the entries' keys by its rank.
        func rank(_ entries: inout [Entry]) {
            let ranks = ranks()
            for index in entries.indices where entries[index].key != ListOrdering.missing {
                entries[index].key = ranks[Int(entries[index].key)]
            }
        }
    }

    /// The page of sorted entries and the total.
    static func page<Row: Sendable>(
        _ entries: [Entry], _ paging: ListPaging, row: (Entry) -> Row
    ) -> ListPage<Row> {
        let range = paging.range(in: entries.count)
        return ListPage(rows: entries[range].map(row), totalCount: entries.count, offset: range.lowerBound)
    }
}
