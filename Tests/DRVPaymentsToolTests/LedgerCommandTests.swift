import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

/// A ledger directory under the temporary directory, not created: `book` and `handle` create it.
struct TemporaryLedger {
    /// The directory.
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("drv-payments-ledger-\(UUID().uuidString)")
    /// The directory's path, for `--ledger`.
    var path: String { url.path }

    /// Removes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// The ledger's event count, read as `show --json` prints it.
    func eventCount() async throws -> Int {
        let result = await Tool.run(["show", "--ledger", path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
        return try #require(json["eventCount"] as? Int)
    }
}

@Suite("Ledger subcommands")
struct LedgerCommandTests {
    private typealias H = ToolTestHelpers

    /// Runs the tool in memory with `--ledger` added after the subcommand.
    private func run(
        _ ledger: TemporaryLedger, _ arguments: [String], standardInput: Data = Data()
    ) async
        -> CommandResult
    {
        await Tool.run([arguments[0], "--ledger", ledger.path] + arguments.dropFirst(), standardInput: standardInput)
    }

    private static let book = [
        "book", "--id", "B-1", "--today", "2026-11-23", "--price", "3456.00", "EUR", "--departure", "2027-06-14",
        "--return", "2027-06-28", "--traveller", "Max Mustermann", "--traveller", "Erika Mustermann", "--agency",
        "123456",
    ]

    @Test("book prints the identifier, then the schedule")
    func book() async {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        let result = await run(ledger, Self.book)
        #expect(result.exitCode == .success)
        #expect(result.standardError.isEmpty)
        #expect(
            result.standardOutput == """
                B-1
                Schedule
                  ID   Scope    Due          Amount  Allocated  Remaining  State
                  DEP  Deposit  2026-11-30   691.20       0.00     691.20  open
                  BAL  Balance  2027-05-15  2764.80       0.00    2764.80  open

                """)
        let generated = await run(ledger, ["book", "--price", "980", "EUR", "--departure", "2027-08-01"])
        #expect(generated.exitCode == .success)
        let id = generated.standardOutput.prefix { $0 != "\n" }
        #expect(BookingReference(String(id)) != nil, "\(id) is not a generated booking reference")
    }

    @Test("a lifecycle: agency deposit, agency settlement, declined and good card, confirm; show has no card number")
    func lifecycle() async throws {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        #expect(await run(ledger, Self.book).exitCode == .success)

        let deposit = await run(
            ledger, ["pay", "B-1", "--amount", "691.20", "--by", "agency", "--today", "2026-11-23"])
        #expect(deposit.exitCode == .success)
        #expect(deposit.standardError.isEmpty)
        #expect(deposit.standardOutput.hasPrefix("payment P1: Recorded; 691.20 EUR, collected by Agency\n\n"))
        #expect(deposit.standardOutput.contains("  Paid         691.20\n"))

        let passedOn = await run(
            ledger, ["settle", "B-1", "P1", "--agency-settlement", "--reference", "AGY-1", "--today", "2026-12-01"])
        #expect(passedOn.exitCode == .success)
        #expect(
            passedOn.standardOutput.hasPrefix("payment P1: Settled; 691.20 EUR, collected by Agency; reference AGY-1\n")
        )

        let card = [
            "pay", "B-1", "--amount", "2764.80", "--by", "card", "--expiry", "2029-12", "--holder", "Max Mustermann",
        ]
        // The card number is read from standard input, never from the command line.
        let declined = await run(
            ledger, card + ["--card", "-", "--today", "2027-04-20"], standardInput: Data("4000000000000002\n".utf8))
        #expect(declined.exitCode == .success)
        #expect(
            declined.standardOutput.hasPrefix(
                "payment P2: Failed (card declined); 2764.80 EUR + 41.47 EUR fee by CreditCard, collected by "
                    + "TourOperator; reference SIM-B-1-P2\n"))
        let settled = await run(
            ledger, card + ["--card", "-", "--id", "P2", "--today", "2027-04-21"],
            standardInput: Data("4111111111111111\n".utf8))
        #expect(settled.exitCode == .success)
        #expect(settled.standardOutput.hasPrefix("payment P2: Settled; 2764.80 EUR + 41.47 EUR fee by CreditCard"))

        for payment in ["P1", "P2"] {
            let confirmed = await run(ledger, ["confirm", "B-1", payment, "--today", "2027-04-28"])
            #expect(confirmed.exitCode == .success)
            #expect(confirmed.standardOutput.hasPrefix("payment \(payment): Confirmed;"))
        }

        let shown = await run(ledger, ["show", "B-1", "--today", "2027-04-28"])
        #expect(shown.exitCode == .success)
        #expect(
            shown.standardOutput == """
                Booking     B-1
                State       Booked
                Travellers  Max Mustermann (T1, lead), Erika Mustermann (T2)
                Departure   2027-06-14
                Return      2027-06-28
                Booked on   2026-11-23
                Currency    EUR
                Collection  Mixed
                Agency      123456
                Customer    Max Mustermann
                Financed    no
                Release     not released

                Overview on 2027-04-28 (EUR)
                  TotalPrice  3456.00
                  TotalFees     41.47
                  Paid        3497.47
                  Settled     3497.47
                  Open           0.00
                  Overdue        0.00
                  NextDue           -

                Payments
                  ID  Scope    Form        Collection     Amount    Fee  Status     Entry       Settlement  Reference     Note
                  P1  Deposit  -           Agency         691.20   0.00  Confirmed  2026-11-23  2026-12-01  AGY-1         -
                  P2  Balance  CreditCard  TourOperator  2764.80  41.47  Confirmed  2027-04-21  2027-04-21  SIM-B-1-P2-2  VISA ending 1111

                Schedule
                  ID   Scope    Due          Amount  Allocated  Remaining  State
                  DEP  Deposit  2026-11-30   691.20     691.20       0.00  paid
                  BAL  Balance  2027-05-15  2764.80    2764.80       0.00  paid

                """)
        let json = await run(ledger, ["show", "B-1", "--today", "2027-04-28", "--json"])
        #expect(json.exitCode == .success)
        let object = try #require(try JSONSerialization.jsonObject(with: json.standardOutputData) as? [String: Any])
        let overview = try #require(object["overview"] as? [String: Any])
        #expect(overview["totalFees"] as? String == "41.47")
        #expect(overview["paid"] as? String == "3497.47")
        #expect(overview["open"] as? String == "0.00")
        #expect(overview["nextDue"] is NSNull)
        let payments = try #require(object["payments"] as? [[String: Any]])
        #expect(payments.map { $0["status"] as? String } == ["Confirmed", "Confirmed"])
        #expect(payments.last?["instrument"] as? String == "VISA ending 1111")
        #expect(await run(ledger, ["show", "B-1", "--today", "2027-04-28", "--json"]) == json)

        for output in [shown.standardOutput, json.standardOutput, declined.standardOutput, settled.standardOutput] {
            for secret in ["4111111111111111", "4000000000000002", "411111******1111"] {
                #expect(!output.contains(secret))
            }
        }
    }

    @Test("invoice payment: fail, reopen, settle; show lists every booking")
    func failAndReopen() async throws {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        #expect(await run(ledger, Self.book).exitCode == .success)
        let invoice = await run(ledger, ["pay", "B-1", "--amount", "691.20", "--by", "invoice", "--scope", "Deposit"])
        #expect(
            invoice.standardOutput.hasPrefix("payment P1: Open; 691.20 EUR by Invoice, collected by TourOperator\n"))
        let failed = await run(ledger, ["fail", "B-1", "P1", "--reason", "not paid"])
        #expect(failed.exitCode == .success)
        #expect(failed.standardOutput.hasPrefix("payment P1: Failed (not paid); 691.20 EUR by Invoice"))
        let reopened = await run(ledger, ["reopen", "B-1", "P1"])
        #expect(reopened.standardOutput.hasPrefix("payment P1: Open;"))
        let settled = await run(ledger, ["settle", "B-1", "P1", "--reference", "BANK-7", "--today", "2026-11-25"])
        #expect(settled.exitCode == .success)
        #expect(
            settled.standardOutput.hasPrefix(
                "payment P1: Settled; 691.20 EUR by Invoice, collected by TourOperator; reference BANK-7\n"))

        #expect(
            await run(ledger, ["book", "--id", "B-2", "--price", "980", "EUR", "--departure", "2026-12-20"]).exitCode
                == .success)
        let list = await run(ledger, ["show", "--today", "2026-12-01"])
        #expect(
            list.standardOutput == """
                Booking  State   Currency  TotalPrice    Paid     Open  Overdue  NextDue
                B-1      Booked  EUR          3456.00  691.20  2764.80     0.00  2027-05-15
                B-2      Booked  EUR           980.00    0.00   980.00   980.00  2026-11-23

                """)
        let listJSON = await run(ledger, ["show", "--today", "2026-12-01", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: listJSON.standardOutputData) as? [String: Any])
        let bookings = try #require(object["bookings"] as? [[String: Any]])
        #expect(bookings.map { $0["id"] as? String } == ["B-1", "B-2"])
        #expect(bookings.map { $0["overdue"] as? String } == ["0.00", "980.00"])
    }

    @Test("exit codes: 1 for what the ledger refuses (CODE: message on standard error), 2 for usage and I/O")
    func exitCodes() async {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }

        let missing = await run(ledger, ["show"])
        #expect(missing.exitCode == .failure)
        #expect(missing.standardOutputData.isEmpty)
        #expect(missing.standardError == "drv-payments: \(ledger.path): No such file or directory\n")
        #expect(await run(ledger, ["pay", "B-1", "--amount", "1", "--by", "agency"]).exitCode == .failure)

        #expect(await run(ledger, Self.book).exitCode == .success)
        let unknown = await run(ledger, ["show", "NOPE"])
        #expect(unknown.exitCode == .rejected)
        #expect(unknown.standardOutputData.isEmpty)
        #expect(unknown.standardError == "drv-payments: unknown-booking: there is no booking NOPE\n")

        let tooMuch = await run(ledger, ["pay", "B-1", "--amount", "5000", "--by", "invoice"])
        #expect(tooMuch.exitCode == .rejected)
        #expect(tooMuch.standardOutputData.isEmpty)
        #expect(tooMuch.standardError.hasPrefix("drv-payments: amount-exceeds-balance: "))

        let expired = await run(
            ledger,
            ["pay", "B-1", "--amount", "10", "--by", "card", "--card", "-", "--expiry", "2026-10"],
            standardInput: Data("4111111111111111".utf8))
        #expect(expired.exitCode == .rejected)
        #expect(expired.standardError.hasPrefix("drv-payments: card-expired: "))
        #expect(!expired.standardError.contains("4111111111111111"))

        let voucher = await run(ledger, ["pay", "B-1", "--amount", "10", "--by", "voucher", "--voucher", "FAKE"])
        #expect(voucher.exitCode == .rejected)
        #expect(
            voucher.standardError
                == "drv-payments: voucher-rejected: payment P1 was refused: voucher FAKE is not known\n")

        let good = await run(ledger, ["pay", "B-1", "--amount", "100", "--by", "voucher", "--voucher", "TRAVEL-100"])
        #expect(good.exitCode == .success)
        #expect(
            good.standardOutput.hasPrefix(
                "payment P1: Settled; 100.00 EUR by Voucher, collected by TourOperator; reference VOUCHER-TRAVEL-100\n")
        )

        let confirmOpen = await run(ledger, ["confirm", "B-1", "DEP"])
        #expect(confirmOpen.exitCode == .rejected)
        #expect(confirmOpen.standardError == "drv-payments: unknown-payment: booking B-1 has no payment DEP\n")
        let reopenSettled = await run(ledger, ["reopen", "B-1", "P1"])
        #expect(reopenSettled.exitCode == .rejected)
        #expect(
            reopenSettled.standardError
                == "drv-payments: invalid-status-transition: payment P1 cannot go from Settled to Open\n")
        let notAgency = await run(ledger, ["settle", "B-1", "P1", "--agency-settlement", "--reference", "X"])
        #expect(notAgency.exitCode == .rejected)
        #expect(notAgency.standardError.hasPrefix("drv-payments: not-agency-collected: "))

        let other = await run(ledger, ["book", "--id", "B-1", "--price", "1.00", "EUR", "--departure", "2027-06-14"])
        #expect(other.exitCode == .rejected)
        #expect(other.standardError == "drv-payments: booking-exists: booking B-1 exists with other data\n")
        let again = await run(ledger, Self.book)
        #expect(again.exitCode == .success)
        #expect(again.standardOutput.hasPrefix("B-1\n"))

        let usage = await run(ledger, ["pay", "B-1", "--amount", "1"])
        #expect(usage.exitCode == .failure)
        #expect(usage.standardOutputData.isEmpty)
        #expect(
            usage.standardError.hasPrefix(
                "drv-payments: missing option '--by FORM' for 'pay'\nUsage: drv-payments pay "))

        let notALedger = await Tool.run(["show", "--ledger", H.path("Examples")])
        #expect(notALedger.exitCode == .failure)
        #expect(
            notALedger.standardError == "drv-payments: \(H.path("Examples")): not a ledger: there is no journal.log\n")
        #expect(!FileManager.default.fileExists(atPath: H.path("Examples/journal.log")))
    }

    @Test("handle: a response per request after a comment line; the same request twice changes nothing")
    func handle() async throws {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        let book = H.path("Examples/lifecycle/02-book-request.xml")
        let first = await run(ledger, ["handle", "--today", "2026-11-23", book])
        #expect(first.exitCode == .success)
        #expect(first.standardError.isEmpty)
        let firstLines = first.standardOutput.split(separator: "\n", maxSplits: 1)
        #expect(firstLines.first == "<!-- response to \(book): applied -->")
        #expect(firstLines.last?.hasPrefix("<BookingResponse ") == true)
        let events = try await ledger.eventCount()

        let second = await run(ledger, ["handle", "--today", "2026-11-23", book])
        #expect(second.exitCode == .success)
        let secondLines = second.standardOutput.split(separator: "\n", maxSplits: 1)
        #expect(secondLines.first == "<!-- response to \(book): unchanged -->")
        #expect(secondLines.last == firstLines.last)
        #expect(try await ledger.eventCount() == events)

        let both = await run(
            ledger, ["handle", "--today", "2026-11-23", "--pretty", book, "-"],
            standardInput: try TestSupport.data("Examples/lifecycle/02-book-request.xml"))
        #expect(both.exitCode == .success)
        #expect(both.standardOutput.hasPrefix("<!-- response to \(book): unchanged -->\n<BookingResponse "))
        #expect(both.standardOutput.contains("\n<!-- response to -: unchanged -->\n<BookingResponse "))
        #expect(both.standardOutput.contains("\n  <BookingState>Booked</BookingState>\n"))
        #expect(try await ledger.eventCount() == events)
    }

    @Test("handle: rejected and invalid requests exit 1, an unreadable file 2; the others are still answered")
    func handleRefusals() async {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        let payment = H.path("Examples/lifecycle/03-balance-request.xml")
        let rejected = await run(ledger, ["handle", "--today", "2027-04-20", payment])
        #expect(rejected.exitCode == .rejected)
        #expect(rejected.standardOutput.hasPrefix("<!-- response to \(payment): rejected -->\n<PaymentResponse "))
        #expect(rejected.standardOutput.contains("<Code>unknown-booking</Code>"))
        #expect(
            rejected.standardError
                == "drv-payments: \(payment): unknown-booking: there is no booking SRT-2026-004711\n")
        #expect(!rejected.standardOutput.contains("4111111111111111"))

        let invalid = await run(ledger, ["handle", "-", "no-such-file.xml"], standardInput: Data("<Cruise/>".utf8))
        #expect(invalid.exitCode == .failure)
        #expect(invalid.standardOutput.hasPrefix("<!-- response to -: invalid -->\n<ErrorResponse "))
        #expect(invalid.standardError.contains("drv-payments: no-such-file.xml: No such file or directory\n"))
        #expect(invalid.standardError.contains("drv-payments: -: schema-violation: "))
    }

    @Test("help for every ledger subcommand exits 0 and shows examples")
    func help() async {
        for subcommand in [Subcommand.handle, .book, .pay, .settle, .fail, .confirm, .reopen, .show, .demo] {
            let result = await Tool.run([subcommand.rawValue, "--help"])
            #expect(result.exitCode == .success)
            #expect(result.standardError.isEmpty)
            #expect(result.standardOutput.contains("\nEXAMPLES:\n  drv-payments \(subcommand.rawValue)"))
            #expect(result.standardOutput.contains("\nEXIT STATUS:\n"))
        }
        let overview = await Tool.run(["--help"]).standardOutput
        for subcommand in Subcommand.allCases {
            #expect(overview.contains("\n  \(subcommand.rawValue) "))
        }
    }
}
