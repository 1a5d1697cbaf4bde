import BankStatements
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaymentLedger
import StringPayments
import Synchronization
import Testing
import XMLCoding

@testable import PaymentServer

/// The back office over a small ledger: one 5.00 EUR booking, three unassigned bank credits.
final class AdminHarness: Sendable {
    static let password = "a long enough password"
    let server: PaymentServerApp
    let clock = TestClock()
    let directory: URL
    let booking: Identifier
    var ledger: Ledger { server.ledger }

    /// - Parameter sendmail: A sendmail-compatible command for the mail path; `nil` for none.
    init(sendmail: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("admin-test-\(UUID().uuidString)")
        let (ledger, booking) = try AdminActionTests.ledger()
        self.booking = booking
        let cheap = StaffPasswordHash.Cost(n: 1 << 10, r: 8, p: 1)
        var configuration = ServerConfiguration(dataDirectory: directory.path, loginAttemptsPerWindow: 3)
        configuration.staff = [
            StaffUser(
                name: "anna", role: .financial, passwordHash: try StaffPasswordHash.make(Self.password, cost: cheap)),
            StaffUser(
                name: "root", role: .administrator, passwordHash: try StaffPasswordHash.make(Self.password, cost: cheap)
            ),
        ]
        configuration.scheduler.balancesExportHourUTC = nil
        configuration.mail.sendmailPath = sendmail
        let clock = self.clock
        server = PaymentServerApp(configuration: configuration, ledger: ledger, now: { clock.now })
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router) { client in try await body(client) }
    }
}

extension TestBrowser {
    /// Logs in to the back office; returns the response to the POST.
    mutating func adminLogIn(
        _ client: any TestClientProtocol, name: String = "anna", password: String = AdminHarness.password
    ) async throws -> TestResponse {
        let page = try await get(client, "/admin/login")
        let csrf = Self.field("csrf", in: String(buffer: page.body)) ?? ""
        return try await post(client, "/admin/login", [("csrf", csrf), ("name", name), ("password", password)])
    }

    /// The CSRF token of a back-office page.
    mutating func adminCSRF(
        _ client: any TestClientProtocol, _ path: String = "/admin/unregistered"
    ) async throws -> String {
        let page = try await get(client, path)
        return Self.field("csrf", in: String(buffer: page.body)) ?? ""
    }
}

@Suite struct AdminRouteTests {
    static let pages = [
        "/admin", "/admin/unpaid", "/admin/negative-balances", "/admin/unregistered", "/admin/refunds",
        "/admin/refunds/print", "/admin/settlement-exceptions", "/admin/bank-statements", "/admin/runs",
        "/admin/bookings/BK-SMALL", "/admin/bookings/BK-SMALL/refund",
    ]
    static let posts = [
        "/admin/unregistered/assign", "/admin/bookings/BK-SMALL/release", "/admin/bookings/BK-SMALL/comments",
        "/admin/bookings/BK-SMALL/gds/F1", "/admin/bookings/BK-SMALL/refund", "/admin/runs/balances-export",
        "/admin/unpaid/reminders", "/admin/logout",
    ]

    @Test func withoutALoginPagesRedirectAndChangesAreRefused() async throws {
        let harness = try AdminHarness()
        try await harness.test { client in
            var browser = TestBrowser()
            for path in Self.pages + ["/admin/unpaid?format=csv"] {
                let response = try await browser.get(client, path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(TestBrowser.location(response) == "/admin/login", "\(path)")
            }
            for path in Self.posts {
                let response = try await browser.post(client, path, [("csrf", "x")])
                #expect(response.status == .forbidden, "\(path)")
            }
            let upload = try await client.execute(uri: "/admin/bank-statements", method: .post)
            #expect(upload.status == .forbidden)
        }
    }

    @Test func staffLogInAndSeeEveryPageWithSecurityHeaders() async throws {
        let harness = try AdminHarness()
        try await harness.test { client in
            var browser = TestBrowser()
            let wrong = try await browser.adminLogIn(client, password: "wrong")
            #expect(wrong.status == .unauthorized)
            let unknown = try await browser.adminLogIn(client, name: "nobody")
            #expect(unknown.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Wrong user name or password."))
            #expect(String(buffer: unknown.body).contains("Wrong user name or password."))
            let login = try await browser.adminLogIn(client)
            #expect(login.status == .seeOther)
            #expect(TestBrowser.location(login) == "/admin")
            #expect(login.headers[values: .setCookie].contains { $0.contains("HttpOnly") && $0.contains("SameSite") })
            for path in Self.pages {
                let response = try await browser.get(client, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true, "\(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
            }
            let dashboard = String(buffer: try await browser.get(client, "/admin").body)
            #expect(dashboard.contains("<svg"))
            #expect(dashboard.contains("<table class=\"chart-table\""))
            #expect(!dashboard.contains("<script"))
            let missing = try await browser.get(client, "/admin/bookings/NOPE")
            #expect(missing.status == .notFound)
        }
    }

    @Test func listsDownloadAsTheToolsCSVAndFilterBySeller() async throws {
        let harness = try AdminHarness()
        try _BackOfficeSampleLedger.populate(harness.ledger, count: 24, seed: 14)
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.adminLogIn(client)
            let csv = try await browser.get(client, "/admin/unpaid?seller=Anna&format=csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("unpaid-bookings.csv") == true)
            let lines = String(buffer: csv.body).split(separator: "\n")
            #expect(lines.first == Substring(UnpaidBooking.columns.map(\.title).joined(separator: ",")))
            #expect(lines.count == harness.ledger.unpaidBookings(UnpaidBookingsQuery(seller: "Anna")).rows.count + 1)
            #expect(
                lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[1] == "Anna" }
            )
            for (path, header) in [
                ("/admin/negative-balances?format=csv", ListPages.negativeTitles),
                ("/admin/unregistered?format=csv", ListPages.unregisteredTitles),
                ("/admin/refunds?format=csv", ListPages.refundTitles),
                ("/admin/settlement-exceptions?format=csv", ListPages.exceptionTitles),
            ] {
                let response = try await browser.get(client, path)
                #expect(String(buffer: response.body).hasPrefix(header.joined(separator: ",") + "\n"), "\(path)")
            }
            let page = String(buffer: try await browser.get(client, "/admin/unpaid?seller=Anna&sort=balance").body)
            #expect(page.contains("<option value=\"Anna\" selected>"))
            // A browser's form encoding: `+` for a space, UTF-8 percent-encoded.
            let sellers = Set(harness.ledger.bookings.compactMap(\.seller))
            let spaced = try #require(sellers.first { $0.contains(" ") })
            let encoded =
                spaced.addingPercentEncoding(withAllowedCharacters: .alphanumerics)?
                .replacingOccurrences(of: "%20", with: "+") ?? ""
            let filtered = try await browser.get(client, "/admin/unpaid?seller=\(encoded)&format=csv")
            let rows = String(buffer: filtered.body).split(separator: "\n").dropFirst()
            #expect(rows.count == harness.ledger.unpaidBookings(UnpaidBookingsQuery(seller: spaced)).rows.count)
            #expect(!rows.isEmpty)
            #expect(ListFilters.parse(query: "a=1&a=2&b=x+y%C3%A4&=z&c") == ["a": "1", "b": "x yä", "c": ""])
        }
    }

    @Test func assignReleaseAndRefundWithCSRFAsTheStaffMember() async throws {
        let harness = try AdminHarness()
        let reference = try #require(harness.ledger.unregisteredPayments.first?.reference)
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.adminLogIn(client)
            let csrf = try await browser.adminCSRF(client)
            #expect(!csrf.isEmpty)
            let forged = try await browser.post(
                client, "/admin/unregistered/assign",
                [("csrf", "forged"), ("reference", reference), ("booking", "BK-SMALL")])
            #expect(forged.status == .forbidden)
            #expect(harness.ledger.unregisteredPayment(reference)?.state == .unassigned)
            let assign = try await browser.post(
                client, "/admin/unregistered/assign",
                [("csrf", csrf), ("reference", reference), ("booking", "BK-SMALL")])
            #expect(assign.status == .seeOther)
            #expect(TestBrowser.location(assign) == "/admin/bookings/BK-SMALL")
            let page = String(buffer: try await browser.get(client, "/admin/bookings/BK-SMALL").body)
            #expect(page.contains("assigned to booking BK-SMALL"))
            let release = try await browser.post(
                client, "/admin/bookings/BK-SMALL/release", [("csrf", csrf), ("released", "1")])
            #expect(release.status == .seeOther)
            let confirm = String(buffer: try await browser.get(client, "/admin/bookings/BK-SMALL/refund").body)
            #expect(confirm.contains("Confirm refund"))
            let amount = try #require(TestBrowser.field("amount", in: confirm))
            let unconfirmed = try await browser.post(
                client, "/admin/bookings/BK-SMALL/refund",
                [("csrf", csrf), ("amount", amount), ("method", "bank-transfer")])
            #expect(TestBrowser.location(unconfirmed) == "/admin/bookings/BK-SMALL/refund")
            #expect(harness.ledger.booking("BK-SMALL")?.refunds.isEmpty == true)
            let refund = try await browser.post(
                client, "/admin/bookings/BK-SMALL/refund",
                [("csrf", csrf), ("amount", amount), ("method", "bank-transfer"), ("confirm", "1")])
            #expect(refund.status == .seeOther)
            let booking = try #require(harness.ledger.booking("BK-SMALL"))
            #expect(booking.refunds.first?.amount == CurrencyAmount(minorUnitCount: 500, currency: .eur))
            #expect(booking.isReleased)
            let history = try harness.ledger.history(of: "BK-SMALL")
            #expect(history.suffix(3).allSatisfy { $0.stamp?.actor == .user("anna") })
            let comment = try await browser.post(
                client, "/admin/bookings/BK-SMALL/comments", [("csrf", csrf), ("text", "<b>called</b>")])
            #expect(comment.status == .seeOther)
            let shown = String(buffer: try await browser.get(client, "/admin/bookings/BK-SMALL").body)
            #expect(shown.contains("&lt;b&gt;called&lt;/b&gt;"))
            // A refusal of the ledger comes back as the page's error.
            let again = try await browser.post(
                client, "/admin/unregistered/assign",
                [("csrf", csrf), ("reference", reference), ("booking", "BK-SMALL")])
            #expect(again.status == .seeOther)
            let back = String(buffer: try await browser.get(client, "/admin").body)
            #expect(back.contains("already-assigned"))
        }
    }

    @Test func theBookingPageListsTheBookedServicesWithWhoRecordedThem() async throws {
        let harness = try AdminHarness()
        let empty = try await Self.bookingPage(harness)
        #expect(empty.contains("Booked services: none."))
        try Ledger.$actor.withValue(.agency("123456")) {
            _ = try harness.ledger.modifyBooking(
                "BK-SMALL",
                services: [
                    BookedService(
                        kind: "Hotel", code: "PMI-4711", description: "Cala <Blava>",
                        startDate: XMLDate(xmlLexicalForm: "2027-06-14"), travellers: ["T1"])
                ])
        }
        let page = try await Self.bookingPage(harness)
        #expect(page.contains("Booked services (recorded "))
        #expect(page.contains("by agency:123456)"))
        #expect(
            page.contains(
                "<td>Hotel</td><td>PMI-4711</td><td>Cala &lt;Blava&gt;</td><td>2027-06-14</td><td></td><td>T1</td>"))
    }

    private static func bookingPage(_ harness: AdminHarness) async throws -> String {
        let page = Mutex("")
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.adminLogIn(client)
            let body = String(buffer: try await browser.get(client, "/admin/bookings/BK-SMALL").body)
            page.withLock { $0 = body }
        }
        return page.withLock { $0 }
    }

    @Test func balanceRemindersGoToTheFilteredUnpaidListAsTheStaffMember() async throws {
        let (directory, sendmail) = try SendmailSenderTests.script("cat > \"$(dirname \"$0\")/message-$$\"\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try AdminHarness(sendmail: sendmail.path)
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.adminLogIn(client)
            let page = String(buffer: try await browser.get(client, "/admin/unpaid?seller=Anna").body)
            #expect(page.contains("Send balance reminders to this list"))
            #expect(page.contains("<input type=\"hidden\" name=\"seller\" value=\"Anna\">"))
            let csrf = try #require(TestBrowser.field("csrf", in: page))
            let forged = try await browser.post(
                client, "/admin/unpaid/reminders", [("csrf", "forged"), ("seller", "Anna")])
            #expect(forged.status == .forbidden)
            let sent = try await browser.post(client, "/admin/unpaid/reminders", [("csrf", csrf), ("seller", "Anna")])
            #expect(sent.status == .seeOther)
            let messages = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("message-") }
            #expect(messages.count == 1)
            let mail = try String(contentsOf: directory.appendingPathComponent(messages.first ?? ""), encoding: .utf8)
            #expect(mail.contains("max@example.com"))
            #expect(mail.contains("/portal/link/"))
            let memo = try #require(harness.ledger.autopay(of: "BK-SMALL")?.memos.last)
            #expect(memo.actor == .user("anna"))
            #expect(memo.text.contains("balance reminder sent to max@example.com"))
            let shown = String(buffer: try await browser.get(client, "/admin/unpaid").body)
            #expect(shown.contains("Balance reminders: 1 sent, 0 failed, 0 skipped."))
            // Another seller's list reminds nobody.
            _ = try await browser.post(client, "/admin/unpaid/reminders", [("csrf", csrf), ("seller", "Nobody")])
            #expect(String(buffer: try await browser.get(client, "/admin/unpaid").body).contains("0 sent"))
        }
    }

    @Test func withoutAMailPathThereIsNoReminderButtonAndNothingIsSent() async throws {
        let harness = try AdminHarness()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.adminLogIn(client)
            let page = String(buffer: try await browser.get(client, "/admin/unpaid").body)
            #expect(!page.contains("Send balance reminders"))
            let csrf = try #require(TestBrowser.field("csrf", in: page))
            let before = try harness.ledger.history(of: "BK-SMALL").count
            let refused = try await browser.post(client, "/admin/unpaid/reminders", [("csrf", csrf)])
            #expect(refused.status == .seeOther)
            #expect(try harness.ledger.history(of: "BK-SMALL").count == before)
            #expect(String(buffer: try await browser.get(client, "/admin").body).contains("No mail path is configured"))
        }
    }

    @Test func onlyAnAdministratorRunsTheBalancesExportNow() async throws {
        let harness = try AdminHarness()
        try await harness.test { client in
            var anna = TestBrowser()
            _ = try await anna.adminLogIn(client)
            let annaCSRF = try await anna.adminCSRF(client, "/admin/runs")
            let refused = try await anna.post(client, "/admin/runs/balances-export", [("csrf", annaCSRF)])
            #expect(refused.status == .forbidden)
            #expect(harness.server.scheduler.reports.list().isEmpty)
            var root = TestBrowser()
            _ = try await root.adminLogIn(client, name: "root")
            let runs = String(buffer: try await root.get(client, "/admin/runs").body)
            #expect(runs.contains("Run balances export now"))
            let csrf = try #require(TestBrowser.field("csrf", in: runs))
            let run = try await root.post(client, "/admin/runs/balances-export", [("csrf", csrf)])
            #expect(run.status == .seeOther)
            let report = try #require(harness.server.scheduler.reports.list().first)
            #expect(report.trigger == "user:root")
            #expect(TestBrowser.location(run) == "/admin/runs/\(report.id)")
            let page = try await root.get(client, "/admin/runs/\(report.id)")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Balances-owing export"))
        }
    }

    @Test func loginsAreRateLimitedAndSessionsExpire() async throws {
        let harness = try AdminHarness()
        try await harness.test { client in
            var browser = TestBrowser()
            for _ in 0..<3 { _ = try await browser.adminLogIn(client, password: "wrong") }
            let limited = try await browser.adminLogIn(client)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            harness.clock.advance(harness.server.configuration.loginWindowSeconds + 1)
            var fresh = TestBrowser()
            let login = try await fresh.adminLogIn(client)
            #expect(login.status == .seeOther)
            #expect(try await fresh.get(client, "/admin").status == .ok)
            harness.clock.advance(harness.server.configuration.sessionLifetimeSeconds + 1)
            let expired = try await fresh.get(client, "/admin")
            #expect(expired.status == .seeOther)
            #expect(TestBrowser.location(expired) == "/admin/login")
        }
    }

    @Test func aBankStatementIsUploadedAsMultipartWithItsToken() async throws {
        let harness = try AdminHarness()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.adminLogIn(client)
            let csrf = try await browser.adminCSRF(client, "/admin/bank-statements")
            func multipart(_ token: String, _ file: Data) -> ByteBuffer {
                var body = Data("--B0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n".utf8)
                body += Data(
                    "--B0undary\r\nContent-Disposition: form-data; name=\"statement\"; filename=\"s.xml\"\r\nContent-Type: application/xml\r\n\r\n"
                        .utf8)
                body += file + Data("\r\n--B0undary--\r\n".utf8)
                return ByteBuffer(bytes: body)
            }
            var headers = browser.headers()
            headers[.contentType] = "multipart/form-data; boundary=B0undary"
            let statement = _CamtSampleGenerator.statement(entryCount: 6, version: 2)
            let before = harness.ledger.unregisteredPayments.count
            let forged = try await client.execute(
                uri: "/admin/bank-statements", method: .post, headers: headers, body: multipart("forged", statement))
            #expect(forged.status == .forbidden)
            #expect(harness.ledger.unregisteredPayments.count == before)
            let upload = try await client.execute(
                uri: "/admin/bank-statements", method: .post, headers: headers,
                body: multipart(csrf, _CamtSampleGenerator.statement(entryCount: 9, version: 8)))
            #expect(upload.status == .ok)
            #expect(String(buffer: upload.body).contains("Import report"))
            #expect(harness.ledger.unregisteredPayments.count > before)
            let bad = try await client.execute(
                uri: "/admin/bank-statements", method: .post, headers: headers, body: multipart(csrf, Data("<x/>".utf8))
            )
            #expect(bad.status == .unprocessableContent)
            let big = try await client.execute(
                uri: "/admin/bank-statements", method: .post, headers: headers,
                body: multipart(csrf, Data(repeating: 65, count: AdminRoutes.maxUploadBytes + 1)))
            #expect(big.status == .contentTooLarge)
        }
    }
}
