public import Foundation
public import XMLCoding

/// The STRING payment schemas (XSD 1.0), shipped inside the module.
///
/// The documents are byte-for-byte the repository's `Schemas/` folder (a test proves it), so a
/// library user validates exactly what the repository documents, with no file to locate at run
/// time. ``schema()`` compiles them once per process; the compiled schema is shared by every task.
public enum StringSchemas {
    /// The entry document, which includes the others.
    public static let mainDocument = "StringPayments.xsd"

    /// Every schema document, file name to bytes.
    public static var documents: [String: Data] {
        Dictionary(uniqueKeysWithValues: bundledDocuments.map { ($0.name, Data($0.text.utf8)) })
    }

    private static let compiledOnce: Result<XMLSchema, XMLCodingError> = {
        do throws(XMLCodingError) {
            return .success(try XMLSchema(main: mainDocument, documents: documents))
        } catch {
            return .failure(error)
        }
    }()

    /// The compiled STRING schema, compiled on first use and then shared.
    ///
    /// - Throws: ``StringPaymentsError`` with code `invalid-schema` if the shipped schemas do not
    ///   compile (a packaging defect; the test suite guards against it).
    public static func schema() throws(StringPaymentsError) -> XMLSchema {
        switch compiledOnce {
        case .success(let schema): return schema
        case .failure(let error): throw StringPaymentsError(error)
        }
    }

    private static let constructedOnce: Result<XMLConstructedSchema, XMLCodingError> = {
        do throws(XMLCodingError) {
            return .success(try XMLConstructedSchema(main: mainDocument, documents: documents))
        } catch {
            return .failure(error)
        }
    }()

    /// The STRING schema compiled into checks over a parsed document (validation by construction,
    /// ``StringSchemaValidation/compiledSchema``), compiled on first use and then shared.
    ///
    /// - Throws: ``StringPaymentsError`` with code `invalid-schema` if the shipped schemas use a
    ///   construct the compiler does not support (a packaging defect; the test suite guards against it).
    public static func constructedSchema() throws(StringPaymentsError) -> XMLConstructedSchema {
        switch constructedOnce {
        case .success(let schema): return schema
        case .failure(let error): throw StringPaymentsError(error)
        }
    }
}
