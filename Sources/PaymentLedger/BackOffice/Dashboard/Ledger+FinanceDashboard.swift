import StringPayments
public import XMLCoding

extension Ledger {
    /// The finance dashboard's figures as of a day. See <doc:BackOffice>.
    ///
    /// Only booked bookings count (not quoted, not cancelled). Paid money is allocated to a
    /// booking's schedule in due-date order, as the unpaid bookings list does; what remains of
    /// each scheduled payment is **expected** in the week of its due date when that is on or
    /// after `asOf`, and **overdue** by the days since its due date when that is before.
    ///
    /// ```swift
    /// let dashboard = ledger.financeDashboard()
    /// for bar in dashboard.overdueByAge { print(bar.group ?? "", bar.amount) }
    /// ```
    ///
    /// - Parameters:
    ///   - asOf: The day. Default the ledger's today.
    ///   - weeks: How many weeks of expected money, 1…104. Default 12.
    /// - Returns: The figures.
    public func financeDashboard(asOf: XMLDate? = nil, weeks: Int = 12) -> FinanceDashboard {
        let asOfDate = asOf ?? today
        let asOfDay = LedgerPayment.day(asOfDate)
        let weekCount = min(max(weeks, 1), 104)
        var expected: [Key: Sum] = [:]
        var byAge: [Key: Sum] = [:]
        var byAgency: [Key: Sum] = [:]
        var total: [Key: Sum] = [:]
        var currencies = Set<CurrencyCode>()
        for booking in bookings where booking.state == .booked {
            var unallocated = booking.totals.paidTowardsPrice
            let agency = booking.agency?.agency
            for entry in booking.scheduleEntries {
                let due = max(entry.amountMinorUnits, 0)
                let allocated = min(max(unallocated, 0), due)
                unallocated &-= allocated
                let remaining = due &- allocated
                guard remaining > 0 else { continue }
                let days = Int(asOfDay) - Int(entry.dueDay)
                if days > 0 {
                    currencies.insert(booking.currency)
                    byAge[Key(OverdueAge(days: days).rawValue, booking.currency), default: Sum()].add(remaining)
                    byAgency[Key(agency, booking.currency), default: Sum()].add(remaining)
                    total[Key(nil, booking.currency), default: Sum()].add(remaining)
                } else if -days < weekCount * 7 {
                    currencies.insert(booking.currency)
                    let week = asOfDate.adding(days: (-days / 7) * 7).xmlLexicalForm
                    expected[Key(week, booking.currency), default: Sum()].add(remaining)
                }
            }
        }
        let protected = protectedMoney(ProtectedMoneyQuery(asOf: asOfDate, paging: ListPaging(limit: 1)))
        for item in protected.byDepartureMonth { currencies.insert(item.currency) }
        let ageOrder = Dictionary(uniqueKeysWithValues: OverdueAge.allCases.enumerated().map { ($1.rawValue, $0) })
        return FinanceDashboard(
            asOf: asOfDate, currencies: currencies.sorted(), expectedByWeek: Self.amounts(expected),
            weeks: (0..<weekCount).map { asOfDate.adding(days: $0 * 7) },
            overdueByAge: Self.amounts(byAge) { ageOrder[$0 ?? ""] ?? 0 },
            overdueByAgency: Self.amounts(byAgency), overdueTotal: Self.amounts(total),
            protectedByDepartureMonth: protected.byDepartureMonth.map {
                DashboardAmount(
                    group: $0.group, currency: $0.currency, count: $0.bookingCount,
                    minorUnits: $0.protectedMinorUnits)
            })
    }

    private struct Key: Hashable {
        var group: String?
        var currency: CurrencyCode
        init(_ group: String?, _ currency: CurrencyCode) {
            self.group = group
            self.currency = currency
        }
    }

    private struct Sum {
        var count = 0
        var minorUnits: Int64 = 0
        mutating func add(_ value: Int64) {
            count += 1
            minorUnits &+= value
        }
    }

    /// The sums in group order (`nil` first; or by `rank`), then currency.
    private static func amounts(_ sums: [Key: Sum], rank: ((String?) -> Int)? = nil) -> [DashboardAmount] {
        sums.map { DashboardAmount(group: $0.group, currency: $0.currency, count: $1.count, minorUnits: $1.minorUnits) }
            .sorted { lhs, rhs in
                if lhs.group != rhs.group {
                    if let rank { return rank(lhs.group) < rank(rhs.group) }
                    guard let left = lhs.group else { return true }
                    guard let right = rhs.group else { return false }
                    return left < right
                }
                return lhs.currency < rhs.currency
            }
    }
}
