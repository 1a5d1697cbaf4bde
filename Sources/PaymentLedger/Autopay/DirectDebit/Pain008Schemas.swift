public import Foundation
public import XMLCoding

/// The ISO 20022 pain.008 (customer direct debit initiation) schemas a direct-debit run's
/// collection file is validated against, shipped inside the module: byte for byte the
/// repository's `Schemas/pain/` folder (a test proves it).
public enum Pain008Schemas {
    /// Every shipped schema document, file name to bytes.
    public static var documents: [String: Data] {
        Dictionary(uniqueKeysWithValues: bundledDocuments.map { ($0.name, Data($0.text.utf8)) })
    }

    private static func compile(_ version: Pain008Version) -> Result<XMLSchema, XMLCodingError> {
        let name = version.schemaFileName
        guard let text = bundledDocuments.first(where: { $0.name == name })?.text else {
            return .failure(XMLCodingError(code: .invalidSchema, message: "no schema is shipped for \(name)"))
        }
        do throws(XMLCodingError) {
            return .success(try XMLSchema(main: name, documents: [name: Data(text.utf8)]))
        } catch {
            return .failure(error)
        }
    }

    // Each compiled once, on first use, and shared by every task.
    private static let version02 = compile(.v02)
    private static let version08 = compile(.v08)

    /// The compiled schema of a version.
    ///
    /// - Parameter version: The version.
    /// - Returns: The compiled schema.
    /// - Throws: `XMLCodingError` with code `invalid-schema` when the shipped schema does not
    ///   compile (a packaging defect the test suite guards against).
    public static func schema(for version: Pain008Version) throws(XMLCodingError) -> XMLSchema {
        switch version {
        case .v02: try version02.get()
        case .v08: try version08.get()
        }
    }
}

/// The version of a pain.008 collection file.
public enum Pain008Version: String, Hashable, Sendable, CaseIterable {
    /// `pain.008.001.02`, the version of the SEPA rulebooks up to 2023.
    case v02 = "001.02"
    /// `pain.008.001.08`, the version of the SEPA rulebooks from November 2023.
    case v08 = "001.08"

    /// `urn:iso:std:iso:20022:tech:xsd:pain.008.001.02`, or `….08`.
    public var namespace: String { "urn:iso:std:iso:20022:tech:xsd:pain.008." + rawValue }

    /// `pain.008.001.02.xsd`, or `….08.xsd`.
    public var schemaFileName: String { "pain.008." + rawValue + ".xsd" }
}
