import Foundation
import XMLCoding

/// A camt schema compiled from the shipped XSD into the checks ``CamtSchemaValidator`` runs over a
/// parsed document: every complex type's content model (sequences, choices, occurrences, the
/// wildcard) and attributes, every simple type's base and facets.
///
/// The schema is described once, by the XSD itself: the model is derived from the shipped document
/// when a version is first validated, and a schema construct outside the subset the ISO 20022
/// message schemas use makes the compilation fail (``compile(_:)``) rather than check less.
final class CamtSchemaModel: Sendable {
    /// A particle of a content model.
    indirect enum Particle: Sendable {
        /// An element of the target namespace: its name (an index into ``names``) and type.
        case element(name: Int, type: TypeReference, minimum: Int, maximum: Int)
        case sequence([Particle], minimum: Int, maximum: Int)
        case choice([Particle], minimum: Int, maximum: Int)
        /// `xs:any`: any one element, its content not checked (the camt schemas' only wildcard is
        /// `processContents="lax"` in `SplmtryData/Envlp`).
        case any(minimum: Int, maximum: Int)

        var minimum: Int {
            switch self {
            case .element(_, _, let minimum, _), .sequence(_, let minimum, _), .choice(_, let minimum, _),
                .any(let minimum, _):
                return minimum
            }
        }

        var maximum: Int {
            switch self {
            case .element(_, _, _, let maximum), .sequence(_, _, let maximum), .choice(_, _, let maximum),
                .any(_, let maximum):
                return maximum
            }
        }

        /// Whether the particle may match no element at all.
        var isEmptiable: Bool {
            if minimum == 0 { return true }
            switch self {
            case .element, .any: return false
            case .sequence(let particles, _, _): return particles.allSatisfy(\.isEmptiable)
            case .choice(let particles, _, _): return particles.contains(where: \.isEmptiable)
            }
        }
    }

    /// What an element's type is.
    enum TypeReference: Sendable {
        case complex(Int)
        case simple(Int)
    }

    /// A complex type: element content, or simple content with attributes.
    enum ComplexType: Sendable {
        /// The content model: the index of its particle in ``CamtSchemaModel/particles``.
        case elements(Int)
        /// A value of a simple type with attributes: name, simple type, required.
        case simpleContent(Int, attributes: [Attribute])
    }

    /// A particle in the flat form the validator walks: plain values, no references to count.
    struct FlatParticle: Sendable {
        enum Kind: Sendable { case element, sequence, choice, any }
        var kind: Kind
        /// For an element: its name's index in ``CamtSchemaModel/names``.
        var name: Int
        /// For an element: its type.
        var type: TypeReference
        var minimum: Int
        var maximum: Int
        /// For a sequence or choice: where its parts are in ``CamtSchemaModel/particleParts``.
        var partsStart: Int
        var partsCount: Int
        var isEmptiable: Bool
    }

    /// An attribute declaration of a simple-content type.
    struct Attribute: Sendable {
        var name: String
        /// The index of the name in ``CamtSchemaModel/attributeNames``.
        var nameIndex: Int
        /// The simple type's index.
        var type: Int
        var isRequired: Bool
    }

    let version: CamtVersion
    /// Every element name the model uses.
    let names: [String]
    /// Every attribute name the model uses.
    let attributeNames: [String]
    let complexTypes: [ComplexType]
    let complexTypeNames: [String]
    let simpleTypes: [CamtSimpleType]
    /// The global element `Document` and its type.
    let rootType: TypeReference
    /// Every particle of every content model.
    let particles: [FlatParticle]
    /// The parts of sequences and choices, as indices into ``particles``.
    let particleParts: [Int]

    private init(
        version: CamtVersion, names: [String], attributeNames: [String], complexTypes: [ComplexType],
        complexTypeNames: [String],
        simpleTypes: [CamtSimpleType], rootType: TypeReference, particles: [FlatParticle], particleParts: [Int]
    ) {
        self.version = version
        self.names = names
        self.attributeNames = attributeNames
        self.complexTypes = complexTypes
        self.complexTypeNames = complexTypeNames
        self.simpleTypes = simpleTypes
        self.rootType = rootType
        self.particles = particles
        self.particleParts = particleParts
    }

    /// Compiles a shipped schema document.
    ///
    /// - Throws: ``BankStatementsError`` `invalid-schema` when the XSD does not parse or uses a
    ///   construct outside the supported subset (named there).
    static func compile(_ version: CamtVersion, xsd: Data) throws(BankStatementsError) -> CamtSchemaModel {
        let document: XMLDocument
        do throws(XMLCodingError) {
            document = try XMLDocument.parse(xsd)
        } catch {
            throw BankStatementsError(error)
        }
        var compiler = Compiler(document: document)
        do throws(CompileError) {
            let root = try compiler.compileAll()
            return CamtSchemaModel(
                version: version, names: compiler.names, attributeNames: compiler.attributeNames,
                complexTypes: compiler.complexTypes.map { $0 ?? .elements(0) },
                complexTypeNames: compiler.complexTypeNames, simpleTypes: compiler.simpleTypes, rootType: root,
                particles: compiler.particles, particleParts: compiler.particleParts)
        } catch {
            throw BankStatementsError(
                code: BankStatementsError.Code(.invalidSchema),
                message: "the \(version) schema cannot be compiled into checks: \(error.message)")
        }
    }

    struct CompileError: Error {
        var message: String
    }

    /// Reads the XSD's global declarations and turns them into the model.
    private struct Compiler {
        let document: XMLDocument
        var names: [String] = []
        var nameIndex: [String: Int] = [:]
        var attributeNames: [String] = []
        var complexTypes: [ComplexType?] = []
        var complexTypeNames: [String] = []
        var simpleTypes: [CamtSimpleType] = []
        var particles: [FlatParticle] = []
        var particleParts: [Int] = []
        /// Global type name to reference, every type numbered before any is compiled.
        var typeIndex: [String: TypeReference] = [:]
        var complexDefinitions: [XMLDocument.Element] = []
        var simpleDefinitions: [XMLDocument.Element] = []

        init(document: XMLDocument) {
            self.document = document
        }

        mutating func compileAll() throws(CompileError) -> TypeReference {
            var rootTypeName: String?
            Self.forEachChild(of: document.rootElement, in: document) { child in
                switch document.localName(of: child) {
                case "complexType":
                    let name = attribute("name", child) ?? ""
                    typeIndex[name] = .complex(complexDefinitions.count)
                    complexDefinitions.append(child)
                    complexTypeNames.append(name)
                case "simpleType":
                    let name = attribute("name", child) ?? ""
                    typeIndex[name] = .simple(simpleDefinitions.count)
                    simpleDefinitions.append(child)
                case "element":
                    if attribute("name", child) == "Document" { rootTypeName = attribute("type", child) }
                default:
                    break
                }
            }
            for definition in simpleDefinitions {
                simpleTypes.append(try simpleType(definition))
            }
            complexTypes = Array(repeating: nil, count: complexDefinitions.count)
            for (index, definition) in complexDefinitions.enumerated() {
                complexTypes[index] = try complexType(definition)
            }
            guard let rootTypeName, let root = typeIndex[rootTypeName] else {
                throw CompileError(message: "no global element 'Document' with a known type")
            }
            return root
        }

        private func simpleType(_ definition: XMLDocument.Element) throws(CompileError) -> CamtSimpleType {
            let name = attribute("name", definition) ?? ""
            guard let restriction = document.firstChildElement(of: definition),
                document.localName(of: restriction) == "restriction", let baseName = attribute("base", restriction),
                baseName.hasPrefix("xs:"), let base = CamtSimpleType.Base(rawValue: String(baseName.dropFirst(3)))
            else { throw CompileError(message: "simple type \(name) is not a restriction of a supported xs: type") }
            var type = CamtSimpleType.Facets()
            var failure: CompileError?
            Self.forEachChild(of: restriction, in: document) { facet in
                let value = attribute("value", facet) ?? ""
                switch document.localName(of: facet) {
                case "minLength": type.minimumLength = Int(value)
                case "maxLength": type.maximumLength = Int(value)
                case "length":
                    type.minimumLength = Int(value)
                    type.maximumLength = Int(value)
                case "fractionDigits": type.fractionDigits = Int(value)
                case "totalDigits": type.totalDigits = Int(value)
                case "enumeration": type.enumeration.append(Array(value.utf8))
                case "pattern":
                    if let pattern = CamtPattern(value) {
                        type.patterns.append(pattern)
                    } else {
                        failure = CompileError(message: "the pattern '\(value)' of \(name) is outside the subset")
                    }
                case "minInclusive" where value == "0":
                    type.isNonNegative = true
                case let other:
                    failure = CompileError(message: "the facet \(other) of \(name) is not supported")
                }
            }
            if let failure { throw failure }
            // Patterns of one restriction step are alternatives; the camt schemas give one at most.
            guard type.patterns.count <= 1 else {
                throw CompileError(message: "\(name) has several patterns in one restriction")
            }
            return CamtSimpleType(name: name, base: base, facets: type)
        }

        private mutating func complexType(_ definition: XMLDocument.Element) throws(CompileError) -> ComplexType {
            let name = attribute("name", definition) ?? ""
            guard let content = document.firstChildElement(of: definition),
                document.nextSiblingElement(after: content) == nil
            else { throw CompileError(message: "complex type \(name) has no single content definition") }
            switch document.localName(of: content) {
            case "sequence", "choice":
                return .elements(flatten(try particle(content)))
            case "simpleContent":
                guard let extensionElement = document.firstChildElement(of: content),
                    document.localName(of: extensionElement) == "extension",
                    let baseName = attribute("base", extensionElement),
                    case .simple(let base)? = typeIndex[baseName]
                else { throw CompileError(message: "complex type \(name) extends no known simple type") }
                var attributes: [Attribute] = []
                var failure: CompileError?
                Self.forEachChild(of: extensionElement, in: document) { declaration in
                    guard document.localName(of: declaration) == "attribute",
                        let attributeName = attribute("name", declaration),
                        let typeName = attribute("type", declaration), case .simple(let type)? = typeIndex[typeName]
                    else {
                        failure = CompileError(message: "complex type \(name) declares an unsupported attribute")
                        return
                    }
                    attributes.append(
                        Attribute(
                            name: attributeName, nameIndex: attributeNames.count, type: type,
                            isRequired: attribute("use", declaration) == "required"))
                    attributeNames.append(attributeName)
                }
                if let failure { throw failure }
                return .simpleContent(base, attributes: attributes)
            case let other:
                throw CompileError(message: "complex type \(name) has \(other) content")
            }
        }

        private mutating func particle(_ definition: XMLDocument.Element) throws(CompileError) -> Particle {
            let minimum = Int(attribute("minOccurs", definition) ?? "1") ?? 1
            let maximumText = attribute("maxOccurs", definition) ?? "1"
            let maximum = maximumText == "unbounded" ? Int.max : Int(maximumText) ?? 1
            switch document.localName(of: definition) {
            case "element":
                guard let name = attribute("name", definition), let typeName = attribute("type", definition),
                    let type = typeIndex[typeName]
                else { throw CompileError(message: "an element declaration without a known type") }
                return .element(name: intern(name), type: type, minimum: minimum, maximum: maximum)
            case "any":
                return .any(minimum: minimum, maximum: maximum)
            case "sequence", "choice":
                var particles: [Particle] = []
                var child = document.firstChildElement(of: definition)
                while let current = child {
                    particles.append(try particle(current))
                    child = document.nextSiblingElement(after: current)
                }
                return document.localName(of: definition) == "sequence"
                    ? .sequence(particles, minimum: minimum, maximum: maximum)
                    : .choice(particles, minimum: minimum, maximum: maximum)
            case let other:
                throw CompileError(message: "the particle \(other) is not supported")
            }
        }

        /// Appends a particle and its parts to the flat form; returns its index.
        private mutating func flatten(_ particle: Particle) -> Int {
            var flat = FlatParticle(
                kind: .any, name: 0, type: .simple(0), minimum: particle.minimum, maximum: particle.maximum,
                partsStart: 0, partsCount: 0, isEmptiable: particle.isEmptiable)
            var parts: [Particle] = []
            switch particle {
            case .element(let name, let type, _, _):
                flat.kind = .element
                flat.name = name
                flat.type = type
            case .any:
                flat.kind = .any
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

        private func attribute(_ name: String, _ element: XMLDocument.Element) -> String? {
            document.attribute(document.name(name), of: element)
        }

        private static func forEachChild(
            of element: XMLDocument.Element, in document: XMLDocument, _ body: (XMLDocument.Element) -> Void
        ) {
            var child = document.firstChildElement(of: element)
            while let current = child {
                body(current)
                child = document.nextSiblingElement(after: current)
            }
        }
    }
}
