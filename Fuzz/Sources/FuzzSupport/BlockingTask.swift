import Dispatch
import Synchronization

/// Runs async work to completion from synchronous code, as libFuzzer's entry point is.
///
/// The work runs in a `Task` on the global executor while the calling thread waits on a
/// semaphore; the calling thread is libFuzzer's, never one of the executor's, so it cannot
/// starve the task.
public enum BlockingTask {
    private final class Outcome<Value: Sendable>: Sendable {
        let value = Mutex<Value?>(nil)
    }

    /// The value the async closure returns, after waiting for it.
    public static func run<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
        let outcome = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await body()
            outcome.value.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        guard let value = outcome.value.withLock({ $0 }) else { fatalError("the task finished without a value") }
        return value
    }
}
