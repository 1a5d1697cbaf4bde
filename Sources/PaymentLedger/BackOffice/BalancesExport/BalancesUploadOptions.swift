public import Foundation

/// Where and how ``BalancesUploader`` delivers the balances-owing document.
public struct BalancesUploadOptions: Hashable, Sendable {
    /// The HTTP method of the upload.
    public enum Method: String, CaseIterable, Hashable, Sendable {
        /// `PUT`: the document replaces the resource at the URL.
        case put = "PUT"
        /// `POST`: the document is sent to the URL.
        case post = "POST"
    }

    /// The receiver: an `http` or `https` URL.
    public var url: URL
    /// The method. The default is ``Method/put``.
    public var method: Method
    /// How many attempts in all before giving up. The default is 4; values below 1 count as 1.
    public var maximumAttempts: Int
    /// The wait before the second attempt; it doubles before each further one. The default,
    /// 2 seconds (then 4, then 8), rides out a receiver's restart without hammering it.
    public var initialBackoff: Duration
    /// How long one attempt may take. The default is 60 seconds.
    public var timeout: Duration
    /// Extra request headers, such as `Authorization`. The default is none.
    public var headers: [String: String]

    /// Creates options; every parameter has the default its property documents.
    public init(
        url: URL, method: Method = .put, maximumAttempts: Int = 4, initialBackoff: Duration = .seconds(2),
        timeout: Duration = .seconds(60), headers: [String: String] = [:]
    ) {
        self.url = url
        self.method = method
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.timeout = timeout
        self.headers = headers
    }
}

/// What an upload did: every attempt and its outcome.
public struct BalancesUploadReport: Hashable, Sendable, CustomStringConvertible {
    /// One attempt.
    public struct Attempt: Hashable, Sendable {
        /// The HTTP status the receiver answered, or `nil` when no answer came.
        public var statusCode: Int?
        /// What went wrong without an answer (connection refused, timeout), or `nil`.
        public var failure: String?
        /// How long the attempt took.
        public var duration: Duration
    }

    /// The method used.
    public var method: BalancesUploadOptions.Method
    /// The receiver.
    public var url: URL
    /// The bytes sent in each attempt.
    public var byteCount: Int
    /// Every attempt, in order.
    public var attempts: [Attempt]

    /// Whether the last attempt was answered with a 2xx status.
    public var succeeded: Bool { attempts.last?.statusCode.map { (200..<300).contains($0) } ?? false }

    /// One line per attempt: `attempt 1: HTTP 503 (0.01 s)`, then the result.
    public var description: String {
        var lines = attempts.enumerated().map { number, attempt in
            let outcome = attempt.statusCode.map { "HTTP \($0)" } ?? (attempt.failure ?? "no answer")
            let seconds =
                Double(attempt.duration.components.seconds)
                + Double(attempt.duration.components.attoseconds) / 1e18
            return "attempt \(number + 1): \(outcome) (\(String(format: "%.2f", seconds)) s)"
        }
        lines.append(
            succeeded
                ? "uploaded \(byteCount) bytes by \(method.rawValue) to \(url.absoluteString)"
                : "upload to \(url.absoluteString) failed after \(attempts.count) attempts")
        return lines.joined(separator: "\n")
    }
}
