public import Foundation
public import XMLCoding

/// The ISO 20022 camt.053 and camt.054 schemas (XSD 1.0) this module validates against, shipped
/// inside the module.
///
/// The documents are byte-for-byte the repository's `Schemas/iso20022/` folder (a test proves it),
/// copied unchanged from the ISO 20022 message definitions. Each version is its own schema set of one
/// document; ``schema(for:)`` compiles a version once per process, on first use, and the compiled
/// schema is shared by every task.
public enum CamtSchemas {
    /// Every shipped schema document, file name (such as `camt.053.001.08.xsd`) to bytes.
    public static var documents: [String: Data] {
        Dictionary(uniqueKeysWithValues: bundledDocuments.map { ($0.name, Data($0.text.utf8)) })
    }

    /// The versions with a shipped schema: camt.053.001.02, camt.053.001.08, camt.054.001.02 and
    /// camt.054.001.08.
    public static let supportedVersions: [CamtVersion] = [
        CamtVersion(kind: .statement, version: 2), CamtVersion(kind: .statement, version: 8),
        CamtVersion(kind: .notification, version: 2), CamtVersion(kind: .notification, version: 8),
    ]

    private static func compile(_ version: CamtVersion) -> Result<XMLSchema, XMLCodingError> {
        let name = version.schemaFileName
        guard let text = bundledDocuments.first(where: { $0.name == name })?.text else {
            return .failure(XMLCodingError(code: .invalidSchema, message: "no schema is shipped for \(version)"))
        }
        do throws(XMLCodingError) {
            return .success(try XMLSchema(main: name, documents: [name: Data(text.utf8)]))
        } catch {
            return .failure(error)
        }
    }

    // One `static let` per version: each initialiser runs exactly once, thread-safely, and only
    // when that version is first needed.
    private static let statement02 = compile(CamtVersion(kind: .statement, version: 2))
    private static let statement08 = compile(CamtVersion(kind: .statement, version: 8))
    private static let notification02 = compile(CamtVersion(kind: .notification, version: 2))
    private static let notification08 = compile(CamtVersion(kind: .notification, version: 8))

    private static func compileModel(_ version: CamtVersion) -> Result<XMLConstructedSchema, XMLCodingError> {
        let name = version.schemaFileName
        guard let text = bundledDocuments.first(where: { $0.name == name })?.text else {
            return .failure(XMLCodingError(code: .invalidSchema, message: "no schema is shipped for \(version)"))
        }
        do throws(XMLCodingError) {
            return .success(try XMLConstructedSchema(main: name, documents: [name: Data(text.utf8)]))
        } catch {
            return .failure(error)
        }
    }

    private static let statement02Model = compileModel(CamtVersion(kind: .statement, version: 2))
    private static let statement08Model = compileModel(CamtVersion(kind: .statement, version: 8))
    private static let notification02Model = compileModel(CamtVersion(kind: .notification, version: 2))
    private static let notification08Model = compileModel(CamtVersion(kind: .notification, version: 8))

    /// The checks derived from a supported version's schema (``CamtValidation/compiledSchema``),
    /// derived on first use and then shared.
    static func model(for version: CamtVersion) throws(BankStatementsError) -> XMLConstructedSchema {
        let compiled: Result<XMLConstructedSchema, XMLCodingError>
        switch (version.kind, version.version) {
        case (.statement, 2): compiled = statement02Model
        case (.statement, 8): compiled = statement08Model
        case (.notification, 2): compiled = notification02Model
        case (.notification, 8): compiled = notification08Model
        default:
            throw BankStatementsError(
                code: BankStatementsError.Code(.invalidSchema), message: "no schema is shipped for \(version)")
        }
        switch compiled {
        case .success(let schema): return schema
        case .failure(let error): throw BankStatementsError(error)
        }
    }

    /// The compiled schema of a supported version, compiled on first use and then shared.
    ///
    /// - Parameter version: One of ``supportedVersions``.
    /// - Returns: The compiled schema.
    /// - Throws: ``BankStatementsError`` with code `invalid-schema` when no schema is shipped for the
    ///   version, or when the shipped schema does not compile (a packaging defect; the test suite
    ///   guards against it).
    public static func schema(for version: CamtVersion) throws(BankStatementsError) -> XMLSchema {
        let compiled: Result<XMLSchema, XMLCodingError>
        switch (version.kind, version.version) {
        case (.statement, 2): compiled = statement02
        case (.statement, 8): compiled = statement08
        case (.notification, 2): compiled = notification02
        case (.notification, 8): compiled = notification08
        default:
            throw BankStatementsError(
                code: BankStatementsError.Code(.invalidSchema), message: "no schema is shipped for \(version)")
        }
        switch compiled {
        case .success(let schema): return schema
        case .failure(let error): throw BankStatementsError(error)
        }
    }
}
