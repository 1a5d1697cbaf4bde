import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

// ledger-benchmarks: throughput, memory and replay time of the PaymentLedger module against the
// targets of the ledger issue. Build in release mode:
//   swift run -c release --scratch-path .build-bench ledger-benchmarks [--quick] [--only SECTIONS] [--dir PATH]

let usage = """
    usage: ledger-benchmarks [--quick] [--only SECTION,...] [--dir PATH]
           ledger-benchmarks --profile OPERATION [N]

      (no option)     every section at full size (a few minutes)
      --quick         smoke run with small counts, seconds; the targets are not judged
      --only S,...    run these sections only: memory, direct, journal, fsync, handler, replay, camt,
                      backoffice (lists and CSV), balances (export memory),
                      negative-balances, autopay, gds (GDS payments list)
      --dir PATH      where journals are written (default: the temporary directory); the disk
                      under it decides the journal figures
      --profile OP    run one operation inside ledger_benchmarks_profiled_work, for callgrind or
                      perf: direct (N payments, default 100,000), journal (the same with group
                      commit), handler (N requests, default 2,000, one task), replay (a journal
                      of N events, default 100,000), camt (decode, validate by the compiled
                      schema and import a generated camt.053.001.08 of N entries, default 5,000,
                      into an in-memory ledger), camt-xsd (the same, XSD-validated by libxml2),
                      encode-response (the handler's 5.4 KB response encoded N times, default
                      1,000)
    """

/// What one run measures, and how much.
struct Settings: Sendable {
    var quick = false
    var sections: Set<String> = [
        "memory", "direct", "journal", "fsync", "handler", "replay", "camt", "backoffice", "balances",
        "negative-balances", "autopay", "gds",
    ]
    var directory = FileManager.default.temporaryDirectory

    var memoryBookings: Int { quick ? 10_000 : 100_000 }
    var directBookings: Int { quick ? 2_000 : 100_000 }
    var directRuns: Int { quick ? 1 : 3 }
    var fsyncBookings: Int { quick ? 20 : 200 }
    var handler: LedgerHandlerBenchmark.Settings {
        quick
            ? .init(requestsPerRun: 500, rounds: 1, warmUpRounds: 1)
            : .init(requestsPerRun: 5_000, rounds: 3, warmUpRounds: 1)
    }
    var replayEvents: Int { quick ? 50_000 : 1_000_000 }
    var replaySamples: Int { quick ? 1 : 3 }
    var camtEntries: Int { quick ? 2_000 : 20_000 }
    var backOfficeBookings: Int { quick ? 20_000 : 1_000_000 }
    var balancesSizes: [Int] { quick ? [10_000, 50_000] : [100_000, 1_000_000] }
    var negativeBalanceBookings: Int { quick ? 20_000 : 1_000_000 }
    var autopayBookings: [Int] { quick ? [10_000, 30_000] : [100_000, 300_000, 1_000_000] }
}

enum Mode {
    case benchmarks(Settings)
    case profile(operation: String, count: Int?)
    case help
}

func parseMode(_ arguments: [String]) -> Mode? {
    if arguments.first == "--profile" {
        guard arguments.count >= 2, arguments.count <= 3,
            ["direct", "journal", "handler", "encode-response", "replay", "camt", "camt-xsd"].contains(arguments[1])
        else {
            return nil
        }
        let count = arguments.count == 3 ? Int(arguments[2]) : nil
        if arguments.count == 3, (count ?? 0) <= 0 { return nil }
        return .profile(operation: arguments[1], count: count)
    }
    var settings = Settings()
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
        switch argument {
        case "--help", "-h": return .help
        case "--quick": settings.quick = true
        case "--only":
            guard let list = remaining.popFirst() else { return nil }
            let sections = Set(list.split(separator: ",").map(String.init))
            guard !sections.isEmpty, sections.isSubset(of: settings.sections) else { return nil }
            settings.sections = sections
        case "--dir":
            guard let path = remaining.popFirst() else { return nil }
            settings.directory = URL(fileURLWithPath: path, isDirectory: true)
        default: return nil
        }
    }
    return .benchmarks(settings)
}

guard let mode = parseMode(Array(CommandLine.arguments.dropFirst())) else { fail("unrecognised arguments\n\(usage)") }

#if DEBUG
    progress("warning: a debug build; only release builds (-c release) give meaningful numbers")
#endif

switch mode {
case .help:
    print(usage)
case .profile(let operation, let count):
    LedgerProfileRun.run(operation: operation, count: count)
case .benchmarks(let settings):
    LedgerReport.run(settings)
}
