import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

@testable import PaymentServer

/// The journal contract, run against both stores: the file journal (the embedded default) and
/// the PostgreSQL journal. The PostgreSQL runs need `DRV_TEST_POSTGRES_URL` (see ``TestDatabase``).
@Suite("Journal contract", .serialized)
struct JournalContractTests {
    enum Store: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case file, postgres
        var testDescription: String { rawValue }
    }

    /// One store's place: a directory or a database, opened as often as a test likes.
    final class Place: Sendable {
        let store: Store
        let directory: URL
        let settings: PostgresSettings?

        init(_ store: Store) throws {
            self.store = store
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("JournalContract-\(UUID().uuidString)", isDirectory: true)
            settings = store == .postgres ? try TestDatabase.make() : nil
        }

        func open() throws -> any LedgerJournal {
            switch store {
            case .file: try FileJournal.open(directory: directory)
            case .postgres: try PostgresJournal.open(settings: try #require(settings))
            }
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    /// The place, or `nil` (the test then passes without running) for PostgreSQL without a database.
    private func place(_ store: Store) throws -> Place? {
        if store == .postgres, !TestDatabase.isAvailable { return nil }
        return try Place(store)
    }

    private func record(_ text: String) -> Data { Data(text.utf8) }

    @Test(arguments: Store.allCases) func appendAndReplayRoundTrip(store: Store) throws {
        guard let place = try place(store) else { return }
        let journal = try place.open()
        defer { journal.close() }
        try journal.append([record("first")])
        try journal.append([record("second"), Data(), record("fourth")])
        try journal.append([])
        let binary = Data((0...255).map { UInt8($0) })
        try journal.append([binary])
        #expect(try journal.replay() == [record("first"), record("second"), Data(), record("fourth"), binary])
    }

    @Test(arguments: Store.allCases) func reopeningReplaysAndContinues(store: Store) throws {
        guard let place = try place(store) else { return }
        let journal = try place.open()
        try journal.append([record("a")])
        _ = try journal.submit([record("b")], concerning: "B1")
        journal.close()
        let reopened = try place.open()
        #expect(try reopened.replay() == [record("a"), record("b")])
        _ = try reopened.submit([record("c")], concerning: "B1")
        reopened.close()
        let again = try place.open()
        defer { again.close() }
        #expect(try again.replay() == [record("a"), record("b"), record("c")])
        #expect(try again.recordsOfOtherWriters().isEmpty)
    }

    @Test(arguments: Store.allCases) func closedJournalRefusesCalls(store: Store) throws {
        guard let place = try place(store) else { return }
        let journal = try place.open()
        journal.close()
        journal.close()
        #expect(throws: LedgerJournalError.self) { try journal.append([record("x")]) }
        do {
            _ = try journal.replay()
            Issue.record("a closed journal replayed")
        } catch {
            #expect(error.code == .closed)
        }
    }

    @Test(arguments: Store.allCases) func ledgerOverTheStoreSurvivesReopening(store: Store) throws {
        guard let place = try place(store) else { return }
        let first = try Ledger(journal: try place.open())
        let booking = try first.createBooking(try LedgerSamples.draft(id: "B1", cents: 1000_00)).booking
        try first.enterPayments([LedgerSamples.agencyPayment("P1", cents: 250_00)], bookingId: booking.id)
        let before = first.booking("B1")
        first.close()
        let second = try Ledger(journal: try place.open())
        defer { second.close() }
        #expect(second.booking("B1") == before)
        #expect(second.eventCount == first.eventCount)
    }
}

/// Drafts and payments for the store tests.
enum LedgerSamples {
    static func draft(id: Identifier, cents: Int64, agency: String = "123456") throws -> BookingDraft {
        let departure = try #require(XMLDate(xmlLexicalForm: "2027-06-14"))
        return BookingDraft(
            id: id, agency: AgencyInformation(agency: agency), seller: nil, leadTraveller: "T1",
            travellers: [Traveller(identifier: "T1", prename: "Max", surname: "Muster", email: "max@example.com")],
            departureDate: departure, returnDate: departure.adding(days: 14),
            totalPrice: CurrencyAmount(minorUnitCount: cents, currency: .eur))
    }

    /// A card payment of the tour operator's (a test card number).
    static func cardPayment(_ id: Identifier, cents: Int64) throws -> Payment {
        let card = CreditCard(
            cardType: "VISA", cardNumber: CardNumber("4111111111111111"),
            expiryDate: try #require(XMLYearMonth(year: 2037, month: 8)), holderName: "Max Muster",
            securityCode: SecurityCode("123"))
        return Payment(
            identifier: id, collection: .tourOperator, paymentScope: .deposit, formOfPayment: .creditCard,
            paymentAmount: CurrencyAmount(minorUnitCount: cents, currency: .eur),
            cashHolder: .assignedToBookingOwner(true),
            specialisation: .creditCard(CreditCardPayment(creditCard: card)))
    }

    static func agencyPayment(_ id: Identifier, cents: Int64) -> Payment {
        Payment(
            identifier: id, collection: .agency, paymentScope: .deposit,
            paymentAmount: CurrencyAmount(minorUnitCount: cents, currency: .eur),
            cashHolder: .assignedToBookingOwner(true))
    }
}
