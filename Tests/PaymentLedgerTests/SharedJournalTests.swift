import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import Testing
import XMLCoding

/// Several ledgers over one shared journal (as several server processes over one database): the
/// expected-version append, the catch-up after a conflict and the follow-up of other writers.
@Suite("Shared journal")
struct SharedJournalTests {
    typealias Kit = LedgerTestKit

    /// A store several journals append to, with a version per booking, as a database table with a
    /// unique (booking, version) constraint holds it.
    final class SharedStore: Sendable {
        struct Row: Sendable {
            var writer: Int
            var booking: String?
            var version: Int
            var record: Data
        }
        let rows = Mutex<[Row]>([])
        /// When set, every conditional append conflicts.
        let alwaysConflict = Mutex(false)

        func version(of booking: String) -> Int {
            rows.withLock { rows in rows.last { $0.booking == booking }?.version ?? 0 }
        }
    }

    /// One writer's view of the ``SharedStore``.
    final class SharedJournal: LedgerJournal, Sendable {
        struct View: Sendable {
            var seen = 0
            var versions: [String: Int] = [:]
        }
        let store: SharedStore
        let writer: Int
        let view = Mutex(View())

        init(store: SharedStore, writer: Int) {
            self.store = store
            self.writer = writer
        }

        func append(_ records: [Data]) throws(LedgerJournalError) {
            _ = try submit(records, concerning: nil)
        }

        func submit(_ records: [Data], concerning bookingKey: String?) throws(LedgerJournalError) -> JournalTicket {
            let expected = bookingKey.map { key in view.withLock { $0.versions[key] ?? 0 } } ?? 0
            let appended = store.rows.withLock { rows -> Bool in
                if let bookingKey {
                    let current = rows.last { $0.booking == bookingKey }?.version ?? 0
                    guard current == expected, !store.alwaysConflict.withLock({ $0 }) else { return false }
                }
                for record in records {
                    rows.append(
                        SharedStore.Row(writer: writer, booking: bookingKey, version: expected + 1, record: record))
                }
                return true
            }
            guard appended else {
                throw LedgerJournalError(code: .conflict, message: "booking \(bookingKey ?? "-") changed")
            }
            if let bookingKey { view.withLock { $0.versions[bookingKey] = expected + 1 } }
            return .durable
        }

        func replay() throws(LedgerJournalError) -> [Data] {
            let rows = store.rows.withLock { $0 }
            view.withLock { view in
                view.seen = rows.count
                for row in rows { if let booking = row.booking { view.versions[booking] = row.version } }
            }
            return rows.map(\.record)
        }

        func recordsOfOtherWriters() throws(LedgerJournalError) -> [Data] {
            let rows = store.rows.withLock { $0 }
            return view.withLock { view in
                let new = rows[view.seen...]
                view.seen = rows.count
                for row in new { if let booking = row.booking { view.versions[booking] = row.version } }
                return new.filter { $0.writer != writer }.map(\.record)
            }
        }

        func close() {}
    }

    private func ledger(_ store: SharedStore, writer: Int) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(
                clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: UInt64(writer)),
            journal: SharedJournal(store: store, writer: writer))
    }

    @Test func followUpFoldsAnotherWritersChanges() throws {
        let store = SharedStore()
        let first = try ledger(store, writer: 1)
        let second = try ledger(store, writer: 2)
        let booking = try first.createBooking(try Kit.draft(id: "B1")).booking
        #expect(second.booking("B1") == nil)
        #expect(try second.followOtherWriters() > 0)
        #expect(second.booking("B1") == booking)
        #expect(try second.followOtherWriters() == 0)
    }

    @Test func staleWriterCatchesUpAndIsRefusedBeyondThePrice() throws {
        let store = SharedStore()
        let first = try ledger(store, writer: 1)
        let second = try ledger(store, writer: 2)
        _ = try first.createBooking(try Kit.draft(id: "B1", priceCents: 1000_00))
        try second.followOtherWriters()
        try first.enterPayments([Kit.agencyPayment("P1", cents: 800_00)], bookingId: "B1")
        // The second writer has not seen P1: its own check passes, the store refuses the append,
        // and the check against the caught-up booking refuses the payment.
        do {
            try second.enterPayments([Kit.agencyPayment("P2", cents: 300_00)], bookingId: "B1")
            Issue.record("two writers together accepted more than the price")
        } catch {
            #expect(error.code == .amountExceedsBalance)
        }
        #expect(second.booking("B1")?.payments.map(\.identifier) == ["P1"])
        #expect(store.version(of: "B1") == 2)
    }

    @Test func staleWriterRetriesAChangeThatStillFits() throws {
        let store = SharedStore()
        let first = try ledger(store, writer: 1)
        let second = try ledger(store, writer: 2)
        _ = try first.createBooking(try Kit.draft(id: "B1", priceCents: 1000_00))
        try second.followOtherWriters()
        try first.enterPayments([Kit.agencyPayment("P1", cents: 400_00)], bookingId: "B1")
        try second.enterPayments([Kit.agencyPayment("P2", cents: 300_00)], bookingId: "B1")
        try first.followOtherWriters()
        let expected = ["P1", "P2"] as [Identifier]
        #expect(first.booking("B1")?.payments.map(\.identifier) == expected)
        #expect(second.booking("B1") == first.booking("B1"))
        #expect(store.version(of: "B1") == 3)
    }

    @Test func samePaymentFromTwoWritersIsEnteredOnce() throws {
        let store = SharedStore()
        let first = try ledger(store, writer: 1)
        let second = try ledger(store, writer: 2)
        _ = try first.createBooking(try Kit.draft(id: "B1"))
        try second.followOtherWriters()
        try first.enterPayments([Kit.agencyPayment("P1", cents: 100_00)], bookingId: "B1")
        // The same request again, through the writer that has not seen it: after the catch-up it
        // is a repeat, which changes nothing.
        _ = try? second.enterPayments([Kit.agencyPayment("P1", cents: 100_00)], bookingId: "B1")
        let entered = store.rows.withLock { rows in rows.filter { $0.booking == "B1" }.count }
        #expect(second.booking("B1")?.payments.count == 1)
        #expect(entered == first.eventCount)
    }

    @Test func conflictThatNeverResolvesIsReported() throws {
        let store = SharedStore()
        let first = try ledger(store, writer: 1)
        _ = try first.createBooking(try Kit.draft(id: "B1"))
        store.alwaysConflict.withLock { $0 = true }
        do {
            try first.enterPayments([Kit.agencyPayment("P1", cents: 100_00)], bookingId: "B1")
            Issue.record("the change was accepted")
        } catch {
            #expect(error.code == .journalFailure)
            #expect(error.journalError?.code == .conflict)
        }
        #expect(first.booking("B1")?.payments.isEmpty == true)
    }

    @Test func singleWriterJournalsHaveNoOtherWriters() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("SharedJournalTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try FileJournal.open(directory: directory)
        defer { journal.close() }
        let ticket = try journal.submit([Data("a".utf8)], concerning: "B1")
        try journal.waitUntilDurable(ticket, forced: true)
        #expect(try journal.recordsOfOtherWriters().isEmpty)
        #expect(try journal.replay() == [Data("a".utf8)])
    }
}
