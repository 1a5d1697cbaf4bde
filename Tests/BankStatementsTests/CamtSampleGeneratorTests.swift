import BankStatements
import Testing

/// The benchmark generator's output is schema-valid and decodes as described.
@Suite struct CamtSampleGeneratorTests {
    @Test(arguments: [2, 8])
    func generatedStatementsAreValidAndComplete(_ version: Int) throws {
        let data = _CamtSampleGenerator.statement(entryCount: 50, version: version)
        let statements = try CamtDecoder().decode(data)  // validates against the XSD first
        let entries = try #require(statements.first).entries
        #expect(entries.count == 55)  // every tenth entry is a batch of two
        #expect(Set(entries.map(\.bankReference)).count == entries.count)
        #expect(entries.filter { $0.creditDebit == .debit }.count == 7)
        #expect(entries.filter { $0.creditorReference?.isISO11649 == true }.count == 15)
    }
}
