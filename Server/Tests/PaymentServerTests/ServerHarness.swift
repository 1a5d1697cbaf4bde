import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaymentLedger
import PaymentServer
import StringPayments
import XMLCoding

/// A server over an in-memory ledger with two agencies and a booking of each.
struct ServerHarness {
    static let agencyA = "111111"
    static let agencyB = "222222"
    static let keyA = "key-of-agency-a-0123456789abcdefghijklmnopqrstuv"
    static let keyB = "key-of-agency-b-0123456789abcdefghijklmnopqrstuv"
    static let bookingA: Identifier = "BK-A-1"
    static let bookingB: Identifier = "BK-B-1"

    let server: PaymentServerApp
    var ledger: Ledger { server.ledger }

    init(configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration(
            agencies: [
                AgencyCredential(agency: Self.agencyA, keySHA256: SecretHash.sha256Hex(Self.keyA)),
                AgencyCredential(agency: Self.agencyB, keySHA256: SecretHash.sha256Hex(Self.keyB)),
            ])
        configure(&configuration)
        let ledger = try Ledger()
        for (id, agency) in [(Self.bookingA, Self.agencyA), (Self.bookingB, Self.agencyB)] {
            let departure = ledger.today.adding(days: 120)
            _ = try ledger.createBooking(
                BookingDraft(
                    id: id, agency: AgencyInformation(agency: agency), seller: nil, leadTraveller: "T1",
                    travellers: [
                        Traveller(identifier: "T1", prename: "Max", surname: "Muster", email: "max@example.com")
                    ],
                    departureDate: departure, returnDate: departure.adding(days: 14),
                    totalPrice: CurrencyAmount(minorUnitCount: 123_456, currency: .eur)))
        }
        server = PaymentServerApp(configuration: configuration, ledger: ledger)
    }

    /// Runs a test against the router, no sockets.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router) { client in try await body(client) }
    }

    static func retrieve(_ booking: Identifier, agency: String?) -> String {
        let agencyElement = agency.map { "<AgencyInformation><Agency>\($0)</Agency></AgencyInformation>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">\(agencyElement)\
            <RequestTrigger>Retrieve</RequestTrigger><BookingId>\(booking.value)</BookingId></BookingRequest>
            """
    }

    static func headers(key: String?, contentType: String? = "application/xml") -> HTTPFields {
        var headers = HTTPFields()
        if let key, let name = HTTPField.Name(AgencyAuthenticator.apiKeyHeaderName) { headers[name] = key }
        if let contentType { headers[.contentType] = contentType }
        return headers
    }

    static func basic(_ user: String, _ password: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        headers[.contentType] = "application/xml"
        return headers
    }
}

extension TestClientProtocol {
    /// `POST /string` with a body and headers (default: agency A's key, XML).
    func postString(
        _ body: String, headers: HTTPFields = ServerHarness.headers(key: ServerHarness.keyA)
    ) async throws -> TestResponse {
        try await execute(uri: "/string", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
