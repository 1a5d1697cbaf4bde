public import Logging
import NIOCore
import NIOPosix
public import PaymentLedger
import PostgresNIO
public import ServiceLifecycle

/// Keeps an instance's in-memory ledger up to date with the other instances' changes: listens
/// on the journal's notification channel and folds the new records at each notification, and
/// also every ``pollInterval`` in case a notification was missed (while reconnecting).
///
/// Changes never depend on it for correctness (an append at a stale version conflicts and the
/// ledger catches up by itself); it makes reads — retrievals, overviews, the portal — current
/// within a notification's delay.
public struct LedgerFollowerService: Service {
    /// The ledger to keep current.
    public let ledger: Ledger
    /// Where the database is.
    public let settings: PostgresSettings
    /// How often the ledger looks for new records without a notification. Default 1 second.
    public let pollInterval: Duration
    /// The log.
    public let logger: Logger

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - ledger: The ledger over a ``PostgresJournal``.
    ///   - settings: Where the database is.
    ///   - pollInterval: How often to look without a notification. Default 1 second.
    ///   - logger: The log.
    public init(
        ledger: Ledger, settings: PostgresSettings, pollInterval: Duration = .seconds(1),
        logger: Logger = Logger(label: "drv-payments-follower")
    ) {
        self.ledger = ledger
        self.settings = settings
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Follows until graceful shutdown.
    public func run() async throws {
        // Graceful shutdown cancels the listening and the polling.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await listen() }
                group.addTask { await poll() }
                await group.waitForAll()
            }
        }
    }

    private func follow() {
        do {
            try ledger.followOtherWriters()
        } catch {
            logger.error("cannot follow the other instances' changes: \(error)")
        }
    }

    private func poll() async {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: pollInterval)
            follow()
        }
    }

    private func listen() async {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let connection = try await PostgresConnection.connect(
                    on: group.next(), configuration: settings.connectionConfiguration(), id: 2, logger: logger)
                defer { Task { try? await connection.close() } }
                follow()
                try await connection.listen(on: PostgresJournal.notificationChannel) { notifications in
                    for try await _ in notifications {
                        follow()
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("listening for ledger changes failed, retrying: \(PostgresJournal.describe(error))")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
