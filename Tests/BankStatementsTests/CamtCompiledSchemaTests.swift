import Foundation
import TestSupport
import Testing

@testable import BankStatements
@testable import XMLCoding

/// The checks compiled from the shipped XSDs reach libxml2's XSD verdict: on every fixture, on
/// generated statements and on thousands of damaged variants of each.
@Suite struct CamtCompiledSchemaTests {
    /// Both verdicts on one document; `nil` when it does not parse or is not of a supported version.
    private static func verdicts(_ data: Data) throws -> (compiled: [XMLSchemaViolation], xsd: [XMLSchemaViolation])? {
        guard let document = try? XMLDocument.parse(data), let namespace = document.rootElementName.namespace,
            let version = CamtVersion(namespace: namespace), version.isSupported,
            document.rootElementName.localName == "Document"
        else { return nil }
        let compiled = try CamtSchemas.model(for: version).validate(document)
        let xsd = try CamtSchemas.schema(for: version).validate(document).filter { $0.severity == .error }
        return (compiled, xsd)
    }

    @Test(arguments: CamtSchemas.supportedVersions)
    func everyShippedSchemaCompiles(_ version: CamtVersion) throws {
        let model = try CamtSchemas.model(for: version).model
        #expect(model.complexTypes.count > 100)
        #expect(model.simpleTypes.count > 50)
        #expect(model.names.contains("Ntry"))
    }

    @Test(arguments: CamtFixtures.all.map(\.name))
    func everyFixtureIsValidForBoth(_ name: String) throws {
        let verdicts = try #require(try Self.verdicts(try CamtFixtures.data(name)))
        #expect(verdicts.compiled.isEmpty, "\(verdicts.compiled)")
        #expect(verdicts.xsd.isEmpty)
    }

    @Test(arguments: [2, 8])
    func generatedStatementsAreValidForBoth(version: Int) throws {
        let verdicts = try #require(try Self.verdicts(_CamtSampleGenerator.statement(entryCount: 50, version: version)))
        #expect(verdicts.compiled.isEmpty, "\(verdicts.compiled)")
        #expect(verdicts.xsd.isEmpty)
    }

    @Test func patternsOfTheSubset() throws {
        let iban = try #require(XMLSchemaPattern("[A-Z]{2,2}[0-9]{2,2}[a-zA-Z0-9]{1,30}"))
        let bic = try #require(XMLSchemaPattern("[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3,3}){0,1}"))
        let phone = try #require(XMLSchemaPattern(#"\+[0-9]{1,3}-[0-9()+\-]{1,30}"#))
        func matches(_ pattern: XMLSchemaPattern, _ text: String) -> Bool {
            var text = text
            return text.withUTF8 { pattern.matches($0) }
        }
        #expect(matches(iban, "DE89370400440532013000"))
        #expect(!matches(iban, "de89370400440532013000"))
        #expect(!matches(iban, "DE89"))
        #expect(matches(bic, "COBADEFF"))
        #expect(matches(bic, "COBADEFFXXX"))
        #expect(!matches(bic, "COBADEFFXX"))
        #expect(!matches(bic, "COBADEFO"))
        #expect(matches(phone, "+49-(0)30-1234"))
        #expect(!matches(phone, "49-301234"))
        #expect(XMLSchemaPattern("[^A-Z]") == nil)
        #expect(XMLSchemaPattern("A|B") == nil)
        #expect(XMLSchemaPattern(#"\d{3}"#) == nil)
    }

    /// Property: on damaged variants of every fixture and of generated statements (elements
    /// removed, duplicated, renamed, moved; wrong values, lengths, codes, currencies), the
    /// compiled checks and libxml2 agree whether the document is valid.
    @Test func mutatedDocumentsGetTheSameVerdict() throws {
        var generator = SeededGenerator(seed: 0x5C4E)
        var compared = 0
        var invalid = 0
        let documents =
            try CamtFixtures.all.map { String(decoding: try CamtFixtures.data($0.name), as: UTF8.self) }
            + [2, 8].map {
                String(decoding: _CamtSampleGenerator.statement(entryCount: 12, version: $0), as: UTF8.self)
            }
        for (offset, xml) in documents.enumerated() {
            for round in 0..<300 {
                let mutated = CamtMutations.mutate(xml, count: 1 + round % 3, using: &generator)
                guard let verdicts = try Self.verdicts(Data(mutated.utf8)) else { continue }
                compared += 1
                if !verdicts.xsd.isEmpty { invalid += 1 }
                let agree = verdicts.compiled.isEmpty == verdicts.xsd.isEmpty
                #expect(
                    agree,
                    "document \(offset) round \(round): compiled \(verdicts.compiled.first?.description ?? "valid"), libxml2 \(verdicts.xsd.first?.description ?? "valid")\n\(mutated)"
                )
                if !agree { return }
            }
        }
        #expect(compared > 2_000)
        #expect(invalid > 1_000)
    }
}
