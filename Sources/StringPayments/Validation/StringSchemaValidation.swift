/// How ``StringMessageValidator`` (and so the message handler) checks a document against the
/// STRING schema before decoding it.
public enum StringSchemaValidation: Sendable, Hashable {
    /// The default: the shipped XSD compiled into checks run over the parsed document
    /// (``StringSchemas/constructedSchema()``): content models with order and occurrences,
    /// `xsi:type` derivation, `xsi:nil`, attributes, facets, patterns, enumerations and the envelope's
    /// lax payload. It reaches libxml2's verdict (proven on the invalid corpus, the examples,
    /// generated and mutated documents) at a fraction of its cost. Its violations carry the code
    /// libxml2 gives the same kind of violation and the library's own message.
    case compiledSchema
    /// libxml2's XSD validator with the shipped XSD (``StringSchemas/schema()``): the reference,
    /// with libxml2's codes and messages.
    case xsd
}
