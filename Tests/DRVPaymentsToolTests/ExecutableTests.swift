import Foundation
import TestSupport
import Testing

/// End-to-end tests that run the built `drv-payments` executable as a process.
///
/// The test target depends on the executable target, so SwiftPM builds `drv-payments` into the
/// products directory, next to the test bundle.
@Suite("drv-payments executable")
struct ExecutableTests {
    /// What a process run produced.
    struct ProcessResult {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The built executable: next to the test bundle (Linux: the bundle's directory; macOS: the
    /// `.xctest` bundle's parent) or next to the test runner.
    static func executable() throws -> URL {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let runner = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: runner).deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("drv-payments")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw ExecutableNotFound(searched: directories.map(\.path))
    }

    /// The executable is not where SwiftPM puts products.
    struct ExecutableNotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "drv-payments not found in " + searched.joined(separator: ", ") }
    }

    /// Runs the executable in the repository root (or another directory), standard output and
    /// error going to files (so no pipe can fill up and block it).
    static func run(
        _ arguments: [String], standardInput: Data = Data(), in directory: URL = TestSupport.repositoryRoot
    ) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("drv-payments-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputURL = scratch.appendingPathComponent("stdin")
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        try standardInput.write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let input = try FileHandle(forReadingFrom: inputURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    @Test("--help exits 0 with the help on standard output")
    func help() throws {
        let result = try Self.run(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("OVERVIEW: "))
        #expect(result.standardError.isEmpty)
    }

    @Test("a usage error exits 2 with the message on standard error and nothing on standard output")
    func usageError() throws {
        let result = try Self.run(["validate", "--fast", "Examples/messages"])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("drv-payments: unknown option '--fast' for 'validate'\n"))
    }

    @Test("the README's first command: the examples validate, exit 0")
    func validateExamples() throws {
        let count =
            try TestSupport.xmlFiles(in: "Examples/messages").count
            + TestSupport.xmlFiles(in: "Examples/lifecycle").count
        let result = try Self.run(["validate", "--today", "2026-11-23", "Examples/messages", "Examples/lifecycle"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "\(count) valid, 0 invalid\n")
        #expect(result.standardError.isEmpty)
    }

    @Test("the invalid corpus exits 1 with relative file names in the lines; no progress off a terminal")
    func validateCorpus() throws {
        let result = try Self.run([
            "validate", "--today", "2026-11-23",
            "Tests/StringPaymentsTests/Corpus/invalid/semantic", "Tests/StringPaymentsTests/Corpus/invalid/xsd",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.isEmpty)
        #expect(
            result.standardOutput.contains(
                "Tests/StringPaymentsTests/Corpus/invalid/semantic/invalid-iban-checksum.xml:0:0: "
                    + "/PaymentRequest/Payments/Payment/IBAN: invalid-iban-checksum: "))
        let count =
            try TestSupport.xmlFiles(in: "Tests/StringPaymentsTests/Corpus/invalid/semantic").count
            + TestSupport.xmlFiles(in: "Tests/StringPaymentsTests/Corpus/invalid/xsd").count
        #expect(result.standardOutput.hasSuffix("\n0 valid, \(count) invalid\n"))
    }

    @Test("validate - reads standard input")
    func validateStandardInput() throws {
        let valid = try Self.run(
            ["validate", "-"], standardInput: try TestSupport.data("Examples/messages/payment-request.xml"))
        #expect(valid.status == 0)
        #expect(valid.standardOutput == "1 valid, 0 invalid\n")
        let invalid = try Self.run(
            ["validate", "--today", "2026-11-23", "-"],
            standardInput: try TestSupport.data("Tests/StringPaymentsTests/Corpus/invalid/semantic/card-expired.xml"))
        #expect(invalid.status == 1)
        #expect(
            invalid.standardOutput.hasPrefix(
                "-:0:0: /PaymentRequest/Payments/Payment/CreditCard/ExpiryDate: card-expired: "))
    }

    @Test("decode and format through the process")
    func decodeAndFormat() throws {
        let decoded = try Self.run(["decode", "Examples/lifecycle/03-balance-request.xml"])
        #expect(decoded.status == 0)
        #expect(decoded.standardOutput.contains("411111******1111"))
        #expect(!decoded.standardOutput.contains("4111111111111111"))
        let formatted = try Self.run(
            ["format", "--pretty", "-"], standardInput: try TestSupport.data("Examples/messages/fop-none.xml"))
        #expect(formatted.status == 0)
        #expect(formatted.standardOutput.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        let missing = try Self.run(["decode", "no-such-file.xml"])
        #expect(missing.status == 2)
        #expect(missing.standardOutput.isEmpty)
        #expect(missing.standardError == "drv-payments: no-such-file.xml: No such file or directory\n")
    }

    @Test("--help for every subcommand exits 0 with the help on standard output")
    func subcommandHelp() throws {
        for subcommand in [
            "validate", "decode", "format", "handle", "book", "pay", "settle", "fail", "confirm", "reopen", "show",
            "demo",
        ] {
            let result = try Self.run([subcommand, "--help"])
            #expect(result.status == 0, "\(subcommand)")
            #expect(result.standardOutput.hasPrefix("OVERVIEW: "))
            #expect(result.standardOutput.contains("\nUSAGE: drv-payments \(subcommand) "))
            #expect(result.standardError.isEmpty)
        }
    }

    @Test("demo runs from any directory, exit 0, with the expected overview")
    func demo() throws {
        let result = try Self.run(["demo"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput.hasSuffix(DemoCommandTests.result))
    }

    @Test("book, pay, settle, fail, reopen, confirm and show through the process")
    func ledgerLifecycle() throws {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        let booked = try Self.run([
            "book", "--ledger", ledger.path, "--today", "2026-11-23", "--price", "3456.00", "EUR", "--departure",
            "2027-06-14", "--traveller", "Max Mustermann",
        ])
        #expect(booked.status == 0)
        let id = String(booked.standardOutput.prefix { $0 != "\n" })
        #expect(id.count == 8)

        let steps: [(arguments: [String], status: String)] = [
            (["pay", id, "--amount", "691.20", "--by", "agency", "--today", "2026-11-23"], "payment P1: Recorded;"),
            (
                ["settle", id, "P1", "--agency-settlement", "--reference", "AGY-1", "--today", "2026-12-01"],
                "payment P1: Settled;"
            ),
            (["pay", id, "--amount", "2764.80", "--by", "invoice", "--today", "2027-04-01"], "payment P2: Open;"),
            (["fail", id, "P2", "--reason", "not paid", "--today", "2027-05-01"], "payment P2: Failed (not paid);"),
            (["reopen", id, "P2", "--today", "2027-05-02"], "payment P2: Open;"),
            (["settle", id, "P2", "--reference", "BANK-9", "--today", "2027-05-03"], "payment P2: Settled;"),
            (["confirm", id, "P2", "--today", "2027-05-04"], "payment P2: Confirmed;"),
        ]
        for step in steps {
            let result = try Self.run([step.arguments[0], "--ledger", ledger.path] + step.arguments.dropFirst())
            #expect(result.status == 0, "\(step.arguments): \(result.standardError)")
            #expect(result.standardOutput.hasPrefix(step.status), "\(step.arguments)")
        }
        let shown = try Self.run(["show", "--ledger", ledger.path, id, "--today", "2027-05-04"])
        #expect(shown.status == 0)
        #expect(
            shown.standardOutput.contains("\n  Paid        3456.00\n  Settled     3456.00\n  Open           0.00\n"))
        let list = try Self.run(["show", "--ledger", ledger.path, "--today", "2027-05-04"])
        #expect(list.standardOutput.contains("\n\(id)  Booked  EUR          3456.00  3456.00  0.00     0.00  -\n"))

        let unknown = try Self.run(["show", "--ledger", ledger.path, "NOPE"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "drv-payments: unknown-booking: there is no booking NOPE\n")
        let missing = try Self.run(["show", "--ledger", ledger.path + "-missing"])
        #expect(missing.status == 2)
    }

    @Test("handle through the process: the same request twice gives the same response and no new event")
    func handle() throws {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        let arguments = [
            "handle", "--ledger", ledger.path, "--today", "2026-11-23", "Examples/lifecycle/02-book-request.xml",
        ]
        let first = try Self.run(arguments)
        #expect(first.status == 0)
        #expect(
            first.standardOutput.hasPrefix("<!-- response to Examples/lifecycle/02-book-request.xml: applied -->\n"))
        let events = try Self.run(["show", "--ledger", ledger.path, "--json"]).standardOutput
        let second = try Self.run(arguments)
        #expect(second.status == 0)
        #expect(
            second.standardOutput.hasPrefix("<!-- response to Examples/lifecycle/02-book-request.xml: unchanged -->\n"))
        #expect(second.standardOutput.drop { $0 != "\n" } == first.standardOutput.drop { $0 != "\n" })
        #expect(try Self.run(["show", "--ledger", ledger.path, "--json"]).standardOutput == events)
        #expect(events.contains("\"eventCount\" : "))

        let rejected = try Self.run(["handle", "--ledger", ledger.path, "Examples/lifecycle/03-balance-request.xml"])
        #expect(rejected.status == 1)
        #expect(
            rejected.standardOutput.hasPrefix(
                "<!-- response to Examples/lifecycle/03-balance-request.xml: rejected -->\n"))
    }
}
