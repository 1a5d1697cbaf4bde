import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the tool writes: data to standard output, diagnostics and progress to standard error.
///
/// ``standardStreams()`` writes to the process's streams as it goes, so a long `validate` run shows
/// its violations while it works; ``capturing(standardErrorIsTerminal:)`` keeps both streams in
/// memory, so tests check them byte for byte without spawning a process.
///
/// Progress is a single line on standard error, rewritten in place, and only when standard error
/// is a terminal (`isatty`): a redirected standard error gets diagnostics only. Before anything
/// else is written the progress line is erased, so it never mixes with violations or messages.
final class Output {
    /// Where the bytes go.
    private enum Destination {
        /// File descriptors 1 and 2.
        case streams
        /// ``capturedStandardOutput`` and ``capturedStandardError``.
        case memory
    }

    private let destination: Destination
    /// Whether standard error is a terminal, which is where progress is shown.
    let standardErrorIsTerminal: Bool
    /// Everything written to standard output, when capturing.
    private(set) var capturedStandardOutput = Data()
    /// Everything written to standard error, when capturing.
    private(set) var capturedStandardError = Data()
    /// Whether a write to standard output failed (a full disk, say); the tool then exits with
    /// ``ExitCode/failure``, because the data it printed is incomplete.
    private(set) var standardOutputFailed = false
    private var progressIsShown = false

    private init(destination: Destination, standardErrorIsTerminal: Bool) {
        self.destination = destination
        self.standardErrorIsTerminal = standardErrorIsTerminal
    }

    /// The process's standard output and standard error.
    ///
    /// - Returns: An output that writes immediately; progress is shown when standard error is a
    ///   terminal.
    static func standardStreams() -> Output {
        Output(destination: .streams, standardErrorIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    /// An output that keeps everything in memory.
    ///
    /// - Parameter standardErrorIsTerminal: Whether to behave as if standard error were a terminal,
    ///   which shows progress. The default is `false`.
    /// - Returns: The capturing output.
    static func capturing(standardErrorIsTerminal: Bool = false) -> Output {
        Output(destination: .memory, standardErrorIsTerminal: standardErrorIsTerminal)
    }

    /// Writes text to standard output.
    ///
    /// - Parameter text: The text, with its line feeds.
    func write(_ text: String) {
        write(Data(text.utf8))
    }

    /// Writes bytes to standard output.
    ///
    /// - Parameter data: The bytes.
    func write(_ data: Data) {
        clearProgress()
        switch destination {
        case .memory: capturedStandardOutput.append(data)
        case .streams:
            if !Self.writeAll(data, to: STDOUT_FILENO) { standardOutputFailed = true }
        }
    }

    /// Writes a diagnostic to standard error.
    ///
    /// - Parameter text: The text, with its line feeds.
    func writeError(_ text: String) {
        clearProgress()
        writeToStandardError(Data(text.utf8))
    }

    /// Shows a progress line such as `validated 1200/5000` on standard error, replacing the one
    /// shown before, but only when standard error is a terminal.
    ///
    /// - Parameter text: The progress line, without a line feed.
    func showProgress(_ text: String) {
        guard standardErrorIsTerminal else { return }
        writeToStandardError(Data(("\r" + text + Self.eraseToEndOfLine).utf8))
        progressIsShown = true
    }

    /// Erases the progress line, if one is shown.
    func clearProgress() {
        guard progressIsShown else { return }
        progressIsShown = false
        writeToStandardError(Data(("\r" + Self.eraseToEndOfLine).utf8))
    }

    /// The ANSI sequence that erases from the cursor to the end of the line.
    private static let eraseToEndOfLine = "\u{1B}[K"

    private func writeToStandardError(_ data: Data) {
        switch destination {
        case .memory: capturedStandardError.append(data)
        // Nothing sensible is left to do when standard error itself cannot be written.
        case .streams: _ = Self.writeAll(data, to: STDERR_FILENO)
        }
    }

    /// Writes every byte to a file descriptor, retrying after interruptions and short writes.
    ///
    /// - Returns: `false` when the descriptor refuses the bytes.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return true }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                pointer += written
                remaining -= written
            }
            return true
        }
    }
}

/// POSIX `write(2)`, named apart from `Output.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
        return Musl.write(descriptor, bytes, count)
    #else
        return Darwin.write(descriptor, bytes, count)
    #endif
}
