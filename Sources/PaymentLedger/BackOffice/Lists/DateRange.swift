public import XMLCoding

/// A range of calendar days for the back-office filters, both ends included; an end left `nil`
/// is open.
///
/// ```swift
/// DateRange(from: XMLDate(year: 2027, month: 6, day: 1), to: XMLDate(year: 2027, month: 6, day: 30))
/// DateRange(from: today)   // today and later
/// ```
public struct DateRange: Hashable, Sendable {
    /// The first day in the range; `nil` for no lower bound.
    public var from: XMLDate?
    /// The last day in the range; `nil` for no upper bound.
    public var to: XMLDate?

    /// Creates a range.
    ///
    /// - Parameters:
    ///   - from: The first day, included; `nil` (the default) for no lower bound.
    ///   - to: The last day, included; `nil` (the default) for no upper bound.
    public init(from: XMLDate? = nil, to: XMLDate? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether the day lies in the range. A time zone on either date is ignored: the ledger's
    /// dates are calendar days.
    ///
    /// - Parameter date: The day.
    /// - Returns: `true` when it is neither before ``from`` nor after ``to``.
    public func contains(_ date: XMLDate) -> Bool {
        contains(day: LedgerPayment.day(date))
    }

    /// ``contains(_:)`` for a day number (days since 1970-01-01).
    func contains(day: Int32) -> Bool {
        day >= lowerDay && day <= upperDay
    }

    /// ``contains(_:)`` for a day that may be missing: a missing day is in no bounded range.
    func contains(day: Int32?) -> Bool {
        guard let day else { return isUnbounded }
        return contains(day: day)
    }

    /// Whether the range has neither end.
    public var isUnbounded: Bool { from == nil && to == nil }

    /// The first day as a day number; `Int32.min` without a lower bound. A list reading many
    /// rows converts the bounds once.
    var lowerDay: Int32 { from.map { LedgerPayment.day($0) } ?? .min }
    /// The last day as a day number; `Int32.max` without an upper bound.
    var upperDay: Int32 { to.map { LedgerPayment.day($0) } ?? .max }
}
