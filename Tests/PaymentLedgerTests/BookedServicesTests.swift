import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// A booking's services: read from the STRING request by the handler, journaled with the booking
/// as a stamped `servicesRecorded` event, replaced by a `Modify`, replayed, and refused beyond
/// their limits.
@Suite("Booked services")
struct BookedServicesTests {
    typealias Kit = LedgerTestKit
    typealias InMemoryJournal = LedgerPropertyTests.InMemoryJournal

    static let stamp = AuditStamp(actor: "agency:123456", time: Date(timeIntervalSince1970: 1_795_000_000.5))

    private static func makeLedger(journal: InMemoryJournal) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(
                clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 4711),
            journal: journal)
    }

    private static func handler(_ ledger: Ledger) -> StringMessageHandler {
        StringMessageHandler(ledger: ledger, gateway: SimulatedPaymentGateway())
    }

    private static func element(_ xml: String) throws -> XMLAnyElement {
        let request = """
            <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
            <RequestTrigger>Quote</RequestTrigger><Services>\(xml)</Services></BookingRequest>
            """
        guard case .bookingRequest(let decoded) = try StringMessage.decode(from: Data(request.utf8)),
            let first = decoded.services?.content.first
        else {
            throw LedgerError(code: .notARequest, message: "the test request did not decode")
        }
        return first
    }

    @Test func theHandlerKeepsTheBookedServicesAndAReplayHasThemToo() async throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        let handled = await Self.handler(ledger).handle(try TestSupport.data("Examples/lifecycle/02-book-request.xml"))
        #expect(handled.outcome == .applied)
        let booking = try #require(ledger.bookings.first)
        #expect(
            booking.services == [
                BookedService(
                    kind: "Flight", code: "DUS-PMI",
                    description: "Düsseldorf–Palma de Mallorca 14.06.2027, zurück 28.06.2027, 3 Personen"),
                BookedService(
                    kind: "Hotel", code: "PMI-4711",
                    description: "Hotel Cala Blava, Familienzimmer, Halbpension, 14 Nächte"),
                BookedService(kind: "Transfer", code: "TRF-PMI", description: "Flughafen–Hotel und zurück"),
            ])
        #expect(booking.servicesRecorded?.actor == "agency:123456")
        let history = try ledger.history(of: booking.id)
        let recorded = history.compactMap { entry -> BookedServicesEvent? in
            if case .servicesRecorded(let event) = entry.event { event } else { nil }
        }
        #expect(recorded.count == 1)
        #expect(recorded.first?.services == booking.services)
        // The journal's bookingCreated record carries no services: they are the event's alone.
        if case .bookingCreated(let created, _) = history.first?.event {
            #expect(created.services.isEmpty)
        } else {
            Issue.record("the first event is not bookingCreated")
        }
        #expect(try Self.makeLedger(journal: journal).booking(booking.id) == booking)
    }

    @Test func aModifyReplacesTheServicesAndOneWithoutServicesKeepsThem() async throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        let handler = Self.handler(ledger)
        _ = await handler.handle(try TestSupport.data("Examples/lifecycle/02-book-request.xml"))
        let id = try #require(ledger.bookings.first?.id)
        func modify(_ services: String) -> Data {
            Data(
                """
                <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
                <AgencyInformation><Agency>123456</Agency></AgencyInformation>
                <RequestTrigger>Modify</RequestTrigger><BookingId>\(id.value)</BookingId>\(services)</BookingRequest>
                """.utf8)
        }
        let changed = await handler.handle(
            modify(
                """
                <Services><Service Type="Hotel" Code="PMI-0815" StartDate="2027-06-14" EndDate="2027-06-21" \
                Travellers="T1 T2">Hotel Son Vida, Doppelzimmer</Service></Services>
                """))
        #expect(changed.outcome == .applied)
        let expected = [
            BookedService(
                kind: "Hotel", code: "PMI-0815", description: "Hotel Son Vida, Doppelzimmer",
                startDate: try Kit.date("2027-06-14"), endDate: try Kit.date("2027-06-21"), travellers: ["T1", "T2"])
        ]
        #expect(ledger.booking(id)?.services == expected)
        let count = journal.records.count
        let unchanged = await handler.handle(modify(""))
        #expect(unchanged.outcome == .unchanged)
        #expect(journal.records.count == count)
        #expect(ledger.booking(id)?.services == expected)
        #expect(try Self.makeLedger(journal: journal).booking(id) == ledger.booking(id))
    }

    /// The answer's services equal what was sent: the same elements (names, attributes, order,
    /// text) and the same canonical XML (the encoder writes equal values as identical bytes).
    private static func expectVerbatim(
        _ answered: Services?, _ sent: Services, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let answered = try #require(answered, sourceLocation: sourceLocation)
        #expect(answered == sent, sourceLocation: sourceLocation)
        let root = XMLQualifiedName(namespace: StringNamespace.uri, localName: "Services")
        #expect(
            try XMLEncoder().encode(answered, rootElement: root) == XMLEncoder().encode(sent, rootElement: root),
            sourceLocation: sourceLocation)
    }

    @Test func aRetrieveAnswersWithTheStoredServicesSchemaValid() async throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        let handler = Self.handler(ledger)
        let book = try TestSupport.data("Examples/lifecycle/02-book-request.xml")
        guard case .bookingRequest(let request) = try StringMessage.decode(from: book) else {
            throw LedgerError(code: .notARequest, message: "the book request did not decode")
        }
        _ = await handler.handle(book)
        let booking = try #require(ledger.bookings.first)
        let retrieved = await handler.handle(
            Data(
                """
                <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
                <AgencyInformation><Agency>123456</Agency></AgencyInformation>
                <RequestTrigger>Retrieve</RequestTrigger><BookingId>\(booking.id.value)</BookingId></BookingRequest>
                """.utf8))
        #expect(retrieved.outcome == .unchanged)
        let report = try StringMessageValidator(today: ledger.today).validate(retrieved.responseData)
        #expect(report.isValid, "the response is not valid STRING: \(report.issues)")
        #expect(report.message == retrieved.response)
        guard case .bookingResponse(let response) = retrieved.response else {
            Issue.record("a Retrieve is answered with \(retrieved.response)")
            return
        }
        let services = try #require(response.services?.content)
        #expect(BookedService.services(of: response.services) == booking.services)
        #expect(services.count == 3)
        // The services come back verbatim, the extension element in its own namespace too.
        let sent = try #require(request.services)
        try Self.expectVerbatim(response.services, sent)
        #expect(services.last?.name == XMLQualifiedName(namespace: "urn:example:srt:services", localName: "Transfer"))
        #expect(String(decoding: retrieved.responseData, as: UTF8.self).contains("urn:example:srt:services"))
        // So does a replay after reopening the journal, and a Modify and a Cancel answer the same.
        let reopened = try Self.makeLedger(journal: journal)
        #expect(reopened.booking(booking.id)?.servicesContent == sent)
        for trigger in ["Retrieve", "Modify", "Cancel"] {
            let again = await Self.handler(reopened).handle(
                Data(
                    """
                    <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
                    <AgencyInformation><Agency>123456</Agency></AgencyInformation>
                    <RequestTrigger>\(trigger)</RequestTrigger><BookingId>\(booking.id.value)</BookingId>
                    </BookingRequest>
                    """.utf8))
            guard case .bookingResponse(let answer) = again.response else {
                Issue.record("a \(trigger) after reopening is answered with \(again.response)")
                continue
            }
            try Self.expectVerbatim(answer.services, sent)
            #expect(try StringMessageValidator(today: reopened.today).validate(again.responseData).isValid)
        }
        // A booking without services answers without Services.
        try ledger.createBooking(try Kit.draft(id: "B-PLAIN"))
        let plain = await handler.handle(
            Data(
                """
                <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
                <RequestTrigger>Retrieve</RequestTrigger><BookingId>B-PLAIN</BookingId></BookingRequest>
                """.utf8))
        if case .bookingResponse(let response) = plain.response {
            #expect(response.services == nil)
        } else {
            Issue.record("a Retrieve is answered with \(plain.response)")
        }
    }

    @Test func aServiceWrittenAsAnElementReadsBackTheSame() throws {
        let services = [
            BookedService(
                kind: "Hotel", code: "PMI-4711", description: "Hotel Cala Blava, \"Meerblick\" & <Ä>",
                startDate: try Kit.date("2027-06-14"), endDate: try Kit.date("2027-06-28"), travellers: ["T1", "T2"]),
            BookedService(kind: "Transfer"),
            BookedService(kind: "Flight", code: "DUS-PMI", startDate: try Kit.date("2027-06-14")),
        ]
        let written = try #require(BookedService.services(services))
        #expect(BookedService.services(of: written) == services)
        #expect(BookedService.services([]) == nil)
        #expect(written.content[1].attributes.map(\.name.localName) == ["Type"])
        #expect(written.content[1].children.isEmpty)
    }

    @Test func theConventionsOfFreeServiceContentAreRead() throws {
        let nested = try Self.element(
            """
            <Service><Type>Rail</Type><Code>GEX-01</Code><Description>  Glacier
              Express </Description><StartDate>2027-01-30</StartDate><EndDate>2027-01-30</EndDate>\
            <TravellerRef>T1</TravellerRef><TravellerRef Identifier="T2"/></Service>
            """)
        #expect(
            BookedService(element: nested)
                == BookedService(
                    kind: "Rail", code: "GEX-01", description: "Glacier Express",
                    startDate: try Kit.date("2027-01-30"), endDate: try Kit.date("2027-01-30"),
                    travellers: ["T1", "T2"]))
        // Dates that are not xs:date, or an end before the start, are left out, never refused.
        let odd = BookedService(
            element: try Self.element(#"<Hotel StartDate="soon" EndDate="2027-01-01">Somewhere</Hotel>"#))
        #expect(odd.kind == "Hotel")
        #expect(odd.startDate == nil)
        let newYear = try Kit.date("2027-01-01")
        #expect(odd.endDate == newYear)
        let backwards = BookedService(
            element: try Self.element(#"<Hotel StartDate="2027-02-01" EndDate="2027-01-01"/>"#))
        #expect(backwards.startDate == nil && backwards.endDate == nil)
        let long = BookedService(
            element: try Self.element("<Cruise>\(String(repeating: "x", count: 5_000))</Cruise>"))
        #expect(long.description.count == BookedService.maximumDescriptionLength)
        #expect(BookedService.services(of: nil).isEmpty)
    }

    @Test func servicesBeyondTheLimitsAreRefused() throws {
        let ledger = try Self.makeLedger(journal: InMemoryJournal())
        var draft = try Kit.draft(id: "B1")
        draft.services = [BookedService(kind: "Hotel", description: "two\u{7}lines")]
        #expect(throws: LedgerError.self) { try ledger.createBooking(draft) }
        draft.services = Array(
            repeating: BookedService(kind: "Hotel"), count: BookedService.maximumCount + 1)
        let error = #expect(throws: LedgerError.self) { try ledger.createBooking(draft) }
        #expect(error?.code == .invalidBookingDetails)
        #expect(ledger.booking("B1") == nil)
        try ledger.createBooking(try Kit.draft(id: "B1"))
        let backwards = BookedService(
            kind: "Hotel", startDate: try Kit.date("2027-02-01"), endDate: try Kit.date("2027-01-01"))
        let refused = #expect(throws: LedgerError.self) { try ledger.modifyBooking("B1", services: [backwards]) }
        #expect(refused?.code == .invalidBookingDetails)
        #expect(refused?.message.contains("service 1") == true)
        #expect(ledger.booking("B1")?.services.isEmpty == true)
    }
}

extension LedgerRecordCodecTests {
    private static func servicesEvents() throws -> [LedgerEvent] {
        [
            .servicesRecorded(
                BookedServicesEvent(
                    bookingId: "B-1",
                    services: [
                        BookedService(
                            kind: "Hotel", code: "PMI-4711", description: "Hotel Cala Blava, \"Meerblick\" – Ä",
                            startDate: try LedgerTestKit.date("2027-06-14"),
                            endDate: try LedgerTestKit.date("2027-06-28"), travellers: ["T1", "T2"]),
                        BookedService(kind: "Transfer"),
                    ],
                    stamp: BookedServicesTests.stamp)),
            .servicesRecorded(BookedServicesEvent(bookingId: "B-2", services: [], stamp: BookedServicesTests.stamp)),
            .servicesRecorded(
                BookedServicesEvent(
                    bookingId: "B-3", services: [BookedService(kind: "Transfer", description: "Flughafen")],
                    content: Services(content: [Self.transfer]), stamp: BookedServicesTests.stamp)),
        ]
    }

    /// An extension element with a foreign namespace, attributes, nested content and mixed text.
    private static let transfer = XMLAnyElement(
        name: XMLQualifiedName(namespace: "urn:example:srt:services", localName: "Transfer"),
        attributes: [
            .init(name: XMLQualifiedName("Code"), value: "TRF-PMI"),
            .init(name: XMLQualifiedName(namespace: "urn:example:srt:services", localName: "vehicle"), value: "Bus"),
        ],
        children: [
            .text("Flughafen "), .element(XMLAnyElement(name: XMLQualifiedName("Leg"), children: [.text("hin")])),
            .text(" und zurück"),
        ],
        namespacesInScope: ["": StringNamespace.uri, "ext": "urn:example:srt:services"])

    /// A tag-17 record's bytes up to the content's element count: version, the default stamp
    /// (actor "unknown", time 0), tag 17, booking id "B", no services, content present.
    private static let contentPrefix: [UInt8] = [2, 7] + Array("unknown".utf8) + [0, 17, 1, UInt8(ascii: "B"), 0, 1]

    @Test func verbatimContentKeepsNamespacesInScope() throws {
        let event = try #require(try Self.servicesEvents().last)
        let decoded = try LedgerRecordCodec.decode(LedgerRecordCodec.encode(event))
        guard case .servicesRecorded(let recorded) = decoded else {
            Issue.record("decoded \(decoded)")
            return
        }
        #expect(recorded.content?.content.first?.namespacesInScope == Self.transfer.namespacesInScope)
        #expect(recorded.content?.content.first?.children == Self.transfer.children)
    }

    @Test func oversizedContentIsRefusedAtItsOffset() throws {
        // Elements nested deeper than the limit: each is a name-less-namespace "a" with one child.
        var deep = Self.contentPrefix + [1]
        var depthOffset = 0
        for level in 0...BookedServicesEvent.maximumContentDepth {
            if level == BookedServicesEvent.maximumContentDepth { depthOffset = deep.count }
            deep += [0, 1, UInt8(ascii: "a"), 0, 0, 1, 0]
        }
        deep += Array(repeating: 0, count: 16)
        let tooDeep = #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(deep)) }
        #expect(tooDeep?.byteOffset == depthOffset)
        #expect(tooDeep?.message.contains("levels") == true)
        // More attributes than the node budget, claimed by a count the record's bytes would allow.
        let attributes = BookedServicesEvent.maximumContentNodes + 1
        var wide = Self.contentPrefix + [1, 0, 1, UInt8(ascii: "a")]
        let countOffset = wide.count
        wide += [UInt8(attributes & 0x7f | 0x80), UInt8(attributes >> 7)] + Array(repeating: 0, count: 3 * attributes)
        let tooWide = #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(wide)) }
        #expect(tooWide?.byteOffset == countOffset)
        #expect(tooWide?.message.contains("content nodes") == true)
        // An unknown node kind is refused where it stands.
        let kindOffset = Self.contentPrefix.count + 7
        let unknown = Self.contentPrefix + [1, 0, 1, UInt8(ascii: "a"), 0, 0, 1, 9, 0, 0, 0, 0]
        let badKind = #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(unknown)) }
        #expect(badKind?.byteOffset == kindOffset)
    }

    @Test func contentBeyondTheLimitsIsRefusedBeforeItIsJournaled() throws {
        var nested = XMLAnyElement(name: XMLQualifiedName("a"))
        for _ in 0..<BookedServicesEvent.maximumContentDepth {
            nested = XMLAnyElement(name: nested.name, children: [.element(nested)])
        }
        let event = BookedServicesEvent(
            bookingId: "B", services: [], content: Services(content: [nested]), stamp: BookedServicesTests.stamp)
        let refused = #expect(throws: LedgerError.self) { try event.validate() }
        #expect(refused?.code == .invalidBookingDetails)
        var shallow = event
        shallow.content = Services(content: [Self.transfer])
        try shallow.validate()
    }

    @Test func bookedServicesRoundTrip() throws {
        for event in try Self.servicesEvents() {
            let decoded = try LedgerRecordCodec.decodeRecord(
                LedgerRecordCodec.encode(event, stamp: BookedServicesTests.stamp))
            #expect(decoded.event == event)
            #expect(decoded.stamp == BookedServicesTests.stamp)
        }
    }

    @Test func truncatedOrDamagedServicesRecordsThrow() throws {
        for event in try Self.servicesEvents() {
            let record = [UInt8](LedgerRecordCodec.encode(event))
            for length in 0..<record.count {
                #expect(throws: LedgerRecordDecodingError.self) {
                    try LedgerRecordCodec.decode(Data(record[0..<length]))
                }
            }
            #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(record + [0])) }
        }
    }

    @Test func tooManyServicesAreRefusedBeforeTheyAreRead() throws {
        // version, the default stamp (actor "unknown", time 0), tag 17, booking id "B", then a
        // count of 101 services followed by enough bytes that the count fits what is left.
        var record: [UInt8] = [2, 7] + Array("unknown".utf8) + [0, 17, 1, UInt8(ascii: "B")]
        let countOffset = record.count
        record += [101] + Array(repeating: 0, count: 200)
        let error = #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(record)) }
        #expect(error?.byteOffset == countOffset)
        #expect(error?.message.contains("services") == true)
    }
}
