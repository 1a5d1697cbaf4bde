import XMLCoding

extension Ledger {
    /// The unpaid bookings list: booked bookings with money owed, filtered, sorted and paged.
    /// See <doc:BackOffice>.
    ///
    /// The list reads one snapshot of the ledger: changes made while it runs are not in it.
    ///
    /// ```swift
    /// let page = ledger.unpaidBookings(
    ///     UnpaidBookingsQuery(departure: DateRange(to: summerEnd), seller: "Anna", sort: .agency,
    ///                         paging: ListPaging(limit: 50)))
    /// for row in page.rows { print(row.bookingId, row.balance, row.dueNow) }
    /// ```
    ///
    /// - Parameter query: Filter, order and page. The default lists every unpaid booking by
    ///   departure date.
    /// - Returns: The page and the number of matching bookings.
    public func unpaidBookings(_ query: UnpaidBookingsQuery = UnpaidBookingsQuery()) -> ListPage<UnpaidBooking> {
        Self.unpaidBookings(in: bookings, query, asOfDay: LedgerPayment.day(query.asOf ?? today))
    }

    static func unpaidBookings(
        in bookings: [LedgerBooking], _ query: UnpaidBookingsQuery, asOfDay: Int32
    ) -> ListPage<UnpaidBooking> {
        var entries: [ListOrdering.Entry] = []
        var texts = ListOrdering.TextRanks()
        let needsFacts =
            !query.due.isUnbounded || query.onlyDueNow || query.sort == .nextDue || query.sort == .dueNow
        for position in bookings.indices {
            let booking = bookings[position]
            guard booking.state == .booked, booking.openMinorUnits > 0 else { continue }
            // The box, not a copy of the profile: one retain instead of one per field.
            let box = booking.profile
            guard query.departure.contains(day: box.value.departureDay),
                query.seller == nil || box.value.seller == query.seller,
                query.agency == nil || box.value.agency?.agency == query.agency
            else { continue }
            var facts: BookingScheduleFacts?
            if needsFacts {
                let computed = BookingScheduleFacts(booking, asOfDay: asOfDay)
                guard computed.hasDueDay(in: query.due, of: query.dueKind),
                    !query.onlyDueNow || computed.dueNowMinorUnits > 0
                else { continue }
                facts = computed
            }
            let key: Int64
            switch query.sort {
            case .booking, .agency, .seller:
                let text: String?
                switch query.sort {
                case .booking: text = booking.id.value
                case .agency: text = box.value.agency?.agency
                default: text = box.value.seller
                }
                key = texts.number(text)
            case .departure: key = Int64(box.value.departureDay)
            case .nextDue: key = ListOrdering.key(facts?.nextDueDay)
            case .balance: key = booking.openMinorUnits
            case .dueNow: key = facts?.dueNowMinorUnits ?? 0
            }
            entries.append(ListOrdering.Entry(key: key, position: Int64(position)))
        }
        if query.sort == .booking || query.sort == .agency || query.sort == .seller { texts.rank(&entries) }
        ListOrdering.sort(&entries, descending: query.descending)
        return ListOrdering.page(entries, query.paging) { entry in
            UnpaidBooking(bookings[Int(entry.position)], asOfDay: asOfDay)
        }
    }
}

extension UnpaidBooking {
    /// The row of an unpaid booking.
    init(_ booking: LedgerBooking, asOfDay: Int32) {
        let facts = BookingScheduleFacts(booking, asOfDay: asOfDay)
        let date = { (day: Int32?) in day.map { XMLDate(daysSinceEpoch: Int($0)) } }
        self.init(
            bookingId: booking.id, seller: booking.seller, agency: booking.agency?.agency,
            depositDueDate: date(facts.depositDueDay), secondPaymentDueDate: date(facts.secondPaymentDueDay),
            restPaymentDueDate: date(facts.restPaymentDueDay), nextDueDate: date(facts.nextDueDay),
            departureDate: booking.departureDate, customerName: booking.displayCustomerName,
            currency: booking.currency, totalMinorUnits: booking.priceMinorUnits, paidMinorUnits: booking.totals.paid,
            balanceMinorUnits: booking.openMinorUnits, dueNowMinorUnits: facts.dueNowMinorUnits)
    }
}
