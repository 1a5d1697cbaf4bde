import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PaymentLedger
import StringPayments
import Synchronization
import Testing

@testable import PaymentServer

/// A clock that never waits: `sleep` moves its time forward and records the wait.
final class FakeSchedulerClock: SchedulerClock {
    private let state: Mutex<(now: Date, sleeps: [Double])>

    init(_ now: Date) { state = Mutex((now, [])) }

    func now() -> Date { state.withLock { $0.now } }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
    func set(_ date: Date) { state.withLock { $0.now = date } }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now = $0.now.addingTimeInterval(seconds)
        }
    }
}

/// A lease that is refused for the jobs named.
struct RefusingLease: ScheduledWorkLease {
    let refused: Set<String>
    func acquire(job: String) async -> Bool { !refused.contains(job) }
    func renew(job: String) async -> Bool { !refused.contains(job) }
    func release(job: String) async {}
}

/// A balances receiver on 127.0.0.1 (port 0): answers the first `failures` uploads with 503.
final class BalancesReceiver: Sendable {
    let failures: Int
    let finalStatus: HTTPResponse.Status
    private let received = Mutex<[String]>([])

    init(failures: Int, finalStatus: HTTPResponse.Status = .ok) {
        self.failures = failures
        self.finalStatus = finalStatus
    }

    var bodies: [String] { received.withLock { $0 } }

    /// Runs the receiver while `body` runs, with the receiver's URL.
    func serve(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.put("/balances") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 22)
            let count = self.received.withLock {
                $0.append(String(buffer: buffer))
                return $0.count
            }
            return Response(status: count <= self.failures ? .serviceUnavailable : self.finalStatus)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            try await body("http://127.0.0.1:\(port)/balances")
            group.cancelAll()
        }
    }
}

@Suite struct SchedulerTests {
    /// 2026-12-07 03:00 UTC: inside the default instalment window (1–5 UTC).
    static let night = Date(timeIntervalSince1970: 1_796_612_400)

    static func directory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("drv-scheduler-\(UUID().uuidString)")
    }

    static func scheduler(
        _ directory: URL, clock: FakeSchedulerClock, production: Bool = true,
        configure: (inout SchedulerConfiguration) -> Void = { _ in },
        lease: any ScheduledWorkLease = InProcessWorkLease()
    ) throws -> Scheduler {
        var configuration = SchedulerConfiguration(balancesExportHourUTC: nil)
        configure(&configuration)
        let ledger = try Ledger()
        try DemoSetup.populate(ledger, count: 12)
        var settings = AutopaySettings()
        settings.production = production
        let frozen = settings
        return Scheduler(
            ledger: ledger, gateway: SimulatedPaymentGateway(), configuration: configuration,
            dataDirectory: directory, clock: clock, lease: lease, autopaySettings: { frozen })
    }

    @Test func autopayRunsOnceADayInsideItsWindowAndItsReportIsKept() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FakeSchedulerClock(Self.night)
        let scheduler = try Self.scheduler(directory, clock: clock)
        #expect(scheduler.dueJobs(at: Self.night) == [.instalmentAutopay, .resellerAutopay])
        let reports = await scheduler.tick()
        #expect(reports.map(\.job) == [.instalmentAutopay, .resellerAutopay])
        #expect(reports.allSatisfy { $0.outcome == .succeeded && $0.trigger == "schedule" })
        #expect(reports.first?.message.contains("selected") == true)
        #expect(await scheduler.tick().isEmpty)  // once a day
        #expect(scheduler.reports.list().map(\.job) == [.resellerAutopay, .instalmentAutopay])
        // 08:00 is outside the instalment window; reseller autopay already ran today.
        clock.set(Self.night.addingTimeInterval(5 * 3_600))
        #expect(scheduler.dueJobs(at: clock.now()).isEmpty)
        // The next night both are due again.
        #expect(scheduler.dueJobs(at: Self.night.addingTimeInterval(86_400)) == [.instalmentAutopay, .resellerAutopay])
    }

    @Test func aRestartDoesNotRunTheSameDayAgain() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FakeSchedulerClock(Self.night)
        _ = try await Self.scheduler(directory, clock: clock).tick()
        let restarted = try Self.scheduler(directory, clock: clock)
        #expect(restarted.dueJobs(at: Self.night).isEmpty)
    }

    @Test func aLedgerNotInProductionRefusesAutopayAndTheReportSaysSo() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scheduler = try Self.scheduler(directory, clock: FakeSchedulerClock(Self.night), production: false)
        let report = try #require(await scheduler.runNow(.instalmentAutopay, trigger: "user:anna"))
        #expect(report.outcome == .refused)
        #expect(report.message.contains("not-production"))
        #expect(report.trigger == "user:anna")
        #expect(scheduler.reports.report(id: report.id) == report)
    }

    @Test func aJobWhoseLeaseIsHeldElsewhereDoesNotRun() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scheduler = try Self.scheduler(
            directory, clock: FakeSchedulerClock(Self.night), lease: RefusingLease(refused: ["instalment-autopay"]))
        let reports = await scheduler.tick()
        #expect(reports.map(\.job) == [.resellerAutopay])
        #expect(scheduler.dueJobs(at: Self.night) == [.instalmentAutopay])
    }

    @Test func theBalancesExportIsUploadedWithRetriesAndDoublingBackoff() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = BalancesReceiver(failures: 2)
        try await receiver.serve { url in
            let clock = FakeSchedulerClock(Self.night.addingTimeInterval(3 * 3_600))  // 06:00
            let scheduler = try Self.scheduler(directory, clock: clock) {
                $0.balancesExportHourUTC = 6
                $0.balancesUploadURL = url
                $0.balancesUploadBackoffSeconds = 3
                $0.balancesUploadTimeoutSeconds = 60
            }
            #expect(scheduler.dueJobs(at: clock.now()).contains(.balancesExport))
            let report = try #require(await scheduler.runNow(.balancesExport, trigger: "schedule"))
            #expect(report.outcome == .succeeded, "\(report)")
            // The receiver answers its first two uploads with 503: [503, 503, 200]. (On a heavily
            // loaded machine an attempt's answer may not arrive in time: that attempt shows no
            // status and is retried like a 503.)
            let statuses = report.uploadAttempts.map(\.statusCode)
            #expect(statuses.last == 200)
            #expect(statuses.count >= 3)
            #expect(statuses.dropLast().allSatisfy { $0 == nil || $0 == 503 })
            let waits = [0.0, 3, 6, 12].prefix(statuses.count)
            #expect(report.uploadAttempts.map(\.backoffSeconds) == Array(waits))
            #expect(clock.sleeps == Array(waits.dropFirst()))
            #expect(report.message.contains("uploaded by PUT after \(statuses.count) attempt(s)"))
        }
        #expect(receiver.bodies.count >= 3)
        #expect(receiver.bodies.allSatisfy { $0.contains("urn:drv-string-payments:balances-owing:1") })
        let file = directory.appendingPathComponent("exports/balances-owing.xml")
        #expect(try String(contentsOf: file, encoding: .utf8) == receiver.bodies.last)
    }

    @Test func anUploadRefusedWithAFinalStatusIsNotRetriedAndFails() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = BalancesReceiver(failures: 0, finalStatus: .forbidden)
        try await receiver.serve { url in
            let clock = FakeSchedulerClock(Self.night)
            let scheduler = try Self.scheduler(directory, clock: clock) { $0.balancesUploadURL = url }
            let report = try #require(await scheduler.runNow(.balancesExport, trigger: "user:anna"))
            #expect(report.outcome == .failed)
            #expect(report.uploadAttempts.map(\.statusCode) == [403])
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test func anUnreachableReceiverIsTriedEveryAttempt() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FakeSchedulerClock(Self.night)
        let scheduler = try Self.scheduler(directory, clock: clock) {
            $0.balancesUploadURL = "http://127.0.0.1:9/balances"
            $0.balancesUploadAttempts = 3
            $0.balancesUploadTimeoutSeconds = 1
        }
        let report = try #require(await scheduler.runNow(.balancesExport, trigger: "schedule"))
        #expect(report.outcome == .failed)
        #expect(report.uploadAttempts.count == 3)
        #expect(report.uploadAttempts.allSatisfy { $0.statusCode == nil && $0.failure != nil })
        #expect(clock.sleeps == [2, 4])
    }

    @Test func reportsBeyondTheRetentionAreRemovedOldestFirst() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = RunReportStore(directory: directory, retention: 3)
        for second in 0..<5 {
            let start = Self.night.addingTimeInterval(Double(second))
            try store.save(
                ScheduledRunReport(
                    id: Scheduler.reportId(.balancesExport, start), job: .balancesExport, trigger: "schedule",
                    startedAt: start, finishedAt: start, outcome: .succeeded, message: "run \(second)"))
        }
        #expect(store.list().map(\.message) == ["run 4", "run 3", "run 2"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers.count == 3)
        #expect(store.report(id: "../etc/passwd") == nil)
        #expect(throws: ServerError.self) {
            try store.save(
                ScheduledRunReport(
                    id: "../x", job: .balancesExport, trigger: "schedule", startedAt: Self.night,
                    finishedAt: Self.night, outcome: .succeeded, message: ""))
        }
    }

    @Test func theSchedulerKeysAreReadFromTheFileAndChecked() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("drv-sched-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"scheduler": {"balancesExportHourUTC": 7, "balancesUploadMethod": "POST"}}"#.utf8).write(to: file)
        let configuration = try ServerConfiguration.load(
            file: file.path, environment: ["DRV_SERVER_BALANCES_UPLOAD_URL": "https://pay.example/b"])
        #expect(configuration.scheduler.balancesExportHourUTC == 7)
        #expect(configuration.scheduler.balancesUploadMethod == "POST")
        #expect(configuration.scheduler.balancesUploadURL == "https://pay.example/b")
        #expect(configuration.scheduler.balancesUploadAttempts == 4)
        for bad in [
            #"{"scheduler": {"balancesExportHourUTC": 24}}"#, #"{"scheduler": {"balancesUploadMethod": "GET"}}"#,
            #"{"scheduler": {"balancesUploadURL": "ftp://x"}}"#, #"{"scheduler": {"tickSeconds": 0}}"#,
        ] {
            try Data(bad.utf8).write(to: file)
            #expect(throws: ServerError.self) { try ServerConfiguration.load(file: file.path, environment: [:]) }
        }
    }

    @Test func theServiceStopsAtGracefulShutdown() async throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FakeSchedulerClock(Self.night)
        let scheduler = try Self.scheduler(directory, clock: clock)
        let task = Task { try await scheduler.run() }
        while scheduler.reports.list().count < 2 { await Task.yield() }
        task.cancel()
        _ = await task.result
        #expect(scheduler.reports.list().count >= 2)
    }
}
