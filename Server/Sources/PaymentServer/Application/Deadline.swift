import NIOCore
import Synchronization

/// Runs work with a deadline: the answer is the work's result, or `nil` when the deadline passed
/// first. The work is not cancelled; it finishes on its own (a ledger change is atomic and STRING
/// requests may be sent again, so a caller that got 503 can repeat the request safely).
///
/// The deadline is a task scheduled on the request's event loop, cancelled when the work answers
/// first: a timer costs an entry in the loop's queue, not a task and a sleeping thread.
///
/// - Parameters:
///   - timeout: How long to wait.
///   - eventLoop: The loop that keeps the timer (the request's channel's).
///   - work: The work.
/// - Returns: The result, or `nil` after the timeout.
func withDeadline<T: Sendable>(
    _ timeout: Duration, on eventLoop: any EventLoop, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let slot = ContinuationSlot<T>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        slot.continuation.withLock { $0 = continuation }
        let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) { slot.resume(nil) }
        Task {
            let value = await work()
            timer.cancel()
            slot.resume(value)
        }
    }
}

/// The continuation of ``withDeadline(_:on:_:)``, resumed once by whichever side comes first.
private final class ContinuationSlot<T: Sendable>: Sendable {
    let continuation = Mutex<CheckedContinuation<T?, Never>?>(nil)

    func resume(_ value: T?) {
        continuation.withLock { continuation in
            continuation?.resume(returning: value)
            continuation = nil
        }
    }
}

extension TimeAmount {
    /// The duration in nanoseconds, clamped to what a `TimeAmount` holds (negative as zero).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let limit = Int64.max / 1_000_000_000 - 1
        let clamped = min(max(seconds, 0), limit)
        self = .nanoseconds(clamped * 1_000_000_000 + max(attoseconds, 0) / 1_000_000_000)
    }
}
