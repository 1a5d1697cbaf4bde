import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("gds subcommand")
struct GDSCommandTests {
    typealias Lists = BackOfficeListCommandTests

    /// The back-office sample with flight records.
    static func sampleLedger() throws -> TemporaryLedger {
        let directory = TemporaryLedger()
        let ledger = try Ledger.open(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(Lists.today)))
        try _BackOfficeSampleLedger.populate(ledger, count: 90, seed: 5)
        try _BackOfficeSampleLedger.addGDSRecords(ledger, seed: 6)
        ledger.close()
        return directory
    }

    static let addArguments = [
        "gds", "add", "BO-000001", "--pnr", "k7q4mz", "--airline", "lh", "--from", "FRA", "--to", "PMI", "--departure",
        "2027-06-14", "--departure-time", "08:10", "--arrival-time", "10:25", "--passengers", "2", "--cost", "412.00",
        "EUR", "--payment-comment", "BSP, week 23",
    ]

    @Test("gds list prints the library's list as a table, CSV and JSON, filtered, sorted and paged")
    func list() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let ledger = try Ledger.openForReading(
            directory: directory.url, configuration: LedgerConfiguration(clock: FixedClock(Lists.today)))
        defer { ledger.close() }
        let june = DateRange(from: XMLDate(year: 2027, month: 1, day: 1), to: XMLDate(year: 2027, month: 8, day: 31))
        let expected = ledger.gdsPayments(
            GDSPaymentQuery(departure: june, airport: "FRA", sort: .seller, descending: true))
        #expect(expected.totalCount > 2)
        let filters = [
            "--departure-from", "2027-01-01", "--departure-to", "2027-08-31", "--airport", "fra", "--sort", "seller",
            "--descending",
        ]
        let json = await Lists.run(directory, ["gds", "list", "--json"] + filters)
        #expect(json.exitCode == .success, "\(json.standardError)")
        let (rows, total) = try Lists.jsonRows(json)
        #expect(total == expected.totalCount)
        #expect(rows.map { $0["booking"] as? String } == expected.rows.map(\.bookingId.value))
        #expect(rows.map { $0["record"] as? String } == expected.rows.map(\.record.id.value))

        let csv = await Lists.run(directory, ["gds", "list", "--csv"] + filters)
        #expect(csv.standardOutput == BackOfficeCSV.text(expected.rows))

        let page = await Lists.run(directory, ["gds", "list", "--offset", "1", "--limit", "2"])
        #expect(page.standardOutput.hasPrefix("Booking "))
        #expect(page.standardOutput.contains("rows 2–3 of \(ledger.gdsPayments().totalCount)"))

        let disagreeing = try Lists.jsonRows(
            await Lists.run(directory, ["gds", "list", "--disagreeing", "--airline", "lh", "--sort", "cost", "--json"]))
        let disagreeingExpected = ledger.gdsPayments(GDSPaymentQuery(airline: "LH", onlyDisagreeing: true, sort: .cost))
        #expect(disagreeing.total == disagreeingExpected.totalCount)
        #expect(disagreeing.rows.allSatisfy { $0["check"] as? String != "covered" })

        let pnr = try #require(expected.rows.first?.record.details.pnr)
        let byPNR = try Lists.jsonRows(
            await Lists.run(
                directory,
                ["gds", "list", "--pnr", pnr.lowercased(), "--booked-from", "2026-11-23", "--json", "--agency", "x"]))
        #expect(byPNR.total == 0)  // no agency "x"
        let byPNROnly = try Lists.jsonRows(await Lists.run(directory, ["gds", "list", "--pnr", pnr, "--json"]))
        #expect(byPNROnly.total == ledger.gdsPayments(GDSPaymentQuery(pnr: pnr)).totalCount)

        for bad in [
            ["--sort", "price"], ["--limit", "-1"], ["--csv", "--json"], ["extra"], ["--departure-from", "2027-13-01"],
            ["--from", "FRA"], ["--passengers", "2"],
        ] {
            let result = await Lists.run(directory, ["gds", "list"] + bad)
            #expect(result.exitCode == .failure, "\(bad)")
            #expect(result.standardOutput.isEmpty)
        }
        #expect(await Tool.run(["gds", "list", "--ledger", "/no/such/ledger"]).exitCode == .failure)
        #expect(await Tool.run(["gds", "--ledger", directory.path]).exitCode == .failure)
    }

    @Test("gds add and edit journal records; refusals exit 1, usage errors 2")
    func addAndEdit() async throws {
        let directory = try Self.sampleLedger()
        defer { directory.remove() }
        let before = try Ledger.openForReading(directory: directory.url).booking("BO-000001")?.gdsRecords.count ?? 0
        let added = await Lists.run(directory, Self.addArguments)
        #expect(added.exitCode == .success, "\(added.standardError)")
        let id = "F\(before + 1)"
        #expect(added.standardOutput == "BO-000001: flight record \(id) added\n")

        let edited = await Lists.run(
            directory, ["gds", "edit", "BO-000001", id, "--admin-comment", "fare checked", "--payment-comment", ""])
        #expect(edited.standardOutput == "BO-000001: flight record \(id) edited\n", "\(edited.standardError)")
        let again = await Lists.run(directory, ["gds", "edit", "BO-000001", id, "--admin-comment", "fare checked"])
        #expect(again.standardOutput == "BO-000001: flight record \(id) unchanged\n")

        let ledger = try Ledger.openForReading(directory: directory.url)
        defer { ledger.close() }
        let record = try #require(ledger.booking("BO-000001")?.gdsRecord(Identifier(stringLiteral: id)))
        #expect(record.details.pnr == "K7Q4MZ")
        #expect(record.details.airline == "LH")
        #expect(record.details.arrivalDate == XMLDate(year: 2027, month: 6, day: 14))
        #expect(record.details.costPrice == CurrencyAmount(minorUnitCount: 412_00, currency: .eur))
        #expect(record.details.adminComment == "fare checked")
        #expect(record.details.paymentComment == nil)
        #expect(record.edited != nil)

        let history = await Lists.run(directory, ["history", "BO-000001"])
        #expect(history.standardOutput.contains("flight record \(id) added: LH FRA-PMI 2027-06-14 08:10, K7Q4MZ"))
        #expect(history.standardOutput.contains("flight record \(id) edited"))

        // Refusals of the ledger exit 1.
        let refusals: [([String], String)] = [
            (["gds", "edit", "BO-000001", "F99", "--passengers", "3"], "unknown-gds-record"),
            (["gds", "edit", "NOPE", "F1", "--passengers", "3"], "unknown-booking"),
            (["gds", "edit", "BO-000001", id, "--pnr", "K7"], "invalid-gds-record"),
            (["gds", "edit", "BO-000001", id, "--passengers", "0"], "invalid-gds-record"),
            (Self.addArguments.map { $0 == "PMI" ? "PALMA" : $0 }, "invalid-gds-record"),
            (Self.addArguments.map { $0 == "BO-000001" ? "NOPE" : $0 }, "unknown-booking"),
        ]
        for (arguments, code) in refusals {
            let result = await Lists.run(directory, arguments)
            #expect(result.exitCode == .rejected, "\(arguments)")
            #expect(result.standardError.contains(code), "\(arguments): \(result.standardError)")
        }
        // Usage errors exit 2 and change nothing.
        let usage: [[String]] = [
            ["gds", "add", "BO-000001", "--pnr", "K7Q4MZ"], ["gds", "add"], ["gds", "edit", "BO-000001", id],
            ["gds", "edit", "BO-000001"], Self.addArguments + ["--sort", "cost"],
            Self.addArguments.map { $0 == "08:10" ? "8:10" : $0 },
            Self.addArguments.map { $0 == "412.00" ? "4.123" : $0 },
            Self.addArguments.map { $0 == "EUR" ? "EURO" : $0 }, Self.addArguments.map { $0 == "2" ? "two" : $0 },
            ["gds", "frobnicate"],
        ]
        for arguments in usage {
            let result = await Lists.run(directory, arguments)
            #expect(result.exitCode == .failure, "\(arguments)")
        }
        let after = try Ledger.openForReading(directory: directory.url)
        defer { after.close() }
        #expect(after.booking("BO-000001")?.gdsRecords.count == before + 1)
    }

    @Test func helpDescribesTheActionsAndTheCheck() async {
        let help = await Tool.run(["gds", "--help"])
        #expect(help.exitCode == .success)
        for text in ["list | add BOOKING | edit BOOKING RECORD", "exceeds-received", "--disagreeing", "EXIT STATUS"] {
            #expect(help.standardOutput.contains(text), "\(text)")
        }
        #expect(await Tool.run(["help", "gds"]).standardOutput == help.standardOutput)
    }
}
