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
final class XMLDocumentStorage: Sendable {
    /// One element (or, with `name == textNodeName`, one run of mixed-content text): 40 bytes,
    /// since a large document holds millions of them. Namespace declarations, rare after the root,
    /// live in a side table (``declarationRanges``).
    struct Node {
        var name: Int32
        var namespace: Int32
        var parent: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        var attributeStart: Int32
        var attributeCount: Int32 = 0
        var textStart: Int32 = 0
        var textLength: Int32 = 0
        var line: Int32
    }

    /// Where the namespace declarations of one element are in ``namespaceDeclarations``.
    struct DeclarationRange: Sendable {
        var start: Int32
        var count: Int32
    }

    struct Attribute {
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

    static let textNodeName: Int32 = -1
    /// Namespace index 0 is "no namespace".
    static let noNamespace: Int32 = 0

    let nodes: [Node]
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
        nodes: [Node], attributes: [Attribute], namespaceDeclarations: [NamespaceDeclaration],
        declarationRanges: [Int32: DeclarationRange], bytes: [UInt8], names: [String], namespaces: [String],
        nameIndex: [String: Int32], namespaceIndex: [String: Int32], elementCount: Int
    ) {
        self.nodes = nodes
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

    func qualifiedName(of node: Int32) -> XMLQualifiedName {
        let record = nodes[Int(node)]
        guard record.name >= 0 else { return XMLQualifiedName("#text") }
        return XMLQualifiedName(namespace: namespaceURI(record.namespace), localName: names[Int(record.name)])
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
            if record.name >= 0 {
                var position = 1
                if record.parent >= 0 {
                    var sibling = nodes[Int(record.parent)].firstChild
                    while sibling >= 0 && sibling != current {
                        let other = nodes[Int(sibling)]
                        if other.name == record.name && other.namespace == record.namespace { position += 1 }
                        sibling = other.nextSibling
                    }
                }
                let name = names[Int(record.name)]
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
