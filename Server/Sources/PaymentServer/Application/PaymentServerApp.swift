public import Foundation
public import Hummingbird
public import Logging
public import PaymentLedger
public import ServiceLifecycle

/// The server: one ledger, the routes around it, and the services that run and stop them.
///
/// ```swift
/// let ledger = try Ledger.open(directory: URL(fileURLWithPath: configuration.dataDirectory))
/// let server = PaymentServerApp(configuration: configuration, ledger: ledger)
/// try await server.run()
/// ```
public struct PaymentServerApp: Sendable {
    /// How the server runs.
    public let configuration: ServerConfiguration
    /// The ledger the process owns.
    public let ledger: Ledger
    /// The library's message handler over the ledger.
    public let handler: StringMessageHandler
    /// Request counts and latencies.
    public let metrics: RequestMetrics
    /// Whether the server takes traffic.
    public let readiness: Readiness
    /// The server's clock for sessions and links; tests move it.
    public let now: @Sendable () -> Date
    /// The log.
    public let logger: Logger
    /// Autopay runs and the balances export, with their kept reports.
    public let scheduler: Scheduler
    /// The portal's magic-link redeemer (default the ledger's portal tokens) and receipt sender.
    public var portalServices: PortalServices

    /// Creates the server.
    ///
    /// - Parameters:
    ///   - configuration: How the server runs.
    ///   - ledger: The ledger; the server owns it from here on and closes it at shutdown.
    ///   - gateway: The payment gateway. Default the library's simulated gateway.
    ///   - now: The clock. Default the system time.
    ///   - logger: The log. Default one labelled `drv-payments-server`.
    ///   - schedulerClock: The scheduler's clock. Default the system's.
    ///   - workLease: The lease each scheduled job runs under. Default ``InProcessWorkLease``;
    ///     a store shared by several processes passes one backed by the database.
    public init(
        configuration: ServerConfiguration, ledger: Ledger,
        gateway: any PaymentGateway = SimulatedPaymentGateway(),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "drv-payments-server"),
        schedulerClock: any SchedulerClock = SystemSchedulerClock(),
        workLease: any ScheduledWorkLease = InProcessWorkLease()
    ) {
        self.configuration = configuration
        self.ledger = ledger
        self.handler = StringMessageHandler(ledger: ledger, gateway: gateway)
        self.metrics = RequestMetrics()
        self.readiness = Readiness()
        self.now = now
        self.logger = logger
        self.scheduler = Scheduler(
            ledger: ledger, gateway: gateway, configuration: configuration.scheduler,
            dataDirectory: URL(fileURLWithPath: configuration.dataDirectory), clock: schedulerClock,
            lease: workLease,
            reminders: AdminRoutes.reminderService(configuration, ledger: ledger, logger: logger)?.acting(
                as: .system("scheduler")))
        var services = PortalServices(links: LedgerPortalLinks(ledger: ledger))
        if configuration.mail.smtpHost != nil || configuration.mail.sendmailPath != nil {
            do {
                services.receipts = MailedReceipts(
                    service: ReceiptService(
                        ledger: ledger, sender: configuration.mail.makeSender(),
                        composer: try MailComposer(configuration: configuration),
                        portalURL: configuration.baseURL + "/portal"),
                    logger: logger)
            } catch {
                logger.error("receipts are off: \(error)")
            }
        }
        self.portalServices = services
    }

    /// Opens the ledger journaled in the configured data directory, creating it if missing.
    ///
    /// - Parameter configuration: The configuration naming the directory.
    /// - Returns: The ledger, replayed.
    /// - Throws: ``ServerError`` with code `ledger-unavailable` when the journal is locked by
    ///   another process, corrupt or not writable; the message carries the library's error.
    public static func openLedger(_ configuration: ServerConfiguration) throws(ServerError) -> Ledger {
        do {
            return try Ledger.open(directory: URL(fileURLWithPath: configuration.dataDirectory))
        } catch {
            throw ServerError(
                code: .ledgerUnavailable, message: "cannot open the ledger in \(configuration.dataDirectory): \(error)")
        }
    }

    /// The router with every route and middleware.
    public func router() -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        if ledger.journal is PostgresJournal {
            router.add(middleware: FollowOtherInstancesMiddleware(ledger: ledger, logger: logger))
        }
        HealthRoutes(readiness: readiness, metrics: metrics).add(to: router)
        StaticRoutes(branding: configuration.branding).add(to: router)
        let string = StringRoute(
            handler: handler, authenticator: AgencyAuthenticator(credentials: configuration.agencies),
            maxBodyBytes: configuration.maxBodyBytes, timeout: .seconds(configuration.requestTimeoutSeconds))
        router.post("/string") { request, context in try await string.respond(to: request, context: context) }
        do {
            try PortalRoutes.register(on: router, server: self)
        } catch {
            logger.critical("the portal is not available: \(error)")
        }
        do {
            try AdminRoutes.register(on: router, server: self)
        } catch {
            logger.critical("the back office is not available: \(error)")
        }
        return router
    }

    /// The HTTP application, listening on the configured address.
    ///
    /// - Parameter onServerRunning: Called with the bound port once the server listens.
    /// - Returns: The application, a `Service`.
    public func application(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(),
            server: .http1(
                configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeoutSeconds * 1_000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Runs until SIGTERM or SIGINT, then shuts down gracefully: readiness turns to draining,
    /// the HTTP server finishes its in-flight requests, the scheduler finishes a run in progress,
    /// and the ledger is closed (journal flushed).
    ///
    /// - Parameters:
    ///   - services: More services to run beside the server's own, started after the ledger and
    ///     stopped before it (with the PostgreSQL store: the instance's lock and the in-flight
    ///     recovery). Default none.
    ///   - onServerRunning: Called with the bound port once the server listens.
    /// - Throws: What the HTTP server throws when it cannot bind.
    public func run(
        services more: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        // Shut down in reverse order: readiness first, the ledger last.
        var services: [any Service] = [LedgerService(ledger: ledger, readiness: readiness)]
        services += more
        services.append(scheduler)
        services += followerServices as [any Service]
        services.append(application(onServerRunning: onServerRunning))
        services.append(ReadinessService(readiness: readiness))
        let group = ServiceGroup(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
