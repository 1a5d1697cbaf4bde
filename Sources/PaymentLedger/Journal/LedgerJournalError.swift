/// The one public error type of the ledger's journal.
///
/// Every error carries a stable ``code``, a human-readable ``message`` and, when known, the
/// ``byteOffset`` in the journal file and the ``path`` of the file or directory concerned.
///
/// Codes are stable across releases: match on ``code``, never on ``message``.
public struct LedgerJournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    ///
    /// Codes are open for extension (new codes are `static let`s, so adding one breaks nobody).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable kebab-case text, such as `corrupt-journal`.
        public let rawValue: String

        /// Creates a code from its stable text.
        ///
        /// - Parameter rawValue: The kebab-case text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Creates a code from its stable text.
        ///
        /// - Parameter rawValue: The kebab-case text.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The raw value.
        public var description: String { rawValue }

        /// The operating system refused an operation (creating, opening, reading, writing,
        /// syncing, truncating or locking the journal); the message names the call and the
        /// `errno` text. A failed sync or a failed group-commit write also poisons the journal:
        /// every later call reports this code again, because earlier appends may be lost.
        public static let ioError = Code("io-error")
        /// The journal holds a damaged record that is followed by more data, so it is not a torn
        /// last write; ``LedgerJournalError/byteOffset`` is the offset of the damaged record.
        public static let corruptJournal = Code("corrupt-journal")
        /// A record is larger than ``FileJournalOptions/maximumRecordSize``.
        public static let recordTooLarge = Code("record-too-large")
        /// The journal was closed; it accepts no more calls.
        public static let closed = Code("closed")
        /// The file is not a ledger journal (or one of a newer format); it was neither read nor
        /// changed.
        public static let notAJournal = Code("not-a-journal")
        /// The journal was opened for reading only and takes no appends.
        public static let readOnly = Code("read-only")
        /// Another writer of a shared journal appended a change of the same booking first (see
        /// ``LedgerJournal/submit(_:concerning:)``); the change was not appended. The ledger
        /// catches up and checks the change again, so callers of the ledger see this code only
        /// when the booking kept changing under it.
        public static let conflict = Code("conflict")
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The byte offset in the journal file that the error concerns, when there is one (the start
    /// of a damaged record for ``Code/corruptJournal``).
    public var byteOffset: Int?
    /// The path of the journal file or directory concerned, when known.
    public var path: String?

    /// Creates a journal error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: The explanation.
    ///   - byteOffset: The byte offset in the journal file, when known. The default is `nil`.
    ///   - path: The file or directory concerned, when known. The default is `nil`.
    public init(code: Code, message: String, byteOffset: Int? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.byteOffset = byteOffset
        self.path = path
    }

    /// `CODE at byte OFFSET in PATH: message`, leaving out what is unknown.
    public var description: String {
        var text = code.rawValue
        if let byteOffset {
            text += " at byte \(byteOffset)"
        }
        if let path {
            text += " in \(path)"
        }
        return text + ": " + message
    }
}
