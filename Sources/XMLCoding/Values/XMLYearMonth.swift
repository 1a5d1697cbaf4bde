/// A month of a year, `xs:gYearMonth`, such as a card's expiry month `2027-09`.
///
/// Like ``XMLDate``, it keeps a time zone only when the text has one and never invents one.
///
/// ```swift
/// if let expiry = XMLYearMonth(xmlLexicalForm: "2027-09"),
///     let today = XMLDate(xmlLexicalForm: "2027-09-12")
/// {
///     expiry.lastDay            // 2027-09-30
///     expiry.contains(today)    // true
/// }
/// ```
public struct XMLYearMonth: Hashable, Comparable, Sendable, XMLLexicalValue, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The time zone as minutes east of UTC, or `nil` when the value has none.
    public let timeZoneOffsetMinutes: Int?

    /// Creates a year and month.
    ///
    /// - Parameters:
    ///   - year: The year, 1...9999.
    ///   - month: The month, 1...12.
    ///   - timeZoneOffsetMinutes: Minutes east of UTC, -840...840, or `nil` for none. The
    ///     default is `nil`.
    /// - Returns: `nil` when a part is out of range.
    public init?(year: Int, month: Int, timeZoneOffsetMinutes: Int? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month),
            XMLDate.isValidTimeZoneOffset(timeZoneOffsetMinutes)
        else { return nil }
        self.year = year
        self.month = month
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    // MARK: Lexical form

    /// Parses `YYYY-MM` with an optional time zone (`Z`, `+hh:mm`, `-hh:mm`).
    ///
    /// Leading and trailing XML white space is ignored. Years need exactly four digits.
    ///
    /// - Parameter text: The lexical form, such as `2027-09` or `2027-09Z`.
    public init?(xmlLexicalForm text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parse(utf8: $0) }) else { return nil }
        self = value
    }

    /// Parses raw `xs:gYearMonth` bytes; see ``init(xmlLexicalForm:)``.
    static func parse(utf8: UnsafeBufferPointer<UInt8>) -> XMLYearMonth? {
        let text = XMLNumberParsing.trimmed(utf8)
        guard let (year, month) = XMLDate.parseYearMonth(text, at: 0),
            let timeZone = XMLDate.parseTimeZone(text, from: 7)
        else { return nil }
        return XMLYearMonth(year: year, month: month, timeZoneOffsetMinutes: timeZone.offsetMinutes)
    }

    /// The canonical lexical form: `2027-09`, `2027-09Z` or `2027-09-05:00`.
    public var xmlLexicalForm: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(13)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``xmlLexicalForm`` as UTF-8 to an encoder's buffer.
    func append(to buffer: inout [UInt8]) {
        XMLDate.appendYearMonth(year: year, month: month, to: &buffer)
        XMLDate.appendTimeZone(timeZoneOffsetMinutes, to: &buffer)
    }

    /// The XSD type name used in error messages.
    public static var xmlTypeName: String { "xs:gYearMonth" }

    /// The lexical form, as ``xmlLexicalForm``.
    public var description: String { xmlLexicalForm }

    // MARK: Days

    /// Whether a date falls in this month.
    ///
    /// Compares calendar year and month only; time zones are ignored.
    ///
    /// - Parameter date: The date to test.
    /// - Returns: `true` when `date` has this year and month.
    public func contains(_ date: XMLDate) -> Bool {
        date.year == year && date.month == month
    }

    /// The first day of the month, with this value's time zone.
    public var firstDay: XMLDate {
        XMLDate(uncheckedYear: year, month: month, day: 1, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    /// The last day of the month (29 February in leap years), with this value's time zone.
    public var lastDay: XMLDate {
        XMLDate(
            uncheckedYear: year, month: month, day: XMLDate.daysInMonth(year: year, month: month),
            timeZoneOffsetMinutes: timeZoneOffsetMinutes)
    }

    // MARK: Comparable

    /// Orders by year and month, then by time zone (none first, then west to east), consistently
    /// with `==`.
    public static func < (lhs: XMLYearMonth, rhs: XMLYearMonth) -> Bool {
        if (lhs.year, lhs.month) != (rhs.year, rhs.month) {
            return (lhs.year, lhs.month) < (rhs.year, rhs.month)
        }
        return XMLDate.timeZoneRank(lhs.timeZoneOffsetMinutes) < XMLDate.timeZoneRank(rhs.timeZoneOffsetMinutes)
    }
}
