public import struct Foundation.Data

/// Encodes `Encodable` values as XML documents, streaming straight into one byte buffer.
///
/// The encoder writes each element as the value's `encode(to:)` produces it; there is no
/// intermediate tree. The output is canonical: one value with one set of options always gives
/// the same bytes, with elements and attributes in encode order (declaration order for
/// synthesized `Codable`), and namespace declarations in a fixed order on the root element.
///
/// How a property is written is declared once, by its coding key (see ``XMLCodingKey``):
///
/// | Key | Written as |
/// |---|---|
/// | plain `CodingKey`, or ``XMLNodeKind/element`` | a child element named by the key, in the parent's namespace |
/// | ``XMLNodeKind/attribute`` | an attribute; unqualified unless the key names a namespace |
/// | ``XMLNodeKind/text`` | the element's escaped text content |
/// | ``XMLNodeKind/otherElements`` | `[XMLAnyElement]`, written after all other children |
///
/// Values:
/// - `String` (escaped), `Bool` (`true`/`false`), every fixed-width integer, `Decimal` (minimal
///   canonical `xs:decimal`), `URL` (its absolute string), ``XMLLexicalValue`` (its
///   ``XMLLexicalValue/xmlLexicalForm``), ``XMLEnumeration`` (its raw value).
/// - ``XMLQualifiedName`` as `prefix:local`, with the prefix declared for its namespace.
/// - ``XMLAnyElement`` as it is, under its own name (the key's name is not used), with its
///   names mapped to the prefixes declared in the output.
/// - Arrays under a key as repeated sibling elements named by the key; an empty array writes
///   nothing.
/// - `nil` through `encodeIfPresent` writes nothing; an explicit `encodeNil(forKey:)` writes
///   `<Key xsi:nil="true"/>` for an element and nothing for an attribute.
/// - `Double`, `Float` and `Float16` are refused: amounts must never pass through binary
///   floating point. Use `Decimal`.
///
/// Details a hand-written `encode(to:)` may rely on:
/// - Namespace declarations are all on the root element (see
///   ``XMLEncodingOptions/namespacePrefixes``), except that an element in no namespace under a
///   default namespace carries `xmlns=""`, so it really is in no namespace.
/// - Text escapes `&`, `<`, `>` and CR; attribute values escape `&`, `<`, `"`, tab, LF and CR, so
///   every string reads back exactly. A character XML 1.0 forbids is an error, never output.
/// - An attribute may be encoded after the element's children or text: it is still written into
///   the element's start tag.
/// - Containers must be used in document order: using a container finishes the elements of
///   containers opened after it (nested containers, super encoders). Keep no container beyond
///   the `encode(to:)` call that made it; one used after its element is finished throws
///   ``XMLCodingError/Code/unencodableValue`` (keyed containers are reused, also by later
///   encodings, so a kept one may instead write to a later element of the same type at the same
///   depth, on the same thread; used on any other thread, or between encodings, it is refused).
/// - An array nested in an array is flattened into the same repeated elements.
/// - Qualified names inside an ``XMLAnyElement``'s text or attribute values are written as they
///   are; its element and attribute names are mapped to the declared prefixes, and every prefix of
///   its ``XMLAnyElement/namespacesInScope`` that is still free is declared on the root, so such
///   values still resolve (a prefix already bound to another namespace cannot be kept).
///
/// ```swift
/// let data = try XMLEncoder().encode(request)  // request: Encodable & XMLRootElement
/// ```
///
/// Once an encoding error has been thrown, the encoding fails as a whole, even if the type's
/// own `encode(to:)` catches the error: the encoder never returns partial or malformed output.
public struct XMLEncoder: Sendable {
    /// The options every call of this encoder uses.
    public var options: XMLEncodingOptions
    /// Values handed to the types being encoded through `Encoder.userInfo`. Empty by default.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates an encoder.
    ///
    /// - Parameters:
    ///   - options: Layout and namespace prefixes. The default is compact output with an XML
    ///     declaration.
    ///   - userInfo: Values handed to the types being encoded through `Encoder.userInfo`. The
    ///     default is empty.
    public init(options: XMLEncodingOptions = .init(), userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.options = options
        self.userInfo = userInfo
    }

    /// Encodes a value as a document whose root element is the type's
    /// ``XMLRootElement/xmlRootElementName``.
    ///
    /// - Parameter value: The value to encode.
    /// - Returns: The document as UTF-8 bytes.
    /// - Throws: ``XMLCodingError`` with ``XMLCodingError/codingPath`` set:
    ///   ``XMLCodingError/Code/illegalCharacter`` for a character XML 1.0 does not allow,
    ///   ``XMLCodingError/Code/invalidName`` for a key or name that is not an XML name, and
    ///   ``XMLCodingError/Code/unencodableValue`` for a value that cannot be written where it was
    ///   encoded (or any other error thrown by the value's own `encode(to:)`).
    public func encode<T: Encodable & XMLRootElement>(_ value: T) throws(XMLCodingError) -> Data {
        try encode(value, rootElement: T.xmlRootElementName)
    }

    /// Encodes a value as a document with the given root element.
    ///
    /// - Parameters:
    ///   - value: The value to encode. It becomes the content and attributes of the root element;
    ///     a simple value becomes its text. It must not encode an array: a document has exactly
    ///     one root element.
    ///   - rootElement: The root element's qualified name. Its namespace becomes the default
    ///     namespace unless ``XMLEncodingOptions/namespacePrefixes`` gives it a prefix.
    /// - Returns: The document as UTF-8 bytes.
    /// - Throws: ``XMLCodingError`` with ``XMLCodingError/codingPath`` set:
    ///   ``XMLCodingError/Code/illegalCharacter``, ``XMLCodingError/Code/invalidName`` or
    ///   ``XMLCodingError/Code/unencodableValue``.
    public func encode<T: Encodable>(
        _ value: T, rootElement: XMLQualifiedName
    )
        throws(XMLCodingError) -> Data
    {
        try encoding(value, rootElement: rootElement) { $0.takeData() }
    }

    /// Encodes a value as a document and returns it as a string, for logs and tests.
    ///
    /// - Parameter value: The value to encode.
    /// - Returns: The document's text.
    /// - Throws: ``XMLCodingError``, as ``encode(_:)``.
    public func encodeToString<T: Encodable & XMLRootElement>(
        _ value: T
    ) throws(XMLCodingError)
        -> String
    {
        try encoding(value, rootElement: T.xmlRootElementName) { $0.makeString() }
    }

    /// Runs one encoding with a state borrowed from ``XMLEncoderPool`` and returns what `take`
    /// makes of the finished document.
    private func encoding<T: Encodable, Result>(
        _ value: T, rootElement: XMLQualifiedName, _ take: (XMLEncoderImplementation) -> Result
    )
        throws(XMLCodingError) -> Result
    {
        let implementation = XMLEncoderPool.checkOut()
        defer { XMLEncoderPool.checkIn(implementation) }
        try implementation.start(options: options, userInfo: userInfo)
        try implementation.encodeDocument(value, rootElement: rootElement)
        return take(implementation)
    }
}
