import Foundation

/// The on-disk framing of one journal record.
///
/// ```
/// magic (1 byte) | payload length (4 bytes, little-endian) | CRC-32C of length + payload (4 bytes, little-endian) | payload
/// ```
///
/// The magic byte also says whether the record completes its change: every record of one
/// ``LedgerJournal/append(_:)`` call but the last is written with ``continuationMagic``, the last with
/// ``commitMagic``. A change whose commit record never reached the disk is therefore recognisable
/// after a crash and dropped as a whole, which keeps appends all-or-nothing.
enum JournalFrame {
    /// Magic byte, length and checksum.
    static let headerSize = 9
    /// The magic byte of the last (often the only) record of a change.
    static let commitMagic: UInt8 = 0xD7
    /// The magic byte of a record that more records of the same change follow.
    static let continuationMagic: UInt8 = 0xD6

    /// Appends the frames of one change's records to `buffer`.
    static func encode(change records: [Data], into buffer: inout [UInt8]) {
        for (index, payload) in records.enumerated() {
            let magic = index == records.count - 1 ? commitMagic : continuationMagic
            let length = UInt32(truncatingIfNeeded: payload.count)
            let lengthBytes: [UInt8] = [
                UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
                UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24),
            ]
            var crc = lengthBytes.withUnsafeBytes { CRC32C.update(0, with: $0) }
            crc = payload.withUnsafeBytes { CRC32C.update(crc, with: $0) }
            buffer.append(magic)
            buffer.append(contentsOf: lengthBytes)
            buffer.append(contentsOf: [
                UInt8(truncatingIfNeeded: crc), UInt8(truncatingIfNeeded: crc >> 8),
                UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 24),
            ])
            buffer.append(contentsOf: payload)
        }
    }

    /// The outcome of scanning a journal file's bytes.
    struct Scan {
        /// The payload ranges of every record of every committed change, in order.
        var records: [Range<Int>]
        /// The end of the last committed change; bytes after it are a torn tail.
        var committedEnd: Int
        /// The offset of a damaged record that more valid data follows, if any.
        var corruptionOffset: Int?
    }

    /// Scans `bytes` from the start, stopping at the first damaged record.
    ///
    /// A damaged record (short header, unknown magic byte, payload running past the end, wrong
    /// checksum) is a torn tail when no valid record starts anywhere after it; otherwise it is
    /// corruption. Erring this way round means a torn tail that happens to contain a valid-looking
    /// record is refused rather than cut, so no committed record is ever silently dropped.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
        var records: [Range<Int>] = []
        var uncommitted: [Range<Int>] = []
        var committedEnd = 0
        var offset = 0
        while offset < bytes.count {
            guard let frame = frame(at: offset, in: bytes) else {
                if validFrameExists(after: offset, in: bytes) {
                    return Scan(records: records, committedEnd: committedEnd, corruptionOffset: offset)
                }
                break
            }
            uncommitted.append(frame.payload)
            offset = frame.payload.upperBound
            if frame.commits {
                records.append(contentsOf: uncommitted)
                uncommitted.removeAll(keepingCapacity: true)
                committedEnd = offset
            }
        }
        return Scan(records: records, committedEnd: committedEnd, corruptionOffset: nil)
    }

    /// The valid frame starting at `offset`, or `nil` when there is none.
    static func frame(at offset: Int, in bytes: UnsafeRawBufferPointer) -> (payload: Range<Int>, commits: Bool)? {
        guard bytes.count - offset >= headerSize else { return nil }
        let magic = bytes[offset]
        guard magic == commitMagic || magic == continuationMagic else { return nil }
        let length = Int(littleEndianUInt32(at: offset + 1, in: bytes))
        let payloadStart = offset + headerSize
        guard length <= bytes.count - payloadStart else { return nil }
        let stored = littleEndianUInt32(at: offset + 5, in: bytes)
        let computed = CRC32C.update(
            CRC32C.update(0, with: UnsafeRawBufferPointer(rebasing: bytes[(offset + 1)..<(offset + 5)])),
            with: UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + length)]))
        guard stored == computed else { return nil }
        return (payloadStart..<(payloadStart + length), magic == commitMagic)
    }

    private static func validFrameExists(after offset: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        var candidate = offset + 1
        while candidate < bytes.count {
            let magic = bytes[candidate]
            if (magic == commitMagic || magic == continuationMagic) && frame(at: candidate, in: bytes) != nil {
                return true
            }
            candidate += 1
        }
        return false
    }

    private static func littleEndianUInt32(at offset: Int, in bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
