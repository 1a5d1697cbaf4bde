import BenchmarkSupport
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The GDS payments list of issue 12 on a ledger of `bookings` bookings in memory (the
/// `_BackOfficeSampleLedger` with its flight records: two bookings in three have one or two):
/// the list with a filter and a sort (best of three), and CSV rows per second.
enum GDSPaymentsBenchmark {
    static func lists(bookings: Int) -> [LedgerReport.TargetRow] {
        progress("gds: building \(Format.grouped(bookings)) bookings")
        let ledger = BackOfficeBenchmark.makeLedger(bookings: bookings)
        progress("gds: adding flight records")
        let (buildTime, _) = Stopwatch.time { () -> Int in
            do {
                try _BackOfficeSampleLedger.addGDSRecords(ledger, seed: 0x6D5)
            } catch {
                fail("cannot add the flight records: \(error)")
            }
            return 0
        }
        let records = ledger.gdsPayments(GDSPaymentQuery(paging: ListPaging(limit: 0))).totalCount
        var rows: [LedgerReport.TargetRow] = []
        func list(_ name: String, _ body: () -> Int) {
            let (elapsed, count) = BackOfficeBenchmark.best(body)
            rows.append(
                LedgerReport.TargetRow(
                    name: "GDS payments, \(name) (\(Format.grouped(count)) of \(Format.grouped(records)) records, "
                        + "\(Format.grouped(bookings)) bookings)",
                    measured: Format.fixed(elapsed.seconds, 3) + " s", target: "≤ 0.5 s",
                    passed: elapsed.seconds <= 0.5))
        }
        let summer = DateRange(from: LedgerWorkload.date(2027, 6, 1), to: LedgerWorkload.date(2027, 8, 31))
        progress("gds: lists (records added in \(Format.duration(buildTime)))")
        list("departure Jun–Aug, sort by seller, page of 50") {
            ledger.gdsPayments(GDSPaymentQuery(departure: summer, sort: .seller, paging: ListPaging(limit: 50)))
                .totalCount
        }
        list("airline LH, sort by cost descending, page of 50") {
            ledger.gdsPayments(
                GDSPaymentQuery(airline: "LH", sort: .cost, descending: true, paging: ListPaging(limit: 50))
            ).totalCount
        }
        list("cost and payments disagree, sort by agency, page of 50") {
            ledger.gdsPayments(GDSPaymentQuery(onlyDisagreeing: true, sort: .agency, paging: ListPaging(limit: 50)))
                .totalCount
        }
        list("every record, sort by departure, page of 50") {
            ledger.gdsPayments(GDSPaymentQuery(paging: ListPaging(limit: 50))).totalCount
        }
        progress("gds: CSV")
        rows.append(
            BackOfficeBenchmark.csv("the GDS payments Jun–Aug", ledger.gdsPayments(GDSPaymentQuery(departure: summer))))
        return rows
    }
}
