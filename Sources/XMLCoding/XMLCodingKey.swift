/// How a coding key is represented in XML.
public enum XMLNodeKind: Sendable, Hashable {
    /// A child element named by the key (the default). Arrays are repeated sibling elements.
    case element
    /// An attribute named by the key. Only simple values fit in an attribute.
    case attribute
    /// The element's own text content (for simple content with attributes, such as
    /// `<Amount Currency="EUR">12.50</Amount>`). The key's name is not used.
    case text
    /// Every child element that the type's other keys did not claim, as `[XMLAnyElement]`.
    ///
    /// Decode this key last (declare it last). It keeps elements from newer schema versions so a
    /// round trip loses nothing; the encoder writes them after the declared children.
    case otherElements
}

/// The namespace of a coding key's element or attribute.
public enum XMLKeyNamespace: Sendable, Hashable {
    /// Elements: the parent element's namespace (qualified elements). Attributes: no namespace
    /// (unqualified attributes). The default, matching `elementFormDefault="qualified"`.
    case inherited
    /// No namespace.
    case none
    /// The given namespace URI.
    case uri(String)
}

/// A coding key that declares how it is represented in XML.
///
/// Conform a type's `CodingKeys` to this protocol to declare, once per type, which properties are
/// attributes, which is the text content and which namespace a name belongs to. Keys that do not
/// conform (and keys that keep the defaults) are child elements in the parent's namespace.
///
/// ```swift
/// struct Payment: Codable {
///     var identifier: String
///     var scope: PaymentScope
///
///     enum CodingKeys: String, XMLCodingKey {
///         case identifier = "Identifier"
///         case scope = "PaymentScope"
///
///         var xmlNodeKind: XMLNodeKind { self == .identifier ? .attribute : .element }
///     }
/// }
/// ```
public protocol XMLCodingKey: CodingKey {
    /// Element, attribute, text content or the catch-all for undeclared elements. Default: element.
    var xmlNodeKind: XMLNodeKind { get }
    /// The namespace of the name. Default: ``XMLKeyNamespace/inherited``.
    var xmlNamespace: XMLKeyNamespace { get }
}

extension XMLCodingKey {
    /// By default a key is a child element.
    public var xmlNodeKind: XMLNodeKind { .element }
    /// By default a key's name is in the parent element's namespace (attributes: in none).
    public var xmlNamespace: XMLKeyNamespace { .inherited }
}

/// A type that is the root element of a document.
///
/// ``XMLDecoder`` checks the root element's name against ``xmlRootElementName`` and
/// ``XMLEncoder`` writes it.
public protocol XMLRootElement {
    /// The qualified name of the root element.
    static var xmlRootElementName: XMLQualifiedName { get }
}
