import BenchmarkSupport
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The back-office lists of issue 12 on a ledger of `bookings` bookings in memory (the
/// `_BackOfficeSampleLedger`: several currencies, agencies and sellers, 0–2 payments each):
/// each list with a filter and a sort (best of three), CSV rows per second, and the balances
/// export's peak memory.
enum BackOfficeBenchmark {
    static func makeLedger(bookings: Int) -> Ledger {
        do {
            let ledger = try Ledger(configuration: LedgerWorkload.configuration())
            try _BackOfficeSampleLedger.populate(ledger, count: bookings, seed: 0xB0FF)
            return ledger
        } catch {
            fail("cannot build the back-office ledger: \(error)")
        }
    }

    /// Best of three runs of one list query.
    static func best<Result>(_ body: () -> Result) -> (Duration, Result) {
        var samples: [Duration] = []
        var result: Result?
        for _ in 0..<3 {
            let (elapsed, value) = Stopwatch.time(body)
            samples.append(elapsed)
            result = value
        }
        guard let result, let fastest = samples.min() else { fail("no sample") }
        return (fastest, result)
    }

    static func lists(bookings: Int) -> [LedgerReport.TargetRow] {
        progress("back office: building \(Format.grouped(bookings)) bookings")
        let ledger = makeLedger(bookings: bookings)
        let payments = ledger.bookings.reduce(0) { $0 + $1.payments.count }
        var rows: [LedgerReport.TargetRow] = []
        func list(_ name: String, _ body: () -> Int) {
            let (elapsed, count) = best(body)
            rows.append(
                LedgerReport.TargetRow(
                    name: "\(name) (\(Format.grouped(count)) rows of \(Format.grouped(bookings)) bookings)",
                    measured: Format.fixed(elapsed.seconds, 3) + " s", target: "≤ 0.5 s",
                    passed: elapsed.seconds <= 0.5))
        }
        let june = DateRange(from: LedgerWorkload.date(2027, 6, 1), to: LedgerWorkload.date(2027, 8, 31))
        progress("back office: lists")
        list("unpaid bookings, seller filter, sort by agency, page of 50") {
            ledger.unpaidBookings(
                UnpaidBookingsQuery(seller: "Anna Schneider", sort: .agency, paging: ListPaging(limit: 50))
            ).totalCount
        }
        list("unpaid bookings, departure Jun–Aug, sort by balance descending") {
            ledger.unpaidBookings(
                UnpaidBookingsQuery(departure: june, sort: .balance, descending: true, paging: ListPaging(limit: 50))
            ).totalCount
        }
        list("unpaid bookings, any due date by 2027-01-31, sort by next due") {
            ledger.unpaidBookings(
                UnpaidBookingsQuery(
                    due: DateRange(to: LedgerWorkload.date(2027, 1, 31)), sort: .nextDue, paging: ListPaging(limit: 50))
            ).totalCount
        }
        list("payment registration (\(Format.grouped(payments)) payments), Recorded+Settled, sort by seller") {
            ledger.registeredPayments(
                PaymentRegistrationQuery(statuses: [.recorded, .settled], sort: .seller, paging: ListPaging(limit: 50))
            ).totalCount
        }
        list("payment registration, agency filter, sort by amount descending") {
            ledger.registeredPayments(
                PaymentRegistrationQuery(
                    agency: "123456", sort: .amount, descending: true, paging: ListPaging(limit: 50))
            ).totalCount
        }
        list("protected money, agency filter, sort by amount, with totals") {
            ledger.protectedMoney(ProtectedMoneyQuery(agency: "234567", sort: .amount, paging: ListPaging(limit: 50)))
                .bookings.totalCount
        }

        progress("back office: CSV")
        rows.append(csv("the unpaid bookings", ledger.unpaidBookings()))
        rows.append(csv("the payment registration", ledger.registeredPayments()))
        return rows
    }

    /// CSV rows per second of a page of a list (best of three).
    static func csv<Row: BackOfficeRow>(_ name: String, _ page: ListPage<Row>) -> LedgerReport.TargetRow {
        var bytes = 0
        let (elapsed, _) = best { () -> Int in
            bytes = 0
            BackOfficeCSV.write(page.rows) { bytes += $0.count }
            return bytes
        }
        let rate = Double(page.rows.count) / elapsed.seconds
        return LedgerReport.TargetRow(
            name: "CSV of \(name) (\(Format.grouped(page.rows.count)) rows, \(Format.bytes(bytes)))",
            measured: Format.rate(rate) + " rows/s", target: "≥ 200,000 rows/s", passed: rate >= 200_000)
    }

    /// The balances export of a ledger of each size, written to a file under `directory`: time,
    /// size, and the process's peak resident memory during the export above what it held before.
    static func balances(sizes: [Int], directory: URL) -> [LedgerReport.TargetRow] {
        var rows: [LedgerReport.TargetRow] = []
        for size in sizes {
            progress("balances export: building \(Format.grouped(size)) bookings")
            let ledger = makeLedger(bookings: size)
            let file = directory.appendingPathComponent("balances-bench-\(size).xml")
            defer { try? FileManager.default.removeItem(at: file) }
            let ledgerBytes = ProcessMemory.trimmedResidentBytes() ?? 0
            let peakWasReset = ProcessMemory.resetPeak()
            progress("balances export: writing")
            let (elapsed, summary) = Stopwatch.time { () -> BalancesExportSummary in
                do {
                    return try BalancesExport().write(ledger, to: file)
                } catch {
                    fail("export failed: \(error)")
                }
            }
            let peak = ProcessMemory.peakResidentBytes ?? 0
            let extra = max(0, peak - ledgerBytes)
            rows.append(
                LedgerReport.TargetRow(
                    name:
                        "balances export of \(Format.grouped(size)) bookings (\(Format.grouped(summary.departureCount)) "
                        + "departures, \(Format.bytes(summary.byteCount)), \(Format.fixed(elapsed.seconds, 2)) s)",
                    measured: "peak RSS \(Format.bytes(peak)), \(Format.bytes(extra)) above the ledger's "
                        + "\(Format.bytes(ledgerBytes))" + (peakWasReset ? "" : " (peak not reset)"),
                    target: "flat: the extra does not grow with the document", passed: nil))
            withExtendedLifetime(ledger) {}
        }
        return rows
    }
}
