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

    let declaresXML: Bool
    /// Every key seen, by name, with its position in ``ordered``.
    @exclusivity(unchecked) var positions: [String: Int] = [:]
    /// The keys in the order they were first asked for. Types ask for their keys in the same
    /// order for every element, so a cursor into this list usually predicts the next key and
    /// a string comparison replaces hashing.
    @exclusivity(unchecked) var ordered: [(text: String, entry: Entry)] = []
    /// Containers of this key type whose element is finished, ready to be pointed at another.
    @exclusivity(unchecked) var freeSlots: [AnyObject] = []
    /// How many containers of this key type the decode asked for: the first is made plainly,
    /// since most types of a small message occur once and a reusable slot costs more to make.
    @exclusivity(unchecked) var containerCount = 0

    init(declaresXML: Bool) {
        self.declaresXML = declaresXML
    }
}
