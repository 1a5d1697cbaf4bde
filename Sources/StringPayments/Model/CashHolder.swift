/// Who answers for a payment's form of payment (schema `CashHolderType`).
///
/// The cash holder is contacted when something goes wrong with the payment, such as an exceeded
/// credit limit or a returned direct debit. The schema is a choice of exactly one child:
/// `AssignedToBookingOwner` (xs:boolean, must be `true`), `AssignedToTraveller` (IdentifierType:
/// the `Identifier` of a traveller of the booking) or `OwnerDetails` (PersonDetailsType).
public enum CashHolder: Hashable, Sendable {
    /// `AssignedToBookingOwner`: the booking owner holds the cash.
    ///
    /// The flag is kept as it was sent; the rule that it must be `true` (and that the traveller
    /// named by ``assignedToTraveller(_:)`` exists) is checked by the library's validation.
    case assignedToBookingOwner(Bool)
    /// `AssignedToTraveller`: the traveller with this `Identifier` holds the cash.
    case assignedToTraveller(Identifier)
    /// `OwnerDetails`: another person, with name, address and contact details.
    case ownerDetails(PersonDetails)
}
