/// Switches for writing XML with ``XMLEncoder``. The defaults produce compact, canonical output.
///
/// Options never change *what* is encoded, only how it is laid out and which prefixes name the
/// namespaces: the same value encodes to the same bytes with the same options, every time.
public struct XMLEncodingOptions: Sendable, Hashable {
    /// Whether the output starts with `<?xml version="1.0" encoding="UTF-8"?>` and a line feed.
    /// The default is `true`.
    ///
    /// The declaration states the encoding explicitly, so no receiver has to guess it; turn it off
    /// only to embed the output in another document.
    public var includesXMLDeclaration: Bool

    /// Whether child elements go on their own lines, indented by ``indentation``. The default is
    /// `false`.
    ///
    /// Pretty printing adds a line feed and indentation before each child element and before the
    /// end tag of an element that has child elements. It never adds white space inside text
    /// content: an element with text stays on one line, and once an element has text, nothing more
    /// is added inside it (mixed content is written compactly from that point on).
    public var prettyPrinted: Bool

    /// One level of indentation when ``prettyPrinted`` is `true`. The default is two spaces.
    ///
    /// Only spaces and tabs are allowed, so indentation is always ignorable white space;
    /// ``XMLEncoder`` throws ``XMLCodingError/Code/unencodableValue`` for anything else.
    public var indentation: String

    /// The prefix to use for each namespace URI; `""` asks for the default namespace. The default
    /// is empty.
    ///
    /// All namespace declarations are written on the root element: the default namespace first,
    /// then the prefixed ones sorted by prefix. Only namespaces that are actually used are
    /// declared.
    ///
    /// - The root element's namespace becomes the default namespace unless a non-empty prefix is
    ///   configured for it. Only the root's namespace can be the default namespace; a different
    ///   namespace mapped to `""` is treated as unconfigured.
    /// - `http://www.w3.org/2001/XMLSchema-instance` gets `xsi` unless configured otherwise.
    /// - Any other namespace gets its configured prefix or else a generated one (`ns1`, `ns2`, …)
    ///   in order of first use.
    /// - Attributes in a namespace always use a prefix, because the default namespace does not
    ///   apply to attributes; when the only binding of a namespace is the default one, an extra
    ///   prefix is declared for its attributes.
    ///
    /// A prefix that is not an XML NCName, `xmlns`, `xml` for another namespace than
    /// ``XMLNamespace/xml``, a prefix given to two namespaces and an empty namespace URI make
    /// ``XMLEncoder`` throw ``XMLCodingError/Code/invalidName``.
    public var namespacePrefixes: [String: String]

    /// Creates encoding options.
    ///
    /// - Parameters:
    ///   - includesXMLDeclaration: Whether to start with an XML declaration. Default `true`.
    ///   - prettyPrinted: Whether to indent child elements. Default `false`.
    ///   - indentation: One level of indentation when pretty printing. Default two spaces.
    ///   - namespacePrefixes: Namespace URI to prefix (`""` for the default namespace). Default
    ///     empty.
    public init(
        includesXMLDeclaration: Bool = true,
        prettyPrinted: Bool = false,
        indentation: String = "  ",
        namespacePrefixes: [String: String] = [:]
    ) {
        self.includesXMLDeclaration = includesXMLDeclaration
        self.prettyPrinted = prettyPrinted
        self.indentation = indentation
        self.namespacePrefixes = namespacePrefixes
    }

    /// The defaults: XML declaration, compact output, two-space indentation, no configured
    /// prefixes.
    public static let `default` = XMLEncodingOptions()
}
