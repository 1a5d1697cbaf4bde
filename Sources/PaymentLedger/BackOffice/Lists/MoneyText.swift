import StringPayments

/// Amounts in minor units written as text with exactly the currency's minor units, without
/// going through `Decimal`: `345600` EUR is `3456.00`, `-1250` EUR is `-12.50`, `120000` JPY is
/// `120000`.
enum MoneyText {
    /// The amount as text.
    ///
    /// - Parameters:
    ///   - minorUnits: The amount in minor units.
    ///   - currency: Its currency, which decides the number of fraction digits.
    /// - Returns: The text.
    static func format(_ minorUnits: Int64, _ currency: CurrencyCode) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(minorUnits, fractionDigits: currency.minorUnits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the amount's text to a buffer.
    static func append(_ minorUnits: Int64, fractionDigits: Int, to bytes: inout [UInt8]) {
        if minorUnits < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = minorUnits.magnitude
        // 20 digits hold any UInt64; the fraction digits are at most 4 (ISO 4217).
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        while digits.count <= fractionDigits { digits.append(UInt8(ascii: "0")) }
        for index in stride(from: digits.count - 1, through: 0, by: -1) {
            if index == fractionDigits - 1 { bytes.append(UInt8(ascii: ".")) }
            bytes.append(digits[index])
        }
    }
}
