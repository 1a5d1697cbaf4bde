import Foundation
public import Logging
public import ServiceLifecycle

/// A server instance's identity on the PostgreSQL store, and the proof that it is alive: a
/// session-level advisory lock on the instance's name, held on a connection of its own for as
/// long as the process lives.
///
/// ``acquire()`` takes the lock at start (refused while another live process runs under the same
/// name); as a `Service`, the lock is checked every ``heartbeat`` and taken back after a lost
/// connection. When the process dies its connection closes and PostgreSQL releases the lock at
/// once (for a machine that vanishes, when TCP keepalive gives up on the connection): other
/// instances then see the instance dead (``PostgresInFlightRecovery/isAlive(instance:)``) and
/// resolve the payments it left in flight. The journal records the name in every row it appends
/// (``PostgresJournal/instanceId``).
public final class PostgresInstanceLock: Service, Sendable {
    /// The instance's name.
    public let instanceId: String
    /// How often the lock is checked and, after a lost connection, taken back. Default 1 second.
    public let heartbeat: Duration
    private let lease: PostgresWorkLease
    private let logger: Logger

    /// Creates the lock; it connects in ``acquire()``.
    ///
    /// - Parameters:
    ///   - instanceId: The instance's name (see ``InFlightRecoverySettings/instanceId``).
    ///   - settings: Where the database is.
    ///   - heartbeat: How often the lock is checked. Default 1 second.
    ///   - logger: The log.
    public init(
        instanceId: String, settings: PostgresSettings, heartbeat: Duration = .seconds(1),
        logger: Logger = Logger(label: "drv-payments-instance")
    ) {
        self.instanceId = instanceId
        self.heartbeat = heartbeat
        self.lease = PostgresWorkLease(settings: settings, logger: logger)
        self.logger = logger
    }

    /// The advisory lock key of an instance, the same in every process.
    ///
    /// - Parameter instance: The instance's name.
    /// - Returns: The key (in the work leases' key space, under a name no job has).
    public static func lockKey(instance: String) -> Int64 {
        PostgresWorkLease.lockKey(job: jobName(instance))
    }

    private static func jobName(_ instance: String) -> String { "instance:" + instance }

    /// Takes the instance's lock.
    ///
    /// - Throws: ``ServerError`` with code `invalid-configuration` when another live process
    ///   holds it (two processes configured with the same instance name) or the database cannot
    ///   be reached.
    public func acquire() async throws(ServerError) {
        guard await lease.acquire(job: Self.jobName(instanceId)) else {
            throw ServerError(
                code: .invalidConfiguration,
                message: "cannot take the lock of instance \(instanceId) in \(lease.settings): another live "
                    + "instance runs under that name, or the database cannot be reached")
        }
    }

    /// Whether this process holds the instance's lock now; after a lost connection it takes the
    /// lock back first.
    public func isHeld() async -> Bool { await lease.acquire(job: Self.jobName(instanceId)) }

    /// Checks the lock every ``heartbeat`` until graceful shutdown, then releases it.
    public func run() async throws {
        var held = true
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.heartbeat) }
            } catch {
                break
            }
            let now = await isHeld()
            if now != held {
                if now {
                    logger.notice("took the lock of instance \(instanceId) back")
                } else {
                    logger.error(
                        "lost the lock of instance \(instanceId): other instances may take this one for dead")
                }
            }
            held = now
        }
        await close()
    }

    /// Releases the lock and closes its connection.
    public func close() async { await lease.close() }

    /// A new instance name: the host name, the process identifier and 8 random hexadecimal
    /// digits, such as `web-2-4711-9f3a0c1e`.
    public static func newInstanceId() -> String {
        let host = ProcessInfo.processInfo.hostName.prefix(40).map {
            InFlightRecoverySettings.isNameCharacter($0) ? $0 : "-"
        }
        let hex = String(UInt32.random(in: .min ... .max), radix: 16)
        let random = String(repeating: "0", count: 8 - hex.count) + hex
        return "\(String(host))-\(ProcessInfo.processInfo.processIdentifier)-\(random)"
    }
}
