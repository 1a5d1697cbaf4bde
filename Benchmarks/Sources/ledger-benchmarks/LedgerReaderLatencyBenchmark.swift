import Dispatch
import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import XMLCoding

/// Whether readers wait for the disk: two writer threads make bookings on a ledger whose journal
/// syncs every change, while a reader thread reads one booking in a loop and times each read. A
/// ledger that syncs inside its lock makes the slowest reads as slow as a sync; one that syncs
/// outside keeps every read in microseconds. Uses only API that every version of the ledger has,
/// so the same source measures a baseline build too.
enum LedgerReaderLatencyBenchmark {
    struct Result {
        var writes: Int
        var writeTime: Duration
        var reads: Int
        var p50: Duration
        var p99: Duration
        var max: Duration
    }

    static func run(bookingsPerWriter: Int, directory: URL) -> Result {
        let journalDirectory = directory.appendingPathComponent("readers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: journalDirectory) }
        let ledger: Ledger
        do {
            ledger = try Ledger.open(
                directory: journalDirectory, configuration: LedgerWorkload.configuration(),
                journalOptions: FileJournalOptions(durability: .fsyncEachAppend))
            try ledger.createBooking(LedgerWorkload.draft(1))
        } catch {
            fail("cannot make the ledger: \(error)")
        }
        let readId = LedgerWorkload.bookingId(1)
        let writing = Atomic<Int>(2)
        let latencies = Mutex<[Duration]>([])
        let group = DispatchGroup()
        let clock = ContinuousClock()
        let start = clock.now
        for writer in 0..<2 {
            DispatchQueue.global().async(group: group) {
                defer { writing.subtract(1, ordering: .releasing) }
                let first = 2 + writer * bookingsPerWriter
                for number in first..<(first + bookingsPerWriter) {
                    do {
                        try ledger.createBooking(LedgerWorkload.draft(number))
                    } catch {
                        fail("booking failed: \(error)")
                    }
                }
            }
        }
        DispatchQueue.global().async(group: group) {
            var local: [Duration] = []
            local.reserveCapacity(1 << 20)
            while writing.load(ordering: .acquiring) > 0 {
                let before = clock.now
                guard ledger.booking(readId) != nil else { fail("the booking to read is missing") }
                local.append(clock.now - before)
            }
            latencies.withLock { $0 = local }
        }
        group.wait()
        let writeTime = clock.now - start
        ledger.close()
        let sorted = latencies.withLock { $0 }.sorted()
        guard !sorted.isEmpty else { fail("no read was timed") }
        func percentile(_ fraction: Double) -> Duration {
            sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
        }
        return Result(
            writes: 2 * bookingsPerWriter, writeTime: writeTime, reads: sorted.count, p50: percentile(0.5),
            p99: percentile(0.99), max: sorted[sorted.count - 1])
    }
}
