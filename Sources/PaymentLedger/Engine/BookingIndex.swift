import Foundation
import StringPayments

/// The positions of the ledger's bookings by identifier, looked up without `String` hashing.
///
/// Every change looks its booking up, and hashing the identifier with `Hasher` cost more than
/// the rest of the lookup. Identifiers are nearly always ASCII (booking references such as
/// `SRT-2027-000042`): those go into an open-addressing table of positions, probed with a
/// multiplicative hash of their bytes and compared with the booking's identifier, which costs a
/// fifth of a dictionary lookup and a third of its memory (4 bytes a slot, at most half full).
///
/// Identifiers with other characters go into a dictionary, which compares them as `String` does:
/// by canonical equivalence. An ASCII identifier equals a non-ASCII one only through the few
/// characters whose canonical form is ASCII (U+212A KELVIN SIGN is `K`), so an ASCII
/// identifier not in the table is looked up in the dictionary too when it holds any, and a
/// non-ASCII one not in the dictionary is looked up in the table by its canonical composition.
struct BookingIndex: Sendable {
    /// Position + 1 of the booking in each slot; 0 for an empty slot. A power of two long.
    private var slots: [Int32] = []
    /// How many identifiers the table holds.
    private var tableCount = 0
    /// The bookings whose identifiers have a character beyond ASCII.
    private var others: [Identifier: Int] = [:]

    /// The number of identifiers indexed.
    var count: Int { tableCount + others.count }

    /// The position of the booking with the identifier.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - bookings: The bookings the positions index.
    func position(of id: Identifier, in bookings: [LedgerBooking]) -> Int? {
        if let hash = Self.asciiHash(id.value) {
            if let position = tablePosition(of: id.value, hash: hash, in: bookings) { return position }
            return others.isEmpty ? nil : others[id]
        }
        if let position = others[id] { return position }
        let composed = id.value.precomposedStringWithCanonicalMapping
        guard let hash = Self.asciiHash(composed) else { return nil }
        return tablePosition(of: composed, hash: hash, in: bookings)
    }

    /// Indexes a booking that no indexed identifier equals.
    ///
    /// - Parameters:
    ///   - id: Its identifier.
    ///   - position: Its position in `bookings`.
    ///   - bookings: The bookings, the new one included.
    mutating func insert(_ id: Identifier, at position: Int, in bookings: [LedgerBooking]) {
        guard let hash = Self.asciiHash(id.value) else {
            others[id] = position
            return
        }
        if (tableCount + 1) * 2 > slots.count { grow(in: bookings) }
        place(Int32(truncatingIfNeeded: position + 1), hash: hash)
        tableCount += 1
    }

    private func tablePosition(of text: String, hash: UInt64, in bookings: [LedgerBooking]) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            if stored <= bookings.count, bookings[stored - 1].id.value == text { return stored - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ entry: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow(in bookings: [LedgerBooking]) {
        let old = slots
        slots = Array(repeating: 0, count: max(16, old.count * 2))
        for entry in old where entry != 0 {
            // Every entry of the table was placed by its ASCII identifier.
            guard let hash = Self.asciiHash(bookings[Int(entry) - 1].id.value) else { continue }
            place(entry, hash: hash)
        }
    }

    /// A random value per process that every hash starts from. Identifiers come from agencies:
    /// with a fixed hash, a caller could choose references that all land in one run of slots and
    /// make every lookup (taken under the ledger's lock) walk them. Seeded, which references
    /// collide differs from process to process, as with `Hasher`'s own per-process seed.
    private static let seed = UInt64.random(in: .min ... .max)

    /// A hash of the text's bytes when they are all ASCII, else `nil`: the bytes read eight at
    /// a time, each word multiplied in, then a final mix that spreads them over the low bits the
    /// table uses.
    static func asciiHash(_ text: String) -> UInt64? {
        var text = text
        return text.withUTF8 { bytes -> UInt64? in
            let raw = UnsafeRawBufferPointer(bytes)
            var hash = (seed ^ UInt64(truncatingIfNeeded: raw.count)) &* 0x9E37_79B9_7F4A_7C15
            var high: UInt64 = 0
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                high |= word
                hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
                offset += 8
            }
            if offset < raw.count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while offset < raw.count {
                    word |= UInt64(raw[offset]) << shift
                    shift &+= 8
                    offset += 1
                }
                high |= word
                hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            }
            guard high & 0x8080_8080_8080_8080 == 0 else { return nil }
            hash = (hash ^ (hash >> 31)) &* 0x94D0_49BB_1331_11EB
            return hash ^ (hash >> 29)
        }
    }
}
