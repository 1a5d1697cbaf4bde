/// What a coder learned about each type, looked up by metatype identity.
///
/// A direct-mapped table indexed by the metadata address answers the common case with one
/// comparison; types whose slot is taken go to a short list. Nothing here affects output order.
struct XMLTypeCache<Value> {
    private struct Entry {
        var type: ObjectIdentifier
        var value: Value
    }

    private static var slotCount: Int { 64 }
    private var slots: [Entry?] = Array(repeating: nil, count: 64)
    private var overflow: [Entry] = []

    @inline(__always)
    private static func slot(of type: ObjectIdentifier) -> Int {
        Int(truncatingIfNeeded: UInt(bitPattern: type) &>> 4) & (slotCount - 1)
    }

    @inline(__always)
    func value(for type: ObjectIdentifier) -> Value? {
        if let entry = slots[Self.slot(of: type)], entry.type == type {
            return entry.value
        }
        for entry in overflow where entry.type == type {
            return entry.value
        }
        return nil
    }

    /// Every value stored, in no particular order.
    var values: [Value] {
        slots.compactMap { $0?.value } + overflow.map(\.value)
    }

    /// Stores or replaces the value for `type`.
    mutating func set(_ value: Value, for type: ObjectIdentifier) {
        let slot = Self.slot(of: type)
        if slots[slot] == nil || slots[slot]?.type == type {
            slots[slot] = Entry(type: type, value: value)
            return
        }
        if let index = overflow.firstIndex(where: { $0.type == type }) {
            overflow[index].value = value
        } else {
            overflow.append(Entry(type: type, value: value))
        }
    }
}
