import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("bank and unregistered subcommands")
struct BankCommandTests {
    private static let statement = TestSupport.url("Tests/BankStatementsTests/Fixtures/camt053-v02-sparkasse.xml").path

    private static let book = [
        "book", "--id", "SRT-4711", "--today", "2026-11-23", "--price", "3456.00", "EUR", "--departure",
        "2027-06-14", "--traveller", "Anna Meyer",
    ]

    /// Runs the tool in memory with `--ledger` and `--today` added after the subcommand.
    private func run(_ ledger: TemporaryLedger, _ arguments: [String]) async -> CommandResult {
        await Tool.run([arguments[0], "--ledger", ledger.path, "--today", "2026-11-24"] + arguments.dropFirst())
    }

    /// A ledger with the booking `SRT-4711`, which the fixture's first credit names.
    private func bookedLedger() async -> TemporaryLedger {
        let ledger = TemporaryLedger()
        let result = await Tool.run([Self.book[0], "--ledger", ledger.path] + Self.book.dropFirst())
        #expect(result.exitCode == .success, "\(result.standardError)")
        return ledger
    }

    @Test("bank import receives credits, matches SRT-4711 and is idempotent")
    func importTwice() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        let first = await run(ledger, ["bank", "import", Self.statement])
        #expect(first.exitCode == .success, "\(first.standardError)")
        #expect(first.standardOutput.contains("(camt.053.001.02): 4 received, 1 assigned, 0 already known"))
        #expect(first.standardOutput.contains("received 2026112300012345 438.00 EUR -> SRT-4711 (BT1)"))
        #expect(first.standardOutput.contains(": debit"))
        #expect(first.standardOutput.contains("unmatched reversal 2026112100011111"))
        let events = try await ledger.eventCount()
        let second = await run(ledger, ["bank", "import", Self.statement])
        #expect(second.exitCode == .success)
        #expect(second.standardOutput.contains("0 received, 0 assigned, 4 already known"))
        #expect(try await ledger.eventCount() == events)
        let shown = await run(ledger, ["show", "SRT-4711"])
        #expect(shown.standardOutput.contains("BT1"))
    }

    @Test("bank import exits 1 for a file that is not camt, 2 for one that cannot be read")
    func refusedFiles() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        let string = TestSupport.url("Examples/lifecycle/02-book-request.xml").path
        let refused = await run(ledger, ["bank", "import", string, Self.statement])
        #expect(refused.exitCode == .rejected)
        #expect(refused.standardError.contains("02-book-request.xml"))
        #expect(refused.standardOutput.contains("4 received"))
        let missing = await run(ledger, ["bank", "import", "/no/such/file.xml"])
        #expect(missing.exitCode == .failure)
        let noLedger = await Tool.run(["bank", "import", "--ledger", "/no/such/ledger", Self.statement])
        #expect(noLedger.exitCode == .failure)
        let usage = await run(ledger, ["bank", "import"])
        #expect(usage.exitCode == .failure)
        #expect(usage.standardError.contains("needs at least one FILE"))
        let help = await Tool.run(["bank", "--help"])
        #expect(help.exitCode == .success)
        #expect(help.standardOutput.contains("EXAMPLES:"))
    }

    @Test("unregistered list, assign and unassign")
    func listAssignUnassign() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        _ = await run(ledger, ["bank", "import", Self.statement])
        let table = await run(ledger, ["unregistered", "list"])
        #expect(table.exitCode == .success)
        #expect(table.standardOutput.contains("Reference"))
        #expect(table.standardOutput.contains("SRT-4711/BT1"))
        let csv = await run(ledger, ["unregistered", "list", "--csv"])
        #expect(csv.standardOutput.hasPrefix("Reference,Date,Amount,Currency,Payer,State,Text\n"))
        #expect(csv.standardOutput.contains("\"Meyer, Anna\""))
        let json = await run(ledger, ["unregistered", "list", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: json.standardOutputData) as? [String: Any])
        let payments = try #require(object["unregisteredPayments"] as? [[String: Any]])
        #expect(payments.count == 4)
        let unassigned = try #require(payments.first { $0["state"] as? String == "unassigned" }?["reference"] as? String)

        let assigned = await run(ledger, ["unregistered", "assign", unassigned, "SRT-4711"])
        #expect(assigned.exitCode == .success, "\(assigned.standardError)")
        #expect(assigned.standardOutput == "\(unassigned) assigned to booking SRT-4711 as payment BT2\n")
        let again = await run(ledger, ["unregistered", "assign", unassigned, "SRT-4711"])
        #expect(again.exitCode == .rejected)
        #expect(again.standardError.contains("already-assigned"))
        let unknown = await run(ledger, ["unregistered", "assign", "NOPE", "SRT-4711"])
        #expect(unknown.exitCode == .rejected)
        #expect(unknown.standardError.contains("unknown-unregistered-payment"))

        let noReason = await run(ledger, ["unregistered", "unassign", unassigned])
        #expect(noReason.exitCode == .failure)
        let unassign = await run(ledger, ["unregistered", "unassign", unassigned, "--reason", "wrong booking"])
        #expect(unassign.exitCode == .success, "\(unassign.standardError)")
        #expect(unassign.standardOutput == "\(unassigned) unassigned from booking SRT-4711\n")
        let notAssigned = await run(ledger, ["unregistered", "unassign", unassigned, "--reason", "x"])
        #expect(notAssigned.exitCode == .rejected)
        #expect(notAssigned.standardError.contains("not-assigned"))
        let history = await run(ledger, ["history", "SRT-4711"])
        #expect(history.standardOutput.contains("unassigned (wrong booking)"))
        let help = await Tool.run(["unregistered", "--help"])
        #expect(help.standardOutput.contains("EXAMPLES:"))
        let bad = await run(ledger, ["unregistered", "list", "--csv", "--json"])
        #expect(bad.exitCode == .failure)
    }
}
