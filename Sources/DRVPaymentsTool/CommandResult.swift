import Foundation

/// What one run of the tool produced: its exit status and everything it wrote, for tests that
/// run the tool in memory through ``Tool/run(_:standardInput:today:standardErrorIsTerminal:)``.
struct CommandResult: Equatable {
    /// The exit status.
    let exitCode: ExitCode
    /// The bytes written to standard output.
    let standardOutputData: Data
    /// The bytes written to standard error.
    let standardErrorData: Data

    /// Standard output as UTF-8 text.
    var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    var standardError: String { String(decoding: standardErrorData, as: UTF8.self) }
}
