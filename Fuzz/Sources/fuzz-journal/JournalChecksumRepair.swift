/// Turns fuzzer input into journal bytes whose frames pass the checksum, so that mutations reach
/// the record decoder instead of stopping at the CRC.
///
/// An input whose first byte starts a journal (`D` of the format-2 header's `DRVLEDGR`, or a
/// format-1 journal's first frame magic `0xD6`, `0xD7`) is a journal file as it is, byte for
/// byte. Any other first byte selects repair of the rest of the input: when it starts with a
/// 32-byte header (`DRVLEDGR`, see `JournalHeader` in PaymentLedger), the header's checksum over
/// its first 28 bytes is recomputed; then the frames (`magic | length (4, LE) | CRC-32C of length
/// + payload (4, LE) | payload`, see `JournalFrame`) are walked and each complete frame's checksum
/// is recomputed. Bytes that do not form a complete frame are kept unchanged.
enum JournalChecksumRepair {
    static let headerMagic: [UInt8] = Array("DRVLEDGR".utf8)
    static let headerSize = 32

    /// The journal file for an input.
    static func journal(from input: UnsafeRawBufferPointer) -> [UInt8] {
        guard let first = input.first else { return [] }
        if first == headerMagic[0] || first == 0xD6 || first == 0xD7 { return Array(input) }
        var bytes = Array(input.dropFirst())
        var offset = 0
        if bytes.count >= headerSize, bytes.starts(with: headerMagic) {
            let crc = CRC32C.update(0, with: bytes[0..<(headerSize - 4)])
            for index in 0..<4 {
                bytes[headerSize - 4 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index)))
            }
            offset = headerSize
        }
        while offset + 9 <= bytes.count {
            let length =
                Int(bytes[offset + 1]) | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]) << 16
                | Int(bytes[offset + 4]) << 24
            let payloadStart = offset + 9
            guard length <= bytes.count - payloadStart else { break }
            var crc = CRC32C.update(0, with: bytes[(offset + 1)..<(offset + 5)])
            crc = CRC32C.update(crc, with: bytes[payloadStart..<(payloadStart + length)])
            for index in 0..<4 {
                bytes[offset + 5 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index)))
            }
            offset = payloadStart + length
        }
        return bytes
    }
}
