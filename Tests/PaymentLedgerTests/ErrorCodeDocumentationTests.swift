import Foundation
import PaymentLedger
import Testing

/// The Handling Messages article lists every ledger error code, and only those.
@Suite struct ErrorCodeDocumentationTests {
    @Test func articleListsEveryLedgerErrorCodeInOrder() throws {
        let article = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DocC/PaymentLedger.docc/HandlingMessages.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        guard let tableStart = text.range(of: "| Code | Meaning |") else {
            Issue.record("the article has no error code table")
            return
        }
        let documented = text[tableStart.upperBound...]
            .split(separator: "\n")
            .prefix { $0.hasPrefix("|") }
            .compactMap { line -> String? in
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let first = cells.first, first.hasPrefix("`") else { return nil }
                return first.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
        #expect(documented == LedgerError.Code.all.map(\.rawValue))
    }

    @Test func codesAreUniqueAndKebabCase() {
        let codes = LedgerError.Code.all.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "-" }, "\(code)")
        }
    }
}
