import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaymentLedger
import PaymentServer
import StringPayments
import Synchronization
import XMLCoding

/// A server over a journaled ledger in a temporary directory with one booking a customer can
/// log in to, a clock the test moves, a recording receipt sender and a one-time link redeemer.
final class PortalHarness: Sendable {
    static let booking: Identifier = "BK-P-1"
    static let email = "Max.Muster@Example.com"
    static let price = CurrencyAmount(minorUnitCount: 123_456, currency: .eur)

    let server: PaymentServerApp
    let gateway = SimulatedPaymentGateway()
    let clock = TestClock()
    let receipts = RecordingReceipts()
    let links = OneTimeLinks()
    let directory: URL
    var ledger: Ledger { server.ledger }

    init(
        ledgerLinks: Bool = false, services: [BookedService] = [],
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("portal-test-\(UUID().uuidString)")
        let ledger = try Ledger.open(directory: directory)
        let departure = ledger.today.adding(days: 120)
        _ = try ledger.createBooking(
            BookingDraft(
                id: Self.booking, agency: AgencyInformation(agency: "111111"), seller: nil, leadTraveller: "T1",
                travellers: [
                    Traveller(identifier: "T1", prename: "Max", surname: "Muster", email: Self.email),
                    Traveller(identifier: "T2", prename: "Erika", surname: "Muster"),
                ],
                departureDate: departure, returnDate: departure.adding(days: 14), totalPrice: Self.price,
                services: services))
        var configuration = ServerConfiguration()
        configure(&configuration)
        let clock = self.clock
        var server = PaymentServerApp(
            configuration: configuration, ledger: ledger, gateway: gateway, now: { clock.now })
        server.portalServices = PortalServices(
            links: ledgerLinks ? LedgerPortalLinks(ledger: ledger) : links, receipts: receipts)
        self.server = server
    }

    deinit {
        server.ledger.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router) { client in try await body(client) }
    }

    /// The journal's bytes, to check what was written.
    func journalBytes() throws -> Data {
        var all = Data()
        for file in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) {
            all.append((try? Data(contentsOf: file)) ?? Data())
        }
        return all
    }
}

/// A clock tests move forward.
final class TestClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Receipts the portal asked for.
final class RecordingReceipts: PortalReceiptSender {
    let sent = Mutex<[String]>([])
    func sendPaymentReceipt(for paymentId: Identifier, of booking: LedgerBooking, language: WebLanguage) async {
        sent.withLock { $0.append("payment \(paymentId.value) \(booking.id.value) \(language.rawValue)") }
    }
    func sendApprovalReceipt(for approvals: [AutopayApproval], of booking: LedgerBooking, language: WebLanguage) async {
        sent.withLock { $0.append("approval \(approvals.count) \(booking.id.value)") }
    }
}

/// Links that open a booking once.
final class OneTimeLinks: PortalLinkRedeemer {
    let tokens = Mutex<[String: Identifier]>([:])
    func issue(_ token: String, for booking: Identifier) { tokens.withLock { $0[token] = booking } }
    func redeem(_ token: String) async -> Identifier? { tokens.withLock { $0.removeValue(forKey: token) } }
}

/// A browser for router tests: keeps cookies per name, reads CSRF tokens from pages.
struct TestBrowser {
    var cookies: [String: String] = [:]
    var language: String?

    mutating func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers())
        keepCookies(response)
        return response
    }

    mutating func post(
        _ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)],
        contentType: String = "application/x-www-form-urlencoded"
    ) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = contentType
        let body = fields.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keepCookies(response)
        return response
    }

    func headers() -> HTTPFields {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        if let language { headers[.acceptLanguage] = language }
        return headers
    }

    mutating func keepCookies(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The value of a hidden field in a page.
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func location(_ response: TestResponse) -> String { response.headers[.location] ?? "" }

    /// Logs in with reference and email; returns the response to the POST.
    mutating func logIn(
        _ client: any TestClientProtocol, reference: String = PortalHarness.booking.value,
        email: String = PortalHarness.email
    ) async throws -> TestResponse {
        let page = try await get(client, "/portal")
        let csrf = Self.field("csrf", in: String(buffer: page.body)) ?? ""
        return try await post(client, "/portal", [("csrf", csrf), ("reference", reference), ("email", email)])
    }

    /// The CSRF token of the booking page.
    mutating func bookingCSRF(_ client: any TestClientProtocol) async throws -> String {
        let page = try await get(client, "/portal/booking")
        return Self.field("csrf", in: String(buffer: page.body)) ?? ""
    }

    /// Goes through the hosted payment page with a card; returns the portal's answer to the return.
    mutating func payOnHostedPage(
        _ client: any TestClientProtocol, from location: String, number: String = "4111111111111111",
        save: Bool = false
    ) async throws -> (pageAnswer: TestResponse, returned: TestResponse) {
        let page = try await get(client, location)
        let html = String(buffer: page.body)
        var fields = [
            ("csrf", Self.field("csrf", in: html) ?? ""), ("intent", Self.field("intent", in: html) ?? ""),
            ("holder", "Max Muster"), ("number", number), ("expiry", "08/37"), ("cvc", "123"),
        ]
        if save { fields.append(("save", "1")) }
        let answer = try await post(client, "/psp/pay", fields)
        let returned = try await get(client, Self.location(answer))
        return (answer, returned)
    }
}
