import Foundation
import HummingbirdTesting
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

/// The booking page lists the booked services the ledger keeps: kind in the customer's
/// language, code, description (escaped), dates for the locale and the travellers by name.
@Suite struct PortalBookingPageTests {
    static func services() -> [BookedService] {
        [
            BookedService(
                kind: "Hotel", code: "PMI-4711", description: "Hotel Cala Blava <Meerblick> & Halbpension",
                startDate: XMLDate(year: 2027, month: 6, day: 14),
                endDate: XMLDate(year: 2027, month: 6, day: 28), travellers: ["T1", "T2"]),
            BookedService(kind: "Transfer", code: "TRF-PMI", description: "Flughafen–Hotel"),
        ]
    }

    @Test func theBookedServicesAreShownInGermanAndEnglish() async throws {
        let harness = try PortalHarness(services: Self.services())
        try await harness.test { client in
            var browser = TestBrowser(language: "de")
            _ = try await browser.logIn(client)
            let german = String(buffer: try await browser.get(client, "/portal/booking").body)
            let list = try #require(german.range(of: "<ul id=\"services\">")).upperBound
            let services = String(german[list...].prefix(1_000))
            #expect(services.contains("<strong>Hotel</strong> <span class=\"hint\">PMI-4711</span>"))
            #expect(services.contains("Hotel Cala Blava &lt;Meerblick&gt; &amp; Halbpension"))
            #expect(services.contains("14.06.2027 – 28.06.2027"))
            #expect(services.contains("Für: Max Muster, Erika Muster"))
            #expect(services.contains("<strong>Transfer</strong> <span class=\"hint\">TRF-PMI</span>"))
            #expect(!german.contains("Ihre Reiseleistungen stehen in Ihren Reiseunterlagen."))
            let english = String(buffer: try await browser.get(client, "/portal/booking?lang=en").body)
            #expect(english.contains("14 Jun 2027 – 28 Jun 2027"))
            #expect(english.contains("For: Max Muster, Erika Muster"))
        }
    }

    @Test func aBookingWithoutServicesSaysWhereToFindThem() async throws {
        let harness = try PortalHarness()
        try await harness.test { client in
            var browser = TestBrowser(language: "en")
            _ = try await browser.logIn(client)
            let page = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(!page.contains("<ul id=\"services\">"))
            #expect(page.contains("Your travel services are listed in your travel documents."))
        }
    }
}
