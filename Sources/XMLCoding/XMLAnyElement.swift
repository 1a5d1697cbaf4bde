/// An element kept as it is: its name, attributes and content, not bound to a Swift type.
///
/// Use it for `xs:any` / `xs:anyType` content (a message envelope's payload, free-form
/// `Services`), and with ``XMLNodeKind/otherElements`` to keep elements a type does not declare.
/// ``XMLDecoder`` fills it from the document and ``XMLEncoder`` writes it back; names stay
/// namespace-qualified, and qualified-name values in attributes are resolved to
/// ``XMLQualifiedName`` form (`{uri}local`) only when the type asks for them.
public struct XMLAnyElement: Hashable, Sendable {
    /// One attribute.
    public struct Attribute: Hashable, Sendable, Codable {
        /// The attribute's qualified name.
        public var name: XMLQualifiedName
        /// The attribute's value, with entity and character references resolved.
        public var value: String

        /// Creates an attribute.
        public init(name: XMLQualifiedName, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One piece of element content.
    public enum Node: Hashable, Sendable {
        /// A child element.
        case element(XMLAnyElement)
        /// Character data (text and CDATA alike).
        case text(String)
    }

    /// The element's qualified name.
    public var name: XMLQualifiedName
    /// The attributes in document order, namespace declarations excluded.
    public var attributes: [Attribute]
    /// The children in document order. White space between child elements is not kept.
    public var children: [Node]
    /// The namespace declarations that were in scope (prefix to URI, `""` for the default
    /// namespace), so qualified names in text or attribute values can still be resolved.
    public var namespacesInScope: [String: String]

    /// Creates an element.
    public init(
        name: XMLQualifiedName, attributes: [Attribute] = [], children: [Node] = [],
        namespacesInScope: [String: String] = [:]
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.namespacesInScope = namespacesInScope
    }

    /// The concatenated text of the direct text children.
    public var text: String {
        children.reduce(into: "") { result, node in
            if case .text(let text) = node { result += text }
        }
    }

    /// The direct child elements.
    public var childElements: [XMLAnyElement] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    /// The value of the attribute with the given name.
    public func attribute(_ name: XMLQualifiedName) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Elements are equal when their names, attributes and children are; the prefixes that
    /// happened to be declared (``namespacesInScope``) are a lexical detail and do not count.
    public static func == (lhs: XMLAnyElement, rhs: XMLAnyElement) -> Bool {
        lhs.name == rhs.name && lhs.attributes == rhs.attributes && lhs.children == rhs.children
    }

    /// Hashes the name, attributes and children, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(attributes)
        hasher.combine(children)
    }
}
