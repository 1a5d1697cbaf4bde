public import XMLCoding

/// The one public error type of bank statement import.
///
/// Every error carries a stable ``code``, a human-readable ``message`` and as much location as is
/// known: for XML the ``line`` and the ``elementPath`` of the element concerned
/// (`/Document/BkToCstmrStmt/Stmt/Ntry[3]/Amt`), for CSV the ``line`` and the 1-based
/// ``column`` (the field's position in its record). An error whose cause is reading, decoding or
/// validating XML keeps that cause in ``xmlError``; its ``code`` then has the same raw value as the
/// XML error's code, so `schema-violation` means the same thing on both layers.
///
/// Codes are stable across releases: match on ``code``, never on ``message``.
public struct BankStatementsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    ///
    /// Codes are open for extension (new codes are `static let`s, so adding one breaks nobody).
    /// The XML coding layer's codes are carried over with ``init(_:)-(XMLCodingError.Code)``.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable kebab-case text, such as `unsupported-message`.
        public let rawValue: String

        /// Creates a code from its stable text.
        ///
        /// - Parameter rawValue: The kebab-case text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Creates a code from its stable text.
        ///
        /// - Parameter rawValue: The kebab-case text.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code of an XML reading, decoding or validation error, with the same raw value
        /// (for example `schema-violation` or `doctype-not-allowed`).
        ///
        /// - Parameter xml: The XML coding layer's code.
        public init(_ xml: XMLCodingError.Code) { self.rawValue = xml.rawValue }

        /// The raw value.
        public var description: String { rawValue }

        // MARK: camt

        /// The root element is not a camt.053 or camt.054 `Document`: another namespace, another
        /// message, or no namespace at all.
        public static let unsupportedMessage = Code("unsupported-message")
        /// A camt.053 or camt.054 version without a shipped schema whose structure does not fit the
        /// nearest supported version's model, so it is refused rather than guessed at.
        public static let unsupportedVersion = Code("unsupported-version")
        /// An amount needs more fraction digits than its currency's minor units allow (EUR `12.345`);
        /// amounts are never rounded silently. Also carried by CSV amounts.
        public static let tooManyFractionDigits = Code("too-many-fraction-digits")
        /// A currency code is not three upper-case letters.
        public static let invalidCurrency = Code("invalid-currency")

        // MARK: CSV

        /// The CSV input is larger than ``CSVLimits/maximumInputSize``.
        public static let csvInputTooLarge = Code("csv-input-too-large")
        /// The CSV input has more records than ``CSVLimits/maximumRecordCount``.
        public static let csvTooManyRecords = Code("csv-too-many-records")
        /// A CSV record has more fields than ``CSVLimits/maximumFieldCount``, or a field is longer
        /// than ``CSVLimits/maximumFieldLength``.
        public static let csvRecordTooLarge = Code("csv-record-too-large")
        /// The CSV text breaks RFC 4180: a quote inside an unquoted field, text after a closing
        /// quote, a quoted field never closed, or bytes that are not UTF-8.
        public static let csvMalformed = Code("csv-malformed")
        /// A column the mapping names is not in the header, or a record is too short to have it.
        public static let csvMissingColumn = Code("csv-missing-column")
        /// A required field is empty.
        public static let csvMissingValue = Code("csv-missing-value")
        /// A field does not parse as what its column holds: an amount, a date, a credit/debit
        /// indicator, an IBAN.
        public static let csvInvalidValue = Code("csv-invalid-value")
        /// The mapping itself is unusable: no header when columns are named, a credit/debit rule
        /// that needs a column it does not name.
        public static let csvInvalidMapping = Code("csv-invalid-mapping")
        /// Two records of one file carry the same bank reference, so an import could not be
        /// idempotent.
        public static let duplicateBankReference = Code("duplicate-bank-reference")
        /// A card settlement line's net amount is not its gross amount minus its fee.
        public static let settlementMismatch = Code("settlement-mismatch")
        /// An entry's payment method code is not in the list of accepted codes
        /// (``PaymentMethodCodes``).
        public static let unknownPaymentMethod = Code("unknown-payment-method")
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The 1-based line in the input, when known.
    public var line: Int?
    /// The 1-based column: for CSV the field's position in its record; for XML the column
    /// libxml2 reported, when it did.
    public var column: Int?
    /// The path of the XML element concerned, such as `/Document/BkToCstmrStmt/Stmt/Ntry[2]/Amt`.
    public var elementPath: String?
    /// The XML error this error was made from, when its cause is reading, decoding or validating XML.
    public var xmlError: XMLCodingError?

    /// Every schema violation, when ``code`` is `schema-violation`.
    public var violations: [XMLSchemaViolation] { xmlError?.violations ?? [] }

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: What went wrong.
    ///   - line: The 1-based line, when known.
    ///   - column: The 1-based column, when known.
    ///   - elementPath: The XML element concerned, when there is one.
    public init(code: Code, message: String, line: Int? = nil, column: Int? = nil, elementPath: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.elementPath = elementPath
        self.xmlError = nil
    }

    /// Wraps an XML reading, decoding or validation error, keeping its code's raw value and its
    /// location.
    ///
    /// - Parameter xml: The XML coding layer's error.
    public init(_ xml: XMLCodingError) {
        self.code = Code(xml.code)
        self.message = xml.message
        self.line = xml.line
        self.column = xml.column
        self.elementPath = xml.elementPath
        self.xmlError = xml
    }

    /// `CODE at LINE:COLUMN in PATH: message`, leaving out what is unknown, then one line per schema
    /// violation.
    public var description: String {
        var text = code.rawValue
        if let line {
            text += " at \(line):\(column ?? 0)"
        }
        if let elementPath {
            text += " in \(elementPath)"
        }
        text += ": " + message
        for violation in violations {
            text += "\n  " + violation.description
        }
        return text
    }
}
