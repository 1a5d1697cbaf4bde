import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import XMLCoding

/// Autopay selection at ledger sizes up to 1,000,000 bookings with three scheduled payments each
/// (deposit, one interim instalment, balance): bookings made over a year, every one in a channel
/// and term set with autopay on and with a stored card, so that every due instalment is a
/// candidate. For each size: the time `Ledger.autopaySelection` takes for one run (median of
/// `rounds`), the candidates it looked at, and for comparison a full scan of every booking's
/// schedule for the same instalments, which is what the due-date index spares.
enum AutopaySelectionBenchmark {
    struct Result {
        var bookings: Int
        var scheduledPayments: Int
        var buildTime: Duration
        var selection: Duration
        var selected: Int
        var skipped: Int
        var fullScan: Duration
        var fullScanFound: Int
    }

    /// A clock the build moves day by day.
    final class BuildClock: LedgerClock, Sendable {
        let day = Mutex(LedgerWorkload.date(2026, 1, 5))
        func today() -> XMLDate { day.withLock { $0 } }
        func now() -> Date { FixedClock(today()).now() }
    }

    static let firstBookingDay = LedgerWorkload.date(2026, 1, 5)
    /// The run: 2026-09-01 02:00 UTC, a day inside the booking year.
    static let runInstant = Date(
        timeIntervalSince1970: TimeInterval(firstBookingDay.adding(days: 239).daysSinceEpoch) * 86_400 + 7_200)

    static let expiry: XMLYearMonth = {
        guard let expiry = XMLYearMonth(year: 2030, month: 12) else { fail("invalid expiry") }
        return expiry
    }()

    static func run(bookings: Int, rounds: Int) -> Result {
        let clock = BuildClock()
        let configuration = LedgerConfiguration(
            paymentTerms: PaymentTermsPolicy(interimInstalments: 1), clock: clock, bookingReferenceSeed: 0x5EED)
        let ledger: Ledger
        do {
            ledger = try Ledger(configuration: configuration)
        } catch {
            fail("cannot make the ledger: \(error)")
        }
        let (buildTime, scheduled) = Stopwatch.time { () -> Int in
            runBlocking {
                let tokenizer = SimulatedPaymentGateway()
                var scheduled = 0
                do {
                    for number in 1...bookings {
                        let bookingDay = firstBookingDay.adding(days: number % 365)
                        clock.day.withLock { $0 = bookingDay }
                        var draft = LedgerWorkload.draft(number)
                        draft.departureDate = bookingDay.adding(days: 120 + number % 180)
                        draft.returnDate = draft.departureDate.adding(days: 14)
                        let booking = try ledger.createBooking(draft).booking
                        scheduled += booking.schedule.count
                        try ledger.setReservation(booking.id, status: .definitive, channel: "WEB", termSet: "STANDARD")
                        let card = CreditCard(
                            cardType: "VISA", cardNumber: CardNumber("4111111111111111"), expiryDate: expiry)
                        _ = try await ledger.storeCard(card, for: booking.id, gateway: tokenizer)
                    }
                } catch {
                    fail("cannot build the autopay ledger: \(error)")
                }
                return scheduled
            }
        }
        var settings = AutopaySettings()
        settings.production = true
        settings.setChannel(.init(id: "WEB", autopay: true, payer: "Guest"))
        settings.setTermSet(.init(id: "STANDARD", autopay: true))
        var samples: [Duration] = []
        var report = ledger.autopaySelection(.instalment, at: runInstant, settings: settings)
        for _ in 0..<rounds {
            let (elapsed, sample) = Stopwatch.time {
                ledger.autopaySelection(.instalment, at: runInstant, settings: settings)
            }
            samples.append(elapsed)
            report = sample
        }
        // What the index spares: every booking's schedule looked at for yesterday's instalments.
        let yesterday = report.runDate.adding(days: -1)
        let (fullScan, found) = Stopwatch.time { () -> Int in
            var found = 0
            for booking in ledger.bookings {
                for entry in booking.expectedPayments(today: report.runDate)
                where entry.scheduled.dueDate == yesterday && !entry.remaining.isZero {
                    found += 1
                }
            }
            return found
        }
        return Result(
            bookings: bookings, scheduledPayments: scheduled, buildTime: buildTime,
            selection: Stopwatch.median(samples),
            selected: report.selected.count, skipped: report.skipped.count, fullScan: fullScan, fullScanFound: found)
    }
}
