import Logging
public import PaymentLedger
public import ServiceLifecycle

/// The ledger as a service of the process: it runs until graceful shutdown and then closes the
/// ledger, which flushes and unlocks the journal.
///
/// Placed first in the service group, it is shut down last: the HTTP server has finished its
/// in-flight requests by then, so no change is cut off.
public struct LedgerService: Service {
    /// The ledger the process owns.
    public let ledger: Ledger
    /// Marked as draining when shutdown begins.
    public let readiness: Readiness

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - readiness: The readiness flag.
    public init(ledger: Ledger, readiness: Readiness) {
        self.ledger = ledger
        self.readiness = readiness
    }

    /// Waits for graceful shutdown or cancellation, then closes the ledger.
    public func run() async throws {
        try? await gracefulShutdown()
        readiness.beginShutdown()
        ledger.close()
    }
}

/// Flips ``Readiness`` to draining as soon as shutdown begins: placed last in the service group,
/// it is the first to hear of it, before the HTTP server stops accepting.
public struct ReadinessService: Service {
    /// The readiness flag.
    public let readiness: Readiness

    /// Creates the service.
    ///
    /// - Parameter readiness: The flag.
    public init(readiness: Readiness) { self.readiness = readiness }

    /// Waits for graceful shutdown, then marks the server as draining.
    public func run() async throws {
        try? await gracefulShutdown()
        readiness.beginShutdown()
    }
}
