import Foundation
import Synchronization

/// The output buffer of ``XMLEncoder``: escaping, names, tags and namespace bookkeeping.
///
/// Everything is appended to one growable byte buffer, owned by this noncopyable value. It is a
/// raw allocation rather than a `[UInt8]` because `Array.append(contentsOf:)` cost about a
/// hundred instructions per call (uniqueness and capacity checks, sequence machinery) and the
/// encoder appends a few short names and values per element; here an append is a capacity check
/// and a copy. The buffer comes from `malloc` and grows by `realloc` (which moves large blocks by
/// remapping pages instead of copying them), and ``takeData()`` hands it to `Data` without a copy.
///
/// The only insertions into the middle of the buffer are an attribute added to a start tag that
/// is already closed (rare, see `XMLEncoderImplementation`) and, once at the end, the namespace
/// declarations on the root start tag, because only then is the set of namespaces in use known.
///
/// Methods throw ``XMLCodingError`` without a coding path; the encoder adds it.
struct XMLWriter: ~Copyable {
    /// A namespace bound to a prefix (or to the default namespace) on the root element.
    struct Binding {
        /// The prefix, `""` for the default namespace.
        var prefix: String
        /// The prefix followed by `:`, or empty for the default namespace: what precedes a name.
        var qualifier: [UInt8]
        /// The namespace URI.
        var uri: String
        /// ` xmlns:prefix="uri"` (escaped), or empty for the predeclared `xml` prefix.
        var declaration: [UInt8]
    }

    /// The start of the buffer.
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    private(set) var count: Int
    /// How many bytes fit before the buffer must grow.
    private var capacity: Int
    /// Reused for `XMLDecimal`, which appends to an array.
    private var scratch: [UInt8] = []

    /// Whether to indent child elements.
    let prettyPrinted: Bool
    /// One level of indentation.
    private let indentationUnit: [UInt8]
    /// Every namespace binding in use, in order of first use.
    private(set) var bindings: [Binding] = []
    /// The default namespace (always the root element's namespace), when there is one.
    private(set) var defaultNamespace: String?
    /// The index of the default namespace's binding in ``bindings``.
    private var defaultBinding = -1
    /// Where the namespace declarations go: just after the root element's name.
    var declarationOffset: Int?
    /// The configured prefixes, namespace URI to prefix.
    private let configuredPrefixes: [String: String]
    /// How many `nsN` prefixes have been generated.
    private var generatedPrefixCount = 0

    /// Creates a writer, checking the options.
    ///
    /// - Throws: ``XMLCodingError/Code/invalidName`` for a bad configured prefix,
    ///   ``XMLCodingError/Code/unencodableValue`` for indentation that is not white space.
    init(options: XMLEncodingOptions) throws(XMLCodingError) {
        try Self.validate(prefixes: options.namespacePrefixes)
        let indentation = Array(options.indentation.utf8)
        guard indentation.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
            throw XMLCodingError(
                code: .unencodableValue,
                message: "The indentation may only contain spaces and tabs; it must stay ignorable white space.")
        }
        self.init(
            capacity: Self.capacityHint.load(ordering: .relaxed), prettyPrinted: options.prettyPrinted,
            indentationUnit: indentation,
            configuredPrefixes: options.namespacePrefixes)
        if options.includesXMLDeclaration {
            appendStatic("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        }
    }

    /// An empty writer with default options and a small buffer, for an encoder state between
    /// documents.
    init() {
        self.init(capacity: 16, prettyPrinted: false, indentationUnit: [], configuredPrefixes: [:])
    }

    /// Creates an empty writer.
    private init(capacity: Int, prettyPrinted: Bool, indentationUnit: [UInt8], configuredPrefixes: [String: String]) {
        self.base = Self.allocate(capacity)
        self.count = 0
        self.capacity = capacity
        self.prettyPrinted = prettyPrinted
        self.indentationUnit = indentationUnit
        self.configuredPrefixes = configuredPrefixes
    }

    deinit {
        free(base)
    }

    /// The size the next document's buffer starts with: a little more than the last document
    /// written, between 16 KiB and 4 MiB. A service writes documents of similar sizes, so most
    /// encodings then never grow their buffer (the unused rest is given back when the buffer
    /// becomes `Data`).
    private static let capacityHint = Atomic<Int>(minimumCapacityHint)
    private static let minimumCapacityHint = 16 * 1024
    private static let maximumCapacityHint = 4 * 1024 * 1024

    /// Remembers the size of a finished document for the next buffer's start.
    private static func noteDocumentSize(_ size: Int) {
        let hint = Swift.min(Swift.max(size + size / 8, minimumCapacityHint), maximumCapacityHint)
        capacityHint.store(hint, ordering: .relaxed)
    }

    /// A `malloc` block of `capacity` bytes (at least one, so that `malloc` never returns `NULL`
    /// for a valid request).
    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        guard let raw = malloc(Swift.max(capacity, 1)) else { Self.outOfMemory(capacity) }
        return raw.assumingMemoryBound(to: UInt8.self)
    }

    /// Running out of memory ends the process, as every Swift allocation does.
    private static func outOfMemory(_ size: Int) -> Never {
        preconditionFailure("XMLWriter: no memory for a buffer of \(size) bytes")
    }

    /// The document as `Data`, taking the buffer over without copying it (the writer is left
    /// empty).
    mutating func takeData() -> Data {
        let written = count
        Self.noteDocumentSize(written)
        guard written > 0 else { return Data() }
        var bytes = base
        if written < capacity, let shrunk = realloc(base, written) {
            bytes = shrunk.assumingMemoryBound(to: UInt8.self)
        }
        base = Self.allocate(16)
        count = 0
        capacity = 16
        return Data(bytesNoCopy: bytes, count: written, deallocator: .free)
    }

    /// The document as a `String`.
    func makeString() -> String {
        Self.noteDocumentSize(count)
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// The bytes written so far, for checks and tests.
    var writtenBytes: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    private static func validate(prefixes: [String: String]) throws(XMLCodingError) {
        // Sorted, so that the same bad configuration always reports the same problem.
        var seen: [String: String] = [:]
        for (uri, prefix) in prefixes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            guard !uri.isEmpty else {
                throw XMLCodingError(
                    code: .invalidName,
                    message:
                        "namespacePrefixes maps the empty namespace URI to '\(prefix)'; no prefix can be bound to no namespace."
                )
            }
            guard !prefix.isEmpty else { continue }
            guard isNCName(prefix), prefix != "xmlns" else {
                throw XMLCodingError(
                    code: .invalidName, message: "'\(prefix)' is not a usable namespace prefix (for \(uri)).")
            }
            if (prefix == "xml") != (uri == XMLNamespace.xml) {
                throw XMLCodingError(
                    code: .invalidName,
                    message:
                        "The prefix 'xml' is reserved for \(XMLNamespace.xml); it cannot name \(uri) or be replaced.")
            }
            if let other = seen[prefix] {
                throw XMLCodingError(
                    code: .invalidName, message: "The prefix '\(prefix)' is configured for both \(other) and \(uri).")
            }
            seen[prefix] = uri
        }
    }

    // MARK: Raw output

    /// Makes room for `additional` more bytes.
    @inline(__always)
    private mutating func reserve(_ additional: Int) {
        if count &+ additional > capacity {
            grow(toAtLeast: count + additional)
        }
    }

    @inline(never)
    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = Swift.max(capacity &* 2, minimum)
        guard let grown = realloc(base, newCapacity) else { Self.outOfMemory(newCapacity) }
        base = grown.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    /// Appends two bytes.
    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        base[count] = first
        base[count &+ 1] = second
        count &+= 2
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        reserve(length)
        Self.copy(from: source, to: base + count, count: length)
        count &+= length
    }

    /// Copies bytes; names and values are mostly short, and two overlapping word copies (8, 4 or
    /// 2 bytes wide) beat a call into `memcpy` or a byte loop for them.
    @inline(__always)
    private static func copy(from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int)
    {
        if count >= 8 && count <= 16 {
            let head = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
            let tail = UnsafeRawPointer(source + (count &- 8)).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(destination).storeBytes(of: head, as: UInt64.self)
            UnsafeMutableRawPointer(destination + (count &- 8)).storeBytes(of: tail, as: UInt64.self)
        } else if count >= 4 && count < 8 {
            let head = UnsafeRawPointer(source).loadUnaligned(as: UInt32.self)
            let tail = UnsafeRawPointer(source + (count &- 4)).loadUnaligned(as: UInt32.self)
            UnsafeMutableRawPointer(destination).storeBytes(of: head, as: UInt32.self)
            UnsafeMutableRawPointer(destination + (count &- 4)).storeBytes(of: tail, as: UInt32.self)
        } else if count < 4 {
            if count >= 2 {
                let head = UnsafeRawPointer(source).loadUnaligned(as: UInt16.self)
                let tail = UnsafeRawPointer(source + (count &- 2)).loadUnaligned(as: UInt16.self)
                UnsafeMutableRawPointer(destination).storeBytes(of: head, as: UInt16.self)
                UnsafeMutableRawPointer(destination + (count &- 2)).storeBytes(of: tail, as: UInt16.self)
            } else if count == 1 {
                destination[0] = source[0]
            }
        } else {
            destination.update(from: source, count: count)
        }
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends ASCII text that needs no escaping.
    @inline(__always)
    mutating func appendStatic(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// The byte at `offset`.
    @inline(__always)
    subscript(offset: Int) -> UInt8 {
        base[offset]
    }

    /// Removes the last `length` bytes.
    @inline(__always)
    mutating func removeLast(_ length: Int) {
        count -= length
    }

    /// Inserts bytes at `offset`, moving what follows.
    mutating func insert(_ bytes: [UInt8], at offset: Int) {
        let length = bytes.count
        guard length > 0 else { return }
        reserve(length)
        (base + offset + length).update(from: base + offset, count: count - offset)
        bytes.withUnsafeBufferPointer { source in
            if let sourceBase = source.baseAddress {
                (base + offset).update(from: sourceBase, count: length)
            }
        }
        count += length
    }

    /// Moves the bytes from `start` to the end so that they begin at `destination` (before
    /// `start`), shifting the bytes in between towards the end.
    mutating func moveTail(from start: Int, to destination: Int) {
        let tail = Array(UnsafeBufferPointer(start: base + start, count: count - start))
        count = start
        insert(tail, at: destination)
    }

    /// Appends a line feed and `depth` levels of indentation, when pretty printing.
    @inline(__always)
    mutating func appendLineBreak(depth: Int) {
        guard prettyPrinted else { return }
        append(0x0A)
        for _ in 0..<depth {
            append(indentationUnit)
        }
    }

    /// Appends a string's UTF-8 bytes without checking them (for names checked before).
    @inline(__always)
    mutating func appendUnchecked(_ text: String) {
        Self.withUTF8(of: text) { append($0) }
    }

    /// Calls `body` with the string's UTF-8 bytes, without copying the string first (which
    /// `String.withUTF8` needs, being mutating) unless its storage is not contiguous UTF-8.
    @inline(__always)
    static func withUTF8<Result>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        var copy = string
        return copy.withUTF8(body)
    }

    /// Appends `true` or `false`.
    @inline(__always)
    mutating func appendBoolean(_ value: Bool) {
        if value { appendStatic("true") } else { appendStatic("false") }
    }

    /// Appends an integer in decimal, with `-` when negative.
    mutating func appendInteger(_ value: Int64) {
        if value < 0 {
            append(0x2D)
        }
        appendInteger(value.magnitude)
    }

    /// Appends an unsigned integer in decimal.
    mutating func appendInteger(_ value: UInt64) {
        if value < 10 {
            append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = 20
            repeat {
                let (quotient, digit) = remaining.quotientAndRemainder(dividingBy: 10)
                start -= 1
                digits[start] = 0x30 &+ UInt8(truncatingIfNeeded: digit)
                remaining = quotient
            } while remaining != 0
            append(UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Appends a `Decimal` in its minimal canonical `xs:decimal` form.
    ///
    /// Amounts (a coefficient of at most 64 bits, an exponent of at most 19 either way) are
    /// formatted here, straight into the buffer; other values go through ``XMLDecimal``, which
    /// writes the same form for every value.
    mutating func appendDecimal(_ value: Decimal) {
        if let components = DecimalComponents(value), !components.isNaN, components.coefficientHigh == 0,
            components.exponent >= -19, components.exponent <= 19
        {
            appendDecimal(
                coefficient: components.coefficientLow, exponent: components.exponent,
                isNegative: components.isNegative)
            return
        }
        appendFormatted { XMLDecimal.append(value, fractionDigits: nil, to: &$0) }
    }

    /// Appends `coefficient × 10^exponent` (|exponent| ≤ 19) without trailing fraction zeros,
    /// `-` for a negative non-zero value, `0` for zero.
    private mutating func appendDecimal(coefficient: UInt64, exponent: Int, isNegative: Bool) {
        guard coefficient != 0 else {
            append(0x30)
            return
        }
        var coefficient = coefficient
        var exponent = exponent
        while exponent < 0 {
            let (quotient, remainder) = coefficient.quotientAndRemainder(dividingBy: 10)
            guard remainder == 0 else { break }
            coefficient = quotient
            exponent &+= 1
        }
        // Sign, 20 digits, `0.` and 19 zeros, or 20 digits and 19 zeros: at most 42 bytes.
        reserve(42)
        if isNegative {
            base[count] = 0x2D
            count &+= 1
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                let (quotient, digit) = coefficient.quotientAndRemainder(dividingBy: 10)
                start &-= 1
                digits[start] = 0x30 &+ UInt8(truncatingIfNeeded: digit)
                coefficient = quotient
            } while coefficient != 0
            let digitCount = 20 &- start
            guard let source = digits.baseAddress.map({ $0 + start }) else { return }
            let output = base + count
            if exponent >= 0 {
                Self.copy(from: source, to: output, count: digitCount)
                (output + digitCount).initialize(repeating: 0x30, count: exponent)
                count &+= digitCount &+ exponent
                return
            }
            let fraction = -exponent
            if digitCount > fraction {
                let integer = digitCount &- fraction
                Self.copy(from: source, to: output, count: integer)
                output[integer] = 0x2E
                Self.copy(from: source + integer, to: output + (integer &+ 1), count: fraction)
                count &+= digitCount &+ 1
            } else {
                let zeros = fraction &- digitCount
                output[0] = 0x30
                output[1] = 0x2E
                (output + 2).initialize(repeating: 0x30, count: zeros)
                Self.copy(from: source, to: output + (2 &+ zeros), count: digitCount)
                count &+= 2 &+ zeros &+ digitCount
            }
        }
    }

    /// Appends an `xs:date` (`YYYY-MM-DD` and the time zone), as ``XMLDate/xmlLexicalForm``.
    mutating func appendDate(_ date: XMLDate) {
        let written = appendCalendarFields(
            year: date.year, month: date.month, day: date.day, timeZone: date.timeZoneOffsetMinutes)
        if !written { appendFormatted { date.append(to: &$0) } }
    }

    /// Appends an `xs:gYearMonth` (`YYYY-MM` and the time zone), as
    /// ``XMLYearMonth/xmlLexicalForm``.
    mutating func appendYearMonth(_ yearMonth: XMLYearMonth) {
        let written = appendCalendarFields(
            year: yearMonth.year, month: yearMonth.month, day: nil, timeZone: yearMonth.timeZoneOffsetMinutes)
        if !written { appendFormatted { yearMonth.append(to: &$0) } }
    }

    /// Appends `YYYY-MM`, `-DD` when there is a day, and the time zone; writes nothing and returns
    /// `false` when a field does not fit its digits (the general formatter then writes it).
    private mutating func appendCalendarFields(year: Int, month: Int, day: Int?, timeZone: Int?) -> Bool {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day ?? 0) else { return false }
        reserve(10)
        let output = base + count
        Self.writeYear(year, to: output)
        output[4] = 0x2D
        Self.writeTwoDigits(month, to: output + 5)
        count &+= 7
        if let day {
            output[7] = 0x2D
            Self.writeTwoDigits(day, to: output + 8)
            count &+= 3
        }
        appendTimeZone(timeZone)
        return true
    }

    /// Writes a year of 0...9999 as four digits.
    @inline(__always)
    private static func writeYear(_ year: Int, to output: UnsafeMutablePointer<UInt8>) {
        writeTwoDigits(year / 100, to: output)
        writeTwoDigits(year % 100, to: output + 2)
    }

    /// Appends nothing, `Z` or `±hh:mm` for a time-zone offset in minutes.
    private mutating func appendTimeZone(_ offset: Int?) {
        guard let offset else { return }
        guard offset != 0 else {
            append(0x5A)
            return
        }
        let magnitude = Int(truncatingIfNeeded: offset.magnitude)
        guard magnitude < 100 * 60 else {
            appendFormatted { XMLDate.appendTimeZone(offset, to: &$0) }
            return
        }
        reserve(6)
        let output = base + count
        output[0] = offset < 0 ? 0x2D : 0x2B
        Self.writeTwoDigits(magnitude / 60, to: output + 1)
        output[3] = 0x3A
        Self.writeTwoDigits(magnitude % 60, to: output + 4)
        count &+= 6
    }

    /// Writes a number of 0...99 as two digits.
    @inline(__always)
    private static func writeTwoDigits(_ value: Int, to output: UnsafeMutablePointer<UInt8>) {
        output[0] = 0x30 &+ UInt8(truncatingIfNeeded: value / 10)
        output[1] = 0x30 &+ UInt8(truncatingIfNeeded: value % 10)
    }

    /// Appends what a formatter of the value types writes to an array (reusing one array).
    @inline(__always)
    mutating func appendFormatted(_ format: (inout [UInt8]) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        format(&scratch)
        append(scratch)
    }

    // MARK: Escaping

    /// Appends text content, escaping `&`, `<`, `>` and CR.
    ///
    /// - Throws: ``XMLCodingError/Code/illegalCharacter`` for a character XML 1.0 forbids.
    @inline(__always)
    mutating func appendEscapedText(_ text: String) throws(XMLCodingError) {
        try appendEscaped(text, attribute: false)
    }

    /// Appends an attribute value (without the quotes), escaping `&`, `<`, `"`, tab, LF and CR.
    ///
    /// Tab, LF and CR are written as character references so that attribute-value normalisation
    /// in the reader does not turn them into spaces.
    ///
    /// - Throws: ``XMLCodingError/Code/illegalCharacter`` for a character XML 1.0 forbids.
    @inline(__always)
    mutating func appendEscapedAttributeValue(_ text: String) throws(XMLCodingError) {
        try appendEscaped(text, attribute: true)
    }

    /// Escapes `text` in one pass over its UTF-8 bytes.
    private mutating func appendEscaped(_ text: String, attribute: Bool) throws(XMLCodingError) {
        let illegal = Self.withUTF8(of: text) { utf8 in
            appendEscaped(utf8, attribute: attribute)
        }
        if let illegal {
            throw XMLCodingError(
                code: .illegalCharacter,
                message:
                    "The character U+\(Self.hex(illegal)) is not allowed in XML 1.0 \(attribute ? "attribute values" : "text")."
            )
        }
    }

    /// Returns the first forbidden scalar, or `nil` when all of `input` was written.
    ///
    /// Eight bytes at a time are tested for anything that needs attention (``isPlainWord(_:attribute:)``);
    /// a word that has some is then looked at byte by byte.
    private mutating func appendEscaped(_ input: UnsafeBufferPointer<UInt8>, attribute: Bool) -> UInt32? {
        guard let source = input.baseAddress else { return nil }
        let length = input.count
        var runStart = 0
        var index = 0
        while index < length {
            if index &+ 8 <= length,
                Self.isPlainWord(UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self), attribute: attribute)
            {
                index &+= 8
                continue
            }
            let stop = Swift.min(index &+ 8, length)
            while index < stop {
                let byte = source[index]
                // Everything that needs attention is below `?` (0x3F), or starts U+FFFE/U+FFFF.
                if byte > 0x3E && byte != 0xEF {
                    index &+= 1
                    continue
                }
                let replacement: StaticString
                switch byte {
                case 0x26:
                    replacement = "&amp;"
                case 0x3C:
                    replacement = "&lt;"
                case 0x3E where !attribute:
                    replacement = "&gt;"
                case 0x22 where attribute:
                    replacement = "&quot;"
                case 0x0D:
                    replacement = "&#13;"
                case 0x0A where attribute:
                    replacement = "&#10;"
                case 0x09 where attribute:
                    replacement = "&#9;"
                case 0x09, 0x0A:
                    index &+= 1
                    continue
                case 0x00..<0x20:
                    return UInt32(byte)
                case 0xEF:
                    // U+FFFE is EF BF BE, U+FFFF is EF BF BF.
                    if index &+ 2 < length, source[index &+ 1] == 0xBF, source[index &+ 2] >= 0xBE {
                        return source[index &+ 2] == 0xBE ? 0xFFFE : 0xFFFF
                    }
                    index &+= 1
                    continue
                default:
                    index &+= 1
                    continue
                }
                if runStart < index {
                    append(UnsafeBufferPointer(start: source + runStart, count: index &- runStart))
                }
                appendStatic(replacement)
                index &+= 1
                runStart = index
            }
        }
        if runStart < length {
            append(UnsafeBufferPointer(start: source + runStart, count: length &- runStart))
        }
        return nil
    }

    /// Whether none of the eight bytes of `word` needs attention: no byte below 0x20, no `&`,
    /// `<`, no `"` in an attribute value or `>` in text, and no 0xEF (which starts U+FFFE and
    /// U+FFFF). Each test is exact about whether some byte matches (borrows only move which
    /// byte is flagged), so a plain word is never taken for one that needs escaping, or back.
    @inline(__always)
    private static func isPlainWord(_ word: UInt64, attribute: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always)
        func hasZeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs
        let quote: UInt64 = attribute ? 0x22 : 0x3E
        let special =
            below0x20 | hasZeroByte(word ^ (ones &* 0x26)) | hasZeroByte(word ^ (ones &* 0x3C))
            | hasZeroByte(word ^ (ones &* quote)) | hasZeroByte(word ^ (ones &* 0xEF))
        return special == 0
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // MARK: Names

    /// Appends a local name after checking that it is an XML NCName.
    ///
    /// - Throws: ``XMLCodingError/Code/invalidName``.
    mutating func appendName(_ name: String) throws(XMLCodingError) {
        let valid = Self.withUTF8(of: name) { utf8 in
            guard Self.isNCName(utf8) else { return false }
            append(utf8)
            return true
        }
        guard valid else {
            throw XMLCodingError(code: .invalidName, message: "'\(name)' is not a valid XML name.")
        }
    }

    /// Appends the prefix and colon of a binding (nothing for `-1` or the default namespace).
    @inline(__always)
    mutating func appendQualifier(_ binding: Int) {
        guard binding >= 0 else { return }
        append(bindings[binding].qualifier)
    }

    /// Appends `</`, the qualified name written earlier at `name`, and `>`.
    ///
    /// Copying the start tag's bytes skips a second lookup of the prefix and of the name's
    /// UTF-8; the start tags of open elements never move (insertions only happen after an open
    /// element's name or, at the very end, in the root start tag).
    @inline(__always)
    mutating func appendEndTag(copyingNameAt name: Range<Int>) {
        let length = name.count
        reserve(length &+ 3)
        let destination = base + count
        destination[0] = 0x3C
        destination[1] = 0x2F
        Self.copy(from: base + name.lowerBound, to: destination + 2, count: length)
        destination[length &+ 2] = 0x3E
        count &+= length &+ 3
    }

    /// Appends `</qualifier:name>`.
    @inline(__always)
    mutating func appendEndTag(binding: Int, localName: String) {
        append(0x3C, 0x2F)
        appendQualifier(binding)
        appendUnchecked(localName)
        append(0x3E)
    }

    /// Whether a string is an XML NCName (a name without a colon).
    static func isNCName(_ name: String) -> Bool {
        withUTF8(of: name) { isNCName($0) }
    }

    /// Whether UTF-8 bytes form an XML NCName (XML 1.0 fifth edition `Name` without `:`).
    ///
    /// ASCII names, the usual case, are checked eight bytes at a time.
    static func isNCName(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let bytes = utf8.baseAddress, utf8.count > 0 else { return false }
        let length = utf8.count
        if bytes[0] >= 0x80 { return isUnicodeNCName(utf8) }
        guard isASCIINameStart(bytes[0]) else { return false }
        if length >= 8 {
            var offset = 0
            while true {
                let word = UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { return isUnicodeNCName(utf8) }
                guard areASCIINameCharacters(word) else { return false }
                if offset + 8 >= length { return true }
                // The last word may overlap the one before; checking a byte twice is harmless.
                offset = Swift.min(offset + 8, length - 8)
            }
        }
        var index = 1
        while index < length {
            let byte = bytes[index]
            if byte >= 0x80 { return isUnicodeNCName(utf8) }
            guard isASCIINameCharacter(byte) else { return false }
            index &+= 1
        }
        return true
    }

    /// Whether all eight ASCII bytes of `word` are `NameChar`s (`A`-`Z`, `a`-`z`, `0`-`9`, `-`,
    /// `.`, `_`), by byte-wise range tests that cannot carry between bytes below 0x80.
    @inline(__always)
    private static func areASCIINameCharacters(_ word: UInt64) -> Bool {
        @inline(__always)
        func inRange(_ value: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            return (value &+ ones &* (0x80 - low)) & ~(value &+ ones &* (0x7F - high))
        }
        let lowered = word | 0x2020_2020_2020_2020
        let accepted =
            inRange(lowered, 0x61, 0x7A) | inRange(word, 0x30, 0x39) | inRange(word, 0x2D, 0x2E)
            | inRange(word, 0x5F, 0x5F)
        return accepted & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080
    }

    /// ASCII `NameStartChar` without `:` (`A`-`Z`, `_`, `a`-`z`), by a bit set over 0x40...0x7F.
    @inline(__always)
    private static func isASCIINameStart(_ byte: UInt8) -> Bool {
        byte >= 0x40 && (0x07FF_FFFE_87FF_FFFE as UInt64) & (1 &<< UInt64(byte & 0x3F)) != 0
    }

    /// ASCII `NameChar` without `:`: the start characters plus `-`, `.` and `0`-`9`.
    @inline(__always)
    private static func isASCIINameCharacter(_ byte: UInt8) -> Bool {
        let mask: UInt64 = byte < 0x40 ? 0x03FF_6000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        return mask & (1 &<< UInt64(byte & 0x3F)) != 0
    }

    private static func isUnicodeNCName(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var isFirst = true
        var iterator = utf8.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let value = scalar.value
                if isFirst {
                    guard isNameStartScalar(value) else { return false }
                    isFirst = false
                } else {
                    guard isNameStartScalar(value) || isNameScalar(value) else { return false }
                }
            case .emptyInput:
                return !isFirst
            case .error:
                return false
            }
        }
    }

    private static func isNameStartScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
            0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
            0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    private static func isNameScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040:
            return true
        default:
            return false
        }
    }

    // MARK: Namespaces

    /// Binds the root element's namespace and returns its binding (`-1` for no namespace).
    ///
    /// The root's namespace becomes the default namespace unless a non-empty prefix is
    /// configured for it.
    mutating func bindRoot(namespace: String?) throws(XMLCodingError) -> Int {
        guard let namespace, !namespace.isEmpty else { return -1 }
        let configured = configuredPrefixes[namespace] ?? ""
        if configured.isEmpty, namespace != XMLNamespace.xml {
            defaultNamespace = namespace
            defaultBinding = try addBinding(prefix: "", uri: namespace)
            return defaultBinding
        }
        return try prefixedBinding(for: namespace)
    }

    /// The binding to name an element in `uri` with: the default namespace when it is `uri` and
    /// in scope, else a prefix.
    @inline(__always)
    mutating func elementBinding(
        for uri: String, defaultNamespaceInScope: Bool
    )
        throws(XMLCodingError) -> Int
    {
        if defaultNamespaceInScope, defaultBinding >= 0, defaultNamespace == uri {
            return defaultBinding
        }
        return try prefixedBinding(for: uri)
    }

    /// The binding with a non-empty prefix for `uri`, declaring one on first use.
    ///
    /// - Parameters:
    ///   - uri: The namespace URI (not empty).
    ///   - hints: Prefix-to-URI declarations from where the name came from (an ``XMLAnyElement``),
    ///     whose prefix is preferred over a generated one when it is free.
    mutating func prefixedBinding(
        for uri: String, hints: [String: String] = [:]
    )
        throws(XMLCodingError) -> Int
    {
        for index in bindings.indices where !bindings[index].prefix.isEmpty && bindings[index].uri == uri {
            return index
        }
        return try addBinding(prefix: choosePrefix(for: uri, hints: hints), uri: uri)
    }

    private mutating func choosePrefix(for uri: String, hints: [String: String]) -> String {
        if uri == XMLNamespace.xml {
            return "xml"
        }
        if let configured = configuredPrefixes[uri], !configured.isEmpty, !isPrefixTaken(configured, for: uri) {
            return configured
        }
        if uri == XMLNamespace.schemaInstance, !isPrefixTaken("xsi", for: uri) {
            return "xsi"
        }
        if !hints.isEmpty {
            let candidates = hints.compactMap { prefix, hintURI -> String? in
                hintURI == uri && !prefix.isEmpty && !prefix.hasPrefix("xml") && Self.isNCName(prefix) ? prefix : nil
            }
            for candidate in candidates.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            where !isPrefixTaken(candidate, for: uri) {
                return candidate
            }
        }
        while true {
            generatedPrefixCount += 1
            let candidate = "ns\(generatedPrefixCount)"
            if !isPrefixTaken(candidate, for: uri) {
                return candidate
            }
        }
    }

    /// Whether `prefix` is bound already, reserved, or configured for another namespace.
    /// Declares, on the root, the prefixes that were in scope where a kept element came from, when
    /// they are still free, so that qualified names inside its text and attribute values (such as
    /// `Kind="q:Thing"`) still resolve after a round trip. Sorted, so output stays canonical.
    private mutating func declarePrefixes(from hints: [String: String]) throws(XMLCodingError) {
        guard !hints.isEmpty else { return }
        for (prefix, uri) in hints.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        where !prefix.isEmpty && !uri.isEmpty && !prefix.hasPrefix("xml") && Self.isNCName(prefix) {
            guard !bindings.contains(where: { $0.prefix == prefix }),
                !isPrefixTaken(prefix, for: uri)
            else { continue }
            _ = try addBinding(prefix: prefix, uri: uri)
        }
    }

    private func isPrefixTaken(_ prefix: String, for uri: String) -> Bool {
        if prefix == "xmlns" || (prefix == "xml" && uri != XMLNamespace.xml) {
            return true
        }
        if bindings.contains(where: { $0.prefix == prefix }) {
            return true
        }
        return configuredPrefixes.contains { $0.value == prefix && $0.key != uri }
    }

    private mutating func addBinding(prefix: String, uri: String) throws(XMLCodingError) -> Int {
        var declaration: [UInt8] = []
        if prefix != "xml" {
            var escaped = XMLWriter(
                capacity: uri.utf8.count + prefix.utf8.count + 16, prettyPrinted: false, indentationUnit: [],
                configuredPrefixes: [:])
            if prefix.isEmpty {
                escaped.appendStatic(" xmlns=\"")
            } else {
                escaped.appendStatic(" xmlns:")
                escaped.appendUnchecked(prefix)
                escaped.append(0x3D, 0x22)
            }
            try escaped.appendEscapedAttributeValue(uri)
            escaped.append(0x22)
            declaration = escaped.writtenBytes
        }
        let qualifier = prefix.isEmpty ? [] : Array("\(prefix):".utf8)
        bindings.append(Binding(prefix: prefix, qualifier: qualifier, uri: uri, declaration: declaration))
        return bindings.count - 1
    }

    /// Inserts every namespace declaration into the root start tag, in one splice: the default
    /// namespace first, then the prefixed ones sorted by prefix.
    mutating func insertNamespaceDeclarations() {
        guard let declarationOffset else { return }
        let ordered = bindings.filter { !$0.declaration.isEmpty }.sorted { lhs, rhs in
            if lhs.prefix.isEmpty != rhs.prefix.isEmpty { return lhs.prefix.isEmpty }
            return lhs.prefix.utf8.lexicographicallyPrecedes(rhs.prefix.utf8)
        }
        guard !ordered.isEmpty else { return }
        var declarations: [UInt8] = []
        declarations.reserveCapacity(ordered.reduce(0) { $0 + $1.declaration.count })
        for binding in ordered {
            declarations.append(contentsOf: binding.declaration)
        }
        insert(declarations, at: declarationOffset)
    }

    // MARK: Attributes

    /// A bit chosen by the qualified attribute name written at `name` (its length, first and
    /// last byte), for a per-element filter of the names written: different bits mean different
    /// names.
    @inline(__always)
    func attributeFilterBit(ofNameAt name: Range<Int>) -> UInt64 {
        guard !name.isEmpty else { return 1 }
        let first = UInt64(base[name.lowerBound])
        let last = UInt64(base[name.upperBound &- 1])
        let hash = first &* 0x9E37 &+ last &* 31 &+ UInt64(truncatingIfNeeded: name.count)
        return 1 &<< (hash & 63)
    }

    /// Whether the start tag in `tag` already has an attribute whose qualified name is `name`.
    ///
    /// Attribute values are written with `"` escaped, so a quote always delimits a value.
    func startTag(_ tag: Range<Int>, hasAttributeNamed name: Range<Int>) -> Bool {
        let buffer = base
        let nameLength = name.count
        var inValue = false
        var index = tag.lowerBound
        while index < tag.upperBound {
            let byte = buffer[index]
            if byte == 0x22 {
                inValue.toggle()
            } else if byte == 0x20, !inValue, index + 1 + nameLength < tag.upperBound,
                buffer[index + 1 + nameLength] == 0x3D
            {
                var equal = true
                for offset in 0..<nameLength where buffer[index + 1 + offset] != buffer[name.lowerBound + offset] {
                    equal = false
                    break
                }
                if equal { return true }
            }
            index += 1
        }
        return false
    }

    // MARK: Raw elements

    /// Appends an ``XMLAnyElement`` as it is, under its own name.
    ///
    /// - Parameters:
    ///   - element: The element.
    ///   - depth: Its depth, for indentation of its children.
    ///   - defaultNamespaceInScope: Whether the default namespace applies where it is written.
    ///   - isRoot: Whether it is the root element (its name ends where declarations go).
    mutating func appendAnyElement(
        _ element: XMLAnyElement, depth: Int, defaultNamespaceInScope: Bool, isRoot: Bool = false
    ) throws(XMLCodingError) {
        let hints = element.namespacesInScope
        try declarePrefixes(from: hints)
        var binding = -1
        var undeclaresDefault = false
        var innerDefaultInScope = defaultNamespaceInScope
        if let uri = element.name.namespace, !uri.isEmpty {
            if defaultNamespaceInScope, uri == defaultNamespace {
                binding = try elementBinding(for: uri, defaultNamespaceInScope: true)
            } else {
                binding = try prefixedBinding(for: uri, hints: hints)
            }
        } else if defaultNamespaceInScope, defaultNamespace != nil {
            undeclaresDefault = true
            innerDefaultInScope = false
        }
        append(0x3C)
        appendQualifier(binding)
        try appendName(element.name.localName)
        if isRoot {
            declarationOffset = count
        }
        if undeclaresDefault {
            appendStatic(" xmlns=\"\"")
        }
        for (index, attribute) in element.attributes.enumerated() {
            var attributeBinding = -1
            if let uri = attribute.name.namespace, !uri.isEmpty {
                guard uri != "http://www.w3.org/2000/xmlns/" else {
                    throw XMLCodingError(
                        code: .invalidName,
                        message: "'\(attribute.name)' is a namespace declaration; the encoder writes those itself.")
                }
                attributeBinding = try prefixedBinding(for: uri, hints: hints)
            } else if attribute.name.localName == "xmlns" {
                throw XMLCodingError(
                    code: .invalidName,
                    message: "'xmlns' is a namespace declaration; the encoder writes those itself.")
            }
            if element.attributes[..<index].contains(where: { $0.name == attribute.name }) {
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "The attribute '\(attribute.name)' appears twice on element '\(element.name)'.")
            }
            append(0x20)
            appendQualifier(attributeBinding)
            try appendName(attribute.name.localName)
            append(0x3D, 0x22)
            try appendEscapedAttributeValue(attribute.value)
            append(0x22)
        }
        guard !element.children.isEmpty else {
            append(0x2F, 0x3E)
            return
        }
        append(0x3E)
        let indents =
            prettyPrinted
            && !element.children.contains { node in
                if case .text = node { return true }
                return false
            }
        for child in element.children {
            switch child {
            case .element(let childElement):
                if indents { appendLineBreak(depth: depth + 1) }
                try appendAnyElement(childElement, depth: depth + 1, defaultNamespaceInScope: innerDefaultInScope)
            case .text(let text):
                try appendEscapedText(text)
            }
        }
        if indents { appendLineBreak(depth: depth) }
        appendEndTag(binding: binding, localName: element.name.localName)
    }

    // MARK: Qualified-name values

    /// Appends an ``XMLQualifiedName`` value as `prefix:local`, declaring its namespace if needed.
    ///
    /// - Throws: ``XMLCodingError/Code/unencodableValue`` for a name in no namespace where a
    ///   default namespace is in scope (an unprefixed name would resolve to the default
    ///   namespace), ``XMLCodingError/Code/invalidName`` for a local part that is not an NCName.
    mutating func appendQualifiedNameValue(
        _ name: XMLQualifiedName, defaultNamespaceInScope: Bool
    )
        throws(XMLCodingError)
    {
        if let uri = name.namespace, !uri.isEmpty {
            if defaultNamespaceInScope, uri == defaultNamespace {
                try appendName(name.localName)
                return
            }
            let binding = try prefixedBinding(for: uri)
            appendQualifier(binding)
            try appendName(name.localName)
            return
        }
        if defaultNamespaceInScope, defaultNamespace != nil {
            throw XMLCodingError(
                code: .unencodableValue,
                message:
                    "The qualified name '\(name.localName)' is in no namespace, but a default namespace is in scope, so it cannot be written without a prefix."
            )
        }
        try appendName(name.localName)
    }
}
