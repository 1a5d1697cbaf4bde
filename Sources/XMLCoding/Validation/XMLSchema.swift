internal import CLibXML2
public import Foundation

/// An XML Schema (XSD) compiled once, shared by any number of tasks, that reports every violation.
///
/// Compile the schema set once (at start-up, or lazily in a `static let`) and keep it: compiling
/// costs far more than validating, and one compiled schema may validate on many threads at once.
///
/// ```swift
/// let schema = try XMLSchema(directory: schemasURL, main: "StringPayments.xsd")
/// let violations = try schema.validate(data)   // [] when valid
/// for violation in violations { print(violation) }   // line, element path, libxml2 code, message
/// ```
///
/// Validation never stops at the first problem: it returns every ``XMLSchemaViolation``, each with
/// its line and the ``XMLSchemaViolation/elementPath`` of the element concerned, such as
/// `/Order/Item[2]/Price`.
///
/// ## Security
/// A schema is trusted code, yet compiling one never reads anything but the documents given:
/// every document is first read with the same secure reader as instance documents (no `<!DOCTYPE`,
/// no entities, bounded size), and every `schemaLocation` of `xs:include`, `xs:import` and
/// `xs:redefine` must name another document of the set by a plain file name. Remote URLs,
/// absolute paths, `..` and `xml:base` are refused before libxml2 sees the schema, so libxml2's
/// loader can only ever open the set's own files. libxml2's process-wide state (error handler,
/// entity loader) is left untouched.
public final class XMLSchema: Sendable {
    let compiled: XMLCompiledSchema

    /// Compiles a set of schema documents.
    ///
    /// `xs:include`, `xs:import` and `xs:redefine` are resolved only against `documents`: each
    /// `schemaLocation` must be the plain file name of another entry (as in
    /// `<xs:include schemaLocation="StringPaymentTypes.xsd"/>`). Compilation is serialised by a
    /// process-wide lock, because libxml2's schema compiler is not thread-safe on first use.
    ///
    /// - Parameters:
    ///   - main: The entry document's file name within `documents`, such as `StringPayments.xsd`.
    ///   - documents: File name to XSD bytes. File names may contain ASCII letters, digits, `.`, `_`
    ///     and `-`, and may not start with `.`.
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/invalidSchema`` when a document
    ///   is not well-formed or carries a `<!DOCTYPE` (message `file:line:column: …`), when a
    ///   `schemaLocation` is not a file of the set (`… refers to <location>, which is not in the local
    ///   schema set`), or when libxml2 rejects the schema (every libxml2 message, as
    ///   `file:line: message`, joined with `; `); ``XMLCodingError/Code/ioError`` when the private
    ///   temporary directory used for compiling cannot be written.
    public init(main: String, documents: [String: Data]) throws(XMLCodingError) {
        let source = try XMLSchemaSource(main: main, documents: documents)
        compiled = try source.compile()
    }

    /// Compiles every `.xsd` file of a local directory.
    ///
    /// Only the directory's own files whose names end in `.xsd` are read (not its subdirectories),
    /// each limited to ``XMLReadingOptions/maximumInputSize`` of ``XMLReadingOptions/default``
    /// (64 MiB). References between them are resolved as in ``init(main:documents:)``.
    ///
    /// - Parameters:
    ///   - directory: A `file:` URL of a local directory.
    ///   - main: The entry document's file name, such as `StringPayments.xsd`.
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/ioError`` when the directory or
    ///   one of its files cannot be read, ``XMLCodingError/Code/inputTooLarge`` for an oversize
    ///   file, and otherwise as ``init(main:documents:)``.
    public convenience init(directory: URL, main: String) throws(XMLCodingError) {
        try self.init(main: main, documents: try Self.readDocuments(in: directory))
    }

    /// Validates a document's bytes in one streaming pass and returns every violation.
    ///
    /// The bytes are read with the same secure reader as ``XMLDocument/parse(_:options:)-(ContiguousBytes,_)`` and
    /// validated while they are read; nothing is kept but the violations.
    ///
    /// - Parameters:
    ///   - data: The document's bytes.
    ///   - options: Limits for untrusted input. The defaults (64 MiB, depth 256) protect memory
    ///     and stack against oversize or deeply nested input.
    /// - Returns: Every violation in document order; empty when the document is valid.
    /// - Throws: ``XMLCodingError`` only when the bytes cannot be read as XML at all, with a reading
    ///   code such as ``XMLCodingError/Code/malformedXML``, ``XMLCodingError/Code/doctypeNotAllowed``
    ///   or ``XMLCodingError/Code/inputTooLarge``. Schema violations are returned, never thrown.
    public func validate(
        _ data: some ContiguousBytes, options: XMLReadingOptions = .default
    ) throws(XMLCodingError) -> [XMLSchemaViolation] {
        do throws(XMLCodingError) {
            _ = try XMLStreamReader.read(data, options: options, schema: compiled, storesContent: false)
            return []
        } catch let error where error.code == .schemaViolation {
            return error.violations
        }
    }

    /// Validates an already parsed document, without parsing it again.
    ///
    /// The document's elements, attributes, namespace declarations and text are fed to libxml2's
    /// streaming validator as the events a parse would produce, so the violations carry the same
    /// codes, messages and element paths as ``validate(_:options:)`` gives for the same bytes.
    /// A parsed document keeps the line of every start tag and text run but not of end tags, so a
    /// check libxml2 makes at an element's end (a missing child, an invalid simple value) reports
    /// the line of that element's start tag, where ``validate(_:options:)`` reports the end tag's.
    ///
    /// - Parameter document: A document from ``XMLDocument/parse(_:options:)-(ContiguousBytes,_)``.
    /// - Returns: Every violation in document order; empty when the document is valid.
    public func validate(_ document: XMLDocument) -> [XMLSchemaViolation] {
        XMLSchemaReplay(storage: document.storage).validate(against: compiled)
    }

    /// Whether a document's bytes are readable and valid against the schema.
    ///
    /// - Parameters:
    ///   - data: The document's bytes.
    ///   - options: Limits for untrusted input; the defaults are safe (see ``validate(_:options:)``).
    /// - Returns: `true` when ``validate(_:options:)`` returns no violation; `false` when it
    ///   returns any, or when the bytes cannot be read.
    public func isValid(_ data: some ContiguousBytes, options: XMLReadingOptions = .default) -> Bool {
        do {
            return try validate(data, options: options).isEmpty
        } catch {
            return false
        }
    }

    /// Reads the `.xsd` files of a directory (following symbolic links), file name to bytes.
    private static func readDocuments(in directory: URL) throws(XMLCodingError) -> [String: Data] {
        let names: [String]
        let path = directory.resolvingSymlinksInPath().path
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw XMLCodingError(
                code: .ioError, message: "cannot list the schema directory \(path): \(error.localizedDescription)")
        }
        var documents: [String: Data] = [:]
        for name in names where name.hasSuffix(".xsd") {
            let url = URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            documents[name] = try XMLStreamReader.readFile(url, options: .default)
        }
        return documents
    }
}

/// Feeds a parsed document to libxml2's streaming (SAX2) validator as the events a parse of the
/// same bytes would produce, so that both validation paths run the same libxml2 code.
///
/// The validator is plugged with no downstream handler; the replay then calls its
/// `startElementNs`, `characters` and `endElementNs` directly, with names and namespace URIs as C
/// strings that stay alive until validation ends (libxml2 keeps pointers to them per open element).
private final class XMLSchemaReplay {
    private let storage: XMLDocumentStorage
    /// One buffer holding every name and namespace URI as a NUL-terminated string.
    private let strings: UnsafeMutablePointer<xmlChar>
    private var nameOffsets: [Int] = []
    private var namespaceOffsets: [Int] = []
    /// The element the event being replayed belongs to; violations are reported against it.
    private var currentElement: Int32 = -1
    /// The line the locator reports: where the event being replayed was read. The arena keeps the
    /// line of each start tag and text run, not of end tags, so checks made at an element's end
    /// report its start tag's line.
    private var currentLine: UInt = 0
    private var violations: [XMLSchemaViolation] = []

    init(storage: XMLDocumentStorage) {
        self.storage = storage
        // Offset 0 holds the empty string.
        var size = 1
        for name in storage.names { size += name.utf8.count + 1 }
        for namespace in storage.namespaces { size += namespace.utf8.count + 1 }
        let strings = UnsafeMutablePointer<xmlChar>.allocate(capacity: size)
        self.strings = strings
        var offset = 1
        strings[0] = 0
        func append(_ text: String) -> Int {
            let start = offset
            for byte in text.utf8 {
                strings[offset] = byte
                offset += 1
            }
            strings[offset] = 0
            offset += 1
            return start
        }
        nameOffsets = storage.names.map(append)
        namespaceOffsets = storage.namespaces.map(append)
    }

    deinit {
        strings.deallocate()
    }

    private func string(at offset: Int) -> UnsafePointer<xmlChar> {
        UnsafePointer(strings.advanced(by: offset))
    }

    private func name(_ index: Int32) -> UnsafePointer<xmlChar> {
        string(at: nameOffsets[Int(index)])
    }

    /// A namespace URI, or nil for "no namespace", as the parser passes them.
    private func namespace(_ index: Int32) -> UnsafePointer<xmlChar>? {
        index == XMLDocumentStorage.noNamespace ? nil : string(at: namespaceOffsets[Int(index)])
    }

    func validate(against schema: XMLCompiledSchema) -> [XMLSchemaViolation] {
        guard !storage.nodes.isEmpty else { return [] }
        guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
            return [Self.internalFailure("libxml2 could not create a validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let unmanaged = Unmanaged.passUnretained(self)
        let handler: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<XMLSchemaReplay>.fromOpaque(userData).takeUnretainedValue().recordViolation(error.pointee)
        }
        xmlSchemaSetValidStructuredErrors(validation, handler, unmanaged.toOpaque())
        xmlSchemaValidateSetLocator(
            validation,
            { userData, file, line in
                guard let userData, let line else { return -1 }
                file?.pointee = nil
                line.pointee = Unmanaged<XMLSchemaReplay>.fromOpaque(userData).takeUnretainedValue().currentLine
                return 0
            }, unmanaged.toOpaque())

        // libxml2 keeps the addresses of these two slots until it is unplugged, so they must not be
        // Swift temporaries.
        let handlerSlot = UnsafeMutablePointer<xmlSAXHandlerPtr?>.allocate(capacity: 1)
        handlerSlot.initialize(to: nil)
        let userDataSlot = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
        userDataSlot.initialize(to: nil)
        defer {
            handlerSlot.deallocate()
            userDataSlot.deallocate()
        }
        guard let plug = xmlSchemaSAXPlug(validation, handlerSlot, userDataSlot),
            let saxHandler = handlerSlot.pointee?.pointee
        else {
            return [Self.internalFailure("libxml2 could not start the validator")]
        }
        // The validator reports a few errors (memory, internal) without its context.
        let outcome = LibXML2.routingErrors(to: handler, context: unmanaged.toOpaque()) {
            storage.bytes.withUnsafeBufferPointer { bytes in
                replay(into: saxHandler, context: userDataSlot.pointee, bytes: bytes)
            }
        }
        _ = xmlSchemaSAXUnplug(plug)
        if case .inconsistent(let node) = outcome {
            return [
                Self.internalFailure(
                    "the parsed document's structure is inconsistent at node \(node); it was not validated")
            ]
        }

        if violations.isEmpty && xmlSchemaIsValid(validation) == 0 {
            // The same fallback as the streaming path, for a failure libxml2 did not report.
            violations.append(
                XMLSchemaViolation(
                    line: 0, column: 0, elementPath: "/", libxml2Code: 0,
                    message: "the document is not valid against the schema"))
        }
        return violations
    }

    private enum Outcome {
        case completed
        /// The arena's links are not in document order at this node.
        case inconsistent(Int32)
    }

    /// Walks the arena in document order without recursion (depth is bounded only by the options
    /// the document was parsed with), calling the validator's SAX2 handlers.
    private func replay(
        into handler: xmlSAXHandler, context: UnsafeMutableRawPointer?, bytes: UnsafeBufferPointer<UInt8>
    ) -> Outcome {
        let nodes = storage.nodes
        var namespaceFields: [UnsafePointer<xmlChar>?] = []
        var attributeFields: [UnsafePointer<xmlChar>?] = []
        let empty = string(at: 0)
        let base = bytes.baseAddress ?? empty

        func characters(_ start: Int32, _ length: Int32) {
            guard length > 0, let callback = handler.characters else { return }
            callback(context, base.advanced(by: Int(start)), length)
        }

        func start(_ index: Int32) {
            let node = nodes[Int(index)]
            currentElement = index
            currentLine = UInt(max(0, storage.line(of: index)))
            namespaceFields.removeAll(keepingCapacity: true)
            for declaration in storage.declarations(of: index) {
                namespaceFields.append(declaration.prefix < 0 ? nil : name(declaration.prefix))
                namespaceFields.append(namespace(declaration.namespace) ?? empty)
            }
            attributeFields.removeAll(keepingCapacity: true)
            let attributeRange = storage.attributeRange(of: index)
            let attributes = Int(attributeRange.lowerBound)..<Int(attributeRange.upperBound)
            for attribute in storage.attributes[attributes] {
                attributeFields.append(name(attribute.name))
                attributeFields.append(nil)
                attributeFields.append(namespace(attribute.namespace))
                attributeFields.append(base.advanced(by: Int(attribute.valueStart)))
                attributeFields.append(base.advanced(by: Int(attribute.valueStart + attribute.valueLength)))
            }
            namespaceFields.withUnsafeMutableBufferPointer { namespaceBuffer in
                attributeFields.withUnsafeMutableBufferPointer { attributeBuffer in
                    handler.startElementNs?(
                        context, name(storage.name(of: index)), nil, namespace(storage.namespace(of: index)),
                        Int32(storage.declarations(of: index).count),
                        namespaceBuffer.baseAddress, Int32(attributes.count), 0, attributeBuffer.baseAddress)
                }
            }
            characters(node.textStart, node.textLength)
        }

        func end(_ index: Int32) {
            currentElement = index
            currentLine = UInt(max(0, storage.line(of: index)))
            handler.endElementNs?(context, name(storage.name(of: index)), nil, namespace(storage.namespace(of: index)))
        }

        // The arena lists nodes in document order, so a first child or next sibling always comes
        // later and a parent earlier; a link that does not is refused rather than followed, which
        // also guarantees that the walk ends.
        var current: Int32 = 0
        walk: while true {
            let node = nodes[Int(current)]
            if node.qualifiedName == XMLDocumentStorage.textQualifiedName {
                currentElement = node.parent
                currentLine = UInt(max(0, storage.line(of: current)))
                characters(node.textStart, node.textLength)
            } else {
                start(current)
                let firstChild = storage.firstChild(of: current)
                if firstChild >= 0 {
                    current = firstChild
                    continue walk
                }
                end(current)
            }
            // Move on to the next sibling, closing every element that has none left.
            var finished = current
            while true {
                let record = nodes[Int(finished)]
                if record.nextSibling >= 0 {
                    guard record.nextSibling > current, Int(record.nextSibling) < nodes.count else {
                        return .inconsistent(finished)
                    }
                    current = record.nextSibling
                    continue walk
                }
                guard record.parent >= 0 else { return .completed }
                guard record.parent < finished, !storage.isText(record.parent)
                else {
                    return .inconsistent(finished)
                }
                finished = record.parent
                end(finished)
            }
        }
    }

    private func recordViolation(_ error: xmlError) {
        let severity: XMLSchemaViolation.Severity =
            error.level.rawValue >= XML_ERR_ERROR.rawValue ? .error : .warning
        violations.append(
            XMLSchemaViolation(
                line: Int(error.line), column: Int(error.int2),
                elementPath: currentElement >= 0 ? storage.path(of: currentElement) : "/",
                libxml2Code: Int(error.code), message: LibXML2.message(error.message), severity: severity))
    }

    private static func internalFailure(_ message: String) -> XMLSchemaViolation {
        XMLSchemaViolation(line: 0, column: 0, elementPath: "/", libxml2Code: 0, message: message)
    }
}
