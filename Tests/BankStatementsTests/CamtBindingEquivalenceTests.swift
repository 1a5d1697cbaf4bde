import Foundation
import TestSupport
import Testing
import XMLCoding

@testable import BankStatements

/// The hand-written camt binding gives exactly what the Codable model gives: the same statements,
/// or the same error code at the same element.
@Suite struct CamtBindingEquivalenceTests {
    private enum Outcome: Equatable, CustomStringConvertible {
        case statements([BankStatement])
        case failure(code: String, elementPath: String?)

        var description: String {
            switch self {
            case .statements(let statements): "\(statements.count) statements"
            case .failure(let code, let path): "\(code) at \(path ?? "-")"
            }
        }
    }

    private static let unvalidated = CamtDecoder(options: CamtDecodingOptions(validatesAgainstSchema: false))

    /// Both readers on one document; `nil` when it does not parse or names no camt version.
    private static func outcomes(_ data: Data) -> (binding: Outcome, codable: Outcome)? {
        guard let document = try? XMLDocument.parse(data), let namespace = document.rootElementName.namespace,
            let version = CamtVersion(namespace: namespace), document.rootElementName.localName == "Document"
        else { return nil }
        func outcome(_ read: () throws(BankStatementsError) -> [BankStatement]) -> Outcome {
            do throws(BankStatementsError) {
                return .statements(try read())
            } catch {
                return .failure(code: error.code.rawValue, elementPath: error.elementPath)
            }
        }
        return (
            outcome { () throws(BankStatementsError) in try unvalidated.decode(document) },
            outcome { () throws(BankStatementsError) in
                try unvalidated.decodeWithCodableModel(document, version: version)
            }
        )
    }

    @Test(arguments: CamtFixtures.all.map(\.name) + ["camt053-v04-besteffort.xml"])
    func everyFixtureReadsTheSame(_ name: String) throws {
        let result = try #require(Self.outcomes(try CamtFixtures.data(name)))
        guard case .statements(let statements) = result.binding else {
            Issue.record("\(name): \(result.binding)")
            return
        }
        #expect(!statements.isEmpty)
        #expect(result.binding == result.codable)
    }

    @Test(arguments: [2, 8])
    func generatedStatementsReadTheSame(version: Int) throws {
        for count in [0, 1, 9, 10, 35, 200] {
            let result = try #require(
                Self.outcomes(_CamtSampleGenerator.statement(entryCount: count, version: version)))
            #expect(result.binding == result.codable, "\(count) entries, version \(version)")
            if case .statements(let statements) = result.binding {
                #expect(statements.first?.entries.count == count + count / 10)
            } else {
                Issue.record("\(result.binding)")
            }
        }
    }

    /// Property: on thousands of damaged variants of every fixture (elements removed, duplicated,
    /// renamed, moved; wrong values and currencies), both readers agree.
    @Test func mutatedDocumentsReadTheSame() throws {
        var generator = SeededGenerator(seed: 0xCA47)
        var compared = 0
        var failures = 0
        for name in CamtFixtures.all.map(\.name) {
            let xml = String(decoding: try CamtFixtures.data(name), as: UTF8.self)
            for round in 0..<300 {
                let mutated = CamtMutations.mutate(xml, count: 1 + round % 3, using: &generator)
                guard let result = Self.outcomes(Data(mutated.utf8)) else { continue }
                compared += 1
                if case .failure = result.binding { failures += 1 }
                #expect(result.binding == result.codable, "\(name) round \(round):\n\(mutated)")
                if result.binding != result.codable { return }
            }
        }
        #expect(compared > 1_500)
        #expect(failures > 100)
    }
}
