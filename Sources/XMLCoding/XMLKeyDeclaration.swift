/// What a `CodingKeys` type declares about XML, learned once per process: whether it is an
/// ``XMLCodingKey`` (a runtime conformance lookup of several hundred instructions, which every
/// coding call of a small message otherwise made for each key type it met). The decoder and the
/// encoder share what they learn.
struct XMLKeyDeclaration {
    var xmlKeyType: (any XMLCodingKey.Type)?

    init<Key: CodingKey>(_ type: Key.Type) {
        xmlKeyType = Key.self as? any XMLCodingKey.Type
    }

    /// The key declarations every coding call in the process has worked out.
    static let learned = XMLLearnedTypes<XMLKeyDeclaration>()

    /// The node kind and namespace `key` declares, read through the key's own type: no dynamic
    /// cast of the key value. Nil when `Key` is not `XMLKey`.
    static func facts<Key: CodingKey, XMLKey: XMLCodingKey>(
        of key: Key, as type: XMLKey.Type
    ) -> (kind: XMLNodeKind, namespace: XMLKeyNamespace)? {
        guard Key.self == XMLKey.self else { return nil }
        let xmlKey = _identityCast(key, to: XMLKey.self)
        return (xmlKey.xmlNodeKind, xmlKey.xmlNamespace)
    }
}
