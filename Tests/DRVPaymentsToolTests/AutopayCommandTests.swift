import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

/// The autopay commands end to end in memory: configuration, reservation, cards, approvals,
/// memos and runs.
@Suite("Autopay commands")
struct AutopayCommandTests {
    static let bookingDay = "2026-11-16"

    /// A ledger with booking B1 (1000.00 EUR, deposit 200.00 due 2026-11-23) set up for autopay.
    static func ledger() async throws -> (URL, [String]) {
        let root = try TestSupport.temporaryDirectory()
        let ledger = ["--ledger", root.appendingPathComponent("ledger").path]
        let steps: [[String]] = [
            ["book"] + ledger + [
                "--id", "B1", "--price", "1000.00", "EUR", "--departure", "2027-06-14", "--today", bookingDay,
            ],
            ["channel", "set", "WEB", "--autopay", "on", "--payer", "Guest"] + ledger,
            ["term-set", "set", "STANDARD", "--autopay", "on"] + ledger,
            ["autopay", "config", "--production", "on", "--retry-count", "3"] + ledger,
            ["reservation", "B1", "--status", "PROVISIONAL", "--channel", "WEB", "--term-set", "STANDARD"] + ledger,
        ]
        for step in steps {
            let result = await Tool.run(step)
            #expect(result.exitCode == .success, "\(step): \(result.standardError)")
        }
        return (root, ledger)
    }

    @Test func aStoredCardIsChargedByTheInstalmentRun() async throws {
        let (root, ledger) = try await Self.ledger()
        defer { try? FileManager.default.removeItem(at: root) }
        let stored = await Tool.run(
            [
                "card", "store", "B1", "--card", "-", "--expiry", "2029-12", "--holder", "Max Mustermann",
                "--today", Self.bookingDay,
            ] + ledger,
            standardInput: Data("4111111111111111\n".utf8))
        #expect(stored.exitCode == .success, "\(stored.standardError)")
        #expect(
            stored.standardOutput
                == "card C1 stored on booking B1: VISA 411111******1111, expires 2029-12, Max Mustermann\n")
        let listed = await Tool.run(["card", "list", "B1", "--json"] + ledger)
        #expect(listed.standardOutput.contains("\"maskedNumber\" : \"411111******1111\""))
        #expect(!listed.standardOutput.contains("4111111111111111"))
        let dry = await Tool.run(
            ["autopay", "run", "--kind", "instalment", "--at", "2026-11-24T02:00:00Z", "--dry-run"] + ledger)
        #expect(dry.standardOutput.contains("selected: B1 DEP 200.00 EUR card C1 attempt 1"), "\(dry.standardOutput)")
        let run = await Tool.run(["autopay", "run", "--kind", "instalment", "--at", "2026-11-24T02:00:00Z"] + ledger)
        #expect(run.exitCode == .success, "\(run.standardError)")
        #expect(run.standardOutput.contains("charged: B1 DEP 200.00 EUR card C1 attempt 1 (SIM-B1-AP-DEP)"))
        #expect(run.standardOutput.hasSuffix("1 selected, 1 charged, 0 failed, 0 skipped\n"))
        let json = await Tool.run(
            ["autopay", "run", "--kind", "instalment", "--at", "2026-11-24T03:00:00Z", "--json"] + ledger)
        #expect(json.standardOutput.contains("\"criterion\" : \"already-charged\""), "\(json.standardOutput)")
        let history = await Tool.run(["history", "B1"] + ledger)
        #expect(
            history.standardOutput.contains("autopay instalment charge of DEP as payment AP-DEP, card C1, payer Guest"))
        #expect(history.standardOutput.contains("card C1 stored: VISA 411111******1111"))
    }

    @Test func aDeclinedCardGetsAMemoAndTheApprovalsAndMemosAreRecorded() async throws {
        let (root, ledger) = try await Self.ledger()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = await Tool.run(
            ["card", "store", "B1", "--card", "-", "--expiry", "2029-12", "--today", Self.bookingDay] + ledger,
            standardInput: Data("4000000000000002\n".utf8))
        let approved = await Tool.run(
            ["approve", "B1", "--all", "--via", "phone", "--today", Self.bookingDay] + ledger)
        #expect(approved.standardOutput.contains("approved B1 DEP: 200.00 EUR due 2026-11-23, via phone"))
        let run = await Tool.run(["autopay", "run", "--kind", "instalment", "--at", "2026-11-24T02:00:00Z"] + ledger)
        #expect(run.standardOutput.contains("failed: B1 DEP 200.00 EUR card C1 attempt 1 (approved): card declined"))
        let memo = await Tool.run(["memo", "B1", "called the customer"] + ledger)
        #expect(memo.exitCode == .success)
        let memos = await Tool.run(["memo", "B1"] + ledger)
        #expect(memos.standardOutput.contains("autopay-failure"))
        #expect(memos.standardOutput.contains("called the customer"))
        let withdrawn = await Tool.run(["approve", "B1", "BAL", "--withdraw"] + ledger)
        #expect(withdrawn.exitCode == .success)
        let again = await Tool.run(["approve", "B1", "BAL", "--withdraw"] + ledger)
        #expect(again.exitCode == .rejected)
        #expect(again.standardError.hasPrefix("drv-payments: not-approved: "))
    }

    @Test func runsAreRefusedOutsideTheWindowAndConfigurationErrorsAreReported() async throws {
        let (root, ledger) = try await Self.ledger()
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = await Tool.run(
            ["autopay", "run", "--kind", "instalment", "--at", "2026-11-24T12:00:00Z"] + ledger)
        #expect(outside.exitCode == .rejected)
        #expect(outside.standardError.hasPrefix("drv-payments: outside-window: "))
        let forced = await Tool.run(
            ["autopay", "run", "--kind", "instalment", "--at", "2026-11-24T12:00:00Z", "--force"] + ledger)
        #expect(forced.exitCode == .success)
        try Data("{\"retryCount\": 0}".utf8).write(to: root.appendingPathComponent("ledger/autopay.json"))
        let invalid = await Tool.run(["autopay", "run", "--kind", "reseller"] + ledger)
        #expect(invalid.exitCode == .rejected)
        #expect(
            invalid.standardError
                == "drv-payments: configuration-invalid: retryCount: must be a whole number from 1 to 100\n")
    }

    @Test(arguments: [
        ["card", "store", "B1", "--card", "4111111111111111", "--expiry", "2029-12"],
        ["card", "store", "B1", "--card", "-"],
        ["card", "list", "B1", "--expiry", "2029-12"],
        ["autopay", "run"],
        ["autopay", "run", "--kind", "daily"],
        ["autopay", "run", "--kind", "instalment", "--at", "tomorrow"],
        ["autopay", "config", "--instalment-hours", "5-1"],
        ["autopay", "config", "--kind", "instalment"],
        ["approve", "B1"],
        ["approve", "B1", "DEP", "--all"],
        ["channel", "set", "WEB"],
        ["reservation", "B1", "--status", "BOOKED"],
        ["memo"],
    ])
    func usageErrorsExitTwo(arguments: [String]) async {
        let result = await Tool.run(arguments + ["--ledger", "/nonexistent"])
        #expect(result.exitCode == .failure, "\(arguments)")
        #expect(result.standardOutput.isEmpty)
        #expect(!result.standardError.contains("4111111111111111"))
    }

    @Test func everyAutopaySubcommandHasHelp() async {
        for name in ["autopay", "card", "approve", "memo", "channel", "term-set", "reservation"] {
            let result = await Tool.run(["help", name])
            #expect(result.exitCode == .success)
            #expect(result.standardOutput.contains("EXAMPLES:"), "\(name)")
        }
    }
}

/// Direct-debit autopay end to end in memory: mandate, creditor, a run writing the pain.008
/// file, and a camt.054 notification settling one collection and returning the other.
@Suite("Autopay commands: direct debit")
struct AutopayDirectDebitCommandTests {
    static func notification(_ entries: [(key: String, reversal: Bool)]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
              <BkToCstmrDbtCdtNtfctn>
                <GrpHdr><MsgId>DD-1</MsgId><CreDtTm>2026-11-23T12:30:00+01:00</CreDtTm></GrpHdr>
                <Ntfctn>
                  <Id>DD-NTF-1</Id>
                  <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>

            """
        for (number, entry) in entries.enumerated() {
            text += """
                      <Ntry>
                        <NtryRef>DD\(number)</NtryRef>
                        <Amt Ccy="EUR">200.00</Amt>
                        <CdtDbtInd>\(entry.reversal ? "DBIT" : "CRDT")</CdtDbtInd>
                        \(entry.reversal ? "<RvslInd>true</RvslInd>" : "")
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>2026-11-23</Dt></BookgDt>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>\(entry.reversal ? "UPDD" : "ESDD")</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls><TxDtls><Refs><EndToEndId>\(entry.key)</EndToEndId></Refs></TxDtls></NtryDtls>
                        \(entry.reversal ? "<AddtlNtryInf>AC04 account closed</AddtlNtryInf>" : "")
                      </Ntry>

                """
        }
        return text + "    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n"
    }

    @Test func aMandateIsCollectedInAPain008FileAndSettledByTheStatement() async throws {
        let (root, ledger) = try await AutopayCommandTests.ledger()
        defer { try? FileManager.default.removeItem(at: root) }
        let book = await Tool.run(
            ["book"] + ledger + [
                "--id", "B2", "--price", "1000.00", "EUR", "--departure", "2027-06-14", "--today",
                AutopayCommandTests.bookingDay,
            ])
        #expect(book.exitCode == .success)
        _ = await Tool.run(
            ["reservation", "B2", "--status", "DEFINITIVE", "--channel", "WEB", "--term-set", "STANDARD"] + ledger)
        for id in ["B1", "B2"] {
            let stored = await Tool.run(
                [
                    "mandate", "store", id, "MNDT-\(id)", "--signed", "2026-11-16", "--debtor", "Max Mustermann",
                    "--iban", "DE89 3704 0044 0532 0130 00", "--creditor-id", "DE98ZZZ09999999999",
                ] + ledger)
            #expect(stored.exitCode == .success, "\(stored.standardError)")
        }
        let listed = await Tool.run(["mandate", "list", "B1"] + ledger)
        #expect(listed.standardOutput.contains("DE89**************3000"), "\(listed.standardOutput)")
        let configured = await Tool.run(
            [
                "autopay", "config", "--creditor", "Sonnenreisen GmbH", "DE02120300000000202051", "DE98ZZZ09999999999",
                "--pain-version", "001.02",
            ] + ledger)
        #expect(configured.exitCode == .success, "\(configured.standardError)")
        var settings = try AutopaySettings.load(fromLedger: root.appendingPathComponent("ledger"))
        settings.directDebit?.preNotificationDays = 5
        try settings.save(toLedger: root.appendingPathComponent("ledger"))
        let run = await Tool.run(
            ["autopay", "run", "--kind", "direct-debit", "--at", "2026-11-22T02:00:00Z"] + ledger)
        #expect(run.exitCode == .success, "\(run.standardError)")
        #expect(run.standardOutput.contains("pending: B1 DEP 200.00 EUR mandate MNDT-B1 attempt 1 (B1/AP-DEP/1)"))
        let files = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("ledger/collections").path)
        #expect(files.filter { $0.hasSuffix(".xml") }.count == 1)
        let camt = root.appendingPathComponent("camt054.xml")
        try Data(Self.notification([("B1/AP-DEP/1", false), ("B2/AP-DEP/1", true)]).utf8).write(to: camt)
        let settled = await Tool.run(["autopay", "settle", camt.path] + ledger)
        #expect(settled.exitCode == .success, "\(settled.standardError)")
        #expect(settled.standardOutput == "settled: B1/AP-DEP/1\nreturned: B2/AP-DEP/1\n")
        let memos = await Tool.run(["memo", "B2"] + ledger)
        #expect(memos.standardOutput.contains("returned by the bank"), "\(memos.standardOutput)")
        let history = await Tool.run(["history", "B1"] + ledger)
        #expect(history.standardOutput.contains("mandate MNDT-B1 stored: Max Mustermann, DE89**************3000"))
    }
}
