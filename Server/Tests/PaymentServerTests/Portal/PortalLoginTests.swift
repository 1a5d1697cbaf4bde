import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaymentLedger
import PaymentServer
import Testing

@Suite struct PortalLoginTests {
    typealias H = PortalHarness

    @Test func loginPageSetsAStrictSessionCookieAndSecurityHeaders() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            let page = try await browser.get(client, "/portal")
            #expect(page.status == .ok)
            let cookie = try #require(page.headers[values: .setCookie].first)
            #expect(cookie.hasPrefix("drv_portal="))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[.cacheControl] == "no-store")
            let html = String(buffer: page.body)
            #expect(TestBrowser.field("csrf", in: html)?.count == 43)
            #expect(html.contains("<label for=\"reference\">") && html.contains("<label for=\"email\">"))
            #expect(!html.contains("<script"))
        }
    }

    @Test func secureCookiesBehindTLS() async throws {
        let harness = try H { $0.secureCookies = true }
        try await harness.test { client in
            var browser = TestBrowser()
            let page = try await browser.get(client, "/portal")
            #expect(page.headers[values: .setCookie].first?.contains("Secure") == true)
        }
    }

    @Test func loginWithReferenceAndEmailRotatesTheSessionAndOpensTheBooking() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.get(client, "/portal")
            let anonymous = browser.cookies["drv_portal"]
            let answer = try await browser.logIn(client, email: "  max.muster@EXAMPLE.com ")
            #expect(answer.status == .seeOther)
            #expect(TestBrowser.location(answer) == "/portal/booking")
            #expect(browser.cookies["drv_portal"] != anonymous)
            let page = try await browser.get(client, "/portal/booking")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Booking BK-P-1"))
            #expect(html.contains("€1,234.56"))
            #expect(html.contains("Max Muster") && html.contains("Erika Muster"))
            // The old anonymous session is gone: its cookie opens nothing.
            var stale = TestBrowser(cookies: ["drv_portal": anonymous ?? ""])
            #expect(try await stale.get(client, "/portal/booking").status == .seeOther)
        }
    }

    @Test func wrongReferenceAndWrongEmailGetTheSameAnswer() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            let wrongEmail = try await browser.logIn(client, email: "someone@example.com")
            let wrongReference = try await browser.logIn(client, reference: "BK-NOPE", email: H.email)
            let empty = try await browser.logIn(client, reference: "", email: "")
            for response in [wrongEmail, wrongReference, empty] {
                #expect(response.status == .unauthorized)
                #expect(
                    String(buffer: response.body).contains(
                        "We could not find a booking with this reference and email address."))
            }
            #expect(try await browser.get(client, "/portal/booking").status == .seeOther)
        }
    }

    @Test func loginIsRateLimitedPerClientAndBooking() async throws {
        let harness = try H { $0.loginAttemptsPerWindow = 3 }
        try await harness.test { client in
            var browser = TestBrowser()
            for _ in 0..<3 {
                #expect(try await browser.logIn(client, email: "wrong@example.com").status == .unauthorized)
            }
            let limited = try await browser.logIn(client)
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try await browser.get(client, "/portal/booking").status == .seeOther)
            harness.clock.advance(901)
            #expect(try await browser.logIn(client).status == .seeOther)
        }
    }

    @Test func postsWithoutOrWithAWrongCSRFTokenAreForbidden() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.get(client, "/portal")
            let fields = [("reference", H.booking.value), ("email", H.email)]
            #expect(try await browser.post(client, "/portal", fields).status == .forbidden)
            #expect(try await browser.post(client, "/portal", fields + [("csrf", "guess")]).status == .forbidden)
            var cookieless = TestBrowser()
            #expect(try await cookieless.post(client, "/portal", fields + [("csrf", "x")]).status == .forbidden)
            #expect(
                try await browser.post(client, "/portal", fields, contentType: "application/json").status
                    == .unsupportedMediaType)
            // Logged in: every action needs the token too.
            _ = try await browser.logIn(client)
            for path in ["/portal/pay", "/portal/card", "/portal/approve", "/portal/withdraw", "/portal/logout"] {
                #expect(try await browser.post(client, path, [("csrf", "wrong")]).status == .forbidden)
                #expect(try await browser.post(client, path, []).status == .forbidden)
            }
        }
    }

    @Test func sessionsEndWhenIdleAndAfterTheirAbsoluteLifetime() async throws {
        let harness = try H {
            $0.sessionLifetimeSeconds = 600; $0.sessionAbsoluteLifetimeSeconds = 1_500
        }
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            harness.clock.advance(599)
            #expect(try await browser.get(client, "/portal/booking").status == .ok)
            harness.clock.advance(599)
            #expect(try await browser.get(client, "/portal/booking").status == .ok)
            harness.clock.advance(310)  // 1,508 s after login: past the absolute lifetime
            let ended = try await browser.get(client, "/portal/booking")
            #expect(ended.status == .seeOther && TestBrowser.location(ended) == "/portal")
            let login = try await browser.get(client, "/portal")
            #expect(String(buffer: login.body).contains("Your session has ended"))

            _ = try await browser.logIn(client)
            harness.clock.advance(601)
            #expect(try await browser.get(client, "/portal/booking").status == .seeOther)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let loggedIn = browser.cookies["drv_portal"] ?? ""
            let csrf = try await browser.bookingCSRF(client)
            let out = try await browser.post(client, "/portal/logout", [("csrf", csrf)])
            #expect(out.status == .seeOther && TestBrowser.location(out) == "/portal")
            #expect(try await browser.get(client, "/portal/booking").status == .seeOther)
            var old = TestBrowser(cookies: ["drv_portal": loggedIn])
            #expect(try await old.get(client, "/portal/booking").status == .seeOther)
        }
    }

    @Test func magicLinkOpensTheBookingOnceAndAReusedLinkIsRefused() async throws {
        let harness = try H()
        harness.links.issue("one-time-token", for: H.booking)
        try await harness.test { client in
            var browser = TestBrowser()
            // The GET shows a button only: a mail scanner fetching the link uses nothing up.
            let page = try await browser.get(client, "/portal/link/one-time-token")
            #expect(page.status == .ok)
            let csrf = TestBrowser.field("csrf", in: String(buffer: page.body)) ?? ""
            #expect(TestBrowser.field("token", in: String(buffer: page.body)) == "one-time-token")
            #expect(try await browser.post(client, "/portal/link", [("token", "one-time-token")]).status == .forbidden)
            let opened = try await browser.post(client, "/portal/link", [("csrf", csrf), ("token", "one-time-token")])
            #expect(opened.status == .seeOther && TestBrowser.location(opened) == "/portal/booking")
            #expect(try await browser.get(client, "/portal/booking").status == .ok)

            var other = TestBrowser()
            let again = try await other.get(client, "/portal/link/one-time-token")
            let token = TestBrowser.field("csrf", in: String(buffer: again.body)) ?? ""
            let reused = try await other.post(client, "/portal/link", [("csrf", token), ("token", "one-time-token")])
            #expect(reused.status == .unauthorized)
            #expect(String(buffer: reused.body).contains("expired or has been used"))
            #expect(try await other.get(client, "/portal/booking").status == .seeOther)
        }
    }

    @Test func theLedgersPortalTokenOpensTheBookingOnceAndIsRefusedAfterwards() async throws {
        let harness = try H(ledgerLinks: true)
        let token = try harness.ledger.issuePortalToken(for: H.booking).text
        try await harness.test { client in
            for (attempt, expected) in [(1, HTTPResponse.Status.seeOther), (2, .unauthorized)] {
                var browser = TestBrowser()
                let page = try await browser.get(client, "/portal/link/\(token)")
                let csrf = TestBrowser.field("csrf", in: String(buffer: page.body)) ?? ""
                let answer = try await browser.post(client, "/portal/link", [("csrf", csrf), ("token", token)])
                #expect(answer.status == expected, "attempt \(attempt)")
            }
            var browser = TestBrowser()
            let page = try await browser.get(client, "/portal/link/not-a-token")
            let csrf = TestBrowser.field("csrf", in: String(buffer: page.body)) ?? ""
            #expect(
                try await browser.post(client, "/portal/link", [("csrf", csrf), ("token", "not-a-token")]).status
                    == .unauthorized)
        }
    }

    @Test func germanFromAcceptLanguageAndTheSwitch() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser(language: "de-DE,de;q=0.9")
            _ = try await browser.logIn(client)
            let german = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(german.contains("<html lang=\"de\">"))
            #expect(german.contains("1.234,56\u{00A0}€"))
            #expect(german.contains("Reisepreis"))
            let english = String(buffer: try await browser.get(client, "/portal/booking?lang=en").body)
            #expect(english.contains("€1,234.56"))
            // The choice is remembered.
            let still = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(still.contains("<html lang=\"en\">"))
        }
    }
}
