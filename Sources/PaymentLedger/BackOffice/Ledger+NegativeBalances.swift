import StringPayments

extension Ledger {
    /// The bookings that hold more money than they cost (their open amount is negative): the
    /// back office's "Negative balances" list, filtered and sorted as the query says.
    ///
    /// The bookings are read as of the last complete change and scanned outside the ledger's
    /// lock, so the list costs other callers nothing but a moment; a million bookings take a few
    /// tens of milliseconds (see `Benchmarks/`).
    ///
    /// - Parameter query: The filters and the order; the default lists every such booking by
    ///   identifier.
    /// - Returns: One row per booking.
    public func negativeBalances(_ query: NegativeBalanceQuery = NegativeBalanceQuery()) -> [NegativeBalance] {
        let bookings = storage.withLock { $0.state.bookings }
        var positions: [Int] = []
        for position in bookings.indices {
            let booking = bookings[position]
            guard booking.openMinorUnits < 0 else { continue }
            if query.releasedOnly, !booking.isReleased { continue }
            if let seller = query.seller, booking.seller != seller { continue }
            positions.append(position)
        }
        let ascending = Self.ascendingOrder(query.sort, of: bookings)
        positions.sort { lhs, rhs in ascending(lhs, rhs) ?? (bookings[lhs].id < bookings[rhs].id) }
        if query.descending { positions.reverse() }
        return positions.compactMap { NegativeBalance(bookings[$0]) }
    }

    /// Whether the booking at the first position comes before the one at the second by the key,
    /// `nil` when they are equal by it.
    private static func ascendingOrder(
        _ key: NegativeBalanceQuery.SortKey, of bookings: [LedgerBooking]
    ) -> (Int, Int) -> Bool? {
        func compare<Value: Comparable>(_ lhs: Value, _ rhs: Value) -> Bool? { lhs == rhs ? nil : lhs < rhs }
        func compare(_ lhs: String?, _ rhs: String?) -> Bool? {
            switch (lhs, rhs) {
            case (nil, nil): return nil
            case (nil, _): return true
            case (_, nil): return false
            case (let lhs?, let rhs?): return compare(lhs, rhs)
            }
        }
        switch key {
        case .booking:
            return { _, _ in nil }
        case .agency:
            return { compare(bookings[$0].agency?.agency, bookings[$1].agency?.agency) }
        case .seller:
            return { compare(bookings[$0].seller, bookings[$1].seller) }
        case .creationDate:
            return { compare(bookings[$0].profile.value.createdDay, bookings[$1].profile.value.createdDay) }
        case .departureDate:
            return { compare(bookings[$0].profile.value.departureDay, bookings[$1].profile.value.departureDay) }
        case .amount:
            return { lhs, rhs in
                let left = bookings[lhs]
                let right = bookings[rhs]
                // The same minor units (the usual case: one currency) compare as integers.
                if left.currency.minorUnits == right.currency.minorUnits {
                    return compare(-left.openMinorUnits, -right.openMinorUnits)
                }
                return compare(left.refundableAmount.amount, right.refundableAmount.amount)
            }
        }
    }
}
