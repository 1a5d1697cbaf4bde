/// A local time of day to the minute, `00:00` to `23:59`, as a flight schedule gives it: the
/// time at the airport, without a time zone.
///
/// ```swift
/// TimeOfDay("06:45")?.minutesSinceMidnight   // 405
/// TimeOfDay("24:00")                         // nil
/// ```
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since midnight, 0 to 1439.
    public let minutesSinceMidnight: Int

    /// Creates a time from minutes since midnight.
    ///
    /// - Parameter minutesSinceMidnight: 0 (`00:00`) to 1439 (`23:59`).
    /// - Returns: `nil` outside that range.
    public init?(minutesSinceMidnight: Int) {
        guard (0..<Self.minutesPerDay).contains(minutesSinceMidnight) else { return nil }
        self.minutesSinceMidnight = minutesSinceMidnight
    }

    /// Creates a time from hour and minute.
    ///
    /// - Parameters:
    ///   - hour: 0 to 23.
    ///   - minute: 0 to 59.
    /// - Returns: `nil` when either is out of range.
    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.minutesSinceMidnight = hour * 60 + minute
    }

    /// Parses `HH:MM` (two digits each, 24-hour clock).
    ///
    /// - Parameter text: Such as `06:45`.
    /// - Returns: `nil` for any other text.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        let digits = [bytes[0], bytes[1], bytes[3], bytes[4]]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        self.init(hour: values[0] * 10 + values[1], minute: values[2] * 10 + values[3])
    }

    /// The hour, 0 to 23.
    public var hour: Int { minutesSinceMidnight / 60 }
    /// The minute, 0 to 59.
    public var minute: Int { minutesSinceMidnight % 60 }

    /// `HH:MM`, such as `06:45`.
    public var description: String {
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return pad(hour) + ":" + pad(minute)
    }

    /// Orders times from midnight on.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    /// `00:00`.
    public static let midnight = TimeOfDay(unchecked: 0)

    private init(unchecked minutes: Int) { self.minutesSinceMidnight = minutes }

    /// Minutes in a day: 1440.
    static let minutesPerDay = 1440
}
