import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("settlements subcommand")
struct SettlementsCommandTests {
    /// Runs the tool in memory with `--ledger` and `--today` added after the subcommand.
    private func run(
        _ ledger: TemporaryLedger, _ arguments: [String], today: String = "2026-12-10", standardInput: Data = Data()
    ) async -> CommandResult {
        await Tool.run(
            [arguments[0], "--ledger", ledger.path, "--today", today] + arguments.dropFirst(),
            standardInput: standardInput)
    }

    /// A ledger with booking `B-1` and its card payment `P1` of 691.20 EUR + 10.37 EUR fee, settled by
    /// the simulated gateway on 2026-11-23 with the reference `SIM-B-1-P1`.
    private func ledgerWithCardPayment() async -> TemporaryLedger {
        let ledger = TemporaryLedger()
        let book = await Tool.run([
            "book", "--ledger", ledger.path, "--id", "B-1", "--today", "2026-11-23", "--price", "3456.00", "EUR",
            "--departure", "2027-06-14", "--traveller", "Max Mustermann",
        ])
        #expect(book.exitCode == .success, "\(book.standardError)")
        let pay = await run(
            ledger,
            [
                "pay", "B-1", "--amount", "691.20", "--by", "card", "--card", "-", "--expiry", "2029-12", "--holder",
                "Max Mustermann",
            ], today: "2026-11-23", standardInput: Data("4111111111111111\n".utf8))
        #expect(pay.exitCode == .success, "\(pay.standardError)")
        #expect(pay.standardOutput.contains("Settled"), "\(pay.standardOutput)")
        return ledger
    }

    /// A settlement report in the international format, and its mapping file.
    private func writeReport(_ lines: [String]) throws -> (report: URL, mapping: URL) {
        let directory = try TestSupport.temporaryDirectory()
        let report = directory.appendingPathComponent("acquirer-2026-11-25.csv")
        try (["Txn Ref,Paid On,Gross,Fee,Net,CCY,Payout"] + lines).joined(separator: "\r\n").write(
            to: report, atomically: true, encoding: .utf8)
        let mapping = directory.appendingPathComponent("acquirer.map")
        try """
        # Acquirer settlement export
        separator = ,
        decimal-separator = point
        date-format = yyyy-MM-dd
        transaction-reference = Txn Ref
        payout-date = Paid On
        gross-amount = Gross
        fee = Fee
        net-amount = Net
        currency = CCY
        payout-reference = #7
        """.write(to: mapping, atomically: true, encoding: .utf8)
        return (report, mapping)
    }

    @Test("settlements import records payouts, reports exceptions and is idempotent")
    func importTwice() async throws {
        let ledger = await ledgerWithCardPayment()
        defer { ledger.remove() }
        let (report, mapping) = try writeReport([
            "SIM-B-1-P1,2026-11-25,701.57,12.63,688.94,EUR,PO-77",
            "SIM-UNKNOWN,2026-11-25,50.00,1.00,49.00,EUR,PO-77",
        ])
        defer { try? FileManager.default.removeItem(at: report.deletingLastPathComponent()) }
        let first = await run(ledger, ["settlements", "import", report.path, "--mapping", mapping.path])
        #expect(first.exitCode == .success, "\(first.standardError)")
        #expect(
            first.standardOutput.hasPrefix(
                "\(report.path): 1 paid out, 0 already paid out, 1 unmatched, 0 mismatches, 0 already recorded\n"),
            "\(first.standardOutput)")
        #expect(first.standardOutput.contains("paid out SIM-B-1-P1 -> B-1/P1 2026-11-25: 688.94 net, 12.63 fee EUR"))
        #expect(first.standardOutput.contains("unmatched SIM-UNKNOWN (line 3): unknown-reference"))
        let events = try await ledger.eventCount()
        let second = await run(ledger, ["settlements", "import", report.path, "--mapping", mapping.path, "--json"])
        #expect(second.exitCode == .success)
        #expect(second.standardOutput.contains("\"result\" : \"already-paid-out\""), "\(second.standardOutput)")
        #expect(second.standardOutput.contains("\"result\" : \"already-recorded\""))
        #expect(try await ledger.eventCount() == events)

        let shown = await run(ledger, ["show", "B-1"])
        #expect(shown.standardOutput.contains("paid out 2026-11-25: 688.94 net, 12.63 acquirer fee"))
        let history = await run(ledger, ["history", "B-1"])
        #expect(history.standardOutput.contains("payment P1 paid out by the acquirer on 2026-11-25"))
        let paidOut = await run(ledger, ["settlements", "list", "--csv"])
        #expect(paidOut.exitCode == .success)
        #expect(
            paidOut.standardOutput
                == "Booking,Payment,Reference,Settled,Payout date,Gross,Fee,Net,Currency,Report\n"
                + "B-1,P1,SIM-B-1-P1,2026-11-23,2026-11-25,701.57,12.63,688.94,EUR,acquirer-2026-11-25.csv\n")
        let exceptions = await run(ledger, ["settlements", "list", "--exceptions"])
        #expect(exceptions.standardOutput.contains("SIM-UNKNOWN"))
        #expect(exceptions.standardOutput.contains("unknown-reference"))
        let unpaid = await run(ledger, ["settlements", "list", "--unpaid-out", "--json"])
        #expect(unpaid.standardOutput.contains("\"unpaidOut\" : [\n\n  ]") || unpaid.standardOutput.contains("[]"))
    }

    @Test("settlements list --unpaid-out lists settled card payments older than --days")
    func unpaidOut() async throws {
        let ledger = await ledgerWithCardPayment()
        defer { ledger.remove() }
        let recent = await run(ledger, ["settlements", "list", "--unpaid-out", "--days", "30"])
        #expect(recent.exitCode == .success)
        #expect(!recent.standardOutput.contains("SIM-B-1-P1"))
        let overdue = await run(ledger, ["settlements", "list", "--unpaid-out", "--csv"])
        #expect(
            overdue.standardOutput
                == "Booking,Payment,Reference,Settled,Days,Charged,Currency\nB-1,P1,SIM-B-1-P1,2026-11-23,17,701.57,EUR\n"
        )
    }

    @Test("a mismatching line and --map settings on the command line")
    func mismatchWithInlineMapping() async throws {
        let ledger = await ledgerWithCardPayment()
        defer { ledger.remove() }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("r.csv")
        try "ref;datum;brutto\nSIM-B-1-P1;25.11.2026;700,00\n".write(to: report, atomically: true, encoding: .utf8)
        let result = await run(
            ledger,
            [
                "settlements", "import", report.path, "--map", "transaction-reference=ref", "--map",
                "payout-date=datum", "--map", "gross-amount=brutto", "--map", "currency=\"EUR\"",
            ])
        #expect(result.exitCode == .success, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 mismatches"))
        #expect(result.standardOutput.contains("mismatch SIM-B-1-P1 (line 2): amount-mismatch"))
    }

    @Test("refused reports exit 1, usage and mapping errors 2, help 0")
    func errors() async throws {
        let ledger = await ledgerWithCardPayment()
        defer { ledger.remove() }
        let (report, mapping) = try writeReport(["SIM-B-1-P1,2026-11-25,701.57,12.63,600.00,EUR,PO-77"])
        defer { try? FileManager.default.removeItem(at: report.deletingLastPathComponent()) }
        let mismatch = await run(ledger, ["settlements", "import", report.path, "--mapping", mapping.path])
        #expect(mismatch.exitCode == .rejected)
        #expect(mismatch.standardError.contains("settlement-mismatch"))
        let noMapping = await run(ledger, ["settlements", "import", report.path])
        #expect(noMapping.exitCode == .failure)
        #expect(noMapping.standardError.contains("needs a column mapping"))
        let badKey = await run(ledger, ["settlements", "import", report.path, "--map", "colour=red"])
        #expect(badKey.exitCode == .failure)
        #expect(badKey.standardError.contains("csv-invalid-mapping"))
        let bankKey = await run(
            ledger, ["settlements", "import", report.path, "--mapping", mapping.path, "--map", "amount=Gross"])
        #expect(bankKey.exitCode == .failure)
        #expect(bankKey.standardError.contains("'amount' is not a key of a card settlement mapping"))
        let missingFile = await run(ledger, ["settlements", "import", "/no/such.csv", "--mapping", mapping.path])
        #expect(missingFile.exitCode == .failure)
        let missingMapping = await run(ledger, ["settlements", "import", report.path, "--mapping", "/no/such.map"])
        #expect(missingMapping.exitCode == .failure)
        let both = await run(ledger, ["settlements", "list", "--unpaid-out", "--exceptions"])
        #expect(both.exitCode == .failure)
        let days = await run(ledger, ["settlements", "list", "--days", "3"])
        #expect(days.exitCode == .failure)
        let action = await run(ledger, ["settlements", "export"])
        #expect(action.exitCode == .failure)
        let noLedger = await Tool.run(["settlements", "list", "--ledger", "/no/such/ledger"])
        #expect(noLedger.exitCode == .failure)
        let help = await Tool.run(["settlements", "--help"])
        #expect(help.exitCode == .success)
        #expect(help.standardOutput.contains("MAPPING (CSV):"))
        #expect(help.standardOutput.contains("EXIT STATUS:"))
    }
}
