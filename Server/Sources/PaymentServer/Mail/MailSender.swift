/// Delivers messages: to an SMTP relay (``SMTPClient``), through a sendmail-compatible command
/// (``SendmailSender``), or into memory (``MailOutbox``, for tests and the demo).
public protocol MailSender: Sendable {
    /// Delivers one message to the next hop, which has accepted it when this returns.
    ///
    /// - Parameter message: The message.
    /// - Throws: ``MailError``: a header that would inject headers, an unreachable or refusing
    ///   relay, a timeout, or a failed command.
    func send(_ message: MailMessage) async throws(MailError)
}
