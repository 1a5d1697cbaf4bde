public import StringPayments
public import XMLCoding

/// Money and dates written for people in German or English, exactly: amounts are formatted from
/// the ledger's exact decimal text (never through `Double`), so every cent shown is the cent
/// booked.
///
/// ```swift
/// LocalizedFormat.money(CurrencyAmount("1234.5", .eur)!, .de)   // "1.234,50 €"
/// LocalizedFormat.money(CurrencyAmount("1234.5", .eur)!, .en)   // "€1,234.50"
/// LocalizedFormat.date(XMLDate(year: 2026, month: 12, day: 24)!, .de)  // "24.12.2026"
/// ```
public enum LocalizedFormat {
    /// An amount with its currency, grouped and with the language's decimal mark.
    ///
    /// - Parameters:
    ///   - amount: The amount (exactly the currency's minor units are shown, rounded half up
    ///     only when the amount has more).
    ///   - language: The language.
    /// - Returns: The text, such as `1.234,50 €` or `€1,234.50`; `CHF 12.00` style for
    ///   currencies without a symbol here.
    public static func money(_ amount: CurrencyAmount, _ language: WebLanguage) -> String {
        let text = number(amount.formattedAmount, language)
        let code = amount.currency.code
        switch (language, symbols[code]) {
        case (.de, let symbol?): return text + "\u{00A0}" + symbol
        case (.de, nil): return text + "\u{00A0}" + code
        case (.en, let symbol?): return text.hasPrefix("-") ? "-" + symbol + text.dropFirst() : symbol + text
        case (.en, nil): return code + "\u{00A0}" + text
        }
    }

    /// A signed amount (what remains, negative when overpaid).
    ///
    /// - Parameters:
    ///   - amount: The amount.
    ///   - language: The language.
    /// - Returns: The text.
    public static func money(_ amount: SignedCurrencyAmount, _ language: WebLanguage) -> String {
        let magnitude = CurrencyAmount(amount: abs(amount.amount), currency: amount.currency)
        let text = money(magnitude, language)
        return amount.amount < 0 ? "-" + text : text
    }

    /// A decimal text (`-1234.50`) grouped by thousands with the language's marks.
    ///
    /// - Parameters:
    ///   - decimal: Digits with an optional sign and `.` fraction.
    ///   - language: The language.
    /// - Returns: `1,234.50` (English) or `1.234,50` (German).
    public static func number(_ decimal: String, _ language: WebLanguage) -> String {
        let negative = decimal.hasPrefix("-")
        let unsigned = negative ? decimal.dropFirst() : Substring(decimal)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts.first ?? "0")
        let (group, mark): (Character, Character) = language == .de ? (".", ",") : (",", ".")
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { grouped.append(group) }
            grouped.append(digit)
        }
        if parts.count > 1 { grouped += String(mark) + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    /// A date: `24.12.2026` (German) or `24 Dec 2026` (English).
    ///
    /// - Parameters:
    ///   - date: The date.
    ///   - language: The language.
    /// - Returns: The text.
    public static func date(_ date: XMLDate, _ language: WebLanguage) -> String {
        switch language {
        case .de:
            return "\(twoDigits(date.day)).\(twoDigits(date.month)).\(date.year)"
        case .en:
            let month = (1...12).contains(date.month) ? englishMonths[date.month - 1] : String(date.month)
            return "\(date.day) \(month) \(date.year)"
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    private static let englishMonths = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    private static let symbols: [String: String] = ["EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"]
}
