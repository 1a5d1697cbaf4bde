import ArgumentParser
import Foundation
import Logging
import PaymentLedger
import PaymentServer
import ServiceLifecycle

/// `drv-payments-server`: the STRING endpoint, health and metrics over one ledger.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drv-payments-server",
        abstract: "Serve STRING over HTTP, health and metrics, over one ledger.",
        discussion: """
            Configuration comes from a JSON file (--config or DRV_SERVER_CONFIG), then the
            environment (DRV_SERVER_HOST, DRV_SERVER_PORT, DRV_SERVER_DATA,
            DRV_SERVER_MAX_BODY_BYTES, DRV_SERVER_REQUEST_TIMEOUT, DRV_SERVER_AGENCY_KEYS,
            DRV_SERVER_SECURE_COOKIES, DRV_SERVER_PUBLIC_URL), then these options.
            SIGTERM or SIGINT shut it down gracefully: in-flight requests finish, the journal is
            flushed and closed.
            """,
        subcommands: [Serve.self, AgencyKey.self, StaffUserCommand.self, Remind.self],
        defaultSubcommand: Serve.self)
}

/// Runs the server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the server (the default).")

    @Flag(help: "Fill an empty ledger with sample bookings, make agency keys and print what to try.")
    var demo = false

    @Option(help: "A JSON configuration file.")
    var config: String?

    @Option(help: "The port (0 picks a free one).")
    var port: Int?

    @Option(help: "The address to listen on.")
    var host: String?

    @Option(help: "The ledger's journal directory (with --demo: default a new temporary one).")
    var data: String?

    @Option(
        help: ArgumentHelp(
            "The ledger in PostgreSQL instead of the data directory: postgres://USER:PASSWORD@HOST:PORT/DATABASE.",
            discussion: "Default DRV_SERVER_DATABASE_URL, or libpq's PG* variables with DRV_SERVER_STORE=postgres."))
    var database: String?

    @Option(help: "A log file for the simulated gateway, which remembers its operations across restarts.")
    var gatewayLog: String?

    @Option(help: "Milliseconds the simulated gateway takes to answer an authorisation or a capture (default 0).")
    var gatewayLatency: Int = 0

    @Option(
        help: ArgumentHelp(
            "Another instance's simulated gateway log, asked about attempts this one never saw (repeatable).",
            discussion: "Stands in for the gateway instances share, to recover what a dead instance left in flight."))
    var gatewayPeerLog: [String] = []

    @Flag(
        help: ArgumentHelp(
            "Stop unless the payments left in flight by a crash are resolved before serving, and print how many.",
            discussion:
                "The gateway is asked about each. With the PostgreSQL store only those of dead instances (or older "
                + "than the minimum age). Recovery also happens by itself at every start (a failure is then logged "
                + "and retried) and every --recovery-interval."))
    var reconcile = false

    @Option(
        help: ArgumentHelp(
            "This instance's name on the PostgreSQL store (default DRV_SERVER_INSTANCE_ID, else a new one per start)."))
    var instanceId: String?

    @Option(
        help: ArgumentHelp(
            "Seconds from which a payment in flight is resolved whoever left it (default 900).",
            discussion: "Must exceed the longest gateway call. DRV_SERVER_IN_FLIGHT_MINIMUM_AGE."))
    var inFlightMinimumAge: String?

    @Option(
        help:
            "Seconds between looks for payments left in flight (by dead instances, or lost gateway answers); 0 turns it off (default 10)."
    )
    var recoveryInterval: String?

    func run() async throws {
        var configuration = try ServerConfiguration.load(file: config)
        let databaseSettings =
            try database.map { url throws(ServerError) in try PostgresSettings(url: url) }
            ?? PostgresSettings.fromEnvironment()
        if let port { configuration.port = port }
        if let host { configuration.host = host }
        if let data {
            configuration.dataDirectory = data
        } else if demo {
            configuration.dataDirectory =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("drv-payments-demo-\(UUID().uuidString)").path
        }
        let demoSetup = demo ? DemoSetup() : nil
        if let demoSetup { configuration.agencies += demoSetup.credentials }
        let demoStaff = demo ? try DemoStaff() : nil
        if let demoStaff { configuration.staff += demoStaff.users }
        try configuration.validate()
        var recoverySettings = try InFlightRecoverySettings.fromEnvironment()
        if let instanceId { recoverySettings.instanceId = instanceId }
        if let inFlightMinimumAge {
            recoverySettings.minimumAge = try InFlightRecoverySettings.seconds(
                inFlightMinimumAge, "--in-flight-minimum-age")
        }
        if let recoveryInterval {
            recoverySettings.interval = try InFlightRecoverySettings.seconds(recoveryInterval, "--recovery-interval")
        }
        try recoverySettings.validate()
        // With the PostgreSQL store the instance takes its lock before it appends anything, and
        // names itself in every row it appends.
        let instanceLock = databaseSettings.map { settings in
            PostgresInstanceLock(
                instanceId: recoverySettings.instanceId ?? PostgresInstanceLock.newInstanceId(), settings: settings)
        }
        try await instanceLock?.acquire()
        let ledger =
            try databaseSettings.map { settings throws(ServerError) in
                try PaymentServerApp.openLedger(database: settings, instanceId: instanceLock?.instanceId)
            } ?? PaymentServerApp.openLedger(configuration)
        if demo { try DemoSetup.populate(ledger) }
        guard (0...60_000).contains(gatewayLatency) else {
            throw ServerError(code: .invalidConfiguration, message: "--gateway-latency must be 0 to 60000 milliseconds")
        }
        let latency = Duration.milliseconds(gatewayLatency)
        let simulated =
            try gatewayLog.map { try SimulatedPaymentGateway(logFile: URL(fileURLWithPath: $0), latency: latency) }
            ?? SimulatedPaymentGateway(latency: latency)
        let gateway: any PaymentGateway =
            gatewayPeerLog.isEmpty
            ? simulated
            : SimulatedGatewayWithPeers(own: simulated, peerLogs: gatewayPeerLog.map { URL(fileURLWithPath: $0) })
        let vouchers = SimulatedVoucherValidator()
        // The file journal's directory is this process's alone: everything in flight at start was
        // left by a crash. A shared database: only what dead instances left.
        let recovery: any InFlightRecovering =
            if let databaseSettings, let instanceLock {
                PostgresInFlightRecovery(
                    ledger: ledger, gateway: gateway, vouchers: vouchers, settings: databaseSettings,
                    instanceId: instanceLock.instanceId, recovery: recoverySettings)
            } else {
                LocalInFlightRecovery(
                    ledger: ledger, gateway: gateway, vouchers: vouchers, interval: recoverySettings.interval)
            }
        // At every start; a failure stops the start only when --reconcile asked for it (the
        // scheduled recovery tries again).
        do {
            let report = try await recovery.recover()
            if reconcile {
                let whose = databaseSettings == nil ? "" : " of dead instances"
                let line =
                    "reconciled \(report.entries.count) payments in flight\(whose), "
                    + "\(report.unresolved.count) unresolved, \(ledger.inFlightPayments.count) left in flight\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            if reconcile { throw error }
            FileHandle.standardError.write(Data("in-flight recovery at start failed: \(error)\n".utf8))
        }
        // With the PostgreSQL store every instance runs the scheduler, and each job runs under an
        // advisory lock (one instance at a time, moving on when that instance dies).
        let workLease: any ScheduledWorkLease =
            databaseSettings.map { PostgresWorkLease(settings: $0) } ?? InProcessWorkLease()
        var services: [any Service] = []
        if let instanceLock { services.append(instanceLock) }
        services.append(InFlightRecoveryService(recovery: recovery, lease: workLease))
        let server = PaymentServerApp(
            configuration: configuration, ledger: ledger, gateway: gateway, workLease: workLease)
        let host = configuration.host
        let dataDirectory = databaseSettings.map(\.description) ?? configuration.dataDirectory
        let mailRelay =
            configuration.mail.smtpHost.map { "receipts by SMTP to \($0):\(configuration.mail.smtpPort)" }
            ?? configuration.mail.sendmailPath.map { "receipts through \($0)" }
        let instanceLine = instanceLock.map { "  instance: \($0.instanceId)" }
        try await server.run(services: services) { port in
            var lines = [
                "drv-payments-server listening on http://\(host):\(port)",
                "  ledger:  \(dataDirectory) (\(ledger.bookingCount) bookings)",
                "  STRING:  POST http://\(host):\(port)/string",
                "  health:  http://\(host):\(port)/healthz  http://\(host):\(port)/readyz",
                "  metrics: http://\(host):\(port)/metrics",
                "  portal:  http://\(host):\(port)/portal",
            ]
            if let relay = mailRelay { lines.append("  mail: \(relay)") }
            if let instanceLine { lines.append(instanceLine) }
            if let demoStaff {
                lines.append("Back office: http://\(host):\(port)/admin")
                for login in demoStaff.logins {
                    lines.append("  \(login.name) / \(login.password)  (\(login.role.rawValue))")
                }
            }
            if let demoSetup {
                lines.append("Agency logins (X-API-Key, or HTTP basic AGENCY:KEY):")
                for login in demoSetup.agencies {
                    let bookings = DemoSetup.bookings(of: login.agency, in: ledger).joined(separator: ", ")
                    lines.append("  agency \(login.agency)  key \(login.key)  bookings \(bookings)")
                }
                lines.append("Portal logins (http://\(host):\(port)/portal, booking reference and email):")
                for login in DemoSetup.customerLogins(in: ledger) {
                    lines.append("  portal: booking \(login.booking)  email \(login.email)")
                }
                if let first = demoSetup.agencies.first,
                    let booking = DemoSetup.bookings(of: first.agency, in: ledger, limit: 1).first
                {
                    lines += [
                        "Try (retrieve a booking of agency \(first.agency)):",
                        "  curl -H 'X-API-Key: \(first.key)' -H 'Content-Type: application/xml' "
                            + "--data-binary '<BookingRequest xmlns=\"http://string.drv.de/xmlschema/string\">"
                            + "<AgencyInformation><Agency>\(first.agency)</Agency></AgencyInformation>"
                            + "<RequestTrigger>Retrieve</RequestTrigger><BookingId>\(booking)</BookingId>"
                            + "</BookingRequest>' http://\(host):\(port)/string",
                    ]
                }
            }
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}

/// Makes an agency API key.
struct AgencyKey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency-key",
        abstract: "Make a new API key for an agency and print it with the hash to configure.",
        discussion: """
            The key is shown once; the configuration keeps only its SHA-256. Give the key to the
            agency, add the printed entry to the configuration file's "agencies" (or to
            DRV_SERVER_AGENCY_KEYS as AGENCY=HASH).
            """)

    @Argument(help: "The agency number.")
    var agency: String

    func run() throws {
        let key = SecretHash.newToken()
        print("key:    \(key)")
        print("config: {\"agency\": \"\(agency)\", \"keySHA256\": \"\(SecretHash.sha256Hex(key))\"}")
        print("env:    \(agency)=\(SecretHash.sha256Hex(key))")
    }
}
