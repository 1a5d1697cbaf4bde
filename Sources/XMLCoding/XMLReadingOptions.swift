/// Limits and switches for reading XML input. The defaults are safe for untrusted input.
///
/// What is always refused, whatever the options: network access, external entities, DTD loading
/// and any `<!DOCTYPE` (the root of XXE and entity-expansion attacks), XInclude, and recovery from
/// malformed input.
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

    /// Creates reading options.
    public init(maximumInputSize: Int = 64 * 1024 * 1024, maximumElementDepth: Int = 256) {
        self.maximumInputSize = maximumInputSize
        self.maximumElementDepth = maximumElementDepth
    }

    /// The defaults: 64 MiB input, depth 256.
    public static let `default` = XMLReadingOptions()
}
