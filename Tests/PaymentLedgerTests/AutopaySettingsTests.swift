import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The configuration file, read as hostile input, and one producing test per `AutopayError` code.
@Suite("Autopay settings and errors")
struct AutopaySettingsTests {
    typealias Kit = LedgerTestKit

    @Test func theDefaultsAreTheSeeds() {
        let settings = AutopaySettings()
        #expect(!settings.production)
        #expect(settings.retryCount == 5)
        #expect(settings.instalmentWindow == .init(fromHour: 1, toHour: 5))
        #expect(settings.resellerWindow == .init(fromHour: 0, toHour: 23))
        #expect((0...23).filter { settings.instalmentWindow.contains(hour: $0) } == [1, 2, 3, 4, 5])
    }

    @Test func settingsRoundTripThroughTheFile() throws {
        var settings = AutopaySettings()
        settings.production = true
        settings.retryCount = 7
        settings.lookbackDays = 2
        settings.setChannel(.init(id: "WEB", autopay: true, payer: "Gast \"Müller\"\n"))
        settings.setChannel(.init(id: "GDS", autopay: false, payer: nil))
        settings.setTermSet(.init(id: "STANDARD", autopay: true))
        #expect(try AutopaySettings.decode(settings.encoded()) == settings)
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try AutopaySettings.load(fromLedger: directory) == AutopaySettings())
        try settings.save(toLedger: directory)
        #expect(try AutopaySettings.load(fromLedger: directory) == settings)
    }

    @Test(arguments: [
        ("[]", ""),
        ("{\"production\": 1}", "production"),
        ("{\"retryCount\": 0}", "retryCount"),
        ("{\"retryCount\": 2.5}", "retryCount"),
        ("{\"lookbackDays\": 99}", "lookbackDays"),
        ("{\"unknown\": true}", "unknown"),
        ("{\"instalmentWindow\": {\"fromHour\": 5, \"toHour\": 1}}", "instalmentWindow"),
        ("{\"resellerWindow\": {\"fromHour\": 0, \"toHour\": 24}}", "resellerWindow"),
        ("{\"channels\": [{\"id\": \"\", \"autopay\": true}]}", "channels"),
        ("{\"channels\": [{\"id\": \"A\"}, {\"id\": \"A\"}]}", "channels"),
        ("{\"channels\": [{\"id\": \"A\", \"payer\": \"\"}]}", "payer"),
        ("{\"channels\": [{\"id\": \"A\", \"colour\": \"red\"}]}", "colour"),
        ("{\"termSets\": {\"id\": \"A\"}}", "termSets"),
        ("{\"production\": true", ""),
    ])
    func hostileFilesAreRefusedNamingTheKey(text: String, key: String) {
        do {
            _ = try AutopaySettings.decode(Data(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .configurationInvalid)
            #expect(key.isEmpty || error.message.contains(key), "\(error.message)")
        }
    }

    /// Every code with a closure that produces it.
    static let producers: [(AutopayError.Code, @Sendable () async throws -> Void)] = [
        (
            .configurationUnreadable,
            {
                let directory = try TestSupport.temporaryDirectory()
                defer { try? FileManager.default.removeItem(at: directory) }
                try Data(count: AutopaySettings.maximumFileSize + 1).write(
                    to: directory.appendingPathComponent(AutopaySettings.fileName))
                _ = try AutopaySettings.load(fromLedger: directory)
            }
        ),
        (.configurationInvalid, { _ = try AutopaySettings.decode(Data("{\"retryCount\": -1}".utf8)) }),
        (
            .outsideWindow,
            {
                var fixture = try AutopayFixture()
                fixture.settings.production = true
                _ = try await fixture.run(at: "2026-11-24T12:00:00Z")
            }
        ),
        (
            .notProduction,
            {
                var fixture = try AutopayFixture()
                fixture.settings.production = false
                _ = try await fixture.run()
            }
        ),
        (
            .cardRejected,
            {
                let fixture = try AutopayFixture()
                try await fixture.book("B", card: "4111111111111112")
            }
        ),
        (
            .tokenizationFailed,
            {
                let fixture = try AutopayFixture()
                try await fixture.book("B", card: nil)
                let card = CreditCard(
                    cardType: "VISA", cardNumber: CardNumber(Kit.goodCard),
                    expiryDate: try #require(XMLYearMonth(year: 2030, month: 1)))
                _ = try await fixture.ledger.storeCard(card, for: "B", gateway: ScriptedGateway())
            }
        ),
        (
            .ledgerRefused,
            {
                let fixture = try AutopayFixture()
                try await fixture.storeCard(Kit.goodCard, on: "NOBODY")
            }
        ),
        (
            .collectionFileInvalid,
            {
                let document = Pain008Document(
                    version: .v08, messageId: "", createdAt: Date(timeIntervalSince1970: 0),
                    creditor: AutopayDirectDebitTests.creditor, collections: [])
                _ = try document.validatedData()
            }
        ),
    ]

    @Test func theDirectDebitSettingsRoundTripAndAreChecked() throws {
        var settings = AutopaySettings()
        settings.directDebit = DirectDebitSettings(
            creditor: DirectDebitCreditor(
                name: "Sonnenreisen GmbH", iban: try #require(IBAN(normalizing: "DE02120300000000202051")),
                bic: BIC("BYLADEM1001"), creditorId: "DE98ZZZ09999999999"),
            version: .v02, submissionLeadDays: 2, preNotificationDays: 10)
        #expect(try AutopaySettings.decode(settings.encoded()) == settings)
        let invalid = "{\"directDebit\": {\"creditorName\": \"X\", \"creditorIBAN\": \"DE00\", \"creditorId\": \"ID\"}}"
        do {
            _ = try AutopaySettings.decode(Data(invalid.utf8))
            Issue.record("an invalid IBAN was accepted")
        } catch {
            #expect(error.message.contains("creditorIBAN"), "\(error.message)")
        }
    }

    @Test func everyAutopayErrorCodeIsProduced() async {
        #expect(Self.producers.map(\.0) == AutopayError.Code.all)
        for (code, produce) in Self.producers {
            do {
                try await produce()
                Issue.record("\(code) was not produced")
            } catch let error as AutopayError {
                #expect(error.code == code, "\(error)")
            } catch {
                Issue.record("\(code): \(error)")
            }
        }
    }

    @Test func theStoredCardKeepsTheMaskAndTheTokenOnly() async throws {
        let fixture = try AutopayFixture()
        try await fixture.book("B")
        let card = try #require(fixture.ledger.autopay(of: "B")?.cards.first)
        #expect(card.maskedNumber == "411111******1111")
        #expect(card.token.hasPrefix("tok_sim_"))
        #expect(!String(describing: card).contains(Kit.goodCard))
        let again = try await SimulatedPaymentGateway().tokenize(
            CreditCard(cardType: "VISA", cardNumber: CardNumber(Kit.goodCard), expiryDate: card.expiry))
        #expect(again.token == card.token)
        #expect(again.cardType == "VISA")
    }
}
