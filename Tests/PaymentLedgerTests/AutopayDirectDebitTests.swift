import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// Direct-debit autopay: mandates, one pain.008 file per run validated against its schema, and
/// the bank statement that settles or returns each collection.
@Suite("Autopay by direct debit")
struct AutopayDirectDebitTests {
    typealias Kit = LedgerTestKit
    typealias Fixture = AutopayFixture

    static let iban = "DE89370400440532013000"
    static let creditor: DirectDebitCreditor = {
        guard let iban = IBAN(normalizing: "DE02120300000000202051") else { preconditionFailure("a valid test IBAN") }
        return DirectDebitCreditor(name: "Sonnenreisen GmbH", iban: iban, creditorId: "DE98ZZZ09999999999")
    }()

    static func fixture(version: Pain008Version = .v08, preNotificationDays: Int = 5) throws -> Fixture {
        var fixture = try Fixture()
        fixture.settings.directDebit = DirectDebitSettings(
            creditor: creditor, version: version, submissionLeadDays: 1, preNotificationDays: preNotificationDays)
        return fixture
    }

    static func mandate(_ id: String, signed: String = "2026-11-16") throws -> DirectDebitMandate {
        DirectDebitMandate(
            id: id, signedOn: try Kit.date(signed), debtorName: "Max Mustermann",
            iban: try #require(IBAN(normalizing: iban)), creditorId: "DE98ZZZ09999999999")
    }

    static func run(
        _ fixture: Fixture, at text: String = "2026-11-22T02:00:00Z", in directory: URL
    ) async throws
        -> AutopayRunReport
    {
        let instant = try Fixture.instant(text)
        fixture.clock.set(XMLDate(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))))
        return try await fixture.ledger.runDirectDebit(
            at: instant, settings: fixture.settings, collections: DirectDebitCollections(directory: directory))
    }

    @Test(arguments: Pain008Version.allCases)
    func aRunWritesOneValidCollectionFileAndLeavesThePaymentsOpen(version: Pain008Version) async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try Self.fixture(version: version)
        for id: Identifier in ["B1", "B2"] {
            try await fixture.book(id, card: nil)
            try fixture.ledger.storeMandate(try Self.mandate("MNDT-\(id)"), for: id)
        }
        try await fixture.book("NOMANDATE", card: nil)
        let report = try await Self.run(fixture, in: directory)
        #expect(report.outcomes.count == 2)
        #expect(Fixture.criteria(report, "NOMANDATE") == [.noMandate])
        let file = try #require(report.collectionFile)
        let data = try Data(contentsOf: file)
        #expect(try Pain008Schemas.schema(for: version).validate(data).isEmpty)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<EndToEndId>B1/AP-DEP/1</EndToEndId>"))
        #expect(text.contains("<ReqdColltnDt>2026-11-23</ReqdColltnDt>"))
        #expect(text.contains("<MndtId>MNDT-B1</MndtId>"))
        #expect(text.contains(version.namespace))
        let payment = try #require(fixture.ledger.booking("B1")?.payment("AP-DEP"))
        #expect(payment.status == .open && !payment.isInFlight)
        #expect(payment.formOfPayment == .directDebit)
        #expect(payment.transactionReference == "B1/AP-DEP/1")
        // A second run finds them handed to the bank.
        let again = try await Self.run(fixture, at: "2026-11-22T03:00:00Z", in: directory)
        #expect(again.selected.isEmpty && again.collectionFile == nil)
        #expect(Fixture.criteria(again, "B1") == [.pendingAtGateway])
    }

    @Test func thePreNotificationPeriodIsHonoured() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try Self.fixture(preNotificationDays: 14)
        try await fixture.book("B", card: nil)
        try fixture.ledger.storeMandate(try Self.mandate("M1"), for: "B")
        let report = try await Self.run(fixture, in: directory)
        #expect(Fixture.criteria(report, "B") == [.preNotification])
    }

    @Test func aMandateSignedAfterTheRunOrRevokedIsNotUsed() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try Self.fixture()
        try await fixture.book("LATE", card: nil)
        try fixture.ledger.storeMandate(try Self.mandate("M1", signed: "2026-11-25"), for: "LATE")
        try await fixture.book("REVOKED", card: nil)
        try fixture.ledger.storeMandate(try Self.mandate("M2"), for: "REVOKED")
        try fixture.ledger.revokeMandate("M2", of: "REVOKED")
        let report = try await Self.run(fixture, in: directory)
        #expect(Fixture.criteria(report, "LATE") == [.noMandate])
        #expect(Fixture.criteria(report, "REVOKED") == [.noMandate])
    }

    @Test func theStatementSettlesOrReturnsEachCollectionAndAReturnIsRetried() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try Self.fixture()
        for id: Identifier in ["PAID", "RETURNED"] {
            try await fixture.book(id, card: nil)
            try fixture.ledger.storeMandate(try Self.mandate("M-\(id)"), for: id)
        }
        _ = try await Self.run(fixture, in: directory)
        func entry(_ key: String, reversal: Bool) throws -> BankStatementEntry {
            BankStatementEntry(
                bankReference: "REF-\(key)", bankReferenceSource: .entryServicerReference,
                valueDate: try Kit.date("2026-11-23"), bookingDate: try Kit.date("2026-11-23"), amount: Kit.eur(200_00),
                creditDebit: reversal ? .debit : .credit, isReversal: reversal, endToEndIdentification: key,
                additionalInformation: reversal ? "MD06 refund request by end customer" : nil)
        }
        let statement = BankStatement(
            kind: .statement, version: nil, decodedAs: nil, isBestEffort: false, messageIdentification: "S1",
            identification: "S1", creationDateTime: nil, accountIBAN: nil, accountCurrency: .eur,
            entries: [
                try entry("PAID/AP-DEP/1", reversal: false), try entry("RETURNED/AP-DEP/1", reversal: true),
                try entry("UNKNOWN/AP-DEP/1", reversal: false),
            ])
        // The back office's import of the same statement leaves the two collections to their own
        // payments (never an unregistered payment as well: the money would be in the ledger
        // twice) and takes the entry that names no collection.
        let imported = try fixture.ledger.importBankStatement(statement)
        #expect(imported.directDebitCollections.map(\.reference) == ["REF-PAID/AP-DEP/1", "REF-RETURNED/AP-DEP/1"])
        #expect(imported.received.map(\.reference) == ["REF-UNKNOWN/AP-DEP/1"])
        #expect(fixture.ledger.unregisteredPayments.map(\.reference) == ["REF-UNKNOWN/AP-DEP/1"])
        let report = try fixture.ledger.applyDirectDebitStatement(statement, settings: fixture.settings)
        #expect(report.settled.map(\.rawValue) == ["PAID/AP-DEP/1"])
        #expect(report.returned.map(\.rawValue) == ["RETURNED/AP-DEP/1"])
        #expect(report.ignored == ["UNKNOWN/AP-DEP/1"])
        #expect(fixture.ledger.booking("PAID")?.payment("AP-DEP")?.status == .settled)
        let returned = try #require(fixture.ledger.booking("RETURNED")?.payment("AP-DEP"))
        #expect(returned.status == .failed)
        #expect(returned.failureReason == "returned by the bank: MD06 refund request by end customer")
        let memos = try #require(fixture.ledger.autopay(of: "RETURNED")?.memos)
        #expect(memos.map(\.kind) == [.autopayFailure])
        #expect(fixture.ledger.autopay(of: "RETURNED")?.declinedAttempts(of: "AP-DEP") == 1)
        // The same statement again changes nothing.
        let repeated = try fixture.ledger.applyDirectDebitStatement(statement, settings: fixture.settings)
        #expect(repeated.settled.isEmpty && repeated.returned.isEmpty)
        // The next run collects the returned instalment again, as attempt 2, on a new date.
        let retry = try await Self.run(fixture, at: "2026-11-24T02:00:00Z", in: directory)
        #expect(retry.selected.map(\.key.rawValue) == ["RETURNED/AP-DEP/2"])
        #expect(retry.selected.first?.dueDate == (try Kit.date("2026-11-25")))
    }

    @Test func aFileThatCannotBeWrittenCollectsNothingAndTheNextRunTriesAgain() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try Self.fixture()
        try await fixture.book("B", card: nil)
        try fixture.ledger.storeMandate(try Self.mandate("M1"), for: "B")
        // A regular file where the collections directory should be: the file cannot be written.
        let blocked = directory.appendingPathComponent("blocked")
        try Data().write(to: blocked)
        do {
            _ = try await Self.run(fixture, in: blocked)
            Issue.record("a run whose file could not be written succeeded")
        } catch let error as AutopayError {
            #expect(error.code == .collectionFileInvalid)
        }
        let payment = try #require(fixture.ledger.booking("B")?.payment("AP-DEP"))
        #expect(payment.status == .failed && !payment.isInFlight && payment.failedRetryably)
        #expect(fixture.ledger.autopay(of: "B")?.memos.isEmpty == true)
        let retry = try await Self.run(fixture, at: "2026-11-22T03:00:00Z", in: directory)
        #expect(retry.outcomes.map(\.target.key.rawValue) == ["B/AP-DEP/2"])
    }

    @Test func theShippedSchemasAreTheRepositorysFiles() throws {
        for (name, data) in Pain008Schemas.documents {
            #expect(data == (try TestSupport.data("Schemas/pain/\(name)")), "\(name)")
        }
        #expect(Set(Pain008Schemas.documents.keys) == ["pain.008.001.02.xsd", "pain.008.001.08.xsd"])
    }

    @Test func anInvalidFileIsRefusedBeforeItIsWritten() throws {
        let document = Pain008Document(
            version: .v02, messageId: String(repeating: "X", count: 36), createdAt: Date(timeIntervalSince1970: 0),
            creditor: Self.creditor, collections: [])
        #expect(throws: AutopayError.self) { try document.validatedData() }
    }
}
