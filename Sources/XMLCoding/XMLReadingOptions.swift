/// Limits and switches for reading XML input. The defaults are safe for untrusted input.
///
/// What is always refused, whatever the options: network access, external entities, DTD loading
/// and any `<!DOCTYPE` (the root of XXE and entity-expansion attacks), XInclude, and recovery from
/// malformed input. Declared encodings that a linear pre-scan of the bytes cannot read as libxml2
/// would (UTF-7, ISO-2022, EBCDIC, UCS-4 declarations, names libxml2 may not know) are refused
/// with ``XMLCodingError/Code/unsupportedEncoding``: UTF-8, UTF-16 and the ASCII-based encodings
/// (ISO-8859-x, Windows-125x, KOI8, Shift_JIS, EUC, GBK, GB18030, Big5) are read.
public struct XMLReadingOptions: Sendable, Hashable {
    /// The largest input accepted, in bytes. The default is 64 MiB.
    ///
    /// Checked before parsing starts, so an oversize input costs nothing. Raise it for large batch
    /// files; there is no separate limit on the size of one text node (libxml2's 10 MB text-node
    /// limit is lifted, because this cap and the refusal of DTDs already bound every expansion).
    public var maximumInputSize: Int
    /// The deepest element nesting accepted. The default is 256.
    ///
    /// Protects the decoder's and the caller's stack against deeply nested input.
    public var maximumElementDepth: Int
    /// The most attributes one start tag may carry, namespace declarations not counted. The
    /// default is 256.
    ///
    /// libxml2 compares every pair of a start tag's attributes to find duplicates, before the
    /// library sees the element: 200,000 attributes in 2.3 MB cost about ten seconds. The limit is
    /// checked by a linear scan of the input before libxml2 parses it, so such input is refused at
    /// once with ``XMLCodingError/Code/tooManyAttributes``. No STRING element has more than a few
    /// attributes.
    public var maximumAttributesPerElement: Int
    /// The most namespace declarations (`xmlns` and `xmlns:prefix` attributes) one start tag may
    /// carry. The default is 64.
    ///
    /// Like attributes, declarations are compared pairwise by libxml2, so the limit is checked
    /// before parsing and input over it is refused with
    /// ``XMLCodingError/Code/tooManyNamespaceDeclarations``. Real messages declare a handful.
    public var maximumNamespaceDeclarationsPerElement: Int

    /// Creates reading options.
    ///
    /// - Parameters:
    ///   - maximumInputSize: The largest input accepted, in bytes; 64 MiB by default.
    ///   - maximumElementDepth: The deepest element nesting accepted; 256 by default.
    ///   - maximumAttributesPerElement: The most attributes on one element; 256 by default.
    ///   - maximumNamespaceDeclarationsPerElement: The most namespace declarations on one element;
    ///     64 by default.
    public init(
        maximumInputSize: Int = 64 * 1024 * 1024, maximumElementDepth: Int = 256,
        maximumAttributesPerElement: Int = 256, maximumNamespaceDeclarationsPerElement: Int = 64
    ) {
        self.maximumInputSize = maximumInputSize
        self.maximumElementDepth = maximumElementDepth
        self.maximumAttributesPerElement = maximumAttributesPerElement
        self.maximumNamespaceDeclarationsPerElement = maximumNamespaceDeclarationsPerElement
    }

    /// The defaults: 64 MiB input, depth 256, 256 attributes and 64 namespace declarations per
    /// element.
    public static let `default` = XMLReadingOptions()
}
