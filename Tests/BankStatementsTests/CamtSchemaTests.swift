import BankStatements
import Foundation
import TestSupport
import Testing
import XMLCoding

@Suite struct CamtSchemaTests {
    /// The schemas bundled into the module are the repository's `Schemas/iso20022/*.xsd`, byte for
    /// byte (regenerate them with `swift scripts/generate-bundled-schemas.swift camt`).
    @Test func bundledSchemasEqualTheRepositorySchemas() throws {
        let folder = TestSupport.url("Schemas/iso20022")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xsd") }
        let repository = try Dictionary(
            uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
        let bundled = CamtSchemas.documents
        #expect(bundled.keys.sorted() == repository.keys.sorted())
        for (name, bytes) in repository {
            #expect(bundled[name] == bytes, "\(name) differs; run swift scripts/generate-bundled-schemas.swift camt")
        }
        #expect(
            bundled.keys.sorted() == CamtSchemas.supportedVersions.map { "\($0.identifier).xsd" }.sorted())
    }

    @Test(arguments: CamtSchemas.supportedVersions)
    func everySupportedVersionCompilesOnceAndIsShared(_ version: CamtVersion) throws {
        let first = try CamtSchemas.schema(for: version)
        let second = try CamtSchemas.schema(for: version)
        #expect(first === second)
    }

    @Test func aVersionWithoutSchemaHasNone() {
        #expect(throws: BankStatementsError.self) {
            try CamtSchemas.schema(for: CamtVersion(kind: .statement, version: 4))
        }
    }

    /// Every fixture is valid against the schema of the version its namespace names, checked
    /// with the XSD alone (not through the decoder).
    @Test(arguments: CamtFixtures.all.map(\.name))
    func everyFixtureIsSchemaValid(_ name: String) throws {
        let data = try CamtFixtures.data(name)
        let document = try XMLDocument.parse(data)
        let version = try #require(document.rootElementName.namespace.flatMap(CamtVersion.init(namespace:)))
        #expect(CamtFixtures.all.first { $0.name == name }?.version == version.identifier)
        let violations = try CamtSchemas.schema(for: version).validate(document)
        #expect(violations.isEmpty, "\(violations.map(\.description))")
    }

    @Test func versionsAreReadFromTheNamespace() {
        let version = CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08")
        #expect(version?.kind == .notification)
        #expect(version?.version == 8)
        #expect(version?.isSupported == true)
        #expect(
            CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.11")?.nearestSupported.identifier
                == "camt.053.001.08")
        #expect(
            CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.03")?.nearestSupported.identifier
                == "camt.053.001.02")
        #expect(CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:camt.052.001.08") == nil)
        #expect(CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03") == nil)
        #expect(CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:camt.053.002.02") == nil)
        #expect(CamtVersion(namespace: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.0x") == nil)
        #expect(
            CamtVersion(kind: .notification, version: 2).namespace == "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02")
    }
}
