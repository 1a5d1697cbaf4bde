import Foundation
import Synchronization

/// Request counts and latencies per route and status, rendered in Prometheus' text format.
///
/// Kept in memory by the process; `GET /metrics` renders it. Latencies go into fixed buckets
/// (5 ms to 10 s) so a scrape costs the same however many requests there were.
public final class RequestMetrics: Sendable {
    /// The upper bounds of the latency buckets, in seconds.
    public static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Key: Hashable, Comparable {
        var method: String
        var route: String
        var status: Int
        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.route, lhs.method, lhs.status) < (rhs.route, rhs.method, rhs.status)
        }
    }

    private struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: RequestMetrics.bucketBounds.count)
    }

    private let series = Mutex<[Key: Series]>([:])

    /// Creates an empty store.
    public init() {}

    /// Records one request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - route: The matched route pattern (not the path, so booking ids do not make series).
    ///   - status: The response status code.
    ///   - seconds: How long the request took.
    public func record(method: String, route: String, status: Int, seconds: Double) {
        series.withLock { all in
            var entry = all[Key(method: method, route: route, status: status), default: Series()]
            entry.count += 1
            entry.sum += seconds
            for (index, bound) in Self.bucketBounds.enumerated() where seconds <= bound {
                entry.buckets[index] += 1
            }
            all[Key(method: method, route: route, status: status)] = entry
        }
    }

    /// The number of requests recorded for a route, all methods and statuses.
    ///
    /// - Parameter route: The route pattern.
    /// - Returns: The count.
    public func count(route: String) -> Int {
        series.withLock { all in all.filter { $0.key.route == route }.reduce(0) { $0 + $1.value.count } }
    }

    /// The metrics in Prometheus' text exposition format 0.0.4.
    public func prometheusText() -> String {
        let snapshot = series.withLock { $0 }
        var lines = [
            "# HELP drv_http_requests_total HTTP requests by method, route and status.",
            "# TYPE drv_http_requests_total counter",
        ]
        let keys = snapshot.keys.sorted()
        for key in keys {
            lines.append("drv_http_requests_total{\(labels(key))} \(snapshot[key]?.count ?? 0)")
        }
        lines += [
            "# HELP drv_http_request_duration_seconds HTTP request latency by method, route and status.",
            "# TYPE drv_http_request_duration_seconds histogram",
        ]
        for key in keys {
            guard let entry = snapshot[key] else { continue }
            for (index, bound) in Self.bucketBounds.enumerated() {
                lines.append(
                    "drv_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(entry.buckets[index])")
            }
            lines.append("drv_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(entry.count)")
            lines.append("drv_http_request_duration_seconds_sum{\(labels(key))} \(entry.sum)")
            lines.append("drv_http_request_duration_seconds_count{\(labels(key))} \(entry.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func labels(_ key: Key) -> String {
        "method=\"\(escape(key.method))\",route=\"\(escape(key.route))\",status=\"\(key.status)\""
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
