/// The one error type of the XML coding layer: reading, decoding, encoding and validation.
///
/// Every error carries a stable ``Code``, a human-readable ``message`` and as much location as is
/// known: the ``line`` and ``column`` in the input, the ``elementPath`` of the element concerned
/// (`/PaymentRequest/Payments/Payment[2]/PaymentAmount/Amount`) and the Codable ``codingPath``.
/// Schema validation failures also carry every ``violations`` entry, not just the first.
///
/// Codes are stable across releases: match on ``code``, never on ``message``.
public struct XMLCodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    ///
    /// Codes are open for extension: a vocabulary built on this module may define its own with
    /// ``init(_:)``; the codes below are the ones this module produces.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable text, such as `doctype-not-allowed`.
        public let rawValue: String

        /// Creates a code from its stable text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Creates a code from its stable text.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code's stable text.
        public var description: String { rawValue }

        // MARK: Reading

        /// The input is larger than ``XMLReadingOptions/maximumInputSize``.
        public static let inputTooLarge = Code("input-too-large")
        /// Elements are nested deeper than ``XMLReadingOptions/maximumElementDepth``.
        public static let depthLimitExceeded = Code("depth-limit-exceeded")
        /// A start tag carries more attributes than ``XMLReadingOptions/maximumAttributesPerElement``.
        public static let tooManyAttributes = Code("too-many-attributes")
        /// A start tag carries more namespace declarations than
        /// ``XMLReadingOptions/maximumNamespaceDeclarationsPerElement``.
        public static let tooManyNamespaceDeclarations = Code("too-many-namespace-declarations")
        /// The input carries a `<!DOCTYPE`; DTDs are refused (they enable entity attacks and XXE).
        public static let doctypeNotAllowed = Code("doctype-not-allowed")
        /// The input references an entity that is neither predefined nor a character reference.
        public static let undeclaredEntity = Code("undeclared-entity")
        /// The bytes are not valid in the document's encoding (for example invalid UTF-8).
        public static let invalidEncoding = Code("invalid-encoding")
        /// The XML declaration names an encoding that is not supported.
        public static let unsupportedEncoding = Code("unsupported-encoding")
        /// A character that XML 1.0 does not allow, in the input or in a value to encode.
        public static let illegalCharacter = Code("illegal-character")
        /// The input ends before the document is complete.
        public static let truncatedInput = Code("truncated-input")
        /// The input is not well-formed XML.
        public static let malformedXML = Code("malformed-xml")
        /// A file could not be read.
        public static let ioError = Code("io-error")

        // MARK: Decoding

        /// The document's root element is not the one expected.
        public static let unexpectedRootElement = Code("unexpected-root-element")
        /// A required element is absent.
        public static let missingElement = Code("missing-element")
        /// A required attribute is absent.
        public static let missingAttribute = Code("missing-attribute")
        /// A text or attribute value does not match the lexical form of its type.
        public static let invalidValue = Code("invalid-value")
        /// A number is well-formed but does not fit the Swift type.
        public static let valueOutOfRange = Code("value-out-of-range")
        /// A value is not one of the enumeration's values.
        public static let unknownEnumerationValue = Code("unknown-enumeration-value")
        /// An element the type does not declare, with ``XMLDecodingOptions/UnknownElementPolicy/reject``.
        public static let unknownElement = Code("unknown-element")
        /// An attribute the type does not declare, with ``XMLDecodingOptions/UnknownElementPolicy/reject``
        /// (namespace declarations and `xsi:` attributes aside).
        public static let unknownAttribute = Code("unknown-attribute")
        /// A declared element appears out of schema order, with ``XMLDecodingOptions/UnknownElementPolicy/reject``.
        public static let elementOutOfOrder = Code("element-out-of-order")
        /// An `xsi:type` names a type the Swift type does not know.
        public static let unknownType = Code("unknown-type")
        /// A qualified name uses a prefix with no namespace declaration in scope.
        public static let unresolvedPrefix = Code("unresolved-prefix")
        /// The XML structure does not fit the Swift type (for example child elements where a simple value belongs).
        public static let typeMismatch = Code("type-mismatch")
        /// A value was rejected by the type's own decoding logic.
        public static let dataCorrupted = Code("data-corrupted")

        // MARK: Encoding

        /// A coding key or root name is not a valid XML name.
        public static let invalidName = Code("invalid-name")
        /// A value cannot be represented where it was encoded (for example a structure in an attribute).
        public static let unencodableValue = Code("unencodable-value")

        // MARK: Validation

        /// The document violates the XML schema; ``XMLCodingError/violations`` lists every violation.
        public static let schemaViolation = Code("schema-violation")
        /// An XML schema could not be compiled.
        public static let invalidSchema = Code("invalid-schema")

        /// Every code this module produces, in documentation order. Each has a test that produces it.
        public static let allProducedByXMLCoding: [Code] = [
            .inputTooLarge, .depthLimitExceeded, .tooManyAttributes, .tooManyNamespaceDeclarations,
            .doctypeNotAllowed, .undeclaredEntity, .invalidEncoding,
            .unsupportedEncoding, .illegalCharacter, .truncatedInput, .malformedXML, .ioError,
            .unexpectedRootElement, .missingElement, .missingAttribute, .invalidValue, .valueOutOfRange,
            .unknownEnumerationValue, .unknownElement, .unknownAttribute, .elementOutOfOrder, .unknownType,
            .unresolvedPrefix,
            .typeMismatch, .dataCorrupted, .invalidName, .unencodableValue, .schemaViolation, .invalidSchema,
        ]
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation. Never contains secret values such as card numbers.
    public var message: String
    /// The 1-based line in the input, when known.
    public var line: Int?
    /// The 1-based column in the input, when known.
    public var column: Int?
    /// The path of the element concerned, such as `/PaymentRequest/Payments/Payment[2]/PaymentAmount`.
    public var elementPath: String?
    /// The Codable coding path, as the keys' string values (array positions as `Index N`).
    public var codingPath: [String]
    /// Every schema violation, when ``code`` is ``Code/schemaViolation``.
    public var violations: [XMLSchemaViolation]

    /// Creates an error.
    public init(
        code: Code,
        message: String,
        line: Int? = nil,
        column: Int? = nil,
        elementPath: String? = nil,
        codingPath: [String] = [],
        violations: [XMLSchemaViolation] = []
    ) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.elementPath = elementPath
        self.codingPath = codingPath
        self.violations = violations
    }

    /// Creates an error with a Codable coding path.
    public init(code: Code, message: String, codingPath: [any CodingKey]) {
        self.init(code: code, message: message, codingPath: codingPath.map(\.xmlPathComponent))
    }

    /// `CODE at LINE:COLUMN in PATH: message`, leaving out what is unknown.
    public var description: String {
        var text = code.rawValue
        if let line {
            text += " at \(line):\(column ?? 0)"
        }
        if let elementPath {
            text += " in \(elementPath)"
        }
        if !codingPath.isEmpty, elementPath == nil {
            text += " (coding path \(codingPath.joined(separator: ".")))"
        }
        text += ": " + message
        for violation in violations {
            text += "\n  " + violation.description
        }
        return text
    }
}

extension CodingKey {
    /// The key as one component of ``XMLCodingError/codingPath``.
    var xmlPathComponent: String {
        if let intValue, stringValue.isEmpty || stringValue == "Index \(intValue)" {
            return "Index \(intValue)"
        }
        return stringValue
    }
}
