public import Foundation

/// What one run of a scheduled job did, kept as a JSON file in the data directory.
public struct ScheduledRunReport: Codable, Hashable, Sendable, Identifiable {
    /// How a run ended.
    public enum Outcome: String, Codable, Hashable, Sendable {
        /// The job did its work (an autopay run may still have failed charges; see the counts).
        case succeeded
        /// The job failed: the export could not be written or uploaded, the ledger refused.
        case failed
        /// The library refused to run (not a production ledger, outside the window).
        case refused
    }

    /// One upload attempt of the balances export.
    public struct UploadAttempt: Codable, Hashable, Sendable {
        /// The HTTP status the receiver answered, or `nil` when none came.
        public var statusCode: Int?
        /// What went wrong without an answer, or `nil`.
        public var failure: String?
        /// The wait before this attempt, in seconds (0 for the first).
        public var backoffSeconds: Double

        /// Creates an attempt.
        public init(statusCode: Int?, failure: String?, backoffSeconds: Double) {
            self.statusCode = statusCode
            self.failure = failure
            self.backoffSeconds = backoffSeconds
        }
    }

    /// The report's identifier: start time in milliseconds and the job, which sorts by time.
    public var id: String
    /// The job.
    public var job: ScheduledJob
    /// Who started it: `schedule` or `user:NAME`.
    public var trigger: String
    /// When the run started.
    public var startedAt: Date
    /// When it ended.
    public var finishedAt: Date
    /// How it ended.
    public var outcome: Outcome
    /// One line for people: what it did or why it failed.
    public var message: String
    /// Autopay: the instalments (or arrivals) selected.
    public var selected: Int = 0
    /// Autopay: the charges that took the money.
    public var charged: Int = 0
    /// Autopay: the charges that failed.
    public var failed: Int = 0
    /// Autopay: the charges the gateway has pending, or collections submitted.
    public var pending: Int = 0
    /// Autopay: the candidates not charged.
    public var skipped: Int = 0
    /// Details, one line each: charges and failures, the file written.
    public var lines: [String] = []
    /// The balances export's upload attempts.
    public var uploadAttempts: [UploadAttempt] = []

    /// Creates a report.
    public init(
        id: String, job: ScheduledJob, trigger: String, startedAt: Date, finishedAt: Date, outcome: Outcome,
        message: String
    ) {
        self.id = id
        self.job = job
        self.trigger = trigger
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.message = message
    }
}
