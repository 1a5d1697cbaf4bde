import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Uploads the balances-owing document through AsyncHTTPClient, retrying with a doubling wait
/// taken from the scheduler's clock.
///
/// An attempt succeeds with any 2xx answer. A 408, 429 or 5xx answer, or no answer at all
/// (connection refused, timeout), is tried again until the attempts are used up; any other
/// answer (400, 401, 403, 404, …) is final, because the same bytes cannot change it. Between
/// attempts the lease of the job is renewed; a lost lease stops the upload.
struct BalancesHTTPUploader: Sendable {
    /// The receiver.
    var url: String
    /// `PUT` or `POST`.
    var method: String
    /// Attempts in all.
    var attempts: Int
    /// The first wait, in seconds.
    var backoffSeconds: Double
    /// The limit of one attempt, in seconds.
    var timeoutSeconds: Double
    /// The `Authorization` header, if any.
    var authorization: String?

    /// Uploads a file's bytes.
    ///
    /// - Parameters:
    ///   - body: The document.
    ///   - clock: Waits between attempts.
    ///   - stillHeld: Asked before each attempt after the first; `false` stops the upload.
    /// - Returns: Every attempt; the upload succeeded when the last one has a 2xx status.
    func upload(
        _ body: Data, clock: any SchedulerClock, stillHeld: @Sendable () async -> Bool
    ) async -> [ScheduledRunReport.UploadAttempt] {
        var report: [ScheduledRunReport.UploadAttempt] = []
        var wait = 0.0
        for number in 1...max(1, attempts) {
            if number > 1 {
                wait = number == 2 ? backoffSeconds : wait * 2
                do {
                    try await clock.sleep(seconds: wait)
                } catch {
                    break
                }
                guard await stillHeld() else {
                    report.append(.init(statusCode: nil, failure: "lease lost", backoffSeconds: wait))
                    break
                }
            }
            var attempt = ScheduledRunReport.UploadAttempt(statusCode: nil, failure: nil, backoffSeconds: wait)
            do {
                attempt.statusCode = try await send(body)
            } catch {
                attempt.failure = "\(error)"
            }
            report.append(attempt)
            if let status = attempt.statusCode, !Self.isRetryable(status) { break }
        }
        return report
    }

    /// One attempt: the status the receiver answered.
    private func send(_ body: Data) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = method == "POST" ? .POST : .PUT
        request.headers.add(name: "Content-Type", value: "application/xml; charset=utf-8")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let milliseconds = Int64(min(max(timeoutSeconds, 0.001), 86_400) * 1_000)
        let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(milliseconds))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    /// Whether the upload ended with a 2xx answer.
    static func succeeded(_ attempts: [ScheduledRunReport.UploadAttempt]) -> Bool {
        attempts.last?.statusCode.map { (200..<300).contains($0) } ?? false
    }

    /// Whether an answer is worth another attempt: 408, 429 and 5xx.
    static func isRetryable(_ status: Int) -> Bool {
        status == 408 || status == 429 || (500..<600).contains(status)
    }
}
