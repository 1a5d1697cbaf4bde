public import Foundation

/// Writes back-office lists as CSV (RFC 4180): a header line of the column titles, then one line
/// per row, fields separated by commas, a field quoted when it holds a comma, a quote or a line
/// break, lines ending in a line feed.
///
/// The text is handed out in chunks of about 64 KiB, so a list of a million rows never needs
/// its whole CSV in memory.
public enum BackOfficeCSV {
    /// The size of the chunks handed to the `write` closure: 64 KiB, large enough that the
    /// closure's cost (a system call) does not count, small enough to stay in cache.
    public static let chunkSize = 1 << 16

    /// Writes rows as CSV.
    ///
    /// - Parameters:
    ///   - rows: The rows, in the order to write them.
    ///   - write: Called with each chunk of UTF-8 bytes, in order.
    public static func write<Rows: Sequence>(_ rows: Rows, to write: (Data) -> Void)
    where Rows.Element: BackOfficeRow {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkSize + 1024)
        appendRecord(Rows.Element.columns.map(\.title), to: &buffer)
        for row in rows {
            appendRecord(row.cells, to: &buffer)
            if buffer.count >= chunkSize {
                write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { write(Data(buffer)) }
    }

    /// The rows as one CSV text.
    ///
    /// - Parameter rows: The rows.
    /// - Returns: The header line and one line per row.
    public static func text<Rows: Sequence>(_ rows: Rows) -> String where Rows.Element: BackOfficeRow {
        var data = Data()
        write(rows) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    private static func appendRecord(_ fields: [String?], to buffer: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            appendField(field, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    private static func appendField(_ field: String, to buffer: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in
            let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                buffer.append(contentsOf: bytes)
                return
            }
            buffer.append(0x22)
            for byte in bytes {
                if byte == 0x22 { buffer.append(0x22) }
                buffer.append(byte)
            }
            buffer.append(0x22)
        }
    }
}
