import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

/// `Ledger.findBooking(reference:surname:)`: the payment page's lookup.
@Suite struct BookingLookupTests {
    static func ledger() throws -> Ledger {
        let today = XMLDate(daysSinceEpoch: 20_780)
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(today), bookingReferenceSeed: 5))
        for (id, surname) in [("7KQ4M2XG", "Müller"), ("SRT-4711", "Núñez García"), ("GONE-1", "Meyer")] {
            try ledger.createBooking(
                BookingDraft(
                    id: Identifier(stringLiteral: id), leadTraveller: "T2",
                    travellers: [
                        Traveller(identifier: "T1", prename: "Kind", surname: "Other"),
                        Traveller(identifier: "T2", prename: "Max", surname: surname),
                    ],
                    departureDate: today.adding(days: 90),
                    totalPrice: CurrencyAmount(minorUnitCount: 100_000, currency: .eur)))
        }
        try ledger.cancelBooking("GONE-1")
        return ledger
    }

    @Test func referenceAndSurnameFindTheBookingWhateverTheCaseAndAccents() throws {
        let ledger = try Self.ledger()
        for surname in ["Müller", "müller", "MULLER", " muller ", "Mu\u{308}ller"] {
            #expect(ledger.findBooking(reference: "7KQ4M2XG", surname: surname)?.id == "7KQ4M2XG", "\(surname)")
        }
        #expect(ledger.findBooking(reference: " 7kq4m2xg ", surname: "Muller")?.id == "7KQ4M2XG")
        #expect(ledger.findBooking(reference: "SRT-4711", surname: "nunez   garcia")?.id == "SRT-4711")
        #expect(ledger.booking("7KQ4M2XG")?.displayCustomerName == "Max Müller")
    }

    @Test func aWrongSurnameAndAnUnknownReferenceGiveTheSameAnswer() throws {
        let ledger = try Self.ledger()
        #expect(ledger.findBooking(reference: "7KQ4M2XG", surname: "Other") == nil)  // a traveller, not the customer
        #expect(ledger.findBooking(reference: "7KQ4M2XG", surname: "Mülle") == nil)
        #expect(ledger.findBooking(reference: "7KQ4M2XG", surname: "") == nil)
        #expect(ledger.findBooking(reference: "NOPE1234", surname: "Müller") == nil)
        #expect(ledger.findBooking(reference: "", surname: "Müller") == nil)
        #expect(ledger.findBooking(reference: "GONE-1", surname: "Meyer") == nil)  // cancelled
    }
}
