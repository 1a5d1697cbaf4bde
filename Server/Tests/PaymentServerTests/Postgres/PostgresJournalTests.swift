import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import Testing

@testable import PaymentServer

/// What only the PostgreSQL store does: several writers, conflicts, follow-up, migrations,
/// synchronous commit, leases. Skipped without `DRV_TEST_POSTGRES_URL` (see ``TestDatabase``).
@Suite("PostgreSQL store", .serialized, .enabled(if: TestDatabase.isAvailable))
struct PostgresJournalTests {
    private func record(_ text: String) -> Data { Data(text.utf8) }

    /// Two journals (as two instances) over a new database.
    private func twoJournals() throws -> (PostgresJournal, PostgresJournal) {
        let settings = try TestDatabase.make()
        return (try PostgresJournal.open(settings: settings), try PostgresJournal.open(settings: settings))
    }

    @Test func appendAtAStaleVersionConflictsUntilTheWriterCatchesUp() throws {
        let (first, second) = try twoJournals()
        defer {
            first.close()
            second.close()
        }
        #expect(try first.replay().isEmpty)
        #expect(try second.replay().isEmpty)
        _ = try first.submit([record("a1"), record("a2")], concerning: "B1")
        do {
            _ = try second.submit([record("b1")], concerning: "B1")
            Issue.record("a stale append was accepted")
        } catch {
            #expect(error.code == .conflict)
        }
        // Another booking and changes of no booking are not held up.
        _ = try second.submit([record("c1")], concerning: "B2")
        try second.append([record("n1")])
        #expect(try second.recordsOfOtherWriters() == [record("a1"), record("a2")])
        _ = try second.submit([record("b1")], concerning: "B1")
        #expect(try first.recordsOfOtherWriters() == [record("c1"), record("n1"), record("b1")])
        #expect(try first.recordsOfOtherWriters().isEmpty)
        let all = [record("a1"), record("a2"), record("c1"), record("n1"), record("b1")]
        #expect(try first.replay() == all)
    }

    @Test func aLaterReplayReadsWithoutSkippingOtherWritersRecords() throws {
        // A booking's history replays the journal while the ledger keeps following it.
        let (first, second) = try twoJournals()
        defer {
            first.close()
            second.close()
        }
        #expect(try first.replay().isEmpty)
        _ = try first.submit([record("a1")], concerning: "B1")
        _ = try second.submit([record("b1")], concerning: "B2")
        #expect(try first.replay() == [record("a1"), record("b1")])
        #expect(try first.recordsOfOtherWriters() == [record("b1")])
        // The version of B1 is still the one this journal appended.
        _ = try first.submit([record("a2")], concerning: "B1")
        #expect(try second.recordsOfOtherWriters() == [record("a1"), record("a2")])
    }

    @Test func uniqueVersionIsEnforcedByTheDatabase() throws {
        let settings = try TestDatabase.make()
        let journal = try PostgresJournal.open(settings: settings)
        defer { journal.close() }
        _ = try journal.submit([record("a")], concerning: "B1")
        // A writer that bypasses the append function still cannot enter a second version 1.
        #expect(throws: (any Error).self) {
            try TestDatabase.execute(
                [
                    "INSERT INTO drv_ledger_records (booking_id, booking_version, part, record) VALUES ('B1', 1, 1, '\\x00')"
                ], on: settings)
        }
    }

    /// Two ledgers (as two instances) over a new database.
    private func twoLedgers() throws -> (Ledger, Ledger) {
        let settings = try TestDatabase.make()
        return (
            try Ledger(journal: try PostgresJournal.open(settings: settings)),
            try Ledger(journal: try PostgresJournal.open(settings: settings))
        )
    }

    @Test func ledgersFollowEachOthersChanges() throws {
        let (first, second) = try twoLedgers()
        defer {
            first.close()
            second.close()
        }
        _ = try first.createBooking(try LedgerSamples.draft(id: "B1", cents: 1000_00))
        try first.enterPayments([LedgerSamples.agencyPayment("P1", cents: 100_00)], bookingId: "B1")
        #expect(second.booking("B1") == nil)
        #expect(try second.followOtherWriters() == first.eventCount)
        #expect(second.booking("B1") == first.booking("B1"))
        // And back: the second ledger's change reaches the first.
        try second.enterPayments([LedgerSamples.agencyPayment("P2", cents: 100_00)], bookingId: "B1")
        try first.followOtherWriters()
        #expect(first.booking("B1") == second.booking("B1"))
        #expect(first.booking("B1")?.payments.count == 2)
    }

    @Test func staleLedgerRechecksAfterAConflict() throws {
        let (first, second) = try twoLedgers()
        defer {
            first.close()
            second.close()
        }
        _ = try first.createBooking(try LedgerSamples.draft(id: "B1", cents: 1000_00))
        try second.followOtherWriters()
        try first.enterPayments([LedgerSamples.agencyPayment("P1", cents: 800_00)], bookingId: "B1")
        do {
            try second.enterPayments([LedgerSamples.agencyPayment("P2", cents: 300_00)], bookingId: "B1")
            Issue.record("two instances together accepted more than the price")
        } catch {
            #expect(error.code == .amountExceedsBalance)
        }
        // A change that still fits goes through after the catch-up.
        try second.enterPayments([LedgerSamples.agencyPayment("P3", cents: 200_00)], bookingId: "B1")
        try first.followOtherWriters()
        #expect(first.booking("B1") == second.booking("B1"))
        #expect(first.booking("B1")?.payments.map(\.identifier) == ["P1", "P3"])
    }

    @Test func concurrentInstancesNeverOverpayOrDoubleAPayment() async throws {
        let settings = try TestDatabase.make()
        let ledgers = try (0..<3).map { _ in try Ledger(journal: try PostgresJournal.open(settings: settings)) }
        defer { for ledger in ledgers { ledger.close() } }
        _ = try ledgers[0].createBooking(try LedgerSamples.draft(id: "B1", cents: 1000_00))
        for ledger in ledgers { try ledger.followOtherWriters() }
        // 3 instances × 20 payments of 30.00 against 1000.00, each identifier sent to two
        // instances: at most 33 fit, every identifier at most once.
        await withTaskGroup(of: Void.self) { group in
            for (index, ledger) in ledgers.enumerated() {
                group.addTask {
                    for number in 0..<20 {
                        let id = Identifier(stringLiteral: "P\((index + number) % 30)-\(number % 2)")
                        _ = try? ledger.enterPayments([LedgerSamples.agencyPayment(id, cents: 30_00)], bookingId: "B1")
                    }
                }
            }
        }
        for ledger in ledgers { try ledger.followOtherWriters() }
        let booking = try #require(ledgers[0].booking("B1"))
        let ids = booking.payments.map(\.identifier)
        #expect(Set(ids).count == ids.count)
        #expect(booking.payments.reduce(0) { $0 + $1.amountMinorUnits } <= 1000_00)
        #expect(ledgers[1].booking("B1") == booking)
        #expect(ledgers[2].booking("B1") == booking)
        let fresh = try Ledger(journal: try PostgresJournal.open(settings: settings))
        defer { fresh.close() }
        #expect(fresh.booking("B1") == booking)
    }

    @Test func emptyDatabaseIsMigratedToTheLatestSchema() throws {
        let settings = try TestDatabase.make()
        let journal = try PostgresJournal.open(settings: settings)
        defer { journal.close() }
        #expect(try journal.schemaVersion() == PostgresSchema.latestVersion)
        #expect(
            try TestDatabase.texts("SELECT version::text FROM drv_schema_migrations ORDER BY 1", on: settings) == [
                "1", "2", "3",
            ])
        // Opening again migrates nothing.
        let again = try PostgresJournal.open(settings: settings)
        again.close()
        #expect(try TestDatabase.texts("SELECT count(*)::text FROM drv_schema_migrations", on: settings) == ["3"])
    }

    @Test func previousSchemaIsMigratedWithItsRecords() throws {
        let settings = try TestDatabase.make()
        // A database of schema version 1 (one writer, no booking versions) with two records.
        try TestDatabase.execute(
            [
                "CREATE TABLE drv_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                PostgresSchema.migrations[0].statements[0],
                "INSERT INTO drv_schema_migrations (version) VALUES (1)",
                "INSERT INTO drv_ledger_records (record) VALUES ('\\x6f6c6431'), ('\\x6f6c6432')",
            ], on: settings)
        let journal = try PostgresJournal.open(settings: settings)
        defer { journal.close() }
        #expect(try journal.schemaVersion() == PostgresSchema.latestVersion)
        #expect(try journal.replay() == [record("old1"), record("old2")])
        _ = try journal.submit([record("new")], concerning: "B1")
        #expect(try journal.replay() == [record("old1"), record("old2"), record("new")])
    }

    @Test func newerSchemaIsRefused() throws {
        let settings = try TestDatabase.make()
        try TestDatabase.execute(
            [
                "CREATE TABLE drv_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO drv_schema_migrations (version) VALUES (99)",
            ], on: settings)
        do {
            _ = try PostgresJournal.open(settings: settings)
            Issue.record("a newer schema was opened")
        } catch {
            #expect(error.code == .notAJournal)
        }
    }

    @Test func connectionsCommitSynchronously() throws {
        let settings = try TestDatabase.make()
        try TestDatabase.execute(["ALTER DATABASE \(settings.database) SET synchronous_commit = off"], on: settings)
        #expect(try TestDatabase.texts("SHOW synchronous_commit", on: settings) == ["on"])
    }

    @Test func unreachableDatabaseIsAnIOError() throws {
        var settings = try TestDatabase.cluster()
        settings.port = 1
        do {
            _ = try PostgresJournal.open(settings: settings)
            Issue.record("opened a database on port 1")
        } catch {
            #expect(error.code == .ioError)
        }
    }

    @Test func leaseIsHeldByOneInstanceAndMovesWhenItsHolderGoes() async throws {
        let settings = try TestDatabase.make()
        let first = PostgresWorkLease(settings: settings)
        let second = PostgresWorkLease(settings: settings)
        #expect(await first.acquire(job: "instalment-autopay"))
        #expect(await first.renew(job: "instalment-autopay"))
        #expect(await !second.acquire(job: "instalment-autopay"))
        #expect(await second.acquire(job: "balances-export"))
        await first.release(job: "instalment-autopay")
        #expect(await !first.renew(job: "instalment-autopay"))
        #expect(await second.acquire(job: "instalment-autopay"))
        #expect(await !first.acquire(job: "instalment-autopay"))
        // The holder goes away (its connection closes, as when the process dies). The server
        // drops the session's locks as soon as its backend notices, a moment after the close.
        await second.close()
        var granted = false
        for _ in 0..<100 where !granted {
            granted = await first.acquire(job: "instalment-autopay")
            if !granted { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(granted)
        #expect(await first.acquire(job: "balances-export"))
        await first.close()
    }
}
