import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

@testable import PaymentServer

/// Failover: an instance resolves what a dead instance left in flight, never what a live one is
/// charging. Skipped without `DRV_TEST_POSTGRES_URL` (see ``TestDatabase``).
@Suite("In-flight recovery on PostgreSQL", .serialized, .enabled(if: TestDatabase.isAvailable))
struct InFlightRecoveryTests {
    /// A gateway whose answer to an authorisation is lost after it took the money (authorised and
    /// captured): the payment stays in flight in the ledger that asked.
    struct CapturedThenLostGateway: ForwardingGateway {
        let simulated: SimulatedPaymentGateway
        func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
            _ = try await simulated.authorize(request)
            _ = try await simulated.capture(request.key, amount: request.chargeAmount)
            throw SimulatedGatewayError(message: "the answer for \(request.key) was lost")
        }
    }

    /// One instance: its lock, its ledger, its recovery.
    struct Instance {
        let lock: PostgresInstanceLock
        let ledger: Ledger
        let recovery: PostgresInFlightRecovery

        func close() async {
            ledger.close()
            await lock.close()
        }
    }

    static let settings = InFlightRecoverySettings(minimumAge: .seconds(900), deadInstanceGrace: .milliseconds(100))

    private func start(
        _ name: String, on database: PostgresSettings, gateway: any PaymentGateway,
        recovery settings: InFlightRecoverySettings = settings
    ) async throws -> Instance {
        let lock = PostgresInstanceLock(instanceId: name, settings: database)
        try await lock.acquire()
        let ledger = try PaymentServerApp.openLedger(database: database, instanceId: name)
        let recovery = PostgresInFlightRecovery(
            ledger: ledger, gateway: gateway, vouchers: SimulatedVoucherValidator(), settings: database,
            instanceId: name, recovery: settings)
        return Instance(lock: lock, ledger: ledger, recovery: recovery)
    }

    /// Waits until the instance's lock is free: the server ends a closed session's locks as
    /// soon as its backend notices the connection gone, a moment after the close.
    private func waitUntilDead(_ name: String, seenBy recovery: PostgresInFlightRecovery) async throws {
        let connection = try await recovery.connect()
        var dead = false
        for _ in 0..<100 where !dead {
            dead = try await !recovery.isAlive(instance: name, on: connection)
            if !dead { try await Task.sleep(for: .milliseconds(50)) }
        }
        try await connection.close()
        #expect(dead, "instance \(name) still holds its lock")
    }

    /// Books B1 in `instance` and leaves card payment P1 of 300.00 in flight there, the money
    /// taken by the gateway.
    private func leavePaymentInFlight(in instance: Instance, gateway: any PaymentGateway) async throws {
        var draft = try LedgerSamples.draft(id: "B1", cents: 1000_00)
        draft.paymentOptions = [PaymentOption(collection: .tourOperator, formOfPayment: .creditCard)]
        _ = try instance.ledger.createBooking(draft)
        let result = try await instance.ledger.processPayments(
            [try LedgerSamples.cardPayment("P1", cents: 300_00)], bookingId: "B1", gateway: gateway,
            vouchers: SimulatedVoucherValidator())
        #expect(result.inFlight == ["P1"])
    }

    @Test func aLiveInstancesPaymentInFlightIsLeftAlone() async throws {
        let database = try TestDatabase.make()
        let simulated = SimulatedPaymentGateway()
        let gateway = CapturedThenLostGateway(simulated: simulated)
        let owner = try await start("owner", on: database, gateway: gateway)
        let other = try await start("other", on: database, gateway: gateway)
        try await leavePaymentInFlight(in: owner, gateway: gateway)
        try other.ledger.followOtherWriters()
        #expect(other.ledger.inFlightPayments.map(\.key.rawValue) == ["B1/P1/1"])
        // The owner lives (its lock is held): the other instance leaves its payment in flight.
        let report = try await other.recovery.recover()
        #expect(report.entries.isEmpty)
        #expect(other.ledger.inFlightPayments.count == 1)
        #expect(
            try TestDatabase.texts("SELECT DISTINCT instance_id FROM drv_ledger_records", on: database) == ["owner"])
        // Once the row is older than the minimum age, the safety net resolves it all the same.
        try TestDatabase.execute(
            ["UPDATE drv_ledger_records SET appended_at = appended_at - interval '1 hour'"], on: database)
        let late = try await other.recovery.recover()
        #expect(late.resolved.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(other.ledger.booking("B1")?.payment("P1")?.status == .settled)
        try owner.ledger.followOtherWriters()
        #expect(owner.ledger.booking("B1") == other.ledger.booking("B1"))
        await owner.close()
        await other.close()
    }

    @Test func theOwnerResolvesWhatNoTaskOfItsOwnIsProcessing() async throws {
        // An instance restarted under its configured name finds what its earlier process left.
        let database = try TestDatabase.make()
        let gateway = CapturedThenLostGateway(simulated: SimulatedPaymentGateway())
        let owner = try await start("web-1", on: database, gateway: gateway)
        try await leavePaymentInFlight(in: owner, gateway: gateway)
        let report = try await owner.recovery.recover()
        #expect(report.resolved.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(owner.ledger.inFlightPayments.isEmpty)
        await owner.close()
    }

    @Test func theScheduledRecoveryRunsOnlyUnderItsLease() async throws {
        let database = try TestDatabase.make()
        let gateway = CapturedThenLostGateway(simulated: SimulatedPaymentGateway())
        let owner = try await start("web-1", on: database, gateway: gateway)
        try await leavePaymentInFlight(in: owner, gateway: gateway)
        let holder = PostgresWorkLease(settings: database)
        #expect(await holder.acquire(job: InFlightRecoveryService.jobName))
        let lease = PostgresWorkLease(settings: database)
        let service = InFlightRecoveryService(recovery: owner.recovery, lease: lease)
        #expect(await !service.runOnce())
        #expect(owner.ledger.inFlightPayments.count == 1)
        await holder.release(job: InFlightRecoveryService.jobName)
        #expect(await service.runOnce())
        #expect(owner.ledger.inFlightPayments.isEmpty)
        // The pass gave the lease back.
        #expect(await holder.acquire(job: InFlightRecoveryService.jobName))
        await holder.close()
        await lease.close()
        await owner.close()
    }

    @Test func aDeadInstancesPaymentIsResolvedOnceWhenTwoSurvivorsRace() async throws {
        let database = try TestDatabase.make()
        let simulated = SimulatedPaymentGateway()
        let gateway = CapturedThenLostGateway(simulated: simulated)
        let victim = try await start("victim", on: database, gateway: gateway)
        try await leavePaymentInFlight(in: victim, gateway: gateway)
        let survivors = [
            try await start("survivor-1", on: database, gateway: gateway),
            try await start("survivor-2", on: database, gateway: gateway),
        ]
        // Alive, the victim's payment is left alone.
        #expect(try await survivors[0].recovery.recover().entries.isEmpty)
        // The victim dies: its lock goes with its connection.
        await victim.close()
        try await waitUntilDead("victim", seenBy: survivors[0].recovery)
        let rows = try TestDatabase.texts("SELECT count(*)::text FROM drv_ledger_records", on: database)
        async let first = survivors[0].recovery.recover()
        async let second = survivors[1].recovery.recover()
        let reports = try await [first, second]
        #expect(reports.flatMap(\.resolved).map(\.key.rawValue) == ["B1/P1/1"])
        #expect(reports.flatMap(\.resolved).map(\.resolution) == [.settled(transactionReference: "SIM-B1-P1")])
        // One row more: the capture, entered once.
        #expect(
            try TestDatabase.texts("SELECT count(*)::text FROM drv_ledger_records", on: database)
                == ["\((Int(rows.first ?? "") ?? 0) + 1)"])
        for survivor in survivors { try survivor.ledger.followOtherWriters() }
        let booking = try #require(survivors[0].ledger.booking("B1"))
        #expect(booking.payment("P1")?.status == .settled)
        #expect(survivors[1].ledger.booking("B1") == booking)
        #expect(simulated.capturedAmounts.values.map(\.amount) == [Decimal(300)])
        #expect(try survivors[0].ledger.overview(of: "B1").paidAmount.amount == Decimal(300))
        for survivor in survivors { await survivor.close() }
    }

    @Test func theInstanceLockIsExclusiveAndFreedWithItsProcess() async throws {
        let database = try TestDatabase.make()
        let first = PostgresInstanceLock(instanceId: "web-1", settings: database)
        try await first.acquire()
        #expect(await first.isHeld())
        let twin = PostgresInstanceLock(instanceId: "web-1", settings: database)
        do {
            try await twin.acquire()
            Issue.record("two processes took the same instance name")
        } catch {
            #expect(error.code == .invalidConfiguration)
        }
        let observer = try await start("observer", on: database, gateway: SimulatedPaymentGateway())
        let connection = try await observer.recovery.connect()
        #expect(try await observer.recovery.isAlive(instance: "web-1", on: connection))
        #expect(try await !observer.recovery.isAlive(instance: "web-2", on: connection))
        await first.close()
        try await waitUntilDead("web-1", seenBy: observer.recovery)
        try await twin.acquire()
        #expect(try await observer.recovery.isAlive(instance: "web-1", on: connection))
        try await connection.close()
        await twin.close()
        await observer.close()
    }

    @Test func rowsOfTheVersion2SchemaMigrateWithoutAnInstance() throws {
        let database = try TestDatabase.make()
        try TestDatabase.execute(
            [
                "CREATE TABLE drv_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            ] + PostgresSchema.migrations[0].statements + PostgresSchema.migrations[1].statements + [
                "INSERT INTO drv_schema_migrations (version) VALUES (1), (2)",
                "SELECT drv_ledger_append('B1', 0, ARRAY['\\x6f6c64'::bytea])",
            ], on: database)
        let journal = try PostgresJournal.open(settings: database, instanceId: "web-1")
        defer { journal.close() }
        #expect(try journal.schemaVersion() == 3)
        #expect(try journal.replay() == [Data("old".utf8)])
        _ = try journal.submit([Data("new".utf8)], concerning: "B1")
        #expect(
            try TestDatabase.texts(
                "SELECT coalesce(instance_id, '-') || ' ' || (appended_at IS NOT NULL)::text FROM drv_ledger_records ORDER BY seq",
                on: database) == ["- true", "web-1 true"])
        #expect(try journal.replay() == [Data("old".utf8), Data("new".utf8)])
    }
}
