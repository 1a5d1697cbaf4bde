public import Foundation
public import XMLCoding

/// Reads ISO 20022 camt.053 statements and camt.054 notifications into ``BankStatement`` values.
///
/// The document's root namespace chooses the version (``CamtVersion/init(namespace:)``). Each
/// document is parsed once with XMLCoding's secure reader (no DTD, no entities, no network,
/// bounded size and depth); for the four versions with a shipped schema
/// (``CamtSchemas/supportedVersions``) the parsed document is validated as
/// ``CamtDecodingOptions/validation`` says: by default with the checks compiled from the shipped
/// XSD (``CamtValidation/compiledSchema``, the same verdict as libxml2's XSD validation at a
/// fraction of its cost), or with libxml2's XSD validator (``CamtValidation/xsd``). A hand-written
/// binding then reads the parsed document, without reading the bytes again. Other versions of the
/// two messages are read best-effort with the nearest supported version's model, without
/// validation, and flagged ``BankStatement/isBestEffort``; when their structure does not fit, they
/// are refused with ``BankStatementsError/Code/unsupportedVersion``.
///
/// ```swift
/// let statements = try CamtDecoder().decode(data)
/// for entry in statements.flatMap(\.entries) where entry.isIncomingPayment {
///     print(entry.bankReference, entry.amount, entry.remittanceText)
/// }
/// ```
///
/// A decoder is an immutable value; share it across tasks.
public struct CamtDecoder: Sendable {
    /// The options.
    public var options: CamtDecodingOptions

    /// Creates a decoder.
    ///
    /// - Parameter options: Reading limits, version and validation policy. The default is safe for
    ///   untrusted input.
    public init(options: CamtDecodingOptions = CamtDecodingOptions()) {
        self.options = options
    }

    /// Reads a camt.053 or camt.054 document.
    ///
    /// - Parameter data: The document's bytes.
    /// - Returns: One statement per report (`Stmt` or `Ntfctn`), in document order.
    /// - Throws: ``BankStatementsError``: a reading code (`malformed-xml`, `doctype-not-allowed`,
    ///   `input-too-large`, …) with line and column; `unsupported-message` for another root;
    ///   `unsupported-version` for a version that cannot be read; `schema-violation` with every
    ///   violation; `too-many-fraction-digits`, `missing-element`, `invalid-value` and other decoding
    ///   codes with the line and element path.
    public func decode(_ data: some ContiguousBytes) throws(BankStatementsError) -> [BankStatement] {
        let document: XMLDocument
        do throws(XMLCodingError) {
            document = try XMLDocument.parse(data, options: options.reading)
        } catch {
            throw BankStatementsError(error)
        }
        return try decode(document)
    }

    /// Reads a camt.053 or camt.054 file, checking its size before reading it.
    ///
    /// - Parameter url: A `file:` URL.
    /// - Returns: One statement per report, in document order.
    /// - Throws: ``BankStatementsError``: `io-error` when the file cannot be read, `input-too-large`
    ///   when it is over the limit, and everything ``decode(_:)-(ContiguousBytes)`` throws.
    public func decode(contentsOf url: URL) throws(BankStatementsError) -> [BankStatement] {
        let document: XMLDocument
        do throws(XMLCodingError) {
            document = try XMLDocument.parse(contentsOf: url, options: options.reading)
        } catch {
            throw BankStatementsError(error)
        }
        return try decode(document)
    }

    /// Reads a document parsed earlier.
    ///
    /// - Parameter document: The parsed document.
    /// - Returns: One statement per report, in document order.
    /// - Throws: ``BankStatementsError`` as ``decode(_:)-(ContiguousBytes)`` does, without reading codes.
    public func decode(_ document: XMLDocument) throws(BankStatementsError) -> [BankStatement] {
        let root = document.rootElementName
        guard root.localName == "Document", let namespace = root.namespace,
            let version = CamtVersion(namespace: namespace)
        else {
            throw BankStatementsError(
                code: .unsupportedMessage,
                message: "the root element is \(root), not the Document of camt.053 or camt.054",
                line: 1, elementPath: "/\(root.localName)")
        }
        let supported = version.isSupported
        guard supported || options.readsOtherVersions else {
            throw BankStatementsError(
                code: .unsupportedVersion,
                message: "\(version) has no shipped schema (supported: "
                    + "\(CamtSchemas.supportedVersions.map(\.identifier).joined(separator: ", ")))",
                line: 1, elementPath: "/Document")
        }
        if supported {
            let violations: [XMLSchemaViolation]
            switch options.validation {
            case .compiledSchema:
                violations = try CamtSchemas.model(for: version).validate(document, maximumViolations: 50)
            case .xsd:
                violations = try CamtSchemas.schema(for: version).validate(document).filter { $0.severity == .error }
            case .none:
                violations = []
            }
            if let first = violations.first {
                throw BankStatementsError(
                    XMLCodingError(
                        code: .schemaViolation,
                        message: "the document violates the \(version) schema "
                            + "(\(violations.count) violation\(violations.count == 1 ? "" : "s")): \(first.message)",
                        line: first.line > 0 ? first.line : nil, elementPath: first.elementPath,
                        violations: violations))
            }
        }
        do throws(XMLCodingError) {
            return try CamtArenaBinding(
                document: document, version: version, paymentMethodCode: options.paymentMethodCode
            ).statements()
        } catch {
            throw supported ? BankStatementsError(error) : Self.unfit(version, error)
        }
    }

    /// Reads a document through the Codable model (``CamtDocument`` with ``/XMLCoding/XMLDecoder``)
    /// instead of the hand-written binding, without validating it: the reference the binding is
    /// tested against.
    func decodeWithCodableModel(
        _ document: XMLDocument, version: CamtVersion
    ) throws(BankStatementsError)
        -> [BankStatement]
    {
        let supported = version.isSupported
        let root = document.rootElementName
        let model: CamtDocument
        do throws(XMLCodingError) {
            model = try XMLDecoder(options: XMLDecodingOptions(reading: options.reading))
                .decode(CamtDocument.self, from: document, rootElement: root)
        } catch {
            guard supported else { throw Self.unfit(version, error) }
            throw BankStatementsError(error)
        }
        let message = version.kind == .statement ? model.statementMessage : model.notificationMessage
        guard let message else {
            let expected = version.kind == .statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn"
            let error = XMLCodingError(
                code: .missingElement, message: "required element '\(expected)' is missing", line: 1,
                elementPath: "/Document")
            throw supported ? BankStatementsError(error) : Self.unfit(version, error)
        }
        let reports = version.kind == .statement ? message.statements : message.notifications
        return reports.map { report in
            CamtStatementAssembler.statement(
                version: version, header: message.groupHeader, report: report,
                paymentMethodCode: options.paymentMethodCode)
        }
    }

    /// A best-effort version whose structure does not fit the nearest supported version's model.
    private static func unfit(_ version: CamtVersion, _ error: XMLCodingError) -> BankStatementsError {
        var result = BankStatementsError(error)
        result.code = .unsupportedVersion
        result.message =
            "\(version) does not fit the \(version.nearestSupported) model it was read with: \(error.message)"
        return result
    }
}
