/// How the keys of one `CodingKeys` type map to the document: node kind, namespace and the
/// document's interned name, looked up once per key instead of cast and hashed on every access.
///
/// One table per key type and decode call. It also keeps the type's keyed containers that are
/// free for reuse (see ``XMLKeyedDecodingSlot``).
final class XMLKeyTable {
    struct Entry {
        var kind: XMLNodeKind
        /// The namespace index the element or attribute must have: ``inheritedNamespace`` for the
        /// owning element's namespace (elements) or no namespace (attributes), -2 when the
        /// document has no such namespace, otherwise the index itself.
        var namespace: Int32
        /// The name's index in the document, or -2 when the document has no such name.
        var name: Int32
    }

    /// ``Entry/namespace`` for ``XMLKeyNamespace/inherited``.
    static let inheritedNamespace: Int32 = -1

    /// The key type as an ``XMLCodingKey`` type, or nil when its keys are plain elements.
    let xmlKeyType: (any XMLCodingKey.Type)?
    /// Every key seen, by name, with its position in ``ordered``: made only once a type has more
    /// than ``linearSearchLimit`` keys, since below that comparing the (small) key strings costs
    /// less than hashing them and building the dictionary cost more than the rest of the table.
    @exclusivity(unchecked) var positions: [String: Int] = [:]
    /// Up to this many keys, ``position(of:)`` compares strings instead of hashing.
    static let linearSearchLimit = 16
    /// The keys in the order they were first asked for. Types ask for their keys in the same
    /// order for every element, so a cursor into this list usually predicts the next key and
    /// a string comparison replaces hashing.
    @exclusivity(unchecked) var ordered: [(text: String, entry: Entry)] = []
    /// Containers of this key type whose element is finished, ready to be pointed at another.
    @exclusivity(unchecked) var freeSlots: [AnyObject] = []
    /// How many containers of this key type the decode asked for: the first is made plainly,
    /// since most types of a small message occur once and a reusable slot costs more to make.
    @exclusivity(unchecked) var containerCount = 0

    init(xmlKeyType: (any XMLCodingKey.Type)?) {
        self.xmlKeyType = xmlKeyType
    }

    /// Where the key named `text` is in ``ordered``, or nil when it was not asked for yet.
    @inline(__always)
    func position(of text: String) -> Int? {
        if ordered.count <= Self.linearSearchLimit {
            return ordered.firstIndex { $0.text == text }
        }
        return positions[text]
    }

    /// Adds a key asked for the first time.
    func append(_ text: String, _ entry: Entry) {
        ordered.append((text, entry))
        if ordered.count > Self.linearSearchLimit {
            if positions.isEmpty {
                for (index, key) in ordered.enumerated() { positions[key.text] = index }
            } else {
                positions[text] = ordered.count - 1
            }
        }
    }
}
