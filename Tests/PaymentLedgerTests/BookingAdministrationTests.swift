import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The back office's data on a booking: details, comments and the release decision, journaled,
/// stamped and replayed.
@Suite("Booking administration")
struct BookingAdministrationTests {
    typealias Kit = LedgerTestKit
    typealias InMemoryJournal = LedgerPropertyTests.InMemoryJournal

    static func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))), journal: journal)
    }

    @Test func detailsSetAtCreationAreJournaledAfterTheBookingAndReplayed() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        var draft = try Kit.draft(id: "B1")
        draft.customerPhone = "+49 221 555 0100"
        draft.account = "1710"
        draft.financed = true
        let booking = try ledger.createBooking(draft).booking
        #expect(booking.customerPhone == "+49 221 555 0100")
        #expect(booking.account == "1710")
        #expect(booking.isFinanced)
        #expect(booking.customerName == "Max Mustermann")  // the lead traveller's
        #expect(booking.seller == "Anna Schneider" && booking.branch == "Köln-Innenstadt")
        let events = try journal.records.map { try LedgerRecordCodec.decode($0) }
        #expect(events.count == 2)
        guard case .bookingCreated(let created, _) = events.first else {
            Issue.record("first event \(String(describing: events.first))")
            return
        }
        #expect(created.account == nil && !created.isFinanced)
        #expect(
            events.last
                == .bookingDetailsChanged(
                    BookingDetailsChange(
                        bookingId: "B1", customerPhone: "+49 221 555 0100", account: "1710", financed: true)))
        let replayed = try Self.makeLedger(journal: journal)
        #expect(replayed.booking("B1") == booking)
    }

    @Test func aBookingWithoutBackOfficeDataIsOneEvent() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try ledger.createBooking(try Kit.draft(id: "B1"))
        #expect(journal.records.count == 1)
    }

    @Test func updateSetsOnlyTheGivenFieldsAndEmptyClears() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try ledger.createBooking(try Kit.draft(id: "B1"))
        var booking = try ledger.updateBookingDetails(
            BookingDetailsChange(
                bookingId: "B1", customerName: "Familie Mustermann", customerPhone: "0221 1234", seller: "S-42",
                agency: "654321", branch: "", account: "1700", financed: true))
        #expect(booking.customerName == "Familie Mustermann")
        #expect(booking.customerPhone == "0221 1234")
        #expect(booking.seller == "S-42")
        #expect(booking.agency == AgencyInformation(agency: "654321"))
        #expect(booking.branch == nil)
        #expect(booking.account == "1700")
        #expect(booking.isFinanced)
        #expect(booking.customerEmail == "max.mustermann@example.de")
        booking = try ledger.updateBookingDetails(BookingDetailsChange(bookingId: "B1", financed: false))
        #expect(!booking.isFinanced && booking.account == "1700" && booking.seller == "S-42")
        // Setting what the booking has changes nothing.
        let count = journal.records.count
        try ledger.updateBookingDetails(BookingDetailsChange(bookingId: "B1", seller: "S-42", financed: false))
        #expect(journal.records.count == count)
        #expect(try Self.makeLedger(journal: journal).booking("B1") == booking)
    }

    @Test func commentsAndReleaseCarryTheirActorAndTime() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try ledger.createBooking(try Kit.draft(id: "B1"))
        #expect(ledger.booking("B1")?.release == nil)
        #expect(ledger.booking("B1")?.isReleased == false)
        try Ledger.$actor.withValue(.user("anna")) {
            try ledger.addComment("Kunde möchte Erstattung\nper Überweisung", to: "B1")
            try ledger.setRelease(true, for: "B1")
        }
        try Ledger.$actor.withValue(.user("ben")) {
            try ledger.addComment("IBAN bestätigt", to: "B1")
        }
        let booking = try #require(ledger.booking("B1"))
        let now = FixedClock(try Kit.date(Kit.bookingDayText)).now()
        #expect(booking.comments.map(\.text) == ["Kunde möchte Erstattung\nper Überweisung", "IBAN bestätigt"])
        #expect(
            booking.comments.map(\.stamp) == [
                AuditStamp(actor: "user:anna", time: now), AuditStamp(actor: "user:ben", time: now),
            ])
        #expect(booking.release == ReleaseDecision(isReleased: true, stamp: AuditStamp(actor: "user:anna", time: now)))
        // The same decision again changes nothing; withdrawing it is a new decision.
        let count = journal.records.count
        try ledger.setRelease(true, for: "B1")
        #expect(journal.records.count == count)
        #expect(try ledger.setRelease(false, for: "B1").isReleased == false)
        #expect(try Self.makeLedger(journal: journal).booking("B1") == ledger.booking("B1"))
    }

    @Test func cancelledBookingsTakeCommentsAndReleases() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        try ledger.cancelBooking("B1")
        try ledger.addComment("storniert, Anzahlung zurück", to: "B1")
        #expect(try ledger.setRelease(true, for: "B1").isReleased)
    }

    @Test func invalidDetailsAndCommentsAreRefused() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "B1"))
        let before = ledger.booking("B1")
        for text in ["", "  \n ", String(repeating: "x", count: BookingComment.maximumLength + 1), "bell\u{07}"] {
            #expect(throws: LedgerError.self) { try ledger.addComment(text, to: "B1") }
        }
        for change in [
            BookingDetailsChange(bookingId: "B1", customerPhone: "0221\n1234"),
            BookingDetailsChange(bookingId: "B1", account: String(repeating: "9", count: 201)),
        ] {
            let error = #expect(throws: LedgerError.self) { try ledger.updateBookingDetails(change) }
            #expect(error?.code == .invalidBookingDetails)
        }
        var draft = try Kit.draft(id: "B2")
        draft.customerName = "tab\tname"
        #expect(throws: LedgerError.self) { try ledger.createBooking(draft) }
        #expect(ledger.booking("B1") == before)
        #expect(ledger.booking("B2") == nil)
        let unknown = #expect(throws: LedgerError.self) { try ledger.setRelease(true, for: "NOPE") }
        #expect(unknown?.code == .unknownBooking)
    }

    @Test func replayRefusesAnInvalidComment() throws {
        let journal = InMemoryJournal()
        let ledger = try Self.makeLedger(journal: journal)
        try ledger.createBooking(try Kit.draft(id: "B1"))
        let stamp = AuditStamp(actor: "user:x", time: Date(timeIntervalSince1970: 0))
        try journal.append([
            LedgerRecordCodec.encode(
                .bookingCommented(bookingId: "B1", comment: BookingComment(text: " ", stamp: stamp)))
        ])
        let error = #expect(throws: LedgerError.self) { try Self.makeLedger(journal: journal) }
        #expect(error?.code == .journalFailure)
        #expect(error?.message.contains("journal record 2") == true)
    }

    @Test func historyListsTheNewEventsWithTheirStamps() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try Ledger.open(
            directory: directory,
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))))
        defer { ledger.close() }
        try ledger.createBooking(try Kit.draft(id: "B1"))
        try Ledger.$actor.withValue(.user("anna")) {
            try ledger.updateBookingDetails(BookingDetailsChange(bookingId: "B1", account: "1700"))
            try ledger.addComment("note", to: "B1")
            try ledger.setRelease(true, for: "B1")
        }
        let history = try ledger.history(of: "B1")
        #expect(history.count == 4)
        #expect(history.dropFirst().allSatisfy { $0.stamp?.actor == .user("anna") })
    }
}
