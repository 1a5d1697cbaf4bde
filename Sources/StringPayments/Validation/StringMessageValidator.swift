public import Foundation
public import XMLCoding

/// Validates STRING documents completely: secure reading, the XSD, decoding and the semantic
/// rules, with every issue reported.
///
/// This is what `drv-payments validate` and an agency's test harness call. A validator is an
/// immutable value; create it once and share it across tasks (the compiled schema is shared too).
///
/// ```swift
/// let validator = try StringMessageValidator(today: .today())
/// let report = validator.validate(contentsOf: fileURL)
/// if !report.isValid {
///     for issue in report.issues { print(issue) }   // schema-violation at 12:0 in /PaymentRequest/…
/// }
/// ```
///
/// ## Stages
///
/// 1. **Reading.** The bytes are parsed once, securely (no DTD, no external entities, no network,
///    bounded size and depth; see ``StringDecodingOptions/reading``). A reading error stops
///    validation: it is the only issue.
/// 2. **XSD.** The parsed document is validated against the shipped STRING schema without reading
///    the bytes again: by default with the checks compiled from it
///    (``StringSchemas/constructedSchema()``, ``StringSchemaValidation/compiledSchema``), or with
///    libxml2's validator (``StringSchemas/schema()``, ``StringSchemaValidation/xsd``); both reach
///    the same verdict. Every violation becomes its own
///    issue with code `schema-violation`, the line, the element path and a message starting with
///    the libxml2 code of that kind of violation
///    (`libxml2 1871: Element '{http://string.drv.de/xmlschema/string}Remark': This element is not expected. …`
///    with libxml2's validator, `libxml2 1871: element 'Remark' is not expected here (PaymentType)`
///    with the compiled checks).
///    Where the violation concerns a `CardNumber` or `SecurityCode`, the message (which
///    quotes the value) is withheld. When there are violations, validation stops here: decoding
///    invalid input would only repeat them less precisely.
/// 3. **Decoding** the same parsed document as a ``StringMessage``, with the validator's
///    ``options``. A decoding error stops validation: it is the only issue.
/// 4. **Semantic rules**: ``StringMessage/semanticViolations(today:)``, every violation reported.
///
/// Schema violations of severity ``/XMLCoding/XMLSchemaViolation/Severity/warning`` do not make a document
/// invalid and are not reported.
///
/// A report lists at most ``maximumIssueCount`` issues (100 by default), then one issue with code
/// ``StringPaymentsError/Code/issuesTruncated`` saying how many more there were.
///
/// A schema violation's line is that of the element's start tag, also for a check libxml2 makes
/// at the element's end (a missing child, an invalid value), because the document is validated
/// after parsing.
public struct StringMessageValidator: Sendable {
    /// The date against which card expiry is checked (only year and month count).
    public let today: XMLDate
    /// The options for reading and decoding.
    public let options: StringDecodingOptions
    /// The most issues a report lists before it sums up the rest. The default is 100.
    ///
    /// A hostile or broken document can violate the schema at every element; listing millions of
    /// issues would cost memory and bury the first, most useful ones. When there are more, the
    /// report keeps the first `maximumIssueCount` and adds one final issue with code
    /// ``StringPaymentsError/Code/issuesTruncated`` whose message says how many were left out
    /// (`and 2,345 more issues`).
    public let maximumIssueCount: Int
    /// Which validator checks the schema; see ``StringSchemaValidation``.
    public let schemaValidation: StringSchemaValidation
    private let schema: XMLSchema?
    private let constructedSchema: XMLConstructedSchema?

    /// Creates a validator.
    ///
    /// - Parameters:
    ///   - today: The current date for the `card-expired` rule; pass ``/XMLCoding/XMLDate/today(in:now:)`` in
    ///     production and a fixed date in tests, so results do not change with the calendar.
    ///   - options: Reading limits and decoding options. The default reads with the safe limits of
    ///     `XMLReadingOptions.default`; its lenient unknown-element policy makes no difference here,
    ///     since the schema already refuses any element it does not declare.
    ///   - maximumIssueCount: The most issues a report lists; see ``maximumIssueCount``. The
    ///     default is 100; values below 1 count as 1.
    ///   - schemaValidation: The compiled checks (the default) or libxml2's validator.
    /// - Throws: ``StringPaymentsError`` with code `invalid-schema` when the shipped schemas do not
    ///   compile (a packaging defect, guarded against by the test suite).
    public init(
        today: XMLDate, options: StringDecodingOptions = .init(), maximumIssueCount: Int = 100,
        schemaValidation: StringSchemaValidation = .compiledSchema
    ) throws(StringPaymentsError) {
        self.today = today
        self.options = options
        self.maximumIssueCount = max(1, maximumIssueCount)
        self.schemaValidation = schemaValidation
        switch schemaValidation {
        case .compiledSchema:
            self.schema = nil
            self.constructedSchema = try StringSchemas.constructedSchema()
        case .xsd:
            self.schema = try StringSchemas.schema()
            self.constructedSchema = nil
        }
    }

    /// Validates a document's bytes.
    ///
    /// - Parameter data: The document, UTF-8 or the encoding its XML declaration names.
    /// - Returns: The report: every issue of the stage at which validation stopped, and the
    ///   message when decoding succeeded. Never throws: every problem is an issue.
    public func validate(_ data: some ContiguousBytes) -> StringValidationReport {
        let document: XMLDocument
        do throws(XMLCodingError) {
            document = try XMLDocument.parse(data, options: options.reading)
        } catch {
            return StringValidationReport(message: nil, issues: [StringPaymentsError(error)])
        }
        return validate(document)
    }

    /// Validates a document in a file.
    ///
    /// The file's size is checked against ``/XMLCoding/XMLReadingOptions/maximumInputSize`` before it is read.
    ///
    /// - Parameter url: A `file:` URL.
    /// - Returns: The report, as ``validate(_:)`` gives it; an unreadable file is one issue with code
    ///   `io-error`, an oversize one `input-too-large`.
    public func validate(contentsOf url: URL) -> StringValidationReport {
        let document: XMLDocument
        do throws(XMLCodingError) {
            document = try XMLDocument.parse(contentsOf: url, options: options.reading)
        } catch {
            return StringValidationReport(message: nil, issues: [StringPaymentsError(error)])
        }
        return validate(document)
    }

    private func validate(_ document: XMLDocument) -> StringValidationReport {
        let violations =
            constructedSchema?.validate(document)
            ?? (schema?.validate(document) ?? []).filter { $0.severity == .error }
        guard violations.isEmpty else {
            let kept = violations.prefix(maximumIssueCount).map(Self.issue(for:))
            return StringValidationReport(message: nil, issues: capped(kept, total: violations.count))
        }
        let message: StringMessage
        do throws(StringPaymentsError) {
            message = try StringMessage.decode(from: document, options: options)
        } catch {
            return StringValidationReport(message: nil, issues: [error])
        }
        let issues = message.semanticViolations(today: today)
        return StringValidationReport(
            message: message, issues: capped(Array(issues.prefix(maximumIssueCount)), total: issues.count))
    }

    /// The kept issues, followed by one `issues-truncated` issue when `total` is more.
    private func capped(_ kept: [StringPaymentsError], total: Int) -> [StringPaymentsError] {
        guard total > kept.count else { return kept }
        let left = total - kept.count
        return kept + [
            StringPaymentsError(
                code: .issuesTruncated,
                message:
                    "and \(left) more issue\(left == 1 ? "" : "s"), not listed (the report lists at most \(kept.count))"
            )
        ]
    }

    /// One schema violation as an issue, its text withheld at secret elements.
    static func issue(for violation: XMLSchemaViolation) -> StringPaymentsError {
        let error = XMLCodingError(
            code: .schemaViolation, message: violation.message,
            line: violation.line > 0 ? violation.line : nil,
            column: violation.column > 0 ? violation.column : nil,
            elementPath: violation.elementPath)
        // `StringPaymentsError.init(_:)` withholds the message at CardNumber and SecurityCode.
        var issue = StringPaymentsError(error)
        issue.message = "libxml2 \(violation.libxml2Code): \(issue.message)"
        return issue
    }
}
