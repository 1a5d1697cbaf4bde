public import Foundation
public import PaymentLedger
public import StringPayments
public import XMLCoding

/// Which bookings the scheduled balance reminders go to, and which of them wait: the policy of
/// the ``ScheduledJob/balanceReminders`` job.
///
/// A booking is reminded when it is on the unpaid list (booked, owing money), the due date of
/// its next scheduled payment not fully paid lies at most ``dueWithinDays`` days ahead (or has
/// passed), and no reminder was recorded on it (``ReminderService/lastReminder(of:)``) within
/// the last ``intervalDays`` days.
public struct ReminderSchedule: Hashable, Sendable {
    /// How many days ahead a due date makes a booking due for a reminder.
    public var dueWithinDays: Int
    /// The fewest days between two reminders of one booking.
    public var intervalDays: Int

    /// Creates a schedule.
    ///
    /// - Parameters:
    ///   - dueWithinDays: How many days ahead a due date counts.
    ///   - intervalDays: The fewest days between two reminders of one booking.
    public init(dueWithinDays: Int, intervalDays: Int) {
        self.dueWithinDays = dueWithinDays
        self.intervalDays = intervalDays
    }

    /// The schedule of the scheduler's keys.
    ///
    /// - Parameter configuration: The keys.
    public init(_ configuration: SchedulerConfiguration) {
        self.init(
            dueWithinDays: configuration.remindersDueWithinDays, intervalDays: configuration.remindersIntervalDays)
    }

    /// The bookings due for a reminder on a day, in the unpaid list's order (next due date).
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - today: The day.
    /// - Returns: The bookings whose next unpaid payment is due by `today` plus ``dueWithinDays``.
    public func dueBookings(in ledger: Ledger, today: XMLDate) -> [Identifier] {
        let query = UnpaidBookingsQuery(asOf: today, sort: .nextDue)
        let last = today.adding(days: dueWithinDays)
        return ledger.unpaidBookings(query).rows.compactMap { row in
            guard let due = row.nextDueDate, due <= last else { return nil }
            return row.bookingId
        }
    }

    /// Whether a reminder sent at `last` is too recent to send another at `now`.
    ///
    /// - Parameters:
    ///   - last: The time of the booking's latest reminder, if any.
    ///   - now: The time now.
    /// - Returns: `true` when less than ``intervalDays`` days have passed.
    public func waits(since last: Date?, now: Date) -> Bool {
        guard let last else { return false }
        return now.timeIntervalSince(last) < Double(intervalDays) * 86_400
    }
}
