public import Foundation

/// An XML Schema compiled by the library itself into checks over a parsed ``XMLDocument``:
/// validation by construction, giving libxml2's verdict at a fraction of its cost.
///
/// The schema is described once, by its XSD documents; compiling derives the checks from them:
/// the global elements, every complex type's content model (order, occurrences, choices,
/// wildcards), `xsi:type` derivation by extension, `nillable` and `xsi:nil`, attributes, mixed
/// content, and every simple type's built-in base with its length, pattern, enumeration, digit and
/// inclusive-range facets. A construct outside the supported subset makes compilation fail
/// (``XMLCodingError/Code/invalidSchema`` naming it), never check less; use ``XMLSchema`` (libxml2's
/// validator) for arbitrary schemas.
///
/// ```swift
/// let schema = try XMLConstructedSchema(main: "StringPayments.xsd", documents: documents)
/// let document = try XMLDocument.parse(data)
/// let violations = schema.validate(document)   // [] when valid
/// ```
///
/// Violations carry the element's line and path, the code libxml2 gives the same kind of
/// violation (``XMLSchemaViolation/libxml2Code``, such as 1871 for an unexpected or missing
/// element) and the library's own message. Which violation comes first, and how many follow one
/// defect, may differ from libxml2; whether a document is valid does not (the test suites prove
/// it on the shipped schemas with valid, invalid, generated and mutated documents).
public final class XMLConstructedSchema: Sendable {
    let model: XMLSchemaModel

    /// Compiles a set of schema documents into checks.
    ///
    /// - Parameters:
    ///   - main: The entry document's file name within `documents`.
    ///   - documents: File name to XSD bytes; `xs:include` names other entries by file name.
    /// - Throws: ``XMLCodingError`` with code ``XMLCodingError/Code/invalidSchema`` when a document
    ///   is missing or does not parse, or uses a construct outside the supported subset (named in
    ///   the message).
    public init(main: String, documents: [String: Data]) throws(XMLCodingError) {
        do throws(XMLSchemaCompiler.Failure) {
            model = try XMLSchemaCompiler.compile(main: main, documents: documents)
        } catch {
            throw XMLCodingError(
                code: .invalidSchema, message: "\(main) cannot be compiled into checks: \(error.message)")
        }
    }

    /// Validates a parsed document.
    ///
    /// - Parameters:
    ///   - document: A document from ``XMLDocument/parse(_:options:)-(ContiguousBytes,_)``.
    ///   - maximumViolations: Validation stops after this many violations (at least 1).
    /// - Returns: The violations in the order found; empty when the document is valid.
    public func validate(_ document: XMLDocument, maximumViolations: Int = .max) -> [XMLSchemaViolation] {
        var checks = XMLSchemaChecks(model: model, document: document, maximumViolations: max(1, maximumViolations))
        return checks.validate()
    }
}
