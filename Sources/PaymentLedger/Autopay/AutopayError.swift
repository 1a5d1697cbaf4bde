import StringPayments

/// Why an autopay operation did not happen: a refused run, a configuration file that does not
/// hold, a card that cannot be stored, or the ledger's own refusal.
///
/// The codes are part of the public API: new ones may be added in a minor release, existing
/// ones never change meaning.
public struct AutopayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text.
        public let rawValue: String

        /// Creates a code from its text.
        ///
        /// - Parameter rawValue: The code's text.
        public init(rawValue: String) { self.rawValue = rawValue }

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code's text.
        public var description: String { rawValue }

        /// The configuration file cannot be read: missing where required, too large, or not
        /// readable.
        public static let configurationUnreadable = Code("configuration-unreadable")
        /// The configuration file is not valid: not JSON, an unknown key, a value out of range;
        /// the message names the key.
        public static let configurationInvalid = Code("configuration-invalid")
        /// The run is outside its window of hours (UTC) and was not forced.
        public static let outsideWindow = Code("outside-window")
        /// The ledger is not marked as production and the run was not forced.
        public static let notProduction = Code("not-production")
        /// The card number is not valid (Luhn check) or the card has expired.
        public static let cardRejected = Code("card-rejected")
        /// The gateway could not tokenise the card.
        public static let tokenizationFailed = Code("tokenization-failed")
        /// The ledger refused: see ``AutopayError/ledgerError``.
        public static let ledgerRefused = Code("ledger-refused")
        /// A direct-debit run's pain.008 file does not validate against its schema, or cannot be
        /// written; nothing was collected.
        public static let collectionFileInvalid = Code("collection-file-invalid")

        /// Every code, in documentation order.
        public static let all: [Code] = [
            .configurationUnreadable, .configurationInvalid, .outsideWindow, .notProduction, .cardRejected,
            .tokenizationFailed, .ledgerRefused, .collectionFileInvalid,
        ]
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation; never a card number or security code.
    public var message: String
    /// The ledger's error, for ``Code/ledgerRefused``.
    public var ledgerError: LedgerError?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: The explanation.
    ///   - ledgerError: The ledger's error, if the ledger refused.
    public init(code: Code, message: String, ledgerError: LedgerError? = nil) {
        self.code = code
        self.message = message
        self.ledgerError = ledgerError
    }

    /// The ledger's refusal as an autopay error.
    ///
    /// - Parameter error: The ledger's error.
    public init(_ error: LedgerError) {
        self.init(code: .ledgerRefused, message: error.description, ledgerError: error)
    }

    /// `code: message`; for a ledger refusal the ledger's code and message.
    public var description: String {
        if let ledgerError { return ledgerError.description }
        return code.rawValue + ": " + message
    }
}
