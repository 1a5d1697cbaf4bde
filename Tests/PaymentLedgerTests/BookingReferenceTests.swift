import Foundation
import PaymentLedger
import TestSupport
import Testing

@Suite("Booking references")
struct BookingReferenceTests {

    private static let alphabet = Array(BookingReference.alphabet)

    private func references(count: Int, seed: UInt64) -> [BookingReference] {
        var generator = SeededGenerator(state: seed)
        return (0..<count).map { _ in BookingReference.generate(using: &generator) }
    }

    @Test func alphabetIsUnambiguousAndPrimeSized() {
        let alphabet = Self.alphabet
        #expect(alphabet.count == 29)
        #expect(Set(alphabet).count == alphabet.count)
        #expect((2..<alphabet.count).allSatisfy { alphabet.count % $0 != 0 })
        for ambiguous in "01OILUZ" {
            #expect(!alphabet.contains(ambiguous))
        }
        #expect(alphabet.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) })
    }

    @Test func generatedReferencesRoundTrip() throws {
        for reference in references(count: 500, seed: 1) {
            #expect(reference.text.count == BookingReference.length)
            #expect(reference.text.allSatisfy { Self.alphabet.contains($0) })
            #expect(BookingReference(reference.text) == reference)
            #expect(BookingReference(reference.text.lowercased()) == reference)
            #expect(BookingReference(reference.description) == reference)
            #expect(reference.identifier.value == reference.text)
            #expect(reference.identifier.isValid)
        }
    }

    @Test func lowerCaseInputIsNormalisedToUpperCase() throws {
        let reference = try #require(references(count: 1, seed: 5).first)
        let parsed = try #require(BookingReference(reference.text.lowercased()))
        #expect(parsed.text == reference.text)
        #expect(parsed.text == parsed.text.uppercased())
    }

    @Test func documentedExampleIsValidAndItsTypoIsNot() {
        #expect(BookingReference("7KQ4M2XG")?.text == "7KQ4M2XG")
        #expect(BookingReference("7kq4m2xg")?.text == "7KQ4M2XG")
        #expect(BookingReference("7KQ4M2XA") == nil)
        #expect(BookingReference("K7Q4M2XG") == nil)
    }

    @Test func everySingleSubstitutionIsDetected() {
        var checked = 0
        for reference in references(count: 300, seed: 20_261_123) {
            let characters = Array(reference.text)
            for position in characters.indices {
                for replacement in Self.alphabet where replacement != characters[position] {
                    var typo = characters
                    typo[position] = replacement
                    #expect(BookingReference(String(typo)) == nil, "\(reference) → \(String(typo))")
                    checked += 1
                }
            }
        }
        #expect(checked == 300 * 8 * 28)
    }

    @Test func everyAdjacentTranspositionIsDetected() {
        var checked = 0
        for reference in references(count: 300, seed: 42) {
            let characters = Array(reference.text)
            for position in characters.indices.dropLast() where characters[position] != characters[position + 1] {
                var typo = characters
                typo.swapAt(position, position + 1)
                #expect(BookingReference(String(typo)) == nil, "\(reference) → \(String(typo))")
                checked += 1
            }
        }
        #expect(checked > 300 * 6)
    }

    /// Every pair of characters at every pair of adjacent positions, with every payload around
    /// them drawn from one reference: a complete enumeration of transpositions over that sample.
    @Test func everyCharacterPairTranspositionIsDetected() {
        let alphabet = Self.alphabet
        for base in references(count: 3, seed: 9) {
            for position in 0..<(BookingReference.length - 1) {
                for first in alphabet {
                    for second in alphabet where second != first {
                        var characters = Array(base.text)
                        characters[position] = first
                        characters[position + 1] = second
                        // Fix the check character (or, at the last pair, the payload character
                        // before it) so the original is valid, then swap the pair.
                        guard let valid = Self.validCompletion(characters, free: position, pair: position + 1)
                        else { continue }
                        var swapped = valid
                        swapped.swapAt(position, position + 1)
                        #expect(BookingReference(String(swapped)) == nil, "\(String(valid))")
                    }
                }
            }
        }
    }

    /// The text with one position outside the pair changed so the reference is valid.
    private static func validCompletion(_ characters: [Character], free: Int, pair: Int) -> [Character]? {
        let adjustable = (0..<BookingReference.length).last { $0 != free && $0 != pair }
        guard let adjustable else { return nil }
        for candidate in alphabet {
            var attempt = characters
            attempt[adjustable] = candidate
            if BookingReference(String(attempt)) != nil { return attempt }
        }
        return nil
    }

    @Test(arguments: [
        "", "7KQ4M2X", "7KQ4M2XG2", "7KQ4M2X0", "0KQ4M2XG", "OKQ4M2XG", "1KQ4M2XG", "IKQ4M2XG", "LKQ4M2XG",
        "UKQ4M2XG", "ZKQ4M2XG", " 7KQ4M2XG", "7KQ4M2XG ", "7KQ4-M2XA", "7KQ4M2X-", "ÄKQ4M2XG", "7KQ4M2X\u{0}",
    ])
    func badTextIsRefused(_ text: String) {
        #expect(BookingReference(text) == nil)
    }

    @Test func generationIsDeterministicWithASeededGenerator() {
        #expect(references(count: 100, seed: 7) == references(count: 100, seed: 7))
        #expect(references(count: 100, seed: 7) != references(count: 100, seed: 8))
        #expect(Set(references(count: 1_000, seed: 3)).count == 1_000)
    }

    @Test func codableRoundTripAndRefusal() throws {
        for reference in references(count: 20, seed: 11) {
            let data = try JSONEncoder().encode([reference])
            #expect(String(decoding: data, as: UTF8.self) == "[\"\(reference.text)\"]")
            #expect(try JSONDecoder().decode([BookingReference].self, from: data) == [reference])
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([BookingReference].self, from: Data("[\"7KQ4M2XA\"]".utf8))
        }
    }
}
