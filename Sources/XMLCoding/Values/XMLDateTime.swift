public import Foundation

/// A date and time of day, `xs:dateTime`, with exact fractional seconds and an optional time zone.
///
/// The value keeps what the XML says: `2026-11-23T10:15:30` has no time zone (a local time
/// whose zone the message leaves to context) and prints without one, and fractional seconds are
/// kept as their digits (`30.250` keeps `25`), so no precision is lost to binary floating point.
/// `24:00:00` is accepted, as XSD allows, and becomes 00:00:00 of the next day.
///
/// Use ``init(_:timeZoneOffsetMinutes:)`` and ``foundationDate`` to convert from and to an
/// instant; a value without a time zone has no instant.
///
/// ```swift
/// let created = XMLDateTime(xmlLexicalForm: "2026-11-23T10:15:30.25+01:00")
/// created?.date                   // 2026-11-23+01:00
/// created?.fractionalSeconds      // "25"
/// ```
public struct XMLDateTime: Hashable, Comparable, Sendable, XMLLexicalValue, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month.
    public let day: Int
    /// The hour, 0...23.
    public let hour: Int
    /// The minute, 0...59.
    public let minute: Int
    /// The whole second, 0...59.
    public let second: Int
    /// The digits after the second's decimal point, without trailing zeros; `""` when none.
    ///
    /// `10:15:30.250` has `"25"`, `10:15:30` and `10:15:30.000` have `""`.
    public let fractionalSeconds: String
    /// The time zone as minutes east of UTC, or `nil` when the value has none.
    public let timeZoneOffsetMinutes: Int?

    /// Creates a date and time, checking every part.
    ///
    /// An hour of 24 is accepted only as `24:00:00` with no fractional seconds, and means 00:00:00
    /// of the next day.
    ///
    /// - Parameters:
    ///   - year: The year, 1...9999.
    ///   - month: The month, 1...12.
    ///   - day: The day, 1 through the month's length.
    ///   - hour: The hour, 0...23 (or 24, see above).
    ///   - minute: The minute, 0...59.
    ///   - second: The whole second, 0...59.
    ///   - fractionalSeconds: ASCII digits after the point, such as `"25"` for a quarter second;
    ///     trailing zeros are dropped. The default is `""`.
    ///   - timeZoneOffsetMinutes: Minutes east of UTC, -840...840, or `nil` for none. The
    ///     default is `nil`.
    /// - Returns: `nil` when a part is out of range or `fractionalSeconds` has a non-digit.
    public init?(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
        fractionalSeconds: String = "", timeZoneOffsetMinutes: Int? = nil
    ) {
        guard var date = XMLDate(year: year, month: month, day: day, timeZoneOffsetMinutes: timeZoneOffsetMinutes),
            (0...59).contains(minute), (0...59).contains(second),
            fractionalSeconds.utf8.allSatisfy(XMLNumberParsing.isDigit)
        else { return nil }
        let fraction = Self.removingTrailingZeros(fractionalSeconds)
        var hour = hour
        if hour == 24 {
            guard minute == 0, second == 0, fraction.isEmpty, date.daysSinceEpoch < XMLDate.maximumDaysSinceEpoch
            else { return nil }
            date = date.adding(days: 1)
            hour = 0
        }
        guard (0...23).contains(hour) else { return nil }
        self.init(unchecked: date, hour: hour, minute: minute, second: second, fractionalSeconds: fraction)
    }

    /// Creates a date and time on a date, taking the date's time zone.
    ///
    /// - Parameters:
    ///   - date: The calendar date and time zone.
    ///   - hour: The hour, 0...23 (24 only as `24:00:00`, meaning the next day's midnight).
    ///   - minute: The minute, 0...59.
    ///   - second: The whole second, 0...59.
    ///   - fractionalSeconds: ASCII digits after the point. The default is `""`.
    /// - Returns: `nil` when a part is out of range.
    public init?(date: XMLDate, hour: Int, minute: Int, second: Int, fractionalSeconds: String = "") {
        self.init(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second,
            fractionalSeconds: fractionalSeconds, timeZoneOffsetMinutes: date.timeZoneOffsetMinutes)
    }

    /// Creates a value from parts already known to be valid.
    init(unchecked date: XMLDate, hour: Int, minute: Int, second: Int, fractionalSeconds: String) {
        self.year = date.year
        self.month = date.month
        self.day = date.day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fractionalSeconds = fractionalSeconds
        self.timeZoneOffsetMinutes = date.timeZoneOffsetMinutes
    }

    /// The calendar date, with this value's time zone.
    public var date: XMLDate {
        XMLDate(uncheckedYear: year, month: month, day: day, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    // MARK: Lexical form

    /// Parses `YYYY-MM-DDThh:mm:ss`, optional `.s+` fractional seconds, and an optional time zone
    /// (`Z`, `+hh:mm`, `-hh:mm`).
    ///
    /// Leading and trailing XML white space is ignored. `24:00:00` becomes the next day's
    /// 00:00:00. Years need exactly four digits.
    ///
    /// - Parameter text: The lexical form, such as `2026-11-23T10:15:30.25Z`.
    public init?(xmlLexicalForm text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parse(utf8: $0) }) else { return nil }
        self = value
    }

    /// Parses raw `xs:dateTime` bytes; see ``init(xmlLexicalForm:)``.
    static func parse(utf8: UnsafeBufferPointer<UInt8>) -> XMLDateTime? {
        let text = XMLNumberParsing.trimmed(utf8)
        guard let (year, month, day) = XMLDate.parseDate(text, at: 0),
            text.count >= 19,
            text[10] == UInt8(ascii: "T"),
            let hour = XMLDate.twoDigits(text, at: 11),
            text[13] == UInt8(ascii: ":"),
            let minute = XMLDate.twoDigits(text, at: 14),
            text[16] == UInt8(ascii: ":"),
            let second = XMLDate.twoDigits(text, at: 17)
        else { return nil }
        var index = 19
        var fraction = ""
        if index < text.count, text[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < text.count, XMLNumberParsing.isDigit(text[index]) { index += 1 }
            guard index > start else { return nil }
            var end = index
            while end > start, text[end - 1] == UInt8(ascii: "0") { end -= 1 }
            fraction = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
        }
        guard let timeZone = XMLDate.parseTimeZone(text, from: index) else { return nil }
        return XMLDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            fractionalSeconds: fraction, timeZoneOffsetMinutes: timeZone.offsetMinutes)
    }

    /// The canonical lexical form, such as `2026-11-23T10:15:30`, `2026-11-23T10:15:30.25Z` or
    /// `2026-11-23T10:15:30+01:00`.
    public var xmlLexicalForm: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26 + fractionalSeconds.utf8.count)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``xmlLexicalForm`` as UTF-8 to an encoder's buffer.
    func append(to buffer: inout [UInt8]) {
        XMLDate.appendDate(year: year, month: month, day: day, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        XMLDate.appendTwoDigits(hour, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        XMLDate.appendTwoDigits(minute, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        XMLDate.appendTwoDigits(second, to: &buffer)
        if !fractionalSeconds.isEmpty {
            buffer.append(UInt8(ascii: "."))
            buffer.append(contentsOf: fractionalSeconds.utf8)
        }
        XMLDate.appendTimeZone(timeZoneOffsetMinutes, to: &buffer)
    }

    /// The XSD type name used in error messages.
    public static var xmlTypeName: String { "xs:dateTime" }

    /// The lexical form, as ``xmlLexicalForm``.
    public var description: String { xmlLexicalForm }

    // MARK: Foundation dates

    /// Creates the date and time of an instant as seen at a UTC offset.
    ///
    /// The instant is kept to the millisecond (rounded to the nearest); the result always has a
    /// time zone, UTC (`Z`) by default. Offsets beyond ±14:00 are clamped to ±14:00, and instants
    /// outside years 1...9999 to those years' first and last days.
    ///
    /// - Parameters:
    ///   - date: The instant.
    ///   - timeZoneOffsetMinutes: Minutes east of UTC for the local time written. The default
    ///     is 0 (`Z`).
    public init(_ date: Date, timeZoneOffsetMinutes: Int = 0) {
        let offset = min(
            max(timeZoneOffsetMinutes, -XMLDate.maximumTimeZoneOffsetMinutes), XMLDate.maximumTimeZoneOffsetMinutes)
        // Calendar's elapsed-time arithmetic gives whole seconds and nanoseconds as integers,
        // so no binary floating point is handled here.
        let elapsed = Self.utcCalendar.dateComponents([.second, .nanosecond], from: Self.unixEpoch, to: date)
        var seconds = elapsed.second ?? 0
        var milliseconds = Self.roundedMilliseconds(nanoseconds: elapsed.nanosecond ?? 0)
        if milliseconds < 0 {
            milliseconds += 1_000
            seconds -= 1
        } else if milliseconds >= 1_000 {
            milliseconds -= 1_000
            seconds += 1
        }
        let local = seconds + offset * 60
        let days = XMLDate.floorDivide(local, 86_400)
        let secondOfDay = local - days * 86_400
        let day = XMLDate(daysSinceEpoch: days, timeZoneOffsetMinutes: offset)
        var fraction = ""
        if milliseconds > 0 {
            let digits: [UInt8] = [
                UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds / 100),
                UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds / 10 % 10),
                UInt8(ascii: "0") + UInt8(truncatingIfNeeded: milliseconds % 10),
            ]
            fraction = Self.removingTrailingZeros(String(decoding: digits, as: UTF8.self))
        }
        self.init(
            unchecked: day, hour: secondOfDay / 3_600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
            fractionalSeconds: fraction)
    }

    /// The instant, or `nil` when the value has no time zone (a local time names no instant).
    ///
    /// Fractional seconds beyond nanoseconds are truncated; `Date` itself holds less precision
    /// than that far from 2001.
    public var foundationDate: Date? {
        guard timeZoneOffsetMinutes != nil else { return nil }
        var nanoseconds = 0
        var scale = 100_000_000
        for byte in fractionalSeconds.utf8.prefix(9) {
            nanoseconds += Int(byte &- UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return Self.utcCalendar.date(
            byAdding: DateComponents(second: utcSecondsSinceEpoch, nanosecond: nanoseconds), to: Self.unixEpoch)
    }

    /// Whole seconds from 1970-01-01T00:00:00Z, reading a value without a time zone as UTC.
    var utcSecondsSinceEpoch: Int {
        let local = date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second
        return local - (timeZoneOffsetMinutes ?? 0) * 60
    }

    /// A Gregorian calendar in UTC, for elapsed-time arithmetic only.
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    /// 1970-01-01T00:00:00Z.
    static let unixEpoch = Date(timeIntervalSince1970: 0)

    /// Nanoseconds rounded to the nearest millisecond (half away from zero); may be ±1,000.
    static func roundedMilliseconds(nanoseconds: Int) -> Int {
        nanoseconds >= 0 ? (nanoseconds + 500_000) / 1_000_000 : -((-nanoseconds + 500_000) / 1_000_000)
    }

    /// The digits without trailing zeros.
    static func removingTrailingZeros(_ digits: String) -> String {
        guard digits.utf8.last == UInt8(ascii: "0") else { return digits }
        let kept = digits.utf8.reversed().drop { $0 == UInt8(ascii: "0") }.reversed()
        return String(decoding: Array(kept), as: UTF8.self)
    }

    // MARK: Comparable

    /// Orders by instant (a value without a time zone counts as UTC), then by time zone (none
    /// first, then west to east), consistently with `==`.
    ///
    /// XSD leaves values with and without time zones partially ordered; this total order is for
    /// sorting and agrees with XSD's wherever XSD gives one.
    public static func < (lhs: XMLDateTime, rhs: XMLDateTime) -> Bool {
        let left = lhs.utcSecondsSinceEpoch
        let right = rhs.utcSecondsSinceEpoch
        if left != right { return left < right }
        // Without trailing zeros, digit strings order like the fractions they spell.
        if lhs.fractionalSeconds != rhs.fractionalSeconds {
            return lhs.fractionalSeconds.utf8.lexicographicallyPrecedes(rhs.fractionalSeconds.utf8)
        }
        return XMLDate.timeZoneRank(lhs.timeZoneOffsetMinutes) < XMLDate.timeZoneRank(rhs.timeZoneOffsetMinutes)
    }
}
