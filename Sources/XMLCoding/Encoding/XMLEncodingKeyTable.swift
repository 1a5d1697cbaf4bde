import Synchronization

/// A coding key's XML representation, as the encoder needs it for every value it writes.
///
/// A class, immutable once made: a keyed container hands the representation of its key table's
/// entry to the encoder for every value, and copying a struct of two strings (the name and a
/// namespace URI) out of the table cost two retains, two releases and an outlined copy of the
/// namespace enumeration each time; a reference costs one retain at most.
final class XMLKeyRepresentation: Sendable {
    /// The key's `stringValue`: the element or attribute's local name.
    let name: String
    let kind: XMLNodeKind
    let namespace: XMLKeyNamespace
    /// Whether ``name`` is an NCName, checked once when the key was first seen.
    let isNCName: Bool
    /// Set for a key used from a thread that does not own the encoder (a container kept past
    /// its encoding): the encoder refuses the operation before touching anything.
    let isRefused: Bool

    init(name: String, kind: XMLNodeKind, namespace: XMLKeyNamespace, isNCName: Bool, isRefused: Bool = false) {
        self.name = name
        self.kind = kind
        self.namespace = namespace
        self.isNCName = isNCName
        self.isRefused = isRefused
    }
}

/// What the keys of one `CodingKeys` type are in XML, worked out once per key and encoding.
///
/// The node kind and namespace come from ``XMLCodingKey`` (``XMLKeyDeclaration``); the
/// name check scans the name's bytes. Both were paid for every value written; here they are
/// paid once per key, and a keyed container finds the next key with one string comparison
/// (see `XMLContainerTarget.cursor`).
final class XMLEncodingKeyTable {
    /// The keys earlier encodings learned, per key type, for the whole process: a key's
    /// representation depends on its type alone, and a service encodes the same few message
    /// types over and over, so each key is worked out once per process rather than once per
    /// message. Key types with more than ``sharedKeyLimit`` keys (dictionaries with run-time
    /// keys, say) are not shared, so that the table cannot grow without bound.
    private static let learned = Mutex<[ObjectIdentifier: LearnedKeys]>([:])
    static let sharedKeyLimit = 64

    /// What the process knows about one key type.
    private struct LearnedKeys {
        /// Whether the type is keyed by name (see ``isKeyedByName``): a conformance lookup that
        /// scans every conformance record of the process when the runtime's cache misses, which
        /// it did for every encoding (about 90,000 instructions a key type).
        var isKeyedByName: Bool
        /// The keys learned so far (only for types keyed by name).
        var entries: [XMLKeyRepresentation]
    }

    /// Whether a key's name tells everything about it: true for enumerations with raw values
    /// (every `CodingKeys` declared as `enum CodingKeys: String, XMLCodingKey`), whose cases
    /// carry nothing else. A key type with stored properties may give one name different
    /// kinds or namespaces, so its keys are worked out on every use instead.
    let isKeyedByName: Bool

    /// `Key.self` when it is an ``XMLCodingKey``.
    let declaredKeyType: (any XMLCodingKey.Type)?
    private let type: ObjectIdentifier
    /// How many of ``entries`` the process already knows (from ``learned`` or published).
    private var learnedCount: Int
    /// The keys in the order they were first encoded. Searched linearly when the cursor misses:
    /// a type has a few dozen keys at most, and a dictionary cost more to fill than it saved on
    /// the small documents a service encodes.
    @exclusivity(unchecked) private(set) var entries: [XMLKeyRepresentation] = []

    init<Key: CodingKey>(_ keyType: Key.Type, declaredKeyType: (any XMLCodingKey.Type)?) {
        self.declaredKeyType = declaredKeyType
        let type = ObjectIdentifier(Key.self)
        self.type = type
        let learned = Self.learned.withLock { learned in
            if let known = learned[type] { return known }
            let known = LearnedKeys(
                isKeyedByName: Key.self is any RawRepresentable.Type && Self.isEnumeration(Key.self), entries: [])
            learned[type] = known
            return known
        }
        isKeyedByName = learned.isKeyedByName
        entries = learned.entries
        learnedCount = entries.count
    }

    /// Whether `type` is an enumeration: a raw-value enumeration's cases have no payloads.
    private static func isEnumeration<Key>(_ type: Key.Type) -> Bool {
        // The metadata kind, a stable part of the Swift ABI: 0x201 is an enumeration.
        let metadata = unsafeBitCast(Key.self as Any.Type, to: UnsafeRawPointer.self)
        return metadata.load(as: Int.self) == 0x201
    }

    /// `key`'s representation, worked out now (for key types not keyed by name).
    func representation<Key: CodingKey>(of key: Key, isRefused: Bool = false) -> XMLKeyRepresentation {
        representation(of: key, named: key.stringValue, isNCName: false, isRefused: isRefused)
    }

    /// `key`'s representation: an element in the owner's namespace unless its type declares
    /// otherwise.
    private func representation<Key: CodingKey>(
        of key: Key, named name: String, isNCName: Bool, isRefused: Bool = false
    ) -> XMLKeyRepresentation {
        var kind = XMLNodeKind.element
        var namespace = XMLKeyNamespace.inherited
        if let declaredKeyType, let facts = XMLKeyDeclaration.facts(of: key, as: declaredKeyType) {
            kind = facts.kind
            namespace = facts.namespace
        }
        return XMLKeyRepresentation(
            name: name, kind: kind, namespace: namespace, isNCName: isNCName, isRefused: isRefused)
    }

    /// Shares the keys this encoding learned with later encodings.
    func publish() {
        guard isKeyedByName, entries.count > learnedCount, entries.count <= Self.sharedKeyLimit else { return }
        let entries = self.entries
        learnedCount = entries.count
        let type = self.type
        Self.learned.withLock { learned in
            if (learned[type]?.entries.count ?? 0) < entries.count {
                learned[type] = LearnedKeys(isKeyedByName: true, entries: entries)
            }
        }
    }

    /// The position of `key` (whose `stringValue` is `name`) in ``entries``, adding it when new.
    func position<Key: CodingKey>(of key: Key, named name: String) -> Int {
        for position in entries.indices where entries[position].name == name {
            return position
        }
        entries.append(representation(of: key, named: name, isNCName: XMLWriter.isNCName(name)))
        return entries.count - 1
    }
}
