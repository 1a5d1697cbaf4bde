public import XMLCoding

/// Who collects a payment (the encashment): STRING's `CollectionType`.
///
/// On `Payments`, ``agency`` or ``tourOperator`` restricts every payment of the booking to that
/// encashment and ``mixed`` lets each payment choose. ``mixed`` is not allowed on a single
/// payment in a request (``StringPaymentsError/Code/mixedCollectionOnPayment``).
public enum PaymentCollection: String, XMLEnumeration, Hashable {
    /// Agency debiting: the agency collects the money.
    case agency = "Agency"
    /// Tour-operator debiting: the tour operator collects the money.
    case tourOperator = "TourOperator"
    /// Payment on site, at the destination.
    case onSite = "OnSite"
    /// Each payment chooses its own collection (on `Payments` only).
    case mixed = "Mixed"
}
