import Foundation

/// Arrays decode from repeated sibling elements; this protocol lets the decoder recognise them and
/// build them at their final size, since the arena knows how many elements there are (growing a
/// large array by doubling holds the old and the new storage at once).
protocol XMLRepeatedElements {
    /// Decodes the repeated elements of `decoder`'s source, reserving room for all of them first.
    static func decodeRepeatedElements(from decoder: XMLDecoderImplementation) throws -> Self
}

extension Array: XMLRepeatedElements where Element: Decodable {
    static func decodeRepeatedElements(from decoder: XMLDecoderImplementation) throws -> Self {
        var container = try decoder.elementsContainer()
        var elements: [Element] = []
        elements.reserveCapacity(container.count ?? 0)
        while !container.isAtEnd {
            elements.append(try container.decode(Element.self))
        }
        return elements
    }
}

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
    case string, decimal, date, boolean, qualifiedName, anyElement, floatingPoint, complex
    case repeated(any XMLRepeatedElements.Type)
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
        } else if let repeated = T.self as? any XMLRepeatedElements.Type {
            self = .repeated(repeated)
        } else {
            self = .complex
        }
    }

    /// The kinds every decode call in the process has worked out.
    static let learned = XMLLearnedTypes<XMLSimpleKind>()

    var isSimple: Bool {
        switch self {
        case .anyElement, .repeated, .complex: return false
        default: return true
        }
    }
}

/// The state of one decode call: the arena, the options and which elements were decoded.
final class XMLDecodingContext {
    let storage: XMLDocumentStorage
    let rejectsUnknownElements: Bool
    let allowsTimeZonesInDates: Bool
    let userInfo: [CodingUserInfoKey: any Sendable]
    /// ``userInfo`` as `Decoder.userInfo` types it, converted once per decode call rather than on
    /// every access (the conversion copies the dictionary).
    private(set) lazy var decoderUserInfo: [CodingUserInfoKey: Any] = userInfo
    private let schemaInstanceNamespace: Int32
    private let nilName: Int32

    /// Per node, with ``XMLDecodingOptions/UnknownElementPolicy/reject`` only: 0 = not decoded,
    /// otherwise the order in which it was decoded (``keptAsOther`` for elements claimed by an
    /// ``XMLNodeKind/otherElements`` key). Empty otherwise.
    @exclusivity(unchecked) private var decodeOrder: [UInt32]
    /// Per node, one bit, without ``XMLDecodingOptions/UnknownElementPolicy/reject``: whether it
    /// was decoded or kept as other. Lenient decoding needs no order, and a bit instead of 4 bytes
    /// a node keeps a large document's peak memory down. Empty with `reject`.
    @exclusivity(unchecked) private var decodedBits: [UInt64]
    @exclusivity(unchecked) private var nextOrder: UInt32 = 1
    /// Per attribute, with ``XMLDecodingOptions/UnknownElementPolicy/reject`` only: whether a key
    /// (or an ``XMLAnyElement`` capture) asked for it. Empty otherwise, so lenient decoding pays
    /// nothing.
    @exclusivity(unchecked) private var attributeWasRead: [Bool]
    /// What each Swift type is to the decoder, worked out once per decode call.
    @exclusivity(unchecked) private var simpleKinds = XMLTypeCache<XMLSimpleKind>()
    /// What decode calls in the process worked out about value types, and what this one adds
    /// (published by ``finish()``).
    @exclusivity(unchecked) private var learnedKinds: XMLLearnedLookup<XMLSimpleKind>
    /// The same for key types.
    @exclusivity(unchecked) private var learnedKeyDeclarations: XMLLearnedLookup<XMLKeyDeclaration>
    /// Per `CodingKeys` type: each key's node kind, namespace and interned name.
    @exclusivity(unchecked) private var keyTables = XMLTypeCache<XMLKeyTable>()
    /// Reused keyed containers handed out and not yet freed, innermost last.
    @exclusivity(unchecked) private var claimedSlots: [(table: XMLKeyTable, slot: AnyObject)] = []
    /// Per ``XMLEnumeration`` type: its cases by raw value bytes.
    @exclusivity(unchecked) private var enumerationTables = XMLTypeCache<XMLEnumerationTable>()
    /// Per ``XMLEnumeration`` type: values decoded so far, up to the third.
    @exclusivity(unchecked) private var enumerationUses = XMLTypeCache<Int>()
    static let keptAsOther = UInt32.max
    /// Where the attributes found last start, to find the next element's from (see
    /// ``XMLDocumentStorage/attributeRange(of:hint:)``).
    @exclusivity(unchecked) private var attributeHint: Int32 = 0

    init(storage: XMLDocumentStorage, options: XMLDecodingOptions, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.storage = storage
        self.rejectsUnknownElements = options.unknownElements == .reject
        self.allowsTimeZonesInDates = options.allowsTimeZonesInDates
        self.userInfo = userInfo
        self.learnedKinds = XMLLearnedLookup(XMLSimpleKind.learned)
        self.learnedKeyDeclarations = XMLLearnedLookup(XMLKeyDeclaration.learned)
        self.schemaInstanceNamespace = storage.namespaceIndex[XMLNamespace.schemaInstance] ?? -2
        self.nilName = storage.nameIndex["nil"] ?? -2
        let nodeCount = storage.nodes.count
        self.decodeOrder = options.unknownElements == .reject ? Array(repeating: 0, count: nodeCount) : []
        self.decodedBits = options.unknownElements == .reject ? [] : Array(repeating: 0, count: (nodeCount + 63) / 64)
        self.attributeWasRead =
            options.unknownElements == .reject ? Array(repeating: false, count: storage.attributes.count) : []
    }

    // MARK: - Type and key knowledge

    @inline(__always)
    func simpleKind<T>(of type: T.Type) -> XMLSimpleKind {
        if T.self == String.self { return .string }
        if T.self == Decimal.self { return .decimal }
        let id = ObjectIdentifier(T.self)
        if let kind = simpleKinds.value(for: id) { return kind }
        let kind = learnedKinds.value(for: id) { XMLSimpleKind(T.self) }
        simpleKinds.set(kind, for: id)
        return kind
    }

    /// The key table of a `CodingKeys` type.
    @inline(__always)
    func keyTable<Key: CodingKey>(for type: Key.Type) -> XMLKeyTable {
        let id = ObjectIdentifier(Key.self)
        if let table = keyTables.value(for: id) { return table }
        let declaration = learnedKeyDeclarations.value(for: id) { XMLKeyDeclaration(Key.self) }
        let table = XMLKeyTable(xmlKeyType: declaration.xmlKeyType)
        keyTables.set(table, for: id)
        return table
    }

    /// The keyed container of `node` for a decoder's `container(keyedBy:)`: a reused one when the
    /// type has a free slot. It is freed when the `init(from:)` running now returns (see
    /// ``decodeValue(_:element:)``).
    func keyedContainer<Key: CodingKey>(_ type: Key.Type, node: Int32) -> KeyedDecodingContainer<Key> {
        let table = keyTable(for: Key.self)
        let firstChild = storage.firstChild(of: node)
        table.containerCount &+= 1
        if table.containerCount == 1 {
            return KeyedDecodingContainer(
                XMLKeyedDecodingContainer<Key>(
                    context: self, state: XMLKeyedDecodingState(node: node, firstChild: firstChild, table: table)))
        }
        if let free = table.freeSlots.popLast() {
            // Only slots of `Key` are stored in `Key`'s table.
            let slot = unsafeDowncast(free, to: XMLKeyedDecodingSlot<Key>.self)
            slot.state.reset(node: node, firstChild: firstChild)
            claimedSlots.append((table, free))
            return slot.container
        }
        let slot = XMLKeyedDecodingSlot<Key>(
            context: self, state: XMLKeyedDecodingState(node: node, firstChild: firstChild, table: table))
        claimedSlots.append((table, slot))
        return slot.container
    }

    /// A keyed container that is never reused: nested containers may outlive the `init(from:)`
    /// that asked for them in ways the decoder cannot see.
    func unsharedKeyedContainer<Key: CodingKey>(_ type: Key.Type, node: Int32) -> KeyedDecodingContainer<Key> {
        let state = XMLKeyedDecodingState(
            node: node, firstChild: storage.firstChild(of: node), table: keyTable(for: Key.self))
        return KeyedDecodingContainer(XMLKeyedDecodingContainer<Key>(context: self, state: state))
    }

    /// Frees the slots claimed since `mark` for reuse.
    @inline(__always)
    private func releaseSlots(downTo mark: Int) {
        while claimedSlots.count > mark {
            let claimed = claimedSlots.removeLast()
            claimed.table.freeSlots.append(claimed.slot)
        }
    }

    /// Breaks the reference cycles of reused containers; called once the decode call is over,
    /// whether it succeeded or threw.
    ///
    /// A kept slot holds its container, which holds this context (which holds the key tables),
    /// and its state, which holds its key table (which holds the slot among its free slots):
    /// dropping the tables from the context alone would leave each table and its slots keeping
    /// one another, and the context, alive.
    ///
    /// It also publishes the type kinds and key declarations this call worked out (see
    /// ``XMLLearnedTypes``).
    func finish() {
        learnedKinds.publish(to: XMLSimpleKind.learned)
        learnedKeyDeclarations.publish(to: XMLKeyDeclaration.learned)
        for claimed in claimedSlots { claimed.table.freeSlots = [] }
        claimedSlots = []
        for table in keyTables.values { table.freeSlots = [] }
        keyTables = XMLTypeCache()
        enumerationTables = XMLTypeCache()
    }

    @inline(__always)
    func keyEntry<Key: CodingKey>(_ key: Key, in state: XMLKeyedDecodingState) -> XMLKeyTable.Entry {
        let table = state.table
        let text = key.stringValue
        let cursor = state.cursor
        if cursor < table.ordered.count, table.ordered[cursor].text == text {
            state.cursor = cursor + 1
            return table.ordered[cursor].entry
        }
        // The same key again (`contains` before `decode`, say).
        if cursor > 0, cursor <= table.ordered.count, table.ordered[cursor - 1].text == text {
            return table.ordered[cursor - 1].entry
        }
        if let position = table.position(of: text) {
            state.cursor = position + 1
            return table.ordered[position].entry
        }
        var entry = XMLKeyTable.Entry(
            kind: .element, namespace: XMLKeyTable.inheritedNamespace, name: storage.nameIndex[text] ?? -2)
        if let xmlKeyType = table.xmlKeyType, let facts = XMLKeyDeclaration.facts(of: key, as: xmlKeyType) {
            entry.kind = facts.kind
            switch facts.namespace {
            case .inherited: entry.namespace = XMLKeyTable.inheritedNamespace
            case .none: entry.namespace = XMLDocumentStorage.noNamespace
            case .uri(let uri): entry.namespace = storage.namespaceIndex[uri] ?? -2
            }
        }
        table.append(text, entry)
        state.cursor = table.ordered.count
        return entry
    }

    // MARK: - Bookkeeping

    @inline(__always)
    func markDecoded(_ node: Int32) {
        guard rejectsUnknownElements else {
            decodedBits[Int(node) >> 6] |= 1 &<< UInt64(node & 63)
            return
        }
        if decodeOrder[Int(node)] == 0 {
            decodeOrder[Int(node)] = nextOrder
            nextOrder &+= 1
        }
    }

    func markKeptAsOther(_ node: Int32) {
        guard rejectsUnknownElements else {
            decodedBits[Int(node) >> 6] |= 1 &<< UInt64(node & 63)
            return
        }
        decodeOrder[Int(node)] = Self.keptAsOther
    }

    /// Whether the node was decoded or kept as other.
    func isDecoded(_ node: Int32) -> Bool {
        guard rejectsUnknownElements else { return decodedBits[Int(node) >> 6] & (1 &<< UInt64(node & 63)) != 0 }
        return decodeOrder[Int(node)] != 0
    }

    /// Marks a whole subtree decoded (it was captured as ``XMLAnyElement``).
    private func markSubtreeDecoded(_ node: Int32) {
        markDecoded(node)
        var child = storage.firstChild(of: node)
        while child >= 0 {
            markSubtreeDecoded(child)
            child = storage.nodes[Int(child)].nextSibling
        }
    }

    /// With ``XMLDecodingOptions/UnknownElementPolicy/reject``: every element was decoded, and the
    /// declared ones in declaration order.
    func checkEveryElementWasDecoded() throws(XMLCodingError) {
        let nodes = storage.nodes
        for index in nodes.indices where nodes[index].qualifiedName != XMLDocumentStorage.textQualifiedName {
            let parent = nodes[index].parent
            let parentDecoded = parent < 0 || decodeOrder[Int(parent)] != 0
            if decodeOrder[index] == 0 && parentDecoded {
                let node = Int32(index)
                if let sibling = decodedSibling(sameNameAs: node) {
                    throw XMLCodingError(
                        code: .elementOutOfOrder,
                        message:
                            "element \(storage.qualifiedName(of: node)) occurs more often than the type declares (first at line \(storage.line(of: sibling)))",
                        line: Int(storage.line(of: node)), elementPath: storage.path(of: node),
                        codingPath: codingPath(of: node))
                }
                throw XMLCodingError(
                    code: .unknownElement,
                    message: "element \(storage.qualifiedName(of: node)) is not declared by the type",
                    line: Int(storage.line(of: node)), elementPath: storage.path(of: node),
                    codingPath: codingPath(of: node))
            }
        }
        try checkEveryAttributeWasRead()
        // Text between child elements that no type claimed (an XMLAnyElement claims its own).
        for index in nodes.indices where nodes[index].qualifiedName == XMLDocumentStorage.textQualifiedName {
            let parent = nodes[index].parent
            if decodeOrder[index] == 0, parent >= 0, decodeOrder[Int(parent)] != 0 {
                throw XMLCodingError(
                    code: .typeMismatch, message: "text where the type expects only child elements",
                    line: Int(storage.line(of: Int32(index))), elementPath: storage.path(of: parent),
                    codingPath: codingPath(of: parent))
            }
        }
        for index in nodes.indices where nodes[index].qualifiedName != XMLDocumentStorage.textQualifiedName {
            var highest: UInt32 = 0
            var child = storage.firstChild(of: Int32(index))
            while child >= 0 {
                let order = decodeOrder[Int(child)]
                if order != 0 && order != Self.keptAsOther && !storage.isText(child) {
                    if order < highest {
                        throw XMLCodingError(
                            code: .elementOutOfOrder,
                            message:
                                "element \(storage.qualifiedName(of: child)) appears after an element declared after it",
                            line: Int(storage.line(of: child)), elementPath: storage.path(of: child),
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
        for index in nodes.indices
        where nodes[index].qualifiedName != XMLDocumentStorage.textQualifiedName && decodeOrder[index] != 0 {
            for attribute in storage.attributeRange(of: Int32(index)) {
                let stored = storage.attributes[Int(attribute)]
                if !attributeWasRead[Int(attribute)] && stored.namespace != schemaInstanceNamespace {
                    let name = XMLQualifiedName(
                        namespace: storage.namespaceURI(stored.namespace), localName: storage.names[Int(stored.name)])
                    let node = Int32(index)
                    throw XMLCodingError(
                        code: .unknownAttribute,
                        message:
                            "attribute \(name) of element \(storage.qualifiedName(of: node)) is not declared by the type",
                        line: Int(storage.line(of: node)), elementPath: storage.path(of: node) + "/@" + name.localName,
                        codingPath: codingPath(of: node))
                }
            }
        }
    }

    /// A decoded sibling with the same name, if any: the element is then a repetition the type
    /// does not expect rather than an unknown element.
    private func decodedSibling(sameNameAs node: Int32) -> Int32? {
        let record = storage.nodes[Int(node)]
        guard record.parent >= 0 else { return nil }
        var sibling = storage.firstChild(of: record.parent)
        while sibling >= 0 {
            let other = storage.nodes[Int(sibling)]
            if sibling != node && other.qualifiedName == record.qualifiedName
                && decodeOrder[Int(sibling)] != 0
            {
                return sibling
            }
            sibling = other.nextSibling
        }
        return nil
    }

    // MARK: - Lookup

    /// The namespace index a key's element must have under `owner`; -2 when it cannot occur.
    @inline(__always)
    func elementNamespace(of entry: XMLKeyTable.Entry, owner: Int32) -> Int32 {
        entry.namespace == XMLKeyTable.inheritedNamespace ? storage.namespace(of: owner) : entry.namespace
    }

    /// The first child element of the state's element that a key names, searched from the
    /// state's hint (see ``XMLKeyedDecodingState/passedNames``).
    @inline(__always)
    func child(named entry: XMLKeyTable.Entry, in state: XMLKeyedDecodingState) -> Int32? {
        let nodes = storage.nodes
        let qualifiedNames = storage.qualifiedNames
        let name = entry.name
        let namespace =
            entry.namespace == XMLKeyTable.inheritedNamespace ? storage.namespace(of: state.node) : entry.namespace
        let bit: UInt64 = 1 &<< UInt64(truncatingIfNeeded: name & 63)
        if state.passedNames & bit != 0 {
            return firstChild(of: state.node, name: name, namespace: namespace)
        }
        var passed = state.passedNames
        var child = state.hint
        while child >= 0 {
            let record = nodes[Int(child)]
            let pair = qualifiedNames[Int(record.qualifiedName)]
            if pair.name == name && pair.namespace == namespace {
                state.hint = record.nextSibling
                state.passedNames = passed | bit
                return child
            }
            passed |= 1 &<< UInt64(truncatingIfNeeded: pair.name & 63)
            child = record.nextSibling
        }
        return nil
    }

    /// The first child element of `node` with the given name and namespace.
    @inline(__always)
    func firstChild(of node: Int32, name: Int32, namespace: Int32) -> Int32? {
        let nodes = storage.nodes
        let qualifiedNames = storage.qualifiedNames
        var child = storage.firstChild(of: node)
        while child >= 0 {
            let record = nodes[Int(child)]
            let pair = qualifiedNames[Int(record.qualifiedName)]
            if pair.name == name && pair.namespace == namespace { return child }
            child = record.nextSibling
        }
        return nil
    }

    /// The attribute of `node` with the given name and namespace.
    func attribute(of node: Int32, name: Int32, namespace: Int32) -> Int32? {
        for index in storage.attributeRange(of: node, hint: &attributeHint) {
            let attribute = storage.attributes[Int(index)]
            if attribute.name == name && attribute.namespace == namespace {
                if rejectsUnknownElements { attributeWasRead[Int(index)] = true }
                return index
            }
        }
        return nil
    }

    /// Whether the element carries `xsi:nil="true"`.
    @inline(__always)
    func isNil(_ node: Int32) -> Bool {
        // Most elements carry no attributes (one byte says so), and most documents no `nil`.
        guard nilName >= 0, storage.marks.hasAttributes(node) else { return false }
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
            let mark = claimedSlots.count
            defer { releaseSlots(downTo: mark) }
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
        var child = storage.firstChild(of: source.node)
        while child >= 0 {
            if !storage.isText(child) {
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
        let id = ObjectIdentifier(E.self)
        // A table pays from the third value of a type on; a small message has one or two.
        let uses = (enumerationUses.value(for: id) ?? 0) &+ 1
        if uses <= 2 {
            enumerationUses.set(uses, for: id)
        } else {
            let table: XMLEnumerationTable
            if let known = enumerationTables.value(for: id) {
                table = known
            } else {
                table = XMLEnumerationTable(E.self)
                enumerationTables.set(table, for: id)
            }
            // The table was made for `E`: it is stored under `E`'s identity.
            if let value = storage.withBytes(
                start: source.start, length: source.length, { table.value(matching: $0, as: E.self) })
            {
                return unsafeBitCast(value, to: T.self)
            }
        }
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
        for index in storage.attributeRange(of: node) {
            let attribute = storage.attributes[Int(index)]
            if rejectsUnknownElements { attributeWasRead[Int(index)] = true }
            attributes.append(
                .init(
                    name: XMLQualifiedName(
                        namespace: storage.namespaceURI(attribute.namespace),
                        localName: storage.names[Int(attribute.name)]),
                    value: storage.value(ofAttribute: index)))
        }
        var children: [XMLAnyElement.Node] = []
        if record.textLength > 0 {
            children.append(.text(storage.text(of: node)))
        }
        var child = storage.firstChild(of: node)
        while child >= 0 {
            if !storage.isText(child) {
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
            code: code, message: message, line: Int(storage.line(of: source.node)), elementPath: path,
            codingPath: codingPath)
    }

    /// Turns any error thrown while decoding `node` into an ``XMLCodingError`` located there.
    func codingError(_ error: any Error, node: Int32, attribute: String? = nil) -> XMLCodingError {
        if var error = error as? XMLCodingError {
            if error.elementPath == nil {
                error.elementPath = storage.path(of: node) + (attribute.map { "/@" + $0 } ?? "")
                error.line = error.line ?? Int(storage.line(of: node))
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
            var sibling = storage.firstChild(of: record.parent)
            while sibling >= 0 {
                let other = storage.nodes[Int(sibling)]
                if other.qualifiedName == record.qualifiedName {
                    if sibling == current { position = total }
                    total += 1
                }
                sibling = other.nextSibling
            }
            if total > 1 { components.append("Index \(position)") }
            let name = storage.name(of: current)
            if name >= 0 { components.append(storage.names[Int(name)]) }
            current = record.parent
        }
        return components.reversed()
    }
}
