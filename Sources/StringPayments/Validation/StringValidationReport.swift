/// What ``StringMessageValidator`` found in one document: the decoded message, when the document
/// got that far, and every issue.
///
/// ``issues`` holds the issues of the stage at which validation stopped, never a mix of stages:
///
/// | Stage | ``issues`` | ``message`` |
/// |---|---|---|
/// | reading (not XML, a DTD, too large, unreadable file) | one error with a reading code such as `malformed-xml` or `io-error` | `nil` |
/// | XSD validation | one `schema-violation` per violation, in document order | `nil` |
/// | decoding | one error with a decoding code such as `unexpected-root-element` | `nil` |
/// | semantic rules | one error per violation (see ``StringMessage/semanticViolations(today:)``), in document order | the message |
/// | none: the document is valid | empty | the message |
public struct StringValidationReport: Sendable, Hashable {
    /// The decoded message; `nil` when reading, schema validation or decoding failed.
    ///
    /// A message that breaks semantic rules is still given, so a caller can show what it holds.
    public var message: StringMessage?
    /// Every issue found, in document order; empty when the document is valid.
    public var issues: [StringPaymentsError]

    /// Whether the document is valid: it was read, is valid against the STRING schema, decoded and
    /// keeps every semantic rule.
    public var isValid: Bool { message != nil && issues.isEmpty }

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - message: The decoded message, if decoding was reached and succeeded.
    ///   - issues: Every issue found.
    public init(message: StringMessage?, issues: [StringPaymentsError]) {
        self.message = message
        self.issues = issues
    }
}
