public import Logging
public import ServiceLifecycle

/// Runs an in-flight recovery every ``InFlightRecovering/interval`` under the scheduled work
/// lease of the job ``jobName``: with ``PostgresInFlightRecovery`` one instance at a time resolves
/// what dead instances left in flight, and another takes the job over when that one dies; with
/// ``LocalInFlightRecovery`` the one process resolves what lost gateway answers left.
public struct InFlightRecoveryService: Service {
    /// The job's name in the work lease.
    public static let jobName = "in-flight-recovery"
    /// The recovery.
    public let recovery: any InFlightRecovering
    /// The lease the job runs under.
    public let lease: any ScheduledWorkLease
    private let logger: Logger

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - recovery: The recovery, with its interval.
    ///   - lease: The lease (a ``PostgresWorkLease``, or ``InProcessWorkLease`` for one process).
    ///   - logger: The log.
    public init(
        recovery: any InFlightRecovering, lease: any ScheduledWorkLease,
        logger: Logger = Logger(label: "drv-payments-recovery")
    ) {
        self.recovery = recovery
        self.lease = lease
        self.logger = logger
    }

    /// Recovers every interval until graceful shutdown; an interval of zero does nothing.
    public func run() async throws {
        let interval = recovery.interval
        guard interval > .zero else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
            await runOnce()
        }
    }

    /// One pass, if this instance gets the lease.
    ///
    /// - Returns: Whether the pass ran.
    @discardableResult
    public func runOnce() async -> Bool {
        guard await lease.acquire(job: Self.jobName) else { return false }
        do {
            _ = try await recovery.recover()
        } catch {
            logger.error("in-flight recovery failed: \(error)")
        }
        await lease.release(job: Self.jobName)
        return true
    }
}
