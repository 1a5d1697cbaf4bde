public import Foundation

/// What opening a ``FileJournal`` found after its committed changes, and where it went.
public struct JournalRecovery: Hashable, Sendable, CustomStringConvertible {
    /// Where the bytes that do not count start: the end of the last committed change.
    public let byteOffset: Int
    /// How many bytes do not count.
    public let byteCount: Int
    /// Why they do not count (a change without its commit record, a damaged last frame, a hole).
    public let reason: String
    /// The file they were moved to; `nil` when the journal was opened for reading and left as it is.
    public let quarantineFile: URL?

    /// One sentence for a log or a terminal.
    public var description: String {
        let moved = quarantineFile.map { "moved to \($0.path)" } ?? "left in place and not replayed"
        return "journal recovery: \(byteCount) bytes from byte \(byteOffset) (\(reason)) \(moved)"
    }
}

/// What ``FileJournal/verify(directory:)`` found.
public struct JournalVerification: Hashable, Sendable {
    /// Damage after the committed changes.
    public struct Damage: Hashable, Sendable {
        /// The end of the last committed change.
        public let byteOffset: Int
        /// The first damaged frame.
        public let damagedFrameOffset: Int
        /// How many bytes follow the committed changes.
        public let byteCount: Int
        /// What the damage looks like.
        public let reason: String
        /// Whether opening for appending would move it to quarantine by itself (a torn tail);
        /// otherwise opening refuses and `repair` is needed.
        public let isTornTail: Bool
    }

    /// 1 (no header) or 2.
    public let formatVersion: Int
    /// The header's ledger id; `nil` for format 1 or an empty file.
    public let ledgerId: UUID?
    /// The file's size in bytes.
    public let fileSize: Int
    /// How many records the committed changes hold.
    public let recordCount: Int
    /// The end of the last committed change.
    public let committedEnd: Int
    /// What follows the committed changes; `nil` when nothing does.
    public let damage: Damage?
}
