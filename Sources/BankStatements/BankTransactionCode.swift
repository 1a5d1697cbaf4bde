/// What kind of transaction an entry is, as the bank classifies it: camt's `BkTxCd`.
///
/// The ISO structure is domain, family and sub-family (`PMNT` / `RCDT` / `ESCT`: a received SEPA
/// credit transfer); banks may add or substitute a proprietary code with its issuer (German banks
/// put the DK's GVC code there, such as `NTRF+166+00900`, issuer `DK`).
public struct BankTransactionCode: Sendable, Hashable, CustomStringConvertible {
    /// `Domn/Cd`, such as `PMNT`.
    public var domain: String?
    /// `Domn/Fmly/Cd`, such as `RCDT`.
    public var family: String?
    /// `Domn/Fmly/SubFmlyCd`, such as `ESCT`.
    public var subFamily: String?
    /// `Prtry/Cd`, the bank's own code.
    public var proprietaryCode: String?
    /// `Prtry/Issr`, who defined ``proprietaryCode``.
    public var proprietaryIssuer: String?

    /// Creates a code.
    ///
    /// - Parameters:
    ///   - domain: The ISO domain code.
    ///   - family: The ISO family code.
    ///   - subFamily: The ISO sub-family code.
    ///   - proprietaryCode: The bank's own code.
    ///   - proprietaryIssuer: Who defined the proprietary code.
    public init(
        domain: String? = nil, family: String? = nil, subFamily: String? = nil,
        proprietaryCode: String? = nil, proprietaryIssuer: String? = nil
    ) {
        self.domain = domain
        self.family = family
        self.subFamily = subFamily
        self.proprietaryCode = proprietaryCode
        self.proprietaryIssuer = proprietaryIssuer
    }

    /// `PMNT/RCDT/ESCT`, then the proprietary code in brackets when there is one.
    public var description: String {
        var parts: [String] = []
        if let domain { parts.append([domain, family, subFamily].compactMap { $0 }.joined(separator: "/")) }
        if let proprietaryCode {
            parts.append("[\(proprietaryIssuer.map { "\($0): " } ?? "")\(proprietaryCode)]")
        }
        return parts.joined(separator: " ")
    }
}
