/// What a coder learned about each type, looked up by metatype identity.
///
/// A direct-mapped table indexed by the metadata address answers the common case with one
/// comparison; types whose slot is taken are found by a search of the stored entries. Nothing
/// here affects output order.
///
/// The table holds only plain integers (each slot: the type's address and where its entry is), so
/// that making and freeing a cache, once per coding call, is two block copies and no per-slot
/// work: a table of optional generic entries cost about 29,000 instructions a call just to free
/// (the runtime destroyed each of its 64 slots through the generic value witnesses).
struct XMLTypeCache<Value> {
    private struct Entry {
        var type: ObjectIdentifier
        var value: Value
    }

    /// A slot of the direct-mapped table: the type's address (0 when empty) and its entry's index.
    private struct Slot {
        var type: UInt
        var entry: Int
    }

    private static var slotCount: Int { 64 }
    private var slots: [Slot] = Array(repeating: Slot(type: 0, entry: 0), count: 64)
    /// Every stored entry, in the order stored.
    private var entries: [Entry] = []

    @inline(__always)
    private static func slot(of type: ObjectIdentifier) -> Int {
        Int(truncatingIfNeeded: UInt(bitPattern: type) &>> 4) & (slotCount - 1)
    }

    @inline(__always)
    func value(for type: ObjectIdentifier) -> Value? {
        let slot = slots[Self.slot(of: type)]
        if slot.type == UInt(bitPattern: type) {
            return entries[slot.entry].value
        }
        return slowValue(for: type)
    }

    /// The entry of a type whose slot another type holds, or nil.
    private func slowValue(for type: ObjectIdentifier) -> Value? {
        for entry in entries where entry.type == type {
            return entry.value
        }
        return nil
    }

    /// Every value stored, in the order stored.
    var values: [Value] {
        entries.map(\.value)
    }

    /// Stores or replaces the value for `type`.
    mutating func set(_ value: Value, for type: ObjectIdentifier) {
        let slot = Self.slot(of: type)
        let address = UInt(bitPattern: type)
        if slots[slot].type == address {
            entries[slots[slot].entry].value = value
            return
        }
        if let index = entries.firstIndex(where: { $0.type == type }) {
            entries[index].value = value
            return
        }
        entries.append(Entry(type: type, value: value))
        if slots[slot].type == 0 {
            slots[slot] = Slot(type: address, entry: entries.count - 1)
        }
    }
}
