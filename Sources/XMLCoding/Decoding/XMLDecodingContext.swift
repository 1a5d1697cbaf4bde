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
}

/// The state of one decode call: the arena, the options and which elements were decoded.
final class XMLDecodingContext {
    let storage: XMLDocumentStorage
    let rejectsUnknownElements: Bool
    let userInfo: [CodingUserInfoKey: any Sendable]
    private let schemaInstanceNamespace: Int32
    private let nilName: Int32

    /// Per node: 0 = not decoded, otherwise the order in which it was decoded
    /// (``keptAsOther`` for elements claimed by an ``XMLNodeKind/otherElements`` key).
    private(set) var decodeOrder: [UInt32]
    private var nextOrder: UInt32 = 1
    static let keptAsOther = UInt32.max

    init(storage: XMLDocumentStorage, options: XMLDecodingOptions, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.storage = storage
        self.rejectsUnknownElements = options.unknownElements == .reject
        self.userInfo = userInfo
        self.schemaInstanceNamespace = storage.namespaceIndex[XMLNamespace.schemaInstance] ?? -2
        self.nilName = storage.nameIndex["nil"] ?? -2
        self.decodeOrder = Array(repeating: 0, count: storage.nodes.count)
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
                        message: "element \(storage.qualifiedName(of: node)) occurs more often than the type declares (first at line \(nodes[Int(sibling)].line))",
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
        for index in nodes.indices where nodes[index].name >= 0 && nodes[index].childElementCount > 1 {
            var highest: UInt32 = 0
            var child = nodes[index].firstChild
            while child >= 0 {
                let order = decodeOrder[Int(child)]
                if order != 0 && order != Self.keptAsOther && nodes[Int(child)].name >= 0 {
                    if order < highest {
                        throw XMLCodingError(
                            code: .elementOutOfOrder,
                            message: "element \(storage.qualifiedName(of: child)) appears after an element declared after it",
                            line: Int(nodes[Int(child)].line), elementPath: storage.path(of: child),
                            codingPath: codingPath(of: child))
                    }
                    highest = order
                }
                child = nodes[Int(child)].nextSibling
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
            if attribute.name == name && attribute.namespace == namespace { return index }
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
            attributeName: storage.names[Int(attribute.name)])
    }

    // MARK: - Values

    /// Decodes `T` from an element: a simple value from its text, anything else through `Decoder`.
    func decodeValue<T: Decodable>(_ type: T.Type, element node: Int32) throws -> T {
        markDecoded(node)
        if T.self == XMLAnyElement.self, let element = anyElement(node) as? T {
            markSubtreeDecoded(node)
            return element
        }
        if let value = try decodeSimple(T.self, from: textSource(of: node), requireNoChildren: true) {
            return value
        }
        do {
            return try T(from: XMLDecoderImplementation(context: self, source: .element(node)))
        } catch {
            throw codingError(error, node: node)
        }
    }

    /// Decodes `T` from an attribute or text value; the value must be simple.
    func decodeSimpleValue<T: Decodable>(_ type: T.Type, from source: XMLTextSource) throws -> T {
        if let value = try decodeSimple(T.self, from: source, requireNoChildren: false) {
            return value
        }
        do {
            return try T(from: XMLDecoderImplementation(context: self, source: .text(source)))
        } catch {
            throw codingError(error, node: source.node, attribute: source.attributeName)
        }
    }

    /// The fast path for the types whose lexical form the decoder parses itself; `nil` for others.
    func decodeSimple<T>(_ type: T.Type, from source: XMLTextSource, requireNoChildren: Bool) throws(XMLCodingError) -> T? {
        if T.self == String.self {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:string")
            return storage.string(start: source.start, length: source.length) as? T
        }
        if T.self == Decimal.self {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:decimal")
            let value = storage.withBytes(start: source.start, length: source.length) { XMLDecimal.parse(utf8: $0) }
            guard let value else { throw invalidValue(source, typeName: "xs:decimal") }
            return value as? T
        }
        if T.self == XMLDate.self {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:date")
            let value = storage.withBytes(start: source.start, length: source.length) { XMLDate.parse(utf8: $0) }
            guard let value else { throw invalidValue(source, typeName: "xs:date") }
            return value as? T
        }
        if T.self == Bool.self {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:boolean")
            let value = storage.withBytes(start: source.start, length: source.length) {
                XMLNumberParsing.parseBoolean(utf8: $0)
            }
            guard let value else { throw invalidValue(source, typeName: "xs:boolean") }
            return value as? T
        }
        if let integerType = T.self as? any FixedWidthInteger.Type {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:integer")
            return try decodeInteger(integerType, from: source) as? T
        }
        if T.self == XMLQualifiedName.self {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "xs:QName")
            return try decodeQualifiedName(from: source) as? T
        }
        if let enumerationType = T.self as? any XMLEnumeration.Type {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: "\(enumerationType)")
            return try decodeEnumeration(enumerationType, from: source) as? T
        }
        if let lexicalType = T.self as? any XMLLexicalValue.Type {
            try checkSimpleContent(source, requireNoChildren: requireNoChildren, typeName: lexicalType.xmlTypeName)
            return try decodeLexical(lexicalType, from: source) as? T
        }
        if T.self is any BinaryFloatingPoint.Type {
            throw locatedError(
                .typeMismatch, "binary floating point cannot hold xs:decimal values exactly; decode Decimal instead",
                source)
        }
        return nil
    }

    private func checkSimpleContent(_ source: XMLTextSource, requireNoChildren: Bool, typeName: String) throws(XMLCodingError) {
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

    private func decodeInteger<I: FixedWidthInteger>(_ type: I.Type, from source: XMLTextSource) throws(XMLCodingError) -> I {
        let result = storage.withBytes(start: source.start, length: source.length) {
            XMLNumberParsing.parseInteger(utf8: $0, as: I.self)
        }
        switch result {
        case .value(let value):
            return value
        case .overflow:
            throw locatedError(
                .valueOutOfRange, "'\(storage.string(start: source.start, length: source.length))' does not fit \(I.self)",
                source)
        case .invalid:
            throw invalidValue(source, typeName: "xs:integer")
        }
    }

    private func decodeEnumeration<E: XMLEnumeration>(_ type: E.Type, from source: XMLTextSource) throws(XMLCodingError) -> E {
        let text = XMLWhitespace.collapse(storage.string(start: source.start, length: source.length))
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw locatedError(
            .unknownEnumerationValue, "'\(text)' is not a value of \(E.self); expected one of: \(allowed)", source)
    }

    private func decodeLexical<V: XMLLexicalValue>(_ type: V.Type, from source: XMLTextSource) throws(XMLCodingError) -> V {
        let text = V.xmlWhiteSpace.apply(to: storage.string(start: source.start, length: source.length))
        guard let value = V(xmlLexicalForm: text) else { throw invalidValue(source, typeName: V.xmlTypeName) }
        return value
    }

    private func decodeQualifiedName(from source: XMLTextSource) throws(XMLCodingError) -> XMLQualifiedName {
        let text = XMLWhitespace.collapse(storage.string(start: source.start, length: source.length))
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (parts.count == 1 || parts.count == 2), parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw invalidValue(source, typeName: "xs:QName")
        }
        let prefix = parts.count == 2 ? String(parts[0]) : nil
        let localName = String(parts[parts.count - 1])
        guard let namespace = storage.resolvePrefix(prefix, at: source.node) else {
            throw locatedError(
                .unresolvedPrefix, "the prefix '\(prefix ?? "")' of '\(text)' has no namespace declaration in scope",
                source)
        }
        return XMLQualifiedName(namespace: namespace, localName: localName)
    }

    /// Builds an ``XMLAnyElement`` from the arena.
    func anyElement(_ node: Int32) -> XMLAnyElement {
        let record = storage.nodes[Int(node)]
        var attributes: [XMLAnyElement.Attribute] = []
        let end = record.attributeStart + record.attributeCount
        var index = record.attributeStart
        while index < end {
            let attribute = storage.attributes[Int(index)]
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
            result = locatedError(.missingElement, "required '\(key.stringValue)' is missing: \(context.debugDescription)", located)
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
