import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The back office's "Negative balances" list over a large ledger: `bookings` bookings of 50
/// sellers and 20 agencies, one in ten overpaid (paid in full, then its price lowered) and half of
/// those released. Each query is run `rounds` times after a warm-up; the median and the slowest
/// run are reported.
enum NegativeBalancesBenchmark {
    struct Query {
        var name: String
        var query: NegativeBalanceQuery
        var rows: Int
        var median: Duration
        var slowest: Duration
    }

    struct Result {
        var bookings: Int
        var overpaid: Int
        var buildTime: Duration
        var queries: [Query]
    }

    static func run(bookings: Int, rounds: Int) -> Result {
        let ledger: Ledger
        do {
            ledger = try Ledger(configuration: LedgerWorkload.configuration())
        } catch {
            fail("cannot make the ledger: \(error)")
        }
        var overpaid = 0
        let (buildTime, _) = Stopwatch.time {
            do {
                for number in 1...bookings {
                    var draft = LedgerWorkload.draft(number)
                    draft.seller = "S-\(number % 50)"
                    draft.agency = AgencyInformation(agency: String(100_000 + number % 20))
                    let id = try ledger.createBooking(draft).booking.id
                    guard number % 10 == 0 else { continue }
                    let price = draft.totalPrice
                    try ledger.enterPayments(
                        [
                            Payment(
                                identifier: "ALL", collection: .agency, paymentScope: .balance, paymentAmount: price)
                        ], bookingId: id)
                    let lowered = CurrencyAmount(
                        minorUnitCount: (price.minorUnitCount ?? 0) - Int64(100 + number % 9_000), currency: .eur)
                    try ledger.modifyBooking(id, totalPrice: lowered)
                    if number % 20 == 0 { try ledger.setRelease(true, for: id) }
                    overpaid += 1
                }
            } catch {
                fail("cannot populate the ledger: \(error)")
            }
        }
        let queries: [(String, NegativeBalanceQuery)] = [
            (
                "seller S-10, by amount descending",
                NegativeBalanceQuery(seller: "S-10", sort: .amount, descending: true)
            ),
            ("released only, by seller", NegativeBalanceQuery(releasedOnly: true, sort: .seller)),
            ("every row, by agency", NegativeBalanceQuery(sort: .agency)),
        ]
        var measured: [Query] = []
        for (name, query) in queries {
            var samples: [Duration] = []
            var rows = 0
            for round in 0...rounds {
                let (elapsed, result) = Stopwatch.time { ledger.negativeBalances(query) }
                rows = result.count
                if round > 0 { samples.append(elapsed) }
            }
            guard rows > 0 else { fail("the query '\(name)' found no rows") }
            measured.append(
                Query(
                    name: name, query: query, rows: rows, median: Stopwatch.median(samples),
                    slowest: samples.max() ?? .zero))
        }
        guard ledger.negativeBalances().count == overpaid else { fail("the list does not hold every overpaid booking") }
        return Result(bookings: bookings, overpaid: overpaid, buildTime: buildTime, queries: measured)
    }
}
