/// Where a keyed decoding container reads: its element and the lookup state of its keys.
///
/// A class, so that a reused container (see ``XMLKeyedDecodingSlot``) can be pointed at the
/// next element without building a new `KeyedDecodingContainer` box.
final class XMLKeyedDecodingState {
    /// The element whose children and attributes the keys name.
    @exclusivity(unchecked) var node: Int32
    let table: XMLKeyTable
    /// The position in ``XMLKeyTable/ordered`` that probably holds the next key asked for.
    @exclusivity(unchecked) var cursor = 0
    /// The child to search from next: keys are usually asked in document order, so the search
    /// for a child starts after the previous match instead of at the first child.
    @exclusivity(unchecked) var hint: Int32
    /// One bit per name index (modulo 64) of every child before ``hint``. A name whose bit is
    /// clear cannot occur before the hint, so the first match after it is the first match.
    @exclusivity(unchecked) var passedNames: UInt64 = 0

    init(node: Int32, firstChild: Int32, table: XMLKeyTable) {
        self.node = node
        self.hint = firstChild
        self.table = table
    }

    @inline(__always)
    func reset(node: Int32, firstChild: Int32) {
        self.node = node
        hint = firstChild
        passedNames = 0
        cursor = 0
    }
}

/// A keyed decoding container kept for reuse.
///
/// Making a `KeyedDecodingContainer<Key>` costs two generic-metadata lookups and a heap box;
/// elements of one type repeat thousands of times in a document. A slot is claimed when a
/// decoder's `container(keyedBy:)` is asked for one, and freed when the `init(from:)` that
/// claimed it returns, so a container is never re-pointed while the code it was handed to runs.
final class XMLKeyedDecodingSlot<Key: CodingKey> {
    let state: XMLKeyedDecodingState
    let container: KeyedDecodingContainer<Key>

    init(context: XMLDecodingContext, state: XMLKeyedDecodingState) {
        self.state = state
        self.container = KeyedDecodingContainer(XMLKeyedDecodingContainer<Key>(context: context, state: state))
    }
}
