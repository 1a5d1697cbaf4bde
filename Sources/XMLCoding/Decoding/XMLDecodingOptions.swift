/// Options for ``XMLDecoder``. The defaults are safe for untrusted input.
public struct XMLDecodingOptions: Sendable, Hashable {
    /// What to do with an element the Swift type does not declare.
    public enum UnknownElementPolicy: Sendable, Hashable {
        /// Ignore it (the default): a newer schema version may add optional elements, and an older
        /// reader must keep working. Declare an ``XMLNodeKind/otherElements`` key to keep them.
        case ignore
        /// Reject it with ``XMLCodingError/Code/unknownElement``, reject declared elements that
        /// appear out of declaration order with ``XMLCodingError/Code/elementOutOfOrder``, and
        /// reject an attribute no key reads with ``XMLCodingError/Code/unknownAttribute``
        /// (namespace declarations and `xsi:` attributes such as `xsi:type` and
        /// `xsi:schemaLocation` are always allowed).
        case reject
    }

    /// Limits for reading the input. The default is ``XMLReadingOptions/default``.
    public var reading: XMLReadingOptions
    /// Unknown elements are ignored by default.
    public var unknownElements: UnknownElementPolicy
    /// Whether ``XMLDate`` and ``XMLYearMonth`` values may carry a time zone. The default is `true`,
    /// as `xs:date` allows; vocabularies whose dates are calendar days (a pattern without a zone)
    /// set it to `false`, and a zone is then ``XMLCodingError/Code/invalidValue``.
    public var allowsTimeZonesInDates: Bool

    /// Creates decoding options.
    public init(
        reading: XMLReadingOptions = .default, unknownElements: UnknownElementPolicy = .ignore,
        allowsTimeZonesInDates: Bool = true
    ) {
        self.reading = reading
        self.unknownElements = unknownElements
        self.allowsTimeZonesInDates = allowsTimeZonesInDates
    }
}
