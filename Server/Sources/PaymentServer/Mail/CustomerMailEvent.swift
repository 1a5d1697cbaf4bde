public import PaymentLedger
public import StringPayments

/// What a receipt confirms: a payment the customer made, or scheduled payments they approved.
public enum CustomerMailEvent: Hashable, Sendable {
    /// A payment of the booking, by its identifier.
    case payment(Identifier)
    /// Scheduled payments approved for collection with the stored card.
    case approval([AutopayApproval])
}
