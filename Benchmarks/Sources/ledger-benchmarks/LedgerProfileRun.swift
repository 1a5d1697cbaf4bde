import BankStatements
import Foundation
import PaymentLedger
import StringPayments

/// `--profile OP [N]`: prepares everything outside, then runs one operation inside
/// `ledger_benchmarks_profiled_work`, so a profiler can collect just that:
///
///     valgrind --tool=callgrind '--toggle-collect=*profiled_work*' \
///         .build-bench/release/ledger-benchmarks --profile direct 100000
///
/// `journal` is `direct` through a file journal with group commit (256 records / 5 ms); the
/// final flush in `close()` is outside the profiled function. The handler operation runs on the
/// calling task only (no child tasks), so the work stays on
/// one call stack apart from the executor hops of `await`.
enum LedgerProfileRun {
    static func run(operation: String, count: Int?) {
        switch operation {
        case "direct", "journal":
            let payments = count ?? 100_000
            let bookings = max(1, payments / 10)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "profile-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let ledger: Ledger
            do {
                ledger =
                    operation == "direct"
                    ? try Ledger(configuration: LedgerWorkload.configuration())
                    : try Ledger.open(
                        directory: directory, configuration: LedgerWorkload.configuration(),
                        journalOptions: FileJournalOptions(
                            durability: .groupCommit(maxRecords: 256, maxDelay: .milliseconds(5))))
                for number in 1...bookings { try ledger.createBooking(LedgerWorkload.draft(number)) }
            } catch {
                fail("setup failed: \(error)")
            }
            let ids = LedgerWorkload.bookingIds(1..<(bookings + 1))
            let outcomes = LedgerWorkload.outcomes(1..<(bookings + 1), positions: 0..<10)
            let (elapsed, _) = Stopwatch.time {
                ledger_benchmarks_profiled_work(direct: ledger, ids: ids, outcomes: outcomes)
            }
            ledger.close()
            LedgerDirectBenchmark.check(ledger, bookings: bookings, paymentsPerBooking: 10)
            progress("\(operation): \(Format.grouped(bookings * 10)) payments in \(Format.duration(elapsed))")
        case "handler":
            var benchmark = LedgerHandlerBenchmark(
                settings: .init(requestsPerRun: count ?? 2_000, rounds: 1, warmUpRounds: 0))
            let requests = benchmark.prepareRequests(count ?? 2_000)
            let handler = benchmark.handler
            let (elapsed, applied) = runBlocking {
                await Stopwatch.time { await ledger_benchmarks_profiled_work(handler: handler, requests: requests) }
            }
            guard applied == requests.count else { fail("only \(applied) of \(requests.count) requests applied") }
            progress("handler: \(Format.grouped(requests.count)) requests in \(Format.duration(elapsed))")
        case "encode-response":
            ResponseEncodeProfile.run(count: count)
        case "camt", "camt-xsd":
            let entries = count ?? 5_000
            let data = _CamtSampleGenerator.statement(entryCount: entries, version: 8)
            let decoder = CamtDecoder(
                options: CamtDecodingOptions(validation: operation == "camt" ? .compiledSchema : .xsd))
            // Outside the profiled function: the schema's one-time compilation, on a small statement.
            _ = try? decoder.decode(_CamtSampleGenerator.statement(entryCount: 10, version: 8))
            let (elapsed, received) = Stopwatch.time { ledger_benchmarks_profiled_work(camt: data, decoder: decoder) }
            progress(
                "\(operation): \(Format.grouped(entries)) entries (\(received) received) in \(Format.duration(elapsed))"
            )
        default:
            let events = count ?? 100_000
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "profile-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let original = LedgerReplayBenchmark.buildJournal(events: events, in: directory)
            let (elapsed, replayed) = Stopwatch.time { ledger_benchmarks_profiled_work(replay: directory) }
            LedgerReplayBenchmark.check(replayed, against: original)
            replayed.close()
            progress("replay: \(Format.grouped(events)) events in \(Format.duration(elapsed))")
        }
    }
}

/// Decodes (parse, validate, bind) a camt document and imports it into a new in-memory ledger.
@inline(never)
func ledger_benchmarks_profiled_work(camt data: Data, decoder: CamtDecoder) -> Int {
    do {
        let ledger = try Ledger()
        var received = 0
        for statement in try decoder.decode(data) {
            received += try ledger.importBankStatement(statement).received.count
        }
        return received
    } catch {
        fail("camt import failed: \(error)")
    }
}

@inline(never)
func ledger_benchmarks_profiled_work(
    direct ledger: Ledger, ids: [Identifier], outcomes: [[[Identifier: PaymentOutcome]]]
) {
    do {
        try LedgerWorkload.enterPayments(
            ledger, bookings: 1..<(ids.count + 1), ids: ids, outcomes: outcomes, positions: 0..<10)
    } catch {
        fail("payment refused: \(error)")
    }
}

@inline(never)
func ledger_benchmarks_profiled_work(handler: StringMessageHandler, requests: [Data]) async -> Int {
    var applied = 0
    for request in requests {
        let handled = await handler.handle(request)
        if handled.outcome == .applied { applied += 1 }
    }
    return applied
}

@inline(never)
func ledger_benchmarks_profiled_work(replay directory: URL) -> Ledger {
    do {
        return try Ledger.open(directory: directory, configuration: LedgerWorkload.configuration())
    } catch {
        fail("replay failed: \(error)")
    }
}
