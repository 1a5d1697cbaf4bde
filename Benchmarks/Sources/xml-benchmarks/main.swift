import BenchmarkSupport
import Foundation

// xml-benchmarks: throughput of the XMLCoding module against the libxml2 floor and XMLCoder, and
// peak memory on a large document. Build in release mode:
//   swift run -c release --scratch-path .build-bench xml-benchmarks [--quick | --large MB | --profile OP]

/// What the command line asks for.
enum Mode {
    case throughput(XMLThroughputBenchmark.Settings)
    case memory(megabytes: Int)
    case profile(XMLProfileRun)
    case help
}

let usage = """
    usage: xml-benchmarks [--quick | --large MB | --profile OPERATION [N [ITERATIONS]]]

      (no option)   throughput at 1,000 and 20,000 payments against the libxml2 floor and XMLCoder
      --quick       smoke run: 200 payments, 3 iterations
      --large MB    peak memory of decoding an MB-megabyte document (10^6 bytes), plus XMLCoder's
                    behaviour on a 12 MB document
      --profile OP  run one operation (floor, decode, encode, validate, validate-decode,
                    validate-compiled-decode, xmlcoder-decode, xmlcoder-encode) on N payments
                    (default 1,000) ITERATIONS times (default 10), for callgrind or perf
    """

func parseMode(_ arguments: [String]) -> Mode? {
    switch arguments.count {
    case 0:
        return .throughput(.standard)
    case 1 where arguments[0] == "--quick":
        return .throughput(.quick)
    case 1 where arguments[0] == "--help" || arguments[0] == "-h":
        return .help
    case 2 where arguments[0] == "--large":
        guard let megabytes = Int(arguments[1]), megabytes > 0, megabytes <= 2_000 else { return nil }
        return .memory(megabytes: megabytes)
    case 2...4 where arguments[0] == "--profile":
        guard let operation = XMLProfileRun.Operation(rawValue: arguments[1]) else { return nil }
        let numbers = arguments.dropFirst(2).compactMap { Int($0) }
        guard numbers.count == arguments.count - 2, numbers.allSatisfy({ $0 > 0 }) else { return nil }
        return .profile(
            XMLProfileRun(
                operation: operation, paymentCount: numbers.first ?? 1_000,
                iterations: numbers.dropFirst().first ?? 10))
    default:
        return nil
    }
}

/// Progress goes to standard error, so standard output holds only the report.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("[\(MachineInfo.timestamp)] \(message)\n".utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("xml-benchmarks: \(message)\n".utf8))
    exit(1)
}

guard let mode = parseMode(Array(CommandLine.arguments.dropFirst())) else {
    fail("unrecognised arguments\n\(usage)")
}

#if DEBUG
    progress("warning: a debug build; only release builds (-c release) give meaningful numbers")
#endif

let loadAtStart = MachineInfo.loadAverage
do {
    switch mode {
    case .help:
        print(usage)
    case .throughput(let settings):
        if !ProcessMemory.keepFreedMemory() {
            progress("warning: cannot tune malloc; expect page-fault noise in the timings")
        }
        let benchmark = try XMLThroughputBenchmark(settings: settings)
        let results = try benchmark.run(progress: progress)
        print("XML throughput: payment list, \(MachineInfo.summary(loadAtStart: loadAtStart, details: ["libxml2 \(LibXML2SAXFloor.version)"]))")
        print()
        print(XMLThroughputReport(results: results).text)
    case .memory(let megabytes):
        let report = try XMLMemoryBenchmark(megabytes: megabytes).run(progress: progress)
        print("XML memory: \(MachineInfo.summary(loadAtStart: loadAtStart, details: ["libxml2 \(LibXML2SAXFloor.version)"]))")
        print()
        print(report)
    case .profile(let run):
        _ = ProcessMemory.keepFreedMemory()
        print(try run.run())
    }
} catch {
    fail(String(describing: error))
}
