import BenchmarkSupport
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// Resident memory of an in-memory ledger per booking with 5 payments.
///
/// `VmRSS` is read after `malloc_trim(0)` before the ledger is made and again once it holds every
/// booking, so freed temporaries (drafts, plans, results, dictionary growth) do not count: what
/// remains is what the ledger keeps. Run it first, or alone, so that earlier sections' freed
/// memory cannot hide the ledger's growth in reused heap pages.
enum LedgerMemoryBenchmark {
    struct Result {
        var bookings: Int
        var paymentsPerBooking: Int
        var residentBefore: Int
        var residentAfter: Int
        var heapBefore: Int?
        var heapAfter: Int?
        var buildTime: Duration

        var bytesPerBooking: Double { Double(residentAfter - residentBefore) / Double(bookings) }
        /// Live heap bytes per booking: what the ledger's values occupy, allocator headers included.
        var heapBytesPerBooking: Double? {
            guard let heapBefore, let heapAfter else { return nil }
            return Double(heapAfter - heapBefore) / Double(bookings)
        }
    }

    static func run(bookings: Int, paymentsPerBooking: Int = 5) -> Result {
        guard let before = ProcessMemory.trimmedResidentBytes() else { fail("cannot read /proc/self/status") }
        let heapBefore = ProcessMemory.liveHeapBytes
        let ledger: Ledger
        do {
            ledger = try Ledger(configuration: LedgerWorkload.configuration())
        } catch {
            fail("cannot make the ledger: \(error)")
        }
        let (buildTime, _) = Stopwatch.time {
            do {
                try LedgerWorkload.populate(ledger, bookings: 1..<(bookings + 1), paymentsPerBooking: paymentsPerBooking)
            } catch {
                fail("cannot populate the ledger: \(error)")
            }
        }
        guard let after = ProcessMemory.trimmedResidentBytes() else { fail("cannot read /proc/self/status") }
        let heapAfter = ProcessMemory.liveHeapBytes
        LedgerDirectBenchmark.check(ledger, bookings: bookings, paymentsPerBooking: paymentsPerBooking)
        withExtendedLifetime(ledger) {}
        return Result(
            bookings: bookings, paymentsPerBooking: paymentsPerBooking, residentBefore: before, residentAfter: after,
            heapBefore: heapBefore, heapAfter: heapAfter, buildTime: buildTime)
    }

    /// Inline sizes of the stored values, for reading the per-booking figure (heap parts excluded).
    static var layoutNotes: String {
        "MemoryLayout stride: LedgerBooking \(MemoryLayout<LedgerBooking>.stride) B, "
            + "LedgerPayment \(MemoryLayout<LedgerPayment>.stride) B, Traveller \(MemoryLayout<Traveller>.stride) B, "
            + "ScheduledPayment \(MemoryLayout<ScheduledPayment>.stride) B, PaymentOption \(MemoryLayout<PaymentOption>.stride) B"
    }
}
