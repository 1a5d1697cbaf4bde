public import Foundation

/// A parsed XML document, held as a compact, immutable arena rather than a tree of objects.
///
/// Parse once with ``parse(_:options:)-(ContiguousBytes,_)`` and then decode it with ``XMLDecoder`` and validate it
/// with ``XMLSchema`` as often as needed; or let ``XMLDecoder`` parse bytes directly. Parsing is
/// secure by default (see ``XMLReadingOptions``): no network, no external entities, no DTD, bounded
/// size and depth.
///
/// A document is a value: it is `Sendable` and can be shared between tasks.
public struct XMLDocument: Sendable {
    let storage: XMLDocumentStorage

    init(storage: XMLDocumentStorage) {
        self.storage = storage
    }

    /// Parses a document from bytes.
    ///
    /// The bytes may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
    /// or any encoding the XML declaration names that libxml2 supports.
    ///
    /// - Parameters:
    ///   - data: The document's bytes.
    ///   - options: Limits for untrusted input; the defaults are safe.
    /// - Returns: The parsed document.
    /// - Throws: ``XMLCodingError`` with a reading code such as ``XMLCodingError/Code/malformedXML``,
    ///   ``XMLCodingError/Code/doctypeNotAllowed`` or ``XMLCodingError/Code/inputTooLarge``, with
    ///   the line and column of the problem.
    public static func parse(
        _ data: some ContiguousBytes, options: XMLReadingOptions = .default
    ) throws(XMLCodingError) -> XMLDocument {
        let storage = try XMLStreamReader.read(data, options: options, schema: nil)
        return XMLDocument(storage: storage)
    }

    /// Parses a document from a string (encoded as UTF-8; an encoding named by its XML
    /// declaration is ignored, since the text is already decoded).
    public static func parse(
        _ string: String, options: XMLReadingOptions = .default
    ) throws(XMLCodingError) -> XMLDocument {
        try parse(Array(XMLStreamReader.utf8Input(string)), options: options)
    }

    /// Parses a document from a file, checking its size before reading it.
    ///
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/ioError`` when the file cannot
    ///   be read, ``XMLCodingError/Code/inputTooLarge`` when it is over the limit, or a reading code.
    public static func parse(
        contentsOf url: URL, options: XMLReadingOptions = .default
    ) throws(XMLCodingError) -> XMLDocument {
        let data = try XMLStreamReader.readFile(url, options: options)
        return try parse(data, options: options)
    }

    /// The qualified name of the root element.
    public var rootElementName: XMLQualifiedName {
        storage.qualifiedName(of: 0)
    }

    /// The number of elements in the document.
    public var elementCount: Int {
        storage.elementCountExcludingText
    }
}

/// The arena: elements in document order, their attributes and every text byte.
///
/// Nodes are stored in document order, so an element's first child, when it has one, is the
/// node right after it: it is not stored. A node's line and whether it has attributes are one
/// byte in ``marks``; its local name and namespace are one index into ``qualifiedNames``.
final class XMLDocumentStorage: Sendable {
    /// One element (or, with ``textQualifiedName``, one run of mixed-content text): 20 bytes,
    /// since a large document holds millions of them. Namespace declarations, rare after the root,
    /// live in a side table (``declarationRanges``); attributes name their owner.
    struct Node {
        /// The index of the local name and namespace in ``qualifiedNames``.
        var qualifiedName: Int32
        var parent: Int32
        var nextSibling: Int32 = -1
        var textStart: Int32 = 0
        var textLength: Int32 = 0
    }

    /// A local name (an index in ``names``, or ``textNodeName``) and a namespace index.
    struct QualifiedName {
        var name: Int32
        var namespace: Int32
    }

    /// Where the namespace declarations of one element are in ``namespaceDeclarations``.
    struct DeclarationRange: Sendable {
        var start: Int32
        var count: Int32
    }

    /// An attribute; attributes are stored in document order, so those of one element are
    /// adjacent and sorted by ``owner``.
    struct Attribute {
        var owner: Int32
        var name: Int32
        var namespace: Int32
        var valueStart: Int32
        var valueLength: Int32
    }

    /// A namespace declaration: `prefix` is a name index, or -1 for the default namespace.
    struct NamespaceDeclaration {
        var prefix: Int32
        var namespace: Int32
    }

    /// The local name of a text node.
    static let textNodeName: Int32 = -1
    /// The qualified name of every text node: always the first in ``qualifiedNames``.
    static let textQualifiedName: Int32 = 0
    /// Namespace index 0 is "no namespace".
    static let noNamespace: Int32 = 0

    let nodes: [Node]
    /// Per node: its line and whether it has attributes.
    let marks: XMLNodeMarks
    let qualifiedNames: [QualifiedName]
    let attributes: [Attribute]
    let namespaceDeclarations: [NamespaceDeclaration]
    /// The declaring elements' ranges in ``namespaceDeclarations``.
    let declarationRanges: [Int32: DeclarationRange]
    let bytes: [UInt8]
    let names: [String]
    let namespaces: [String]
    let nameIndex: [String: Int32]
    let namespaceIndex: [String: Int32]
    let elementCountExcludingText: Int

    /// - Parameters:
    ///   - nameIndex: Each of `names` to its index (the reader's interning table, so that it is
    ///     not built twice).
    ///   - namespaceIndex: Each of `namespaces` after the first ("no namespace") to its index.
    init(
        nodes: [Node], marks: XMLNodeMarks, qualifiedNames: [QualifiedName], attributes: [Attribute],
        namespaceDeclarations: [NamespaceDeclaration], declarationRanges: [Int32: DeclarationRange], bytes: [UInt8],
        names: [String], namespaces: [String], nameIndex: [String: Int32], namespaceIndex: [String: Int32],
        elementCount: Int
    ) {
        self.nodes = nodes
        self.marks = marks
        self.qualifiedNames = qualifiedNames
        self.attributes = attributes
        self.namespaceDeclarations = namespaceDeclarations
        self.declarationRanges = declarationRanges
        self.bytes = bytes
        self.names = names
        self.namespaces = namespaces
        self.nameIndex = nameIndex
        self.namespaceIndex = namespaceIndex
        self.elementCountExcludingText = elementCount
    }

    // MARK: - Nodes

    /// The node's local name index; ``textNodeName`` for text.
    @inline(__always)
    func name(of node: Int32) -> Int32 {
        qualifiedNames[Int(nodes[Int(node)].qualifiedName)].name
    }

    /// The node's namespace index.
    @inline(__always)
    func namespace(of node: Int32) -> Int32 {
        qualifiedNames[Int(nodes[Int(node)].qualifiedName)].namespace
    }

    /// Whether the node is a run of mixed-content text rather than an element.
    @inline(__always)
    func isText(_ node: Int32) -> Bool {
        nodes[Int(node)].qualifiedName == Self.textQualifiedName
    }

    /// The node's first child (element or text), or -1: the next node, when it is a child.
    @inline(__always)
    func firstChild(of node: Int32) -> Int32 {
        Self.firstChild(of: node, in: nodes)
    }

    /// ``firstChild(of:)`` over any nodes in document order (the reader's, while it reads).
    @inline(__always)
    static func firstChild(of node: Int32, in nodes: [Node]) -> Int32 {
        let next = Int(node) + 1
        return next < nodes.count && nodes[next].parent == node ? Int32(next) : -1
    }

    /// The 1-based line of the node's start tag.
    func line(of node: Int32) -> Int32 {
        marks.line(of: node)
    }

    /// The node's attributes, as indices in ``attributes``.
    @inline(__always)
    func attributeRange(of node: Int32) -> Range<Int32> {
        guard marks.hasAttributes(node) else { return 0..<0 }
        return attributeRange(ofMarked: node)
    }

    /// ``attributeRange(of:)`` searched from `hint`, the start of the range found before: a
    /// reader going through the document in order finds each element's attributes there or
    /// right after the hint's element's, without a search.
    @inline(__always)
    func attributeRange(of node: Int32, hint: inout Int32) -> Range<Int32> {
        guard marks.hasAttributes(node) else { return 0..<0 }
        var start = Int(hint)
        if start < attributes.count, attributes[start].owner < node {
            let previous = attributes[start].owner
            while start < attributes.count && attributes[start].owner == previous { start += 1 }
        }
        let found =
            start < attributes.count && attributes[start].owner == node
            && (start == 0 || attributes[start - 1].owner != node)
        let range = found ? attributeRange(startingAt: start, owner: node) : attributeRange(ofMarked: node)
        hint = range.lowerBound
        return range
    }

    private func attributeRange(ofMarked node: Int32) -> Range<Int32> {
        var low = 0
        var high = attributes.count
        while low < high {
            let middle = low + (high - low) / 2
            if attributes[middle].owner < node { low = middle + 1 } else { high = middle }
        }
        return attributeRange(startingAt: low, owner: node)
    }

    @inline(__always)
    private func attributeRange(startingAt start: Int, owner node: Int32) -> Range<Int32> {
        var end = start
        while end < attributes.count && attributes[end].owner == node { end += 1 }
        return Int32(start)..<Int32(end)
    }

    func qualifiedName(of node: Int32) -> XMLQualifiedName {
        let pair = qualifiedNames[Int(nodes[Int(node)].qualifiedName)]
        guard pair.name >= 0 else { return XMLQualifiedName("#text") }
        return XMLQualifiedName(namespace: namespaceURI(pair.namespace), localName: names[Int(pair.name)])
    }

    func namespaceURI(_ index: Int32) -> String? {
        index == Self.noNamespace ? nil : namespaces[Int(index)]
    }

    func string(start: Int32, length: Int32) -> String {
        guard length > 0 else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(start + length)]), as: UTF8.self)
        }
    }

    func text(of node: Int32) -> String {
        let record = nodes[Int(node)]
        return string(start: record.textStart, length: record.textLength)
    }

    func value(ofAttribute index: Int32) -> String {
        let attribute = attributes[Int(index)]
        return string(start: attribute.valueStart, length: attribute.valueLength)
    }

    /// Calls `body` with the raw UTF-8 bytes of a range, without copying.
    func withBytes<R>(start: Int32, length: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(start + length)]))
        }
    }

    /// The element path, such as `/PaymentRequest/Payments/Payment[2]/PaymentAmount`: local names,
    /// with `[k]` on an element that is the k-th (k > 1) of its name among its siblings.
    func path(of node: Int32) -> String {
        var components: [String] = []
        var current = node
        while current >= 0 {
            let record = nodes[Int(current)]
            if record.qualifiedName != Self.textQualifiedName {
                var position = 1
                if record.parent >= 0 {
                    var sibling = firstChild(of: record.parent)
                    while sibling >= 0 && sibling != current {
                        let other = nodes[Int(sibling)]
                        if other.qualifiedName == record.qualifiedName { position += 1 }
                        sibling = other.nextSibling
                    }
                }
                let name = names[Int(qualifiedNames[Int(record.qualifiedName)].name)]
                components.append(position > 1 ? "\(name)[\(position)]" : name)
            }
            current = record.parent
        }
        return "/" + components.reversed().joined(separator: "/")
    }

    /// The namespace declarations made on `node` itself.
    func declarations(of node: Int32) -> ArraySlice<NamespaceDeclaration> {
        guard let range = declarationRanges[node] else { return [] }
        return namespaceDeclarations[Int(range.start)..<Int(range.start + range.count)]
    }

    /// The namespace URI bound to `prefix` (nil or "" for the default namespace) at `node`.
    func resolvePrefix(_ prefix: String?, at node: Int32) -> String?? {
        if prefix == "xml" { return .some(XMLNamespace.xml) }
        let wanted: Int32
        if let prefix, !prefix.isEmpty {
            guard let index = nameIndex[prefix] else { return .none }
            wanted = index
        } else {
            wanted = -1
        }
        var current = node
        while current >= 0 {
            let record = nodes[Int(current)]
            for declaration in declarations(of: current) where declaration.prefix == wanted {
                return .some(namespaceURI(declaration.namespace))
            }
            current = record.parent
        }
        // No declaration: the default namespace is "none"; an undeclared prefix is unresolved.
        return wanted == -1 ? .some(nil) : .none
    }

    /// Every namespace declaration in scope at `node`, prefix ("" for default) to URI.
    func namespacesInScope(at node: Int32) -> [String: String] {
        var result: [String: String] = [:]
        var current = node
        while current >= 0 {
            let record = nodes[Int(current)]
            for declaration in declarations(of: current) {
                let prefix = declaration.prefix < 0 ? "" : names[Int(declaration.prefix)]
                if result[prefix] == nil { result[prefix] = namespaceURI(declaration.namespace) ?? "" }
            }
            current = record.parent
        }
        return result
    }
}
