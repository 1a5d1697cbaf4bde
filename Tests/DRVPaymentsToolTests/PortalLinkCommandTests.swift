import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("portal-link")
struct PortalLinkCommandTests {
    @Test("portal-link prints a one-time link the ledger redeems once")
    func printsARedeemableLink() async throws {
        let ledger = await BackOfficeCommandTests.bookedLedger()
        defer { ledger.remove() }
        let result = await BackOfficeCommandTests.run(
            ledger, ["portal-link", "SRT-1", "--base-url", "https://pay.example.com/", "--valid-for", "48"])
        #expect(result.exitCode == .success, "\(result.standardError)")
        let prefix = "https://pay.example.com/portal/link/"
        #expect(result.standardOutput.hasPrefix(prefix))
        let token = String(result.standardOutput.dropFirst(prefix.count).dropLast())
        #expect(token.count == 43)
        // --today 2026-11-24: valid from midnight UTC for 48 hours.
        #expect(result.standardError == "valid until 2026-11-26T00:00:00Z\n")
        let history = await BackOfficeCommandTests.run(ledger, ["history", "SRT-1"])
        #expect(history.standardOutput.contains("portal link issued, valid until 2026-11-26T00:00:00Z"))
        // The journal keeps the digest only; the ledger redeems the token once.
        let opened = try Ledger.open(
            directory: URL(fileURLWithPath: ledger.path),
            configuration: LedgerConfiguration(clock: FixedClock(try #require(XMLDate(xmlLexicalForm: "2026-11-25")))))
        defer { opened.close() }
        #expect(try opened.redeemPortalToken(token).id == "SRT-1")
        #expect(throws: LedgerError.self) { try opened.redeemPortalToken(token) }
    }

    @Test("portal-link refuses a bad booking, base URL or validity")
    func refusals() async throws {
        let ledger = await BackOfficeCommandTests.bookedLedger()
        defer { ledger.remove() }
        let unknown = await BackOfficeCommandTests.run(ledger, ["portal-link", "NOPE"])
        #expect(unknown.exitCode == .rejected)
        #expect(unknown.standardError.contains("unknown-booking"))
        for arguments in [
            ["portal-link"], ["portal-link", "SRT-1", "--valid-for", "0"],
            ["portal-link", "SRT-1", "--valid-for", "721"],
            ["portal-link", "SRT-1", "--base-url", "ftp://x"],
            ["portal-link", "SRT-1", "--base-url", "https://x/?a=b"],
        ] {
            let result = await BackOfficeCommandTests.run(ledger, arguments)
            #expect(result.exitCode == .failure, "\(arguments)")
        }
        let defaultLink = await BackOfficeCommandTests.run(ledger, ["portal-link", "SRT-1"])
        #expect(defaultLink.standardOutput.hasPrefix("http://127.0.0.1:8080/portal/link/"))
        let help = await Tool.run(["help", "portal-link"])
        #expect(help.standardOutput.contains("--valid-for HOURS"))
    }
}
