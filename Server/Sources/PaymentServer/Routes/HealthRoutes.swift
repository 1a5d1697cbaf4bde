import Hummingbird
import Synchronization

/// Whether the server takes traffic: ready after start, not ready once shutdown began, so a
/// load balancer stops sending before in-flight requests drain.
public final class Readiness: Sendable {
    private let state = Mutex(true)

    /// Creates a ready flag.
    public init() {}

    /// Whether the server is ready.
    public var isReady: Bool { state.withLock { $0 } }

    /// Marks the server as draining.
    public func beginShutdown() { state.withLock { $0 = false } }
}

/// `/healthz` (the process answers), `/readyz` (it takes traffic) and `/metrics`.
struct HealthRoutes {
    let readiness: Readiness
    let metrics: RequestMetrics

    func add(to router: Router<ServerRequestContext>) {
        router.get("/healthz") { _, _ in StringRoute.text(.ok, "ok\n") }
        router.get("/readyz") { [readiness] _, _ in
            readiness.isReady ? StringRoute.text(.ok, "ready\n") : StringRoute.text(.serviceUnavailable, "draining\n")
        }
        router.get("/metrics") { [metrics] _, _ in
            var response = StringRoute.text(.ok, metrics.prometheusText())
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
    }
}
