public import Foundation
public import XMLCoding

/// The balances-owing schema (`Schemas/balances/BalancesOwing.xsd`, XSD 1.0), shipped inside
/// the module: every document ``BalancesExport`` writes is valid against it.
///
/// The document is byte for byte the repository's file (a test proves it).
public enum BalancesSchemas {
    /// The target namespace of the format: `urn:drv-string-payments:balances-owing:1`.
    public static let namespace = "urn:drv-string-payments:balances-owing:1"

    /// The schema's file name, `BalancesOwing.xsd`.
    public static let fileName = "BalancesOwing.xsd"

    /// Every shipped schema document, file name to bytes.
    public static var documents: [String: Data] {
        Dictionary(uniqueKeysWithValues: bundledDocuments.map { ($0.name, Data($0.text.utf8)) })
    }

    private static let compiled: Result<XMLSchema, XMLCodingError> = {
        do throws(XMLCodingError) {
            return .success(try XMLSchema(main: fileName, documents: documents))
        } catch {
            return .failure(error)
        }
    }()

    /// The compiled schema, compiled on first use and then shared by every task.
    ///
    /// - Returns: The schema.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `invalid-schema` when the shipped schema
    ///   does not compile (a packaging defect the test suite guards against).
    public static func schema() throws(XMLCodingError) -> XMLSchema {
        try compiled.get()
    }
}
