import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("release, comment and booking details")
struct BackOfficeCommandTests {
    /// Runs the tool in memory with `--ledger` and `--today` added after the subcommand.
    static func run(_ ledger: TemporaryLedger, _ arguments: [String]) async -> CommandResult {
        await Tool.run([arguments[0], "--ledger", ledger.path, "--today", "2026-11-24"] + arguments.dropFirst())
    }

    /// A ledger with booking `SRT-1` (1000.00 EUR, seller S-1, financed when asked).
    static func bookedLedger(financed: Bool = false) async -> TemporaryLedger {
        let ledger = TemporaryLedger()
        let result = await run(
            ledger,
            [
                "book", "--id", "SRT-1", "--price", "1000.00", "EUR", "--departure", "2027-06-14", "--traveller",
                "Anna Meyer", "--seller", "S-1", "--branch", "Köln", "--phone", "+49 221 1", "--account", "1700",
            ] + (financed ? ["--financed"] : []))
        #expect(result.exitCode == .success, "\(result.standardError)")
        return ledger
    }

    @Test("book keeps seller, branch, phone, account and financed; show prints them")
    func bookAndShow() async throws {
        let ledger = await Self.bookedLedger(financed: true)
        defer { ledger.remove() }
        let shown = await Self.run(ledger, ["show", "SRT-1"])
        for expected in [
            "Seller      S-1", "Branch      Köln", "Customer    Anna Meyer", "Phone       +49 221 1",
            "Account     1700", "Financed    yes", "Release     not released",
        ] {
            #expect(shown.standardOutput.contains(expected), "\(expected) in \(shown.standardOutput)")
        }
        let json = await Self.run(ledger, ["show", "SRT-1", "--json"])
        let root = try #require(try JSONSerialization.jsonObject(with: json.standardOutputData) as? [String: Any])
        let booking = try #require(root["booking"] as? [String: Any])
        #expect(booking["account"] as? String == "1700")
        #expect(booking["financed"] as? Bool == true)
        #expect(booking["customerName"] as? String == "Anna Meyer")
    }

    @Test("release --on|--off and comment are journaled, shown and in the history")
    func releaseAndComment() async throws {
        let ledger = await Self.bookedLedger()
        defer { ledger.remove() }
        let on = await Self.run(ledger, ["release", "SRT-1", "--on"])
        #expect(on.exitCode == .success, "\(on.standardError)")
        #expect(on.standardOutput.hasPrefix("SRT-1: released, by "))
        let comment = await Self.run(ledger, ["comment", "SRT-1", "customer asked, by phone"])
        #expect(comment.exitCode == .success)
        #expect(comment.standardOutput == "SRT-1: comment 1 added\n")
        let shown = await Self.run(ledger, ["show", "SRT-1"])
        #expect(shown.standardOutput.contains("Release     released, by "))
        #expect(shown.standardOutput.contains("Comments\n"))
        #expect(shown.standardOutput.contains("customer asked, by phone"))
        let history = await Self.run(ledger, ["history", "SRT-1"])
        #expect(history.standardOutput.contains("released for refund"))
        #expect(history.standardOutput.contains("comment: customer asked, by phone"))
        #expect(history.standardOutput.contains("details: customer phone \"+49 221 1\", account \"1700\""))
        let off = await Self.run(ledger, ["release", "SRT-1", "--off"])
        #expect(off.standardOutput.hasPrefix("SRT-1: not released, by "))
    }

    @Test("release and comment refuse bad usage (2) and what the ledger refuses (1)")
    func refusals() async throws {
        let ledger = await Self.bookedLedger()
        defer { ledger.remove() }
        for arguments in [
            ["release", "SRT-1"], ["release", "SRT-1", "--on", "--off"], ["release", "--on"],
            ["comment", "SRT-1"], ["comment", "SRT-1", "a", "b"],
        ] {
            let result = await Self.run(ledger, arguments)
            #expect(result.exitCode == .failure, "\(arguments)")
            #expect(result.standardOutput.isEmpty)
        }
        let unknown = await Self.run(ledger, ["release", "NOPE", "--on"])
        #expect(unknown.exitCode == .rejected)
        #expect(unknown.standardError.contains("unknown-booking"))
        let empty = await Self.run(ledger, ["comment", "SRT-1", " "])
        #expect(empty.exitCode == .rejected)
        #expect(empty.standardError.contains("invalid-booking-details"))
        let missing = await Tool.run(["release", "--ledger", ledger.path + "-missing", "SRT-1", "--on"])
        #expect(missing.exitCode == .failure)
    }

    @Test("release and comment print help")
    func help() async {
        for name in ["release", "comment"] {
            let result = await Tool.run([name, "--help"])
            #expect(result.exitCode == .success)
            #expect(result.standardOutput.contains("USAGE: drv-payments \(name) --ledger DIR"))
            #expect(result.standardOutput.contains("--today YYYY-MM-DD"))
        }
    }

    /// A ledger with bookings `N1` (overpaid 100.00, seller S-B) and `N2` (overpaid 300.00,
    /// seller S-A, released, commented), made through the library.
    static func overpaidLedger(financed: Bool = false) throws -> TemporaryLedger {
        let directory = TemporaryLedger()
        let day = try #require(XMLDate(xmlLexicalForm: "2026-11-23"))
        let ledger = try Ledger.open(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(day)))
        defer { ledger.close() }
        for (id, seller, overpaid) in [("N1", "S-B", Int64(100_00)), ("N2", "S-A", 300_00)] {
            let identifier = try #require(Identifier(id))
            try ledger.createBooking(
                BookingDraft(
                    id: identifier, seller: seller, departureDate: try #require(XMLDate(xmlLexicalForm: "2027-06-14")),
                    totalPrice: CurrencyAmount(minorUnitCount: 1000_00, currency: .eur), financed: financed))
            try ledger.enterPayments(
                [
                    Payment(
                        identifier: "ALL", collection: .agency, paymentScope: .balance,
                        paymentAmount: CurrencyAmount(minorUnitCount: 1000_00, currency: .eur))
                ], bookingId: identifier)
            try ledger.modifyBooking(
                identifier, totalPrice: CurrencyAmount(minorUnitCount: 1000_00 - overpaid, currency: .eur))
        }
        try ledger.setRelease(true, for: "N2")
        try ledger.addComment("call customer, \"urgent\"", to: "N2")
        return directory
    }

    @Test("negative-balances lists, filters and sorts; --csv and --json")
    func negativeBalances() async throws {
        let ledger = try Self.overpaidLedger()
        defer { ledger.remove() }
        let table = await Self.run(ledger, ["negative-balances"])
        #expect(table.exitCode == .success, "\(table.standardError)")
        let lines = table.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(
            lines[0].hasPrefix(
                "Booking  Seller  Agency  Created     Departure   Customer  Currency   Total     Paid  Balance"))
        #expect(lines[1].hasPrefix("N1       S-B"))
        #expect(lines[2].contains("700.00  1000.00   300.00  yes       no"))
        #expect(lines[2].hasSuffix("call customer, \"urgent\""))
        let sorted = await Self.run(ledger, ["negative-balances", "--sort", "amount", "--descending"])
        #expect(sorted.standardOutput.split(separator: "\n").dropFirst().map { $0.prefix(2) } == ["N2", "N1"])
        let filtered = await Self.run(ledger, ["negative-balances", "--seller", "S-B"])
        #expect(filtered.standardOutput.split(separator: "\n").count == 2)
        let released = await Self.run(ledger, ["negative-balances", "--released", "--csv"])
        #expect(
            released.standardOutput
                == "Booking,Seller,Agency,Created,Departure,Customer,Currency,Total,Paid,Balance,Released,Financed,"
                + "Branch,Account,Comments\n"
                + "N2,S-A,,2026-11-23,2027-06-14,,EUR,700.00,1000.00,300.00,yes,no,,,\"call customer, \"\"urgent\"\"\"\n"
        )
        let json = await Self.run(ledger, ["negative-balances", "--json"])
        let root = try #require(try JSONSerialization.jsonObject(with: json.standardOutputData) as? [String: Any])
        let rows = try #require(root["negativeBalances"] as? [[String: Any]])
        #expect(rows.map { $0["booking"] as? String } == ["N1", "N2"])
        #expect(rows.last?["balance"] as? String == "300.00")
        let usage = await Self.run(ledger, ["negative-balances", "--sort", "price"])
        #expect(usage.exitCode == .failure)
        #expect(usage.standardError.contains("expected one of booking, agency, seller, created, departure, amount"))
        let both = await Self.run(ledger, ["negative-balances", "--csv", "--json"])
        #expect(both.exitCode == .failure)
    }

    @Test("refund requests, completes and fails; refunds list prints the pending ones")
    func refundLifecycle() async throws {
        let ledger = try Self.overpaidLedger()
        defer { ledger.remove() }
        let refused = await Self.run(ledger, ["refund", "N1", "--amount", "10", "--method", "bank-transfer"])
        #expect(refused.exitCode == .rejected)
        #expect(refused.standardError.contains("not-released"))
        let requested = await Self.run(
            ledger, ["refund", "N2", "--amount", "200.00", "--method", "bank-transfer", "--reference", "IBAN <DE89>"])
        #expect(requested.exitCode == .success, "\(requested.standardError)")
        #expect(
            requested.standardOutput == "N2 refund R1: Requested 200.00 EUR by bank-transfer; reference IBAN <DE89>\n")
        let tooMuch = await Self.run(ledger, ["refund", "N2", "--amount", "100.01", "--method", "cash"])
        #expect(tooMuch.exitCode == .rejected)
        #expect(tooMuch.standardError.contains("refund-exceeds-balance"))
        let list = await Self.run(ledger, ["refunds", "list"])
        #expect(list.exitCode == .success)
        #expect(list.standardOutput.contains("2026-11-24  N2       R1      Requested  S-A"))
        let page = await Self.run(ledger, ["refunds", "list", "--print"])
        #expect(page.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(page.standardOutput.contains("<td>IBAN &lt;DE89&gt;</td>"))
        #expect(!page.standardOutput.contains("<DE89>"))
        #expect(page.standardOutput.contains("@media print"))
        #expect(page.standardOutput.contains("1 refund · 200.00 EUR"))
        let balances = await Self.run(ledger, ["negative-balances", "--json"])
        #expect(balances.standardOutput.contains("\"pendingRefund\" : \"200.00\""))
        let completed = await Self.run(ledger, ["refund", "N2", "--complete", "R1", "--reference", "BANK-1"])
        #expect(completed.standardOutput == "N2 refund R1: Completed 200.00 EUR by bank-transfer; reference BANK-1\n")
        let second = await Self.run(ledger, ["refund", "N2", "--amount", "100", "--method", "cash"])
        #expect(second.exitCode == .success)
        let failed = await Self.run(ledger, ["refund", "N2", "--fail", "R2", "--reason", "customer unreachable"])
        #expect(failed.standardOutput.hasPrefix("N2 refund R2: Failed 100.00 EUR by cash (customer unreachable)"))
        let pending = await Self.run(ledger, ["refunds", "list", "--csv"])
        #expect(pending.standardOutput.split(separator: "\n").count == 1)  // the header alone
        let all = await Self.run(ledger, ["refunds", "list", "--all", "--json"])
        let root = try #require(try JSONSerialization.jsonObject(with: all.standardOutputData) as? [String: Any])
        #expect((root["refunds"] as? [[String: Any]])?.map { $0["status"] as? String } == ["Completed", "Failed"])
        let shown = await Self.run(ledger, ["show", "N2"])
        #expect(shown.standardOutput.contains("Refunds\n"))
        let history = await Self.run(ledger, ["history", "N2"])
        #expect(history.standardOutput.contains("refund R1 requested: 200.00 EUR by bank-transfer"))
        #expect(history.standardOutput.contains("refund R1: Completed; reference BANK-1"))
    }

    @Test("refund of a financed booking needs --force --reason")
    func forcedRefund() async throws {
        let ledger = try Self.overpaidLedger(financed: true)
        defer { ledger.remove() }
        let refused = await Self.run(ledger, ["refund", "N2", "--amount", "10", "--method", "bank-transfer"])
        #expect(refused.exitCode == .rejected)
        #expect(refused.standardError.contains("booking-financed"))
        let forced = await Self.run(
            ledger, ["refund", "N2", "--amount", "10", "--method", "bank-transfer", "--force", "--reason", "approved"])
        #expect(forced.exitCode == .success, "\(forced.standardError)")
        let unknown = await Self.run(ledger, ["refund", "N2", "--complete", "R7"])
        #expect(unknown.exitCode == .rejected)
        #expect(unknown.standardError.contains("unknown-refund"))
        let card = await Self.run(ledger, ["refund", "N2", "--amount", "1", "--method", "card", "--payment", "ALL"])
        #expect(card.exitCode == .rejected)
        #expect(card.standardError.contains("refund-not-possible"))
    }

    @Test("refund and refunds refuse bad usage with exit 2")
    func refundUsage() async throws {
        let ledger = try Self.overpaidLedger()
        defer { ledger.remove() }
        for arguments in [
            ["refund", "N2"], ["refund", "N2", "--amount", "10"], ["refund", "N2", "--method", "cash"],
            ["refund", "N2", "--amount", "0", "--method", "cash"],
            ["refund", "N2", "--amount", "-1", "--method", "cash"],
            ["refund", "N2", "--amount", "1", "--method", "card"],
            ["refund", "N2", "--amount", "1", "--method", "cash", "--payment", "P"],
            ["refund", "N2", "--amount", "1", "--method", "cash", "--force"],
            ["refund", "N2", "--complete", "R1", "--fail", "R1"], ["refund", "N2", "--fail", "R1"],
            ["refund", "N2", "--complete", "R1", "--amount", "1"], ["refunds"], ["refunds", "show"],
            ["refunds", "list", "--print", "--csv"], ["refunds", "list", "--csv", "--json"],
        ] {
            let result = await Self.run(ledger, arguments)
            #expect(result.exitCode == .failure, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
    }
}
