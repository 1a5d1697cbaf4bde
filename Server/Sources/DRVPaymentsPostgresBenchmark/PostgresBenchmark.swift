import Foundation
import Logging
import NIOCore
import NIOPosix
import PaymentLedger
import PaymentServer
import PostgresNIO
import StringPayments
import Synchronization
import XMLCoding

/// `drv-payments-postgres-benchmark`: the PostgreSQL store's figures (issue 15).
///
/// - card payments per second (each an in-flight append, the simulated gateway, and an outcome
///   append) through one ledger instance, then through two instances on the same database, each
///   with its own connection, both in this process;
/// - the replay of 1,000,000 events from PostgreSQL by a new instance, beside the fold alone.
///
/// Usage: `drv-payments-postgres-benchmark [POSTGRES-URL] [EVENTS]`; the URL defaults to
/// `DRV_TEST_POSTGRES_URL`. It creates and drops databases named `drv_bench_*`.
@main
struct PostgresBenchmark {
    static let logger = Logger(label: "drv-payments-postgres-benchmark")

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let url = arguments.first ?? ProcessInfo.processInfo.environment["DRV_TEST_POSTGRES_URL"] else {
            print("usage: drv-payments-postgres-benchmark POSTGRES-URL [EVENTS]")
            return
        }
        let events = arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
        let cluster = try PostgresSettings(url: url)
        print("load average before: \(loadAverage())")
        for instances in [1, 2] {
            let settings = try recreate("drv_bench_payments_\(instances)", in: cluster)
            let (payments, seconds) = try await payments(instances: instances, settings: settings)
            print(
                String(
                    format: "payments: %d instance(s): %d card payments in %.2f s = %.0f payments/s", instances,
                    payments, seconds, Double(payments) / seconds))
        }
        let settings = try recreate("drv_bench_replay", in: cluster)
        try replay(events: events, settings: settings)
        print("load average after: \(loadAverage())")
    }

    // MARK: Payments

    static let bookingCount = 200
    static let paymentsPerInstance = 1_500
    static let tasksPerInstance = 16

    static func payments(instances: Int, settings: PostgresSettings) async throws -> (Int, Double) {
        let ledgers = try (0..<instances).map { _ in try Ledger(journal: try PostgresJournal.open(settings: settings)) }
        defer { for ledger in ledgers { ledger.close() } }
        let departure = ledgers[0].today.adding(days: 200)
        for number in 0..<bookingCount {
            _ = try ledgers[0].createBooking(draft(id: Identifier(stringLiteral: "BB-\(number)"), departure: departure))
        }
        for ledger in ledgers { try ledger.followOtherWriters() }
        let gateway = SimulatedPaymentGateway()
        let start = ContinuousClock.now
        let entered = await withTaskGroup(of: Int.self) { group in
            for (index, ledger) in ledgers.enumerated() {
                for task in 0..<tasksPerInstance {
                    group.addTask {
                        var settled = 0
                        for number in stride(from: task, to: paymentsPerInstance, by: tasksPerInstance) {
                            // Instances share the bookings, so they also contend for them.
                            let booking = Identifier(stringLiteral: "BB-\((number * 7 + index) % bookingCount)")
                            let payment = cardPayment(Identifier(stringLiteral: "C\(index)-\(number)"))
                            if let result = try? await ledger.processPayments(
                                [payment], bookingId: booking, gateway: gateway, vouchers: SimulatedVoucherValidator()),
                                result.booking.payment(payment.identifier)?.status == .settled
                            {
                                settled += 1
                            }
                        }
                        return settled
                    }
                }
            }
            return await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - start
        return (entered, seconds(elapsed))
    }

    static func draft(id: Identifier, departure: XMLDate) -> BookingDraft {
        BookingDraft(
            id: id, agency: AgencyInformation(agency: "123456"), seller: nil, leadTraveller: "T1",
            travellers: [Traveller(identifier: "T1", prename: "Max", surname: "Muster", email: "max@example.com")],
            departureDate: departure, returnDate: departure.adding(days: 14),
            totalPrice: CurrencyAmount(minorUnitCount: 100_000_000, currency: .eur))
    }

    static func cardPayment(_ id: Identifier) -> Payment {
        var specialisation = PaymentSpecialisation.unspecified
        if let number = CardNumber("4111111111111111"), let code = SecurityCode("123"),
            let expiry = XMLYearMonth(year: 2037, month: 8)
        {
            let card = CreditCard(
                cardType: "VISA", cardNumber: number, expiryDate: expiry, holderName: "Max Muster", securityCode: code)
            specialisation = .creditCard(CreditCardPayment(creditCard: card))
        }
        return Payment(
            identifier: id, collection: .tourOperator, paymentScope: .interim, formOfPayment: .creditCard,
            paymentAmount: CurrencyAmount(minorUnitCount: 1_00, currency: .eur),
            cashHolder: .assignedToBookingOwner(true), specialisation: specialisation)
    }

    // MARK: Replay

    /// Records captured in memory with the booking each change concerns.
    final class CapturingJournal: LedgerJournal, Sendable {
        let rows = Mutex<[(booking: String?, version: Int64, part: Int32, record: Data)]>([])
        let versions = Mutex<[String: Int64]>([:])

        func append(_ records: [Data]) throws(LedgerJournalError) { _ = try submit(records, concerning: nil) }

        func submit(_ records: [Data], concerning bookingKey: String?) throws(LedgerJournalError) -> JournalTicket {
            let version: Int64 =
                bookingKey.map { key in
                    versions.withLock { versions -> Int64 in
                        versions[key, default: 0] += 1
                        return versions[key, default: 0]
                    }
                } ?? 0
            rows.withLock { rows in
                for (index, record) in records.enumerated() {
                    rows.append((bookingKey, version, Int32(index + 1), record))
                }
            }
            return .durable
        }

        func replay() throws(LedgerJournalError) -> [Data] { rows.withLock { $0.map(\.record) } }
        func close() {}
    }

    static func replay(events: Int, settings: PostgresSettings) throws {
        let capture = CapturingJournal()
        let source = try Ledger(journal: capture)
        let departure = source.today.adding(days: 200)
        var number = 0
        while source.eventCount < events {
            let id = Identifier(stringLiteral: "RB-\(number)")
            _ = try source.createBooking(draft(id: id, departure: departure))
            for payment in 0..<8 where source.eventCount < events {
                try source.enterPayments(
                    [
                        Payment(
                            identifier: Identifier(stringLiteral: "A\(payment)"), collection: .agency,
                            paymentScope: .interim,
                            paymentAmount: CurrencyAmount(minorUnitCount: 10_00, currency: .eur),
                            cashHolder: .assignedToBookingOwner(true))
                    ], bookingId: id)
            }
            number += 1
        }
        let rows = capture.rows.withLock { $0 }
        // Load the rows in batches through the schema's table (the journal creates it).
        try PostgresJournal.open(settings: settings).close()
        let loadStart = ContinuousClock.now
        try withConnection(settings) { connection in
            for start in stride(from: 0, to: rows.count, by: 20_000) {
                let batch = rows[start..<min(start + 20_000, rows.count)]
                let bookings = batch.map { $0.booking ?? "" }
                let versions = batch.map(\.version)
                let parts = batch.map(\.part)
                let records = batch.map { ByteBuffer(bytes: $0.record) }
                _ = try connection.query(
                    """
                    INSERT INTO drv_ledger_records (booking_id, booking_version, part, record)
                    SELECT nullif(b, ''), CASE WHEN b = '' THEN NULL ELSE v END, p, r
                    FROM unnest(\(bookings)::text[], \(versions)::bigint[], \(parts)::integer[], \(records)::bytea[])
                        WITH ORDINALITY AS t(b, v, p, r, o) ORDER BY o
                    """, logger: logger
                ).wait()
            }
        }
        print(
            String(
                format: "replay: loaded %d records (%d bookings) in %.1f s", rows.count, number,
                seconds(ContinuousClock.now - loadStart)))
        let foldStart = ContinuousClock.now
        let folded = try Ledger(journal: capture)
        let foldSeconds = seconds(ContinuousClock.now - foldStart)
        let replayStart = ContinuousClock.now
        let replayed = try Ledger(journal: try PostgresJournal.open(settings: settings))
        let replaySeconds = seconds(ContinuousClock.now - replayStart)
        replayed.close()
        print(
            String(
                format:
                    "replay: %d events from PostgreSQL in %.2f s (%.0f events/s); the fold alone from memory %.2f s",
                replayed.eventCount, replaySeconds, Double(replayed.eventCount) / replaySeconds, foldSeconds))
        guard replayed.bookingCount == folded.bookingCount, replayed.eventCount == folded.eventCount else {
            print(
                "replay: MISMATCH: \(replayed.bookingCount) bookings from PostgreSQL, \(folded.bookingCount) in memory")
            exit(1)
        }
    }

    // MARK: Helpers

    static func recreate(_ name: String, in cluster: PostgresSettings) throws -> PostgresSettings {
        try withConnection(cluster) { connection in
            _ = try connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: logger).wait()
            _ = try connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger).wait()
        }
        var settings = cluster
        settings.database = name
        return settings
    }

    static func withConnection(_ settings: PostgresSettings, _ body: (PostgresConnection) throws -> Void) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let connection = try PostgresConnection.connect(
            on: group.next(), configuration: settings.connectionConfiguration(), id: 7, logger: logger
        ).wait()
        defer { try? connection.close().wait() }
        try body(connection)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "unknown"
    }
}
