public import Foundation

/// Reading a parsed document by hand: elements, interned names, text and typed values straight
/// from the arena, for hand-written bindings where Codable's generic machinery costs too much.
///
/// Names are interned once per document: resolve the names a binding needs with ``name(_:)`` and
/// compare them with ``name(of:)`` (an integer comparison, no strings). Values are parsed from the
/// arena's bytes with the same strict parsers ``XMLDecoder`` uses, without creating a `String`.
///
/// ```swift
/// let document = try XMLDocument.parse(data)
/// let entry = document.name("Ntry")
/// var child = document.firstChildElement(of: document.rootElement)
/// while let element = child {
///     if document.name(of: element) == entry { print(document.line(of: element)) }
///     child = document.nextSiblingElement(after: element)
/// }
/// ```
extension XMLDocument {
    /// An element of a parsed document: a position in its arena, valid only with that document.
    public struct Element: Hashable, Sendable {
        let index: Int32
    }

    /// A local name interned in one document; compare it with ``XMLDocument/name(of:)``.
    public struct Name: Hashable, Sendable {
        let index: Int32
    }

    /// The root element.
    public var rootElement: Element { Element(index: 0) }

    /// The interned form of a local name, for comparing with ``name(of:)``; a name that does not
    /// occur in the document gives a value no element has.
    ///
    /// - Parameter localName: A local name such as `Ntry`.
    public func name(_ localName: String) -> Name {
        Name(index: storage.nameIndex[localName] ?? -2)
    }

    /// The element's interned local name.
    public func name(of element: Element) -> Name {
        Name(index: storage.name(of: element.index))
    }

    /// The element's local name as a string.
    public func localName(of element: Element) -> String {
        storage.names[Int(storage.name(of: element.index))]
    }

    /// Whether two elements have the same namespace (both none, or the same URI).
    public func hasSameNamespace(_ element: Element, as other: Element) -> Bool {
        storage.namespace(of: element.index) == storage.namespace(of: other.index)
    }

    /// The element's namespace URI; `nil` when it has none.
    public func namespace(of element: Element) -> String? {
        storage.namespaceURI(storage.namespace(of: element.index))
    }

    /// The first child element, skipping text; `nil` when there is none.
    public func firstChildElement(of element: Element) -> Element? {
        elementFrom(storage.firstChild(of: element.index))
    }

    /// The next sibling element, skipping text; `nil` after the last.
    public func nextSiblingElement(after element: Element) -> Element? {
        elementFrom(storage.nodes[Int(element.index)].nextSibling)
    }

    /// The parent element; `nil` for the root.
    public func parent(of element: Element) -> Element? {
        let parent = storage.nodes[Int(element.index)].parent
        return parent >= 0 ? Element(index: parent) : nil
    }

    /// Whether the element has child elements (text does not count).
    public func hasChildElements(_ element: Element) -> Bool {
        firstChildElement(of: element) != nil
    }

    /// Whether the element has text besides white space between or around child elements
    /// (mixed content); the text of an element without children is ``text(of:)``.
    public func hasMixedText(_ element: Element) -> Bool {
        var child = storage.firstChild(of: element.index)
        while child >= 0 {
            if storage.isText(child) { return true }
            child = storage.nodes[Int(child)].nextSibling
        }
        return false
    }

    /// The element's text as written (entities and character references resolved, white space
    /// kept); `""` for an empty element or one with child elements.
    public func text(of element: Element) -> String {
        storage.text(of: element.index)
    }

    /// Calls `body` with the UTF-8 bytes of the element's text (see ``text(of:)``), without copying.
    public func withText<R>(of element: Element, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let record = storage.nodes[Int(element.index)]
        return try storage.withBytes(start: record.textStart, length: record.textLength, body)
    }

    /// Whether the element's text has anything but XML white space.
    public func hasNonSpaceText(_ element: Element) -> Bool {
        withText(of: element) { text in text.contains { !XMLWhitespace.isSpace($0) } }
    }

    /// The value of the element's attribute without a namespace, such as `Ccy` of
    /// `<Amt Ccy="EUR">`; `nil` when the element has none of that name.
    public func attribute(_ name: Name, of element: Element) -> String? {
        for index in storage.attributeRange(of: element.index) {
            let attribute = storage.attributes[Int(index)]
            if attribute.name == name.index && attribute.namespace == XMLDocumentStorage.noNamespace {
                return storage.value(ofAttribute: index)
            }
        }
        return nil
    }

    /// The number of attributes the element carries, namespace declarations not counted.
    public func attributeCount(of element: Element) -> Int {
        storage.attributeRange(of: element.index).count
    }

    /// The qualified names of the element's attributes, in document order (namespace
    /// declarations are not attributes).
    public func attributeNames(of element: Element) -> [XMLQualifiedName] {
        storage.attributeRange(of: element.index).map { index in
            let attribute = storage.attributes[Int(index)]
            return XMLQualifiedName(
                namespace: storage.namespaceURI(attribute.namespace), localName: storage.names[Int(attribute.name)])
        }
    }

    /// The element's text as an `xs:decimal` (``XMLDecimal/parse(_:)``); `nil` when it is not one.
    public func decimal(of element: Element) -> Decimal? {
        withText(of: element) { XMLDecimal.parse(utf8: $0) }
    }

    /// The element's text as an `xs:date`; `nil` when it is not one.
    public func date(of element: Element) -> XMLDate? {
        withText(of: element) { XMLDate.parse(utf8: $0) }
    }

    /// The element's text as an `xs:dateTime`; `nil` when it is not one.
    public func dateTime(of element: Element) -> XMLDateTime? {
        withText(of: element) { XMLDateTime.parse(utf8: $0) }
    }

    /// The element's text as an `xs:boolean` (`true`, `false`, `1`, `0`); `nil` when it is not one.
    public func boolean(of element: Element) -> Bool? {
        withText(of: element) { XMLNumberParsing.parseBoolean(utf8: $0) }
    }

    /// The 1-based line of the element's start tag.
    public func line(of element: Element) -> Int {
        Int(storage.line(of: element.index))
    }

    /// The element's path, such as `/Document/BkToCstmrStmt/Stmt/Ntry[2]/Amt`, as errors report it.
    public func path(of element: Element) -> String {
        storage.path(of: element.index)
    }

    private func elementFrom(_ start: Int32) -> Element? {
        var node = start
        while node >= 0 {
            if !storage.isText(node) { return Element(index: node) }
            node = storage.nodes[Int(node)].nextSibling
        }
        return nil
    }
}
