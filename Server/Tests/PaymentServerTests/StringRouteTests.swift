import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaymentLedger
import PaymentServer
import StringPayments
import Testing

@Suite struct StringRouteTests {
    typealias H = ServerHarness

    @Test func ownBookingIsRetrievedWithTheXMLContentType() async throws {
        try await H().test { client in
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyA), headers: H.headers(key: H.keyA))
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(response.text.contains("BookingResponse"))
                #expect(response.text.contains(H.bookingA.value))
            }
        }
    }

    @Test func aRetrieveOverHTTPCarriesTheBookedServices() async throws {
        let harness = try H()
        let services = [
            BookedService(
                kind: "Flight", code: "DUS-PMI", description: "Düsseldorf–Palma de Mallorca",
                startDate: harness.ledger.today, endDate: harness.ledger.today, travellers: ["T1"]),
            BookedService(kind: "Hotel", code: "PMI-4711", description: "Hotel Cala Blava, Halbpension"),
        ]
        try harness.ledger.modifyBooking(H.bookingA, services: services)
        let today = harness.ledger.today
        try await harness.test { client in
            let response = try await client.postString(
                H.retrieve(H.bookingA, agency: H.agencyA), headers: H.headers(key: H.keyA))
            #expect(response.status == .ok)
            let report = try StringMessageValidator(today: today).validate(Data(response.text.utf8))
            #expect(report.isValid, "the response is not valid STRING: \(report.issues)")
            guard case .bookingResponse(let booking) = report.message else {
                Issue.record("not a BookingResponse: \(response.text)")
                return
            }
            #expect(BookedService.services(of: booking.services) == services)
        }
    }

    @Test func httpBasicWithAgencyAndKeyAuthenticates() async throws {
        try await H().test { client in
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyA), headers: H.basic(H.agencyA, H.keyA))
                #expect(response.status == .ok)
            }
            // The key of agency A under agency B's name is refused.
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyA), headers: H.basic(H.agencyB, H.keyA))
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test(arguments: [nil, "wrong-key", ""])
    func missingOrWrongKeyIsUnauthorized(_ key: String?) async throws {
        try await H().test { client in
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyA), headers: H.headers(key: key))
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
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyB), headers: H.headers(key: H.keyB))
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(response.text.contains("ErrorResponse"))
                #expect(!response.text.contains("Max"))
            }
            // Agency B pretends to be agency A in the message.
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyA), headers: H.headers(key: H.keyB))
                #expect(response.status == .forbidden)
            }
            // A request naming no agency.
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: nil), headers: H.headers(key: H.keyA))
                #expect(response.status == .forbidden)
            }
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
            do {
                let response = try await client.postString(payment, headers: H.headers(key: H.keyB))
                #expect(response.status == .forbidden)
            }
            // The same payment by the owning agency is applied, stamped with that agency.
            let own = payment.replacingOccurrences(of: H.agencyB, with: H.agencyA)
            do {
                let response = try await client.postString(own, headers: H.headers(key: H.keyA))
                #expect(response.status == .ok)
                #expect(response.text.contains("PaymentResponse"))
            }
        }
        #expect(harness.ledger.eventCount > events)
        #expect(harness.ledger.booking(H.bookingA)?.payment("X1") != nil)
    }

    @Test func invalidXMLIsABadRequestWithAnErrorResponse() async throws {
        try await H().test { client in
            do {
                let response = try await client.postString("<nope", headers: H.headers(key: H.keyA))
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(response.text.contains("ErrorResponse"))
            }
        }
    }

    @Test func nonXMLContentTypeIsUnsupported() async throws {
        try await H().test { client in
            do {
                let response = try await client.postString(
                    "{}", headers: H.headers(key: H.keyA, contentType: "application/json"))
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    @Test func bodyOverTheLimitIsTooLarge() async throws {
        try await H { $0.maxBodyBytes = 512 }.test { client in
            let padding = String(repeating: " ", count: 600)
            do {
                let response = try await client.postString(
                    H.retrieve(H.bookingA, agency: H.agencyA) + padding, headers: H.headers(key: H.keyA))
                #expect(response.status == .contentTooLarge)
            }
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
