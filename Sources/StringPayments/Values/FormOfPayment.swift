public import XMLCoding

/// How a payment is made: STRING's `FormOfPaymentType`.
///
/// Each form has a payment specialisation chosen with `xsi:type` (`CreditCardPaymentType` for
/// ``creditCard``, and so on); a payment whose `xsi:type` names one must not carry another
/// `FormOfPayment` (``StringPaymentsError/Code/formOfPaymentMismatch``).
public enum FormOfPayment: String, XMLEnumeration, Hashable {
    /// Payment by credit card.
    case creditCard = "CreditCard"
    /// SEPA direct debit from a bank account.
    case directDebit = "DirectDebit"
    /// Online bank transfer through a provider such as Giropay.
    case eBanking = "EBanking"
    /// Payment from an e-wallet such as PayPal.
    case eWallet = "EWallet"
    /// Payment on invoice.
    case invoice = "Invoice"
    /// Payment in installments.
    case installment = "Installment"
    /// Payment with a voucher.
    case voucher = "Voucher"
}
