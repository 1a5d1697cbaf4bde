public import XMLCoding

/// What part of the price a payment covers: STRING's `PaymentScopeType`.
public enum PaymentScope: String, XMLEnumeration, Hashable {
    /// The deposit, due on booking.
    case deposit = "Deposit"
    /// An interim payment between deposit and balance.
    case interim = "Interim"
    /// The balance: the rest of the price.
    case balance = "Balance"
}
