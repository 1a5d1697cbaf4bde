public import Logging
import NIOCore
import NIOPosix
public import PaymentLedger
import PostgresNIO

/// Resolves the payments (and card refunds) in flight that a dead instance left, on a ledger in
/// PostgreSQL shared by several instances, and never those a live instance is charging.
///
/// For each operation in flight that no task of this process is processing, the recovery finds
/// the journal row that put it in flight (the newest `paymentEntered` of the payment in flight,
/// or `refundRequested` of the refund in flight, among the booking's rows) and that row's
/// `instance_id` and age (``PostgresSchema`` version 3). It is resolved — by
/// `Ledger.reconcile(gateway:vouchers:resolving:)`: asking the gateway by the attempt's key,
/// captured → `Settled`, not taken → `Failed` — when:
/// - its row is older than ``InFlightRecoverySettings/minimumAge`` (the safety net); or
/// - the row names this instance (left by an earlier process under the same configured name:
///   what this process is charging is never asked about); or
/// - the row names another instance whose lock (``PostgresInstanceLock``) is free, and still free
///   after ``InFlightRecoverySettings/deadInstanceGrace``.
///
/// Anything else — a live owner, a row that names no instance (appended before the migration or
/// by an older program) and is younger than the minimum age, a row that cannot be found — is
/// left in flight. Two instances that recover the same payment at once enter its outcome once:
/// the ledger journals it only while the attempt is in flight, and the database refuses the
/// second instance's stale append.
public final class PostgresInFlightRecovery: InFlightRecovering {
    /// The ledger, over a ``PostgresJournal``.
    public let ledger: Ledger
    /// The gateway the attempts went to.
    public let gateway: any PaymentGateway
    /// The voucher validation.
    public let vouchers: any VoucherValidator
    /// Where the database is.
    public let settings: PostgresSettings
    /// This instance's name.
    public let instanceId: String
    /// The minimum age and the grace.
    public let recovery: InFlightRecoverySettings
    /// How often the scheduled pass runs (``InFlightRecoverySettings/interval``).
    public var interval: Duration { recovery.interval }
    private let logger: Logger

    /// Creates the recovery.
    ///
    /// - Parameters:
    ///   - ledger: The ledger over a ``PostgresJournal``.
    ///   - gateway: The gateway the attempts went to.
    ///   - vouchers: The voucher validation.
    ///   - settings: Where the database is.
    ///   - instanceId: This instance's name.
    ///   - recovery: The minimum age and the grace.
    ///   - logger: The log.
    public init(
        ledger: Ledger, gateway: any PaymentGateway, vouchers: any VoucherValidator, settings: PostgresSettings,
        instanceId: String, recovery: InFlightRecoverySettings,
        logger: Logger = Logger(label: "drv-payments-recovery")
    ) {
        self.ledger = ledger
        self.gateway = gateway
        self.vouchers = vouchers
        self.settings = settings
        self.instanceId = instanceId
        self.recovery = recovery
        self.logger = logger
    }

    /// Who put an operation in flight, and how long ago.
    struct Origin: Hashable, Sendable {
        /// The instance; `nil` for a row that names none.
        var instanceId: String?
        /// The row's age in seconds by the database's clock.
        var ageSeconds: Double
    }

    /// Resolves what dead instances left in flight.
    ///
    /// - Returns: What was resolved (or could not be, the gateway being unreachable).
    /// - Throws: ``ServerError`` with code `ledger-unavailable` when the database cannot be
    ///   reached or an outcome cannot be journaled.
    public func recover() async throws(ServerError) -> ReconciliationReport {
        // What the other instances put in flight lately, so that the pass sees it.
        do {
            try ledger.followOtherWriters()
        } catch {
            throw ServerError(
                code: .ledgerUnavailable, message: "in-flight recovery cannot follow the journal: \(error)")
        }
        let connection = try await connect()
        defer { Task { try? await connection.close() } }
        // Whose lock was seen free, and when, in this pass.
        var liveness: [String: Bool] = [:]
        var failure: String?
        let report: ReconciliationReport
        do {
            report = try await ledger.reconcile(gateway: gateway, vouchers: vouchers) { operation in
                do {
                    return try await self.mayResolve(operation, on: connection, liveness: &liveness)
                } catch {
                    failure = "\(error)"
                    return false
                }
            }
        } catch {
            throw ServerError(code: .ledgerUnavailable, message: "in-flight recovery: \(error)")
        }
        if let failure {
            logger.warning("in-flight recovery left operations in flight: \(failure)")
        }
        if !report.entries.isEmpty || !report.refundEntries.isEmpty {
            logger.notice(
                "in-flight recovery",
                metadata: [
                    "resolved": "\(report.resolved.map(\.key.rawValue))",
                    "unresolved": "\(report.unresolved.map(\.key.rawValue))",
                    "refunds": "\(report.refundEntries.count)",
                ])
        }
        return report
    }

    /// A connection of its own for one pass.
    func connect() async throws(ServerError) -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: settings.connectionConfiguration(),
                id: 4, logger: logger)
        } catch {
            throw ServerError(
                code: .ledgerUnavailable,
                message: "in-flight recovery cannot connect to \(settings): \(PostgresJournal.describe(error))")
        }
    }

    /// Whether the rule lets this instance resolve an operation now.
    func mayResolve(
        _ operation: InFlightOperation, on connection: PostgresConnection, liveness: inout [String: Bool]
    ) async throws -> Bool {
        guard let origin = try await origin(of: operation, on: connection) else {
            logger.warning("no journal row put \(operation) in flight; left in flight")
            return false
        }
        if origin.ageSeconds >= Self.seconds(recovery.minimumAge) { return true }
        guard let owner = origin.instanceId else { return false }
        if owner == instanceId { return true }
        if let alive = liveness[owner] { return !alive }
        var alive = try await isAlive(instance: owner, on: connection)
        if !alive, recovery.deadInstanceGrace > .zero {
            try await Task.sleep(for: recovery.deadInstanceGrace)
            alive = try await isAlive(instance: owner, on: connection)
        }
        liveness[owner] = alive
        return !alive
    }

    /// The instance and age of the row that put an operation in flight: the booking's newest
    /// row whose record enters that payment (or refund) in flight.
    func origin(of operation: InFlightOperation, on connection: PostgresConnection) async throws -> Origin? {
        let rows = try await connection.query(
            """
            SELECT instance_id, extract(epoch FROM now() - appended_at)::float8, record
            FROM drv_ledger_records WHERE booking_id = \(operation.bookingId.value) ORDER BY seq DESC
            """, logger: logger)
        // Every row is read (a booking has few), so that the connection is free for the next query.
        var origin: Origin?
        for try await (instance, age, record) in rows.decode((String?, Double, ByteBuffer).self) where origin == nil {
            var record = record
            guard let bytes = record.readData(length: record.readableBytes),
                let entry = LedgerHistoryEntry(journalRecord: bytes), Self.puts(entry.event, inFlight: operation)
            else { continue }
            origin = Origin(instanceId: instance, ageSeconds: age)
        }
        return origin
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Whether an event is the one that put the operation in flight.
    static func puts(_ event: LedgerEvent, inFlight operation: InFlightOperation) -> Bool {
        switch (event, operation) {
        case (.paymentEntered(let bookingId, let payment), .payment(let key)):
            return bookingId == key.bookingId && payment.identifier == key.paymentId && payment.isInFlight
        case (.refundRequested(let bookingId, let refund), .refund(let refundBooking, let refundId)):
            return bookingId == refundBooking && refund.identifier == refundId && refund.isInFlight
        default:
            return false
        }
    }

    /// Whether an instance holds its lock (``PostgresInstanceLock``) in this database now.
    ///
    /// - Parameters:
    ///   - instance: The instance's name.
    ///   - connection: A connection to the database.
    /// - Returns: `true` while the instance's process lives.
    func isAlive(instance: String, on connection: PostgresConnection) async throws -> Bool {
        let key = PostgresInstanceLock.lockKey(instance: instance)
        let rows = try await connection.query(
            """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((classid::bigint << 32) | objid::bigint) = \(key)
            """, logger: logger)
        var count: Int64 = 0
        for try await value in rows.decode(Int64.self) { count = value }
        return count > 0
    }
}
