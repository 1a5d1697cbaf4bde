public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Delivers a balances-owing document to the tour operator's payment page by HTTP `PUT` or
/// `POST`, through Foundation's URL loading, retrying with a doubling wait. See <doc:BackOffice>.
///
/// An attempt succeeds with any 2xx answer. A 408, 429 or 5xx answer, or no answer at all
/// (connection refused, timeout), is retried until ``BalancesUploadOptions/maximumAttempts``;
/// any other answer (400, 401, 403, 404, …) is final, because sending the same bytes again
/// cannot change it.
///
/// ```swift
/// let uploader = BalancesUploader(options: BalancesUploadOptions(url: receiver, method: .post))
/// let report = try await uploader.upload(file: URL(fileURLWithPath: "balances.xml"))
/// print(report)
/// ```
public struct BalancesUploader: Sendable {
    /// Where and how to upload.
    public var options: BalancesUploadOptions

    /// Creates an uploader.
    ///
    /// - Parameter options: Receiver, method, retries and headers.
    public init(options: BalancesUploadOptions) {
        self.options = options
    }

    /// Uploads a file.
    ///
    /// - Parameter file: The document, as ``BalancesExport/write(_:to:)-(_,URL)`` wrote it.
    /// - Returns: Every attempt; the last one succeeded.
    /// - Throws: ``BalancesExportError`` with code `invalid-upload-url` for a URL that is not
    ///   `http` or `https`, `write-failed` when the file cannot be read, `upload-failed` (with
    ///   the ``BalancesExportError/uploadReport``) when no attempt succeeded.
    public func upload(file: URL) async throws(BalancesExportError) -> BalancesUploadReport {
        guard let scheme = options.url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            options.url.host?.isEmpty == false
        else {
            throw BalancesExportError(
                code: .invalidUploadURL, message: "the upload URL '\(options.url)' is not an http or https URL")
        }
        let body: Data
        do {
            body = try Data(contentsOf: file, options: .mappedIfSafe)
        } catch {
            throw BalancesExportError(code: .writeFailed, message: "cannot read \(file.path): \(error)")
        }
        var request = URLRequest(url: options.url)
        request.httpMethod = options.method.rawValue
        request.setValue("application/xml; charset=utf-8", forHTTPHeaderField: "Content-Type")
        for (name, value) in options.headers { request.setValue(value, forHTTPHeaderField: name) }
        let seconds = options.timeout.components
        request.timeoutInterval = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeoutInterval
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }

        var report = BalancesUploadReport(method: options.method, url: options.url, byteCount: body.count, attempts: [])
        var backoff = options.initialBackoff
        let clock = ContinuousClock()
        for number in 1...max(1, options.maximumAttempts) {
            if number > 1 {
                try? await Task.sleep(for: backoff)
                backoff *= 2
            }
            let started = clock.now
            var attempt = BalancesUploadReport.Attempt(statusCode: nil, failure: nil, duration: .zero)
            do {
                let (_, response) = try await session.upload(for: request, from: body)
                attempt.statusCode = (response as? HTTPURLResponse)?.statusCode
                if attempt.statusCode == nil { attempt.failure = "not an HTTP answer" }
            } catch {
                attempt.failure = Self.describe(error)
            }
            attempt.duration = clock.now - started
            report.attempts.append(attempt)
            if report.succeeded { return report }
            if let status = attempt.statusCode, !Self.isRetryable(status) { break }
        }
        throw BalancesExportError(
            code: .uploadFailed, message: report.description.split(separator: "\n").last.map(String.init) ?? "",
            uploadReport: report)
    }

    /// Whether an answer is worth another attempt: 408, 429 and 5xx.
    static func isRetryable(_ status: Int) -> Bool {
        status == 408 || status == 429 || (500..<600).contains(status)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? URLError { return "URL error \(error.code.rawValue): \(error.localizedDescription)" }
        return "\(error)"
    }
}
