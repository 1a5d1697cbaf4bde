/// How a CSV file is written: separator, header row, text encoding, number and date format, limits.
///
/// The defaults fit the usual German bank export: `;`, a header row, UTF-8, decimal comma,
/// `dd.MM.yyyy`.
public struct CSVFormat: Sendable, Hashable {
    /// The byte between fields: `;` (the default) or `,`, or any other ASCII character except `"`,
    /// CR and LF.
    public var separator: Character
    /// Whether the first record names the columns. The default is `true`; columns named with
    /// ``CSVColumn/named(_:)`` need it.
    public var hasHeaderRow: Bool
    /// The text encoding. The default is ``CSVTextEncoding/utf8``.
    public var encoding: CSVTextEncoding
    /// The decimal separator of amounts. The default is ``CSVDecimalSeparator/comma``.
    public var decimalSeparator: CSVDecimalSeparator
    /// The format of dates. The default is ``CSVDateFormat/dayMonthYearWithDots``.
    public var dateFormat: CSVDateFormat
    /// The limits. The default is ``CSVLimits/default``.
    public var limits: CSVLimits

    /// Creates a format.
    ///
    /// - Parameters:
    ///   - separator: The field separator. The default is `;`.
    ///   - hasHeaderRow: Whether the first record is a header. The default is `true`.
    ///   - encoding: The text encoding. The default is UTF-8.
    ///   - decimalSeparator: The decimal separator. The default is a comma.
    ///   - dateFormat: The date format. The default is `dd.MM.yyyy`.
    ///   - limits: The limits. The default is ``CSVLimits/default``.
    public init(
        separator: Character = ";", hasHeaderRow: Bool = true, encoding: CSVTextEncoding = .utf8,
        decimalSeparator: CSVDecimalSeparator = .comma, dateFormat: CSVDateFormat = .dayMonthYearWithDots,
        limits: CSVLimits = .default
    ) {
        self.separator = separator
        self.hasHeaderRow = hasHeaderRow
        self.encoding = encoding
        self.decimalSeparator = decimalSeparator
        self.dateFormat = dateFormat
        self.limits = limits
    }

    /// Comma-separated, decimal point, `yyyy-MM-dd`: the usual international export.
    public static let international = CSVFormat(separator: ",", decimalSeparator: .point, dateFormat: .iso8601)
}

/// The text encoding of a CSV file.
public enum CSVTextEncoding: Sendable, Hashable {
    /// UTF-8, with or without a byte-order mark; invalid UTF-8 is an error.
    case utf8
    /// ISO 8859-1 (Latin-1), which older bank exports still use: every byte is one character.
    case isoLatin1
}

/// The decimal separator of CSV amounts.
public enum CSVDecimalSeparator: Sendable, Hashable {
    /// `1234.56`; `,` may group thousands in groups of three (`1,234.56`).
    case point
    /// `1234,56`; `.` may group thousands in groups of three (`1.234,56`).
    case comma
}

/// The format of CSV dates.
public enum CSVDateFormat: Sendable, Hashable, CustomStringConvertible {
    /// `yyyy-MM-dd`, such as `2026-11-23`.
    case iso8601
    /// `dd.MM.yyyy`, such as `23.11.2026`.
    case dayMonthYearWithDots
    /// `dd/MM/yyyy`, such as `23/11/2026`.
    case dayMonthYearWithSlashes
    /// `yyyyMMdd`, such as `20261123`.
    case compact

    /// The pattern, such as `dd.MM.yyyy`.
    public var description: String {
        switch self {
        case .iso8601: return "yyyy-MM-dd"
        case .dayMonthYearWithDots: return "dd.MM.yyyy"
        case .dayMonthYearWithSlashes: return "dd/MM/yyyy"
        case .compact: return "yyyyMMdd"
        }
    }
}
