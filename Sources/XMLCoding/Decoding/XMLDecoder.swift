public import Foundation

/// Decodes `Decodable` values from XML, reading the input once with libxml2's SAX2 parser.
///
/// The decoder binds straight from a compact arena of the parsed document; there is no tree of
/// boxed values and no dynamic guessing. How each property is represented (element, attribute,
/// text content, namespace) is declared once per type by conforming its `CodingKeys` to
/// ``XMLCodingKey``.
///
/// - Elements are matched by namespace URI and local name, never by prefix.
/// - Arrays are repeated sibling elements; an absent element and `xsi:nil="true"` both decode as
///   `nil`; an empty element decodes as `""` for a `String`.
/// - `Decimal`, integers, `Bool`, ``XMLDate``, ``XMLDateTime``, ``XMLYearMonth`` and
///   ``XMLQualifiedName`` are parsed by their XSD lexical grammar; binary floating point is refused.
/// - Every failure is an ``XMLCodingError`` with a stable code, line, element path and coding path.
///
/// A decoder is an immutable value; share it freely across tasks.
public struct XMLDecoder: Sendable {
    /// The options; see ``XMLDecodingOptions``.
    public var options: XMLDecodingOptions
    /// Values handed to the types being decoded through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates a decoder.
    public init(options: XMLDecodingOptions = XMLDecodingOptions(), userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.options = options
        self.userInfo = userInfo
    }

    /// Decodes a value from XML bytes.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - data: The document's bytes, in UTF-8 or the encoding its XML declaration names.
    ///   - rootElement: The expected root element; by default `T.xmlRootElementName` when `T`
    ///     conforms to ``XMLRootElement``, otherwise any root is accepted.
    /// - Returns: The decoded value.
    /// - Throws: ``XMLCodingError``: a reading code for bad XML, a decoding code for XML that does not
    ///   fit the type.
    public func decode<T: Decodable>(
        _ type: T.Type, from data: some ContiguousBytes, rootElement: XMLQualifiedName? = nil
    ) throws(XMLCodingError) -> T {
        let storage = try XMLStreamReader.read(data, options: options.reading, schema: nil)
        return try decode(type, from: storage, rootElement: rootElement)
    }

    /// Decodes a value from an XML string; the encoding named by its XML declaration is ignored.
    public func decode<T: Decodable>(
        _ type: T.Type, from string: String, rootElement: XMLQualifiedName? = nil
    ) throws(XMLCodingError) -> T {
        let storage = try XMLStreamReader.read(
            Array(string.utf8), options: options.reading, schema: nil, ignoringDeclaredEncoding: true)
        return try decode(type, from: storage, rootElement: rootElement)
    }

    /// Decodes a value from a document parsed earlier with ``XMLDocument/parse(_:options:)-(ContiguousBytes,_)``.
    public func decode<T: Decodable>(
        _ type: T.Type, from document: XMLDocument, rootElement: XMLQualifiedName? = nil
    ) throws(XMLCodingError) -> T {
        try decode(type, from: document.storage, rootElement: rootElement)
    }

    /// Validates XML bytes against a schema and decodes them, in one parse.
    ///
    /// The validator runs inside the same SAX stream that feeds the decoder, so the input is read
    /// once. When the document violates the schema nothing is decoded.
    ///
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/schemaViolation`` and every
    ///   violation in ``XMLCodingError/violations``; or a reading or decoding code.
    public func decode<T: Decodable>(
        _ type: T.Type, from data: some ContiguousBytes, validatingAgainst schema: XMLSchema,
        rootElement: XMLQualifiedName? = nil
    ) throws(XMLCodingError) -> T {
        let storage = try XMLStreamReader.read(data, options: options.reading, schema: schema.compiled)
        return try decode(type, from: storage, rootElement: rootElement)
    }

    func decode<T: Decodable>(
        _ type: T.Type, from storage: XMLDocumentStorage, rootElement: XMLQualifiedName?
    ) throws(XMLCodingError) -> T {
        guard !storage.nodes.isEmpty else {
            throw XMLCodingError(code: .truncatedInput, message: "the document has no root element")
        }
        let expected = rootElement ?? (T.self as? any XMLRootElement.Type)?.xmlRootElementName
        if let expected {
            let actual = storage.qualifiedName(of: 0)
            guard actual == expected else {
                throw XMLCodingError(
                    code: .unexpectedRootElement,
                    message: "the root element is \(actual), expected \(expected)",
                    line: Int(storage.line(of: 0)), elementPath: storage.path(of: 0))
            }
        }
        let context = XMLDecodingContext(storage: storage, options: options, userInfo: userInfo)
        defer { context.finish() }
        do {
            let value = try context.decodeValue(T.self, element: 0)
            if options.unknownElements == .reject {
                try context.checkEveryElementWasDecoded()
            }
            return value
        } catch {
            throw context.codingError(error, node: 0)
        }
    }
}
