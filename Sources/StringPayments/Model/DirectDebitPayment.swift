public import XMLCoding

/// The extra children of a SEPA direct debit (schema `DirectDebitPaymentType`, an extension of
/// `PaymentType` with `FormOfPayment` `DirectDebit`).
///
/// Children in schema order, after the base children of ``Payment``: `IBAN` (pattern
/// `[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}`, checksum verified), `BIC`? (BICType: 8 or 11 characters),
/// `AccountHolder`, `MandateReference`?, `MandateDate`?.
public struct DirectDebitPayment: Codable, Hashable, Sendable {
    /// `IBAN`: the account to debit.
    public var iban: IBAN
    /// `BIC`: the account's bank.
    public var bic: BIC?
    /// `AccountHolder`: the account holder's name.
    public var accountHolder: String
    /// `MandateReference`: the SEPA mandate's reference.
    public var mandateReference: String?
    /// `MandateDate`: when the mandate was signed.
    public var mandateDate: XMLDate?

    /// Creates the direct debit's extra children.
    ///
    /// - Parameters:
    ///   - iban: The account to debit.
    ///   - bic: The account's bank.
    ///   - accountHolder: The account holder's name.
    ///   - mandateReference: The SEPA mandate's reference.
    ///   - mandateDate: When the mandate was signed.
    public init(
        iban: IBAN, bic: BIC? = nil, accountHolder: String, mandateReference: String? = nil,
        mandateDate: XMLDate? = nil
    ) {
        self.iban = iban
        self.bic = bic
        self.accountHolder = accountHolder
        self.mandateReference = mandateReference
        self.mandateDate = mandateDate
    }

    enum CodingKeys: String, XMLCodingKey {
        case iban = "IBAN"
        case bic = "BIC"
        case accountHolder = "AccountHolder"
        case mandateReference = "MandateReference"
        case mandateDate = "MandateDate"
    }
}
