/// An error of the server package: configuration and start-up.
///
/// Each error carries a stable ``Code`` (kebab-case, like the library's `LedgerError`), a message
/// for people, and never a secret: keys, tokens and passwords are not quoted.
public struct ServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of a server error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text, such as `invalid-configuration`.
        public let rawValue: String

        /// Creates a code from its text.
        ///
        /// - Parameter rawValue: The code's text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The configuration file or an environment variable cannot be read or holds a value
        /// out of range.
        public static let invalidConfiguration = Code(rawValue: "invalid-configuration")
        /// The ledger's journal directory cannot be opened (locked by another process, corrupt).
        public static let ledgerUnavailable = Code(rawValue: "ledger-unavailable")
        /// A scheduled run's report cannot be written to the data directory.
        public static let reportUnwritable = Code(rawValue: "report-unwritable")

        /// A web page template does not parse (a programming error found at start-up).
        public static let invalidTemplate = Code(rawValue: "invalid-template")

        /// Every code, for documentation and tests.
        public static let all: [Code] = [.invalidConfiguration, .ledgerUnavailable, .reportUnwritable, .invalidTemplate]

        /// The code's text.
        public var description: String { rawValue }
    }

    /// What kind of error.
    public let code: Code
    /// What went wrong, for people.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: What went wrong.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
