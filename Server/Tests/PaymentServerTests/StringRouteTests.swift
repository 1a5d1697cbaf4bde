import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaymentLedger
import PaymentServer
import Testing

@Suite struct StringRouteTests {
    typealias H = ServerHarness

    @Test func ownBookingIsRetrievedWithTheXMLContentType() async throws {
        try await H().test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA))
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(response.text.contains("BookingResponse"))
                #expect(response.text.contains(H.bookingA.value))
            }
        }
    }

    @Test func httpBasicWithAgencyAndKeyAuthenticates() async throws {
        try await H().test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.basic(H.agencyA, H.keyA),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA))
            ) { response in #expect(response.status == .ok) }
            // The key of agency A under agency B's name is refused.
            try await client.execute(
                uri: "/string", method: .post, headers: H.basic(H.agencyB, H.keyA),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA))
            ) { response in #expect(response.status == .unauthorized) }
        }
    }

    @Test(arguments: [nil, "wrong-key", ""])
    func missingOrWrongKeyIsUnauthorized(_ key: String?) async throws {
        try await H().test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: key),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA))
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
                #expect(!response.text.contains(H.bookingA.value))
            }
        }
    }

    @Test func anotherAgencysBookingIsRefused() async throws {
        let harness = try H()
        let events = harness.ledger.eventCount
        try await harness.test { client in
            // Agency B asks for agency A's booking, naming itself.
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyB),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyB))
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(response.text.contains("ErrorResponse"))
                #expect(!response.text.contains("Max"))
            }
            // Agency B pretends to be agency A in the message.
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyB),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA))
            ) { response in #expect(response.status == .forbidden) }
            // A request naming no agency.
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: nil))
            ) { response in #expect(response.status == .forbidden) }
        }
        #expect(harness.ledger.eventCount == events)
    }

    @Test func anotherAgencysPaymentIsRefusedAndTheLedgerUnchanged() async throws {
        let harness = try H()
        let events = harness.ledger.eventCount
        let payment = """
            <PaymentRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">\
            <AgencyInformation><Agency>\(H.agencyB)</Agency></AgencyInformation>\
            <BookingId>\(H.bookingA.value)</BookingId><Payments>\
            <Payment Identifier="X1" Collection="Agency"><PaymentScope>Deposit</PaymentScope>\
            <PaymentAmount><Amount>100.00</Amount><Currency>EUR</Currency></PaymentAmount>\
            <CashHolder><AssignedToBookingOwner>true</AssignedToBookingOwner></CashHolder>\
            </Payment></Payments></PaymentRequest>
            """
        try await harness.test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyB), body: ByteBuffer(string: payment)
            ) { response in #expect(response.status == .forbidden) }
            // The same payment by the owning agency is applied, stamped with that agency.
            let own = payment.replacingOccurrences(of: H.agencyB, with: H.agencyA)
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA), body: ByteBuffer(string: own)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("PaymentResponse"))
            }
        }
        #expect(harness.ledger.eventCount > events)
        #expect(harness.ledger.booking(H.bookingA)?.payment("X1") != nil)
    }

    @Test func invalidXMLIsABadRequestWithAnErrorResponse() async throws {
        try await H().test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA), body: ByteBuffer(string: "<nope")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(response.text.contains("ErrorResponse"))
            }
        }
    }

    @Test func nonXMLContentTypeIsUnsupported() async throws {
        try await H().test { client in
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA, contentType: "application/json"),
                body: ByteBuffer(string: "{}")
            ) { response in #expect(response.status == .unsupportedMediaType) }
        }
    }

    @Test func bodyOverTheLimitIsTooLarge() async throws {
        try await H { $0.maxBodyBytes = 512 }.test { client in
            let padding = String(repeating: " ", count: 600)
            try await client.execute(
                uri: "/string", method: .post, headers: H.headers(key: H.keyA),
                body: ByteBuffer(string: H.retrieve(H.bookingA, agency: H.agencyA) + padding)
            ) { response in #expect(response.status == .contentTooLarge) }
        }
    }

    @Test func getOnTheStringEndpointIsNotAllowed() async throws {
        try await H().test { client in
            try await client.execute(uri: "/string", method: .get, headers: H.headers(key: H.keyA)) { response in
                #expect(response.status == .methodNotAllowed || response.status == .notFound)
            }
        }
    }
}
