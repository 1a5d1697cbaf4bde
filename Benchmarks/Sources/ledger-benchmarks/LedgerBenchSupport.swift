import BenchmarkSupport
import Foundation

/// Progress goes to standard error, so standard output holds only the report.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("[\(MachineInfo.timestamp)] \(message)\n".utf8))
}

/// Stops the run: a setup step or a correctness check failed, so no figure would mean anything.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ledger-benchmarks: \(message)\n".utf8))
    exit(1)
}

extension Duration {
    /// The duration in seconds, as a `Double` (for reporting only).
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

/// Runs async work to completion from synchronous code.
///
/// `main.swift` stays synchronous (no top-level `await`): an async main parks the main thread in
/// `dispatch_main`, which valgrind cannot run. Only the handler section needs tasks.
func runBlocking<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
    let box = BlockingResultBox<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
        let value = await body()
        box.lock.withLock { box.value = value }
        done.signal()
    }
    done.wait()
    guard let value = box.lock.withLock({ box.value }) else { fail("async work produced no value") }
    return value
}

/// The result of `runBlocking`, handed from the task to the waiting thread under a lock.
private final class BlockingResultBox<Value: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var value: Value?
}

/// Timing helpers on `ContinuousClock`.
enum Stopwatch {
    static let clock = ContinuousClock()

    /// Runs `body` once and returns how long it took with its result.
    static func time<Result>(_ body: () throws -> Result) rethrows -> (Duration, Result) {
        let start = clock.now
        let result = try body()
        return (clock.now - start, result)
    }

    /// Runs `body` once and returns how long it took with its result.
    static func time<Result>(_ body: () async throws -> Result) async rethrows -> (Duration, Result) {
        let start = clock.now
        let result = try await body()
        return (clock.now - start, result)
    }

    /// The median (the mean of the two middle samples for an even count).
    static func median(_ samples: [Duration]) -> Duration {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .zero }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Keeps a value observable, so the work that produced it is not optimised away.
    @inline(never)
    static func consume<Value>(_ value: Value) {
        withExtendedLifetime(value) {}
    }
}

/// CPU time of this process (all threads, user and system), from `getrusage`.
enum ProcessCPUTime {
    static var now: Duration {
        var usage = rusage()
        #if os(Linux)
            let who = RUSAGE_SELF.rawValue
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration {
            .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
        }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}


/// Number formatting for the report.
enum Format {
    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// A rate, grouped, without decimals: `512,345`.
    static func rate(_ value: Double) -> String {
        value.isFinite ? grouped(Int(value.rounded())) : "n/a"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// A duration in seconds or milliseconds, whichever reads better.
    static func duration(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds >= 1 ? fixed(seconds, 2) + " s" : fixed(seconds * 1000, 1) + " ms"
    }

    /// Bytes as `12.3 MB` (10^6) or `1,234 B`.
    static func bytes(_ value: Int) -> String {
        value >= 1_000_000 ? fixed(Double(value) / 1e6, 1) + " MB" : grouped(value) + " B"
    }
}
