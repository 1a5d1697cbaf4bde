import Foundation

/// The first 32 bytes of a journal file of format 2 and later: what makes a file recognisable
/// as a ledger journal, so that a foreign file is refused and never truncated.
///
/// ```
/// magic "DRVLEDGR" (8 bytes) | format version (2 bytes, little-endian) | reserved, zero (2 bytes)
/// | ledger id (16 bytes, a UUID) | CRC-32C of the 28 bytes before it (4 bytes, little-endian)
/// ```
///
/// Frames follow the header. A journal of format 1 has no header: its first byte is a frame's
/// magic byte, and it is still read (and appended to) as it is.
struct JournalHeader: Hashable, Sendable {
    static let magic: [UInt8] = Array("DRVLEDGR".utf8)
    static let size = 32
    /// The format this library writes.
    static let currentVersion: UInt16 = 2

    var version: UInt16
    var ledgerId: UUID

    /// A header for a new journal.
    static func new() -> JournalHeader { JournalHeader(version: currentVersion, ledgerId: UUID()) }

    var encoded: [UInt8] {
        var bytes = Self.magic
        bytes.append(UInt8(truncatingIfNeeded: version))
        bytes.append(UInt8(truncatingIfNeeded: version >> 8))
        bytes.append(contentsOf: [0, 0])
        let id = ledgerId.uuid
        bytes.append(contentsOf: [
            id.0, id.1, id.2, id.3, id.4, id.5, id.6, id.7, id.8, id.9, id.10, id.11, id.12, id.13, id.14, id.15,
        ])
        let crc = bytes.withUnsafeBytes { CRC32C.update(0, with: $0) }
        bytes.append(contentsOf: [
            UInt8(truncatingIfNeeded: crc), UInt8(truncatingIfNeeded: crc >> 8),
            UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 24),
        ])
        return bytes
    }

    /// What the start of a file says it is.
    enum Reading: Equatable {
        /// A journal with this header; frames start at ``JournalHeader/size``.
        case header(JournalHeader)
        /// A journal of format 1: frames from byte 0.
        case formatOne
        /// An empty file, or the beginning of a header whose writing a crash cut short: a new
        /// journal that holds nothing yet.
        case empty
        /// Not a ledger journal, or one of a newer format; the reason says which.
        case foreign(String)
    }

    /// Reads the start of a file.
    static func read(_ bytes: UnsafeRawBufferPointer) -> Reading {
        guard !bytes.isEmpty else { return .empty }
        if bytes[0] == JournalFrame.commitMagic || bytes[0] == JournalFrame.continuationMagic {
            return .formatOne
        }
        let prefix = min(bytes.count, magic.count)
        guard zip(bytes.prefix(prefix), magic.prefix(prefix)).allSatisfy({ $0 == $1 }) else {
            return .foreign("the file does not start with a ledger journal's header")
        }
        guard bytes.count >= size else {
            // Only the magic, and nothing after it: a creation cut short before any record.
            return bytes.count <= magic.count ? .empty : .foreign("the journal header is incomplete")
        }
        let stored = UInt32(bytes[28]) | UInt32(bytes[29]) << 8 | UInt32(bytes[30]) << 16 | UInt32(bytes[31]) << 24
        let computed = CRC32C.update(0, with: UnsafeRawBufferPointer(rebasing: bytes[0..<28]))
        guard stored == computed else { return .foreign("the journal header's checksum does not match") }
        let version = UInt16(bytes[8]) | UInt16(bytes[9]) << 8
        guard version >= 2, version <= currentVersion else {
            return .foreign("the journal has format \(version); this library reads formats 1 to \(currentVersion)")
        }
        let id = (
            bytes[12], bytes[13], bytes[14], bytes[15], bytes[16], bytes[17], bytes[18], bytes[19], bytes[20],
            bytes[21],
            bytes[22], bytes[23], bytes[24], bytes[25], bytes[26], bytes[27]
        )
        return .header(JournalHeader(version: version, ledgerId: UUID(uuid: id)))
    }
}
