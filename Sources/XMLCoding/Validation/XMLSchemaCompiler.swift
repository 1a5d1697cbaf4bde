import Foundation

/// Reads a schema's XSD documents (the main one and those it includes) and derives the checks of
/// an ``XMLSchemaModel``: the schema is described once, by the XSD, and the checks follow from it.
///
/// The compiler knows the subset the shipped schemas use: named global types and elements;
/// sequences, choices, element declarations with occurrences and `nillable`, `xs:any` with
/// `namespace="##any"`; `mixed`; attributes of named simple types; simple content; complex content
/// extending a complex type; simple types restricting a built-in type by length, pattern,
/// enumeration, digit and inclusive-range facets; anonymous complex types of elements;
/// `xs:include`. Anything else (imports, references, anonymous simple types, restrictions of complex types, other facets or built-in types,
/// patterns outside ``XMLSchemaPattern``'s subset) makes compilation fail with what and where,
/// never check less.
struct XMLSchemaCompiler {
    typealias Element = XMLDocument.Element
    typealias Particle = XMLSchemaParticle

    /// Why a schema does not compile into checks.
    struct Failure: Error {
        var message: String
    }

    /// A global definition with the document it is written in (for resolving its QNames).
    private struct Definition {
        var document: XMLDocument
        var element: Element
    }

    private var targetNamespace: String?
    private var names: [String] = []
    private var nameIndex: [String: Int] = [:]
    private var attributeNames: [String] = []
    private var attributeNameIndex: [String: Int] = [:]
    private var complexTypes: [XMLSchemaModel.ComplexType?] = []
    /// Each complex type's content model as a tree, for the types extending it.
    private var contentTrees: [Particle?] = []
    private var complexDefinitions: [Definition] = []
    private var simpleTypes: [XMLSchemaSimpleType] = []
    private var elements: [XMLSchemaModel.ElementDeclaration] = []
    private var globalElements: [String: Int] = [:]
    private var namedTypes: [String: XMLSchemaModel.TypeReference] = [:]
    private var builtInTypes: [String: Int] = [:]
    private var particles: [XMLSchemaModel.FlatParticle] = []
    private var particleParts: [Int] = []

    /// Compiles a schema set.
    ///
    /// - Parameters:
    ///   - main: The file name of the entry document in `documents`.
    ///   - documents: Every document of the set, file name to bytes; includes name them.
    static func compile(main: String, documents: [String: Data]) throws(Failure) -> XMLSchemaModel {
        var compiler = XMLSchemaCompiler()
        return try compiler.run(main: main, documents: documents)
    }

    private mutating func run(main: String, documents: [String: Data]) throws(Failure) -> XMLSchemaModel {
        for base in XMLSchemaSimpleType.Base.allCases {
            builtInTypes[base.rawValue] = simpleTypes.count
            simpleTypes.append(XMLSchemaSimpleType(name: base.rawValue, base: base))
        }
        // Read every document reachable by xs:include, numbering the global types first.
        var pending = [main]
        var read: Set<String> = []
        var simpleDefinitions: [Definition] = []
        var elementDefinitions: [Definition] = []
        while let name = pending.popLast() {
            guard read.insert(name).inserted else { continue }
            guard let data = documents[name] else { throw Failure(message: "the schema document \(name) is missing") }
            let document: XMLDocument
            do throws(XMLCodingError) {
                document = try XMLDocument.parse(data)
            } catch {
                throw Failure(message: "\(name) does not parse: \(error.message)")
            }
            let root = document.rootElement
            guard document.localName(of: root) == "schema", document.namespace(of: root) == XMLNamespace.schema else {
                throw Failure(message: "\(name) is not an XML Schema document")
            }
            let namespace = Self.attribute("targetNamespace", root, document)
            if read.count == 1 {
                targetNamespace = namespace
            } else if namespace != targetNamespace {
                throw Failure(message: "\(name) has another target namespace than \(main)")
            }
            guard Self.attribute("elementFormDefault", root, document) == "qualified" || namespace == nil,
                Self.attribute("attributeFormDefault", root, document) ?? "unqualified" == "unqualified"
            else { throw Failure(message: "\(name): only qualified elements and unqualified attributes are supported") }
            for child in Self.children(of: root, document) {
                let definition = Definition(document: document, element: child)
                let typeName = Self.attribute("name", child, document) ?? ""
                switch document.localName(of: child) {
                case "include":
                    guard let location = Self.attribute("schemaLocation", child, document) else {
                        throw Failure(message: "\(name): an xs:include without schemaLocation")
                    }
                    pending.append(location)
                case "complexType":
                    guard namedTypes[typeName] == nil else { throw Failure(message: "type \(typeName) defined twice") }
                    namedTypes[typeName] = .complex(complexDefinitions.count)
                    complexDefinitions.append(definition)
                case "simpleType":
                    guard namedTypes[typeName] == nil else { throw Failure(message: "type \(typeName) defined twice") }
                    namedTypes[typeName] = .simple(builtInTypes.count + simpleDefinitions.count)
                    simpleDefinitions.append(definition)
                case "element":
                    elementDefinitions.append(definition)
                case "annotation":
                    break
                case let other:
                    throw Failure(message: "\(name): the global construct xs:\(other) is not supported")
                }
            }
        }
        for definition in simpleDefinitions {
            simpleTypes.append(try simpleType(definition))
        }
        complexTypes = Array(repeating: nil, count: complexDefinitions.count)
        contentTrees = Array(repeating: nil, count: complexDefinitions.count)
        for index in complexDefinitions.indices {
            try compileComplexType(index, inProgress: [])
        }
        for definition in elementDefinitions {
            let declaration = try elementDeclaration(definition.element, definition.document)
            globalElements[names[declaration.name]] = elements.count
            elements.append(declaration)
        }
        var compiled: [XMLSchemaModel.ComplexType] = []
        for (index, type) in complexTypes.enumerated() {
            guard let type else { throw Failure(message: "complex type \(index) was not compiled") }
            compiled.append(type)
        }
        return XMLSchemaModel(
            targetNamespace: targetNamespace, names: names, attributeNames: attributeNames, complexTypes: compiled,
            simpleTypes: simpleTypes, elements: elements, globalElements: globalElements, namedTypes: namedTypes,
            builtInTypes: builtInTypes, particles: particles, particleParts: particleParts)
    }

    // MARK: - Types

    /// Resolves a QName attribute value to a type: a built-in `xs:` type or a global type.
    private func type(
        named qualifiedName: String, at element: Element, _ document: XMLDocument
    )
        throws(Failure) -> XMLSchemaModel.TypeReference
    {
        let parts = qualifiedName.split(separator: ":", maxSplits: 1)
        let prefix = parts.count == 2 ? String(parts[0]) : nil
        let local = String(parts.last ?? "")
        guard case .some(let namespace) = document.storage.resolvePrefix(prefix, at: element.index) else {
            throw Failure(message: "the type name \(qualifiedName) has an undeclared prefix")
        }
        if namespace == XMLNamespace.schema {
            guard let index = builtInTypes[local] else {
                throw Failure(message: "the built-in type xs:\(local) is not supported")
            }
            return .simple(index)
        }
        guard namespace == targetNamespace, let type = namedTypes[local] else {
            throw Failure(message: "the type \(qualifiedName) is not defined")
        }
        return type
    }

    private func simpleType(_ definition: Definition) throws(Failure) -> XMLSchemaSimpleType {
        let document = definition.document
        let name = Self.attribute("name", definition.element, document) ?? ""
        let content = Self.children(of: definition.element, document).filter {
            document.localName(of: $0) != "annotation"
        }
        guard content.count == 1, let restriction = content.first,
            document.localName(of: restriction) == "restriction",
            let baseName = Self.attribute("base", restriction, document),
            case .simple(let baseIndex) = try type(named: baseName, at: restriction, document),
            baseIndex < builtInTypes.count
        else { throw Failure(message: "simple type \(name) is not a restriction of a supported built-in type") }
        var facets = XMLSchemaSimpleType.Facets()
        var patterns: [XMLSchemaPattern] = []
        for facet in Self.children(of: restriction, document) {
            let value = Self.attribute("value", facet, document) ?? ""
            switch document.localName(of: facet) {
            case "minLength": facets.minimumLength = try Self.number(value, name)
            case "maxLength": facets.maximumLength = try Self.number(value, name)
            case "length":
                facets.minimumLength = try Self.number(value, name)
                facets.maximumLength = facets.minimumLength
            case "fractionDigits": facets.fractionDigits = try Self.number(value, name)
            case "totalDigits": facets.totalDigits = try Self.number(value, name)
            case "enumeration": facets.enumeration.append(Array(value.utf8))
            case "minInclusive", "maxInclusive":
                guard let bound = XMLDecimal.parse(value) else {
                    throw Failure(message: "the bound '\(value)' of \(name) is not a decimal")
                }
                if document.localName(of: facet) == "minInclusive" {
                    facets.minimumInclusive = bound
                } else {
                    facets.maximumInclusive = bound
                }
            case "pattern":
                guard let pattern = XMLSchemaPattern(value) else {
                    throw Failure(message: "the pattern '\(value)' of \(name) is outside the supported subset")
                }
                patterns.append(pattern)
            case "annotation":
                break
            case let other:
                throw Failure(message: "the facet \(other) of \(name) is not supported")
            }
        }
        // Patterns of one restriction step are alternatives; the supported schemas give one at most.
        guard patterns.count <= 1 else { throw Failure(message: "\(name) has several patterns in one restriction") }
        facets.patterns = patterns
        return XMLSchemaSimpleType(name: name, base: simpleTypes[baseIndex].base, facets: facets)
    }

    /// Compiles a complex type, and first the type it extends.
    private mutating func compileComplexType(_ index: Int, inProgress: Set<Int>) throws(Failure) {
        guard complexTypes[index] == nil else { return }
        let definition = complexDefinitions[index]
        let document = definition.document
        let element = definition.element
        let name = Self.attribute("name", element, document) ?? ""
        guard !inProgress.contains(index) else { throw Failure(message: "complex type \(name) extends itself") }
        let isMixed = Self.attribute("mixed", element, document) == "true"
        var type = XMLSchemaModel.ComplexType(name: name, content: .empty, isMixed: isMixed, attributes: [], base: nil)
        var tree: Particle?
        for child in Self.children(of: element, document) {
            switch document.localName(of: child) {
            case "annotation":
                break
            case "sequence", "choice":
                guard tree == nil else { throw Failure(message: "complex type \(name) has two content models") }
                tree = try particle(child, document)
            case "attribute":
                type.attributes.append(try attribute(child, document, in: name))
            case "simpleContent":
                let (base, attributes) = try simpleContent(child, document, in: name)
                type.content = .simple(base)
                type.attributes += attributes
            case "complexContent":
                guard let extensionElement = Self.children(of: child, document).first,
                    document.localName(of: extensionElement) == "extension",
                    let baseName = Self.attribute("base", extensionElement, document),
                    case .complex(let base) = try self.type(named: baseName, at: extensionElement, document)
                else { throw Failure(message: "complex type \(name) is no extension of a complex type") }
                try compileComplexType(base, inProgress: inProgress.union([index]))
                guard let baseType = complexTypes[base], case .elements = baseType.content else {
                    throw Failure(message: "complex type \(name) extends a type without element content")
                }
                type.base = base
                type.attributes = baseType.attributes
                type.isMixed = isMixed || baseType.isMixed
                var extensionTree: Particle?
                for part in Self.children(of: extensionElement, document) {
                    switch document.localName(of: part) {
                    case "sequence", "choice": extensionTree = try particle(part, document)
                    case "attribute": type.attributes.append(try attribute(part, document, in: name))
                    case "annotation": break
                    case let other: throw Failure(message: "complex type \(name) extends with xs:\(other)")
                    }
                }
                let baseTree = contentTrees[base] ?? .sequence([], minimum: 1, maximum: 1)
                tree = extensionTree.map { .sequence([baseTree, $0], minimum: 1, maximum: 1) } ?? baseTree
            case let other:
                throw Failure(message: "complex type \(name) has xs:\(other), which is not supported")
            }
        }
        if let tree {
            contentTrees[index] = tree
            type.content = .elements(flatten(tree))
        }
        complexTypes[index] = type
    }

    private mutating func simpleContent(
        _ content: Element, _ document: XMLDocument, in name: String
    )
        throws(Failure) -> (Int, [XMLSchemaModel.Attribute])
    {
        guard let extensionElement = Self.children(of: content, document).first,
            document.localName(of: extensionElement) == "extension",
            let baseName = Self.attribute("base", extensionElement, document),
            case .simple(let base) = try type(named: baseName, at: extensionElement, document)
        else { throw Failure(message: "complex type \(name) extends no simple type") }
        var attributes: [XMLSchemaModel.Attribute] = []
        for declaration in Self.children(of: extensionElement, document)
        where document.localName(of: declaration) != "annotation" {
            attributes.append(try attribute(declaration, document, in: name))
        }
        return (base, attributes)
    }

    private mutating func attribute(
        _ declaration: Element, _ document: XMLDocument, in name: String
    )
        throws(Failure) -> XMLSchemaModel.Attribute
    {
        guard document.localName(of: declaration) == "attribute",
            let attributeName = Self.attribute("name", declaration, document),
            let typeName = Self.attribute("type", declaration, document),
            case .simple(let type) = try type(named: typeName, at: declaration, document)
        else { throw Failure(message: "complex type \(name) declares an unsupported attribute") }
        let use = Self.attribute("use", declaration, document) ?? "optional"
        guard use == "required" || use == "optional" else {
            throw Failure(message: "the attribute \(attributeName) of \(name) has use=\"\(use)\"")
        }
        let nameIndex: Int
        if let known = attributeNameIndex[attributeName] {
            nameIndex = known
        } else {
            nameIndex = attributeNames.count
            attributeNameIndex[attributeName] = nameIndex
            attributeNames.append(attributeName)
        }
        return XMLSchemaModel.Attribute(
            name: attributeName, nameIndex: nameIndex, type: type, isRequired: use == "required")
    }

    // MARK: - Particles

    private mutating func elementDeclaration(
        _ definition: Element, _ document: XMLDocument
    )
        throws(Failure) -> XMLSchemaModel.ElementDeclaration
    {
        guard let name = Self.attribute("name", definition, document) else {
            throw Failure(message: "an element declaration without a name")
        }
        let content = Self.children(of: definition, document).filter { document.localName(of: $0) != "annotation" }
        let type: XMLSchemaModel.TypeReference
        if let typeName = Self.attribute("type", definition, document), content.isEmpty {
            type = try self.type(named: typeName, at: definition, document)
        } else if content.count == 1, let anonymous = content.first, document.localName(of: anonymous) == "complexType",
            Self.attribute("type", definition, document) == nil
        {
            // An anonymous complex type: compiled like a named one, under the element's name.
            let index = complexDefinitions.count
            complexDefinitions.append(Definition(document: document, element: anonymous))
            complexTypes.append(nil)
            contentTrees.append(nil)
            try compileComplexType(index, inProgress: [])
            complexTypes[index]?.name = "the type of \(name)"
            type = .complex(index)
        } else {
            throw Failure(message: "the element \(name) has neither a named type nor one anonymous complex type")
        }
        let nillable = Self.attribute("nillable", definition, document) ?? "false"
        return XMLSchemaModel.ElementDeclaration(
            name: intern(name), type: type, isNillable: nillable == "true" || nillable == "1")
    }

    private mutating func particle(_ definition: Element, _ document: XMLDocument) throws(Failure) -> Particle {
        let minimum = try Self.number(Self.attribute("minOccurs", definition, document) ?? "1", "minOccurs")
        let maximumText = Self.attribute("maxOccurs", definition, document) ?? "1"
        let maximum = maximumText == "unbounded" ? Int.max : try Self.number(maximumText, "maxOccurs")
        switch document.localName(of: definition) {
        case "element":
            let declaration = try elementDeclaration(definition, document)
            elements.append(declaration)
            return .element(elements.count - 1, minimum: minimum, maximum: maximum)
        case "any":
            guard Self.attribute("namespace", definition, document) ?? "##any" == "##any" else {
                throw Failure(message: "only xs:any namespace=\"##any\" is supported")
            }
            let mode: XMLSchemaModel.WildcardMode
            switch Self.attribute("processContents", definition, document) ?? "strict" {
            case "skip": mode = .skip
            case "lax": mode = .lax
            default: mode = .strict
            }
            return .any(mode, minimum: minimum, maximum: maximum)
        case "sequence", "choice":
            var members: [Particle] = []
            for child in Self.children(of: definition, document) where document.localName(of: child) != "annotation" {
                members.append(try particle(child, document))
            }
            return document.localName(of: definition) == "sequence"
                ? .sequence(members, minimum: minimum, maximum: maximum)
                : .choice(members, minimum: minimum, maximum: maximum)
        case let other:
            throw Failure(message: "the particle xs:\(other) is not supported")
        }
    }

    /// Appends a particle and its parts to the flat form; returns its index.
    private mutating func flatten(_ particle: Particle) -> Int {
        var flat = XMLSchemaModel.FlatParticle(
            kind: .any, element: 0, mode: .skip, minimum: particle.minimum, maximum: particle.maximum,
            partsStart: 0, partsCount: 0, isEmptiable: particle.isEmptiable)
        var parts: [Particle] = []
        switch particle {
        case .element(let element, _, _):
            flat.kind = .element
            flat.element = element
        case .any(let mode, _, _):
            flat.kind = .any
            flat.mode = mode
        case .sequence(let members, _, _):
            flat.kind = .sequence
            parts = members
        case .choice(let members, _, _):
            flat.kind = .choice
            parts = members
        }
        let indices = parts.map { flatten($0) }
        flat.partsStart = particleParts.count
        flat.partsCount = indices.count
        particleParts += indices
        particles.append(flat)
        return particles.count - 1
    }

    private mutating func intern(_ name: String) -> Int {
        if let index = nameIndex[name] { return index }
        nameIndex[name] = names.count
        names.append(name)
        return names.count - 1
    }

    // MARK: - Reading the XSD

    private static func number(_ text: String, _ context: String) throws(Failure) -> Int {
        guard let value = Int(text), value >= 0 else { throw Failure(message: "'\(text)' in \(context) is no count") }
        return value
    }

    private static func attribute(_ name: String, _ element: Element, _ document: XMLDocument) -> String? {
        document.attribute(document.name(name), of: element)
    }

    private static func children(of element: Element, _ document: XMLDocument) -> [Element] {
        var result: [Element] = []
        var child = document.firstChildElement(of: element)
        while let current = child {
            result.append(current)
            child = document.nextSiblingElement(after: current)
        }
        return result
    }
}
