import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaymentServer
import Testing

@Suite struct HealthAndMetricsTests {
    typealias H = ServerHarness

    @Test func healthzAndReadyzAnswer() async throws {
        let harness = try H()
        try await harness.test { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok\n")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in #expect(response.status == .ok) }
            harness.server.readiness.beginShutdown()
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusInPrometheusFormat() async throws {
        let harness = try H()
        try await harness.test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA))
            ) { _ in }
            try await client.execute(uri: "/string", method: .post, headers: H.headers(key: nil)) { _ in }
            try await client.execute(uri: "/string", method: .post, headers: H.headers(key: nil)) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = response.text
                #expect(text.contains("# TYPE drv_http_requests_total counter"))
                #expect(text.contains("drv_http_requests_total{method=\"POST\",route=\"/string\",status=\"200\"} 1"))
                #expect(text.contains("drv_http_requests_total{method=\"POST\",route=\"/string\",status=\"401\"} 2"))
                #expect(text.contains("# TYPE drv_http_request_duration_seconds histogram"))
                #expect(
                    text.contains(
                        "drv_http_request_duration_seconds_count{method=\"POST\",route=\"/string\",status=\"401\"} 2"))
                #expect(text.contains("le=\"+Inf\"} 2"))
            }
        }
        #expect(harness.server.metrics.count(route: "/string") == 3)
    }

    @Test func histogramBucketsAreCumulative() {
        let metrics = RequestMetrics()
        metrics.record(method: "GET", route: "/x", status: 200, seconds: 0.003)
        metrics.record(method: "GET", route: "/x", status: 200, seconds: 0.2)
        metrics.record(method: "GET", route: "/x", status: 200, seconds: 30)
        let text = metrics.prometheusText()
        #expect(text.contains("route=\"/x\",status=\"200\",le=\"0.005\"} 1"))
        #expect(text.contains("route=\"/x\",status=\"200\",le=\"0.25\"} 2"))
        #expect(text.contains("route=\"/x\",status=\"200\",le=\"10.0\"} 2"))
        #expect(text.contains("route=\"/x\",status=\"200\",le=\"+Inf\"} 3"))
    }
}
