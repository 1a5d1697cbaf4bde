import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("bank import of CSV files")
struct BankCSVImportTests {
    /// Runs the tool in memory with `--ledger` and `--today` added after the subcommand.
    private func run(_ ledger: TemporaryLedger, _ arguments: [String]) async -> CommandResult {
        await Tool.run([arguments[0], "--ledger", ledger.path, "--today", "2026-11-24"] + arguments.dropFirst())
    }

    /// A ledger with the booking `SRT-4711`.
    private func bookedLedger() async -> TemporaryLedger {
        let ledger = TemporaryLedger()
        let result = await Tool.run([
            "book", "--ledger", ledger.path, "--id", "SRT-4711", "--today", "2026-11-23", "--price", "3456.00", "EUR",
            "--departure", "2027-06-14", "--traveller", "Anna Meyer",
        ])
        #expect(result.exitCode == .success, "\(result.standardError)")
        return ledger
    }

    private static let giftCardMapping = """
        # The gift-card system's daily export
        separator = ,
        decimal-separator = point
        date-format = yyyy-MM-dd
        bank-reference = Voucher
        value-date = Date
        amount = Amount
        currency = "EUR"
        payment-method-code = Type
        remittance = Text
        """

    private static let giftCards = """
        Date,Voucher,Type,Amount,Text
        2026-11-23,GK-1,GAVEKORT KOMP,100.00,Compensation SRT-4711
        2026-11-23,GK-2,GAVEKORT GEVINST,25.50,Prize draw
        2026-11-24,GK-3,GAVEKORTFAKT,"1,250.00",Invoice 2026-118
        2026-11-24,TR-4,FI,80.00,
        """

    private func write(_ files: [String: String]) throws -> URL {
        let directory = try TestSupport.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test("gift-card codes and FI from a CSV export, matched and idempotent")
    func giftCards() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        let directory = try write(["giftcards.csv": Self.giftCards, "giftcards.map": Self.giftCardMapping])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("giftcards.csv").path
        let mapping = directory.appendingPathComponent("giftcards.map").path
        let first = await run(ledger, ["bank", "import", file, "--mapping", mapping])
        #expect(first.exitCode == .success, "\(first.standardError)")
        #expect(
            first.standardOutput.hasPrefix("\(file): giftcards.csv (csv): 4 received, 1 assigned, 0 already known"),
            "\(first.standardOutput)")
        #expect(first.standardOutput.contains("received GK-1 100.00 EUR -> SRT-4711 (BT1)"))
        let list = await run(ledger, ["unregistered", "list", "--json"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: list.standardOutputData) as? [String: [[String: Any]]])
        let payments = try #require(json["unregisteredPayments"])
        #expect(
            payments.compactMap { $0["methodCode"] as? String }
                == ["GAVEKORT KOMP", "GAVEKORT GEVINST", "GAVEKORTFAKT", "FI"])
        #expect(payments.compactMap { $0["amount"] as? String } == ["100.00", "25.50", "1250.00", "80.00"])
        #expect(payments.compactMap { $0["source"] as? String } == ["csv", "csv", "csv", "csv"])
        let events = try await ledger.eventCount()
        let second = await run(ledger, ["bank", "import", file, "--mapping", mapping])
        #expect(second.exitCode == .success)
        #expect(second.standardOutput.contains("0 received, 0 assigned, 4 already known"))
        #expect(try await ledger.eventCount() == events)
    }

    @Test("a bank's CSV with S/H indicators, mapped on the command line, read with --format csv")
    func germanBankExport() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        let directory = try write([
            "umsaetze.dat": """
            Buchungstag;Valuta;Referenz;Auftraggeber;IBAN;Verwendungszweck;Betrag;S/H
            23.11.2026;23.11.2026;R-100;Meyer, Anna;DE89 3704 0044 0532 0130 00;Anzahlung SRT-4711;691,20;H
            23.11.2026;24.11.2026;R-101;Stadtwerke;;Abschlag;1.234,56;S
            """
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("umsaetze.dat").path
        let mapped = [
            "bank-reference=Referenz", "value-date=Valuta", "booking-date=Buchungstag", "amount=Betrag",
            "currency=\"EUR\"", "credit-debit=S/H", "credit-values=H", "debit-values=S", "remittance=Verwendungszweck",
            "payer-name=Auftraggeber", "payer-iban=IBAN",
        ].flatMap { ["--map", $0] }
        let result = await run(ledger, ["bank", "import", file, "--format", "csv"] + mapped)
        #expect(result.exitCode == .success, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 received, 1 assigned"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("skipped R-101: debit"))
        let list = await run(ledger, ["unregistered", "list", "--csv"])
        #expect(list.standardOutput.contains("R-100,2026-11-23,691.20,EUR,\"Meyer, Anna\",SRT-4711/BT1"))
    }

    @Test("payment method codes: unknown ones are refused, the ledger's list is configurable")
    func methodCodes() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        let directory = try write([
            "mobile.csv": "Date,Voucher,Type,Amount,Text\n2026-11-23,MP-1,MOBILEPAY,10.00,SRT-4711\n",
            "giftcards.map": Self.giftCardMapping,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mobile.csv").path
        let mapping = directory.appendingPathComponent("giftcards.map").path
        let events = try await ledger.eventCount()
        let refused = await run(ledger, ["bank", "import", file, "--mapping", mapping])
        #expect(refused.exitCode == .rejected)
        #expect(refused.standardError.contains("unknown-payment-method"), "\(refused.standardError)")
        #expect(refused.standardError.contains("'MOBILEPAY'"))
        #expect(try await ledger.eventCount() == events)
        let unknownDefault = await run(ledger, ["bank", "import", file, "--mapping", mapping, "--method-code", "X"])
        #expect(unknownDefault.exitCode == .failure)
        #expect(unknownDefault.standardError.hasPrefix("drv-payments: unknown-payment-method: --method-code 'X'"))

        try "# codes of this tour operator\nFI  Bank transfer\nMOBILEPAY\tMobilePay\n".write(
            to: ledger.url.appendingPathComponent("payment-methods.txt"), atomically: true, encoding: .utf8)
        let accepted = await run(ledger, ["bank", "import", file, "--mapping", mapping])
        #expect(accepted.exitCode == .success, "\(accepted.standardError)")
        #expect(accepted.standardOutput.contains("received MP-1 10.00 EUR -> SRT-4711"))

        try "FI\nFI\n".write(
            to: ledger.url.appendingPathComponent("payment-methods.txt"), atomically: true, encoding: .utf8)
        let badList = await run(ledger, ["bank", "import", file, "--mapping", mapping])
        #expect(badList.exitCode == .failure)
        #expect(badList.standardError.contains("listed twice"))
    }

    @Test("CSV needs a mapping, a mapping needs CSV; malformed CSV exits 1")
    func errors() async throws {
        let ledger = await bookedLedger()
        defer { ledger.remove() }
        let directory = try write([
            "bad.csv": "Date,Voucher,Type,Amount,Text\n2026-11-23,GK-1,FI,ten euros,x\n",
            "giftcards.map": Self.giftCardMapping,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.csv").path
        let mapping = directory.appendingPathComponent("giftcards.map").path
        let noMapping = await run(ledger, ["bank", "import", file])
        #expect(noMapping.exitCode == .failure)
        #expect(noMapping.standardError.contains("CSV files need a column mapping"))
        let camt = TestSupport.url("Tests/BankStatementsTests/Fixtures/camt053-v02-sparkasse.xml").path
        let mappingForCamt = await run(ledger, ["bank", "import", camt, "--mapping", mapping])
        #expect(mappingForCamt.exitCode == .failure)
        let badFormat = await run(ledger, ["bank", "import", file, "--format", "mt940"])
        #expect(badFormat.exitCode == .failure)
        let malformed = await run(ledger, ["bank", "import", file, "--mapping", mapping])
        #expect(malformed.exitCode == .rejected)
        #expect(malformed.standardError.contains("csv-invalid-value"), "\(malformed.standardError)")
        let missingKey = await run(ledger, ["bank", "import", file, "--map", "amount=Amount"])
        #expect(missingKey.exitCode == .failure)
        #expect(missingKey.standardError.contains("the mapping needs 'currency'"))
    }
}
