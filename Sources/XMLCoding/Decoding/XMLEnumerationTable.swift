import Foundation

/// The cases of one ``XMLEnumeration`` type by the UTF-8 bytes of their raw values, so that a
/// value is matched against the arena's bytes without making a `String` or collapsing white space.
///
/// Not generic, so that finding the table costs no generic-metadata lookup: the values are kept
/// in raw memory, written and read as the enumeration type by the generic functions below, which
/// receive that type from their caller.
///
/// Only raw values that are already in collapsed form are listed; text that matches none of
/// them goes the slow way (collapse, then `init(rawValue:)`), which also produces the error.
final class XMLEnumerationTable {
    private let rawValues: [[UInt8]]
    private let values: UnsafeMutableRawPointer
    private let destroyValues: (UnsafeMutableRawPointer) -> Void

    init<E: XMLEnumeration>(_ type: E.Type) {
        let cases = E.allCases.filter { XMLWhitespace.collapse($0.rawValue) == $0.rawValue }
        rawValues = cases.map { Array($0.rawValue.utf8) }
        let count = cases.count
        let typed = UnsafeMutablePointer<E>.allocate(capacity: max(1, count))
        typed.initialize(from: cases, count: count)
        values = UnsafeMutableRawPointer(typed)
        destroyValues = { pointer in
            let typed = pointer.assumingMemoryBound(to: E.self)
            typed.deinitialize(count: count)
            typed.deallocate()
        }
    }

    deinit {
        destroyValues(values)
    }

    /// The case whose raw value is exactly `bytes`, if any. `E` must be the type the table was
    /// made for.
    @inline(__always)
    func value<E: XMLEnumeration>(matching bytes: UnsafeBufferPointer<UInt8>, as type: E.Type) -> E? {
        guard let index = index(matching: bytes) else { return nil }
        return values.assumingMemoryBound(to: E.self)[index]
    }

    private func index(matching bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return nil }
        let first = base.pointee
        for index in rawValues.indices {
            let matches = rawValues[index].withUnsafeBufferPointer { raw -> Bool in
                guard raw.count == count, let rawBase = raw.baseAddress, rawBase.pointee == first else { return false }
                return memcmp(rawBase, base, count) == 0
            }
            if matches { return index }
        }
        return nil
    }
}
