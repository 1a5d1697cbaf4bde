import StringPayments
import XMLCoding

extension Ledger {
    /// The protected money report: for each booked booking whose trip is not over, the customer
    /// money received, held until the return date and then released; with totals by departure
    /// month and by agency. See <doc:BackOffice>.
    ///
    /// A booking holds protected money on the `asOf` day when it is booked (not quoted, not
    /// cancelled: a cancelled booking's money is its cancellation charge or a refund owed), its
    /// ``LedgerBooking/paidAmount`` is more than zero, and the day is not after its release
    /// date (the return date, else the departure date).
    ///
    /// - Parameter query: Filter, order and page. The default lists every booking holding money
    ///   by departure date.
    /// - Returns: The page of bookings and the totals over every matching booking.
    public func protectedMoney(_ query: ProtectedMoneyQuery = ProtectedMoneyQuery()) -> ProtectedMoneyReport {
        Self.protectedMoney(in: bookings, query, asOfDay: LedgerPayment.day(query.asOf ?? today))
    }

    static func protectedMoney(
        in bookings: [LedgerBooking], _ query: ProtectedMoneyQuery, asOfDay: Int32
    ) -> ProtectedMoneyReport {
        var entries: [ListOrdering.Entry] = []
        var texts = ListOrdering.TextRanks()
        // Months as numbers while counting: a text per booking would cost more than the rest.
        var byMonthNumber: [MonthKey: (count: Int, minorUnits: Int64)] = [:]
        var byAgency: [TotalKey: (count: Int, minorUnits: Int64)] = [:]
        for position in bookings.indices {
            let booking = bookings[position]
            guard booking.state == .booked, booking.totals.paid > 0 else { continue }
            // The box, not a copy of the profile: one retain instead of one per field.
            let box = booking.profile
            let releaseDay = box.value.returnDay ?? box.value.departureDay
            guard asOfDay <= releaseDay, query.departure.contains(day: box.value.departureDay),
                query.seller == nil || box.value.seller == query.seller,
                query.agency == nil || box.value.agency?.agency == query.agency
            else { continue }
            let amount = booking.totals.paid
            let departure = XMLDate(daysSinceEpoch: Int(box.value.departureDay))
            let month = MonthKey(month: departure.year * 12 + departure.month - 1, currency: booking.currency)
            byMonthNumber[month, default: (0, 0)].count += 1
            byMonthNumber[month, default: (0, 0)].minorUnits &+= amount
            let agency = TotalKey(group: box.value.agency?.agency, currency: booking.currency)
            byAgency[agency, default: (0, 0)].count += 1
            byAgency[agency, default: (0, 0)].minorUnits &+= amount
            let key: Int64
            switch query.sort {
            case .departure: key = Int64(box.value.departureDay)
            case .release: key = Int64(releaseDay)
            case .amount: key = amount
            case .agency: key = texts.number(box.value.agency?.agency)
            case .seller: key = texts.number(box.value.seller)
            }
            entries.append(ListOrdering.Entry(key: key, position: Int64(position)))
        }
        if query.sort == .agency || query.sort == .seller { texts.rank(&entries) }
        ListOrdering.sort(&entries, descending: query.descending)
        let page = ListOrdering.page(entries, query.paging) { entry in
            ProtectedBooking(bookings[Int(entry.position)])
        }
        var byMonth: [TotalKey: (count: Int, minorUnits: Int64)] = [:]
        for (key, sum) in byMonthNumber {
            let first = XMLDate(year: key.month / 12, month: key.month % 12 + 1, day: 1)
            byMonth[TotalKey(group: first.map(Self.monthText), currency: key.currency)] = sum
        }
        return ProtectedMoneyReport(bookings: page, byDepartureMonth: totals(byMonth), byAgency: totals(byAgency))
    }

    private struct MonthKey: Hashable {
        var month: Int
        var currency: CurrencyCode
    }

    private struct TotalKey: Hashable {
        var group: String?
        var currency: CurrencyCode
    }

    private static func totals(_ sums: [TotalKey: (count: Int, minorUnits: Int64)]) -> [ProtectedMoneyTotal] {
        sums.map { key, sum in
            ProtectedMoneyTotal(
                group: key.group, currency: key.currency, bookingCount: sum.count, protectedMinorUnits: sum.minorUnits)
        }
        .sorted { lhs, rhs in
            if lhs.group != rhs.group {
                guard let left = lhs.group else { return true }
                guard let right = rhs.group else { return false }
                return left < right
            }
            return lhs.currency < rhs.currency
        }
    }

    /// `2027-06` for a day in June 2027.
    static func monthText(_ date: XMLDate) -> String {
        String(date.xmlLexicalForm.prefix(7))
    }
}

extension ProtectedBooking {
    /// The row of a booking holding money.
    init(_ booking: LedgerBooking) {
        self.init(
            bookingId: booking.id, agency: booking.agency?.agency, seller: booking.seller,
            customerName: booking.displayCustomerName, departureDate: booking.departureDate,
            releaseDate: booking.returnDate ?? booking.departureDate, currency: booking.currency,
            protectedMinorUnits: booking.totals.paid)
    }
}
