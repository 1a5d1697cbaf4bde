import Foundation

/// Delivers messages through a sendmail-compatible command: `PATH -t -i -f FROM`, the message
/// on standard input with LF line breaks, recipients taken from its `To` header.
///
/// Postfix, Exim, OpenSMTPD, msmtp and nullmailer all install such a command; it queues the
/// message and the command's exit status says whether it took it.
public struct SendmailSender: MailSender {
    /// The command. Default `/usr/sbin/sendmail`.
    public var path: String

    /// Creates a sender.
    ///
    /// - Parameter path: The command; default `/usr/sbin/sendmail`.
    public init(path: String = "/usr/sbin/sendmail") {
        self.path = path
    }

    /// Runs the command with the message on its standard input.
    ///
    /// - Parameter message: The message.
    /// - Throws: ``MailError`` with code `invalid-header`, or `command-failed` when the command
    ///   cannot be started or exits with a status other than 0 (its standard error in the message).
    public func send(_ message: MailMessage) async throws(MailError) {
        let text = try message.rendered().replacingOccurrences(of: "\r\n", with: "\n")
        let path = path
        let from = message.from.address
        // A command that exits without reading its input must not take the server down with
        // SIGPIPE; the failed write is then seen as the command's exit status.
        signal(SIGPIPE, SIG_IGN)
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-t", "-i", "-f", from]
            let input = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            process.terminationHandler = { finished in
                let stderr = (finished.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
                if finished.terminationStatus == 0, finished.terminationReason == .exit {
                    continuation.resume(returning: .success(()))
                } else {
                    let detail = String(decoding: stderr.prefix(500), as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    continuation.resume(
                        returning: .failure(
                            MailError(
                                code: .commandFailed,
                                message: "\(path) exited with status \(finished.terminationStatus)"
                                    + (detail.isEmpty ? "" : ": \(detail)"))))
                }
            }
            do {
                try process.run()
            } catch {
                continuation.resume(
                    returning: .failure(MailError(code: .commandFailed, message: "cannot run \(path): \(error)")))
                return
            }
            try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        try result.get()
    }
}
