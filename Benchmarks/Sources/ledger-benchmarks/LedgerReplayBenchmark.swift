import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// Replay: `Ledger.open` on a journal of N events (N / 10 bookings, then payments round-robin
/// until the event count is reached), written with group commit and closed.
///
/// The journal file was just written, so it is in the page cache: the figure is decoding and
/// folding, not disk reads. Each sample opens, checks and closes the ledger.
enum LedgerReplayBenchmark {
    struct Result {
        var events: Int
        var bookings: Int
        var journalBytes: Int
        var buildTime: Duration
        var samples: [Duration]

        var median: Duration { Stopwatch.median(samples) }
        var eventsPerSecond: Double { Double(events) / median.seconds }
    }

    /// Writes the journal into `directory` and returns the original ledger (closed, still readable).
    ///
    /// Payments go in round-robin (position by position across the bookings) until the ledger
    /// counts `events` events; how many events one payment makes is the ledger's business, so the
    /// count may end one event over when a payment makes two.
    static func buildJournal(events: Int, in directory: URL) -> Ledger {
        let bookings = max(1, events / 10)
        let ledger: Ledger
        do {
            ledger = try Ledger.open(
                directory: directory, configuration: LedgerWorkload.configuration(),
                journalOptions: FileJournalOptions(durability: .groupCommit(maxRecords: 256, maxDelay: .milliseconds(5))))
            for number in 1...bookings { try ledger.createBooking(LedgerWorkload.draft(number)) }
            let ids = LedgerWorkload.bookingIds(1..<(bookings + 1))
            position: for position in 0..<10 {
                let template = LedgerWorkload.paymentTemplates[position]
                for (number, id) in zip(1..., ids) {
                    guard ledger.eventCount < events else { break position }
                    try ledger.enterPayments(
                        template.payments, bookingId: id, outcomes: template.outcomes(bookingNumber: number))
                }
            }
        } catch {
            fail("cannot build the journal: \(error)")
        }
        ledger.close()
        guard ledger.eventCount >= events, ledger.eventCount <= events + 1 else {
            fail("the journal has \(ledger.eventCount) events, not \(events): too few bookings for that many events")
        }
        return ledger
    }

    static func run(events: Int, samples: Int, directory: URL) -> Result {
        let journalDirectory = directory.appendingPathComponent("replay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: journalDirectory) }
        let (buildTime, original) = Stopwatch.time { buildJournal(events: events, in: journalDirectory) }
        let journalFile = journalDirectory.appendingPathComponent("journal.log").path
        let journalBytes = (try? FileManager.default.attributesOfItem(atPath: journalFile))?[.size] as? Int ?? 0
        var timings: [Duration] = []
        for sample in 0..<samples {
            progress("replay: sample \(sample + 1) of \(samples)")
            let (elapsed, replayed) = Stopwatch.time { () -> Ledger in
                do {
                    return try Ledger.open(directory: journalDirectory, configuration: LedgerWorkload.configuration())
                } catch {
                    fail("replay failed: \(error)")
                }
            }
            timings.append(elapsed)
            check(replayed, against: original)
            replayed.close()
        }
        return Result(
            events: original.eventCount, bookings: original.bookingCount, journalBytes: journalBytes, buildTime: buildTime,
            samples: timings)
    }

    /// The replayed ledger is the one that wrote the journal: same counts, same bookings.
    static func check(_ replayed: Ledger, against original: Ledger) {
        guard replayed.eventCount == original.eventCount, replayed.bookingCount == original.bookingCount else {
            fail(
                "replayed \(replayed.eventCount) events / \(replayed.bookingCount) bookings, "
                    + "wrote \(original.eventCount) / \(original.bookingCount)")
        }
        let count = original.bookingCount
        for number in Set([1, 2, 3, count / 2, count - 1, count]) where number >= 1 {
            let id = LedgerWorkload.bookingId(number)
            guard let booking = replayed.booking(id), booking == original.booking(id) else {
                fail("booking \(id) differs after replay")
            }
        }
    }
}
