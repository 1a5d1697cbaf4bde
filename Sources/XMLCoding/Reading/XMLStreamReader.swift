internal import CLibXML2
import Foundation

/// Drives libxml2's SAX2 parser over one input and builds an ``XMLDocumentStorage`` arena.
///
/// One reader per parse; never shared between threads. Its state is only ever touched from the
/// parser's callbacks on one thread, one callback at a time, so the dynamic exclusivity checks
/// Swift would otherwise make on every access (a quarter of the reading time) are turned off. When a schema is given, libxml2's
/// streaming XSD validator is plugged into the same SAX stream, so validating and reading cost one
/// parse.
final class XMLStreamReader {
    typealias Node = XMLDocumentStorage.Node

    private let options: XMLReadingOptions
    private let storesContent: Bool
    private let context: xmlParserCtxtPtr

    @exclusivity(unchecked) private var nodes: [Node] = []
    @exclusivity(unchecked) private var marks = XMLNodeMarks()
    /// Local name and namespace pairs; the first is every text node's.
    @exclusivity(unchecked) private var qualifiedNames: [XMLDocumentStorage.QualifiedName] = [
        .init(name: XMLDocumentStorage.textNodeName, namespace: XMLDocumentStorage.noNamespace)
    ]
    /// Per local name index: the pair last interned with it (0 when none yet), checked before
    /// ``qualifiedNamesByPair``, since a local name almost always comes with one namespace.
    /// The pairs of a local name go into ``qualifiedNamesByPair`` only once it comes with a
    /// second namespace, so that a message pays for no hashing.
    @exclusivity(unchecked) private var qualifiedNameByName: [Int32] = []
    @exclusivity(unchecked) private var qualifiedNamesByPair: [UInt64: Int32] = [:]
    @exclusivity(unchecked) private var attributes: [XMLDocumentStorage.Attribute] = []
    @exclusivity(unchecked) private var namespaceDeclarations: [XMLDocumentStorage.NamespaceDeclaration] = []
    @exclusivity(unchecked) private var declarationRanges: [Int32: XMLDocumentStorage.DeclarationRange] = [:]
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var namespaces: [String] = [""]
    @exclusivity(unchecked) private var namesByPointer: [UnsafeRawPointer: Int32] = [:]
    @exclusivity(unchecked) private var namesByText: [String: Int32] = [:]
    @exclusivity(unchecked) private var namespacesByPointer: [UnsafeRawPointer: Int32] = [:]
    @exclusivity(unchecked) private var namespacesByText: [String: Int32] = [:]
    /// How many of ``nodes`` are runs of mixed-content text rather than elements.
    @exclusivity(unchecked) private var textNodeCount = 0

    /// An open element and its last child so far (-1 before the first).
    private struct OpenElement {
        var index: Int32
        var lastChild: Int32 = -1
    }

    /// Open elements, innermost last.
    @exclusivity(unchecked) private var stack: [OpenElement] = []
    /// End tags seen but not yet applied, so that validation errors raised for an element's end
    /// still see that element on the stack.
    @exclusivity(unchecked) private var pendingEnds = 0

    /// Whether the chunk being parsed is the input's last: only then does the parser standing
    /// at the end of its buffer mean that the input ended.
    @exclusivity(unchecked) fileprivate var hasPushedAllInput = false

    @exclusivity(unchecked) private(set) var error: XMLCodingError?
    @exclusivity(unchecked) private(set) var violations: [XMLSchemaViolation] = []

    private init(context: xmlParserCtxtPtr, options: XMLReadingOptions, storesContent: Bool, expectedSize: Int) {
        self.context = context
        self.options = options
        self.storesContent = storesContent
        if storesContent {
            // About one element per 30 bytes and under half the bytes as text, for typical data XML;
            // reserving once avoids a doubling (and a transient copy) at the end of a large input.
            nodes.reserveCapacity(max(16, expectedSize / 30))
            marks.reserveCapacity(max(16, expectedSize / 30))
            bytes.reserveCapacity(max(64, expectedSize / 2))
            attributes.reserveCapacity(max(8, expectedSize / 150))
        }
        stack.reserveCapacity(32)
        // A message uses a few dozen distinct names: room for them up front spares the name
        // tables' rehashing as they grow from empty (about a tenth of reading a small request).
        let expectedNames = min(64, max(8, expectedSize / 24))
        namesByPointer.reserveCapacity(expectedNames)
        namesByText.reserveCapacity(expectedNames)
        names.reserveCapacity(expectedNames)
        qualifiedNames.reserveCapacity(expectedNames + 1)
        qualifiedNameByName.reserveCapacity(expectedNames)
    }

    // MARK: - Entry points

    /// Reads `data`; when `schema` is given, validates it in the same pass.
    ///
    /// - Throws: a reading error, or ``XMLCodingError/Code/schemaViolation`` listing every violation.
    static func read(
        _ data: some ContiguousBytes, options: XMLReadingOptions, schema: XMLCompiledSchema?,
        storesContent: Bool = true, ignoringDeclaredEncoding: Bool = false
    ) throws(XMLCodingError) -> XMLDocumentStorage {
        let result: Result<XMLDocumentStorage, XMLCodingError> = data.withUnsafeBytes { buffer in
            do throws(XMLCodingError) {
                return .success(
                    try read(
                        buffer, options: options, schema: schema, storesContent: storesContent,
                        ignoringDeclaredEncoding: ignoringDeclaredEncoding))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func read(
        _ buffer: UnsafeRawBufferPointer, options: XMLReadingOptions, schema: XMLCompiledSchema?,
        storesContent: Bool, ignoringDeclaredEncoding: Bool
    ) throws(XMLCodingError) -> XMLDocumentStorage {
        let limit = min(options.maximumInputSize, Int(Int32.max))
        guard buffer.count <= limit else {
            throw XMLCodingError(
                code: .inputTooLarge,
                message: "the input is \(buffer.count) bytes, over the limit of \(limit) bytes")
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw XMLCodingError(code: .truncatedInput, message: "the input is empty", line: 1, column: 1)
        }
        try XMLStartTagScanner<XMLScannedBytes>.check(
            buffer, options: options, ignoringDeclaredEncoding: ignoringDeclaredEncoding)
        LibXML2.ensureInitialized()
        let log = LibXML2ErrorLog()
        return try log.capturing { () throws(XMLCodingError) -> XMLDocumentStorage in
            try parse(
                base, count: buffer.count, options: options, schema: schema, storesContent: storesContent,
                ignoringDeclaredEncoding: ignoringDeclaredEncoding, log: log)
        }
    }

    /// Parses with libxml2; errors that libxml2 raises without a context go to `log`.
    private static func parse(
        _ base: UnsafeRawPointer, count: Int, options: XMLReadingOptions, schema: XMLCompiledSchema?,
        storesContent: Bool, ignoringDeclaredEncoding: Bool, log: LibXML2ErrorLog
    ) throws(XMLCodingError) -> XMLDocumentStorage {
        let buffer = UnsafeRawBufferPointer(start: base, count: count)
        // A push parser fed from the caller's buffer in chunks: `xmlCreateMemoryParserCtxt`
        // copies the whole input into libxml2's own buffer first (one more document's worth of
        // peak memory), while pushed input is consumed and shrunk as the parse goes.
        let firstChunk = min(buffer.count, Self.pushChunkSize)
        guard
            let context = base.withMemoryRebound(
                to: CChar.self, capacity: buffer.count,
                {
                    xmlCreatePushParserCtxt(nil, nil, $0, Int32(firstChunk), nil)
                })
        else {
            throw XMLCodingError(code: .malformedXML, message: "libxml2 could not create a parser context")
        }
        defer { xmlFreeParserCtxt(context) }
        _ = xmlCtxtUseOptions(context, LibXML2.parserOptions(ignoringDeclaredEncoding: ignoringDeclaredEncoding))

        let reader = XMLStreamReader(
            context: context, options: options, storesContent: storesContent, expectedSize: buffer.count)
        let unmanaged = Unmanaged.passRetained(reader)
        defer { unmanaged.release() }
        context.pointee.sax.pointee = Self.handler
        context.pointee.userData = unmanaged.toOpaque()

        var validation: xmlSchemaValidCtxtPtr?
        var plug: xmlSchemaSAXPlugPtr?
        if let schema {
            guard let validationContext = xmlSchemaNewValidCtxt(schema.pointer) else {
                throw XMLCodingError(code: .invalidSchema, message: "libxml2 could not create a validation context")
            }
            validation = validationContext
            xmlSchemaSetValidStructuredErrors(
                validationContext,
                { userData, error in
                    guard let userData, let error else { return }
                    Unmanaged<XMLStreamReader>.fromOpaque(userData).takeUnretainedValue()
                        .recordViolation(error.pointee)
                }, unmanaged.toOpaque())
            xmlSchemaValidateSetLocator(
                validationContext,
                { parserContext, file, line in
                    // libxml2 2.9 copies `*file` without initialising it: always set it.
                    file?.pointee = nil
                    guard let parserContext, let line else { return -1 }
                    let context = parserContext.assumingMemoryBound(to: xmlParserCtxt.self)
                    line.pointee = UInt(max(0, xmlSAX2GetLineNumber(context)))
                    return 0
                }, UnsafeMutableRawPointer(context))
            plug = xmlSchemaSAXPlug(validationContext, &context.pointee.sax, &context.pointee.userData)
            if plug == nil {
                xmlSchemaFreeValidCtxt(validationContext)
                throw XMLCodingError(code: .invalidSchema, message: "libxml2 could not plug the validator in")
            }
        }
        defer {
            if let plug { _ = xmlSchemaSAXUnplug(plug) }
            if let validation { xmlSchemaFreeValidCtxt(validation) }
        }

        var offset = firstChunk
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { bytes in
            // The first chunk went in with the context; libxml2 parses it with the first push.
            repeat {
                let length = min(buffer.count - offset, Self.pushChunkSize)
                let isLast = offset + length >= buffer.count
                reader.hasPushedAllInput = isLast
                let status = xmlParseChunk(context, bytes + offset, Int32(length), isLast ? 1 : 0)
                offset += length
                if status != 0 || reader.error != nil || context.pointee.disableSAX != 0 { break }
                if isLast { break }
            } while true
        }
        reader.applyPendingEnds()

        if let error = reader.error { throw error }
        if let logged = log.firstEncodingError {
            // An encoding conversion failure, raised without a parser context; the parser's own
            // error about the same spot would only say the input ended early.
            throw XMLCodingError(
                code: .invalidEncoding, message: logged.message,
                line: logged.line > 0 ? logged.line : Int(max(1, xmlSAX2GetLineNumber(context))))
        }
        if context.pointee.wellFormed == 0 {
            throw reader.makeParserError(context.pointee.lastError)
        }
        if let validation, !reader.violations.isEmpty || xmlSchemaIsValid(validation) == 0 {
            var violations = reader.violations
            if violations.isEmpty {
                violations.append(
                    XMLSchemaViolation(
                        line: 0, column: 0, elementPath: "/", libxml2Code: 0,
                        message: "the document is not valid against the schema"))
            }
            let first = violations[0]
            throw XMLCodingError(
                code: .schemaViolation,
                message:
                    "\(violations.count) schema violation\(violations.count == 1 ? "" : "s"); first: \(first.message)",
                line: first.line, column: first.column, elementPath: first.elementPath, violations: violations)
        }
        return reader.makeStorage()
    }

    /// How many bytes each `xmlParseChunk` call hands libxml2: the most of the input libxml2
    /// holds a copy of. An input of at most this size goes in whole, with the final push, and is
    /// parsed without the look-ahead that an unfinished chunk needs before each construct (about
    /// a fifth of a bare parse's instructions); larger inputs pay that to stay out of memory.
    static let pushChunkSize = 1 << 20

    /// Reads a file after checking its size against the limit.
    static func readFile(_ url: URL, options: XMLReadingOptions) throws(XMLCodingError) -> Data {
        let path = url.path
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? NSNumber, size.intValue > options.maximumInputSize {
                throw XMLCodingError(
                    code: .inputTooLarge,
                    message: "\(path) is \(size.intValue) bytes, over the limit of \(options.maximumInputSize) bytes")
            }
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch let error as XMLCodingError {
            throw error
        } catch {
            throw XMLCodingError(code: .ioError, message: "cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// A string's UTF-8 bytes, to be parsed with the declared encoding ignored.
    static func utf8Input(_ string: String) -> String.UTF8View {
        string.utf8
    }

    // MARK: - SAX callbacks

    // The callbacks borrow the reader (`_withUnsafeGuaranteedRef`): `parse` holds it retained for
    // the whole parse, and a retain and release per event were about 7 % of a bare parse.
    nonisolated(unsafe) private static let handler: xmlSAXHandler = {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = {
            userData, localName, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let userData, let localName else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(userData)._withUnsafeGuaranteedRef {
                $0.startElement(
                    localName: localName, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                    attributeCount: Int(attributeCount), attributes: attributes)
            }
        }
        handler.endElementNs = { userData, _, _, _ in
            guard let userData else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(userData)._withUnsafeGuaranteedRef { $0.endElement() }
        }
        handler.characters = { userData, characters, length in
            guard let userData, let characters else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(userData)._withUnsafeGuaranteedRef {
                $0.characters(
                    characters, count: Int(length))
            }
        }
        handler.ignorableWhitespace = handler.characters
        handler.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(userData)._withUnsafeGuaranteedRef { $0.refuseDoctype() }
        }
        handler.serror = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(userData)._withUnsafeGuaranteedRef {
                $0.recordParserError(error.pointee)
            }
        }
        return handler
    }()

    private func currentLine() -> Int32 {
        Int32(truncatingIfNeeded: xmlSAX2GetLineNumber(context))
    }

    private func stop(with error: XMLCodingError) {
        if self.error == nil { self.error = error }
        xmlStopParser(context)
    }

    private func refuseDoctype() {
        stop(
            with: XMLCodingError(
                code: .doctypeNotAllowed,
                message: "a <!DOCTYPE> is not allowed: DTDs and entity declarations are refused",
                line: Int(currentLine()), column: Int(context.pointee.input?.pointee.col ?? 0)))
    }

    /// The element stays on the stack until the next event, because libxml2 calls the validator's
    /// end-element check after this callback, and its violations belong to this element.
    private func endElement() {
        applyPendingEnds()
        pendingEnds = 1
    }

    fileprivate func applyPendingEnds() {
        while pendingEnds > 0 {
            pendingEnds -= 1
            guard !stack.isEmpty else { continue }
            stack.removeLast()
        }
    }

    /// A small direct-mapped cache in front of the pointer dictionary: names come from libxml2's
    /// dictionary, so the same few pointers repeat element after element.
    @exclusivity(unchecked) private var nameCachePointers = [UnsafeRawPointer?](repeating: nil, count: 256)
    @exclusivity(unchecked) private var nameCacheIndices = [Int32](repeating: 0, count: 256)

    @inline(__always)
    private func internName(_ pointer: UnsafePointer<xmlChar>) -> Int32 {
        let key = UnsafeRawPointer(pointer)
        let slot = Int(truncatingIfNeeded: (UInt(bitPattern: key) >> 3) & 255)
        if nameCachePointers[slot] == key { return nameCacheIndices[slot] }
        let index = Self.intern(pointer, into: &names, byPointer: &namesByPointer, byText: &namesByText)
        nameCachePointers[slot] = key
        nameCacheIndices[slot] = index
        return index
    }

    @exclusivity(unchecked) private var lastNamespacePointer: UnsafeRawPointer?
    @exclusivity(unchecked) private var lastNamespaceIndex: Int32 = 0

    @inline(__always)
    private func internNamespace(_ pointer: UnsafePointer<xmlChar>?) -> Int32 {
        guard let pointer else { return XMLDocumentStorage.noNamespace }
        let key = UnsafeRawPointer(pointer)
        if key == lastNamespacePointer { return lastNamespaceIndex }
        let index = Self.intern(
            pointer, into: &namespaces, byPointer: &namespacesByPointer, byText: &namespacesByText,
            decodingAmpersands: true)
        lastNamespacePointer = key
        lastNamespaceIndex = index
        return index
    }

    /// Interns a libxml2 string. Names come from the parser's dictionary, so one pointer is one
    /// string for the whole parse and the text is converted once; the text table catches the rare
    /// string that is not dictionary-owned.
    ///
    /// Namespace names are attribute values (`xmlns:p="…"`) that libxml2 passes on undecoded: an
    /// `&` written as `&amp;` or `&#38;` arrives as the five bytes `&#38;`, as in other attribute
    /// values (see ``appendAttributeValue(_:)``), and `decodingAmpersands` turns it back into `&`.
    private static func intern(
        _ pointer: UnsafePointer<xmlChar>, into table: inout [String], byPointer: inout [UnsafeRawPointer: Int32],
        byText: inout [String: Int32], decodingAmpersands: Bool = false
    ) -> Int32 {
        let key = UnsafeRawPointer(pointer)
        if let index = byPointer[key] { return index }
        var text = String(cString: pointer)
        if decodingAmpersands, text.utf8.contains(UInt8(ascii: "&")) {
            text = text.replacingOccurrences(of: "&#38;", with: "&")
        }
        let index: Int32
        if let existing = byText[text] {
            index = existing
        } else {
            index = Int32(table.count)
            table.append(text)
            byText[text] = index
        }
        byPointer[key] = index
        return index
    }

    private func startElement(
        localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?, namespaceCount: Int,
        namespaces namespacePairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int,
        attributes attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        applyPendingEnds()
        guard stack.count < options.maximumElementDepth else {
            stop(
                with: XMLCodingError(
                    code: .depthLimitExceeded,
                    message: "elements are nested deeper than the limit of \(options.maximumElementDepth)",
                    line: Int(currentLine()), column: Int(context.pointee.input?.pointee.col ?? 0)))
            return
        }
        let parent = stack.last?.index ?? -1
        if parent >= 0, stack[stack.count - 1].lastChild < 0, nodes[Int(parent)].textLength > 0 {
            // Text before the first child: keep it only if it is more than white space.
            preserveLeadingText(of: parent)
        }
        let index = Int32(nodes.count)
        let node = Node(
            qualifiedName: internQualifiedName(name: internName(localName), namespace: internNamespace(uri)),
            parent: parent)
        var hasAttributes = false

        if storesContent {
            if let namespacePairs, namespaceCount > 0 {
                for pair in 0..<namespaceCount {
                    let prefix = namespacePairs[pair * 2]
                    namespaceDeclarations.append(
                        .init(
                            prefix: prefix.map { internName($0) } ?? -1,
                            namespace: internNamespace(namespacePairs[pair * 2 + 1])))
                }
                declarationRanges[index] = .init(
                    start: Int32(namespaceDeclarations.count - namespaceCount), count: Int32(namespaceCount))
            }
            if let attributeFields, attributeCount > 0 {
                for attribute in 0..<attributeCount {
                    let base = attribute * 5
                    guard let name = attributeFields[base] else { continue }
                    let valueStart = Int32(bytes.count)
                    if let start = attributeFields[base + 3], let end = attributeFields[base + 4], end > start {
                        appendAttributeValue(UnsafeBufferPointer(start: start, count: end - start))
                    }
                    attributes.append(
                        .init(
                            owner: index, name: internName(name), namespace: internNamespace(attributeFields[base + 2]),
                            valueStart: valueStart, valueLength: Int32(bytes.count) - valueStart))
                    hasAttributes = true
                }
            }
        }
        if parent >= 0 {
            linkChild(index)
        }
        nodes.append(node)
        marks.append(line: currentLine(), hasAttributes: hasAttributes)
        stack.append(OpenElement(index: index))
    }

    /// Appends an attribute value. Without entity substitution libxml2 hands over every `&` (from
    /// `&amp;` or `&#38;`) as the five bytes `&#38;`, so that no `&` is ambiguous; anything else
    /// arrives decoded and normalised.
    private func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>) {
        guard value.contains(UInt8(ascii: "&")) else {
            bytes.append(contentsOf: value)
            return
        }
        var index = 0
        while index < value.count {
            if value[index] == UInt8(ascii: "&"), index + 4 < value.count, value[index + 1] == UInt8(ascii: "#"),
                value[index + 2] == UInt8(ascii: "3"), value[index + 3] == UInt8(ascii: "8"),
                value[index + 4] == UInt8(ascii: ";")
            {
                bytes.append(UInt8(ascii: "&"))
                index += 5
            } else {
                bytes.append(value[index])
                index += 1
            }
        }
    }

    /// Links a new node to its previous sibling; a first child needs no link, it is the node
    /// after its parent.
    @inline(__always)
    private func linkChild(_ index: Int32) {
        let previous = stack[stack.count - 1].lastChild
        if previous >= 0 {
            nodes[Int(previous)].nextSibling = index
        }
        stack[stack.count - 1].lastChild = index
    }

    private static func pairKey(name: Int32, namespace: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: name)) << 32 | UInt64(UInt32(bitPattern: namespace))
    }

    /// The index of a local name and namespace pair, interned.
    @inline(__always)
    private func internQualifiedName(name: Int32, namespace: Int32) -> Int32 {
        let slot = Int(name)
        if slot < qualifiedNameByName.count {
            let known = qualifiedNameByName[slot]
            if known > 0 && qualifiedNames[Int(known)].namespace == namespace { return known }
        } else {
            // Names are numbered as they first occur: usually one slot more.
            while qualifiedNameByName.count <= slot { qualifiedNameByName.append(0) }
        }
        let known = qualifiedNameByName[slot]
        if known == 0 {
            // The name's first pair.
            let index = Int32(qualifiedNames.count)
            qualifiedNames.append(.init(name: name, namespace: namespace))
            qualifiedNameByName[slot] = index
            return index
        }
        // A second namespace for the name: from now on all its pairs are in the table.
        let knownPair = qualifiedNames[Int(known)]
        qualifiedNamesByPair[Self.pairKey(name: knownPair.name, namespace: knownPair.namespace)] = known
        let key = Self.pairKey(name: name, namespace: namespace)
        let index: Int32
        if let existing = qualifiedNamesByPair[key] {
            index = existing
        } else {
            index = Int32(qualifiedNames.count)
            qualifiedNames.append(.init(name: name, namespace: namespace))
            qualifiedNamesByPair[key] = index
        }
        qualifiedNameByName[slot] = index
        return index
    }

    /// The parent's text so far becomes its first child (it has no child yet, so the text node
    /// is the node right after it); white space alone is dropped, bytes and all.
    private func preserveLeadingText(of parent: Int32) {
        let record = nodes[Int(parent)]
        let start = Int(record.textStart)
        let end = start + Int(record.textLength)
        nodes[Int(parent)].textLength = 0
        guard bytes[start..<end].contains(where: { !XMLWhitespace.isSpace($0) }) else {
            // Nothing was stored after the parent's text (it has no child yet).
            if end == bytes.count { bytes.removeLast(end - start) }
            return
        }
        let textNode = Int32(nodes.count)
        textNodeCount += 1
        nodes.append(
            Node(
                qualifiedName: XMLDocumentStorage.textQualifiedName, parent: parent,
                textStart: record.textStart, textLength: record.textLength))
        marks.append(line: marks.line(of: parent), hasAttributes: false)
        stack[stack.count - 1].lastChild = textNode
    }

    private func characters(_ characters: UnsafePointer<xmlChar>, count: Int) {
        applyPendingEnds()
        guard storesContent, count > 0, let current = stack.last?.index else { return }
        let slot = Int(current)
        if stack[stack.count - 1].lastChild < 0 {
            if nodes[slot].textLength == 0 { nodes[slot].textStart = Int32(bytes.count) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: characters, count: count))
            nodes[slot].textLength += Int32(count)
            return
        }
        // Text after a child element (mixed content): kept as a text node unless it is white space,
        // joined to a directly preceding text node.
        let buffer = UnsafeBufferPointer(start: characters, count: count)
        let previous = stack[stack.count - 1].lastChild
        if previous >= 0, nodes[Int(previous)].qualifiedName == XMLDocumentStorage.textQualifiedName,
            nodes[Int(previous)].textStart + nodes[Int(previous)].textLength == Int32(bytes.count)
        {
            bytes.append(contentsOf: buffer)
            nodes[Int(previous)].textLength += Int32(count)
            return
        }
        guard buffer.contains(where: { !XMLWhitespace.isSpace($0) }) else { return }
        let textNode = Int32(nodes.count)
        textNodeCount += 1
        nodes.append(
            Node(
                qualifiedName: XMLDocumentStorage.textQualifiedName, parent: current,
                textStart: Int32(bytes.count), textLength: Int32(count)))
        marks.append(line: currentLine(), hasAttributes: false)
        bytes.append(contentsOf: buffer)
        // `previous` is a child: the first was linked when it was read.
        if previous >= 0 { nodes[Int(previous)].nextSibling = textNode }
        stack[stack.count - 1].lastChild = textNode
    }

    // MARK: - Errors

    private func recordParserError(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue, self.error == nil else { return }
        stop(with: makeParserError(error))
    }

    /// libxml2 codes that mean "input ended too early" when the parser stands at the end of input.
    private static let prematureEndCodes: Set<Int> = [
        4, 33, 34, 39, 40, 41, 44, 45, 47, 57, 63, 65, 68, 72, 73, 74, 75, 84,
    ]

    fileprivate func makeParserError(_ error: xmlError) -> XMLCodingError {
        var message = LibXML2.message(error.message)
        // Encoding errors append the offending input bytes ("\nBytes: 0xC3 0x28 …"); input bytes
        // never go into an error, they may be part of a card number.
        if let bytes = message.range(of: "Bytes:") {
            message = String(message[..<bytes.lowerBound])
            while let last = message.last, last == "\n" || last == " " { message.removeLast() }
        }
        let code: XMLCodingError.Code
        let atEnd: Bool = {
            guard hasPushedAllInput, let input = context.pointee.input, let cursor = input.pointee.cur,
                let end = input.pointee.end
            else { return false }
            return cursor >= end
        }()
        switch Int(error.code) {
        case Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue):
            code = .undeclaredEntity
        case Int(XML_ERR_UNSUPPORTED_ENCODING.rawValue), Int(XML_ERR_UNKNOWN_ENCODING.rawValue):
            code = .unsupportedEncoding
        case Int(XML_ERR_INVALID_ENCODING.rawValue):
            code = .invalidEncoding
        case Int(XML_ERR_INVALID_CHAR.rawValue) where message.contains("UTF-8") || message.contains("encoding"):
            code = .invalidEncoding
        case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_CHARREF.rawValue),
            Int(XML_ERR_INVALID_DEC_CHARREF.rawValue), Int(XML_ERR_INVALID_HEX_CHARREF.rawValue):
            code = .illegalCharacter
        case Int(XML_ERR_TAG_NOT_FINISHED.rawValue):
            code = .truncatedInput
        case Int(XML_ERR_INTERNAL_ERROR.rawValue) where message.contains("depth"):
            code = .depthLimitExceeded
        case _ where atEnd && Self.prematureEndCodes.contains(Int(error.code)):
            code = .truncatedInput
        case Int(XML_ERR_DOCUMENT_END.rawValue) where stack.count > pendingEnds || nodes.isEmpty:
            // The push parser's verdict when the last chunk leaves elements open, or brings
            // no element at all: the input ended too early (after the root element the same
            // code means content after it).
            code = .truncatedInput
        default:
            code = .malformedXML
        }
        let line = error.line > 0 ? Int(error.line) : Int(currentLine())
        return XMLCodingError(
            code: code, message: message.isEmpty ? "the input is not well-formed XML" : message,
            line: line, column: Int(error.int2), elementPath: currentPath())
    }

    private func recordViolation(_ error: xmlError) {
        let severity: XMLSchemaViolation.Severity =
            error.level.rawValue >= XML_ERR_ERROR.rawValue ? .error : .warning
        // A check made at an element's end reports the element's start line, as tree validation does.
        var line = Int(error.line)
        if pendingEnds > 0, let top = stack.last?.index { line = Int(marks.line(of: top)) }
        violations.append(
            XMLSchemaViolation(
                line: line, column: Int(error.int2), elementPath: currentPath(),
                libxml2Code: Int(error.code), message: LibXML2.message(error.message), severity: severity))
    }

    /// The path of the innermost open element, computed from the stack (what follows is unknown
    /// while streaming, so `[k]` appears only for k > 1, as in ``XMLDocumentStorage/path(of:)``).
    private func currentPath() -> String {
        guard !stack.isEmpty else { return "/" }
        var components: [String] = []
        components.reserveCapacity(stack.count)
        for open in stack {
            let index = open.index
            let record = nodes[Int(index)]
            var position = 1
            if record.parent >= 0 {
                var sibling = XMLDocumentStorage.firstChild(of: record.parent, in: nodes)
                while sibling >= 0 && sibling != index {
                    let other = nodes[Int(sibling)]
                    if other.qualifiedName == record.qualifiedName { position += 1 }
                    sibling = other.nextSibling
                }
            }
            let name = names[Int(qualifiedNames[Int(record.qualifiedName)].name)]
            components.append(position > 1 ? "\(name)[\(position)]" : name)
        }
        return "/" + components.joined(separator: "/")
    }

    private func makeStorage() -> XMLDocumentStorage {
        XMLDocumentStorage(
            nodes: nodes, marks: marks, qualifiedNames: qualifiedNames, attributes: attributes,
            namespaceDeclarations: namespaceDeclarations,
            declarationRanges: declarationRanges, bytes: bytes,
            names: names, namespaces: namespaces, nameIndex: namesByText, namespaceIndex: namespacesByText,
            elementCount: nodes.count - textNodeCount)
    }
}
