import Foundation
import TestSupport
import Testing

@testable import XMLCoding

/// The word-at-a-time scans the compiled schema checks use give the answers of the plain
/// byte-by-byte loops they replace, on values of every length around the word size, with and
/// without white space, control characters and multi-byte UTF-8.
@Suite struct XMLSchemaValueScanTests {
    /// Bytes a value is drawn from: ASCII letters and digits, white space, a control character,
    /// the bytes next to the 0x20 boundary, and UTF-8 lead and continuation bytes.
    static let alphabet: [UInt8] = [
        0x41, 0x7A, 0x30, 0x39, 0x20, 0x09, 0x0A, 0x0D, 0x01, 0x1F, 0x21, 0x7F, 0xC3, 0xA4, 0xE2, 0x82, 0xAC, 0xF0,
        0x9F, 0x80, 0xBF, 0xFF,
    ]

    static func values() -> [[UInt8]] {
        var generator = SeededGenerator(seed: 0x5CA1_AB1E)
        var values: [[UInt8]] = [[], [0x20], Array("EUR".utf8), Array("2026-12-07".utf8), Array("Grüße".utf8)]
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...40, using: &generator)
            // Mostly plain words, as messages hold; sometimes any byte of the alphabet.
            let plain = Bool.random(using: &generator)
            values.append(
                (0..<count).map { _ in
                    plain
                        ? alphabet[Int.random(in: 0...3, using: &generator)]
                        : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
        }
        return values
    }

    @Test func containsSpaceFindsEveryByteUpTo0x20() {
        for value in Self.values() {
            let expected = value.contains { $0 <= 0x20 }
            let found = value.withUnsafeBufferPointer { XMLSchemaValueScan.containsSpace($0) }
            #expect(found == expected, "\(value)")
        }
    }

    @Test func characterCountCountsBytesThatDoNotContinueASequence() {
        for value in Self.values() {
            let expected = value.filter { $0 & 0xC0 != 0x80 }.count
            let counted = value.withUnsafeBufferPointer { XMLSchemaValueScan.characterCount($0) }
            #expect(counted == expected, "\(value)")
        }
    }

    @Test func equalComparesLengthAndEveryByte() {
        let values = Self.values()
        for (index, value) in values.enumerated() {
            let other = values[(index * 7 + 3) % values.count]
            var changed = value
            if !changed.isEmpty { changed[changed.count / 2] ^= 0x01 }
            for candidate in [value, other, changed, Array(value.dropLast())] {
                let equal = candidate.withUnsafeBufferPointer { XMLSchemaValueScan.equal(value, $0) }
                #expect(equal == (candidate == value), "\(value) vs \(candidate)")
            }
        }
    }

    @Test func needsCollapsingAgreesWithCollapsing() {
        for value in Self.values() {
            value.withUnsafeBufferPointer { bytes in
                let needs = XMLSchemaSimpleType.needsCollapsing(bytes)
                #expect(needs == (XMLSchemaSimpleType.collapsed(bytes) != value), "\(value)")
            }
        }
    }
}
