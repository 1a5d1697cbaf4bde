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
        /// The end of the last committed change: only the frames before it count.
        var committedEnd: Int
        /// What lies after ``committedEnd``, when anything does.
        var damage: Damage?
    }

    /// Bytes after the last committed change.
    struct Damage: Hashable, Sendable {
        /// Why the bytes after the committed changes do not count.
        enum Kind: Hashable, Sendable {
            /// A write cut short by a crash: a change without its commit record, a short or
            /// damaged last frame, or a hole of never-written pages followed by frames that
            /// reached the disk out of order. Nothing valid depends on it.
            case tornTail
            /// A damaged frame that committed changes follow, not a hole: the file was changed
            /// after it was written. `resumesAt` is the next valid frame.
            case corruption(resumesAt: Int)
            /// A damaged region that could not be classified within the scanning budget.
            case unclassified
        }

        /// Where the first frame that does not count starts.
        var offset: Int
        /// The offset of the first damaged frame (after any complete frames of an unfinished change).
        var damagedFrame: Int
        var kind: Kind
        var reason: String
    }

    /// Scans `bytes` from `start` in linear time, stopping at the first damaged frame, as
    /// SQLite's write-ahead log does: only the checksummed prefix of complete changes counts.
    ///
    /// What follows the prefix is classified: a torn tail (nothing valid after it, an
    /// incomplete change, or a hole of zero pages), or corruption (a damaged frame, not a hole,
    /// that valid committed frames follow). Looking for valid frames after the damage costs at
    /// most a few times the file's size; past that budget the damage is unclassified.
    static func scan(_ bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Scan {
        var records: [Range<Int>] = []
        var uncommitted: [Range<Int>] = []
        var committedEnd = start
        var offset = start
        while offset < bytes.count {
            guard let frame = frame(at: offset, in: bytes) else { break }
            uncommitted.append(frame.payload)
            offset = frame.payload.upperBound
            if frame.commits {
                records.append(contentsOf: uncommitted)
                uncommitted.removeAll(keepingCapacity: true)
                committedEnd = offset
            }
        }
        guard committedEnd < bytes.count else { return Scan(records: records, committedEnd: committedEnd, damage: nil) }
        guard offset < bytes.count else {
            return Scan(
                records: records, committedEnd: committedEnd,
                damage: Damage(
                    offset: committedEnd, damagedFrame: offset, kind: .tornTail,
                    reason: "a change whose last record never reached the disk"))
        }
        let kind: Damage.Kind
        let reason: String
        switch nextCommitFrame(after: offset, in: bytes) {
        case .none:
            kind = .tornTail
            reason = "a damaged last frame with nothing valid after it (a write cut short)"
        case .found(let next) where containsZeroPage(bytes, from: offset, to: next):
            kind = .tornTail
            reason = "a hole of never-written pages before later frames (writes that reached the disk out of order)"
        case .found(let next):
            kind = .corruption(resumesAt: next)
            reason = "a damaged frame that committed changes follow"
        case .budgetExhausted:
            kind = .unclassified
            reason = "a damaged frame that could not be classified"
        }
        return Scan(
            records: records, committedEnd: committedEnd,
            damage: Damage(offset: committedEnd, damagedFrame: offset, kind: kind, reason: reason))
    }

    private enum Search {
        case none
        case found(Int)
        case budgetExhausted
    }

    /// The next valid commit frame after `offset`; the checksums computed on the way add up to
    /// at most four times the file's size plus 1 MiB.
    private static func nextCommitFrame(after offset: Int, in bytes: UnsafeRawBufferPointer) -> Search {
        var budget = 4 &* bytes.count &+ (1 << 20)
        var candidate = offset &+ 1
        while candidate < bytes.count {
            if bytes[candidate] == commitMagic || bytes[candidate] == continuationMagic,
                bytes.count - candidate >= headerSize
            {
                let length = Int(littleEndianUInt32(at: candidate + 1, in: bytes))
                if length <= bytes.count - candidate - headerSize {
                    budget -= length + 4
                    if budget < 0 { return .budgetExhausted }
                    if let frame = frame(at: candidate, in: bytes), frame.commits { return .found(candidate) }
                }
            }
            candidate += 1
        }
        return .none
    }

    /// Whether a page-aligned 4 KiB block of zero bytes lies in `start..<end`.
    private static func containsZeroPage(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        let page = 4096
        var block = (start + page - 1) / page * page
        while block + page <= end {
            if UnsafeRawBufferPointer(rebasing: bytes[block..<(block + page)]).allSatisfy({ $0 == 0 }) { return true }
            block += page
        }
        return false
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

    private static func littleEndianUInt32(at offset: Int, in bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
