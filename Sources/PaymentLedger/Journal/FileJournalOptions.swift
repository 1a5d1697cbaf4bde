/// How a ``FileJournal`` trades durability for throughput, and how large a record may be.
///
/// The defaults are the safe choice: every append is on disk before it returns.
public struct FileJournalOptions: Sendable, Hashable {
    /// When appended records reach stable storage.
    public enum Durability: Sendable, Hashable {
        /// Every change is written and synced before it is acknowledged, so a change that was
        /// acknowledged survives a crash or power loss. The journal's writer queue does the
        /// writing: changes that arrive while it syncs share its next sync, and the ledger waits
        /// for the sync after releasing its lock, so readers never wait for the disk.
        case fsyncEachAppend
        /// Appends are buffered in memory; a batch is handed to the journal's writer queue when
        /// it holds at least `maxRecords` records, when `maxDelay` has passed since its first
        /// append, when ``FileJournal/flush()`` is called, or when the journal is closed. The
        /// writer writes and syncs batches one after another, in order, while appends go on; an
        /// append waits for it only when it falls more than 16 batches behind.
        /// ``FileJournal/flush()`` and ``FileJournal/close()`` return once every batch is synced.
        ///
        /// What a crash may lose: every change appended since the last synced batch, that is
        /// about `maxRecords` records or `maxDelay` worth of changes plus what the writer has not
        /// yet synced (at most 16 more batches when the disk cannot keep up), although each of
        /// those ``FileJournal/append(_:)`` calls already returned. Changes are lost whole and from the end: what survives is always a prefix of
        /// the acknowledged changes, never half a change and never a gap. Call
        /// ``FileJournal/flush()`` where a caller must know its change is durable.
        ///
        /// If a batch cannot be written or synced, its changes are lost and the journal refuses
        /// every later call with `io-error`, so the loss cannot go unnoticed.
        case groupCommit(maxRecords: Int, maxDelay: Duration)
    }

    /// When appended records reach stable storage. The default is ``Durability/fsyncEachAppend``,
    /// which protects every acknowledged change against a crash.
    public var durability: Durability

    /// The largest record, in bytes, that ``FileJournal/append(_:)`` accepts; larger records are
    /// refused with `record-too-large`. The default is 16 MiB, which protects the ledger against a
    /// runaway record that would make every later replay slow or exhaust memory. Reading never
    /// depends on this value, so it may be lowered for a journal written with a higher one.
    public var maximumRecordSize: Int

    /// Whether every change is synced before it is acknowledged.
    var syncsEachAppend: Bool {
        if case .fsyncEachAppend = durability { return true }
        return false
    }

    /// Creates options.
    ///
    /// - Parameters:
    ///   - durability: When appended records reach stable storage. The default is
    ///     ``Durability/fsyncEachAppend``.
    ///   - maximumRecordSize: The largest record in bytes. The default is 16 MiB (16,777,216).
    public init(durability: Durability = .fsyncEachAppend, maximumRecordSize: Int = 16 * 1024 * 1024) {
        self.durability = durability
        self.maximumRecordSize = maximumRecordSize
    }
}
