public import StringPayments

/// What one run of ``ReminderService/sendReminders(matching:today:)`` did, booking by booking.
public struct ReminderReport: Hashable, Sendable {
    /// What happened to one booking of the list.
    public enum Outcome: Hashable, Sendable {
        /// The reminder was accepted by the relay and recorded on the booking.
        case sent(to: String)
        /// No reminder was sent: the booking has no customer email, or owes nothing.
        case skipped(reason: String)
        /// Sending or recording failed; the message says why.
        case failed(MailError)
    }

    /// One booking's line.
    public struct Line: Hashable, Sendable {
        /// The booking.
        public var bookingId: Identifier
        /// What happened.
        public var outcome: Outcome
    }

    /// A line per booking of the list, in the list's order.
    public var lines: [Line] = []

    /// How many reminders were sent.
    public var sentCount: Int { lines.count { if case .sent = $0.outcome { true } else { false } } }
    /// How many failed.
    public var failedCount: Int { lines.count { if case .failed = $0.outcome { true } else { false } } }
}
