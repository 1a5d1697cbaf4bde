import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("unpaid, payments, protected, export and find subcommands")
struct BackOfficeListCommandTests {
    static let today = XMLDate(daysSinceEpoch: 20_780)  // 2026-11-23

    /// A ledger directory filled with the back-office sample.
    static func sampleLedger(count: Int = 120, seed: UInt64 = 3) throws -> TemporaryLedger {
        let directory = TemporaryLedger()
        let ledger = try Ledger.open(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(today)))
        try _BackOfficeSampleLedger.populate(ledger, count: count, seed: seed)
        ledger.close()
        return directory
    }

    /// Runs the tool with `--ledger` and `--today 2026-11-23` after the subcommand (and its action).
    static func run(_ ledger: TemporaryLedger, _ arguments: [String]) async -> CommandResult {
        await Tool.run(arguments + ["--ledger", ledger.path, "--today", "2026-11-23"])
    }

    static func jsonRows(_ result: CommandResult) throws -> (rows: [[String: Any]], total: Int) {
        let object = try #require(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
        return (try #require(object["rows"] as? [[String: Any]]), try #require(object["total"] as? Int))
    }

    @Test("unpaid prints the library's list as a table, CSV and JSON, filtered, sorted and paged")
    func unpaid() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let ledger = try Ledger.openForReading(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        defer { ledger.close() }
        let expected = ledger.unpaidBookings(
            UnpaidBookingsQuery(seller: "Anna Schneider", sort: .balance, descending: true))
        #expect(expected.totalCount > 2)

        let json = await Self.run(
            directory, ["unpaid", "--seller", "Anna Schneider", "--sort", "balance", "--descending", "--json"])
        #expect(json.exitCode == .success, "\(json.standardError)")
        let (rows, total) = try Self.jsonRows(json)
        #expect(total == expected.totalCount)
        #expect(rows.map { $0["booking"] as? String } == expected.rows.map(\.bookingId.value))
        #expect(rows.first?["balance"] as? String == expected.rows.first?.balance.formattedAmount)

        let csv = await Self.run(
            directory, ["unpaid", "--seller", "Anna Schneider", "--sort", "balance", "--descending", "--csv"])
        #expect(csv.standardOutput == BackOfficeCSV.text(expected.rows))

        let page = await Self.run(directory, ["unpaid", "--offset", "1", "--limit", "2"])
        #expect(page.standardOutput.hasPrefix("Booking "))
        #expect(page.standardOutput.split(separator: "\n").count == 4)
        #expect(page.standardOutput.contains("rows 2–3 of \(ledger.unpaidBookings().totalCount)"))

        let due = await Self.run(
            directory, ["unpaid", "--due", "rest-payment", "--due-to", "2027-03-01", "--due-now", "--json"])
        let dueRows = try Self.jsonRows(due)
        let dueExpected = ledger.unpaidBookings(
            UnpaidBookingsQuery(
                due: DateRange(to: XMLDate(year: 2027, month: 3, day: 1)), dueKind: .restPayment, onlyDueNow: true))
        #expect(dueRows.total == dueExpected.totalCount)

        for bad in [
            ["--sort", "price"], ["--due", "later"], ["--limit", "-1"], ["--csv", "--json"], ["extra"],
            ["--departure-from", "2027-13-01"],
        ] {
            let result = await Self.run(directory, ["unpaid"] + bad)
            #expect(result.exitCode == .failure, "\(bad)")
            #expect(result.standardOutput.isEmpty)
        }
        #expect(await Tool.run(["unpaid", "--ledger", "/no/such/ledger"]).exitCode == .failure)
    }

    @Test("payments list filters by method, status and dates")
    func paymentsList() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let ledger = try Ledger.openForReading(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        defer { ledger.close() }
        let expected = ledger.registeredPayments(
            PaymentRegistrationQuery(method: .form(.invoice), statuses: [.settled, .open], sort: .amount))
        #expect(expected.totalCount > 0)
        let json = await Self.run(
            directory,
            [
                "payments", "list", "--method", "Invoice", "--status", "settled", "--status", "Open", "--sort",
                "amount", "--json",
            ])
        #expect(json.exitCode == .success, "\(json.standardError)")
        let (rows, total) = try Self.jsonRows(json)
        #expect(total == expected.totalCount)
        #expect(
            rows.map { "\($0["booking"] ?? "")/\($0["payment"] ?? "")" }
                == expected.rows.map { "\($0.bookingId)/\($0.paymentId)" })
        let agencyOnly = await Self.run(
            directory, ["payments", "list", "--method", "none", "--date-from", "2026-11-23", "--csv"])
        #expect(agencyOnly.standardOutput.hasPrefix("Booking,Payment,Date,"))
        #expect(!agencyOnly.standardOutput.contains(",Invoice,"))
        #expect(await Self.run(directory, ["payments", "list", "--status", "Paid"]).exitCode == .failure)
        #expect(await Self.run(directory, ["payments"]).exitCode == .failure)
    }

    @Test("protected prints bookings and totals by month and agency")
    func protectedMoney() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let ledger = try Ledger.openForReading(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        defer { ledger.close() }
        let report = ledger.protectedMoney(ProtectedMoneyQuery(asOf: Self.today))
        let months = await Self.run(directory, ["protected", "--by", "month", "--json"])
        let (rows, _) = try Self.jsonRows(months)
        #expect(
            rows.map { $0["protected"] as? String } == report.byDepartureMonth.map(\.protectedAmount.formattedAmount))
        let agencies = await Self.run(directory, ["protected", "--by", "agency"])
        #expect(agencies.standardOutput.hasPrefix("Group"))
        #expect(agencies.standardOutput.contains("123456"))
        let bookings = await Self.run(directory, ["protected", "--sort", "amount", "--limit", "3", "--json"])
        #expect(try Self.jsonRows(bookings).total == report.bookings.totalCount)
        let later = await Tool.run(["protected", "--ledger", directory.path, "--today", "2028-12-31", "--json"])
        #expect(try Self.jsonRows(later).total == 0, "every trip is over: all money released")
    }

    @Test("export balances writes a valid document, to a file or standard output, and uploads it")
    func exportBalances() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let stdout = await Self.run(
            directory, ["export", "balances", "--link", "https://pay.example.com/b?ref={reference}"])
        #expect(stdout.exitCode == .success, "\(stdout.standardError)")
        #expect(try BalancesSchemas.schema().validate(stdout.standardOutputData).isEmpty)
        #expect(stdout.standardOutput.contains("<PaymentLink>https://pay.example.com/b?ref=BO-"))
        #expect(stdout.standardError.hasPrefix("exported "))

        let file = directory.url.appendingPathComponent("balances.xml").path
        let receiver = try LocalHTTPReceiver(statuses: [200])
        defer { receiver.stop() }
        let uploaded = await Self.run(
            directory,
            [
                "export", "balances", "--out", file, "--upload", receiver.url().absoluteString, "--method", "POST",
                "--link", "https://pay.example.com/b?ref={reference}",
            ])
        #expect(uploaded.exitCode == .success, "\(uploaded.standardError)")
        #expect(uploaded.standardOutput.contains("to \(file)\nattempt 1: HTTP 200"))
        #expect(uploaded.standardOutput.contains("uploaded "))
        #expect(receiver.requests.first?.method == "POST")
        #expect(receiver.requests.first?.body == (try Data(contentsOf: URL(fileURLWithPath: file))))
        // The stdout export and the file are the same document (same today, same clock).
        #expect(stdout.standardOutputData == (try Data(contentsOf: URL(fileURLWithPath: file))))

        let refusing = try LocalHTTPReceiver(statuses: [401])
        defer { refusing.stop() }
        let refused = await Self.run(directory, ["export", "balances", "--upload", refusing.url().absoluteString])
        #expect(refused.exitCode == .failure)
        #expect(refused.standardError.contains("attempt 1: HTTP 401"))
        #expect(refused.standardError.contains("drv-payments: upload-failed: "))

        let badLink = await Self.run(directory, ["export", "balances", "--link", "mailto:x@example.com"])
        #expect(badLink.exitCode == .failure)
        #expect(badLink.standardError.contains("invalid-payment-link"))
        for bad in [
            ["export"], ["export", "balances", "--upload", "ftp://x"], ["export", "balances", "--method", "POST"],
            ["export", "balances", "--upload", "http://127.0.0.1:1/", "--attempts", "0"],
        ] {
            #expect(await Self.run(directory, bad).exitCode == .failure, "\(bad)")
        }
    }

    @Test("find answers the same for an unknown reference and a wrong surname")
    func find() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let ledger = try Ledger.openForReading(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        let booking = try #require(
            ledger.bookings.first { $0.state == .booked && $0.displayCustomerName?.contains("Müller") == true })
        ledger.close()
        let found = await Self.run(directory, ["find", booking.id.value.lowercased(), "--surname", "MULLER", "--json"])
        #expect(found.exitCode == .success, "\(found.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: found.standardOutputData) as? [String: Any])
        #expect(object["booking"] as? String == booking.id.value)
        #expect(object["total"] as? String == booking.totalPrice.formattedAmount)
        let text = await Self.run(directory, ["find", booking.id.value, "--surname", "Müller"])
        #expect(text.standardOutput.hasPrefix("Booking:"))
        let wrongName = await Self.run(directory, ["find", booking.id.value, "--surname", "Meyer"])
        let unknown = await Self.run(directory, ["find", "NOPE-1", "--surname", "Müller"])
        #expect(wrongName.exitCode == .rejected)
        #expect(wrongName == unknown)
        #expect(await Self.run(directory, ["find", "X"]).exitCode == .failure, "--surname is required")
    }
}
