import Foundation
import PaymentLedger
import StringPayments

/// `--profile encode-response N`: the handler's answer to one payment request (the 5.4 KB
/// `PaymentResponse` of the `handler` operation), encoded N times inside
/// `ledger_benchmarks_profiled_work`, so that callgrind counts the per-call cost of encoding a
/// small message without the rest of the handler:
///
///     valgrind --tool=callgrind '--toggle-collect=*profiled_work*' \
///         .build-bench/release/ledger-benchmarks --profile encode-response 1000
enum ResponseEncodeProfile {
    static func run(count: Int?) {
        let times = count ?? 1_000
        var benchmark = LedgerHandlerBenchmark(settings: .init(requestsPerRun: 1, rounds: 1, warmUpRounds: 0))
        let requests = benchmark.prepareRequests(1)
        let handler = benchmark.handler
        let handled = runBlocking { await handler.handle(requests[0]) }
        guard handled.outcome == .applied else { fail("the request was not applied: \(handled.outcome)") }
        let message = handled.response
        // The first encoding learns the types (outside the profiled function, as in a service).
        guard (try? message.encoded()) == handled.responseData else {
            fail("encoding the response again gave other bytes")
        }
        let (elapsed, bytes) = Stopwatch.time { ledger_benchmarks_profiled_work(encode: message, times: times) }
        guard bytes == handled.responseData.count * times else { fail("the encoded responses differ in size") }
        progress(
            "encode-response: \(Format.grouped(times)) × \(Format.grouped(handled.responseData.count)) bytes in \(Format.duration(elapsed))"
        )
    }
}

/// Encodes `message` `times` times; returns the bytes written.
@inline(never)
func ledger_benchmarks_profiled_work(encode message: StringMessage, times: Int) -> Int {
    var bytes = 0
    for _ in 0..<times {
        do {
            bytes += try message.encoded().count
        } catch {
            fail("encoding failed: \(error)")
        }
    }
    return bytes
}
