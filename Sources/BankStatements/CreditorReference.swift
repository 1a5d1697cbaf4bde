/// A structured creditor reference from the remittance information: camt's
/// `RmtInf/Strd/CdtrRefInf`.
///
/// The payer copies it from the invoice, so it identifies what is paid far more reliably than free
/// text. An ISO 11649 reference (`RF18539007547034`, type code `SCOR`) carries its own check digits;
/// ``isISO11649`` verifies them.
public struct CreditorReference: Sendable, Hashable, CustomStringConvertible {
    /// `Ref`: the reference as written.
    public var reference: String
    /// `Tp/CdOrPrtry/Cd`, such as `SCOR` (structured communication reference); `nil` when absent.
    public var typeCode: String?
    /// `Tp/CdOrPrtry/Prtry`, a proprietary type; `nil` when absent.
    public var proprietaryType: String?
    /// `Tp/Issr`, such as `ISO`; `nil` when absent.
    public var issuer: String?

    /// Creates a reference.
    ///
    /// - Parameters:
    ///   - reference: The reference.
    ///   - typeCode: The ISO type code, when given.
    ///   - proprietaryType: The proprietary type, when given.
    ///   - issuer: The type's issuer, when given.
    public init(reference: String, typeCode: String? = nil, proprietaryType: String? = nil, issuer: String? = nil) {
        self.reference = reference
        self.typeCode = typeCode
        self.proprietaryType = proprietaryType
        self.issuer = issuer
    }

    /// Whether ``reference`` is a valid ISO 11649 creditor reference (see ``ISO11649/validate(_:)``).
    public var isISO11649: Bool { ISO11649.validate(reference) }

    /// The reference inside an ISO 11649 reference (`RF18539007547034` gives `539007547034`);
    /// `nil` when ``reference`` is not a valid ISO 11649 reference.
    public var iso11649Payload: String? { ISO11649.payload(of: reference) }

    /// The reference, with its type in brackets when known.
    public var description: String {
        guard let type = typeCode ?? proprietaryType else { return reference }
        return "\(reference) [\(type)]"
    }
}
