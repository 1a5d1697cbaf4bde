import XMLCoding

/// Validates a parsed camt document against a compiled schema (``CamtSchemaModel``) by walking the
/// arena once: every element's content model (order, occurrences, choices), attributes and text,
/// every value's base type and facets. It reaches the same verdict as libxml2's XSD validation of
/// the shipped schema (a property test compares the two on valid, invalid and mutated documents)
/// at a fraction of the cost, since it runs over the arena the binding reads anyway.
///
/// Attributes of the `xsi` namespace are allowed everywhere, as XSD allows them. The content of
/// the wildcard (`SplmtryData/Envlp`) is not checked.
struct CamtSchemaValidator {
    typealias Element = XMLDocument.Element

    /// Violations are collected up to this count, then validation stops.
    static let maximumViolations = 50

    let model: CamtSchemaModel
    let document: XMLDocument
    /// The document's interned form of each of the model's element names.
    private let tokens: [XMLDocument.Name]
    /// The document's interned form of each of the model's attribute names.
    private let attributeTokens: [XMLDocument.Name]
    private let root: Element
    private let particles: [CamtSchemaModel.FlatParticle]
    private let parts: [Int]
    private(set) var violations: [XMLSchemaViolation] = []

    init(model: CamtSchemaModel, document: XMLDocument) {
        self.model = model
        self.document = document
        self.tokens = model.names.map { document.name($0) }
        self.attributeTokens = model.attributeNames.map { document.name($0) }
        self.root = document.rootElement
        self.particles = model.particles
        self.parts = model.particleParts
    }

    /// Every violation of the document, in document order; empty when it is valid.
    mutating func validate() -> [XMLSchemaViolation] {
        validate(root, as: model.rootType)
        return violations
    }

    // MARK: - Elements

    private mutating func validate(_ element: Element, as type: CamtSchemaModel.TypeReference) {
        guard violations.count < Self.maximumViolations else { return }
        switch type {
        case .simple(let index):
            checkAttributes(element, declared: [])
            checkValue(element, model.simpleTypes[index])
        case .complex(let index):
            switch model.complexTypes[index] {
            case .simpleContent(let base, let attributes):
                checkAttributes(element, declared: attributes)
                checkValue(element, model.simpleTypes[base])
            case .elements(let particle):
                checkAttributes(element, declared: [])
                checkElementContent(element, particle, typeName: model.complexTypeNames[index])
            }
        }
    }

    private mutating func checkElementContent(_ element: Element, _ particle: Int, typeName: String) {
        if document.hasNonSpaceText(element) || document.hasMixedText(element) {
            record(element, "character content other than white space is not allowed in \(typeName)")
        }
        var cursor = document.firstChildElement(of: element)
        guard match(particle, &cursor) else {
            if let unexpected = cursor {
                record(unexpected, "element '\(document.localName(of: unexpected))' is not expected here (\(typeName))")
            } else {
                record(element, "missing child element(s) of \(typeName)")
            }
            return
        }
        if let unexpected = cursor {
            record(unexpected, "element '\(document.localName(of: unexpected))' is not expected here (\(typeName))")
        }
    }

    /// Matches the particle against the children from `cursor` on, validating each matched child;
    /// `false` when the children do not fit (the cursor is then at the child that does not).
    private mutating func match(_ index: Int, _ cursor: inout Element?) -> Bool {
        let particle = particles[index]
        switch particle.kind {
        case .element:
            var count = 0
            while count < particle.maximum, let child = cursor, isElement(child, particle.name) {
                validate(child, as: particle.type)
                cursor = document.nextSiblingElement(after: child)
                count += 1
            }
            return count >= particle.minimum
        case .any:
            var count = 0
            while count < particle.maximum, let child = cursor {
                cursor = document.nextSiblingElement(after: child)
                count += 1
            }
            return count >= particle.minimum
        case .sequence:
            var count = 0
            while count < particle.maximum {
                if count >= particle.minimum, !canStart(index, cursor) { break }
                let before = cursor
                for part in particle.partsStart..<(particle.partsStart + particle.partsCount)
                where !match(parts[part], &cursor) {
                    return false
                }
                count += 1
                if before == cursor { break }
            }
            return count >= particle.minimum || particle.isEmptiable
        case .choice:
            var count = 0
            let range = particle.partsStart..<(particle.partsStart + particle.partsCount)
            while count < particle.maximum {
                guard let branch = range.first(where: { canStart(parts[$0], cursor) }) else {
                    if count < particle.minimum, range.contains(where: { particles[parts[$0]].isEmptiable }) {
                        count = particle.minimum
                    }
                    break
                }
                let before = cursor
                guard match(parts[branch], &cursor) else { return false }
                count += 1
                if before == cursor { break }
            }
            return count >= particle.minimum
        }
    }

    /// Whether the particle can begin with the element at the cursor.
    private func canStart(_ index: Int, _ cursor: Element?) -> Bool {
        guard let child = cursor else { return false }
        let particle = particles[index]
        switch particle.kind {
        case .element:
            return isElement(child, particle.name)
        case .any:
            return true
        case .sequence:
            for part in particle.partsStart..<(particle.partsStart + particle.partsCount) {
                if canStart(parts[part], child) { return true }
                if !particles[parts[part]].isEmptiable { return false }
            }
            return false
        case .choice:
            return (particle.partsStart..<(particle.partsStart + particle.partsCount)).contains {
                canStart(parts[$0], child)
            }
        }
    }

    private func isElement(_ child: Element, _ name: Int) -> Bool {
        document.name(of: child) == tokens[name] && document.hasSameNamespace(child, as: root)
    }

    // MARK: - Values and attributes

    private mutating func checkValue(_ element: Element, _ type: CamtSimpleType) {
        guard !document.hasChildElements(element) else {
            record(element, "element has child elements where a value of \(type.name) belongs")
            return
        }
        let problem: String?
        switch type.base {
        case .date: problem = document.date(of: element) == nil ? "is not a valid xs:date" : nil
        case .dateTime: problem = document.dateTime(of: element) == nil ? "is not a valid xs:dateTime" : nil
        default: problem = document.withText(of: element) { type.problem(with: $0) }
        }
        if let problem {
            record(element, "the value '\(Self.shown(document.text(of: element)))' \(problem)")
        }
    }

    private mutating func checkAttributes(
        _ element: Element, declared: [CamtSchemaModel.Attribute]
    ) {
        let count = document.attributeCount(of: element)
        var found = 0
        for declaration in declared {
            guard let value = document.attribute(attributeTokens[declaration.nameIndex], of: element) else {
                if declaration.isRequired { record(element, "the attribute '\(declaration.name)' is required") }
                continue
            }
            found += 1
            let type = model.simpleTypes[declaration.type]
            var text = value
            if let problem = text.withUTF8({ type.problem(with: $0) }) {
                record(element, "the attribute '\(declaration.name)' value '\(Self.shown(value))' \(problem)")
            }
        }
        guard count > found else { return }
        let declaredNames = Set(declared.map(\.name))
        for name in document.attributeNames(of: element)
        where name.namespace != XMLNamespace.schemaInstance
            && (name.namespace != nil || !declaredNames.contains(name.localName))
        {
            record(element, "the attribute '\(name.localName)' is not allowed")
        }
    }

    private mutating func record(_ element: Element, _ message: String) {
        guard violations.count < Self.maximumViolations else { return }
        violations.append(
            XMLSchemaViolation(
                line: document.line(of: element), column: 0, elementPath: document.path(of: element), libxml2Code: 0,
                message: message))
    }

    private static func shown(_ text: String) -> String {
        text.count > 64 ? String(text.prefix(64)) + "…" : text
    }
}
