import Dispatch
public import Foundation
import Synchronization

/// The durable storage behind the ledger: an append-only sequence of opaque records.
///
/// The ledger encodes every committed change as one or more records and hands them to
/// ``append(_:)`` in one call; on start it folds the records returned by ``replay()``.
/// ``FileJournal`` is the file-based implementation; any other store can take its place.
///
/// ## Implementing the journal over a database
///
/// - Keep one table with one row per record: an auto-incrementing sequence number as primary
///   key and the record bytes as a blob (for example
///   `CREATE TABLE ledger_journal (seq INTEGER PRIMARY KEY, record BLOB NOT NULL)`).
/// - ``append(_:)``: insert all records of the call in one transaction, in order, and commit
///   before returning. The transaction gives all-or-nothing; a synchronous commit (SQLite
///   `synchronous=FULL`, PostgreSQL `synchronous_commit=on`) gives durability. Map every failure
///   to ``LedgerJournalError`` with code `io-error` and roll back.
/// - ``replay()``: `SELECT record FROM ledger_journal ORDER BY seq`. The database detects torn
///   writes itself, so a database journal never needs to cut a tail.
/// - ``close()``: release the connection; later calls throw `closed`.
/// - Serialise calls (a connection per journal behind a lock, or a pool plus the transaction),
///   because the ledger calls the journal from many tasks.
/// - Never update or delete rows: the ledger's state is the fold of every record ever appended.
public protocol LedgerJournal: Sendable {
    /// Appends the records of one committed change, all or nothing.
    ///
    /// When the call returns, the records are durable, unless the implementation is configured
    /// for group commit (see ``FileJournalOptions/Durability/groupCommit(maxRecords:maxDelay:)``).
    /// After a crash, a replay returns either all of the records of this call or none of them.
    /// An empty array changes nothing.
    ///
    /// - Parameter records: The records of the change, in order.
    /// - Throws: ``LedgerJournalError`` with code `record-too-large`, `io-error` or `closed`;
    ///   the change is then not in the journal.
    func append(_ records: [Data]) throws(LedgerJournalError)

    /// Every record of every complete change, in append order.
    ///
    /// - Returns: The records, oldest first.
    /// - Throws: ``LedgerJournalError`` with code `io-error`, `corrupt-journal` or `closed`.
    func replay() throws(LedgerJournalError) -> [Data]

    /// Every record with where it is stored (a byte offset; `nil` where the store has none), so
    /// that a record that does not fold can be named. The default returns ``replay()`` without
    /// offsets.
    ///
    /// - Returns: The records, oldest first.
    /// - Throws: As ``replay()``.
    func replayWithOffsets() throws(LedgerJournalError) -> [(record: Data, byteOffset: Int?)]

    /// Makes pending records durable and releases the storage; later calls throw `closed`.
    ///
    /// Closing twice does nothing.
    func close()

    /// Hands the records of one committed change to the journal in order, without waiting for
    /// the disk; ``whenDurable(_:forced:_:)`` tells when they are durable.
    ///
    /// The ledger calls this while it holds its lock, so that changes reach the journal in the
    /// order they were applied, and waits for durability after releasing the lock: readers never
    /// wait for a disk sync. The default implementation calls ``append(_:)`` and returns
    /// ``JournalTicket/durable``.
    ///
    /// - Parameter records: The records of the change, in order.
    /// - Returns: The ticket to wait for.
    /// - Throws: As ``append(_:)``; the change is then not in the journal.
    func submit(_ records: [Data]) throws(LedgerJournalError) -> JournalTicket

    /// Calls `completion` once the change of `ticket` is durable, or with the error that keeps
    /// it from becoming durable.
    ///
    /// - Parameters:
    ///   - ticket: What ``submit(_:)`` returned.
    ///   - forced: `true` when the change must be on stable storage before `completion` runs,
    ///     whatever the journal's durability setting (an authorisation before the gateway is
    ///     asked); `false` for the durability the journal promises every change (with group
    ///     commit, none).
    ///   - completion: Called exactly once, on any thread; `nil` means durable.
    func whenDurable(
        _ ticket: JournalTicket, forced: Bool, _ completion: @escaping @Sendable (LedgerJournalError?) -> Void)

    /// Hands the records of one change that concerns `bookingKey` to the journal, only if no
    /// other writer has appended a change of that booking since this journal last handed the
    /// ledger records of it (by ``replay()``, ``recordsOfOtherWriters()`` or its own appends).
    ///
    /// A journal shared by several ledgers (several processes on one database) enforces this
    /// expected version in the store itself and throws code `conflict` when another writer came
    /// first; the ledger then folds ``recordsOfOtherWriters()`` and checks the change again
    /// against the new state. The ledger calls this, with its lock held, for every change. The
    /// default implementation, for a journal with one writer, calls ``submit(_:)``.
    ///
    /// - Parameters:
    ///   - records: The records of the change, in order.
    ///   - bookingKey: The booking the change concerns (its identifier's text), or `nil` for a
    ///     change of no booking, which is appended unconditionally.
    /// - Returns: The ticket to wait for.
    /// - Throws: As ``submit(_:)``, or ``LedgerJournalError`` with code `conflict`; the change
    ///   is then not in the journal.
    func submit(_ records: [Data], concerning bookingKey: String?) throws(LedgerJournalError) -> JournalTicket

    /// The records other writers appended since ``replay()`` or the last call, in append order.
    ///
    /// The ledger calls this with its lock held, in ``Ledger/followOtherWriters()`` and after a
    /// `conflict`, and folds the records. A journal with one writer returns nothing, which is the
    /// default implementation.
    ///
    /// - Returns: The new records of other writers, oldest first.
    /// - Throws: ``LedgerJournalError`` with code `io-error` or `closed`.
    func recordsOfOtherWriters() throws(LedgerJournalError) -> [Data]
}

extension LedgerJournal {
    /// ``replay()`` without offsets.
    public func replayWithOffsets() throws(LedgerJournalError) -> [(record: Data, byteOffset: Int?)] {
        try replay().map { ($0, nil) }
    }

    /// Appends through ``append(_:)``, which returns once the records are durable.
    public func submit(_ records: [Data]) throws(LedgerJournalError) -> JournalTicket {
        try append(records)
        return .durable
    }

    /// Blocks the calling thread until ``whenDurable(_:forced:_:)`` reports the ticket.
    ///
    /// - Parameters:
    ///   - ticket: What ``submit(_:)`` returned.
    ///   - forced: As for ``whenDurable(_:forced:_:)``.
    /// - Throws: The journal's error when the change cannot become durable.
    public func waitUntilDurable(_ ticket: JournalTicket, forced: Bool) throws(LedgerJournalError) {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<LedgerJournalError?>(nil)
        whenDurable(ticket, forced: forced) { error in
            outcome.withLock { $0 = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.withLock({ $0 }) { throw error }
    }

    /// Calls ``submit(_:)``: a journal with one writer has no other writer to conflict with.
    public func submit(_ records: [Data], concerning bookingKey: String?) throws(LedgerJournalError) -> JournalTicket {
        try submit(records)
    }

    /// Nothing: a journal with one writer has no other writers.
    public func recordsOfOtherWriters() throws(LedgerJournalError) -> [Data] { [] }

    /// Calls `completion` at once: ``submit(_:)`` made the records durable.
    public func whenDurable(
        _ ticket: JournalTicket, forced: Bool, _ completion: @escaping @Sendable (LedgerJournalError?) -> Void
    ) {
        completion(nil)
    }
}

/// A change handed to a ``LedgerJournal``: its place in the journal's order, to wait for.
public struct JournalTicket: Hashable, Sendable, Comparable {
    /// The number of records the journal had received when the change was complete.
    public let sequence: UInt64

    /// Creates a ticket.
    ///
    /// - Parameter sequence: The count of records received up to and including the change.
    public init(sequence: UInt64) { self.sequence = sequence }

    /// A ticket for a change that was durable when it was submitted.
    public static let durable = JournalTicket(sequence: 0)

    /// Orders tickets by sequence.
    public static func < (lhs: JournalTicket, rhs: JournalTicket) -> Bool { lhs.sequence < rhs.sequence }
}
