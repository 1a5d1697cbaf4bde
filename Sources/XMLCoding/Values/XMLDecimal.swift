public import Foundation

/// Exact conversion between `xs:decimal` text and Foundation's `Decimal`.
///
/// `Decimal(string:)` is too lenient for XML: it accepts `12.3abc` (as 12.3), `1e3` and `1,5`
/// (as 1), and surrounding spaces. ``parse(_:)`` accepts exactly the `xs:decimal` lexical space,
/// `[+-]?(\d+(\.\d*)?|\.\d+)` with ASCII digits, after trimming XML white space, and builds the
/// value itself. ``format(_:fractionDigits:)`` prints the canonical form with plain digits, or a
/// fixed number of fraction digits such as a currency's minor units.
///
/// Neither direction goes through binary floating point, `Decimal.description` or a
/// `NumberFormatter`; both take tens of nanoseconds for typical amounts.
///
/// ```swift
/// XMLDecimal.parse("1e3")                          // nil
/// if let amount = XMLDecimal.parse(" 0012.50 ") {  // 12.5, exactly
///     XMLDecimal.format(amount)                    // "12.5"
///     XMLDecimal.format(amount, fractionDigits: 2) // "12.50"
///     XMLDecimal.format(amount, fractionDigits: 0) // "13"
/// }
/// ```
///
/// Write amounts as text or integers (`Decimal(1250) / 100`), never as floating-point literals:
/// `Decimal` turns `4.99` into a `Double` first.
public enum XMLDecimal {
    /// The most significant digits a `Decimal` holds exactly.
    static let maximumSignificantDigits = 38

    // MARK: Parsing

    /// Parses the `xs:decimal` lexical form into an exact `Decimal`.
    ///
    /// Leading and trailing XML white space (space, tab, CR, LF) is ignored. The rest must match
    /// `[+-]?(\d+(\.\d*)?|\.\d+)` with ASCII digits: `1.`, `.5`, `+.5` and `-0` are accepted;
    /// the empty string, exponents (`1e3`), commas, inner spaces, `NaN`, `INF` and other scripts'
    /// digits are not. `-0` parses as zero.
    ///
    /// - Parameter text: The element text or attribute value.
    /// - Returns: The exact value, or `nil` when the text is not an `xs:decimal`, has more than
    ///   38 significant digits, or lies outside `Decimal`'s exponent range (magnitudes of
    ///   10^128 and above, or digits beyond the 128th fraction place).
    public static func parse(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// Parses raw `xs:decimal` bytes; see ``parse(_:)``.
    ///
    /// One pass validates the grammar and accumulates up to 19 significant digits in a `UInt64`;
    /// longer values take ``parseLong(_:)``.
    static func parse(utf8: UnsafeBufferPointer<UInt8>) -> Decimal? {
        let text = XMLNumberParsing.trimmed(utf8)
        let count = text.count
        var index = 0
        var isNegative = false
        if index < count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            isNegative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var coefficient: UInt64 = 0
        var significantDigits = 0
        // Zeros after the last non-zero digit: multiplied in only if a non-zero digit follows,
        // otherwise they raise the exponent.
        var pendingZeros = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while index < count {
            let byte = text[index]
            index += 1
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else {
                guard byte == UInt8(ascii: "."), !sawPoint else { return nil }
                sawPoint = true
                continue
            }
            sawDigit = true
            if sawPoint { fractionDigits += 1 }
            if digit == 0 {
                if significantDigits > 0 { pendingZeros += 1 }
                continue
            }
            significantDigits += pendingZeros + 1
            guard significantDigits <= 19 else { return parseLong(text) }
            while pendingZeros > 0 {
                coefficient &*= 10
                pendingZeros -= 1
            }
            coefficient = coefficient &* 10 &+ UInt64(digit)
        }
        guard sawDigit else { return nil }
        guard coefficient != 0 else { return Decimal() }
        let exponent = pendingZeros - fractionDigits
        guard exponent >= -128, exponent <= 127 else { return nil }
        return Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(coefficient))
    }

    /// Parses trimmed `xs:decimal` bytes with more than 19 significant digits.
    private static func parseLong(_ text: UnsafeBufferPointer<UInt8>) -> Decimal? {
        let count = text.count
        var index = 0
        var isNegative = false
        if index < count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            isNegative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        let integerStart = index
        while index < count, XMLNumberParsing.isDigit(text[index]) { index += 1 }
        let integerEnd = index
        var fractionStart = index
        var fractionEnd = index
        if index < count, text[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            while index < count, XMLNumberParsing.isDigit(text[index]) { index += 1 }
            fractionEnd = index
        }
        guard index == count, integerEnd > integerStart || fractionEnd > fractionStart else {
            return nil
        }

        // The significant digits run from the first to the last non-zero digit.
        var first = integerStart
        while first < integerEnd, text[first] == UInt8(ascii: "0") { first += 1 }
        if first == integerEnd {
            first = fractionStart
            while first < fractionEnd, text[first] == UInt8(ascii: "0") { first += 1 }
            if first == fractionEnd { return Decimal() }
        }
        var last: Int
        var exponent: Int
        var fractionLast = fractionEnd
        while fractionLast > fractionStart, text[fractionLast - 1] == UInt8(ascii: "0") {
            fractionLast -= 1
        }
        if fractionLast > fractionStart {
            last = fractionLast - 1
            exponent = -(fractionLast - fractionStart)
        } else {
            // No non-zero fraction digit, so `first` lies in the integer part.
            var integerLast = integerEnd
            while integerLast > first, text[integerLast - 1] == UInt8(ascii: "0") { integerLast -= 1 }
            last = integerLast - 1
            exponent = integerEnd - integerLast
        }
        var digitCount = last - first + 1
        if first < integerEnd && last >= fractionStart {
            digitCount -= 1  // the point
        }
        return makeDecimal(
            isNegative: isNegative,
            digits: UnsafeBufferPointer(rebasing: text[first...last]),
            digitCount: digitCount,
            exponent: exponent)
    }

    /// Builds `±digits × 10^exponent` from ASCII digits without trailing zeros (a `.` among
    /// them is skipped; `digitCount` does not count it).
    ///
    /// Returns `nil` when the value does not fit a `Decimal` exactly.
    private static func makeDecimal(
        isNegative: Bool, digits: UnsafeBufferPointer<UInt8>, digitCount: Int, exponent: Int
    ) -> Decimal? {
        guard digitCount > 0 else { return Decimal() }
        // Checked here because `Decimal(sign:exponent:significand:)` turns an exponent below
        // -128 into zero rather than failing.
        guard digitCount <= maximumSignificantDigits, exponent >= -128, exponent <= 127 else {
            return nil
        }
        let significand: Decimal
        if digitCount <= 19 {
            // 19 digits always fit in a UInt64 (10^19 - 1 < 2^64).
            var coefficient: UInt64 = 0
            for byte in digits where byte != UInt8(ascii: ".") {
                coefficient = coefficient &* 10 &+ UInt64(byte &- 0x30)
            }
            significand = Decimal(coefficient)
        } else {
            // Only ASCII digits reach this point, so Foundation's lenient parser is safe here.
            let text = String(decoding: digits.lazy.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self)
            guard let parsed = Decimal(string: text, locale: posixLocale), !parsed.isNaN else {
                return nil
            }
            significand = parsed
        }
        return Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: significand)
    }

    private static let posixLocale = Locale(identifier: "en_US_POSIX")

    // MARK: Formatting

    /// Formats a value in `xs:decimal` canonical form, optionally with a fixed number of fraction
    /// digits.
    ///
    /// The output has plain ASCII digits, a leading `-` for negative values (never `+`), no
    /// exponent, at least one digit before the point (`0.5`) and no trailing point; zero, including
    /// a value that rounds to zero, never carries a sign.
    ///
    /// - With `fractionDigits` `nil`, the shortest exact form: `12.50` prints as `12.5`, `100` as
    ///   `100`.
    /// - With `fractionDigits` `n`, exactly `n` fraction digits: 12.5 prints as `12.50` for 2,
    ///   1200 as `1200` for 0. A value with more fraction digits is rounded half away from zero,
    ///   as ``rounded(_:fractionDigits:)`` does. A negative `n` counts as 0.
    ///
    /// A NaN, which `xs:decimal` cannot represent, prints as `NaN`; check `isNaN` before
    /// encoding a value that might be one.
    ///
    /// - Parameters:
    ///   - value: The value to print.
    ///   - fractionDigits: The number of digits after the point, or `nil` for the shortest exact
    ///     form. The default is `nil`.
    /// - Returns: The lexical form.
    public static func format(_ value: Decimal, fractionDigits: Int? = nil) -> String {
        withFormattedBytes(value, fractionDigits: fractionDigits) { bytes, extraZeros in
            var text = String(decoding: bytes, as: UTF8.self)
            if extraZeros > 0 { text += String(repeating: "0", count: extraZeros) }
            return text
        }
    }

    /// Appends ``format(_:fractionDigits:)``'s output as UTF-8 to an encoder's buffer.
    static func append(_ value: Decimal, fractionDigits: Int?, to buffer: inout [UInt8]) {
        withFormattedBytes(value, fractionDigits: fractionDigits) { bytes, extraZeros in
            buffer.append(contentsOf: bytes)
            if extraZeros > 0 { buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: extraZeros)) }
        }
    }

    /// Fraction padding written in the stack buffer; longer padding is appended by the caller.
    private static let inlinePaddingLimit = 64

    /// Bytes that hold the longest output before padding: sign, 40 digits, 127 exponent zeros,
    /// `0.` and 128 fraction digits.
    private static let maximumUnpaddedLength = 300

    /// Calls `body` with the formatted bytes and how many `0` bytes still follow them.
    private static func withFormattedBytes<Result>(
        _ value: Decimal, fractionDigits: Int?,
        _ body: (UnsafeBufferPointer<UInt8>, _ extraZeros: Int) -> Result
    ) -> Result {
        guard let components = DecimalComponents(value), !components.isNaN else {
            let nan: StaticString = "NaN"
            return nan.withUTF8Buffer { body($0, 0) }
        }
        let capacity = maximumUnpaddedLength + inlinePaddingLimit + DecimalDigits.capacity
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { storage in
            guard let base = storage.baseAddress else { return body(UnsafeBufferPointer(start: nil, count: 0), 0) }
            var digits = DecimalDigits(components, scratch: base + maximumUnpaddedLength + inlinePaddingLimit)
            let minimumFraction: Int
            if let fractionDigits {
                minimumFraction = max(fractionDigits, 0)
                digits.round(toFractionDigits: minimumFraction)
            } else {
                minimumFraction = 0
                digits.removeFractionTrailingZeros()
            }
            var output = base
            let isZero = digits.count == 0
            let exponent = isZero ? 0 : digits.exponent
            if components.isNegative && !isZero {
                output.write(UInt8(ascii: "-"))
            }
            let fractionFromDigits = max(-exponent, 0)
            if exponent >= 0 {
                if isZero {
                    output.write(UInt8(ascii: "0"))
                } else {
                    output.copy(digits.start, count: digits.count)
                    output.writeZeros(exponent)
                }
            } else {
                let integerCount = digits.count - fractionFromDigits
                if integerCount > 0 {
                    output.copy(digits.start, count: integerCount)
                } else {
                    output.write(UInt8(ascii: "0"))
                }
            }
            let fractionCount = max(fractionFromDigits, minimumFraction)
            var extraZeros = 0
            if fractionCount > 0 {
                output.write(UInt8(ascii: "."))
                if exponent < 0 {
                    let leadingZeros = max(fractionFromDigits - digits.count, 0)
                    output.writeZeros(leadingZeros)
                    let digitsInFraction = fractionFromDigits - leadingZeros
                    output.copy(digits.start + (digits.count - digitsInFraction), count: digitsInFraction)
                }
                let padding = fractionCount - fractionFromDigits
                let inlinePadding = min(padding, inlinePaddingLimit)
                output.writeZeros(inlinePadding)
                extraZeros = padding - inlinePadding
            }
            return body(UnsafeBufferPointer(start: base, count: base.distance(to: output)), extraZeros)
        }
    }

    // MARK: Facets and rounding

    /// The number of digits after the point that the value needs, as `xs:fractionDigits` counts.
    ///
    /// Trailing zeros do not count: 12.500 needs 1, 12 needs 0, 0.001 needs 3. A NaN needs 0.
    ///
    /// - Parameter value: The value to measure.
    /// - Returns: The number of significant fraction digits.
    public static func fractionDigits(of value: Decimal) -> Int {
        measure(value) { count, exponent in count == 0 ? 0 : max(-exponent, 0) } ?? 0
    }

    /// The number of digits the value needs, as the `xs:totalDigits` facet counts them.
    ///
    /// Trailing fraction zeros and leading integer zeros do not count, digits after the point do:
    /// 12.50 needs 3, 100 needs 3, 0.5 needs 1, 0 needs 1, and 0.05 needs 2. The last follows
    /// XSD 1.0, where a value is `i × 10^-n` with `n ≤ totalDigits`, and matches libxml2's
    /// validator, which rejects `0.05` for `totalDigits="1"`. A NaN needs 0.
    ///
    /// - Parameter value: The value to measure.
    /// - Returns: The number of digits the `xs:totalDigits` facet sees.
    public static func totalDigits(of value: Decimal) -> Int {
        measure(value) { count, exponent in
            if count == 0 { return 1 }
            return exponent >= 0 ? count + exponent : max(count, -exponent)
        } ?? 0
    }

    /// Rounds to a number of fraction digits, half away from zero (commercial rounding).
    ///
    /// 2.345 becomes 2.35, -2.345 becomes -2.35 and 2.344 becomes 2.34. A value that already has
    /// no more than `fractionDigits` fraction digits is returned unchanged, and so is a NaN.
    ///
    /// - Parameters:
    ///   - value: The value to round.
    ///   - fractionDigits: The number of digits to keep after the point; a negative number counts
    ///     as 0.
    /// - Returns: The rounded value.
    public static func rounded(_ value: Decimal, fractionDigits: Int) -> Decimal {
        guard let components = DecimalComponents(value), !components.isNaN else { return value }
        let fractionDigits = max(fractionDigits, 0)
        guard -components.exponent > fractionDigits else { return value }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalDigits.capacity) { storage in
            guard let base = storage.baseAddress else { return value }
            var digits = DecimalDigits(components, scratch: base)
            digits.round(toFractionDigits: fractionDigits)
            digits.removeTrailingZeros()
            return makeDecimal(
                isNegative: components.isNegative,
                digits: UnsafeBufferPointer(start: digits.start, count: digits.count),
                digitCount: digits.count,
                exponent: digits.exponent) ?? value
        }
    }

    /// The value as a whole number of units of 10^-`fractionDigits`: 12.50 with 2 fraction
    /// digits is 1250.
    ///
    /// Exact integer arithmetic on these scaled integers is how a ledger adds up money quickly:
    /// Foundation's `Decimal` arithmetic allocates on every operation. The conversion reads the
    /// value's stored fields and does no `Decimal` arithmetic.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - fractionDigits: The scale, 0...18.
    /// - Returns: The scaled integer, or `nil` when the value has more significant fraction
    ///   digits than `fractionDigits` (12.505 at scale 2), does not fit in an `Int64`, or is NaN.
    public static func scaledInteger(_ value: Decimal, fractionDigits: Int) -> Int64? {
        guard (0...18).contains(fractionDigits), let components = DecimalComponents(value), !components.isNaN,
            components.coefficientHigh == 0
        else { return nil }
        var coefficient = components.coefficientLow
        var exponent = components.exponent + fractionDigits
        while exponent < 0 {
            guard coefficient % 10 == 0 else { return nil }
            coefficient /= 10
            exponent += 1
        }
        while exponent > 0 {
            let (product, overflow) = coefficient.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            coefficient = product
            exponent -= 1
        }
        guard coefficient <= UInt64(Int64.max) else { return nil }
        return components.isNegative ? -Int64(coefficient) : Int64(coefficient)
    }

    /// The value of a whole number of units of 10^-`fractionDigits`: 1250 at 2 fraction digits
    /// is 12.5 (12.50).
    ///
    /// - Parameters:
    ///   - scaledInteger: The number of units.
    ///   - fractionDigits: The scale, 0...18; values outside are clamped.
    /// - Returns: The exact value.
    public static func decimal(scaledInteger: Int64, fractionDigits: Int) -> Decimal {
        let magnitude = Decimal(scaledInteger.magnitude)
        return Decimal(
            sign: scaledInteger < 0 ? .minus : .plus, exponent: -min(max(fractionDigits, 0), 18),
            significand: magnitude)
    }

    /// Calls `body` with the digit count and exponent of the value without trailing zeros.
    private static func measure(_ value: Decimal, _ body: (_ count: Int, _ exponent: Int) -> Int) -> Int? {
        guard let components = DecimalComponents(value), !components.isNaN else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalDigits.capacity) { storage in
            guard let base = storage.baseAddress else { return nil }
            var digits = DecimalDigits(components, scratch: base)
            digits.removeTrailingZeros()
            return body(digits.count, digits.exponent)
        }
    }
}

// MARK: - Reading a Decimal

/// A `Decimal` taken apart: a sign, a coefficient of up to 128 bits and a power of ten.
///
/// As in `Decimal` itself, a NaN is a negative zero coefficient; zero is never negative.
struct DecimalComponents: Equatable, Sendable {
    /// Whether the value is below zero (or a NaN).
    var isNegative: Bool
    /// The power of ten, -128...127.
    var exponent: Int
    /// The upper 64 bits of the coefficient.
    var coefficientHigh: UInt64
    /// The lower 64 bits of the coefficient.
    var coefficientLow: UInt64

    /// Whether the coefficient is zero and the value is not a NaN.
    var isZero: Bool { coefficientHigh == 0 && coefficientLow == 0 && !isNegative }
    /// Whether the value is not a number.
    var isNaN: Bool { coefficientHigh == 0 && coefficientLow == 0 && isNegative }

    /// Reads the value's stored fields, or, when this platform's layout was not recognised,
    /// parses its description. `nil` only when neither works.
    init?(_ value: Decimal) {
        if let layout = DecimalStorageLayout.current, let components = Self(stored: value, layout: layout) {
            self = components
        } else if let components = Self(describing: value) {
            self = components
        } else {
            return nil
        }
    }

    /// Creates components from their parts.
    init(isNegative: Bool, exponent: Int, coefficientHigh: UInt64 = 0, coefficientLow: UInt64) {
        self.isNegative = isNegative
        self.exponent = exponent
        self.coefficientHigh = coefficientHigh
        self.coefficientLow = coefficientLow
    }

    /// Reads the 20 bytes of `Decimal` storage, which has the same shape everywhere: byte 0 is
    /// the exponent, byte 1 holds the length in 16-bit words and the sign, bytes 4...19 hold the
    /// coefficient's eight little-endian-ordered words. Only byte 1's bit order differs.
    init?(stored value: Decimal, layout: DecimalStorageLayout) {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        // Two 64-bit loads and a mask are several times cheaper than walking the eight words.
        let (header, low, high) = withUnsafeBytes(of: value) { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt16.self),
                raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)
            )
        }
        let header0 = UInt8(truncatingIfNeeded: UInt16(littleEndian: header))
        let flags = UInt8(truncatingIfNeeded: UInt16(littleEndian: header) >> 8)
        let length: Int
        switch layout {
        case .lengthInHighNibble:
            length = Int(flags >> 4)
            isNegative = flags & 0x08 != 0
        case .lengthInLowNibble:
            length = Int(flags & 0x0F)
            isNegative = flags & 0x10 != 0
        }
        guard length <= 8 else { return nil }
        exponent = Int(Int8(bitPattern: header0))
        // Words past the length may hold stale bits, so they are masked off.
        coefficientLow = UInt64(littleEndian: low)
        coefficientHigh = UInt64(littleEndian: high)
        if length < 4 {
            coefficientLow &= (1 &<< UInt64(16 &* length)) &- 1
            coefficientHigh = 0
        } else if length < 8 {
            coefficientHigh &= (1 &<< UInt64(16 &* (length &- 4))) &- 1
        }
    }

    /// Parses `Decimal.description` (`-12.5`, `1000`, `NaN`): slow, used only where the storage
    /// layout is unknown.
    init?(describing value: Decimal) {
        if value.isNaN {
            self.init(isNegative: true, exponent: 0, coefficientLow: 0)
            return
        }
        var text = value.description
        let parts: (Bool, Int, UInt64, UInt64)? = text.withUTF8 { bytes in
            var index = 0
            let isNegative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
            if isNegative { index += 1 }
            var high: UInt64 = 0
            var low: UInt64 = 0
            var pendingZeros = 0
            var fractionCount = 0
            var inFraction = false
            var sawDigit = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "."), !inFraction {
                    inFraction = true
                    continue
                }
                guard XMLNumberParsing.isDigit(byte) else { return nil }
                sawDigit = true
                if inFraction { fractionCount += 1 }
                // Zeros are multiplied in only when a non-zero digit follows, so that
                // 340282366920938463463374607431768211455 × 10^127 still fits.
                if byte == UInt8(ascii: "0") {
                    pendingZeros += 1
                    continue
                }
                for _ in 0..<(pendingZeros + 1) {
                    guard Self.multiplyByTen(high: &high, low: &low) else { return nil }
                }
                pendingZeros = 0
                let (sum, carry) = low.addingReportingOverflow(UInt64(byte &- 0x30))
                low = sum
                if carry {
                    let (nextHigh, overflow) = high.addingReportingOverflow(1)
                    guard !overflow else { return nil }
                    high = nextHigh
                }
            }
            guard sawDigit else { return nil }
            if high == 0 && low == 0 { return (false, 0, 0, 0) }
            let exponent = pendingZeros - fractionCount
            guard exponent >= -128, exponent <= 127 else { return nil }
            return (isNegative, exponent, high, low)
        }
        guard let (isNegative, exponent, high, low) = parts else { return nil }
        self.init(isNegative: isNegative, exponent: exponent, coefficientHigh: high, coefficientLow: low)
    }

    /// Multiplies a 128-bit number by ten; `false` on overflow.
    private static func multiplyByTen(high: inout UInt64, low: inout UInt64) -> Bool {
        let (carry, newLow) = low.multipliedFullWidth(by: 10)
        let (shiftedHigh, overflow) = high.multipliedReportingOverflow(by: 10)
        let (newHigh, overflow2) = shiftedHigh.addingReportingOverflow(carry)
        guard !overflow, !overflow2 else { return false }
        high = newHigh
        low = newLow
        return true
    }
}

/// Where `Decimal` keeps its length and sign bits on this platform.
///
/// Foundation does not expose `Decimal`'s fields on every platform (swift-foundation keeps
/// `_mantissa`, `_exponent`, `_length` and `_isNegative` internal), so the formatter reads the
/// storage bytes and checks once, against values built through public API, which layout they have.
enum DecimalStorageLayout: Sendable, CaseIterable {
    /// swift-foundation's `Decimal` (Linux, Windows): length in bits 4...7 of byte 1, sign in bit 3.
    case lengthInHighNibble
    /// The C `NSDecimal` bit fields on little-endian Apple platforms: length in bits 0...3, sign in bit 4.
    case lengthInLowNibble

    /// This platform's layout, or `nil` when no candidate reads the probe values correctly
    /// (formatting then parses `Decimal.description` instead).
    static let current: DecimalStorageLayout? = detect()

    /// Finds the layout that reads every probe value as its known parts.
    static func detect() -> DecimalStorageLayout? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        let probes: [(Decimal, DecimalComponents)] = [
            (Decimal(), DecimalComponents(isNegative: false, exponent: 0, coefficientLow: 0)),
            (Decimal(UInt64(1)), DecimalComponents(isNegative: false, exponent: 0, coefficientLow: 1)),
            (Decimal(Int64(-70001)), DecimalComponents(isNegative: true, exponent: 0, coefficientLow: 70001)),
            (Decimal(UInt64.max), DecimalComponents(isNegative: false, exponent: 0, coefficientLow: .max)),
            (
                Decimal(sign: .minus, exponent: -7, significand: Decimal(UInt64(123))),
                DecimalComponents(isNegative: true, exponent: -7, coefficientLow: 123)
            ),
            (
                Decimal.greatestFiniteMagnitude,
                DecimalComponents(isNegative: false, exponent: 127, coefficientHigh: .max, coefficientLow: .max)
            ),
            (Decimal.nan, DecimalComponents(isNegative: true, exponent: 0, coefficientLow: 0)),
        ]
        return allCases.first { layout in
            probes.allSatisfy { value, expected in
                DecimalComponents(stored: value, layout: layout) == expected
            }
        }
    }
}

/// A coefficient's ASCII digits in a scratch buffer, with the power of ten that scales them.
///
/// The digits end at the end of the ``capacity``-byte scratch buffer and start at least one byte
/// in, so that rounding can carry into a new leading digit without moving the others.
struct DecimalDigits {
    /// Scratch bytes needed: a carry digit plus the 39 digits of 2^128 - 1.
    static let capacity = 40

    /// The first (most significant) digit.
    var start: UnsafeMutablePointer<UInt8>
    /// The number of digits; 0 for zero.
    var count: Int
    /// The power of ten of the last digit.
    var exponent: Int

    /// Writes the components' coefficient as digits into `scratch`.
    init(_ components: DecimalComponents, scratch: UnsafeMutablePointer<UInt8>) {
        let end = scratch + Self.capacity
        start = Self.writeDigits(
            high: components.coefficientHigh, low: components.coefficientLow, endingAt: end)
        count = start.distance(to: end)
        exponent = components.exponent
    }

    /// Writes a 128-bit number's decimal digits so that they end just before `end`; none for
    /// zero. Returns the first digit's address.
    static func writeDigits(
        high: UInt64, low: UInt64, endingAt end: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        if high == 0 {
            return writeDigits(low, endingAt: end)
        }
        // Split off 19-digit chunks from the right; 2^128 has 39 digits, so at most two chunks
        // precede the head.
        let chunkDivisor: UInt64 = 10_000_000_000_000_000_000
        var high = high
        var low = low
        var position = end
        while high != 0 {
            let remainderHigh = high % chunkDivisor
            high /= chunkDivisor
            let (quotient, remainder) = chunkDivisor.dividingFullWidth((high: remainderHigh, low: low))
            low = quotient
            position -= 19
            writePaddedChunk(remainder, at: position)
        }
        return writeDigits(low, endingAt: position)
    }

    /// Writes a number's digits so that they end just before `end`; none for zero.
    @inline(__always)
    private static func writeDigits(
        _ value: UInt64, endingAt end: UnsafeMutablePointer<UInt8>
    )
        -> UnsafeMutablePointer<UInt8>
    {
        var value = value
        var position = end
        while value >= 10 {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 100)
            position -= 2
            position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder / 10)
            position[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder % 10)
            value = quotient
        }
        if value != 0 {
            position -= 1
            position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)
        }
        return position
    }

    /// Writes exactly 19 digits, with leading zeros.
    private static func writePaddedChunk(_ value: UInt64, at output: UnsafeMutablePointer<UInt8>) {
        var value = value
        for index in stride(from: 18, through: 0, by: -1) {
            output[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
            value /= 10
        }
    }

    /// Drops trailing zeros while they are fraction digits.
    mutating func removeFractionTrailingZeros() {
        while exponent < 0, count > 0, start[count - 1] == UInt8(ascii: "0") {
            count -= 1
            exponent += 1
        }
    }

    /// Drops every trailing zero, raising the exponent.
    mutating func removeTrailingZeros() {
        while count > 0, start[count - 1] == UInt8(ascii: "0") {
            count -= 1
            exponent += 1
        }
    }

    /// Rounds half away from zero to at most `fractionDigits` fraction digits (the sign is kept
    /// elsewhere, so rounding the magnitude up is away from zero).
    mutating func round(toFractionDigits fractionDigits: Int) {
        guard -exponent > fractionDigits else { return }
        let dropped = -exponent - fractionDigits
        exponent = -fractionDigits
        guard dropped <= count else {
            // Every digit lies below the first dropped place, so the value is under half a unit.
            count = 0
            return
        }
        let kept = count - dropped
        let roundsUp = start[kept] >= UInt8(ascii: "5")
        count = kept
        guard roundsUp else { return }
        var index = kept - 1
        while index >= 0 {
            if start[index] == UInt8(ascii: "9") {
                start[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                start[index] += 1
                return
            }
        }
        // All kept digits were nines (or none were kept): the carry makes a new leading 1.
        start -= 1
        start[0] = UInt8(ascii: "1")
        count += 1
    }
}

extension UnsafeMutablePointer<UInt8> {
    /// Writes one byte and advances.
    @inline(__always)
    fileprivate mutating func write(_ byte: UInt8) {
        pointee = byte
        self += 1
    }

    /// Writes `count` ASCII zeros and advances.
    @inline(__always)
    fileprivate mutating func writeZeros(_ count: Int) {
        // A plain loop beats a `memset` call for the few bytes an amount needs.
        var remaining = count
        while remaining > 0 {
            pointee = UInt8(ascii: "0")
            self += 1
            remaining -= 1
        }
    }

    /// Copies `count` bytes and advances.
    @inline(__always)
    fileprivate mutating func copy(_ source: UnsafeMutablePointer<UInt8>, count: Int) {
        var index = 0
        while index < count {
            self[index] = source[index]
            index += 1
        }
        self += Swift.max(count, 0)
    }
}
