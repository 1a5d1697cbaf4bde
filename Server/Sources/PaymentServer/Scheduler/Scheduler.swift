public import Foundation
public import Logging
public import PaymentLedger
public import ServiceLifecycle
import Synchronization
import XMLCoding

/// The server's scheduler, a swift-service-lifecycle `Service`: every tick it runs the jobs that
/// are due — instalment, reseller and direct-debit autopay once a UTC day inside their windows
/// (the library's autopay settings in the data directory), the balances-owing export and the
/// balance reminders once a day from their configured hours — each only while it holds the
/// job's ``ScheduledWorkLease``, and
/// keeps a ``ScheduledRunReport`` of every run in its ``RunReportStore``.
///
/// The work itself is the library's: `runAutopay`, `runDirectDebit`, `BalancesExport`; the
/// scheduler decides when, uploads the export (``BalancesHTTPUploader``) and records the outcome.
///
/// ```swift
/// let scheduler = Scheduler(ledger: ledger, gateway: gateway, configuration: configuration.scheduler,
///                           dataDirectory: URL(fileURLWithPath: configuration.dataDirectory))
/// let reports = await scheduler.tick()       // what a tick ran now
/// ```
public final class Scheduler: Service, Sendable {
    /// The ledger.
    public let ledger: Ledger
    /// The gateway autopay charges through.
    public let gateway: any PaymentGateway
    /// Whether, how often, and where the export goes.
    public let configuration: SchedulerConfiguration
    /// The ledger's data directory: autopay settings, collection files, exports, reports.
    public let dataDirectory: URL
    /// The kept run reports.
    public let reports: RunReportStore
    /// The clock; tests inject one that does not wait.
    public let clock: any SchedulerClock
    /// The lease each job runs under.
    public let lease: any ScheduledWorkLease
    /// Sends the scheduled balance reminders; `nil` when the server has no mail path, and then
    /// the job never runs.
    public let reminders: ReminderService?
    private let autopaySettings: @Sendable () throws -> AutopaySettings
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        /// The UTC day of each job's last scheduled run.
        var lastScheduledDay: [ScheduledJob: Int] = [:]
        /// The jobs running now.
        var running: Set<ScheduledJob> = []
    }

    /// Creates the scheduler.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - gateway: The gateway autopay charges through.
    ///   - configuration: The scheduler's keys.
    ///   - dataDirectory: The data directory (reports go to its `run-reports`, exports to `exports`).
    ///   - clock: The clock. Default the system's.
    ///   - lease: The lease. Default ``InProcessWorkLease``.
    ///   - autopaySettings: Reads the autopay settings. Default: `autopay.json` of the data directory.
    ///   - reminders: Sends the balance reminders. Default `nil`: no reminders are scheduled.
    ///   - logger: The log.
    public init(
        ledger: Ledger, gateway: any PaymentGateway, configuration: SchedulerConfiguration, dataDirectory: URL,
        clock: any SchedulerClock = SystemSchedulerClock(), lease: any ScheduledWorkLease = InProcessWorkLease(),
        autopaySettings: (@Sendable () throws -> AutopaySettings)? = nil, reminders: ReminderService? = nil,
        logger: Logger = Logger(label: "drv-payments-server.scheduler")
    ) {
        self.reminders = reminders
        self.ledger = ledger
        self.gateway = gateway
        self.configuration = configuration
        self.dataDirectory = dataDirectory
        self.reports = RunReportStore(
            directory: dataDirectory.appendingPathComponent("run-reports"), retention: configuration.reportRetention)
        self.clock = clock
        self.lease = lease
        if let autopaySettings {
            self.autopaySettings = autopaySettings
        } else {
            self.autopaySettings = { try AutopaySettings.load(fromLedger: dataDirectory) }
        }
        self.logger = logger
        let lastDays = Dictionary(
            reports.list().filter { $0.trigger == Self.scheduleTrigger }.map { ($0.job, Self.utcDay($0.startedAt)) },
            uniquingKeysWith: max)
        state.withLock { $0.lastScheduledDay = lastDays }
    }

    /// The trigger of runs the schedule started.
    public static let scheduleTrigger = "schedule"

    /// Ticks until graceful shutdown: a run in progress finishes, the wait between ticks is cut short.
    public func run() async throws {
        guard configuration.enabled else {
            try? await gracefulShutdown()
            return
        }
        logger.info("scheduler started", metadata: ["tickSeconds": "\(configuration.tickSeconds)"])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            _ = await tick()
            let clock = self.clock
            let seconds = configuration.tickSeconds
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(seconds: seconds) }
            } catch {
                break
            }
        }
    }

    /// The jobs due at an instant: those whose window (or hour) holds it and that have not run
    /// by schedule on its UTC day.
    ///
    /// - Parameter instant: The instant.
    /// - Returns: The jobs, in the order they run.
    public func dueJobs(at instant: Date) -> [ScheduledJob] {
        let hour = Self.utcHour(instant)
        let day = Self.utcDay(instant)
        let settings: AutopaySettings?
        do {
            settings = try autopaySettings()
        } catch {
            logger.error("autopay settings unreadable; autopay not scheduled", metadata: ["error": "\(error)"])
            settings = nil
        }
        var jobs: [ScheduledJob] = []
        if let settings {
            if settings.instalmentWindow.contains(hour: hour) { jobs.append(.instalmentAutopay) }
            if settings.resellerWindow.contains(hour: hour) { jobs.append(.resellerAutopay) }
            if settings.directDebit != nil, settings.instalmentWindow.contains(hour: hour) {
                jobs.append(.directDebit)
            }
        }
        if let exportHour = configuration.balancesExportHourUTC, hour >= exportHour { jobs.append(.balancesExport) }
        if reminders != nil, let reminderHour = configuration.remindersHourUTC, hour >= reminderHour {
            jobs.append(.balanceReminders)
        }
        let done = state.withLock { $0.lastScheduledDay }
        return jobs.filter { done[$0] != day }
    }

    /// Runs the jobs due now (by the clock), one after the other.
    ///
    /// - Returns: The reports of the runs made.
    @discardableResult
    public func tick() async -> [ScheduledRunReport] {
        var made: [ScheduledRunReport] = []
        for job in dueJobs(at: clock.now()) {
            if let report = await runNow(job, trigger: Self.scheduleTrigger) { made.append(report) }
        }
        return made
    }

    /// Runs a job now, whatever the schedule (the back office's "run now"); autopay still runs
    /// only where the library allows it (production ledger, inside its window).
    ///
    /// - Parameters:
    ///   - job: The job.
    ///   - trigger: Who asks: ``scheduleTrigger`` or `user:NAME`.
    /// - Returns: The run's report, kept in ``reports``; `nil` when the job is running already or
    ///   its lease is held elsewhere.
    public func runNow(_ job: ScheduledJob, trigger: String) async -> ScheduledRunReport? {
        let claimed = state.withLock { $0.running.insert(job).inserted }
        guard claimed else { return nil }
        defer { _ = state.withLock { $0.running.remove(job) } }
        guard await lease.acquire(job: job.rawValue) else {
            logger.info("lease not granted; job not run", metadata: ["job": "\(job.rawValue)"])
            return nil
        }
        let started = clock.now()
        var report = ScheduledRunReport(
            id: Self.reportId(job, started), job: job, trigger: trigger, startedAt: started, finishedAt: started,
            outcome: .succeeded, message: "")
        switch job {
        case .instalmentAutopay: await runAutopay(.instalment, into: &report)
        case .resellerAutopay: await runAutopay(.reseller, into: &report)
        case .directDebit: await runAutopay(.directDebit, into: &report)
        case .balancesExport: await runBalancesExport(into: &report)
        case .balanceReminders: await runReminders(into: &report)
        }
        await lease.release(job: job.rawValue)
        report.finishedAt = clock.now()
        if trigger == Self.scheduleTrigger {
            state.withLock { $0.lastScheduledDay[job] = Self.utcDay(started) }
        }
        do {
            try reports.save(report)
        } catch {
            logger.error("run report not kept", metadata: ["job": "\(job.rawValue)", "error": "\(error)"])
        }
        logger.info(
            "scheduled run",
            metadata: [
                "job": "\(job.rawValue)", "outcome": "\(report.outcome.rawValue)", "message": "\(report.message)",
            ])
        return report
    }

    private func runAutopay(_ kind: AutopayKind, into report: inout ScheduledRunReport) async {
        do {
            let settings = try autopaySettings()
            let result: AutopayRunReport
            if kind == .directDebit {
                result = try await ledger.runDirectDebit(
                    at: report.startedAt, settings: settings, collections: .ofLedger(dataDirectory))
            } else {
                result = try await ledger.runAutopay(kind, at: report.startedAt, settings: settings, gateway: gateway)
            }
            AutopayReportSummary(result).fill(&report)
        } catch let error as AutopayError {
            report.outcome = error.code == .notProduction || error.code == .outsideWindow ? .refused : .failed
            report.message = error.description
        } catch {
            report.outcome = .failed
            report.message = "\(error)"
        }
    }

    /// Reminds every booking the ``ReminderSchedule`` finds due on the run's UTC day, except those
    /// reminded within the interval; a line per booking, failed when any mail failed.
    private func runReminders(into report: inout ScheduledRunReport) async {
        guard let reminders else {
            report.outcome = .refused
            report.message = "no mail path is configured (mail.smtpHost or mail.sendmailPath)"
            return
        }
        let schedule = ReminderSchedule(configuration)
        let today = XMLDate(daysSinceEpoch: Self.utcDay(report.startedAt))
        let due = schedule.dueBookings(in: ledger, today: today)
        var sent = 0
        var waiting = 0
        var skipped = 0
        var failed = 0
        for bookingId in due {
            if let last = reminders.lastReminder(of: bookingId), schedule.waits(since: last, now: report.startedAt) {
                waiting += 1
                report.lines.append("\(bookingId.value): reminded \(last.ISO8601Format()), not again yet")
                continue
            }
            switch await reminders.remind(bookingId) {
            case .sent:
                sent += 1
                report.lines.append("\(bookingId.value): sent")
            case .skipped(let reason):
                skipped += 1
                report.lines.append("\(bookingId.value): skipped, \(reason)")
            case .failed(let error):
                failed += 1
                report.lines.append("\(bookingId.value): failed, \(error)")
            }
            _ = await lease.renew(job: ScheduledJob.balanceReminders.rawValue)
        }
        report.selected = due.count
        report.charged = 0
        report.failed = failed
        report.skipped = waiting + skipped
        report.message =
            "\(due.count) booking(s) due by \(today.adding(days: schedule.dueWithinDays).xmlLexicalForm): "
            + "\(sent) reminded, \(waiting) reminded within \(schedule.intervalDays) day(s), \(skipped) skipped, "
            + "\(failed) failed"
        if failed > 0 { report.outcome = .failed }
    }

    private func runBalancesExport(into report: inout ScheduledRunReport) async {
        let directory = dataDirectory.appendingPathComponent("exports")
        let file = directory.appendingPathComponent("balances-owing.xml")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            report.outcome = .failed
            report.message = "cannot create \(directory.path): \(error)"
            return
        }
        let summary: BalancesExportSummary
        do {
            let export = BalancesExport(
                options: BalancesExportOptions(
                    generatedAt: report.startedAt, paymentLinkTemplate: configuration.paymentLinkTemplate))
            summary = try export.write(ledger, to: file)
        } catch {
            report.outcome = .failed
            report.message = error.description
            return
        }
        report.message =
            "wrote \(summary.departureCount) departures of \(summary.clientCount) clients (\(summary.byteCount) bytes)"
        report.lines.append("file: \(file.path)")
        guard let url = configuration.balancesUploadURL else { return }
        let body: Data
        do {
            body = try Data(contentsOf: file)
        } catch {
            report.outcome = .failed
            report.message = "cannot read \(file.path): \(error)"
            return
        }
        let uploader = BalancesHTTPUploader(
            url: url, method: configuration.balancesUploadMethod, attempts: configuration.balancesUploadAttempts,
            backoffSeconds: configuration.balancesUploadBackoffSeconds,
            timeoutSeconds: configuration.balancesUploadTimeoutSeconds,
            authorization: configuration.balancesUploadAuthorization)
        let lease = self.lease
        report.uploadAttempts = await uploader.upload(body, clock: clock) {
            await lease.renew(job: ScheduledJob.balancesExport.rawValue)
        }
        let tries = report.uploadAttempts.count
        if BalancesHTTPUploader.succeeded(report.uploadAttempts) {
            report.message += "; uploaded by \(configuration.balancesUploadMethod) after \(tries) attempt(s)"
        } else {
            report.outcome = .failed
            report.message += "; upload failed after \(tries) attempt(s)"
        }
    }

    /// The report id of a run: start in milliseconds (13 digits, so names sort by time) and the job.
    static func reportId(_ job: ScheduledJob, _ instant: Date) -> String {
        let milliseconds = (instant.timeIntervalSince1970 * 1_000).rounded(.down)
        let value = milliseconds.isFinite ? Int64(max(0, min(milliseconds, 9_999_999_999_999))) : 0
        let digits = String(value)
        return String(repeating: "0", count: max(0, 13 - digits.count)) + digits + "-" + job.rawValue
    }

    /// Days since 1970-01-01 (UTC).
    static func utcDay(_ instant: Date) -> Int {
        let days = (instant.timeIntervalSince1970 / 86_400).rounded(.down)
        return days.isFinite ? Int(max(-1e9, min(days, 1e9))) : 0
    }

    /// The hour of the day (UTC), 0…23.
    static func utcHour(_ instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970 - Double(utcDay(instant)) * 86_400
        return max(0, min(23, Int(max(0, min(seconds, 86_399)) / 3_600)))
    }
}
