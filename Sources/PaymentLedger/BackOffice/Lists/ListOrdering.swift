import StringPayments

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

    /// The positions of the bookings a list reads: only the booking the query names (none when
    /// no booking has the identifier), else every booking.
    static func positions(of bookingId: Identifier?, in bookings: [LedgerBooking]) -> Range<Int> {
        guard let bookingId else { return bookings.indices }
        guard let position = bookings.firstIndex(where: { $0.id == bookingId }) else { return 0..<0 }
        return position..<(position + 1)
    }

    /// The position of an item of a booking (a payment, a flight record): the booking's position
    /// and the item's index packed, so that ties keep bookings in order and each booking's items
    /// in order.
    static func position(booking: Int, item: Int) -> Int64 {
        Int64(booking) << 32 | Int64(item)
    }

    /// Ranks the texts of the keys (when the list sorts by text), sorts the entries of items of
    /// bookings (see ``position(booking:item:)``) and builds the page's rows.
    static func itemPage<Row: Sendable>(
        _ entries: inout [Entry], texts: TextRanks?, descending: Bool, paging: ListPaging,
        row: (_ booking: Int, _ item: Int) -> Row
    ) -> ListPage<Row> {
        texts?.rank(&entries)
        sort(&entries, descending: descending)
        return page(entries, paging) { entry in
            row(Int(entry.position >> 32), Int(entry.position & 0xFFFF_FFFF))
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
