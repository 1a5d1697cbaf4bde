import Synchronization

/// A ``MailSender`` that keeps every message in memory, in the order sent: for tests and the
/// demo, where no relay is configured.
///
/// It renders each message as a relay would receive it, so that a message with an invalid
/// header is refused here as it would be by ``SMTPClient``.
public final class MailOutbox: MailSender {
    private let state = Mutex<[MailMessage]>([])

    /// Creates an empty outbox.
    public init() {}

    /// Keeps the message after checking that it renders.
    ///
    /// - Parameter message: The message.
    /// - Throws: ``MailError`` with code `invalid-header`.
    public func send(_ message: MailMessage) async throws(MailError) {
        _ = try message.rendered()
        state.withLock { $0.append(message) }
    }

    /// The messages sent so far, oldest first.
    public var messages: [MailMessage] { state.withLock { $0 } }
}
