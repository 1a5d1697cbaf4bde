/// Validates a parsed document against a compiled schema (``XMLSchemaModel``) by walking the arena
/// once: the root's global declaration, every element's content model (order, occurrences,
/// choices, wildcards), `xsi:type` (resolved and derived from the declared type) and `xsi:nil`
/// (only where `nillable`, and then empty), attributes, character content and every value's base
/// type and facets. It reaches the same verdict as libxml2's XSD validation of the same schema
/// (property tests compare the two on valid, invalid and mutated documents) at a fraction of the
/// cost, since it runs over the arena the decoder reads anyway.
///
/// Each violation carries the code libxml2 gives the same kind of violation (1871 for an
/// unexpected or missing element, 1839 for a pattern, …), the element's line and path, and a
/// message of its own.
struct XMLSchemaChecks {
    typealias Element = XMLDocument.Element
    typealias TypeReference = XMLSchemaModel.TypeReference

    let model: XMLSchemaModel
    let document: XMLDocument
    private let storage: XMLDocumentStorage
    /// Violations are collected up to this count, then validation stops.
    private let maximumViolations: Int
    /// The document's qualified-name index of each of the model's element names in the target
    /// namespace, looked up on first use (-3 until then): a message uses far fewer names than its
    /// schema declares, and a child then matches a declaration by one comparison.
    private var tokens: [Int32]
    /// The document's interned form of each of the model's attribute names.
    private let attributeTokens: [Int32]
    /// The document's index of the target namespace (-2 when no element uses it).
    private let targetNamespace: Int32
    private let instanceNamespace: Int32
    private let typeToken: Int32
    private let nilToken: Int32
    private let locationTokens: (Int32, Int32)
    private let particles: [XMLSchemaModel.FlatParticle]
    private let parts: [Int]
    /// `xsi:type` values resolved so far: a document names few types, many times.
    private var resolvedTypes: [ResolvedType] = []
    private(set) var violations: [XMLSchemaViolation] = []

    /// An `xsi:type` value with the element whose namespace declarations are in scope for it.
    private struct ResolvedType {
        var value: [UInt8]
        var scope: Int32
        var type: TypeReference?
    }

    init(model: XMLSchemaModel, document: XMLDocument, maximumViolations: Int) {
        self.model = model
        self.document = document
        let storage = document.storage
        self.storage = storage
        self.maximumViolations = maximumViolations
        self.tokens = [Int32](repeating: -3, count: model.names.count)
        self.attributeTokens = model.attributeNames.map { storage.nameIndex[$0] ?? -2 }
        if let namespace = model.targetNamespace {
            targetNamespace = storage.namespaceIndex[namespace] ?? -2
        } else {
            targetNamespace = XMLDocumentStorage.noNamespace
        }
        instanceNamespace = storage.namespaceIndex[XMLNamespace.schemaInstance] ?? -2
        typeToken = storage.nameIndex["type"] ?? -2
        nilToken = storage.nameIndex["nil"] ?? -2
        locationTokens = (
            storage.nameIndex["schemaLocation"] ?? -2, storage.nameIndex["noNamespaceSchemaLocation"] ?? -2
        )
        particles = model.particles
        parts = model.particleParts
    }

    /// Every violation of the document, in document order; empty when it is valid.
    mutating func validate() -> [XMLSchemaViolation] {
        guard !storage.nodes.isEmpty else { return [] }
        let root = document.rootElement
        if let declaration = globalDeclaration(of: root) {
            validate(root, declaration: declaration)
        } else {
            record(root, 1845, "no matching global declaration is available for the root element")
        }
        return violations
    }

    // MARK: - Elements

    private func globalDeclaration(of element: Element) -> Int? {
        guard storage.namespace(of: element.index) == targetNamespace else { return nil }
        return model.globalElements[document.localName(of: element)]
    }

    /// The `xsi:type` attribute (its index in the arena) and `xsi:nil` value of an element.
    private struct InstanceAttributes {
        var type: Int32?
        var isNil: String?
    }

    private mutating func instanceAttributes(_ element: Element) -> InstanceAttributes {
        var found = InstanceAttributes()
        for index in storage.attributeRange(of: element.index) {
            let attribute = storage.attributes[Int(index)]
            guard attribute.namespace == instanceNamespace else { continue }
            if attribute.name == typeToken {
                found.type = index
            } else if attribute.name == nilToken {
                found.isNil = storage.value(ofAttribute: index)
            }
        }
        return found
    }

    private mutating func validate(_ element: Element, declaration index: Int) {
        let declaration = model.elements[index]
        validate(element, type: declaration.type, isNillable: declaration.isNillable)
    }

    /// Validates an element against its declared type; `nil` is `xs:anyType` (an element a lax
    /// wildcard matched without a declaration).
    private mutating func validate(_ element: Element, type declared: TypeReference?, isNillable: Bool) {
        guard violations.count < maximumViolations else { return }
        let instance = instanceAttributes(element)
        var type = declared
        if let typeAttribute = instance.type {
            guard let resolved = resolveType(typeAttribute, at: element) else {
                let typeName = storage.value(ofAttribute: typeAttribute)
                record(element, 1851, "the xsi:type '\(Self.shown(typeName))' does not resolve to a type definition")
                return
            }
            if let declared, !model.isType(resolved, derivedFrom: declared) {
                let typeName = storage.value(ofAttribute: typeAttribute)
                record(element, 1852, "the xsi:type '\(Self.shown(typeName))' is not derived from the declared type")
                return
            }
            type = resolved
        }
        guard let type else {
            validateAnyType(element)
            return
        }
        if declared != nil, let nilValue = instance.isNil {
            let value = XMLWhitespace.collapse(nilValue)
            guard value == "true" || value == "false" || value == "1" || value == "0" else {
                record(element, 1824, "the xsi:nil value '\(Self.shown(nilValue))' is not a valid xs:boolean")
                return
            }
            if value == "true" || value == "1" {
                guard isNillable else {
                    record(element, 1847, "the element is not nillable")
                    return
                }
                checkAttributes(element, complexType: complexTypeIndex(of: type))
                if document.hasChildElements(element) || hasCharacters(element) {
                    record(element, 1848, "neither character nor element content is allowed: the element is nil")
                }
                return
            }
        }
        switch type {
        case .simple(let index):
            checkAttributes(element, complexType: nil)
            checkValue(element, model.simpleTypes[index])
        case .complex(let index):
            // Field by field: a copy of the whole type would retain its name and attributes.
            let isMixed = model.complexTypes[index].isMixed
            checkAttributes(element, complexType: index)
            switch model.complexTypes[index].content {
            case .simple(let base):
                checkValue(element, model.simpleTypes[base])
            case .empty:
                if let child = document.firstChildElement(of: element) {
                    let typeName = model.complexTypes[index].name
                    record(
                        child, 1871, "element '\(document.localName(of: child))' is not expected (\(typeName) is empty)")
                } else if !isMixed && hasCharacters(element) {
                    record(element, 1841, "character content is not allowed: \(model.complexTypes[index].name) is empty")
                }
            case .elements(let particle):
                if !isMixed && (document.hasNonSpaceText(element) || document.hasMixedText(element)) {
                    record(
                        element, 1843,
                        "character content other than white space is not allowed in \(model.complexTypes[index].name)")
                }
                checkElementContent(element, particle, complexType: index)
            }
        }
    }

    private func complexTypeIndex(of type: TypeReference) -> Int? {
        guard case .complex(let index) = type else { return nil }
        return index
    }

    /// `xs:anyType`: any attributes, character content and children, each child assessed laxly.
    private mutating func validateAnyType(_ element: Element) {
        var child = document.firstChildElement(of: element)
        while let current = child {
            assessLaxly(current)
            child = document.nextSiblingElement(after: current)
        }
    }

    /// A child of a lax wildcard or of `xs:anyType`: validated when the schema declares it.
    private mutating func assessLaxly(_ element: Element) {
        if let declaration = globalDeclaration(of: element) {
            validate(element, declaration: declaration)
        } else {
            validate(element, type: nil, isNillable: false)
        }
    }

    /// The type an `xsi:type` attribute names, resolved with the namespaces in scope at the
    /// element; remembered per value and scope.
    private mutating func resolveType(_ attribute: Int32, at element: Element) -> TypeReference? {
        let record = storage.attributes[Int(attribute)]
        // The nearest element declaring namespaces decides what the value's prefix means.
        var scope: Int32 = 0
        if storage.declarationRanges.count > 1 {
            scope = element.index
            while scope > 0, storage.declarationRanges[scope] == nil { scope = storage.nodes[Int(scope)].parent }
        }
        let known = storage.withBytes(start: record.valueStart, length: record.valueLength) { value in
            resolvedTypes.firstIndex { $0.scope == scope && XMLSchemaValueScan.equal($0.value, value) }
        }
        if let known { return resolvedTypes[known].type }
        let type = storage.withBytes(start: record.valueStart, length: record.valueLength) {
            resolveType(bytes: $0, at: element)
        }
        if resolvedTypes.count < 64 {
            let value = storage.withBytes(start: record.valueStart, length: record.valueLength) { Array($0) }
            resolvedTypes.append(ResolvedType(value: value, scope: scope, type: type))
        }
        return type
    }

    /// The type an `xsi:type` QName names, resolved with the namespaces in scope at the element.
    private func resolveType(bytes value: UnsafeBufferPointer<UInt8>, at element: Element) -> TypeReference? {
        var start = 0
        var end = value.count
        while start < end, XMLSchemaSimpleType.isSpace(value[start]) { start += 1 }
        while end > start, XMLSchemaSimpleType.isSpace(value[end - 1]) { end -= 1 }
        var colon: Int?
        for index in start..<end {
            if XMLSchemaSimpleType.isSpace(value[index]) { return nil }
            if value[index] == UInt8(ascii: ":") {
                guard colon == nil else { return nil }
                colon = index
            }
        }
        let localStart = colon.map { $0 + 1 } ?? start
        guard localStart < end, colon.map({ $0 > start }) ?? true else { return nil }
        let prefix = colon.map { String(decoding: UnsafeBufferPointer(rebasing: value[start..<$0]), as: UTF8.self) }
        let local = String(decoding: UnsafeBufferPointer(rebasing: value[localStart..<end]), as: UTF8.self)
        guard case .some(let namespace) = storage.resolvePrefix(prefix, at: element.index) else { return nil }
        if namespace == XMLNamespace.schema { return model.builtInTypes[local].map { .simple($0) } }
        guard namespace == model.targetNamespace else { return nil }
        return model.namedTypes[local]
    }

    private func hasCharacters(_ element: Element) -> Bool {
        storage.nodes[Int(element.index)].textLength > 0 || document.hasMixedText(element)
    }

    private mutating func checkElementContent(_ element: Element, _ particle: Int, complexType: Int) {
        var cursor = document.firstChildElement(of: element)
        guard match(particle, &cursor) else {
            let typeName = model.complexTypes[complexType].name
            if let unexpected = cursor {
                record(
                    unexpected, 1871,
                    "element '\(document.localName(of: unexpected))' is not expected here (\(typeName))")
            } else {
                record(element, 1871, "missing child element(s) of \(typeName)")
            }
            return
        }
        if let unexpected = cursor {
            let typeName = model.complexTypes[complexType].name
            record(
                unexpected, 1871, "element '\(document.localName(of: unexpected))' is not expected here (\(typeName))")
        }
    }

    /// Matches the particle against the children from `cursor` on, validating each matched child;
    /// `false` when the children do not fit (the cursor is then at the child that does not).
    private mutating func match(_ index: Int, _ cursor: inout Element?) -> Bool {
        let particle = particles[index]
        switch particle.kind {
        case .element:
            var count = 0
            while count < particle.maximum, let child = cursor, isElement(child, particle.element) {
                validate(child, declaration: particle.element)
                cursor = document.nextSiblingElement(after: child)
                count += 1
            }
            return count >= particle.minimum
        case .any:
            var count = 0
            while count < particle.maximum, let child = cursor {
                switch particle.mode {
                case .skip: break
                case .lax: assessLaxly(child)
                case .strict:
                    if let declaration = globalDeclaration(of: child) {
                        validate(child, declaration: declaration)
                    } else {
                        record(child, 1845, "no matching global element declaration is available for the wildcard")
                    }
                }
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
    private mutating func canStart(_ index: Int, _ cursor: Element?) -> Bool {
        guard let child = cursor else { return false }
        let particle = particles[index]
        switch particle.kind {
        case .element:
            return isElement(child, particle.element)
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

    @inline(__always)
    private mutating func isElement(_ child: Element, _ declaration: Int) -> Bool {
        let name = model.elements[declaration].name
        var token = tokens[name]
        if token == -3 {
            token = qualifiedToken(of: name)
            tokens[name] = token
        }
        return storage.nodes[Int(child.index)].qualifiedName == token
    }

    /// The document's index in ``XMLDocumentStorage/qualifiedNames`` of the model's element name
    /// in the target namespace; -2 when no element of the document has that name.
    private func qualifiedToken(of name: Int) -> Int32 {
        guard let local = storage.nameIndex[model.names[name]],
            let index = storage.qualifiedNames.firstIndex(where: { $0.name == local && $0.namespace == targetNamespace })
        else { return -2 }
        return Int32(truncatingIfNeeded: index)
    }

    // MARK: - Values and attributes

    private mutating func checkValue(_ element: Element, _ type: XMLSchemaSimpleType) {
        if let child = document.firstChildElement(of: element) {
            record(child, 1828, "element '\(document.localName(of: child))' is not allowed: \(type.name) is a value")
            return
        }
        if let problem = document.withText(of: element, { type.problem(with: $0) }) {
            record(element, problem.code, "the value '\(Self.shown(document.text(of: element)))' \(problem.message)")
        }
    }

    /// Checks the attributes of an element of a complex type (`nil`: a simple type, which declares
    /// none).
    @inline(__always)
    private mutating func checkAttributes(_ element: Element, complexType: Int?) {
        // Most elements have no attributes and their type requires none: nothing to look at.
        guard storage.marks.hasAttributes(element.index)
            || complexType.map({ model.requiresAttributes[$0] }) == true
        else { return }
        checkDeclaredAttributes(element, complexType: complexType)
    }

    private mutating func checkDeclaredAttributes(_ element: Element, complexType: Int?) {
        let declared = complexType.map { model.complexTypes[$0].attributes } ?? []
        var found = 0
        for index in storage.attributeRange(of: element.index) {
            let attribute = storage.attributes[Int(index)]
            if attribute.namespace == instanceNamespace {
                if attribute.name == typeToken || attribute.name == nilToken || attribute.name == locationTokens.0
                    || attribute.name == locationTokens.1
                {
                    continue
                }
            } else if attribute.namespace == XMLDocumentStorage.noNamespace,
                let declaration = declared.first(where: { attributeTokens[$0.nameIndex] == attribute.name })
            {
                found += 1
                let type = model.simpleTypes[declaration.type]
                if let problem = storage.withBytes(
                    start: attribute.valueStart, length: attribute.valueLength, { type.problem(with: $0) })
                {
                    self.record(
                        element, problem.code,
                        "the attribute '\(declaration.name)' value '\(Self.shown(storage.value(ofAttribute: index)))' \(problem.message)"
                    )
                }
                continue
            }
            self.record(element, 1866, "the attribute '\(storage.names[Int(attribute.name)])' is not allowed")
        }
        guard found < declared.count else { return }
        for declaration in declared where declaration.isRequired {
            guard
                document.attribute(XMLDocument.Name(index: attributeTokens[declaration.nameIndex]), of: element) == nil
            else { continue }
            self.record(element, 1868, "the attribute '\(declaration.name)' is required")
        }
    }

    private mutating func record(_ element: Element, _ code: Int, _ message: String) {
        guard violations.count < maximumViolations else { return }
        violations.append(
            XMLSchemaViolation(
                line: document.line(of: element), column: 0, elementPath: document.path(of: element),
                libxml2Code: code, message: message))
    }

    private static func shown(_ text: String) -> String {
        text.count > 64 ? String(text.prefix(64)) + "…" : text
    }
}
