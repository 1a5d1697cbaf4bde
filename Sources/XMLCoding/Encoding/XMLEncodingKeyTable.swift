/// A coding key's XML representation, as the encoder needs it for every value it writes.
struct XMLKeyRepresentation {
    /// The key's `stringValue`: the element or attribute's local name.
    var name: String
    var kind: XMLNodeKind
    var namespace: XMLKeyNamespace
    /// Whether ``name`` is an NCName, checked once when the key was first seen.
    var isNCName: Bool
}

/// What the keys of one `CodingKeys` type are in XML, worked out once per key and encoding.
///
/// The node kind and namespace come from ``XMLCodingKey`` through a dynamic conformance; the
/// name check scans the name's bytes. Both were paid for every value written; here they are
/// paid once per key, and a keyed container finds the next key with one string comparison
/// (see `XMLContainerTarget.cursor`).
final class XMLEncodingKeyTable {
    /// `Key.self` when it is an ``XMLCodingKey``.
    let declaredKeyType: (any XMLCodingKey.Type)?
    /// The keys in the order they were first encoded.
    @exclusivity(unchecked) private(set) var entries: [XMLKeyRepresentation] = []
    /// Each key's position in ``entries``, by name.
    @exclusivity(unchecked) private var positions: [String: Int] = [:]

    init(declaredKeyType: (any XMLCodingKey.Type)?) {
        self.declaredKeyType = declaredKeyType
    }

    /// The position of `key` (whose `stringValue` is `name`) in ``entries``, adding it when new.
    func position<Key: CodingKey>(of key: Key, named name: String) -> Int {
        if let position = positions[name] { return position }
        var representation = XMLKeyRepresentation(
            name: name, kind: .element, namespace: .inherited, isNCName: XMLWriter.isNCName(name))
        if let declaredKeyType {
            representation.kind = Self.nodeKind(of: key, declaredAs: declaredKeyType)
            representation.namespace = Self.namespace(of: key, declaredAs: declaredKeyType)
        }
        entries.append(representation)
        positions[name] = entries.count - 1
        return entries.count - 1
    }

    private static func nodeKind<Key: CodingKey, Declared: XMLCodingKey>(
        of key: Key, declaredAs type: Declared.Type
    ) -> XMLNodeKind {
        _identityCast(key, to: Declared.self).xmlNodeKind
    }

    private static func namespace<Key: CodingKey, Declared: XMLCodingKey>(
        of key: Key, declaredAs type: Declared.Type
    ) -> XMLKeyNamespace {
        _identityCast(key, to: Declared.self).xmlNamespace
    }
}
