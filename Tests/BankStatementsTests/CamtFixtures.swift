import BankStatements
import Foundation
import TestSupport

/// The camt files of `Fixtures/`, written for these tests from the published schemas.
enum CamtFixtures {
    static let folder = "Tests/BankStatementsTests/Fixtures"

    /// Every `.xml` fixture with the version its namespace names.
    static let all: [(name: String, version: String)] = [
        ("camt053-v02-sparkasse.xml", "camt.053.001.02"),
        ("camt053-v02-genobank.xml", "camt.053.001.02"),
        ("camt053-v08-bigbank.xml", "camt.053.001.08"),
        ("camt053-v08-nordicbank.xml", "camt.053.001.08"),
        ("camt054-v02-sparkasse.xml", "camt.054.001.02"),
        ("camt054-v02-commerzbank.xml", "camt.054.001.02"),
        ("camt054-v08-bigbank.xml", "camt.054.001.08"),
        ("camt054-v08-nordicbank.xml", "camt.054.001.08"),
    ]

    static func data(_ name: String) throws -> Data {
        try TestSupport.data("\(folder)/\(name)")
    }

    static func decode(_ name: String, options: CamtDecodingOptions = CamtDecodingOptions()) throws -> [BankStatement] {
        try CamtDecoder(options: options).decode(data(name))
    }

    /// The one entry with this bank reference.
    static func entry(_ reference: String, in statements: [BankStatement]) -> BankStatementEntry? {
        statements.flatMap(\.entries).first { $0.bankReference == reference }
    }
}
