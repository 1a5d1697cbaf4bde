public import PaymentLedger

/// A way of resolving payments left in flight, run at start and every ``interval`` by
/// ``InFlightRecoveryService``: ``LocalInFlightRecovery`` for the file journal, which one process
/// owns; ``PostgresInFlightRecovery`` for a database shared by several instances, where only
/// what dead instances left may be resolved.
public protocol InFlightRecovering: Sendable {
    /// How often the scheduled pass runs; zero turns the schedule off.
    var interval: Duration { get }

    /// Resolves what may be resolved now, by asking the gateway.
    ///
    /// - Returns: What was resolved, and what could not be (the gateway being unreachable).
    func recover() async throws -> ReconciliationReport
}
