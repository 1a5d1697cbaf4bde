/// A namespace-qualified XML name: a namespace URI (or none) and a local name.
///
/// Names are compared by namespace URI, never by prefix: `<s:Payment>` and `<Payment>` under a
/// default namespace declaration are the same name when both resolve to the same URI.
/// As a Codable value (the type of an attribute such as `xsi:type`), the decoder resolves the
/// `prefix:local` lexical form against the namespace declarations in scope, and the encoder writes
/// it with the prefix declared for its namespace.
public struct XMLQualifiedName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The namespace URI, or `nil` for a name in no namespace.
    public var namespace: String?
    /// The local part of the name.
    public var localName: String

    /// Creates a name.
    public init(namespace: String?, localName: String) {
        self.namespace = namespace
        self.localName = localName
    }

    /// Creates a name in no namespace.
    public init(_ localName: String) {
        self.init(namespace: nil, localName: localName)
    }

    /// Clark notation: `{namespace}localName`, or just `localName` when in no namespace.
    public var description: String {
        guard let namespace else { return localName }
        return "{\(namespace)}\(localName)"
    }

    /// Orders by namespace URI (none first), then local name.
    public static func < (lhs: XMLQualifiedName, rhs: XMLQualifiedName) -> Bool {
        ((lhs.namespace ?? ""), lhs.localName) < ((rhs.namespace ?? ""), rhs.localName)
    }
}

/// Well-known namespace URIs.
public enum XMLNamespace {
    /// `http://www.w3.org/2001/XMLSchema-instance`, the namespace of `xsi:type` and `xsi:nil`.
    public static let schemaInstance = "http://www.w3.org/2001/XMLSchema-instance"
    /// `http://www.w3.org/2001/XMLSchema`, the namespace of the XSD built-in types.
    public static let schema = "http://www.w3.org/2001/XMLSchema"
    /// `http://www.w3.org/XML/1998/namespace`, bound to the `xml` prefix.
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}

extension XMLQualifiedName: Codable {
    /// Decodes Clark notation outside XML; ``XMLDecoder`` resolves `prefix:local` itself.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = XMLQualifiedName(clarkNotation: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a qualified name"))
        }
        self = parsed
    }

    /// Encodes Clark notation outside XML; ``XMLEncoder`` writes `prefix:local` itself.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Parses `{namespace}local` or `local`.
    public init?(clarkNotation text: String) {
        if text.hasPrefix("{") {
            guard let close = text.firstIndex(of: "}") else { return nil }
            let namespace = String(text[text.index(after: text.startIndex)..<close])
            let local = String(text[text.index(after: close)...])
            guard !local.isEmpty else { return nil }
            self.init(namespace: namespace, localName: local)
        } else {
            guard !text.isEmpty else { return nil }
            self.init(namespace: nil, localName: text)
        }
    }
}
