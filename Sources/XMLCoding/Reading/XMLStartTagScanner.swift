import Foundation

/// A linear pass over the raw input that bounds what libxml2 would otherwise spend quadratic time
/// on, run before libxml2 sees a byte.
///
/// libxml2 2.9 parses a whole start tag before any SAX callback, and checks it for duplicate
/// attributes and namespace declarations by comparing every pair: one start tag with 200,000
/// attributes costs seconds. This scanner counts the attributes and the namespace declarations of
/// each start tag (skipping comments, CDATA sections, processing instructions and quoted values)
/// and refuses the input as soon as a count exceeds its limit, in time linear in the input.
///
/// It reads the input in the encoding libxml2 will use: bytes for every encoding that keeps ASCII
/// characters as single ASCII bytes, 16-bit units for UTF-16, 32-bit units for UCS-4. Because
/// libxml2 switches to the encoding an XML declaration names, a declared encoding this scanner
/// cannot read the same way (UTF-7, ISO-2022, EBCDIC and other unknown names) is refused as
/// ``XMLCodingError/Code/unsupportedEncoding``, and one that contradicts the bytes (such as
/// `UTF-16LE` on UTF-8 bytes) as ``XMLCodingError/Code/invalidEncoding``.
struct XMLStartTagScanner<Units: XMLScannedCodeUnits> {
    private let base: UnsafePointer<UInt8>
    private let byteCount: Int
    private let layout: XMLInputLayout
    private let bomLength: Int
    /// The number of code units.
    private let count: Int
    private let maximumAttributes: Int
    private let maximumDeclarations: Int
    /// Start tags spanning fewer units than this cannot hold more attributes or namespace
    /// declarations than the limits allow.
    private let shortTagBound: Int

    /// Scans `buffer`, throwing when a start tag has too many attributes or namespace declarations
    /// or when the declared encoding cannot be scanned.
    ///
    /// - Throws: ``XMLCodingError/Code/tooManyAttributes``,
    ///   ``XMLCodingError/Code/tooManyNamespaceDeclarations``,
    ///   ``XMLCodingError/Code/unsupportedEncoding`` or ``XMLCodingError/Code/invalidEncoding``.
    static func check(
        _ buffer: UnsafeRawBufferPointer, options: XMLReadingOptions, ignoringDeclaredEncoding: Bool
    ) throws(XMLCodingError) where Units == XMLScannedBytes {
        guard let raw = buffer.baseAddress, buffer.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let (layout, bomLength) = try detectXMLInputLayout(UnsafeBufferPointer(start: base, count: buffer.count))
        switch layout {
        case .bytes:
            try XMLStartTagScanner<XMLScannedBytes>(
                base: base, byteCount: buffer.count, layout: layout, bomLength: bomLength, options: options
            ).run(ignoringDeclaredEncoding: ignoringDeclaredEncoding)
        case .utf16(bigEndian: false):
            try XMLStartTagScanner<XMLScannedUTF16LE>(
                base: base, byteCount: buffer.count, layout: layout, bomLength: bomLength, options: options
            ).run(ignoringDeclaredEncoding: ignoringDeclaredEncoding)
        case .utf16(bigEndian: true):
            try XMLStartTagScanner<XMLScannedUTF16BE>(
                base: base, byteCount: buffer.count, layout: layout, bomLength: bomLength, options: options
            ).run(ignoringDeclaredEncoding: ignoringDeclaredEncoding)
        case .ucs4(bigEndian: false):
            try XMLStartTagScanner<XMLScannedUCS4LE>(
                base: base, byteCount: buffer.count, layout: layout, bomLength: bomLength, options: options
            ).run(ignoringDeclaredEncoding: ignoringDeclaredEncoding)
        case .ucs4(bigEndian: true):
            try XMLStartTagScanner<XMLScannedUCS4BE>(
                base: base, byteCount: buffer.count, layout: layout, bomLength: bomLength, options: options
            ).run(ignoringDeclaredEncoding: ignoringDeclaredEncoding)
        }
    }

    private func run(ignoringDeclaredEncoding: Bool) throws(XMLCodingError) {
        if !ignoringDeclaredEncoding {
            try checkDeclaredEncoding()
        }
        try scan()
    }

    private init(
        base: UnsafePointer<UInt8>, byteCount: Int, layout: XMLInputLayout, bomLength: Int, options: XMLReadingOptions
    ) {
        self.base = base
        self.byteCount = byteCount
        self.layout = layout
        self.bomLength = bomLength
        self.count = (byteCount - bomLength) / layout.width
        self.maximumAttributes = options.maximumAttributesPerElement
        self.maximumDeclarations = options.maximumNamespaceDeclarationsPerElement
        let smallestLimit = max(0, min(maximumAttributes, maximumDeclarations))
        self.shortTagBound = smallestLimit < Int.max / 8 ? 4 * (smallestLimit + 1) : Int.max
    }

    // MARK: - Encoding

    /// The layout libxml2 2.9's `xmlDetectCharEncoding` picks, and the byte-order mark's length.
    private static func detectXMLInputLayout(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(XMLCodingError) -> (XMLInputLayout, Int) {
        func starts(with prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
        }
        if starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.ucs4(bigEndian: true), 4) }
        if starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.ucs4(bigEndian: false), 4) }
        if starts(with: [0x00, 0x00, 0x00, 0x3C]) { return (.ucs4(bigEndian: true), 0) }
        if starts(with: [0x3C, 0x00, 0x00, 0x00]) { return (.ucs4(bigEndian: false), 0) }
        if starts(with: [0x00, 0x00, 0x3C, 0x00]) || starts(with: [0x00, 0x3C, 0x00, 0x00])
            || starts(with: [0x4C, 0x6F, 0xA7, 0x94])
        {
            throw XMLCodingError(
                code: .unsupportedEncoding,
                message: "the input's encoding (UCS-4 in an unusual byte order, or EBCDIC) is not supported",
                line: 1, column: 1)
        }
        if starts(with: [0xFE, 0xFF]) { return (.utf16(bigEndian: true), 2) }
        if starts(with: [0xFF, 0xFE]) { return (.utf16(bigEndian: false), 2) }
        if starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return (.utf16(bigEndian: true), 0) }
        if starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return (.utf16(bigEndian: false), 0) }
        if starts(with: [0xEF, 0xBB, 0xBF]) { return (.bytes, 3) }
        return (.bytes, 0)
    }

    /// What a declared encoding name means for the layout.
    private enum DeclaredFamily {
        case bytes
        case utf16(bigEndian: Bool?)
        case unknown
    }

    private static func family(ofEncodingNamed name: String) -> DeclaredFamily {
        let key = String(name.uppercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch key {
        case "UTF16": return .utf16(bigEndian: nil)
        case "UTF16LE": return .utf16(bigEndian: false)
        case "UTF16BE": return .utf16(bigEndian: true)
        case "UTF8", "USASCII", "ASCII", "KOI8R", "KOI8U", "SHIFTJIS", "SJIS", "EUCJP", "EUCKR", "GB2312", "GBK",
            "GB18030", "BIG5":
            return .bytes
        default:
            let bytePrefixes = ["ISO8859", "ISOLATIN", "LATIN", "WINDOWS125", "CP125"]
            return bytePrefixes.contains(where: key.hasPrefix) ? .bytes : .unknown
        }
    }

    /// Refuses a declared encoding libxml2 would switch to but this scanner cannot read the same way.
    private func checkDeclaredEncoding() throws(XMLCodingError) {
        guard let name = declaredEncoding() else { return }
        let family = Self.family(ofEncodingNamed: name)
        let consistent: Bool
        switch (family, layout) {
        case (.unknown, _):
            throw XMLCodingError(
                code: .unsupportedEncoding,
                message:
                    "the declared encoding \(name.prefix(40)) is not supported; use UTF-8, UTF-16 or an ASCII-based encoding",
                line: 1, column: 1)
        case (.bytes, .bytes): consistent = true
        case (.utf16(let declared), .utf16(let detected)): consistent = declared == nil || declared == detected
        default: consistent = false
        }
        guard consistent else {
            throw XMLCodingError(
                code: .invalidEncoding,
                message: "the declared encoding \(name.prefix(40)) does not match the input's bytes",
                line: 1, column: 1)
        }
    }

    /// The `encoding` pseudo-attribute of the XML declaration, if any.
    private func declaredEncoding() -> String? {
        guard matches("<?xml", at: 0), count > 5, isSpace(unit(5)) else { return nil }
        // A declaration is short; bound the search so a missing `?>` costs nothing.
        let limit = min(count, 512)
        var index = 5
        while index + 8 <= limit, !matches("?>", at: index) {
            if matches("encoding", at: index) {
                var cursor = index + 8
                while cursor < limit, isSpace(unit(cursor)) { cursor += 1 }
                guard cursor < limit, unit(cursor) == Self.equals else { return nil }
                cursor += 1
                while cursor < limit, isSpace(unit(cursor)) { cursor += 1 }
                guard cursor < limit, unit(cursor) == Self.quote || unit(cursor) == Self.apostrophe else { return nil }
                let quote = unit(cursor)
                var name = ""
                cursor += 1
                while cursor < limit, unit(cursor) != quote {
                    guard let scalar = Unicode.Scalar(unit(cursor)) else { return "?" }
                    name.unicodeScalars.append(scalar)
                    cursor += 1
                }
                return name
            }
            index += 1
        }
        return nil
    }

    // MARK: - Scanning

    private static var lessThan: UInt32 { UInt32(UInt8(ascii: "<")) }
    private static var greaterThan: UInt32 { UInt32(UInt8(ascii: ">")) }
    private static var equals: UInt32 { UInt32(UInt8(ascii: "=")) }
    private static var quote: UInt32 { UInt32(UInt8(ascii: "\"")) }
    private static var apostrophe: UInt32 { UInt32(UInt8(ascii: "'")) }
    private static var colon: UInt32 { UInt32(UInt8(ascii: ":")) }
    private static var slash: UInt32 { UInt32(UInt8(ascii: "/")) }
    private static var exclamation: UInt32 { UInt32(UInt8(ascii: "!")) }
    private static var question: UInt32 { UInt32(UInt8(ascii: "?")) }

    @inline(__always)
    private func unit(_ index: Int) -> UInt32 {
        Units.load(base + bomLength, index)
    }

    @inline(__always)
    private func isSpace(_ unit: UInt32) -> Bool {
        unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D
    }

    private func matches(_ text: StaticString, at index: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard index + length <= count else { return false }
        let pointer = text.utf8Start
        for offset in 0..<length where unit(index + offset) != UInt32(pointer[offset]) {
            return false
        }
        return true
    }

    /// The index of the next `unit` at or after `index`, or `count`.
    @inline(__always)
    private func next(_ unit: UInt32, from index: Int) -> Int {
        guard index < count else { return count }
        if Units.width == 1 {
            let start = base + bomLength + index
            guard let found = memchr(start, Int32(unit), count - index) else { return count }
            return index + (UnsafeRawPointer(found) - UnsafeRawPointer(start))
        }
        var cursor = index
        while cursor < count, self.unit(cursor) != unit { cursor += 1 }
        return cursor
    }

    /// The index just past the first `terminator` at or after `index`, or nil when there is none.
    private func skip(past terminator: StaticString, from index: Int) -> Int? {
        let last = UInt32(terminator.utf8Start[terminator.utf8CodeUnitCount - 1])
        let length = terminator.utf8CodeUnitCount
        var cursor = next(last, from: index)
        if length == 1 {
            // An end tag's `>`: the first one found is the answer.
            return cursor < count ? cursor + 1 : nil
        }
        while cursor < count {
            if cursor + 1 >= index + length, matches(terminator, at: cursor + 1 - length) {
                return cursor + 1
            }
            cursor = next(last, from: cursor + 1)
        }
        return nil
    }

    private func scan() throws(XMLCodingError) {
        var index = next(Self.lessThan, from: 0)
        while index < count {
            guard index + 1 < count else { return }
            let kind = unit(index + 1)
            let resume: Int?
            if kind == Self.exclamation {
                if matches("<!--", at: index) {
                    resume = skip(past: "-->", from: index + 4)
                } else if matches("<![CDATA[", at: index) {
                    resume = skip(past: "]]>", from: index + 9)
                } else {
                    // A DOCTYPE (refused by the reader before its subset is read) or malformed
                    // markup: libxml2 stops there, so nothing after it is parsed.
                    return
                }
            } else if kind == Self.question {
                resume = skip(past: "?>", from: index + 2)
            } else if kind == Self.slash {
                resume = skip(past: ">", from: index + 2)
            } else {
                // A start tag ends before the next `<` (attribute values cannot hold one), and
                // every attribute or namespace declaration takes at least four units (`a=""`):
                // a tag shorter than that bound cannot exceed a limit, so it is not counted.
                let nextTag = next(Self.lessThan, from: index + 1)
                resume = nextTag - index < shortTagBound ? nextTag : try scanStartTag(at: index)
            }
            guard let resume else { return }
            index = next(Self.lessThan, from: resume)
        }
    }

    /// Counts one start tag's attributes and namespace declarations; returns the index after it.
    private func scanStartTag(at start: Int) throws(XMLCodingError) -> Int? {
        var attributes = 0
        var declarations = 0
        var tokenStart = -1
        var previousWasSeparator = false
        var cursor = start + 1
        // Every character with a meaning here (quotes, `/`, `<`, `=`, `>`, white space) is at
        // most `>`: one comparison passes the letters of names, in tight loops over the element's
        // name and over each attribute's.
        while cursor < count, unit(cursor) > Self.greaterThan { cursor += 1 }
        while cursor < count {
            let current = unit(cursor)
            if current > Self.greaterThan {
                if previousWasSeparator {
                    tokenStart = cursor
                    previousWasSeparator = false
                }
                cursor += 1
                while cursor < count, unit(cursor) > Self.greaterThan { cursor += 1 }
                continue
            }
            if current == Self.quote || current == Self.apostrophe {
                let end = next(current, from: cursor + 1)
                guard end < count else { return nil }
                cursor = end + 1
                previousWasSeparator = true
                continue
            }
            if current == Self.greaterThan {
                return cursor + 1
            }
            if current == Self.lessThan {
                // Malformed: libxml2 stops here; scan on as if a new tag started, which only
                // ever counts more.
                return cursor
            }
            if current == Self.equals {
                if tokenStart >= 0, isNamespaceDeclaration(nameAt: tokenStart) {
                    declarations += 1
                    if declarations > maximumDeclarations {
                        throw limitError(
                            .tooManyNamespaceDeclarations, at: start,
                            "a start tag has more than \(maximumDeclarations) namespace declarations")
                    }
                } else {
                    attributes += 1
                    if attributes > maximumAttributes {
                        throw limitError(
                            .tooManyAttributes, at: start, "a start tag has more than \(maximumAttributes) attributes")
                    }
                }
                tokenStart = -1
                previousWasSeparator = true
            } else if isSpace(current) || current == Self.slash {
                previousWasSeparator = true
            } else if previousWasSeparator {
                tokenStart = cursor
                previousWasSeparator = false
            }
            cursor += 1
        }
        return nil
    }

    /// Whether the name starting at `index` is `xmlns` or `xmlns:prefix`.
    private func isNamespaceDeclaration(nameAt index: Int) -> Bool {
        guard matches("xmlns", at: index) else { return false }
        guard index + 5 < count else { return false }
        let after = unit(index + 5)
        return after == Self.colon || after == Self.equals || isSpace(after)
    }

    /// An error located at the start tag beginning at unit `index`.
    private func limitError(_ code: XMLCodingError.Code, at index: Int, _ message: String) -> XMLCodingError {
        var line = 1
        var column = 1
        for offset in 0..<index {
            let current = unit(offset)
            if current == 0x0A {
                line += 1
                column = 1
            } else if Units.width > 1 || current & 0xC0 != 0x80 {
                // Columns count characters: UTF-8 continuation bytes do not start one.
                column += 1
            }
        }
        return XMLCodingError(code: code, message: message, line: line, column: column)
    }
}
