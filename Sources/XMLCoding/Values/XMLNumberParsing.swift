/// The outcome of parsing an integer's lexical form.
///
/// Keeps "not a number" apart from "a number that does not fit", so the decoder can report
/// ``XMLCodingError/Code/invalidValue`` and ``XMLCodingError/Code/valueOutOfRange`` respectively.
enum IntegerParseResult<T> {
    /// The text is a valid integer that fits the type.
    case value(T)
    /// The text does not match `[+-]?\d+`.
    case invalid
    /// The text is a valid integer that does not fit the type.
    case overflow
}

extension IntegerParseResult: Equatable where T: Equatable {}
extension IntegerParseResult: Sendable where T: Sendable {}

/// Byte-level parsers for XSD integer and boolean lexical forms, run on raw element text.
///
/// They neither allocate nor create `String`s, which is what lets the decoder read numbers
/// straight from libxml2's buffers.
enum XMLNumberParsing {
    /// The buffer without leading and trailing XML white space (space, tab, CR, LF).
    @inline(__always)
    static func trimmed(_ utf8: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = utf8.count
        while start < end, XMLWhitespace.isSpace(utf8[start]) { start += 1 }
        while end > start, XMLWhitespace.isSpace(utf8[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: utf8[start..<end])
    }

    /// Whether the byte is an ASCII digit `0`...`9` (never another script's digits).
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    /// Parses `[+-]?\d+` after trimming XML white space, as `xs:integer` and its subtypes.
    ///
    /// A minus sign is accepted for unsigned types when the value is zero (`-0`); any other
    /// negative value is ``IntegerParseResult/overflow`` for them. Leading zeros are allowed.
    /// A text that is not an integer at all is ``IntegerParseResult/invalid`` even when its digits
    /// would also overflow.
    static func parseInteger<T: FixedWidthInteger>(
        utf8: UnsafeBufferPointer<UInt8>, as type: T.Type
    ) -> IntegerParseResult<T> {
        let text = trimmed(utf8)
        var index = 0
        var isNegative = false
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            isNegative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < text.count else { return .invalid }
        var value: T = 0
        var overflowed = false
        while index < text.count {
            let digit = text[index] &- 0x30
            guard digit < 10 else { return .invalid }
            index += 1
            if overflowed { continue }
            let (shifted, multiplyOverflow) = value.multipliedReportingOverflow(by: 10)
            // Accumulating negative values downwards reaches `T.min`, which has no positive twin.
            let (next, addOverflow) =
                isNegative
                ? shifted.subtractingReportingOverflow(T(digit))
                : shifted.addingReportingOverflow(T(digit))
            if multiplyOverflow || addOverflow {
                overflowed = true
            } else {
                value = next
            }
        }
        return overflowed ? .overflow : .value(value)
    }

    /// Parses an `xs:boolean`: `true`, `false`, `1` or `0` after trimming XML white space.
    ///
    /// Case matters (`True` is refused), as the XSD lexical space prescribes.
    static func parseBoolean(utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
        let text = trimmed(utf8)
        switch text.count {
        case 1:
            switch text[0] {
            case UInt8(ascii: "1"): return true
            case UInt8(ascii: "0"): return false
            default: return nil
            }
        case 4:
            return text.elementsEqual("true".utf8) ? true : nil
        case 5:
            return text.elementsEqual("false".utf8) ? false : nil
        default:
            return nil
        }
    }
}
