import Foundation
import TestSupport
import Testing

@testable import DRVPaymentsTool

@Suite("validate")
struct ValidateCommandTests {
    private typealias H = ToolTestHelpers

    @Test("the examples are valid: summary only, exit 0")
    func examplesAreValid() async throws {
        let count =
            try TestSupport.xmlFiles(in: "Examples/messages").count
            + TestSupport.xmlFiles(in: "Examples/lifecycle").count
        let result = await H.run(["validate", H.path("Examples/messages"), H.path("Examples/lifecycle")])
        #expect(result.exitCode == .success)
        #expect(result.standardOutput == "\(count) valid, 0 invalid\n")
        #expect(result.standardError.isEmpty)
    }

    @Test("every semantic corpus file is reported with its file, element path and rule code")
    func semanticCorpus() async throws {
        let files = try TestSupport.xmlFiles(in: H.semanticCorpus)
        let result = await H.run(["validate", H.path(H.semanticCorpus)])
        #expect(result.exitCode == .rejected)
        #expect(result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.suffix(2) == ["0 valid, \(files.count) invalid", ""])
        for file in files {
            let code = try #require(try H.expectedCode(ofCorpusFile: file))
            let reported = lines.filter { $0.hasPrefix(file.path + ":") }
            #expect(!reported.isEmpty, "\(file.lastPathComponent) not reported")
            #expect(reported.allSatisfy { $0.contains(": \(code): ") }, "\(file.lastPathComponent): \(reported)")
        }
    }

    @Test("exact line format of semantic violations")
    func semanticLines() async {
        let cases: [(String, String)] = [
            ("invalid-iban-checksum.xml", ":0:0: /PaymentRequest/Payments/Payment/IBAN: invalid-iban-checksum: "),
            (
                "mixed-collection-on-payment.xml",
                ":0:0: /PaymentRequest/Payments/Payment: mixed-collection-on-payment: "
            ),
            (
                "duplicate-payment-identifier.xml",
                ":0:0: /PaymentRequest/Payments/Payment[2]: duplicate-payment-identifier: "
            ),
            ("card-expired.xml", ":0:0: /PaymentRequest/Payments/Payment/CreditCard/ExpiryDate: card-expired: "),
        ]
        for (name, expected) in cases {
            let file = H.path(H.semanticCorpus + "/" + name)
            let result = await H.run(["validate", file])
            #expect(result.exitCode == .rejected)
            #expect(result.standardOutput.hasPrefix(file + expected), "\(result.standardOutput)")
            #expect(result.standardOutput.hasSuffix("\n0 valid, 1 invalid\n"))
            #expect(result.standardOutput.split(separator: "\n").count == 2)
        }
        let iban = await H.run(["validate", H.path(H.semanticCorpus + "/invalid-iban-checksum.xml")]).standardOutput
        #expect(!iban.contains("DE88370400440532013000"))
    }

    @Test("exact lines of schema violations, with line numbers")
    func schemaLines() async {
        let file = H.path(H.schemaCorpus + "/currency-before-amount.xml")
        let result = await H.run(["validate", file])
        #expect(result.exitCode == .rejected)
        #expect(
            result.standardOutput == """
                \(file):11:0: /PaymentRequest/Payments/Payment/PaymentAmount/Currency: schema-violation: \
                libxml2 1871: element 'Currency' is not expected here (CurrencyAmountType)
                0 valid, 1 invalid

                """)
        let missing = H.path(H.schemaCorpus + "/missing-booking-id.xml")
        #expect(
            await H.run(["validate", missing]).standardOutput.hasPrefix(
                missing + ":6:0: /PaymentRequest/Payments: schema-violation: libxml2 1871: "))
    }

    @Test("every schema corpus file is invalid, and no line quotes a card number or security code")
    func schemaCorpus() async throws {
        let files = try TestSupport.xmlFiles(in: H.schemaCorpus)
        let result = await H.run(["validate", H.path(H.schemaCorpus)])
        #expect(result.exitCode == .rejected)
        #expect(result.standardOutput.hasSuffix("\n0 valid, \(files.count) invalid\n"))
        let pattern = #/^(.+):(\d+):(\d+): (/\S*): ([a-z-]+): (.+)$/#
        for line in result.standardOutput.split(separator: "\n").dropLast() {
            #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
        }
        let secretFiles = [
            "card-number-too-long", "card-number-too-short", "card-number-with-spaces", "security-code-five-digits",
        ].map { H.path(H.schemaCorpus + "/" + $0 + ".xml") }
        let secrets = await H.run(["validate"] + secretFiles)
        #expect(secrets.standardOutput.hasSuffix("\n0 valid, 4 invalid\n"))
        for secret in ["41111111111111111115", "41111111112", "4111 1111", "4111111111111111", "12345"] {
            #expect(!secrets.standardOutput.contains(secret))
        }
    }

    @Test("standard input is -, and unknown locations show as 0:0 and /")
    func standardInput() async throws {
        let valid = await H.run(
            ["validate", "-"], standardInput: try TestSupport.data("Examples/messages/payment-request.xml"))
        #expect(valid.exitCode == .success)
        #expect(valid.standardOutput == "1 valid, 0 invalid\n")

        let empty = await H.run(["validate", "-"])
        #expect(empty.exitCode == .rejected)
        #expect(empty.standardOutput.hasPrefix("-:"))
        #expect(empty.standardOutput.contains(": /: "))

        let semantic = await H.run(
            ["validate", "-"], standardInput: try TestSupport.data(H.semanticCorpus + "/unknown-currency.xml"))
        #expect(
            semantic.standardOutput.hasPrefix(
                "-:0:0: /PaymentRequest/Payments/Payment/PaymentAmount/Currency: unknown-currency: "))
    }

    @Test("a document with a DTD is rejected, not read")
    func doctype() async {
        let hostile = Data(
            """
            <?xml version="1.0"?>
            <!DOCTYPE PaymentRequest [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <PaymentRequest xmlns="http://string.drv.de/xmlschema/string">&x;</PaymentRequest>
            """.utf8)
        let result = await H.run(["validate", "-"], standardInput: hostile)
        #expect(result.exitCode == .rejected)
        #expect(result.standardOutput.contains(": doctype-not-allowed: "))
        #expect(!result.standardOutput.contains("root:"))
    }

    @Test("--quiet prints only the summary")
    func quiet() async throws {
        let valid = try TestSupport.xmlFiles(in: "Examples/messages").count
        let invalid = try TestSupport.xmlFiles(in: H.semanticCorpus).count
        let result = await H.run(["validate", "--quiet", H.path(H.semanticCorpus), H.path("Examples/messages")])
        #expect(result.exitCode == .rejected)
        #expect(result.standardOutput == "\(valid) valid, \(invalid) invalid\n")
    }

    @Test("--today decides the card-expiry rule")
    func today() async {
        let file = H.path(H.semanticCorpus + "/card-expired.xml")
        #expect(await H.run(["validate", file]).exitCode == .rejected)
        let before = await Tool.run(["validate", "--today", "2019-12-31", file])
        #expect(before.exitCode == .success)
        #expect(before.standardOutput == "1 valid, 0 invalid\n")
    }

    @Test("a directory means its *.xml files, sorted, not recursing, without hidden files")
    func directoryExpansion() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("drv-payments-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("nested.xml"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let valid = try TestSupport.data("Examples/messages/payment-request.xml")
        let invalid = try TestSupport.data(H.semanticCorpus + "/unknown-currency.xml")
        try invalid.write(to: directory.appendingPathComponent("b.xml"))
        try invalid.write(to: directory.appendingPathComponent("a.xml"))
        try invalid.write(to: directory.appendingPathComponent(".hidden.xml"))
        try invalid.write(to: directory.appendingPathComponent("notes.txt"))
        try valid.write(to: directory.appendingPathComponent("c.xml"))
        try invalid.write(to: directory.appendingPathComponent("nested.xml/d.xml"))

        let result = await H.run(["validate", directory.path + "/"])
        #expect(result.exitCode == .rejected)
        let files = result.standardOutput.split(separator: "\n").dropLast().map { $0.prefix { $0 != ":" } }
        #expect(files == [directory.path + "/a.xml", directory.path + "/b.xml"].map { Substring($0) })
        #expect(result.standardOutput.hasSuffix("\n1 valid, 2 invalid\n"))
    }

    @Test("a missing file is reported on standard error, counted as unreadable, exit 2")
    func missingFile() async {
        let result = await H.run(["validate", "no-such-file.xml", H.path("Examples/messages/payment-request.xml")])
        #expect(result.exitCode == .failure)
        #expect(result.standardError == "drv-payments: no-such-file.xml: No such file or directory\n")
        #expect(result.standardOutput == "1 valid, 0 invalid, 1 unreadable\n")
    }

    @Test("progress on standard error only on a terminal and with more than 50 files")
    func progress() async throws {
        let count = try TestSupport.xmlFiles(in: H.schemaCorpus).count
        #expect(count > ValidateCommand.progressThreshold)
        let arguments = ["validate", "--quiet", H.path(H.schemaCorpus)]
        let terminal = await H.run(arguments, terminal: true)
        #expect(terminal.standardError.contains("\rvalidated 0/\(count)\u{1B}[K"))
        #expect(terminal.standardError.contains("\rvalidated \(count)/\(count)\u{1B}[K"))
        #expect(terminal.standardError.hasSuffix("\r\u{1B}[K"))
        #expect(terminal.standardOutput == "0 valid, \(count) invalid\n")

        #expect(await H.run(arguments).standardError.isEmpty)
        #expect(await H.run(["validate", H.path(H.semanticCorpus)], terminal: true).standardError.isEmpty)
    }
}
