public import XMLCoding

/// Options for ``CamtDecoder``. The defaults are safe for untrusted input.
public struct CamtDecodingOptions: Sendable, Hashable {
    /// Limits for reading the XML. The default is `XMLReadingOptions.default` (64 MiB, nesting
    /// depth 256), which protects memory and stack against hostile files; a camt.053 of 100,000
    /// entries is about 60 MiB, so raise ``/XMLCoding/XMLReadingOptions/maximumInputSize``
    /// explicitly for larger trusted files.
    public var reading: XMLReadingOptions
    /// Whether a camt.053 or camt.054 version without a shipped schema is read best-effort with the
    /// nearest supported version's model (without XSD validation, and flagged
    /// ``BankStatement/isBestEffort``). The default is `true`; with `false` such a document fails
    /// with ``BankStatementsError/Code/unsupportedVersion``.
    public var readsOtherVersions: Bool
    /// How documents of a supported version are validated before they are read. The default,
    /// ``CamtValidation/compiledSchema``, guarantees that every document read conforms to the
    /// published message definition, as ``CamtValidation/xsd`` does.
    public var validation: CamtValidation
    /// Whether documents of a supported version are validated (``validation`` is not
    /// ``CamtValidation/none``). Setting `true` chooses ``CamtValidation/compiledSchema`` unless
    /// another validation is set already; turn it off only for files an earlier step validated.
    public var validatesAgainstSchema: Bool {
        get { validation != .none }
        set {
            if !newValue {
                validation = .none
            } else if validation == .none {
                validation = .compiledSchema
            }
        }
    }
    /// The payment method code every entry gets (``BankStatementEntry/paymentMethodCode``), such as
    /// `FI` for a bank transfer. The default is `nil`: the code is left to the importer.
    public var paymentMethodCode: String?

    /// Creates options.
    ///
    /// - Parameters:
    ///   - reading: Limits for reading the XML. The default is `XMLReadingOptions.default`.
    ///   - readsOtherVersions: Whether other versions are read best-effort. The default is `true`.
    ///   - validatesAgainstSchema: Whether supported versions are XSD-validated. The default is `true`.
    ///   - paymentMethodCode: The payment method code for every entry. The default is `nil`.
    ///   - validation: How supported versions are validated when `validatesAgainstSchema` is
    ///     `true`. The default is ``CamtValidation/compiledSchema``.
    public init(
        reading: XMLReadingOptions = .default, readsOtherVersions: Bool = true, validatesAgainstSchema: Bool = true,
        paymentMethodCode: String? = nil, validation: CamtValidation = .compiledSchema
    ) {
        self.reading = reading
        self.readsOtherVersions = readsOtherVersions
        self.validation = validatesAgainstSchema ? validation : .none
        self.paymentMethodCode = paymentMethodCode
    }
}
