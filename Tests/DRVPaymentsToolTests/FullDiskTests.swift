import Foundation
import TestSupport
import Testing

/// A journal that cannot grow (a full disk, here a file size limit): `handle` stops at the first
/// request the journal cannot store, with exit status 2, instead of answering every remaining
/// request with `journal-failure`; the journal stays as it was.
@Suite("drv-payments on a full disk")
struct FullDiskTests {
    @Test func handleStopsAtTheFirstWriteFailureWithExitTwo() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ledger = root.appendingPathComponent("ledger").path
        var files: [String] = []
        for number in 0..<60 {
            let url = root.appendingPathComponent("book-\(number).xml")
            try Data(CrashRecoveryTests.bookRequest(number: number).utf8).write(to: url)
            files.append(url.path)
        }
        let first = try CrashRecoveryTests.start(
            ["handle", "--ledger", ledger, "--today", "2026-11-23"] + files.prefix(50))
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let journal = URL(fileURLWithPath: ledger).appendingPathComponent("journal.log")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int)
        // Larger than the schema files the validator writes, smaller than the next change needs.
        #expect(size > 22_000)
        // SIGXFSZ is ignored, so a write beyond the limit fails with EFBIG as on a full disk.
        let limited = try Self.run(
            [
                "/bin/sh", "-c", "trap '' XFSZ; exec prlimit --fsize=\(size + 100) \"$@\"", "sh",
                try ExecutableTests.executable().path, "handle", "--ledger", ledger, "--today", "2026-11-23",
            ]
                + files.suffix(10))
        #expect(limited.status == 2)
        #expect(limited.standardError.contains("journal-failure"))
        #expect(limited.standardError.contains("stopping"))
        #expect(limited.standardOutput.components(separatedBy: "<!-- response to").count - 1 == 1)
        let after = try #require(try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int)
        #expect(after == size)
        let verified = try ExecutableTests.run(["journal", "verify", "--ledger", ledger])
        #expect(verified.status == 0, "\(verified.standardOutput)\(verified.standardError)")
    }

    /// Runs a command, standard output and error to files.
    static func run(_ command: [String]) throws -> ExecutableTests.ProcessResult {
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("stdout")
        let error = scratch.appendingPathComponent("stderr")
        try Data().write(to: output)
        try Data().write(to: error)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let outputHandle = try FileHandle(forWritingTo: output)
        let errorHandle = try FileHandle(forWritingTo: error)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        return ExecutableTests.ProcessResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: error), as: UTF8.self))
    }
}
