import Foundation

/// Word-at-a-time scans of a value's UTF-8 bytes, for the compiled schema checks: most values of a
/// message are short ASCII words without white space, and these scans let the checks learn that
/// eight bytes at a time instead of one.
enum XMLSchemaValueScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte is at most 0x20: white space (space, tab, CR, LF), or a control character
    /// (which well-formed XML text does not hold).
    static func containsSpace(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = value.baseAddress else { return false }
        let count = value.count
        var index = 0
        while index &+ 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // A byte below 0x21 (the bit-twiddling "has less than n" test, exact for n ≤ 128).
            if (word &- ones &* 0x21) & ~word & highBits != 0 { return true }
            index &+= 8
        }
        while index < count {
            if base[index] <= 0x20 { return true }
            index &+= 1
        }
        return false
    }

    /// The number of characters: every byte that does not continue a UTF-8 sequence.
    static func characterCount(_ value: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = value.baseAddress else { return 0 }
        let count = value.count
        var characters = 0
        var index = 0
        while index &+ 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & highBits == 0 {
                characters &+= 8
            } else {
                // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear.
                let continuations = word & ~(word << 1) & highBits
                characters &+= 8 &- continuations.nonzeroBitCount
            }
            index &+= 8
        }
        while index < count {
            if base[index] & 0xC0 != 0x80 { characters &+= 1 }
            index &+= 1
        }
        return characters
    }

    /// Whether the bytes are equal.
    static func equal(_ bytes: [UInt8], _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == value.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            guard let left = stored.baseAddress, let right = value.baseAddress else { return true }
            return memcmp(left, right, value.count) == 0
        }
    }
}
