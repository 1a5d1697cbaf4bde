import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The direct ledger API: bookings made, then payments entered one call each, in memory or
/// journaled to a file (group commit or fsync per change).
enum LedgerDirectBenchmark {
    enum Storage: Equatable {
        case memory
        case groupCommit(maxRecords: Int, maxDelay: Duration)
        case fsyncEachAppend

        var label: String {
            switch self {
            case .memory: return "in memory"
            case .groupCommit(let records, let delay):
                return "file journal, group commit (\(records) records / \(Format.duration(delay)))"
            case .fsyncEachAppend: return "file journal, fsync per change"
            }
        }

        var journalOptions: FileJournalOptions? {
            switch self {
            case .memory: return nil
            case .groupCommit(let records, let delay):
                return FileJournalOptions(durability: .groupCommit(maxRecords: records, maxDelay: delay))
            case .fsyncEachAppend: return FileJournalOptions(durability: .fsyncEachAppend)
            }
        }
    }

    struct Result {
        var storage: Storage
        var bookings: Int
        var payments: Int
        var bookingTime: Duration
        /// Entering every payment; for a journal, including `close()` (the last batch made durable).
        var paymentTime: Duration
        var events: Int
        var journalBytes: Int?

        var bookingsPerSecond: Double { Double(bookings) / bookingTime.seconds }
        var paymentsPerSecond: Double { Double(payments) / paymentTime.seconds }
    }

    /// Makes `bookings` bookings, then enters `paymentsPerBooking` payments into each. The drafts,
    /// identifiers and gateway outcomes are built before timing: that is the caller's work, not
    /// the ledger's.
    ///
    /// - Parameter directory: Where a journal goes (a fresh subdirectory is made and removed).
    static func run(
        storage: Storage, bookings: Int, paymentsPerBooking: Int, directory: URL
    ) -> Result {
        let journalDirectory = directory.appendingPathComponent("direct-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: journalDirectory) }
        let ledger: Ledger
        do {
            if let options = storage.journalOptions {
                ledger = try Ledger.open(
                    directory: journalDirectory, configuration: LedgerWorkload.configuration(), journalOptions: options)
            } else {
                ledger = try Ledger(configuration: LedgerWorkload.configuration())
            }
        } catch {
            fail("cannot make the ledger: \(error)")
        }
        let range = 1..<(bookings + 1)
        let drafts = range.map(LedgerWorkload.draft)
        let ids = LedgerWorkload.bookingIds(range)
        let outcomes = LedgerWorkload.outcomes(range, positions: 0..<paymentsPerBooking)
        let (bookingTime, _) = Stopwatch.time {
            do {
                for draft in drafts { try ledger.createBooking(draft) }
            } catch {
                fail("booking failed: \(error)")
            }
        }
        let (paymentTime, _) = Stopwatch.time {
            do {
                try LedgerWorkload.enterPayments(
                    ledger, bookings: range, ids: ids, outcomes: outcomes, positions: 0..<paymentsPerBooking)
            } catch {
                fail("payment refused: \(error)")
            }
            ledger.close()
        }
        check(ledger, bookings: bookings, paymentsPerBooking: paymentsPerBooking)
        let journalFile = journalDirectory.appendingPathComponent("journal.log").path
        let journalBytes = (try? FileManager.default.attributesOfItem(atPath: journalFile))?[.size] as? Int
        return Result(
            storage: storage, bookings: bookings, payments: bookings * paymentsPerBooking, bookingTime: bookingTime,
            paymentTime: paymentTime, events: ledger.eventCount, journalBytes: storage == .memory ? nil : journalBytes)
    }

    /// Every payment went in with the expected status and the totals add up.
    static func check(_ ledger: Ledger, bookings: Int, paymentsPerBooking: Int) {
        // How many events a payment makes is the ledger's business; at least one each.
        let minimumEvents = bookings * (1 + paymentsPerBooking)
        guard ledger.bookingCount == bookings, ledger.eventCount >= minimumEvents else {
            fail("expected \(bookings) bookings and at least \(minimumEvents) events, the ledger has "
                + "\(ledger.bookingCount) and \(ledger.eventCount)")
        }
        for number in Set([1, bookings / 2 + 1, bookings]) {
            guard let booking = ledger.booking(LedgerWorkload.bookingId(number)) else { fail("booking \(number) is missing") }
            let templates = LedgerWorkload.paymentTemplates.prefix(paymentsPerBooking)
            guard booking.payments.count == paymentsPerBooking,
                zip(booking.payments, templates).allSatisfy({ payment, template in
                    payment.identifier == template.identifier && payment.status == (template.isCard ? .settled : .recorded)
                })
            else { fail("booking \(number) holds unexpected payments: \(booking.payments.map { "\($0.identifier) \($0.status)" })") }
            let paid = templates.reduce(Decimal(0)) { $0 + ($1.payments.first?.paymentAmount.amount ?? 0) }
            guard booking.paidAmount.amount - booking.totalFees.amount == paid else {
                fail("booking \(number): paid \(booking.paidAmount), expected \(paid) plus fees")
            }
        }
    }
}
