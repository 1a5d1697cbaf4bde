/// A schema compiled from its XSD documents into the checks ``XMLSchemaChecks`` runs over a parsed
/// document (``XMLSchemaCompiler`` builds it): the global elements, every complex type's content
/// model (sequences, choices, occurrences, wildcards), attributes, mixedness and derivation, every
/// simple type's base and facets.
///
/// The model is plain values: particles are flattened into one array, names are indices into
/// ``names`` that the validator interns once per document.
final class XMLSchemaModel: Sendable {
    /// What an element's type is.
    enum TypeReference: Sendable, Hashable {
        case complex(Int)
        case simple(Int)
    }

    /// How a wildcard treats the elements it matches (`processContents`).
    enum WildcardMode: Sendable {
        /// Not validated at all.
        case skip
        /// Validated where the schema declares them (a global element or an `xsi:type`).
        case lax
        /// Validated; an element without a global declaration is a violation.
        case strict
    }

    /// A complex type's content.
    enum Content: Sendable {
        /// No children and no character content (an extension of nothing, attributes only).
        case empty
        /// Element content: the index of its particle in ``XMLSchemaModel/particles``.
        case elements(Int)
        /// A value of the simple type at this index.
        case simple(Int)
    }

    /// A complex type.
    struct ComplexType: Sendable {
        var name: String
        var content: Content
        /// `mixed="true"`: character content allowed between the elements.
        var isMixed: Bool
        var attributes: [Attribute]
        /// The complex type it extends, for `xsi:type` derivation.
        var base: Int?
    }

    /// A particle in the flat form the validator walks.
    struct FlatParticle: Sendable {
        enum Kind: Sendable { case element, sequence, choice, any }
        var kind: Kind
        /// For an element: the index of its declaration in ``XMLSchemaModel/elements``.
        var element: Int
        /// For a wildcard: how its elements are validated.
        var mode: WildcardMode
        var minimum: Int
        var maximum: Int
        /// For a sequence or choice: where its parts are in ``XMLSchemaModel/particleParts``.
        var partsStart: Int
        var partsCount: Int
        var isEmptiable: Bool
    }

    /// An element declaration, local or global.
    struct ElementDeclaration: Sendable {
        /// Its local name's index in ``XMLSchemaModel/names``; its namespace is the target namespace.
        var name: Int
        var type: TypeReference
        var isNillable: Bool
    }

    /// An attribute declaration (unqualified, as `attributeFormDefault="unqualified"` makes them).
    struct Attribute: Sendable {
        var name: String
        /// The index of the name in ``XMLSchemaModel/attributeNames``.
        var nameIndex: Int
        /// The simple type's index.
        var type: Int
        var isRequired: Bool
    }

    /// The target namespace; `nil` for a schema without one.
    let targetNamespace: String?
    /// Every element name the model uses.
    let names: [String]
    /// Every attribute name the model uses, each once.
    let attributeNames: [String]
    let complexTypes: [ComplexType]
    let simpleTypes: [XMLSchemaSimpleType]
    /// Every element declaration; the global ones are listed in ``globalElements``.
    let elements: [ElementDeclaration]
    /// The global element declarations, by local name.
    let globalElements: [String: Int]
    /// The named global types, by local name, and the built-in types as `xs:NAME`-less keys of
    /// ``builtInTypes``.
    let namedTypes: [String: TypeReference]
    /// The built-in simple types, by local name in the XSD namespace.
    let builtInTypes: [String: Int]
    /// Every particle of every content model.
    let particles: [FlatParticle]
    /// The parts of sequences and choices, as indices into ``particles``.
    let particleParts: [Int]
    /// For each complex type: whether it declares a required attribute.
    let requiresAttributes: [Bool]

    init(
        targetNamespace: String?, names: [String], attributeNames: [String], complexTypes: [ComplexType],
        simpleTypes: [XMLSchemaSimpleType], elements: [ElementDeclaration], globalElements: [String: Int],
        namedTypes: [String: TypeReference], builtInTypes: [String: Int], particles: [FlatParticle],
        particleParts: [Int]
    ) {
        self.targetNamespace = targetNamespace
        self.names = names
        self.attributeNames = attributeNames
        self.complexTypes = complexTypes
        self.simpleTypes = simpleTypes
        self.elements = elements
        self.globalElements = globalElements
        self.namedTypes = namedTypes
        self.builtInTypes = builtInTypes
        self.particles = particles
        self.particleParts = particleParts
        requiresAttributes = complexTypes.map { $0.attributes.contains(where: \.isRequired) }
    }

    /// Whether `derived` is `base` or derives from it (by extension, through any number of steps;
    /// a user simple type derives from the built-in type it restricts).
    func isType(_ derived: TypeReference, derivedFrom base: TypeReference) -> Bool {
        if derived == base { return true }
        switch (derived, base) {
        case (.complex(var current), .complex(let target)):
            while let next = complexTypes[current].base {
                if next == target { return true }
                current = next
            }
            return false
        case (.simple(let type), .simple(let target)):
            return builtInTypes[simpleTypes[target].name] == target
                && (simpleTypes[type].base.rawValue == simpleTypes[target].name
                    || (simpleTypes[target].base == .string && simpleTypes[type].base == .token))
        default:
            return false
        }
    }
}
