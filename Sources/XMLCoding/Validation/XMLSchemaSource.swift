internal import CLibXML2
import Foundation

/// A set of XSD documents that refer only to each other, checked before libxml2 sees any of them.
///
/// libxml2 reads schema documents with entity substitution on and resolves `xs:include`,
/// `xs:import` and `xs:redefine` through its default loader, which would follow any path or URL.
/// So every document is first read with the secure reader (no DTD, no entities, bounded size) and
/// every `schemaLocation` must name another document of the set by a plain file name. Only then are
/// the documents written to a private temporary directory and compiled from there.
struct XMLSchemaSource {
    /// The entry document's file name.
    let main: String
    /// File name to XSD bytes.
    let documents: [String: Data]

    /// The elements whose `schemaLocation` makes libxml2 load another document (`override` is
    /// XSD 1.1, which libxml2 ignores; refusing a remote one anyway costs nothing).
    private static let referringElements: Set<String> = ["include", "import", "redefine", "override"]

    /// Checks the set: plain file names, well-formed documents without a DTD, and references that
    /// stay inside the set.
    ///
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/invalidSchema``.
    init(main: String, documents: [String: Data]) throws(XMLCodingError) {
        for name in documents.keys.sorted() where !Self.isPlainFileName(name) {
            throw XMLCodingError(
                code: .invalidSchema,
                message:
                    "the schema document name '\(name)' is not a plain file name (letters, digits, '.', '_' and '-', not starting with '.')"
            )
        }
        guard documents[main] != nil else {
            throw XMLCodingError(
                code: .invalidSchema,
                message:
                    "the main schema document '\(main)' is not in the schema set (\(documents.keys.sorted().joined(separator: ", ")))"
            )
        }
        for name in documents.keys.sorted() {
            guard let data = documents[name] else { continue }
            try Self.checkReferences(of: name, data: data, within: documents)
        }
        self.main = main
        self.documents = documents
    }

    /// Whether `name` can only mean a file of the set: ASCII letters, digits, `.`, `_` and `-`, not
    /// starting with `.`. That rules out directories (`/`, `\`, `..`), schemes (`http:`, `file:`),
    /// percent-escapes, query and fragment parts, and names a file system could read differently.
    static func isPlainFileName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "."), name.utf8.count <= 255 else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }

    /// Reads one document with the secure reader and checks what it refers to.
    private static func checkReferences(
        of name: String, data: Data, within documents: [String: Data]
    ) throws(XMLCodingError) {
        let storage: XMLDocumentStorage
        do {
            storage = try XMLStreamReader.read(data, options: .default, schema: nil)
        } catch {
            var position = name
            if let line = error.line { position += ":\(line)" }
            if let column = error.column, column > 0 { position += ":\(column)" }
            throw XMLCodingError(
                code: .invalidSchema, message: "\(position): \(error.code): \(error.message)", line: error.line,
                column: error.column)
        }
        let schemaNamespace = storage.namespaceIndex[XMLNamespace.schema]
        let xmlNamespace = storage.namespaceIndex[XMLNamespace.xml]
        for index in storage.nodes.indices {
            let node = Int32(index)
            guard !storage.isText(node) else { continue }
            let line = storage.line(of: node)
            let attributeRange = storage.attributeRange(of: node)
            for attributeIndex in attributeRange {
                let attribute = storage.attributes[Int(attributeIndex)]
                // xml:base would move the base that relative locations are resolved against.
                if let xmlNamespace, attribute.namespace == xmlNamespace, storage.names[Int(attribute.name)] == "base" {
                    throw XMLCodingError(
                        code: .invalidSchema,
                        message:
                            "\(name):\(line): xml:base is not allowed in a schema document: locations are resolved within the local schema set only",
                        line: Int(line))
                }
            }
            guard let schemaNamespace, storage.namespace(of: node) == schemaNamespace,
                Self.referringElements.contains(storage.names[Int(storage.name(of: node))])
            else { continue }
            for attributeIndex in attributeRange {
                let attribute = storage.attributes[Int(attributeIndex)]
                guard attribute.namespace == XMLDocumentStorage.noNamespace,
                    storage.names[Int(attribute.name)] == "schemaLocation"
                else { continue }
                let location = storage.value(ofAttribute: attributeIndex)
                guard Self.isPlainFileName(location), documents[location] != nil else {
                    throw XMLCodingError(
                        code: .invalidSchema,
                        message:
                            "\(name):\(line): xs:\(storage.names[Int(storage.name(of: node))]) refers to \(location), which is not in the local schema set",
                        line: Int(line))
                }
            }
        }
    }

    /// Serialises compilation: `xmlSchemaParse` initialises libxml2's built-in types on first use,
    /// which is not thread-safe.
    private static let compilationLock = NSLock()

    /// Writes the documents to a fresh private temporary directory, compiles the main one with
    /// libxml2 and removes the directory again.
    ///
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/invalidSchema`` carrying every
    ///   libxml2 message as `file:line: message`, or ``XMLCodingError/Code/ioError`` when the
    ///   temporary files cannot be written.
    func compile() throws(XMLCodingError) -> XMLCompiledSchema {
        let directory = try Self.makePrivateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, data) in documents {
            let path = directory + "/" + name
            // The directory is fresh and private, so nothing can be in the way.
            guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
            else {
                throw XMLCodingError(
                    code: .ioError, message: "cannot write the schema document \(name) to \(directory)")
            }
        }
        LibXML2.ensureInitialized()
        Self.compilationLock.lock()
        defer { Self.compilationLock.unlock() }
        return try Self.compile(path: directory + "/" + main, directory: directory)
    }

    private static func compile(path: String, directory: String) throws(XMLCodingError) -> XMLCompiledSchema {
        guard let parserContext = xmlSchemaNewParserCtxt(path) else {
            throw XMLCodingError(code: .invalidSchema, message: "libxml2 could not create a schema parser context")
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let log = CompilationLog(directory: directory)
        let unmanaged = Unmanaged.passRetained(log)
        defer { unmanaged.release() }
        let handler: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<CompilationLog>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
        }
        xmlSchemaSetParserStructuredErrors(parserContext, handler, unmanaged.toOpaque())
        // Reading the schema documents reports some errors without the schema context.
        let schema = LibXML2.routingErrors(to: handler, context: unmanaged.toOpaque()) {
            xmlSchemaParse(parserContext)
        }
        guard let schema, log.errors.isEmpty else {
            if let schema { xmlSchemaFree(schema) }
            let errors = log.errors.isEmpty ? [(text: "libxml2 could not compile the schema", line: 0)] : log.errors
            throw XMLCodingError(
                code: .invalidSchema,
                message: "the schema does not compile: " + errors.map(\.text).joined(separator: "; "),
                line: errors[0].line > 0 ? errors[0].line : nil)
        }
        return XMLCompiledSchema(pointer: schema)
    }

    /// Creates a directory only the current user can read, with an unpredictable name.
    private static func makePrivateDirectory() throws(XMLCodingError) -> String {
        var base = NSTemporaryDirectory()
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/xmlschema-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let address = buffer.baseAddress else { return false }
            return mkdtemp(address) != nil
        }
        guard created else {
            throw XMLCodingError(
                code: .ioError, message: "cannot create a private temporary directory in \(base): errno \(errno)")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Collects libxml2's messages while one schema compiles, with file names relative to the set.
private final class CompilationLog {
    private let directoryPrefix: String
    private(set) var errors: [(text: String, line: Int)] = []

    init(directory: String) {
        directoryPrefix = directory + "/"
    }

    func record(_ error: xmlError) {
        // Warnings (such as a skipped duplicate import) do not stop compilation.
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var position = ""
        if let file = error.file {
            var name = String(cString: file)
            if name.hasPrefix(directoryPrefix) { name.removeFirst(directoryPrefix.count) }
            if name.hasPrefix("file://" + directoryPrefix) { name.removeFirst(directoryPrefix.count + 7) }
            position = name
        }
        let line = Int(error.line)
        if line > 0 { position += (position.isEmpty ? "line " : ":") + "\(line)" }
        let message = LibXML2.message(error.message)
        errors.append((text: position.isEmpty ? message : "\(position): \(message)", line: line))
    }
}
