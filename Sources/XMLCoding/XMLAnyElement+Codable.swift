extension XMLAnyElement: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, attributes, children, namespacesInScope
    }

    private enum NodeKeys: String, CodingKey {
        case element, text
    }

    /// Decodes the structured form written by ``encode(to:)``, for coders other than XML.
    ///
    /// ``XMLDecoder`` never calls this: it builds the element straight from the document.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(XMLQualifiedName.self, forKey: .name)
        attributes = try container.decodeIfPresent([Attribute].self, forKey: .attributes) ?? []
        namespacesInScope = try container.decodeIfPresent([String: String].self, forKey: .namespacesInScope) ?? [:]
        var nodes = try container.nestedUnkeyedContainer(forKey: .children)
        var children: [Node] = []
        while !nodes.isAtEnd {
            let node = try nodes.nestedContainer(keyedBy: NodeKeys.self)
            if let text = try node.decodeIfPresent(String.self, forKey: .text) {
                children.append(.text(text))
            } else {
                children.append(.element(try node.decode(XMLAnyElement.self, forKey: .element)))
            }
        }
        self.children = children
    }

    /// Encodes a structured form (name in Clark notation, attributes, children) for coders other
    /// than XML, such as JSON. ``XMLEncoder`` never calls this: it writes the element as XML.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
        var nodes = container.nestedUnkeyedContainer(forKey: .children)
        for child in children {
            var node = nodes.nestedContainer(keyedBy: NodeKeys.self)
            switch child {
            case .text(let text): try node.encode(text, forKey: .text)
            case .element(let element): try node.encode(element, forKey: .element)
            }
        }
    }
}
