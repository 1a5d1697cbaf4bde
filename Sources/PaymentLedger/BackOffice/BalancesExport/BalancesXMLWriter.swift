import Foundation

/// The byte writer behind ``BalancesExport``: elements and escaped text appended to a buffer of
/// about 64 KiB that is handed to the sink whenever it fills, so the document is never in memory.
struct BalancesXMLWriter: ~Copyable {
    private var buffer: [UInt8] = []
    private let sink: (Data) throws -> Void
    private let prettyPrinted: Bool
    private(set) var byteCount = 0
    static let chunkSize = 1 << 16

    init(prettyPrinted: Bool, sink: @escaping (Data) throws -> Void) {
        self.prettyPrinted = prettyPrinted
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends raw ASCII or UTF-8 markup.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// Appends raw markup from a string known to need no escaping.
    mutating func raw(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// A line break and indentation for an element at `depth`, when pretty printing.
    mutating func newline(depth: Int) {
        guard prettyPrinted else { return }
        buffer.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { buffer.append(contentsOf: [0x20, 0x20]) }
    }

    /// `<name>escaped text</name>` on its own line.
    mutating func element(_ name: StaticString, _ text: String, depth: Int) {
        newline(depth: depth)
        startTag(name)
        escaped(text)
        endTag(name)
    }

    /// `<name>bytes</name>` on its own line, for values that need no escaping (dates, amounts).
    mutating func element(_ name: StaticString, bytes: (inout [UInt8]) -> Void, depth: Int) {
        newline(depth: depth)
        startTag(name)
        bytes(&buffer)
        endTag(name)
    }

    mutating func startTag(_ name: StaticString) {
        buffer.append(UInt8(ascii: "<"))
        raw(name)
        buffer.append(UInt8(ascii: ">"))
    }

    mutating func endTag(_ name: StaticString) {
        buffer.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        raw(name)
        buffer.append(UInt8(ascii: ">"))
    }

    /// Appends text escaped for element content and attribute values (`&`, `<`, `>`, `"`);
    /// characters XML 1.0 does not allow (control characters other than tab, line feed and
    /// carriage return; U+FFFE, U+FFFF) become U+FFFD, so any booking data gives a
    /// well-formed document.
    mutating func escaped(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: raw("&amp;")
            case 0x3C: raw("&lt;")
            case 0x3E: raw("&gt;")
            case 0x22: raw("&quot;")
            case 0x0D: raw("&#13;")
            case 0x09, 0x0A, 0x20..<0x7F: buffer.append(UInt8(scalar.value))
            case 0..<0x20, 0x7F, 0xFFFE, 0xFFFF: buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default: buffer.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// Hands the buffer to the sink when it is full (or always, when `force`).
    mutating func flush(force: Bool = false) throws {
        guard buffer.count >= Self.chunkSize || (force && !buffer.isEmpty) else { return }
        byteCount += buffer.count
        try sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
