public import Foundation

/// The scheduler's sense of time: what time it is and how to wait.
///
/// The server uses ``SystemSchedulerClock``; tests inject a clock whose `sleep` returns at once
/// and moves its time forward, so runs in windows and backoffs are tested without waiting.
public protocol SchedulerClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Waits for a duration.
    ///
    /// - Parameter seconds: How long, in seconds.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(seconds: Double) async throws
}

/// The system's wall clock and `Task.sleep`.
public struct SystemSchedulerClock: SchedulerClock {
    /// Creates the clock.
    public init() {}

    /// The system time.
    public func now() -> Date { Date() }

    /// Sleeps; a non-positive or non-finite duration returns at once.
    public func sleep(seconds: Double) async throws {
        guard seconds.isFinite, seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(min(seconds, 86_400) * 1_000)))
    }
}
