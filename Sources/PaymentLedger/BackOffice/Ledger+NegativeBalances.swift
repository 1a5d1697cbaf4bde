import StringPayments

extension Ledger {
    /// The bookings that hold more money than they cost (their open amount is negative): the
    /// back office's "Negative balances" list, filtered and sorted as the query says.
    ///
    /// The ledger keeps the positions of such bookings up to date with every change, so the list
    /// reads only them, as of the last complete change and outside the ledger's lock: its cost
    /// grows with the number of negative balances, not of bookings (see `Benchmarks/`).
    ///
    /// - Parameter query: The filters and the order; the default lists every such booking by
    ///   identifier.
    /// - Returns: One row per booking.
    public func negativeBalances(_ query: NegativeBalanceQuery = NegativeBalanceQuery()) -> [NegativeBalance] {
        // Both copies are a reference each: the list works on the state as of the last change.
        let (bookings, negative) = storage.withLock { ($0.state.bookings, $0.state.negativeBalancePositions) }
        return bookings.withUnsafeBufferPointer { buffer in
            var selected: [Int] = []
            selected.reserveCapacity(negative.count)
            for position in negative where position < buffer.count && buffer[position].openMinorUnits < 0 {
                if query.releasedOnly, !buffer[position].isReleased { continue }
                if let seller = query.seller, buffer[position].seller != seller { continue }
                selected.append(position)
            }
            // The sort key of each selected booking, read once; ties go by booking identifier.
            let ids = selected.map { buffer[$0].id }
            var order = Array(selected.indices)
            func sort<Key: Comparable>(by key: (Int) -> Key) {
                let keys = selected.map(key)
                order.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : ids[$0] < ids[$1] }
            }
            func sort(byText key: (Int) -> String?) {
                // No text (nil) sorts first.
                let keys = selected.map(key)
                order.sort { lhs, rhs in
                    switch (keys[lhs], keys[rhs]) {
                    case (nil, nil): return ids[lhs] < ids[rhs]
                    case (nil, _): return true
                    case (_, nil): return false
                    case (let left?, let right?): return left != right ? left < right : ids[lhs] < ids[rhs]
                    }
                }
            }
            switch query.sort {
            case .booking: order.sort { ids[$0] < ids[$1] }
            case .agency: sort(byText: { buffer[$0].agency?.agency })
            case .seller: sort(byText: { buffer[$0].seller })
            case .creationDate: sort { buffer[$0].profile.value.createdDay }
            case .departureDate: sort { buffer[$0].profile.value.departureDay }
            case .amount:
                // One number of minor units (the usual case: one currency) compares as integers.
                let minorUnits = Set(selected.map { buffer[$0].currency.minorUnits })
                if minorUnits.count <= 1 {
                    sort { -buffer[$0].openMinorUnits }
                } else {
                    sort { buffer[$0].refundableAmount.amount }
                }
            }
            if query.descending { order.reverse() }
            return order.compactMap { NegativeBalance(buffer[selected[$0]]) }
        }
    }
}
