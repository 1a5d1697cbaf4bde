public import StringPayments
public import XMLCoding

/// A SEPA direct debit mandate kept on a booking, stored like a card: the debtor's authorisation
/// to collect from the account.
public struct DirectDebitMandate: Hashable, Sendable {
    /// The unique mandate reference (`MndtId`), 1 to 35 characters.
    public let id: String
    /// The day the debtor signed it.
    public let signedOn: XMLDate
    /// The debtor's name, 1 to 70 characters.
    public let debtorName: String
    /// The account collected from.
    public let iban: IBAN
    /// The debtor's bank, if known.
    public let bic: BIC?
    /// The creditor identifier the mandate was given to, such as `DE98ZZZ09999999999`.
    public let creditorId: String

    /// Creates a mandate.
    ///
    /// - Parameters:
    ///   - id: The mandate reference.
    ///   - signedOn: The day of signature.
    ///   - debtorName: The debtor's name.
    ///   - iban: The debtor's IBAN.
    ///   - bic: The debtor's BIC.
    ///   - creditorId: The creditor identifier.
    public init(id: String, signedOn: XMLDate, debtorName: String, iban: IBAN, bic: BIC? = nil, creditorId: String) {
        self.id = id
        self.signedOn = signedOn
        self.debtorName = debtorName
        self.iban = iban
        self.bic = bic
        self.creditorId = creditorId
    }

    /// Why the mandate's fields do not fit a pain.008 file, or `nil` when they do.
    var invalidReason: String? {
        if !Self.isSEPAText(id, maximum: 35) || id.contains(" ") {
            return "the mandate reference must be 1 to 35 characters of the SEPA set without spaces"
        }
        if debtorName.isEmpty || debtorName.count > 70 { return "the debtor name must have 1 to 70 characters" }
        if !Self.isSEPAText(creditorId, maximum: 35) { return "the creditor identifier must have 1 to 35 characters" }
        return nil
    }

    /// Whether a text is 1 to `maximum` characters of the SEPA Latin character set.
    static func isSEPAText(_ text: String, maximum: Int) -> Bool {
        guard !text.isEmpty, text.count <= maximum else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "/", "-", "?", ":", "(", ")", ".", ",", "'", "+", " ": true
            default: false
            }
        }
    }
}
