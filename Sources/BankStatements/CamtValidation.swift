/// How ``CamtDecoder`` validates a document of a supported version
/// (``CamtSchemas/supportedVersions``) before reading it.
public enum CamtValidation: Sendable, Hashable {
    /// The default: the shipped XSD compiled into checks run over the parsed document (content
    /// models, occurrences, attributes, lengths, patterns, enumerations, digits and dates). It
    /// reaches libxml2's verdict at a fraction of its cost; see the "Back Office" article. Its
    /// violations carry their own messages, with `libxml2Code` 0; the content of the
    /// `SplmtryData/Envlp` wildcard is not checked.
    case compiledSchema
    /// libxml2's XSD validator with the shipped XSD: the reference, with libxml2's messages.
    case xsd
    /// No validation: only the fields the import reads are checked (amounts, currencies, dates,
    /// codes). For files an earlier step validated.
    case none
}
