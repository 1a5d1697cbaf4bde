public import Foundation
public import XMLCoding

/// Tells the ledger what day it is: the booking date, entry and settlement dates, and what is
/// overdue all come from it.
///
/// Inject a ``FixedClock`` in tests and tools (`drv-payments --today`) so due dates and overdue
/// amounts are reproducible.
public protocol LedgerClock: Sendable {
    /// Today's date, without time zone.
    func today() -> XMLDate

    /// The current instant, for the time stamp of each change. The default is the system time.
    func now() -> Date
}

extension LedgerClock {
    /// The system time.
    public func now() -> Date { Date() }
}

/// The machine's clock, read in a fixed time zone (the tour operator's).
public struct SystemClock: LedgerClock {
    /// The time zone that decides when a day begins.
    public var timeZone: TimeZone

    /// Creates a clock for the time zone.
    ///
    /// - Parameter timeZone: The time zone that decides when a day begins; default the machine's.
    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// Today in ``timeZone``.
    public func today() -> XMLDate {
        XMLDate.today(in: timeZone)
    }
}

/// A clock that always says the same day.
public struct FixedClock: LedgerClock {
    /// The day the clock says.
    public var date: XMLDate

    /// Creates a clock stopped at a day.
    ///
    /// - Parameter date: The day; a time zone in it is dropped.
    public init(_ date: XMLDate) {
        self.date = date.withoutTimeZone
    }

    /// The fixed day.
    public func today() -> XMLDate { date }

    /// Midnight UTC at the start of the fixed day, so that stamps are reproducible too.
    public func now() -> Date { Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch) * 86_400) }
}
