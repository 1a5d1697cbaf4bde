/// Why a mail could not be composed or delivered: a stable code, a message, and the SMTP reply
/// when the server refused.
public struct MailError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text.
        public let rawValue: String
        /// Creates a code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's text.
        public var description: String { rawValue }

        /// An address, name or subject holds a line break or another control character, which
        /// would let its text add headers of its own (header injection), or an address is not
        /// `local@domain` in ASCII.
        public static let invalidHeader = Code(rawValue: "invalid-header")
        /// The relay could not be reached, or the connection broke.
        public static let connectionFailed = Code(rawValue: "connection-failed")
        /// The relay did not answer in time.
        public static let timeout = Code(rawValue: "timeout")
        /// The relay answered a command with a refusal (4xx or 5xx) or an unexpected code.
        public static let rejected = Code(rawValue: "rejected")
        /// The relay's answer was not an SMTP reply, or too long.
        public static let protocolViolation = Code(rawValue: "protocol-violation")
        /// The sendmail-compatible command could not be run or exited with a failure.
        public static let commandFailed = Code(rawValue: "command-failed")
        /// A template could not be rendered, or the booking has no address to write to.
        public static let compositionFailed = Code(rawValue: "composition-failed")

        /// Every code, in documentation order.
        public static let all: [Code] = [
            .invalidHeader, .connectionFailed, .timeout, .rejected, .protocolViolation, .commandFailed,
            .compositionFailed,
        ]
    }

    /// What went wrong.
    public var code: Code
    /// A readable explanation, naming the field, the command or the host.
    public var message: String
    /// The relay's reply code, for ``Code/rejected``.
    public var replyCode: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: The explanation.
    ///   - replyCode: The relay's reply code.
    public init(code: Code, message: String, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
