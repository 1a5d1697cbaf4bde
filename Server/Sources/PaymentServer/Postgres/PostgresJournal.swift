public import Foundation
public import Logging
import NIOCore
import NIOPosix
public import PaymentLedger
import PostgresNIO
import Synchronization

/// The ledger's journal in a PostgreSQL table, shared by several server instances.
///
/// Each record is one row of `drv_ledger_records` (the library's binary record, as `bytea`)
/// under a global sequence, with the booking it concerns and that booking's version. An append
/// goes through `drv_ledger_append`, which inserts the change only at the version this journal
/// last saw (``LedgerJournal/submit(_:concerning:)``), so that two instances that checked a
/// change against the same state cannot both append it: the second gets `conflict`, the ledger
/// folds ``recordsOfOtherWriters()`` and checks the change again. Every append commits with
/// `synchronous_commit` on before it returns.
///
/// The journal's calls are synchronous, as the protocol's are: they block the calling thread on
/// a connection that runs on the journal's own event loop, never on the caller's. Calls are
/// serialised (the ledger holds its lock around them anyway).
public final class PostgresJournal: LedgerJournal, Sendable {
    /// The largest record accepted: 16 MiB, which protects the database and every instance's
    /// memory from one runaway change.
    public static let maximumRecordSize = 16 << 20
    /// The rows read per query during replay and follow-up: 10,000, so that no query holds every
    /// row of a large ledger.
    public static let batchSize = 10_000
    /// The channel every append notifies at commit, with its last sequence number.
    public static let notificationChannel = PostgresSchema.channel

    /// Where the database is.
    public let settings: PostgresSettings
    /// The server instance this journal appends for, recorded in each row's `instance_id`;
    /// `nil` records none.
    public let instanceId: String?
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let state: Mutex<State>

    struct State: ~Copyable {
        var connection: PostgresConnection?
        /// The highest sequence number handed to the ledger or appended by this journal.
        var lastSequence: Int64 = 0
        /// The version of each booking as of what the ledger has seen.
        var versions: [String: Int64] = [:]
        /// Rows this journal appended that the follow-up has not passed yet.
        var ownSequences: Set<Int64> = []
        /// Whether the ledger's replay has set the follow-up's start.
        var replayed = false
        var closed = false
    }

    private init(settings: PostgresSettings, instanceId: String?, logger: Logger) {
        self.settings = settings
        self.instanceId = instanceId
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.logger = logger
        self.state = Mutex(State())
    }

    /// Connects, creates or migrates the schema, and returns the journal.
    ///
    /// - Parameters:
    ///   - settings: Where the database is.
    ///   - instanceId: The server instance appending (see ``PostgresInstanceLock``), recorded in
    ///     every row this journal appends. Default `nil`, none.
    ///   - logger: The log. Default one labelled `drv-payments-postgres`.
    /// - Returns: The journal, not yet replayed.
    /// - Throws: ``LedgerJournalError`` with code `io-error` when the database cannot be reached
    ///   or migrated, or `not-a-journal` when its schema is newer than this program knows.
    public static func open(
        settings: PostgresSettings, instanceId: String? = nil,
        logger: Logger = Logger(label: "drv-payments-postgres")
    ) throws(LedgerJournalError) -> PostgresJournal {
        let journal = PostgresJournal(settings: settings, instanceId: instanceId, logger: logger)
        do {
            _ = try journal.state.withLock { state throws(LedgerJournalError) in
                try PostgresMigrator.migrate { query throws(LedgerJournalError) in try journal.run(query, in: &state) }
            }
        } catch {
            journal.close()
            throw error
        }
        return journal
    }

    /// The schema version of the database, as recorded by the migrations.
    ///
    /// - Returns: The newest applied version; 0 for an empty database.
    /// - Throws: ``LedgerJournalError`` with code `io-error` or `closed`.
    public func schemaVersion() throws(LedgerJournalError) -> Int {
        try state.withLock { state throws(LedgerJournalError) in
            try PostgresMigrator.currentVersion { query throws(LedgerJournalError) in try run(query, in: &state) }
        }
    }

    // MARK: LedgerJournal

    /// Appends records that concern no booking (see ``submit(_:concerning:)``).
    public func append(_ records: [Data]) throws(LedgerJournalError) {
        _ = try submit(records, concerning: nil)
    }

    /// Appends the records of one change in one transaction, only if `bookingKey` is still at
    /// the version this journal last saw; returns once the change is committed.
    ///
    /// - Throws: ``LedgerJournalError`` with code `conflict` (another instance changed the
    ///   booking first), `record-too-large`, `io-error` or `closed`.
    public func submit(_ records: [Data], concerning bookingKey: String?) throws(LedgerJournalError) -> JournalTicket {
        guard !records.isEmpty else { return .durable }
        for record in records where record.count > Self.maximumRecordSize {
            throw LedgerJournalError(
                code: .recordTooLarge,
                message: "a record of \(record.count) bytes exceeds the limit of \(Self.maximumRecordSize)")
        }
        return try state.withLock { state throws(LedgerJournalError) -> JournalTicket in
            let expected = bookingKey.flatMap { state.versions[$0] } ?? 0
            let buffers = records.map { ByteBuffer(bytes: $0) }
            let query: PostgresQuery = "SELECT drv_ledger_append(\(bookingKey), \(expected), \(buffers))"
            let rows = try run(query, in: &state)
            let sequences: [Int64]?
            do {
                sequences = try rows.first?.decode([Int64]?.self)
            } catch {
                throw LedgerJournalError(code: .ioError, message: "PostgreSQL returned no sequence numbers: \(error)")
            }
            guard let sequences else {
                throw LedgerJournalError(
                    code: .conflict,
                    message: "booking \(bookingKey ?? "-") changed in another instance after version \(expected)")
            }
            if let bookingKey { state.versions[bookingKey] = expected + 1 }
            for sequence in sequences where sequence > state.lastSequence { state.ownSequences.insert(sequence) }
            return .durable
        }
    }

    /// Every record in sequence order, read in batches of ``batchSize``.
    ///
    /// The first replay (the ledger's, at open) also sets where ``recordsOfOtherWriters()``
    /// starts and the booking versions; a later one (a booking's history) only reads, so that
    /// the other instances' records the ledger has not folded yet are still handed to it.
    ///
    /// - Throws: ``LedgerJournalError`` with code `io-error` or `closed`.
    public func replay() throws(LedgerJournalError) -> [Data] {
        try state.withLock { state throws(LedgerJournalError) in
            guard state.replayed else {
                state.replayed = true
                state.lastSequence = 0
                state.versions = [:]
                state.ownSequences = []
                return try readNewRows(in: &state)
            }
            // A booking's history: read everything on the same connection, with a state of its own.
            guard !state.closed else { throw LedgerJournalError(code: .closed, message: "the journal is closed") }
            var copy = State()
            copy.connection = state.connection
            defer { state.connection = copy.connection }
            return try readNewRows(in: &copy)
        }
    }

    /// The records other instances appended since the replay or the last call, in sequence order.
    ///
    /// - Throws: ``LedgerJournalError`` with code `io-error` or `closed`.
    public func recordsOfOtherWriters() throws(LedgerJournalError) -> [Data] {
        try state.withLock { state throws(LedgerJournalError) in try readNewRows(in: &state) }
    }

    /// Closes the connection and the journal's event loop; later calls throw `closed`.
    public func close() {
        let connection = state.withLock { state -> PostgresConnection? in
            guard !state.closed else { return nil }
            state.closed = true
            defer { state.connection = nil }
            return state.connection
        }
        try? connection?.close().wait()
        group.shutdownGracefully { _ in }
    }

    /// The highest sequence number the journal has handed to the ledger or appended.
    public var lastSequence: Int64 { state.withLock { $0.lastSequence } }

    // MARK: Internals

    /// Reads every row after `lastSequence` in batches, skipping this journal's own rows, and
    /// moves `lastSequence` and the booking versions along.
    private func readNewRows(in state: inout State) throws(LedgerJournalError) -> [Data] {
        var records: [Data] = []
        while true {
            let after = state.lastSequence
            let query: PostgresQuery = """
                SELECT seq, booking_id, booking_version, record FROM drv_ledger_records
                WHERE seq > \(after) ORDER BY seq LIMIT \(Self.batchSize)
                """
            let rows = try run(query, in: &state)
            for row in rows {
                let sequence: Int64
                let booking: String?
                let version: Int64?
                var record: ByteBuffer
                do {
                    (sequence, booking, version, record) = try row.decode((Int64, String?, Int64?, ByteBuffer).self)
                } catch {
                    throw LedgerJournalError(
                        code: .corruptJournal, message: "a row after \(after) does not decode: \(error)")
                }
                state.lastSequence = sequence
                if let booking, let version { state.versions[booking] = max(state.versions[booking] ?? 0, version) }
                if state.ownSequences.remove(sequence) != nil { continue }
                records.append(record.readData(length: record.readableBytes) ?? Data())
            }
            if rows.count < Self.batchSize { return records }
        }
    }

    /// Runs a query on the journal's connection, connecting first when there is none; a
    /// database error becomes `io-error`, a unique violation of the version constraint
    /// `conflict`.
    func run(_ query: PostgresQuery, in state: inout State) throws(LedgerJournalError) -> [PostgresRow] {
        guard !state.closed else { throw LedgerJournalError(code: .closed, message: "the journal is closed") }
        let connection = try connection(in: &state)
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch {
            if connection.isClosed { state.connection = nil }
            if let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" {
                throw LedgerJournalError(code: .conflict, message: "another instance appended the same booking version")
            }
            throw LedgerJournalError(code: .ioError, message: "PostgreSQL: \(Self.describe(error))")
        }
    }

    private func connection(in state: inout State) throws(LedgerJournalError) -> PostgresConnection {
        if let connection = state.connection, !connection.isClosed { return connection }
        do {
            let connection = try PostgresConnection.connect(
                on: group.next(), configuration: settings.connectionConfiguration(), id: 1, logger: logger
            ).wait()
            if let instanceId {
                // Every row appended on this connection names the instance (the column's default).
                do {
                    _ = try connection.query(
                        "SELECT set_config(\(PostgresSchema.instanceSetting), \(instanceId), false)", logger: logger
                    ).wait()
                } catch {
                    try? connection.close().wait()
                    throw error
                }
            }
            state.connection = connection
            return connection
        } catch {
            throw LedgerJournalError(
                code: .ioError, message: "cannot connect to \(settings): \(Self.describe(error))")
        }
    }

    /// The server's message and SQLSTATE for a PostgreSQL error (PostgresNIO's own description
    /// hides them), else the error's description.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo {
            return "\(info[.message] ?? "error") (SQLSTATE \(info[.sqlState] ?? "?"))"
        }
        return "\(error.code)"
    }
}
