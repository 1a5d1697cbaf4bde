import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// End to end over the sample messages: every example is schema-valid, decodes, keeps every
/// semantic rule and re-encodes to exactly its checked-in golden file, which is schema-valid too.
///
/// The golden files live in `Tests/StringPaymentsTests/Golden/<folder>/<file>.xml`. After an
/// intended change of the encoder's output, re-record them and review the diff:
///
/// ```
/// RECORD_GOLDEN=1 swift test --filter ExampleTests
/// ```
@Suite struct ExampleTests {
    /// The date the examples are written against.
    static let today = XMLDate(year: 2026, month: 11, day: 23)
    /// Whether this run rewrites the golden files instead of comparing with them.
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    static let goldenFolder = "Tests/StringPaymentsTests/Golden"

    /// Every example under `Examples/messages` and `Examples/lifecycle`, as `folder/file.xml`.
    static let exampleNames: [String] = ["messages", "lifecycle"].flatMap { folder in
        ((try? TestSupport.xmlFiles(in: "Examples/\(folder)")) ?? []).map { "\(folder)/\($0.lastPathComponent)" }
    }

    @Test func examplesArePresent() {
        #expect(Self.exampleNames.count >= 30, "found \(Self.exampleNames)")
        #expect(Self.exampleNames.contains { $0.hasPrefix("lifecycle/") })
    }

    @Test(arguments: exampleNames)
    func exampleIsValidAndEncodesToItsGolden(name: String) throws {
        let today = try #require(Self.today)
        let schema = try StringSchemas.schema()
        let data = try TestSupport.data("Examples/\(name)")

        #expect(try schema.validate(data) == [], "the example must be schema-valid")
        let message = try StringMessage.decode(from: data, options: StringDecodingOptions(unknownElements: .reject))
        let violations = message.semanticViolations(today: today)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
        let report = try StringMessageValidator(today: today).validate(data)
        #expect(report.isValid, "\(report.issues.map(\.description).joined(separator: "\n"))")
        #expect(report.message == message)

        let encoded = try message.encoded()
        #expect(try schema.validate(encoded) == [], "the re-encoded message must be schema-valid")

        let golden = TestSupport.url("\(Self.goldenFolder)/\(name)")
        if Self.recording {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoded.write(to: golden)
            return
        }
        let expected = try Data(contentsOf: golden)
        #expect(
            encoded == expected,
            "\(Self.firstDifference(encoded, expected))\n(re-record with RECORD_GOLDEN=1 if the change is intended)"
        )
    }

    /// No golden file is left over from an example that no longer exists.
    @Test(.disabled(if: recording, "the golden files are being written"))
    func everyGoldenFileHasItsExample() throws {
        let goldens = try ["messages", "lifecycle"].flatMap { folder in
            try TestSupport.xmlFiles(in: "\(Self.goldenFolder)/\(folder)").map { "\(folder)/\($0.lastPathComponent)" }
        }
        #expect(goldens == Self.exampleNames)
    }

    /// The schemas bundled into the module are the repository's `Schemas/*.xsd`, byte for byte
    /// (regenerate them with `swift scripts/generate-bundled-schemas.swift`).
    @Test func bundledSchemasEqualTheRepositorySchemas() throws {
        let folder = TestSupport.url("Schemas")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xsd") }
        let repository = try Dictionary(
            uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
        let bundled = StringSchemas.documents
        #expect(bundled.keys.sorted() == repository.keys.sorted())
        for (name, bytes) in repository {
            #expect(bundled[name] == bytes, "\(name) differs; run swift scripts/generate-bundled-schemas.swift")
        }
        #expect(bundled[StringSchemas.mainDocument] != nil)
    }

    /// Where two documents first differ, with some context: the output is compact, so a line
    /// number alone would not help.
    static func firstDifference(_ actual: Data, _ expected: Data) -> String {
        let actualBytes = [UInt8](actual)
        let expectedBytes = [UInt8](expected)
        let common = min(actualBytes.count, expectedBytes.count)
        let offset = (0..<common).first { actualBytes[$0] != expectedBytes[$0] } ?? common
        func excerpt(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 80)..<min(bytes.count, offset + 80)], as: UTF8.self)
        }
        return "the output (\(actual.count) bytes) differs from the golden file (\(expected.count) bytes) at byte "
            + "\(offset):\n  got      …\(excerpt(actualBytes))…\n  expected …\(excerpt(expectedBytes))…"
    }
}
