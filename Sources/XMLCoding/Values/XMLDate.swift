public import Foundation

/// A calendar date, `xs:date`: year, month and day, with a time zone only when the text has one.
///
/// Payment dates (execution date, value date, due date) are calendar days, not instants. Coding
/// them as `Date` invents a time of day and a time zone, and a date then shifts by one day for
/// someone. `XMLDate` keeps exactly what the XML says: `2026-11-23` has no time zone and prints
/// without one; `2026-11-23Z` and `2026-11-23+01:00` keep theirs.
///
/// Years run from 1 to 9999 with four digits; months and days are checked against the
/// proleptic Gregorian calendar, leap years included. Calendar arithmetic
/// (``adding(days:)``, ``adding(months:)``, ``days(until:)``) is exact integer arithmetic that
/// never consults a time zone.
///
/// ```swift
/// let due = XMLDate(xmlLexicalForm: "2026-01-31")       // 2026-01-31, no time zone
/// due?.adding(months: 1).xmlLexicalForm                 // "2026-02-28"
/// XMLDate(year: 2023, month: 2, day: 29)                // nil
/// ```
public struct XMLDate: Hashable, Comparable, Sendable, XMLLexicalValue, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31 depending on the month.
    public let day: Int
    /// The time zone as minutes east of UTC (`Z` is 0, `-05:00` is -300), or `nil` when the date
    /// has none.
    public let timeZoneOffsetMinutes: Int?

    /// Creates a date, checking that the day exists.
    ///
    /// - Parameters:
    ///   - year: The year, 1...9999.
    ///   - month: The month, 1...12.
    ///   - day: The day, 1 through the month's length (29 February only in leap years).
    ///   - timeZoneOffsetMinutes: Minutes east of UTC, -840...840 (±14:00), or `nil` for a date
    ///     without a time zone. The default is `nil`.
    /// - Returns: `nil` when a part is out of range.
    public init?(year: Int, month: Int, day: Int, timeZoneOffsetMinutes: Int? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(year: year, month: month),
            Self.isValidTimeZoneOffset(timeZoneOffsetMinutes)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    /// Creates a date from parts already known to be valid.
    init(uncheckedYear year: Int, month: Int, day: Int, timeZoneOffsetMinutes: Int?) {
        self.year = year
        self.month = month
        self.day = day
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    // MARK: Lexical form

    /// Parses `YYYY-MM-DD` with an optional time zone (`Z`, `+hh:mm`, `-hh:mm`).
    ///
    /// Leading and trailing XML white space is ignored. `-00:00` and `+00:00` mean the same as
    /// `Z`. Years need exactly four digits; XSD's negative and five-digit years are refused.
    ///
    /// - Parameter text: The lexical form, such as `2026-11-23` or `2026-11-23+01:00`.
    public init?(xmlLexicalForm text: String) {
        var text = text
        guard let date = text.withUTF8({ Self.parse(utf8: $0) }) else { return nil }
        self = date
    }

    /// Parses raw `xs:date` bytes without creating a `String`; see ``init(xmlLexicalForm:)``.
    static func parse(utf8: UnsafeBufferPointer<UInt8>) -> XMLDate? {
        let text = XMLNumberParsing.trimmed(utf8)
        guard let (year, month, day) = parseDate(text, at: 0),
            let timeZone = parseTimeZone(text, from: 10)
        else { return nil }
        return XMLDate(year: year, month: month, day: day, timeZoneOffsetMinutes: timeZone.offsetMinutes)
    }

    /// The canonical lexical form: `2026-11-23`, `2026-11-23Z` or `2026-11-23+01:00`.
    public var xmlLexicalForm: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``xmlLexicalForm`` as UTF-8 to an encoder's buffer.
    func append(to buffer: inout [UInt8]) {
        Self.appendDate(year: year, month: month, day: day, to: &buffer)
        Self.appendTimeZone(timeZoneOffsetMinutes, to: &buffer)
    }

    /// The XSD type name used in error messages.
    public static var xmlTypeName: String { "xs:date" }

    /// The lexical form, as ``xmlLexicalForm``.
    public var description: String { xmlLexicalForm }

    // MARK: Calendar arithmetic

    /// The number of days from 1970-01-01 (day 0) to this date, negative before it.
    ///
    /// The time zone is ignored: this counts calendar days.
    public var daysSinceEpoch: Int {
        Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// Creates the date that lies a number of days after 1970-01-01, without a time zone.
    ///
    /// Day numbers before 0001-01-01 or after 9999-12-31 are clamped to those dates.
    ///
    /// - Parameter daysSinceEpoch: Days after 1970-01-01 (negative for earlier dates).
    public init(daysSinceEpoch: Int) {
        self.init(daysSinceEpoch: daysSinceEpoch, timeZoneOffsetMinutes: nil)
    }

    /// Creates the date a number of days after 1970-01-01, with a time zone known to be valid.
    init(daysSinceEpoch: Int, timeZoneOffsetMinutes: Int?) {
        let days = min(max(daysSinceEpoch, Self.minimumDaysSinceEpoch), Self.maximumDaysSinceEpoch)
        let (year, month, day) = Self.civilFromDays(days)
        self.init(uncheckedYear: year, month: month, day: day, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    /// The date a number of days later (earlier for a negative number), keeping the time zone.
    ///
    /// Results outside 0001-01-01...9999-12-31 are clamped to those dates.
    ///
    /// - Parameter days: The number of days to add.
    /// - Returns: The shifted date.
    public func adding(days: Int) -> XMLDate {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        let target = overflow ? (days < 0 ? Int.min : Int.max) : sum
        return XMLDate(daysSinceEpoch: target, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    /// The date a number of months later (earlier for a negative number), keeping the time zone.
    ///
    /// A day beyond the target month's end is clamped to the month's last day: January 31 plus one
    /// month is February 28 (29 in a leap year). Results outside 0001-01-01...9999-12-31 are clamped
    /// to those dates.
    ///
    /// - Parameter months: The number of months to add.
    /// - Returns: The shifted date.
    public func adding(months: Int) -> XMLDate {
        let current = year * 12 + (month - 1)
        let (target, overflow) = current.addingReportingOverflow(months)
        if overflow || target > 9999 * 12 + 11 || target < 1 * 12 {
            let days = months < 0 ? Self.minimumDaysSinceEpoch : Self.maximumDaysSinceEpoch
            return XMLDate(daysSinceEpoch: days, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
        }
        let newYear = target / 12
        let newMonth = target % 12 + 1
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return XMLDate(
            uncheckedYear: newYear, month: newMonth, day: newDay, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    /// The number of calendar days from this date to another, negative when the other is earlier.
    ///
    /// Time zones are ignored: 2026-11-23Z to 2026-11-24+14:00 is one day.
    ///
    /// - Parameter other: The later (or earlier) date.
    /// - Returns: `other.daysSinceEpoch - daysSinceEpoch`.
    public func days(until other: XMLDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The same calendar date without a time zone.
    public var withoutTimeZone: XMLDate {
        XMLDate(uncheckedYear: year, month: month, day: day, timeZoneOffsetMinutes: nil)
    }

    /// Today's calendar date in a time zone, without a time zone attached.
    ///
    /// The result carries no time zone because a date with one (`2026-11-23+01:00`) means
    /// something different in XML; attach one explicitly if a message needs it.
    ///
    /// - Parameters:
    ///   - timeZone: The time zone whose calendar day is wanted. The default is the current one.
    ///   - now: The instant. The default is the current time.
    /// - Returns: The calendar date of `now` in `timeZone`.
    public static func today(in timeZone: TimeZone = .current, now: Date = Date()) -> XMLDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        if let year = parts.year, let month = parts.month, let day = parts.day,
            let date = XMLDate(year: year, month: month, day: day)
        {
            return date
        }
        // Only an instant outside years 1...9999 gets here.
        return XMLDate(daysSinceEpoch: (parts.year ?? 0) > 9999 ? maximumDaysSinceEpoch : minimumDaysSinceEpoch)
    }

    // MARK: Comparable

    /// Orders by calendar day, then by time zone (none first, then west to east), consistently
    /// with `==`.
    ///
    /// XSD leaves dates with and without time zones partially ordered; this total order is for
    /// sorting and ranges, and compares calendar days as written.
    public static func < (lhs: XMLDate, rhs: XMLDate) -> Bool {
        if (lhs.year, lhs.month, lhs.day) != (rhs.year, rhs.month, rhs.day) {
            return (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
        return timeZoneRank(lhs.timeZoneOffsetMinutes) < timeZoneRank(rhs.timeZoneOffsetMinutes)
    }

    /// A sort key that puts "no time zone" before every offset.
    static func timeZoneRank(_ offset: Int?) -> Int {
        offset.map { $0 + 1_000 } ?? 0
    }
}

// MARK: - Calendar helpers

extension XMLDate {
    /// Day number of 0001-01-01.
    static let minimumDaysSinceEpoch = daysFromCivil(year: 1, month: 1, day: 1)
    /// Day number of 9999-12-31.
    static let maximumDaysSinceEpoch = daysFromCivil(year: 9999, month: 12, day: 31)

    /// Whether the proleptic Gregorian year has a 29 February.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month (1...12) of a year.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date a number of days after 1970-01-01 (`civil_from_days`).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Division rounding towards negative infinity.
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

// MARK: - Lexical helpers shared by the date and time types

extension XMLDate {
    /// The largest time zone offset XSD allows, 14 hours, in minutes.
    static let maximumTimeZoneOffsetMinutes = 14 * 60

    /// Whether an offset is absent or within ±14:00.
    static func isValidTimeZoneOffset(_ offset: Int?) -> Bool {
        guard let offset else { return true }
        return offset.magnitude <= maximumTimeZoneOffsetMinutes.magnitude
    }

    /// Two ASCII digits at `index` as a number, or `nil`.
    @inline(__always)
    static func twoDigits(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index + 1 < text.count else { return nil }
        let high = text[index] &- UInt8(ascii: "0")
        let low = text[index + 1] &- UInt8(ascii: "0")
        guard high < 10, low < 10 else { return nil }
        return Int(high) * 10 + Int(low)
    }

    /// Reads `YYYY-MM` at `index` (ten bytes with `-DD` follow in a date). Does not check ranges.
    static func parseYearMonth(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (year: Int, month: Int)? {
        guard index + 7 <= text.count,
            let century = twoDigits(text, at: index),
            let yearInCentury = twoDigits(text, at: index + 2),
            text[index + 4] == UInt8(ascii: "-"),
            let month = twoDigits(text, at: index + 5)
        else { return nil }
        return (century * 100 + yearInCentury, month)
    }

    /// Reads `YYYY-MM-DD` at `index`. Does not check ranges.
    static func parseDate(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (year: Int, month: Int, day: Int)? {
        guard let (year, month) = parseYearMonth(text, at: index),
            index + 10 <= text.count,
            text[index + 7] == UInt8(ascii: "-"),
            let day = twoDigits(text, at: index + 8)
        else { return nil }
        return (year, month, day)
    }

    /// A time zone field read from the end of a lexical form.
    struct TimeZoneField {
        /// Minutes east of UTC, or `nil` when the text has no time zone.
        var offsetMinutes: Int?
    }

    /// Reads the optional time zone that must end the text: nothing, `Z`, or `±hh:mm` within
    /// ±14:00. `nil` when the rest of the text is anything else.
    static func parseTimeZone(_ text: UnsafeBufferPointer<UInt8>, from index: Int) -> TimeZoneField? {
        let remaining = text.count - index
        if remaining == 0 { return TimeZoneField(offsetMinutes: nil) }
        if remaining == 1 { return text[index] == UInt8(ascii: "Z") ? TimeZoneField(offsetMinutes: 0) : nil }
        guard remaining == 6,
            text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-"),
            let hours = twoDigits(text, at: index + 1),
            text[index + 3] == UInt8(ascii: ":"),
            let minutes = twoDigits(text, at: index + 4),
            minutes < 60
        else { return nil }
        let magnitude = hours * 60 + minutes
        guard magnitude <= maximumTimeZoneOffsetMinutes else { return nil }
        return TimeZoneField(offsetMinutes: text[index] == UInt8(ascii: "-") ? -magnitude : magnitude)
    }

    /// Appends a number as exactly two digits (0...99).
    @inline(__always)
    static func appendTwoDigits(_ value: Int, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10))
        buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
    }

    /// Appends `YYYY-MM`.
    static func appendYearMonth(year: Int, month: Int, to buffer: inout [UInt8]) {
        appendTwoDigits(year / 100, to: &buffer)
        appendTwoDigits(year % 100, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendTwoDigits(month, to: &buffer)
    }

    /// Appends `YYYY-MM-DD`.
    static func appendDate(year: Int, month: Int, day: Int, to buffer: inout [UInt8]) {
        appendYearMonth(year: year, month: month, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendTwoDigits(day, to: &buffer)
    }

    /// Appends nothing, `Z` or `±hh:mm`.
    static func appendTimeZone(_ offset: Int?, to buffer: inout [UInt8]) {
        guard let offset else { return }
        if offset == 0 {
            buffer.append(UInt8(ascii: "Z"))
            return
        }
        buffer.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = Int(truncatingIfNeeded: offset.magnitude)
        appendTwoDigits(magnitude / 60, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendTwoDigits(magnitude % 60, to: &buffer)
    }
}
