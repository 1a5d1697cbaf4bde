public import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Permission to run a scheduled job on exactly one instance: a PostgreSQL session-level
/// advisory lock per job, held on a connection of its own.
///
/// ``acquire(job:)`` takes the job's lock if no instance holds it; ``renew(job:)`` checks that
/// the connection (and so the lock) is still alive; ``release(job:)`` gives it up. When the
/// instance that holds a lease dies, its connection closes and PostgreSQL releases the lock at
/// once (for a machine that vanishes, when TCP keepalive gives up on the connection): the next
/// ``acquire(job:)`` of another instance gets it. Its methods match the scheduler's
/// `ScheduledWorkLease` protocol.
public final class PostgresWorkLease: Sendable {
    /// Where the database is.
    public let settings: PostgresSettings
    private let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let state = Mutex(State())

    struct State {
        var connection: PostgresConnection?
        var held: Set<String> = []
        var closed = false
    }

    /// Creates the lease; it connects when first asked.
    ///
    /// - Parameters:
    ///   - settings: Where the database is.
    ///   - logger: The log.
    public init(settings: PostgresSettings, logger: Logger = Logger(label: "drv-payments-lease")) {
        self.settings = settings
        self.logger = logger
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// The advisory lock key of a job: the job's name hashed into the key space with FNV-1a,
    /// the same in every instance.
    public static func lockKey(job: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "drv-payments-job:\(job)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    /// Tries to take the lease of a job.
    ///
    /// - Parameter job: The job's name, such as `instalment-autopay`.
    /// - Returns: Whether this instance holds the lease now (also when it held it already).
    public func acquire(job: String) async -> Bool {
        guard let connection = await connection() else { return false }
        if state.withLock({ $0.held.contains(job) }) { return await renew(job: job) }
        do {
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(\(Self.lockKey(job: job)))", logger: logger)
            var granted = false
            for try await value in rows.decode(Bool.self) { granted = value }
            if granted { state.withLock { _ = $0.held.insert(job) } }
            return granted
        } catch {
            logger.warning("cannot take the lease of \(job): \(PostgresJournal.describe(error))")
            drop(connection)
            return false
        }
    }

    /// Confirms that this instance still holds the lease of a job: its connection is alive and
    /// the lock is among the connection's locks.
    ///
    /// - Parameter job: The job's name.
    /// - Returns: Whether the lease is still held.
    public func renew(job: String) async -> Bool {
        guard state.withLock({ $0.held.contains(job) }), let connection = await connection() else { return false }
        let key = Self.lockKey(job: job)
        do {
            let rows = try await connection.query(
                """
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                AND granted AND ((classid::bigint << 32) | objid::bigint) = \(key)
                """, logger: logger)
            var count: Int64 = 0
            for try await value in rows.decode(Int64.self) { count = value }
            if count == 0 { state.withLock { _ = $0.held.remove(job) } }
            return count > 0
        } catch {
            drop(connection)
            return false
        }
    }

    /// Gives the lease of a job up.
    ///
    /// - Parameter job: The job's name.
    public func release(job: String) async {
        guard state.withLock({ $0.held.remove(job) }) != nil, let connection = await connection() else { return }
        _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey(job: job)))", logger: logger)
    }

    /// Closes the connection, which releases every lease.
    public func close() async {
        let connection = state.withLock { state -> PostgresConnection? in
            state.closed = true
            state.held = []
            defer { state.connection = nil }
            return state.connection
        }
        try? await connection?.close()
        try? await group.shutdownGracefully()
    }

    private func connection() async -> PostgresConnection? {
        if let connection = state.withLock({ $0.closed ? nil : $0.connection }), !connection.isClosed {
            return connection
        }
        guard !state.withLock({ $0.closed }) else { return nil }
        do {
            let connection = try await PostgresConnection.connect(
                on: group.next(), configuration: settings.connectionConfiguration(), id: 3, logger: logger)
            let kept = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                // Locks of a lost connection are gone with it.
                state.held = []
                state.connection = connection
                return true
            }
            if !kept { try? await connection.close() }
            return kept ? connection : nil
        } catch {
            logger.warning("cannot connect for leases: \(PostgresJournal.describe(error))")
            return nil
        }
    }

    private func drop(_ connection: PostgresConnection) {
        state.withLock { state in
            if state.connection === connection {
                state.connection = nil
                state.held = []
            }
        }
        Task { try? await connection.close() }
    }
}
