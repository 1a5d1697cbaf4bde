import Synchronization

/// Runs work with a deadline: the answer is the work's result, or `nil` when the deadline passed
/// first. The work is not cancelled; it finishes on its own (a ledger change is atomic and STRING
/// requests may be sent again, so a caller that got 503 can repeat the request safely).
///
/// - Parameters:
///   - timeout: How long to wait.
///   - work: The work.
/// - Returns: The result, or `nil` after the timeout.
func withDeadline<T: Sendable>(
    _ timeout: Duration, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let slot = ContinuationSlot<T>()
    let resume: @Sendable (T?) -> Void = { value in
        slot.continuation.withLock { continuation in
            continuation?.resume(returning: value)
            continuation = nil
        }
    }
    var timer: Task<Void, Never>?
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        slot.continuation.withLock { $0 = continuation }
        Task { resume(await work()) }
        timer = Task {
            do {
                try await Task.sleep(for: timeout)
                resume(nil)
            } catch {
                // Cancelled: the work answered first.
            }
        }
    }
    timer?.cancel()
    return result
}

/// The continuation of ``withDeadline(_:_:)``, resumed once by whichever side comes first.
private final class ContinuationSlot<T: Sendable>: Sendable {
    let continuation = Mutex<CheckedContinuation<T?, Never>?>(nil)
}
