import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// GDS flight records: added and edited with stamps, journaled and replayed, every field checked
/// (one refusal per rule), impossible records refused on replay with the record's offset, and the
/// booking's cost check.
@Suite("GDS flight records")
struct GDSRecordTests {
    typealias Kit = LedgerTestKit
    typealias InMemoryJournal = LedgerPropertyTests.InMemoryJournal

    static func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))), journal: journal)
    }

    /// Frankfurt to Palma on the booking's departure day: 2 passengers, 412.00 EUR.
    static func flight(cost: CurrencyAmount = Kit.eur(412_00)) throws -> GDSFlightDetails {
        GDSFlightDetails(
            pnr: "K7Q4MZ", airline: "LH", departureAirport: "FRA", arrivalAirport: "PMI",
            departureDate: try Kit.date("2027-06-14"), departureTime: try #require(TimeOfDay("08:10")),
            arrivalDate: try Kit.date("2027-06-14"), arrivalTime: try #require(TimeOfDay("10:25")), passengers: 2,
            phone: "+49 221 555 0100", costPrice: cost, paymentComment: "BSP week 23", adminComment: nil)
    }

    @Test func timeOfDayParsesAndPrints() {
        #expect(TimeOfDay("06:45")?.minutesSinceMidnight == 405)
        #expect(TimeOfDay("23:59")?.description == "23:59")
        #expect(TimeOfDay(minutesSinceMidnight: 5)?.description == "00:05")
        for text in ["24:00", "12:60", "1:00", "12-00", "ab:cd", "", "12:000"] {
            #expect(TimeOfDay(text) == nil, "\(text)")
        }
        #expect(TimeOfDay(minutesSinceMidnight: 1440) == nil)
        #expect(TimeOfDay(minutesSinceMidnight: -1) == nil)
    }

    @Test func recordsAreAddedEditedStampedAndReplayed() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try ledger.createBooking(try Kit.draft(id: "B1"))
        let first = try Ledger.$actor.withValue("user:anna") { try ledger.addGDSRecord(try Self.flight(), to: "B1") }
        #expect(first.id == "F1")
        #expect(first.added.actor == "user:anna")
        #expect(first.edited == nil)
        var back = try Self.flight()
        back.departureAirport = "PMI"
        back.arrivalAirport = "FRA"
        let second = try ledger.addGDSRecord(back, to: "B1")
        #expect(second.id == "F2")
        var changed = try Self.flight()
        changed.adminComment = "fare checked\nwith LH"
        changed.passengers = 3
        let edited = try Ledger.$actor.withValue("user:ben") { try ledger.editGDSRecord("F1", of: "B1", changed) }
        #expect(edited.details == changed)
        #expect(edited.added == first.added)
        #expect(edited.edited?.actor == "user:ben")
        // The same details again change nothing and journal nothing.
        let count = journal.records.count
        #expect(try ledger.editGDSRecord("F1", of: "B1", changed) == edited)
        #expect(journal.records.count == count)
        let booking = try #require(ledger.booking("B1"))
        #expect(booking.gdsRecords.map(\.id) == ["F1", "F2"])
        #expect(try Self.makeLedger(journal: journal).booking("B1") == booking)
        let history = try ledger.history(of: "B1")
        #expect(history.filter { if case .gds = $0.event { true } else { false } }.count == 3)
    }

    @Test func aChangingEditSeesTheCurrentDetailsAndIsChecked() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        try ledger.addGDSRecord(try Self.flight(), to: "B1")
        try ledger.editGDSRecord("F1", of: "B1", changing: { $0.passengers = 4 })
        let record = try ledger.editGDSRecord("F1", of: "B1", changing: { $0.adminComment = "ok" })
        #expect(record.details.passengers == 4 && record.details.adminComment == "ok")
        #expect(record.details.pnr == "K7Q4MZ")
        let error = #expect(throws: LedgerError.self) {
            try ledger.editGDSRecord("F1", of: "B1", changing: { $0.arrivalAirport = "X" })
        }
        #expect(error?.code == .invalidGDSRecord)
        #expect(ledger.booking("B1")?.gdsRecord("F1") == record)
    }

    @Test func editingAnUnknownRecordOrBookingIsRefused() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        let unknownRecord = #expect(throws: LedgerError.self) {
            try ledger.editGDSRecord("F1", of: "B1", try Self.flight())
        }
        #expect(unknownRecord?.code == .unknownGDSRecord)
        let unknownBooking = #expect(throws: LedgerError.self) {
            try ledger.addGDSRecord(try Self.flight(), to: "NOPE")
        }
        #expect(unknownBooking?.code == .unknownBooking)
    }

    /// One broken field per rule, each refused with `invalid-gds-record` naming the field.
    static func invalidDetails() throws -> [(String, GDSFlightDetails)] {
        let valid = try flight()
        func with(_ change: (inout GDSFlightDetails) throws -> Void) rethrows -> GDSFlightDetails {
            var details = valid
            try change(&details)
            return details
        }
        return [
            ("PNR", with { $0.pnr = "K7Q4M" }), ("PNR", with { $0.pnr = "k7q4mz" }),
            ("PNR", with { $0.pnr = "K7Q-MZ" }),
            ("PNR", with { $0.pnr = "K7Q4MZ1" }), ("airline", with { $0.airline = "L" }),
            ("airline", with { $0.airline = "12" }), ("airline", with { $0.airline = "lh" }),
            ("airline", with { $0.airline = "LHX" }), ("departure airport", with { $0.departureAirport = "FR1" }),
            ("arrival airport", with { $0.arrivalAirport = "PMIX" }),
            ("arrival airport", with { $0.arrivalAirport = "pmi" }),
            ("arrival date", try with { $0.arrivalDate = try Kit.date("2027-06-12") }),
            ("arrival date", try with { $0.arrivalDate = try Kit.date("2027-06-17") }),
            ("passengers", with { $0.passengers = 0 }), ("passengers", with { $0.passengers = 1000 }),
            ("cost price", with { $0.costPrice = Kit.eur(-1) }),
            (
                "cost price",
                with { $0.costPrice = CurrencyAmount(amount: Decimal(string: "1.005") ?? 0, currency: .eur) }
            ),
            (
                "currency",
                with { $0.costPrice = CurrencyAmount(minorUnitCount: 100, currency: CurrencyCode("ABC") ?? .eur) }
            ),
            (
                "cost price",
                with { $0.costPrice = CurrencyAmount(minorUnitCount: 1_000_000_000_000_000_000, currency: .eur) }
            ),
            ("phone", with { $0.phone = "0221\n555" }), ("phone", with { $0.phone = " " }),
            ("phone", with { $0.phone = String(repeating: "1", count: GDSFlightDetails.maximumPhoneLength + 1) }),
            ("payment comment", with { $0.paymentComment = "bell\u{07}" }),
            (
                "admin comment",
                with { $0.adminComment = String(repeating: "x", count: GDSFlightDetails.maximumCommentLength + 1) }
            ),
            ("admin comment", with { $0.adminComment = "" }),
        ]
    }

    @Test func everyRuleRefusesItsField() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        try ledger.addGDSRecord(try Self.flight(), to: "B1")
        let before = ledger.booking("B1")
        for (field, details) in try Self.invalidDetails() {
            let added = #expect(throws: LedgerError.self) { try ledger.addGDSRecord(details, to: "B1") }
            #expect(added?.code == .invalidGDSRecord, "\(field)")
            #expect(added?.message.contains(field) == true, "\(field): \(String(describing: added?.message))")
            let edited = #expect(throws: LedgerError.self) { try ledger.editGDSRecord("F1", of: "B1", details) }
            #expect(edited?.code == .invalidGDSRecord, "\(field)")
        }
        #expect(ledger.booking("B1") == before)
        // The edges are accepted: an arrival the day before (west across the date line), two days
        // after, 999 passengers, a zero cost in yen, comments with line breaks.
        var edge = try Self.flight()
        edge.arrivalDate = try Kit.date("2027-06-13")
        edge.passengers = 999
        edge.costPrice = CurrencyAmount(minorUnitCount: 0, currency: .jpy)
        edge.paymentComment = "line 1\nline 2\ttab"
        try ledger.addGDSRecord(edge, to: "B1")
        edge.arrivalDate = try Kit.date("2027-06-16")
        edge.airline = "4U"
        try ledger.addGDSRecord(edge, to: "B1")
    }

    /// A journal with booking B1 and the raw GDS records appended after it, reopened.
    private func replay(_ events: [LedgerEvent]) throws -> LedgerError? {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
        let setup = try Ledger.open(directory: directory, configuration: configuration)
        try setup.createBooking(try Kit.draft(id: "B1"))
        try setup.addGDSRecord(try Self.flight(), to: "B1")
        setup.close()
        let journal = try FileJournal.open(directory: directory)
        try journal.append(events.map { LedgerRecordCodec.encode($0) })
        journal.close()
        return #expect(throws: LedgerError.self) { try Ledger.open(directory: directory, configuration: configuration) }
    }

    @Test func replayRefusesImpossibleRecordsWithTheirOffset() throws {
        let stamp = AuditStamp(actor: "user:x", time: Date(timeIntervalSince1970: 0))
        func event(_ kind: GDSEvent.Kind, _ recordId: Identifier, _ details: GDSFlightDetails) -> LedgerEvent {
            .gds(GDSEvent(kind: kind, bookingId: "B1", recordId: recordId, details: details, stamp: stamp))
        }
        let valid = try Self.flight()
        var cases: [(LedgerEvent, String)] = try Self.invalidDetails().map { (event(.added, "F2", $0.1), $0.0) }
        cases += [
            (event(.added, "F1", valid), "F2, not F1"), (event(.added, "F3", valid), "F2, not F3"),
            (event(.edited, "F9", valid), "no flight record F9"),
            (.gds(GDSEvent(kind: .added, bookingId: "NOPE", recordId: "F1", details: valid, stamp: stamp)), "NOPE"),
        ]
        for (event, expected) in cases {
            let error = try replay([event])
            #expect(error?.code == .journalFailure)
            #expect(error?.journalError?.byteOffset != nil)
            #expect(error?.message.contains("journal record") == true)
            #expect(error?.message.contains(expected) == true, "\(expected): \(String(describing: error))")
        }
    }

    @Test func costCheckComparesCostPricesWithReceivedPayments() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        func check() -> GDSCostCheck? { ledger.gdsPayments(GDSPaymentQuery(bookingId: "B1")).rows.first?.check }
        // Nothing paid: a ticket of 412.00 EUR exceeds the received 0.00.
        try ledger.addGDSRecord(try Self.flight(), to: "B1")
        #expect(check() == .exceedsReceived)
        // A deposit of 691.20 covers it; the fee of a payment does not count.
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: "B1")
        #expect(check() == .covered)
        #expect(ledger.gdsPayments().rows.first?.received == Kit.signedEUR(691_20))
        // Exactly equal is covered; one cent more exceeds.
        try ledger.addGDSRecord(try Self.flight(cost: Kit.eur(279_20)), to: "B1")
        #expect(check() == .covered)
        try ledger.editGDSRecord("F2", of: "B1", try Self.flight(cost: Kit.eur(279_21)))
        #expect(check() == .exceedsReceived)
        // A cost price in another currency cannot be compared.
        try ledger.editGDSRecord(
            "F2", of: "B1", try Self.flight(cost: CurrencyAmount(minorUnitCount: 1, currency: .chf)))
        #expect(check() == .otherCurrency)
        #expect(ledger.gdsPayments(GDSPaymentQuery(onlyDisagreeing: true)).totalCount == 2)
        try ledger.editGDSRecord("F2", of: "B1", try Self.flight(cost: Kit.eur(0)))
        #expect(ledger.gdsPayments(GDSPaymentQuery(onlyDisagreeing: true)).totalCount == 0)
    }
}
