/// What one `Decoder` instance reads from: indices only, so that a decoder value (context plus
/// source) fits the three-word inline buffer of `any Decoder` and passing it allocates nothing.
enum XMLDecodingSource {
    /// An element: keyed containers read its children and attributes, a single value its text.
    case element(Int32)
    /// A text value: the element's text (`attribute` -1) or one of its attributes: only a single value.
    case text(node: Int32, attribute: Int32)
    /// The sibling elements named `name` under `parent`: an unkeyed container (an array).
    case repeated(parent: Int32, name: Int32, namespace: Int32)
}

/// The `Decoder` handed to `init(from:)`. A cheap value: the state lives in the context.
struct XMLDecoderImplementation: Decoder {
    let context: XMLDecodingContext
    let source: XMLDecodingSource

    var codingPath: [any CodingKey] {
        switch source {
        case .element(let node):
            return context.codingPath(of: node).map(XMLPathKey.init)
        case .text(let node, let attribute):
            let source = context.textSource(node: node, attribute: attribute)
            return (context.codingPath(of: node) + (source.attributeName.map { [$0] } ?? [])).map(XMLPathKey.init)
        case .repeated(let parent, let name, _):
            let key = name >= 0 ? context.storage.names[Int(name)] : "?"
            return (context.codingPath(of: parent) + [key]).map(XMLPathKey.init)
        }
    }

    var userInfo: [CodingUserInfoKey: Any] { context.decoderUserInfo }

    var node: Int32 {
        switch source {
        case .element(let node): return node
        case .text(let node, _): return node
        case .repeated(let parent, _, _): return parent
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .element(let node) = source else {
            throw mismatch("a structure where a simple value or a list belongs")
        }
        return context.keyedContainer(Key.self, node: node)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try elementsContainer()
    }

    /// ``unkeyedContainer()`` as its concrete type.
    func elementsContainer() throws -> XMLUnkeyedDecodingContainer {
        switch source {
        case .repeated(let parent, let name, let namespace):
            return XMLUnkeyedDecodingContainer(decoder: self, parent: parent, name: name, namespace: namespace)
        case .element(let node):
            return XMLUnkeyedDecodingContainer(decoder: self, parent: node, name: nil, namespace: nil)
        case .text:
            throw mismatch("a list where a simple value belongs")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        XMLSingleValueDecodingContainer(decoder: self)
    }

    func mismatch(_ what: String) -> XMLCodingError {
        context.locatedError(
            .typeMismatch, "the type expects \(what)",
            XMLTextSource(start: 0, length: 0, node: node, attributeName: nil))
    }
}

/// A coding-path component rebuilt from element names.
struct XMLPathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ text: String) {
        stringValue = text
        intValue = text.hasPrefix("Index ") ? Int(text.dropFirst(6)) : nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

// MARK: - Keyed

struct XMLKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let context: XMLDecodingContext
    /// The element and the key lookup state; shared with the reusable slot that made this
    /// container, which points it at the next element of the type once this one is decoded.
    let state: XMLKeyedDecodingState

    init(context: XMLDecodingContext, state: XMLKeyedDecodingState) {
        self.context = context
        self.state = state
    }

    @inline(__always)
    private var node: Int32 { state.node }

    var decoder: XMLDecoderImplementation {
        XMLDecoderImplementation(context: context, source: .element(state.node))
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        let storage = context.storage
        var keys: [Key] = []
        var seen: Set<String> = []
        var child = storage.firstChild(of: node)
        while child >= 0 {
            let name = storage.name(of: child)
            if name >= 0 {
                let text = storage.names[Int(name)]
                if seen.insert(text).inserted, let key = Key(stringValue: text) { keys.append(key) }
            }
            child = storage.nodes[Int(child)].nextSibling
        }
        for index in storage.attributeRange(of: node) {
            let text = storage.names[Int(storage.attributes[Int(index)].name)]
            if seen.insert(text).inserted, let key = Key(stringValue: text) { keys.append(key) }
        }
        return keys
    }

    @inline(__always)
    private func representation(of key: Key) -> XMLKeyTable.Entry {
        context.keyEntry(key, in: state)
    }

    @inline(__always)
    private func element(for entry: XMLKeyTable.Entry) -> Int32? {
        guard entry.name >= 0 else { return nil }
        return context.child(named: entry, in: state)
    }

    @inline(__always)
    private func attribute(for entry: XMLKeyTable.Entry) -> Int32? {
        guard entry.name >= 0 else { return nil }
        let namespace =
            entry.namespace == XMLKeyTable.inheritedNamespace ? XMLDocumentStorage.noNamespace : entry.namespace
        return context.attribute(of: node, name: entry.name, namespace: namespace)
    }

    func contains(_ key: Key) -> Bool {
        let entry = representation(of: key)
        switch entry.kind {
        case .element: return element(for: entry) != nil
        case .attribute: return attribute(for: entry) != nil
        case .text: return true
        case .otherElements: return true
        }
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        let entry = representation(of: key)
        switch entry.kind {
        case .element:
            guard let child = element(for: entry) else { return true }
            if context.isNil(child) {
                context.markDecoded(child)
                return true
            }
            return false
        case .attribute:
            return attribute(for: entry) == nil
        case .text, .otherElements:
            return false
        }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let entry = representation(of: key)
        switch entry.kind {
        case .element:
            if case .repeated = context.simpleKind(of: T.self) {
                return try decodeRepeated(T.self, key: key, entry: entry)
            }
            guard let child = element(for: entry) else {
                throw missing(.missingElement, "required element '\(key.stringValue)' is missing", key: key)
            }
            if context.isNil(child) {
                context.markDecoded(child)
                throw context.locatedError(
                    .missingElement, "required element '\(key.stringValue)' is nil",
                    XMLTextSource(start: 0, length: 0, node: child))
            }
            return try context.decodeValue(T.self, element: child)
        case .attribute:
            guard let index = attribute(for: entry) else {
                throw missing(.missingAttribute, "required attribute '\(key.stringValue)' is missing", key: key)
            }
            return try context.decodeSimpleValue(T.self, from: context.textSource(ofAttribute: index, owner: node))
        case .text:
            return try context.decodeSimpleValue(T.self, from: context.textSource(of: node))
        case .otherElements:
            return try decodeOtherElements(T.self, key: key)
        }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeOptional(T.self, forKey: key)
    }

    /// `decodeIfPresent`, under a name the standard-type overloads below do not shadow.
    @inline(__always)
    private func decodeOptional<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let entry = representation(of: key)
        switch entry.kind {
        case .element:
            if case .repeated = context.simpleKind(of: T.self) {
                guard element(for: entry) != nil else { return nil }
                return try decodeRepeated(T.self, key: key, entry: entry)
            }
            guard let child = element(for: entry) else { return nil }
            if context.isNil(child) {
                context.markDecoded(child)
                return nil
            }
            return try context.decodeValue(T.self, element: child)
        case .attribute:
            guard let index = attribute(for: entry) else { return nil }
            return try context.decodeSimpleValue(T.self, from: context.textSource(ofAttribute: index, owner: node))
        case .text:
            let record = context.storage.nodes[Int(node)]
            guard record.textLength > 0 else { return nil }
            return try context.decodeSimpleValue(T.self, from: context.textSource(of: node))
        case .otherElements:
            return try decodeOtherElements(T.self, key: key)
        }
    }

    // The protocol's default `decodeIfPresent` for each standard type asks `contains`, then
    // `decodeNil`, then `decode`: three key lookups and child searches where one does.

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try decodeOptional(Bool.self, forKey: key)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try decodeOptional(String.self, forKey: key)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try decodeOptional(Double.self, forKey: key)
    }

    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try decodeOptional(Float.self, forKey: key)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeOptional(Int.self, forKey: key)
    }

    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try decodeOptional(Int8.self, forKey: key)
    }

    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try decodeOptional(Int16.self, forKey: key)
    }

    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try decodeOptional(Int32.self, forKey: key)
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try decodeOptional(Int64.self, forKey: key)
    }

    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try decodeOptional(UInt.self, forKey: key)
    }

    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try decodeOptional(UInt8.self, forKey: key)
    }

    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try decodeOptional(UInt16.self, forKey: key)
    }

    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try decodeOptional(UInt32.self, forKey: key)
    }

    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try decodeOptional(UInt64.self, forKey: key)
    }

    private func decodeRepeated<T: Decodable>(_ type: T.Type, key: Key, entry: XMLKeyTable.Entry) throws -> T {
        let name = entry.name
        let namespaceIndex = context.elementNamespace(of: entry, owner: node)
        let nested = XMLDecoderImplementation(
            context: context,
            source: .repeated(parent: node, name: name, namespace: namespaceIndex))
        do {
            if case .repeated(let repeatedType) = context.simpleKind(of: T.self),
                let elements = try repeatedType.decodeRepeatedElements(from: nested) as? T
            {
                return elements
            }
            return try T(from: nested)
        } catch {
            throw context.codingError(error, node: node)
        }
    }

    private func decodeOtherElements<T>(_ type: T.Type, key: Key) throws -> T {
        let storage = context.storage
        var elements: [XMLAnyElement] = []
        var child = storage.firstChild(of: node)
        while child >= 0 {
            if !storage.isText(child) && !context.isDecoded(child) {
                elements.append(context.anyElement(child))
                context.markKeptAsOther(child)
                markDescendantsKept(child)
            }
            child = storage.nodes[Int(child)].nextSibling
        }
        guard let result = elements as? T else {
            throw missing(
                .typeMismatch, "a key of kind otherElements must have the type [XMLAnyElement]", key: key)
        }
        return result
    }

    private func markDescendantsKept(_ node: Int32) {
        var child = context.storage.firstChild(of: node)
        while child >= 0 {
            context.markKeptAsOther(child)
            markDescendantsKept(child)
            child = context.storage.nodes[Int(child)].nextSibling
        }
    }

    private func missing(_ code: XMLCodingError.Code, _ message: String, key: Key) -> XMLCodingError {
        var error = context.locatedError(code, message, XMLTextSource(start: 0, length: 0, node: node))
        error.codingPath.append(key.stringValue)
        return error
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let entry = representation(of: key)
        guard let child = element(for: entry) else {
            throw missing(.missingElement, "required element '\(key.stringValue)' is missing", key: key)
        }
        context.markDecoded(child)
        return context.unsharedKeyedContainer(NestedKey.self, node: child)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let entry = representation(of: key)
        let name = entry.name
        let namespaceIndex = context.elementNamespace(of: entry, owner: node)
        return XMLUnkeyedDecodingContainer(decoder: decoder, parent: node, name: name, namespace: namespaceIndex)
    }

    func superDecoder() throws -> any Decoder {
        decoder
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let entry = representation(of: key)
        guard let child = element(for: entry) else {
            throw missing(.missingElement, "required element '\(key.stringValue)' is missing", key: key)
        }
        context.markDecoded(child)
        return XMLDecoderImplementation(context: context, source: .element(child))
    }
}

// MARK: - Unkeyed

/// Iterates repeated sibling elements (or, on an element, all its child elements).
struct XMLUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: XMLDecoderImplementation
    let name: Int32?
    let namespace: Int32?
    private var next: Int32
    private(set) var currentIndex = 0
    let count: Int?

    init(decoder: XMLDecoderImplementation, parent: Int32, name: Int32?, namespace: Int32?) {
        self.decoder = decoder
        self.name = name
        self.namespace = namespace
        let storage = decoder.context.storage
        let nodes = storage.nodes
        let qualifiedNames = storage.qualifiedNames
        var first: Int32 = -1
        var total = 0
        var child = storage.firstChild(of: parent)
        while child >= 0 {
            let record = nodes[Int(child)]
            let pair = qualifiedNames[Int(record.qualifiedName)]
            if pair.name >= 0 && (name == nil || (pair.name == name && pair.namespace == namespace)) {
                if first < 0 { first = child }
                total += 1
            }
            child = record.nextSibling
        }
        self.next = first
        self.count = total
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var isAtEnd: Bool { next < 0 }

    private mutating func advance() -> Int32 {
        let current = next
        let nodes = decoder.context.storage.nodes
        let qualifiedNames = decoder.context.storage.qualifiedNames
        var child = nodes[Int(current)].nextSibling
        while child >= 0 {
            let record = nodes[Int(child)]
            let pair = qualifiedNames[Int(record.qualifiedName)]
            if pair.name >= 0 && (name == nil || (pair.name == name && pair.namespace == namespace)) { break }
            child = record.nextSibling
        }
        next = child
        currentIndex += 1
        return current
    }

    private func atEnd() -> XMLCodingError {
        decoder.mismatch("more elements than there are")
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw atEnd() }
        if decoder.context.isNil(next) {
            decoder.context.markDecoded(advance())
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw atEnd() }
        return try decoder.context.decodeValue(T.self, element: advance())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        guard !isAtEnd else { throw atEnd() }
        let child = advance()
        decoder.context.markDecoded(child)
        return decoder.context.unsharedKeyedContainer(NestedKey.self, node: child)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard !isAtEnd else { throw atEnd() }
        let child = advance()
        decoder.context.markDecoded(child)
        return XMLUnkeyedDecodingContainer(
            decoder: XMLDecoderImplementation(context: decoder.context, source: .element(child)), parent: child,
            name: nil, namespace: nil)
    }

    mutating func superDecoder() throws -> any Decoder {
        guard !isAtEnd else { throw atEnd() }
        let child = advance()
        decoder.context.markDecoded(child)
        return XMLDecoderImplementation(context: decoder.context, source: .element(child))
    }
}

// MARK: - Single value

struct XMLSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: XMLDecoderImplementation

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        switch decoder.source {
        case .element(let node): return decoder.context.isNil(node)
        case .text: return false
        case .repeated: return false
        }
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch decoder.source {
        case .element(let node):
            let source = decoder.context.textSource(of: node)
            if let value = try decoder.context.decodeSimple(T.self, from: source, requireNoChildren: true) {
                return value
            }
            return try T(from: decoder)
        case .text(let node, let attribute):
            return try decoder.context.decodeSimpleValue(
                T.self, from: decoder.context.textSource(node: node, attribute: attribute))
        case .repeated:
            throw decoder.mismatch("a single value where a list of elements is")
        }
    }
}
