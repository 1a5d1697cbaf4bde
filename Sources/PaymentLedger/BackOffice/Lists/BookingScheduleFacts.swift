/// What the back-office lists need of a booking's schedule, computed in one pass over its
/// compact entries without building `ScheduledPayment` values: the due days of deposit, second
/// (first interim) and rest (balance) payment, the earliest due day not fully paid, and the
/// amount due on or before a day.
///
/// Paid money is allocated to the schedule in due-date order, as
/// ``LedgerBooking/expectedPayments(today:)`` does.
struct BookingScheduleFacts {
    var depositDueDay: Int32?
    var secondPaymentDueDay: Int32?
    var restPaymentDueDay: Int32?
    /// The due day of the first scheduled payment that is not fully paid.
    var nextDueDay: Int32?
    /// What remains of it.
    var nextDueMinorUnits: Int64 = 0
    /// What remains of the scheduled payments due on or before the day asked for.
    var dueNowMinorUnits: Int64 = 0

    init(_ booking: LedgerBooking, asOfDay: Int32) {
        var unallocated = booking.totals.paidTowardsPrice
        for entry in booking.scheduleEntries {
            switch entry.scope {
            case .deposit: if depositDueDay == nil { depositDueDay = entry.dueDay }
            case .interim: if secondPaymentDueDay == nil { secondPaymentDueDay = entry.dueDay }
            case .balance: restPaymentDueDay = entry.dueDay
            }
            let due = max(entry.amountMinorUnits, 0)
            let allocated = min(max(unallocated, 0), due)
            unallocated &-= allocated
            let remaining = due &- allocated
            guard remaining > 0 else { continue }
            if nextDueDay == nil {
                nextDueDay = entry.dueDay
                nextDueMinorUnits = remaining
            }
            if entry.dueDay <= asOfDay { dueNowMinorUnits &+= remaining }
        }
    }

    /// Whether any of the three due days the filter names lies in the range.
    func hasDueDay(in range: DateRange, of kind: UnpaidBookingsQuery.DueKind) -> Bool {
        if range.isUnbounded { return true }
        switch kind {
        case .deposit: return range.contains(day: depositDueDay)
        case .secondPayment: return range.contains(day: secondPaymentDueDay)
        case .restPayment: return range.contains(day: restPaymentDueDay)
        case .any:
            return range.contains(day: depositDueDay) || range.contains(day: secondPaymentDueDay)
                || range.contains(day: restPaymentDueDay)
        }
    }
}
