public import Foundation

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

    /// Makes pending records durable and releases the storage; later calls throw `closed`.
    ///
    /// Closing twice does nothing.
    func close()
}
