/// One violation of an XML schema, as reported by libxml2's XSD validator.
public struct XMLSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// How serious the violation is.
    public enum Severity: String, Sendable, Hashable {
        /// The document is invalid.
        case error
        /// The validator warns; the document may still be valid.
        case warning
    }

    /// The 1-based line of the element concerned (0 when unknown).
    public var line: Int
    /// The 1-based column (0 when unknown, which it is for most validity errors).
    public var column: Int
    /// The path of the element concerned, such as `/PaymentRequest/Payments/Payment[2]/PaymentAmount`.
    /// Stable across libxml2 versions, unlike ``message``.
    public var elementPath: String
    /// libxml2's numeric error code (`xmlParserErrors`), such as 1871 for an unexpected element.
    public var libxml2Code: Int
    /// libxml2's message, without the trailing newline.
    public var message: String
    /// Error or warning.
    public var severity: Severity

    /// Creates a violation record.
    public init(
        line: Int, column: Int, elementPath: String, libxml2Code: Int, message: String,
        severity: Severity = .error
    ) {
        self.line = line
        self.column = column
        self.elementPath = elementPath
        self.libxml2Code = libxml2Code
        self.message = message
        self.severity = severity
    }

    /// `LINE:COLUMN: PATH: [libxml2 CODE] message`.
    public var description: String {
        "\(line):\(column): \(elementPath): [libxml2 \(libxml2Code)] \(message)"
    }
}
