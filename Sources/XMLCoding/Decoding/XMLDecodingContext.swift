import Foundation

/// Arrays decode from repeated sibling elements; this marker lets the decoder recognise them.
protocol XMLRepeatedElements {}
extension Array: XMLRepeatedElements {}

/// Where a text value comes from: a byte range of the arena and the element that owns it.
struct XMLTextSource {
    var start: Int32
    var length: Int32
    var node: Int32
    /// The attribute's name when the value is an attribute.
    var attributeName: String?
    /// The attribute's index when the value is an attribute, otherwise -1.
    var attributeIndex: Int32 = -1
}

/// What a Swift type is to the decoder; worked out once per type and decode call, because the
/// runtime casts behind it are a large share of decoding time when repeated for every value.
enum XMLSimpleKind {
    case string, decimal, date, boolean, qualifiedName, anyElement, repeated, floatingPoint, complex
    case integer(any FixedWidthInteger.Type)
    case enumeration(any XMLEnumeration.Type)
    case lexical(any XMLLexicalValue.Type)

    init<T>(_ type: T.Type) {
        if T.self == String.self {
            self = .string
        } else if T.self == Decimal.self {
            self = .decimal
        } else if T.self == XMLDate.self {
            self = .date
        } else if T.self == Bool.self {
            self = .boolean
        } else if let integer = T.self as? any FixedWidthInteger.Type {
            self = .integer(integer)
        } else if T.self == XMLQualifiedName.self {
            self = .qualifiedName
        } else if T.self == XMLAnyElement.self {
            self = .anyElement
        } else if let enumeration = T.self as? any XMLEnumeration.Type {
            self = .enumeration(enumeration)
        } else if let lexical = T.self as? any XMLLexicalValue.Type {
            self = .lexical(lexical)
        } else if T.self is any BinaryFloatingPoint.Type {
            self = .floatingPoint
        } else if T.self is any XMLRepeatedElements.Type {
            self = .repeated
        } else {
            self = .complex
        }
    }

    var isSimple: Bool {
        switch self {
        case .anyElement, .repeated, .complex: return false
        default: return true
        }
    }
}

/// How the keys of one `CodingKeys` type map to the document: node kind, namespace and the
/// document's interned name, looked up once per key instead of cast and hashed on every access.
final class XMLKeyTable {
    struct Entry {
        var kind: XMLNodeKind
        var namespace: XMLKeyNamespace
        /// The name's index in the document, or -2 when the document has no such name.
        var name: Int32
    }

    let declaresXML: Bool
    /// Every key seen, by name, with its position in ``ordered``.
    @exclusivity(unchecked) var positions: [String: Int] = [:]
    /// The keys in the order they were first asked for. Types ask for their keys in the same
    /// order for every element, so a cursor into this list usually predicts the next key and
    /// a string comparison replaces hashing.
    @exclusivity(unchecked) var ordered: [(text: String, entry: Entry)] = []
    @exclusivity(unchecked) var cursor = 0

    init(declaresXML: Bool) {
        self.declaresXML = declaresXML
    }
}

/// The state of one decode call: the arena, the options and which elements were decoded.
final class XMLDecodingContext {
    let storage: XMLDocumentStorage
    let rejectsUnknownElements: Bool
    let allowsTimeZonesInDates: Bool
    let userInfo: [CodingUserInfoKey: any Sendable]
    private let schemaInstanceNamespace: Int32
    private let nilName: Int32

    /// Per node: 0 = not decoded, otherwise the order in which it was decoded
    /// (``keptAsOther`` for elements claimed by an ``XMLNodeKind/otherElements`` key).
    @exclusivity(unchecked) private(set) var decodeOrder: [UInt32]
    @exclusivity(unchecked) private var nextOrder: UInt32 = 1
    /// Per attribute, with ``XMLDecodingOptions/UnknownElementPolicy/reject`` only: whether a key
    /// (or an ``XMLAnyElement`` capture) asked for it. Empty otherwise, so lenient decoding pays
    /// nothing.
    @exclusivity(unchecked) private var attributeWasRead: [Bool]
    /// What each Swift type is to the decoder, worked out once per decode call.
    @exclusivity(unchecked) private var simpleKinds: [ObjectIdentifier: XMLSimpleKind] = [:]
    /// Per `CodingKeys` type: each key's node kind, namespace and interned name.
    @exclusivity(unchecked) private var keyTables: [ObjectIdentifier: XMLKeyTable] = [:]
    @exclusivity(unchecked) private var lastKeyTable: XMLKeyTable?
    @exclusivity(unchecked) private var lastKeyTableType: ObjectIdentifier?
    @exclusivity(unchecked) private var kindCacheTypes = [ObjectIdentifier?](repeating: nil, count: 64)
    @exclusivity(unchecked) private var kindCacheKinds = [XMLSimpleKind](repeating: .complex, count: 64)
    static let keptAsOther = UInt32.max

    init(storage: XMLDocumentStorage, options: XMLDecodingOptions, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.storage = storage
        self.rejectsUnknownElements = options.unknownElements == .reject
        self.allowsTimeZonesInDates = options.allowsTimeZonesInDates
        self.userInfo = userInfo
        self.schemaInstanceNamespace = storage.namespaceIndex[XMLNamespace.schemaInstance] ?? -2
        self.nilName = storage.nameIndex["nil"] ?? -2
        self.decodeOrder = Array(repeating: 0, count: storage.nodes.count)
        self.attributeWasRead =
            options.unknownElements == .reject ? Array(repeating: false, count: storage.attributes.count) : []
    }

    // MARK: - Type and key knowledge

    @inline(__always)
    func simpleKind<T>(of type: T.Type) -> XMLSimpleKind {
        if T.self == String.self { return .string }
        if T.self == Decimal.self { return .decimal }
        let id = ObjectIdentifier(T.self)
        // A direct-mapped cache in front of the dictionary: a handful of types repeat endlessly.
        let slot = Int(truncatingIfNeeded: (UInt(bitPattern: id) >> 4) & 63)
        if kindCacheTypes[slot] == id { return kindCacheKinds[slot] }
        let kind: XMLSimpleKind
        if let known = simpleKinds[id] {
            kind = known
        } else {
            kind = XMLSimpleKind(T.self)
            simpleKinds[id] = kind
        }
        kindCacheTypes[slot] = id
        kindCacheKinds[slot] = kind
        return kind
    }

    /// The key table of a `CodingKeys` type, its cursor reset for a new element.
    func keyTable<Key: CodingKey>(for type: Key.Type) -> XMLKeyTable {
        let id = ObjectIdentifier(Key.self)
        if let table = lastKeyTable, lastKeyTableType == id {
            table.cursor = 0
            return table
        }
        let table: XMLKeyTable
        if let existing = keyTables[id] {
            table = existing
        } else {
            table = XMLKeyTable(declaresXML: Key.self is any XMLCodingKey.Type)
            keyTables[id] = table
        }
        lastKeyTable = table
        lastKeyTableType = id
        table.cursor = 0
        return table
    }

    @inline(__always)
    func keyEntry<Key: CodingKey>(_ key: Key, in table: XMLKeyTable) -> XMLKeyTable.Entry {
        let text = key.stringValue
        let cursor = table.cursor
        if cursor < table.ordered.count, table.ordered[cursor].text == text {
            table.cursor = cursor + 1
            return table.ordered[cursor].entry
        }
        if let position = table.positions[text] {
            table.cursor = position + 1
            return table.ordered[position].entry
        }
        var entry = XMLKeyTable.Entry(kind: .element, namespace: .inherited, name: storage.nameIndex[text] ?? -2)
        if table.declaresXML, let xmlKey = key as? any XMLCodingKey {
            entry.kind = xmlKey.xmlNodeKind
            entry.namespace = xmlKey.xmlNamespace
        }
        table.positions[text] = table.ordered.count
        table.ordered.append((text, entry))
        table.cursor = table.ordered.count
        return entry
    }

    // MARK: - Bookkeeping

    @inline(__always)
    func markDecoded(_ node: Int32) {
        if decodeOrder[Int(node)] == 0 {
            decodeOrder[Int(node)] = nextOrder
            nextOrder &+= 1
        }
    }

    func markKeptAsOther(_ node: Int32) {
        decodeOrder[Int(node)] = Self.keptAsOther
    }

    /// Marks a whole subtree decoded (it was captured as ``XMLAnyElement``).
    private func markSubtreeDecoded(_ node: Int32) {
        markDecoded(node)
        var child = storage.nodes[Int(node)].firstChild
        while child >= 0 {
            markSubtreeDecoded(child)
            child = storage.nodes[Int(child)].nextSibling
        }
    }

    /// With ``XMLDecodingOptions/UnknownElementPolicy/reject``: every element was decoded, and the
    /// declared ones in declaration order.
    func checkEveryElementWasDecoded() throws(XMLCodingError) {
        let nodes = storage.nodes
        for index in nodes.indices where nodes[index].name >= 0 {
            let parent = nodes[index].parent
            let parentDecoded = parent < 0 || decodeOrder[Int(parent)] != 0
            if decodeOrder[index] == 0 && parentDecoded {
                let node = Int32(index)
                if let sibling = decodedSibling(sameNameAs: node) {
                    throw XMLCodingError(
                        code: .elementOutOfOrder,
                        message:
                            "element \(storage.qualifiedName(of: node)) occurs more often than the type declares (first at line \(nodes[Int(sibling)].line))",
                        line: Int(nodes[index].line), elementPath: storage.path(of: node),
                        codingPath: codingPath(of: node))
                }
                throw XMLCodingError(
                    code: .unknownElement,
                    message: "element \(storage.qualifiedName(of: node)) is not declared by the type",
                    line: Int(nodes[index].line), elementPath: storage.path(of: node),
                    codingPath: codingPath(of: node))
            }
        }
        try checkEveryAttributeWasRead()
        // Text between child elements that no type claimed (an XMLAnyElement claims its own).
        for index in nodes.indices where nodes[index].name == XMLDocumentStorage.textNodeName {
            let parent = nodes[index].parent
            if decodeOrder[index] == 0, parent >= 0, decodeOrder[Int(parent)] != 0 {
                throw XMLCodingError(
                    code: .typeMismatch, message: "text where the type expects only child elements",
                    line: Int(nodes[index].line), elementPath: storage.path(of: parent),
                    codingPath: codingPath(of: parent))
            }
        }
        for index in nodes.indices where nodes[index].name >= 0 && nodes[index].firstChild >= 0 {
            var highest: UInt32 = 0
            var child = nodes[index].firstChild
            while child >= 0 {
                let order = decodeOrder[Int(child)]
                if order != 0 && order != Self.keptAsOther && nodes[Int(child)].name >= 0 {
                    if order < highest {
                        throw XMLCodingError(
                            code: .elementOutOfOrder,
                            message:
                                "element \(storage.qualifiedName(of: child)) appears after an element declared after it",
                            line: Int(nodes[Int(child)].line), elementPath: storage.path(of: child),
                            codingPath: codingPath(of: child))
                    }
                    highest = order
                }
                child = nodes[Int(child)].nextSibling
            }
        }
    }

    /// With ``XMLDecodingOptions/UnknownElementPolicy/reject``: every attribute of a decoded
    /// element was read by a key, except `xsi:` attributes (`xsi:type`, `xsi:nil`,
    /// `xsi:schemaLocation`, which belong to XML Schema, not to the type). Namespace declarations
    /// are not attributes here.
    private func checkEveryAttributeWasRead() throws(XMLCodingError) {
        let nodes = storage.nodes
        for index in nodes.indices where nodes[index].name >= 0 && decodeOrder[index] != 0 {
            let record = nodes[index]
            var attribute = record.attributeStart
            while attribute < record.attributeStart + record.attributeCount {
                let stored = storage.attributes[Int(attribute)]
                if !attributeWasRead[Int(attribute)] && stored.namespace != schemaInstanceNamespace {
                    let name = XMLQualifiedName(
                        namespace: storage.namespaceURI(stored.namespace), localName: storage.names[Int(stored.name)])
                    let node = Int32(index)
                    throw XMLCodingError(
                        code: .unknownAttribute,
                        message:
                            "attribute \(name) of element \(storage.qualifiedName(of: node)) is not declared by the type",
                        line: Int(record.line), elementPath: storage.path(of: node) + "/@" + name.localName,
                        codingPath: codingPath(of: node))
                }
                attribute += 1
            }
        }
    }

    /// A decoded sibling with the same name, if any: the element is then a repetition the type
    /// does not expect rather than an unknown element.
    private func decodedSibling(sameNameAs node: Int32) -> Int32? {
        let record = storage.nodes[Int(node)]
        guard record.parent >= 0 else { return nil }
        var sibling = storage.nodes[Int(record.parent)].firstChild
        while sibling >= 0 {
            let other = storage.nodes[Int(sibling)]
            if sibling != node && other.name == record.name && other.namespace == record.namespace
                && decodeOrder[Int(sibling)] != 0
            {
                return sibling
            }
            sibling = other.nextSibling
        }
        return nil
    }

    // MARK: - Lookup

    /// The namespace index a key's element or attribute must have; -2 when it cannot occur.
    func namespace(for keyNamespace: XMLKeyNamespace, owner: Int32, isAttribute: Bool) -> Int32 {
        switch keyNamespace {
        case .inherited:
            return isAttribute ? XMLDocumentStorage.noNamespace : storage.nodes[Int(owner)].namespace
        case .none:
            return XMLDocumentStorage.noNamespace
        case .uri(let uri):
            return storage.namespaceIndex[uri] ?? -2
        }
    }

    /// The first child element of `node` with the given name and namespace.
    @inline(__always)
    func firstChild(of node: Int32, name: Int32, namespace: Int32) -> Int32? {
        let nodes = storage.nodes
        var child = nodes[Int(node)].firstChild
        while child >= 0 {
            let record = nodes[Int(child)]
            if record.name == name && record.namespace == namespace { return child }
            child = record.nextSibling
        }
        return nil
    }

    /// The attribute of `node` with the given name and namespace.
    func attribute(of node: Int32, name: Int32, namespace: Int32) -> Int32? {
        let record = storage.nodes[Int(node)]
        var index = record.attributeStart
        let end = record.attributeStart + record.attributeCount
        while index < end {
            let attribute = storage.attributes[Int(index)]
            if attribute.name == name && attribute.namespace == namespace {
                if rejectsUnknownElements { attributeWasRead[Int(index)] = true }
                return index
            }
            index += 1
        }
        return nil
    }

    /// Whether the element carries `xsi:nil="true"`.
    func isNil(_ node: Int32) -> Bool {
        guard let index = attribute(of: node, name: nilName, namespace: schemaInstanceNamespace) else { return false }
        let attribute = storage.attributes[Int(index)]
        return storage.withBytes(start: attribute.valueStart, length: attribute.valueLength) {
            XMLNumberParsing.parseBoolean(utf8: $0) ?? false
        }
    }

    func textSource(of node: Int32) -> XMLTextSource {
        let record = storage.nodes[Int(node)]
        return XMLTextSource(start: record.textStart, length: record.textLength, node: node)
    }

    func textSource(ofAttribute index: Int32, owner: Int32) -> XMLTextSource {
        let attribute = storage.attributes[Int(index)]
        return XMLTextSource(
            start: attribute.valueStart, length: attribute.valueLength, node: owner,
            attributeName: storage.names[Int(attribute.name)], attributeIndex: index)
    }

    /// The element's text (`attribute` -1) or one of its attributes' values.
    func textSource(node: Int32, attribute: Int32) -> XMLTextSource {
        attribute >= 0 ? textSource(ofAttribute: attribute, owner: node) : textSource(of: node)
    }

    // MARK: - Values

    /// Decodes `T` from an element: a simple value from its text, anything else through `Decoder`.
    func decodeValue<T: Decodable>(_ type: T.Type, element node: Int32) throws -> T {
        markDecoded(node)
        let kind = simpleKind(of: T.self)
        switch kind {
        case .anyElement:
            markSubtreeDecoded(node)
            return unsafeBitCast(anyElement(node), to: T.self)
        case .complex, .repeated:
            do {
                return try T(from: XMLDecoderImplementation(context: self, source: .element(node)))
            } catch {
                throw codingError(error, node: node)
            }
        default:
            return try decodeSimple(T.self, kind: kind, from: textSource(of: node), requireNoChildren: true)
        }
    }

    /// Decodes `T` from an attribute or text value; the value must be simple.
    func decodeSimpleValue<T: Decodable>(_ type: T.Type, from source: XMLTextSource) throws -> T {
        let kind = simpleKind(of: T.self)
        if kind.isSimple {
            return try decodeSimple(T.self, kind: kind, from: source, requireNoChildren: false)
        }
        do {
            return try T(
                from: XMLDecoderImplementation(
                    context: self, source: .text(node: source.node, attribute: source.attributeIndex)))
        } catch {
            throw codingError(error, node: source.node, attribute: source.attributeName)
        }
    }

    /// The fast path for the types whose lexical form the decoder parses itself; `nil` for others.
    func decodeSimple<T>(
        _ type: T.Type, from source: XMLTextSource, requireNoChildren: Bool
    ) throws(XMLCodingError) -> T? {
        let kind = simpleKind(of: T.self)
        guard kind.isSimple else { return nil }
        return try decodeSimple(T.self, kind: kind, from: source, requireNoChildren: requireNoChildren)
    }

    /// Parses a simple value of a known kind. `T` is exactly the type the kind was made from, so
    /// the values below are `T` already and `unsafeBitCast` only restates that to the compiler.
    private func decodeSimple<T>(
        _ type: T.Type, kind: XMLSimpleKind, from source: XMLTextSource, requireNoChildren: Bool
    ) throws(XMLCodingError) -> T {
        switch kind {
        case .string:
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:string")
            return unsafeBitCast(storage.string(start: source.start, length: source.length), to: T.self)
        case .decimal:
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:decimal")
            let value = storage.withBytes(start: source.start, length: source.length) { XMLDecimal.parse(utf8: $0) }
            guard let value else { throw invalidValue(source, typeName: "xs:decimal") }
            return unsafeBitCast(value, to: T.self)
        case .date:
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:date")
            let value = storage.withBytes(start: source.start, length: source.length) { XMLDate.parse(utf8: $0) }
            guard let value else { throw invalidValue(source, typeName: "xs:date") }
            guard allowsTimeZonesInDates || value.timeZoneOffsetMinutes == nil else {
                throw invalidValue(source, typeName: "date without a time zone")
            }
            return unsafeBitCast(value, to: T.self)
        case .boolean:
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:boolean")
            let value = storage.withBytes(start: source.start, length: source.length) {
                XMLNumberParsing.parseBoolean(utf8: $0)
            }
            guard let value else { throw invalidValue(source, typeName: "xs:boolean") }
            return unsafeBitCast(value, to: T.self)
        case .integer(let integerType):
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:integer")
            return try decodeInteger(integerType, as: T.self, from: source)
        case .qualifiedName:
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:QName")
            return unsafeBitCast(try decodeQualifiedName(from: source), to: T.self)
        case .enumeration(let enumerationType):
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "\(enumerationType)")
            return try decodeEnumeration(enumerationType, as: T.self, from: source)
        case .lexical(let lexicalType):
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: lexicalType.xmlTypeName)
            return try decodeLexical(lexicalType, as: T.self, from: source)
        case .floatingPoint:
            throw locatedError(
                .typeMismatch, "binary floating point cannot hold xs:decimal values exactly; decode Decimal instead",
                source)
        case .anyElement, .repeated, .complex:
            throw locatedError(.typeMismatch, "\(T.self) is not a simple type", source)
        }
    }

    private func checkSimpleContent(
        _ source: XMLTextSource, requireNoChildren: Bool, typeName: String
    ) throws(XMLCodingError) {
        guard requireNoChildren, source.attributeName == nil else { return }
        let record = storage.nodes[Int(source.node)]
        var child = record.firstChild
        while child >= 0 {
            if storage.nodes[Int(child)].name >= 0 {
                throw locatedError(
                    .typeMismatch, "element has child elements where a simple \(typeName) value belongs", source)
            }
            child = storage.nodes[Int(child)].nextSibling
        }
    }

    private func decodeInteger<I: FixedWidthInteger, T>(
        _ type: I.Type, as result: T.Type, from source: XMLTextSource
    ) throws(XMLCodingError) -> T {
        let parsed = storage.withBytes(start: source.start, length: source.length) {
            XMLNumberParsing.parseInteger(utf8: $0, as: I.self)
        }
        switch parsed {
        case .value(let value):
            return unsafeBitCast(value, to: T.self)
        case .overflow:
            throw locatedError(
                .valueOutOfRange,
                "'\(storage.string(start: source.start, length: source.length))' does not fit \(I.self)",
                source)
        case .invalid:
            throw invalidValue(source, typeName: "xs:integer")
        }
    }

    private func decodeEnumeration<E: XMLEnumeration, T>(
        _ type: E.Type, as result: T.Type, from source: XMLTextSource
    ) throws(XMLCodingError) -> T {
        let text = XMLWhitespace.collapse(storage.string(start: source.start, length: source.length))
        if let value = E(rawValue: text) { return unsafeBitCast(value, to: T.self) }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw locatedError(
            .unknownEnumerationValue, "'\(text)' is not a value of \(E.self); expected one of: \(allowed)", source)
    }

    private func decodeLexical<V: XMLLexicalValue, T>(
        _ type: V.Type, as result: T.Type, from source: XMLTextSource
    ) throws(XMLCodingError) -> T {
        if V.self == XMLYearMonth.self,
            let value = storage.withBytes(
                start: source.start, length: source.length,
                {
                    XMLYearMonth.parse(utf8: $0)
                })
        {
            guard allowsTimeZonesInDates || value.timeZoneOffsetMinutes == nil else {
                throw invalidValue(source, typeName: "year and month without a time zone")
            }
            return unsafeBitCast(value, to: T.self)
        }
        let text = V.xmlWhiteSpace.apply(to: storage.string(start: source.start, length: source.length))
        guard let value = V(xmlLexicalForm: text) else { throw invalidValue(source, typeName: V.xmlTypeName) }
        return unsafeBitCast(value, to: T.self)
    }

    private func decodeQualifiedName(from source: XMLTextSource) throws(XMLCodingError) -> XMLQualifiedName {
        // One pass over the bytes: trim XML white space, find the single colon, refuse inner spaces.
        let parts: (prefix: String?, local: String)? = storage.withBytes(start: source.start, length: source.length) {
            bytes in
            var start = 0
            var end = bytes.count
            while start < end, XMLWhitespace.isSpace(bytes[start]) { start += 1 }
            while end > start, XMLWhitespace.isSpace(bytes[end - 1]) { end -= 1 }
            var colon = -1
            for index in start..<end {
                let byte = bytes[index]
                if XMLWhitespace.isSpace(byte) { return nil }
                if byte == UInt8(ascii: ":") {
                    if colon >= 0 { return nil }
                    colon = index
                }
            }
            guard end > start, colon != start, colon != end - 1 else { return nil }
            if colon < 0 {
                return (nil, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            return (
                String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<end]), as: UTF8.self)
            )
        }
        guard let parts else { throw invalidValue(source, typeName: "xs:QName") }
        guard let namespace = storage.resolvePrefix(parts.prefix, at: source.node) else {
            throw locatedError(
                .unresolvedPrefix,
                "the prefix '\(parts.prefix ?? "")' of '\(parts.prefix ?? ""):\(parts.local)' has no namespace declaration in scope",
                source)
        }
        return XMLQualifiedName(namespace: namespace, localName: parts.local)
    }

    /// Builds an ``XMLAnyElement`` from the arena.
    func anyElement(_ node: Int32) -> XMLAnyElement {
        let record = storage.nodes[Int(node)]
        var attributes: [XMLAnyElement.Attribute] = []
        let end = record.attributeStart + record.attributeCount
        var index = record.attributeStart
        while index < end {
            let attribute = storage.attributes[Int(index)]
            if rejectsUnknownElements { attributeWasRead[Int(index)] = true }
            attributes.append(
                .init(
                    name: XMLQualifiedName(
                        namespace: storage.namespaceURI(attribute.namespace),
                        localName: storage.names[Int(attribute.name)]),
                    value: storage.value(ofAttribute: index)))
            index += 1
        }
        var children: [XMLAnyElement.Node] = []
        if record.textLength > 0 {
            children.append(.text(storage.text(of: node)))
        }
        var child = record.firstChild
        while child >= 0 {
            if storage.nodes[Int(child)].name >= 0 {
                var element = anyElement(child)
                element.namespacesInScope = [:]
                children.append(.element(element))
            } else {
                children.append(.text(storage.text(of: child)))
            }
            child = storage.nodes[Int(child)].nextSibling
        }
        return XMLAnyElement(
            name: storage.qualifiedName(of: node), attributes: attributes, children: children,
            namespacesInScope: storage.namespacesInScope(at: node))
    }

    // MARK: - Errors

    func invalidValue(_ source: XMLTextSource, typeName: String) -> XMLCodingError {
        let text = storage.string(start: source.start, length: source.length)
        let shown = text.count > 64 ? String(text.prefix(64)) + "…" : text
        return locatedError(.invalidValue, "'\(shown)' is not a valid \(typeName)", source)
    }

    func locatedError(_ code: XMLCodingError.Code, _ message: String, _ source: XMLTextSource) -> XMLCodingError {
        var path = storage.path(of: source.node)
        var codingPath = codingPath(of: source.node)
        if let attribute = source.attributeName {
            path += "/@" + attribute
            codingPath.append(attribute)
        }
        return XMLCodingError(
            code: code, message: message, line: Int(storage.nodes[Int(source.node)].line), elementPath: path,
            codingPath: codingPath)
    }

    /// Turns any error thrown while decoding `node` into an ``XMLCodingError`` located there.
    func codingError(_ error: any Error, node: Int32, attribute: String? = nil) -> XMLCodingError {
        if var error = error as? XMLCodingError {
            if error.elementPath == nil {
                error.elementPath = storage.path(of: node) + (attribute.map { "/@" + $0 } ?? "")
                error.line = error.line ?? Int(storage.nodes[Int(node)].line)
                if error.codingPath.isEmpty { error.codingPath = codingPath(of: node) }
            }
            return error
        }
        let located = XMLTextSource(start: 0, length: 0, node: node, attributeName: attribute)
        guard let decodingError = error as? DecodingError else {
            return locatedError(.dataCorrupted, String(describing: error), located)
        }
        var result: XMLCodingError
        switch decodingError {
        case .keyNotFound(let key, let context):
            result = locatedError(
                .missingElement, "required '\(key.stringValue)' is missing: \(context.debugDescription)", located)
            result.codingPath = context.codingPath.map(\.xmlPathComponent) + [key.stringValue]
            return result
        case .valueNotFound(_, let context):
            result = locatedError(.missingElement, context.debugDescription, located)
            result.codingPath = context.codingPath.map(\.xmlPathComponent)
        case .typeMismatch(_, let context):
            result = locatedError(.typeMismatch, context.debugDescription, located)
            result.codingPath = context.codingPath.map(\.xmlPathComponent)
        case .dataCorrupted(let context):
            result = locatedError(.dataCorrupted, context.debugDescription, located)
            result.codingPath = context.codingPath.map(\.xmlPathComponent)
        @unknown default:
            result = locatedError(.dataCorrupted, String(describing: decodingError), located)
        }
        return result
    }

    /// The Codable coding path of an element: element names, with an index for repeated ones.
    func codingPath(of node: Int32) -> [String] {
        var components: [String] = []
        var current = node
        while current > 0 {
            let record = storage.nodes[Int(current)]
            guard record.parent >= 0 else { break }
            var position = 0
            var total = 0
            var sibling = storage.nodes[Int(record.parent)].firstChild
            while sibling >= 0 {
                let other = storage.nodes[Int(sibling)]
                if other.name == record.name && other.namespace == record.namespace {
                    if sibling == current { position = total }
                    total += 1
                }
                sibling = other.nextSibling
            }
            if total > 1 { components.append("Index \(position)") }
            if record.name >= 0 { components.append(storage.names[Int(record.name)]) }
            current = record.parent
        }
        return components.reversed()
    }
}
