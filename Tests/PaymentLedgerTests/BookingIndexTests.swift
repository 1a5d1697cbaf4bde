import Foundation
import StringPayments
import Testing
import XMLCoding

@testable import PaymentLedger

/// The ledger's booking index finds a booking by any identifier `String` equality says is
/// its: the same bytes, or canonically equivalent text.
@Suite("Booking index")
struct BookingIndexTests {
    static func booking(_ id: Identifier) -> LedgerBooking {
        let day = XMLDate(daysSinceEpoch: 20_000)
        return LedgerBooking(
            id: id, state: .booked, agency: nil, seller: nil, branch: nil, leadTraveller: nil, travellers: [],
            customerEmail: nil, departureDate: day, returnDate: nil, createdOn: day, cancelledOn: nil,
            totalPrice: CurrencyAmount(minorUnitCount: 100_00, currency: .eur), collection: .mixed,
            paymentOptions: [], schedule: [])
    }

    /// Indexes the identifiers in order, as the ledger does when the bookings are created.
    static func index(_ ids: [Identifier]) -> (BookingIndex, [LedgerBooking]) {
        var index = BookingIndex()
        var bookings: [LedgerBooking] = []
        for id in ids {
            index.insert(id, at: bookings.count, in: bookings)
            bookings.append(booking(id))
        }
        return (index, bookings)
    }

    static func identifier(_ text: String) throws -> Identifier { try #require(Identifier(text)) }

    @Test("thousands of references: each found at its position, others not found")
    func manyReferences() throws {
        let ids = (1...5_000).map { Identifier(stringLiteral: "SRT-2027-\(String($0 * 7919 % 1_000_000))") }
        let (index, bookings) = Self.index(ids)
        #expect(index.count == ids.count)
        for (position, id) in ids.enumerated() {
            #expect(index.position(of: id, in: bookings) == position)
        }
        for absent in ["SRT-2027-0", "SRT-2027-", "S", "SRT-2027-7918", String(repeating: "X", count: 64)] {
            #expect(index.position(of: try Self.identifier(absent), in: bookings) == nil)
        }
    }

    @Test("the index agrees with a dictionary on ASCII, non-ASCII and equivalent identifiers")
    func agreesWithDictionary() throws {
        // "K" and KELVIN SIGN, ";" and GREEK QUESTION MARK are canonically equivalent; so are the
        // composed and decomposed ü.
        let stored = [
            "K-1", "\u{212A}-2", "A;1", "M\u{00FC}ller", "Gr\u{00FC}n-3", "B-\u{1F600}",
            "long-reference-beyond-15-bytes",
        ]
        let lookedUp =
            stored + [
                "\u{212A}-1", "K-2", "A\u{037E}1", "Mu\u{0308}ller", "Gru\u{0308}n-3", "K-3", "M\u{00FC}ller-x",
                "long-reference-beyond-15-byteS",
            ]
        let ids = try stored.map(Self.identifier)
        let (index, bookings) = Self.index(ids)
        var dictionary: [Identifier: Int] = [:]
        for (position, id) in ids.enumerated() { dictionary[id] = position }
        for text in lookedUp {
            let id = try Self.identifier(text)
            #expect(index.position(of: id, in: bookings) == dictionary[id], "\(text.unicodeScalars.map(\.value))")
        }
        #expect(index.position(of: try Self.identifier("\u{212A}-1"), in: bookings) == 0)
        #expect(index.position(of: try Self.identifier("K-2"), in: bookings) == 1)
    }

    @Test("a ledger finds a booking by an equivalent identifier and refuses it as a second booking")
    func ledgerLooksUpEquivalentIdentifiers() throws {
        let ledger = try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try LedgerTestKit.date("2026-11-23"))))
        try ledger.createBooking(try LedgerTestKit.draft(id: try Self.identifier("\u{212A}-7")))
        #expect(ledger.booking("K-7")?.id.value == "\u{212A}-7")
        #expect(throws: LedgerError.self) {
            try ledger.createBooking(try LedgerTestKit.draft(id: "K-7", priceCents: 1_000_00))
        }
        #expect(ledger.bookingCount == 1)
    }
}
