import Dispatch
public import Foundation
import Synchronization

/// A ``LedgerJournal`` kept in one append-only file, `journal.log`, in a directory.
///
/// Each record is framed as a magic byte, the payload length (4 bytes, little-endian), the
/// CRC-32C (Castagnoli) of length and payload (4 bytes, little-endian) and the payload. The
/// magic byte also marks the last record of each ``append(_:)`` call, so a change is replayed
/// whole or not at all.
///
/// ## Format and recovery
///
/// A journal of format 2 starts with a 32-byte header (magic `DRVLEDGR`, format version, a ledger
/// id, a checksum); a file that starts with anything else is not a journal and is refused with
/// `not-a-journal`, never written to. A journal of format 1 (no header) is read and appended to as
/// it is.
///
/// Only the checksummed prefix of complete changes counts, as in SQLite's write-ahead log.
/// ``open(directory:options:)`` scans the file in linear time and classifies what follows that
/// prefix: a **torn tail** — a change without its commit record, a short or damaged last frame, or
/// a hole of never-written pages before frames that reached the disk out of order — is moved to a
/// quarantine file next to the journal (`journal.log.quarantine-…`), never deleted, and
/// reported in ``recovery``; a damaged frame that committed changes follow (not a hole) is
/// **corruption**: opening fails with `corrupt-journal` and the frame's byte offset, and nothing
/// is changed. ``repair(directory:)`` moves such a damaged part aside on purpose;
/// ``verify(directory:)`` reports without changing anything. ``openForReading(directory:)`` opens
/// without a lock and without writing, beside a writer.
///
/// ## Concurrency
///
/// All state is guarded by one `NSLock`, which is what makes the class `@unchecked Sendable`.
/// Calls from many tasks are serialised; records of one call are never interleaved with
/// another's. Writing and syncing happen on a private serial writer queue, in order, without
/// the lock: ``submit(_:)`` hands a change over and returns, and ``whenDurable(_:forced:_:)``
/// reports when it is synced. With ``FileJournalOptions/Durability/fsyncEachAppend`` every
/// change goes to the writer at once (changes arriving during a sync share the next one); with
/// group commit a full batch does, and appends do not wait for the disk unless the writer falls
/// more than 16 batches behind. An exclusive `flock` on the file keeps a second ``FileJournal``
/// (in this or another process) from opening it.
public final class FileJournal: LedgerJournal, @unchecked Sendable {
    /// The name of the journal file inside the directory.
    public static let fileName = "journal.log"

    /// The journal file.
    public let fileURL: URL
    /// The options the journal was opened with.
    public let options: FileJournalOptions
    /// How many bytes of a torn tail ``open(directory:options:)`` moved to quarantine; 0 for a
    /// clean file. For a journal opened for reading: how many bytes after the committed changes
    /// are not replayed.
    public let truncatedByteCount: Int
    /// What opening found after the committed changes and did about it; `nil` for a clean file.
    public let recovery: JournalRecovery?
    /// Whether the journal was opened for reading only (``openForReading(directory:)``).
    public let isReadOnly: Bool
    /// The journal's format: 1 (no header) or 2.
    public let formatVersion: Int
    /// The ledger id in the header; `nil` for a journal of format 1.
    public let ledgerId: UUID?
    /// Where frames start: after the header, or at 0 for format 1.
    private let framesStart: Int

    /// Guards every stored property below.
    private let lock = NSLock()
    /// `nil` once closed.
    private var descriptor: JournalFileDescriptor?
    /// The file's length: the end of the last change written.
    private var fileEnd: Int
    /// Framed records of group commit, not yet written.
    private var pendingBytes: [UInt8] = []
    /// The payloads in ``pendingBytes``, so that ``replay()`` sees them.
    private var pendingRecords: [Data] = []
    /// Framed records handed to the writer queue, not yet written and synced.
    private var queuedBytes: [UInt8] = []
    /// The payloads handed to the writer queue, oldest first, so that ``replay()`` sees them.
    private var queuedRecords: [Data] = []
    /// Whether a drain of the queue is scheduled on ``writer``.
    private var writerScheduled = false
    /// Writes and syncs group-commit batches in order, off the appending callers' threads.
    private let writer = DispatchQueue(label: "FileJournal.writer")
    private static let writerKey = DispatchSpecificKey<Bool>()
    /// Bumped by every batch write, so that a delayed flush scheduled for an earlier batch does nothing.
    private var batchGeneration: UInt64 = 0
    /// Set when records that were acknowledged may be lost; every later call throws it.
    private var failure: LedgerJournalError?
    /// Records handed to ``submit(_:)`` so far: the sequence of the last ticket.
    private var submittedSequence: UInt64 = 0
    /// Records written and synced so far.
    private var durableSequence: UInt64 = 0
    /// Callers waiting for a sequence to become durable.
    private var waiters: [Waiter] = []

    private struct Waiter {
        var sequence: UInt64
        var completion: @Sendable (LedgerJournalError?) -> Void
    }

    private init(
        fileURL: URL, options: FileJournalOptions, descriptor: JournalFileDescriptor, opened: Opened,
        isReadOnly: Bool
    ) {
        self.fileURL = fileURL
        self.options = options
        self.descriptor = descriptor
        self.fileEnd = opened.fileEnd
        self.truncatedByteCount = opened.recovery?.byteCount ?? 0
        self.recovery = opened.recovery
        self.isReadOnly = isReadOnly
        self.formatVersion = opened.formatVersion
        self.ledgerId = opened.ledgerId
        self.framesStart = opened.framesStart
        writer.setSpecific(key: Self.writerKey, value: true)
    }

    deinit {
        close()
    }

    /// Opens the journal in `directory` for appending, creating the directory and the file (with
    /// its header) when missing, and recovers from a torn last write by moving it to quarantine.
    ///
    /// - Parameters:
    ///   - directory: The journal directory.
    ///   - options: Durability and record size limit. The default is ``FileJournalOptions/init(durability:maximumRecordSize:)``
    ///     with its defaults: every append synced.
    /// - Returns: The open journal, positioned after its last complete change; ``recovery`` says
    ///   what was moved aside.
    /// - Throws: ``LedgerJournalError`` with code `not-a-journal` (a foreign file, left as it is),
    ///   `corrupt-journal` (damage that committed changes follow, with the byte offset; nothing is
    ///   changed) or `io-error` (including a journal in use by another process).
    public static func open(
        directory: URL, options: FileJournalOptions = FileJournalOptions()
    ) throws(LedgerJournalError) -> FileJournal {
        let directoryPath = directory.path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw LedgerJournalError(
                code: .ioError, message: "cannot create the journal directory: \(error.localizedDescription)",
                path: directoryPath)
        }
        let fileURL = directory.appendingPathComponent(fileName)
        let existed = FileManager.default.fileExists(atPath: fileURL.path)
        let descriptor = try JournalFileDescriptor.openReadWrite(path: fileURL.path)
        do throws(LedgerJournalError) {
            try descriptor.lockExclusively()
            if !existed {
                try JournalFileDescriptor.syncDirectory(path: directoryPath)
            }
            var bytes = try descriptor.readAll()
            var reading = bytes.withUnsafeBytes { JournalHeader.read($0) }
            if reading == .empty {
                // A new journal, or the start of a header a crash cut short: write the header.
                let header = JournalHeader.new()
                try descriptor.truncate(to: 0)
                try descriptor.write(header.encoded, at: 0)
                try descriptor.sync()
                bytes = header.encoded
                reading = .header(header)
            }
            var opened = try Self.examine(bytes, reading: reading, path: fileURL.path)
            if let damage = opened.damage {
                switch damage.kind {
                case .tornTail:
                    opened.recovery = try Self.moveAside(damage, of: bytes, in: descriptor, journal: fileURL)
                case .corruption, .unclassified:
                    throw Self.corruption(damage, path: fileURL.path)
                }
            }
            return FileJournal(
                fileURL: fileURL, options: options, descriptor: descriptor, opened: opened, isReadOnly: false)
        } catch {
            descriptor.close()
            throw error
        }
    }

    /// Opens the journal in `directory` for reading only: no lock, no write, nothing created, so
    /// it works on a read-only file system and beside a process that has the journal open for
    /// appending. It sees the changes complete when it opens; a torn tail is left where it is and
    /// reported in ``recovery`` (without a quarantine file). Every append throws `read-only`.
    ///
    /// - Parameter directory: The journal directory.
    /// - Returns: The journal, for ``replay()``.
    /// - Throws: ``LedgerJournalError`` with code `io-error` (no journal), `not-a-journal` or
    ///   `corrupt-journal`.
    public static func openForReading(directory: URL) throws(LedgerJournalError) -> FileJournal {
        let fileURL = directory.appendingPathComponent(fileName)
        let descriptor = try JournalFileDescriptor.openReadOnly(path: fileURL.path)
        do throws(LedgerJournalError) {
            let bytes = try descriptor.readAll()
            var opened = try Self.examine(bytes, path: fileURL.path)
            if let damage = opened.damage {
                guard damage.kind == .tornTail else { throw Self.corruption(damage, path: fileURL.path) }
                opened.recovery = JournalRecovery(
                    byteOffset: damage.offset, byteCount: bytes.count - damage.offset, reason: damage.reason,
                    quarantineFile: nil)
            }
            return FileJournal(
                fileURL: fileURL, options: FileJournalOptions(), descriptor: descriptor, opened: opened,
                isReadOnly: true)
        } catch {
            descriptor.close()
            throw error
        }
    }

    /// Checks the journal in `directory` without changing anything.
    ///
    /// - Parameter directory: The journal directory.
    /// - Returns: The format, the ledger id, how many records and changes are committed, and what
    ///   follows them.
    /// - Throws: ``LedgerJournalError`` with code `io-error` (no journal) or `not-a-journal`.
    public static func verify(directory: URL) throws(LedgerJournalError) -> JournalVerification {
        let fileURL = directory.appendingPathComponent(fileName)
        let descriptor = try JournalFileDescriptor.openReadOnly(path: fileURL.path)
        defer { descriptor.close() }
        let bytes = try descriptor.readAll()
        let opened = try Self.examine(bytes, path: fileURL.path)
        return JournalVerification(
            formatVersion: opened.formatVersion, ledgerId: opened.ledgerId, fileSize: bytes.count,
            recordCount: opened.recordCount, committedEnd: opened.fileEnd,
            damage: opened.damage.map { damage in
                JournalVerification.Damage(
                    byteOffset: damage.offset, damagedFrameOffset: damage.damagedFrame,
                    byteCount: bytes.count - damage.offset, reason: damage.reason,
                    isTornTail: damage.kind == .tornTail)
            })
    }

    /// Moves everything after the last committed change before the first damaged frame to a
    /// quarantine file and cuts the journal there, so that it opens again: the deliberate
    /// counterpart of what ``open(directory:options:)`` does for a torn tail, for damage it
    /// refuses. The moved bytes are kept, never deleted. Takes the journal's lock.
    ///
    /// - Parameter directory: The journal directory.
    /// - Returns: What was moved, or `nil` when the journal was clean.
    /// - Throws: ``LedgerJournalError`` with code `io-error` or `not-a-journal`.
    public static func repair(directory: URL) throws(LedgerJournalError) -> JournalRecovery? {
        let fileURL = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: fileURL.path) else {
            throw LedgerJournalError(code: .ioError, message: "there is no journal", path: fileURL.path)
        }
        let descriptor = try JournalFileDescriptor.openReadWrite(path: fileURL.path)
        defer { descriptor.close() }
        try descriptor.lockExclusively()
        let bytes = try descriptor.readAll()
        let opened = try Self.examine(bytes, path: fileURL.path)
        guard let damage = opened.damage else { return nil }
        return try Self.moveAside(damage, of: bytes, in: descriptor, journal: fileURL)
    }

    /// What a file's bytes hold: the committed prefix and what follows it.
    private struct Opened {
        var formatVersion: Int
        var ledgerId: UUID?
        var framesStart: Int
        var fileEnd: Int
        var recordCount: Int
        var damage: JournalFrame.Damage?
        var recovery: JournalRecovery?
    }

    private static func examine(_ bytes: [UInt8], path: String) throws(LedgerJournalError) -> Opened {
        try examine(bytes, reading: bytes.withUnsafeBytes { JournalHeader.read($0) }, path: path)
    }

    private static func examine(
        _ bytes: [UInt8], reading: JournalHeader.Reading, path: String
    ) throws(LedgerJournalError) -> Opened {
        let version: Int
        let ledgerId: UUID?
        let start: Int
        switch reading {
        case .foreign(let reason):
            throw LedgerJournalError(
                code: .notAJournal, message: "\(reason); refusing to read or change it", byteOffset: 0, path: path)
        case .empty:
            return Opened(
                formatVersion: 2, ledgerId: nil, framesStart: bytes.count, fileEnd: bytes.count, recordCount: 0)
        case .formatOne:
            (version, ledgerId, start) = (1, nil, 0)
        case .header(let header):
            (version, ledgerId, start) = (Int(header.version), header.ledgerId, JournalHeader.size)
        }
        let scan = bytes.withUnsafeBytes { JournalFrame.scan($0, from: start) }
        if version == 1, scan.committedEnd == 0, scan.damage != nil {
            // A headerless file whose first bytes are no valid change: far more likely some other
            // file that happens to start like a frame than a journal of format 1, which always
            // holds a committed change.
            throw LedgerJournalError(
                code: .notAJournal,
                message: "the file has no journal header and no valid change; refusing to read or change it",
                byteOffset: 0, path: path)
        }
        return Opened(
            formatVersion: version, ledgerId: ledgerId, framesStart: start, fileEnd: scan.committedEnd,
            recordCount: scan.records.count, damage: scan.damage)
    }

    private static func corruption(_ damage: JournalFrame.Damage, path: String) -> LedgerJournalError {
        LedgerJournalError(
            code: .corruptJournal,
            message: "\(damage.reason) at byte \(damage.damagedFrame); refusing to open rather than lose records "
                + "(drv-payments journal verify shows it; journal repair moves it to a quarantine file)",
            byteOffset: damage.damagedFrame, path: path)
    }

    /// Moves what follows the committed changes to a quarantine file and cuts the journal there.
    private static func moveAside(
        _ damage: JournalFrame.Damage, of bytes: [UInt8], in descriptor: JournalFileDescriptor, journal: URL
    ) throws(LedgerJournalError) -> JournalRecovery {
        let quarantine = try Self.quarantine(
            bytes[damage.offset...], from: damage.offset, beside: journal, reason: damage.reason)
        try descriptor.truncate(to: damage.offset)
        try descriptor.sync()
        return JournalRecovery(
            byteOffset: damage.offset, byteCount: bytes.count - damage.offset, reason: damage.reason,
            quarantineFile: quarantine)
    }

    /// Writes `bytes` to a new quarantine file beside the journal and syncs it and the directory.
    private static func quarantine(
        _ bytes: ArraySlice<UInt8>, from offset: Int, beside journal: URL, reason: String
    ) throws(LedgerJournalError) -> URL {
        let directory = journal.deletingLastPathComponent()
        let stamp = Int(Date().timeIntervalSince1970)
        var url = directory.appendingPathComponent("\(fileName).quarantine-\(stamp)-at-\(offset)")
        var suffix = 1
        while FileManager.default.fileExists(atPath: url.path) {
            suffix += 1
            url = directory.appendingPathComponent("\(fileName).quarantine-\(stamp)-at-\(offset)-\(suffix)")
        }
        let file = try JournalFileDescriptor.openReadWrite(path: url.path)
        defer { file.close() }
        try file.write(Array(bytes), at: 0)
        try file.sync()
        try JournalFileDescriptor.syncDirectory(path: directory.path)
        return url
    }

    /// Appends the records of one change, all or nothing.
    ///
    /// With ``FileJournalOptions/Durability/fsyncEachAppend`` the call returns once the records
    /// are written and synced. With ``FileJournalOptions/Durability/groupCommit(maxRecords:maxDelay:)``
    /// they are buffered, and written and synced with their batch.
    ///
    /// - Parameter records: The records of the change, in order. An empty array does nothing.
    /// - Throws: ``LedgerJournalError`` with code `record-too-large` (nothing appended),
    ///   `io-error` (the journal then refuses later calls) or `closed`.
    public func append(_ records: [Data]) throws(LedgerJournalError) {
        let ticket = try submit(records)
        try waitUntilDurable(ticket, forced: false)
    }

    /// Hands the records of one change to the writer in order and returns at once; see
    /// ``whenDurable(_:forced:_:)``.
    ///
    /// With ``FileJournalOptions/Durability/fsyncEachAppend`` the change goes to the writer
    /// queue at once; the writer writes everything queued and syncs once, so changes that arrive
    /// while it syncs share the next sync. With group commit the change waits for its batch.
    ///
    /// - Parameter records: The records of the change, in order. An empty array does nothing.
    /// - Returns: The change's ticket.
    /// - Throws: ``LedgerJournalError`` with code `record-too-large` (nothing appended),
    ///   `io-error` or `closed`.
    public func submit(_ records: [Data]) throws(LedgerJournalError) -> JournalTicket {
        let limit = min(options.maximumRecordSize, Int(UInt32.max))
        for (index, record) in records.enumerated() where record.count > limit {
            throw LedgerJournalError(
                code: .recordTooLarge,
                message: "record \(index) has \(record.count) bytes; the maximum is \(options.maximumRecordSize)",
                path: fileURL.path)
        }
        var frames: [UInt8] = []
        if !records.isEmpty {
            frames.reserveCapacity(records.reduce(0) { $0 + $1.count + JournalFrame.headerSize })
            JournalFrame.encode(change: records, into: &frames)
        }

        if isReadOnly {
            throw LedgerJournalError(
                code: .readOnly, message: "the journal was opened for reading only", path: fileURL.path)
        }
        lock.lock()
        var writerIsBehind = false
        let ticket: JournalTicket
        do {
            defer { lock.unlock() }
            _ = try usableDescriptor()
            if records.isEmpty { return JournalTicket(sequence: submittedSequence) }
            submittedSequence &+= UInt64(records.count)
            ticket = JournalTicket(sequence: submittedSequence)
            let startsBatch = pendingRecords.isEmpty
            pendingBytes.append(contentsOf: frames)
            pendingRecords.append(contentsOf: records)
            switch options.durability {
            case .fsyncEachAppend:
                handOffPendingBatch()
            case .groupCommit(let maxRecords, let maxDelay):
                if pendingRecords.count >= maxRecords {
                    handOffPendingBatch()
                    writerIsBehind = queuedRecords.count > 16 * max(maxRecords, 1)
                } else if startsBatch {
                    scheduleDelayedFlush(after: maxDelay)
                }
            }
        }
        // Back-pressure: a writer far behind a disk that cannot keep up makes appends wait.
        if writerIsBehind { waitForWriter() }
        return ticket
    }

    /// Calls `completion` once the change of `ticket` is written and synced, or failed.
    ///
    /// - Parameters:
    ///   - ticket: What ``submit(_:)`` returned.
    ///   - forced: Whether the change must be synced even under group commit: its batch is then
    ///     handed to the writer at once.
    ///   - completion: Called exactly once, on the writer's thread or the caller's.
    public func whenDurable(
        _ ticket: JournalTicket, forced: Bool, _ completion: @escaping @Sendable (LedgerJournalError?) -> Void
    ) {
        lock.lock()
        if let failure {
            lock.unlock()
            completion(failure)
            return
        }
        if ticket.sequence <= durableSequence || (!forced && !options.syncsEachAppend) {
            lock.unlock()
            completion(nil)
            return
        }
        guard descriptor != nil else {
            lock.unlock()
            completion(LedgerJournalError(code: .closed, message: "the journal is closed", path: fileURL.path))
            return
        }
        if ticket.sequence > durableSequence &+ UInt64(queuedRecords.count) { handOffPendingBatch() }
        waiters.append(Waiter(sequence: ticket.sequence, completion: completion))
        lock.unlock()
    }

    /// Writes and syncs every buffered record of group commit; does nothing when none are buffered.
    ///
    /// - Throws: ``LedgerJournalError`` with code `io-error` (the buffered changes are then lost
    ///   and the journal refuses later calls) or `closed`.
    public func flush() throws(LedgerJournalError) {
        lock.lock()
        do {
            defer { lock.unlock() }
            _ = try usableDescriptor()
            handOffPendingBatch()
        }
        waitForWriter()
        lock.lock()
        defer { lock.unlock() }
        _ = try usableDescriptor()
    }

    /// Every record of every complete change, in append order, including buffered ones.
    ///
    /// - Returns: The records, oldest first.
    /// - Throws: ``LedgerJournalError`` with code `io-error`, `corrupt-journal` (the file was
    ///   damaged while open) or `closed`.
    public func replay() throws(LedgerJournalError) -> [Data] {
        lock.lock()
        defer { lock.unlock() }
        let descriptor = try usableDescriptor()
        // The writer may be appending a batch right now; what it has not finished is still in
        // `queuedRecords`, and only the first `fileEnd` bytes are complete.
        let bytes = try descriptor.readAll()
        guard bytes.count >= fileEnd else {
            throw LedgerJournalError(
                code: .corruptJournal, message: "the journal file shrank while open", byteOffset: bytes.count,
                path: fileURL.path)
        }
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(LedgerJournalError) -> [Data] in
                try records(in: UnsafeRawBufferPointer(rebasing: buffer[0..<fileEnd]))
            }
        }
        return try result.get()
    }

    /// The records of the file in `buffer` plus the buffered ones; called with the lock held.
    private func records(in buffer: UnsafeRawBufferPointer) throws(LedgerJournalError) -> [Data] {
        try recordsWithOffsets(in: buffer).map(\.record)
    }

    private func recordsWithOffsets(
        in buffer: UnsafeRawBufferPointer
    ) throws(LedgerJournalError) -> [(record: Data, byteOffset: Int?)] {
        let scan = JournalFrame.scan(buffer, from: min(framesStart, buffer.count))
        guard scan.damage == nil, scan.committedEnd == buffer.count, buffer.count == fileEnd else {
            throw LedgerJournalError(
                code: .corruptJournal, message: "the journal file changed or was damaged while open",
                byteOffset: scan.damage?.damagedFrame ?? scan.committedEnd, path: fileURL.path)
        }
        var records: [(record: Data, byteOffset: Int?)] = []
        records.reserveCapacity(scan.records.count + queuedRecords.count + pendingRecords.count)
        for range in scan.records {
            records.append(
                (Data(UnsafeRawBufferPointer(rebasing: buffer[range])), range.lowerBound - JournalFrame.headerSize))
        }
        for record in queuedRecords { records.append((record, nil)) }
        for record in pendingRecords { records.append((record, nil)) }
        return records
    }

    /// Every record with the byte offset of its frame in the file (`nil` for records not yet
    /// written), in append order.
    ///
    /// - Returns: The records, oldest first.
    /// - Throws: As ``replay()``.
    public func replayWithOffsets() throws(LedgerJournalError) -> [(record: Data, byteOffset: Int?)] {
        lock.lock()
        defer { lock.unlock() }
        let descriptor = try usableDescriptor()
        let bytes = try descriptor.readAll()
        guard bytes.count >= fileEnd else {
            throw LedgerJournalError(
                code: .corruptJournal, message: "the journal file shrank while open", byteOffset: bytes.count,
                path: fileURL.path)
        }
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(LedgerJournalError) -> [(record: Data, byteOffset: Int?)] in
                try recordsWithOffsets(in: UnsafeRawBufferPointer(rebasing: buffer[0..<fileEnd]))
            }
        }
        return try result.get()
    }

    /// Writes and syncs buffered records, then closes the file; later calls throw `closed`.
    ///
    /// A failure of that last write cannot be reported here; call ``flush()`` first where it
    /// matters. Closing twice does nothing.
    public func close() {
        lock.lock()
        guard descriptor != nil else {
            lock.unlock()
            return
        }
        if failure == nil { handOffPendingBatch() }
        lock.unlock()
        waitForWriter()
        lock.lock()
        defer { lock.unlock() }
        descriptor?.close()
        descriptor = nil
    }

    // MARK: Private, called with the lock held

    private func usableDescriptor() throws(LedgerJournalError) -> JournalFileDescriptor {
        guard let descriptor else {
            throw LedgerJournalError(code: .closed, message: "the journal is closed", path: fileURL.path)
        }
        if let failure {
            throw failure
        }
        return descriptor
    }

    /// Moves the buffered batch to the writer queue and makes sure a drain is scheduled.
    private func handOffPendingBatch() {
        guard !pendingRecords.isEmpty else { return }
        queuedBytes.append(contentsOf: pendingBytes)
        queuedRecords.append(contentsOf: pendingRecords)
        pendingBytes.removeAll(keepingCapacity: true)
        pendingRecords.removeAll(keepingCapacity: true)
        batchGeneration &+= 1
        guard !writerScheduled else { return }
        writerScheduled = true
        writer.async { [self] in drainQueue() }
    }

    /// Returns once every batch handed to the writer so far is written and synced (or failed).
    /// Called without the lock.
    func waitForWriter() {
        if DispatchQueue.getSpecific(key: Self.writerKey) == true {
            drainQueue()
        } else {
            writer.sync {}
        }
    }

    // MARK: The writer queue

    /// Writes and syncs queued batches, oldest first, until the queue is empty. The lock is taken
    /// only to take a batch and to record its outcome: only this queue writes the file while
    /// group commit is on, so `fileEnd` cannot move under it.
    private func drainQueue() {
        while true {
            lock.lock()
            guard let descriptor, failure == nil, !queuedBytes.isEmpty else {
                writerScheduled = false
                lock.unlock()
                return
            }
            let frames = queuedBytes
            let recordCount = queuedRecords.count
            let offset = fileEnd
            queuedBytes = []
            lock.unlock()

            var writeError: LedgerJournalError?
            do {
                try descriptor.write(frames, at: offset)
                try descriptor.sync()
            } catch {
                writeError = error
                try? descriptor.truncate(to: offset)
            }

            lock.lock()
            if let writeError {
                // Acknowledged changes are gone; make every later call say so.
                var lost = writeError
                lost.message =
                    "a group commit batch could not be written; acknowledged changes are lost: " + writeError.message
                failure = lost
                queuedRecords.removeAll()
                queuedBytes.removeAll()
                writerScheduled = false
                let waiting = waiters
                waiters = []
                lock.unlock()
                for waiter in waiting { waiter.completion(lost) }
                return
            }
            fileEnd = offset + frames.count
            queuedRecords.removeFirst(recordCount)
            durableSequence &+= UInt64(recordCount)
            var done: [Waiter] = []
            if !waiters.isEmpty {
                let durable = durableSequence
                done = waiters.filter { $0.sequence <= durable }
                waiters.removeAll { $0.sequence <= durable }
            }
            lock.unlock()
            for waiter in done { waiter.completion(nil) }
        }
    }

    private func scheduleDelayedFlush(after delay: Duration) {
        let generation = batchGeneration
        let (seconds, attoseconds) = delay.components
        // Clamped so that an absurd delay (years) cannot overflow the nanosecond count.
        let nanoseconds = min(max(0, seconds), 1_000_000_000) * 1_000_000_000 + max(0, attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [weak self] in
            self?.flushDelayedBatch(generation: generation)
        }
    }

    private func flushDelayedBatch(generation: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == batchGeneration, descriptor != nil, failure == nil else { return }
        // A failure is kept in `failure` and reported by the next call.
        handOffPendingBatch()
    }
}
