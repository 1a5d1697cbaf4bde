import Foundation

#if os(Linux)
    import CLibXML2Bench  // malloc_trim
#endif

/// Progress goes to standard error, so standard output holds only the report.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("[\(BenchMachine.timestamp)] \(message)\n".utf8))
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

/// Resident memory of this process, from `/proc/self/status` (Linux only).
enum ResidentMemory {
    /// `VmRSS` in bytes after returning freed heap to the kernel, so that memory the process
    /// freed does not count; `nil` where `/proc` is unavailable.
    static func trimmedResidentBytes() -> Int? {
        #if os(Linux)
            _ = malloc_trim(0)
        #endif
        return statusField("VmRSS")
    }

    /// Bytes the allocator has handed out and not had back (`mallinfo2().uordblks`, glibc only):
    /// live heap, without the free space and fragmentation that `VmRSS` also counts.
    static var liveHeapBytes: Int? {
        #if os(Linux)
            return Int(mallinfo2().uordblks)
        #else
            return nil
        #endif
    }

    /// `VmHWM`, the peak resident set so far, in bytes.
    static var peakResidentBytes: Int? { statusField("VmHWM") }

    private static func statusField(_ name: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/self/status") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(name + ":") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 3, let value = Int(fields[1]), fields[2] == "kB" else { return nil }
            return value * 1024
        }
        return nil
    }
}

/// One line describing where the numbers were measured.
enum BenchMachine {
    static func summary(loadAtStart: String?) -> String {
        let processInfo = ProcessInfo.processInfo
        var parts = ["nproc \(processInfo.activeProcessorCount)"]
        if let model = cpuModel { parts.append(model) }
        parts.append(String(format: "%.1f GB RAM", Double(processInfo.physicalMemory) / 1e9))
        parts.append(processInfo.operatingSystemVersionString)
        if let loadAverage {
            parts.append("load average " + (loadAtStart.map { "\($0) at start, " } ?? "") + "\(loadAverage) at end")
        }
        parts.append(timestamp)
        return parts.joined(separator: ", ")
    }

    /// The current time in UTC, as `2025-01-31 14:05 UTC`.
    static var timestamp: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date())
    }

    /// The 1-minute load average from `/proc/loadavg`.
    static var loadAverage: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/loadavg") else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    /// The device and file system a path lives on, from `/proc/mounts` (the longest mount point
    /// that is a prefix of the path), as `/dev/vda (ext4)`.
    static func fileSystem(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/mounts") else { return "unknown" }
        var best: (mountPoint: String, description: String)?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 3 else { continue }
            let mountPoint = fields[1]
            let isPrefix = mountPoint == "/" || path == mountPoint || path.hasPrefix(mountPoint + "/")
            if isPrefix, mountPoint.count >= (best?.mountPoint.count ?? -1) {
                best = (mountPoint, "\(fields[0]) (\(fields[2]), mounted on \(mountPoint))")
            }
        }
        return best?.description ?? "unknown"
    }

    private static var cpuModel: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/cpuinfo") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// A plain-text table: the first column left-aligned, the others right-aligned.
struct TextTable {
    private var header: [String]
    private var rows: [[String]] = []

    init(header: [String]) { self.header = header }

    mutating func append(_ row: [String]) { rows.append(row) }

    var rendered: String {
        let all = [header] + rows
        let columnCount = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for index in 0..<columnCount {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                text += index == 0 ? cell + padding : "  " + padding + cell
            }
            return text
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, columnCount - 1))
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
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
