import Foundation
import TestSupport
import Testing

@testable import PaymentLedger

/// The byte scan for booking references in remittance text finds exactly what splitting the text
/// into words of characters finds.
@Suite struct BookingReferenceScanTests {
    /// The reference implementation: every word of letters and digits, as characters.
    private static func wordsByCharacters(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).filter { $0.count == 8 }
            .compactMap { BookingReference(String($0))?.text }
    }

    @Test func examples() {
        var generator = SeededGenerator(seed: 7)
        let reference = BookingReference.generate(using: &generator).text
        #expect(Ledger.bookingReferenceWords(in: "Buchung \(reference), danke") == [reference])
        #expect(Ledger.bookingReferenceWords(in: "Buchung \(reference.lowercased())") == [reference])
        #expect(Ledger.bookingReferenceWords(in: "X\(reference)") == [])
        #expect(Ledger.bookingReferenceWords(in: "\(reference)-\(reference)") == [reference, reference])
        #expect(Ledger.bookingReferenceWords(in: "Müller\(reference)") == [])  // one word of 14 characters
        #expect(Ledger.bookingReferenceWords(in: "") == [])
    }

    /// Property: on random texts of words, references (valid and with a typo), separators and
    /// non-ASCII letters, both give the same references in the same order.
    @Test func theByteScanAgreesWithTheCharacterSplit() {
        var generator = SeededGenerator(seed: 0xB00C)
        let pieces = [" ", "-", ",", "/", "ä", "é", "€", "\u{00A0}", "1", "Buchung", "SRT-4711", "e\u{301}", "2027"]
        var found = 0
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<8, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    var reference = BookingReference.generate(using: &generator).text
                    if Bool.random(using: &generator) { reference = reference.lowercased() }
                    if Int.random(in: 0..<4, using: &generator) == 0 { reference = String(reference.dropLast()) + "2" }
                    text += reference
                default:
                    text += pieces.randomElement(using: &generator) ?? " "
                }
            }
            let scanned = Ledger.bookingReferenceWords(in: text)
            found += scanned.count
            #expect(scanned == Self.wordsByCharacters(text), "\(text)")
        }
        #expect(found > 400)
    }
}
