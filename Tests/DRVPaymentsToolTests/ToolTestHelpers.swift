import Foundation
import TestSupport
import XMLCoding

@testable import DRVPaymentsTool

/// Paths and shortcuts shared by the tool's tests.
enum ToolTestHelpers {
    /// The date the corpus is written for (`card-expired` depends on it).
    static let corpusToday = XMLDate(daysSinceEpoch: 20_780)  // 2026-11-23

    /// An absolute path under the repository root.
    static func path(_ relativePath: String) -> String {
        TestSupport.url(relativePath).path
    }

    /// The semantic corpus folder.
    static let semanticCorpus = "Tests/StringPaymentsTests/Corpus/invalid/semantic"
    /// The schema corpus folder.
    static let schemaCorpus = "Tests/StringPaymentsTests/Corpus/invalid/xsd"

    /// Runs the tool in memory with the corpus date.
    static func run(
        _ arguments: [String], standardInput: Data = Data(), terminal: Bool = false
    ) async
        -> CommandResult
    {
        await Tool.run(arguments, standardInput: standardInput, today: corpusToday, standardErrorIsTerminal: terminal)
    }

    /// The `decoder=CODE` of a corpus file's header comment.
    static func expectedCode(ofCorpusFile url: URL) throws -> String? {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard let range = text.range(of: "decoder=") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != " " })
    }
}
