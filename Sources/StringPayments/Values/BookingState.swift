public import XMLCoding

/// The state of a booking in a `BookingResponse`: STRING's `BookingStateType`.
public enum BookingState: String, XMLEnumeration, Hashable {
    /// Priced, not booked.
    case quoted = "Quoted"
    /// Booked.
    case booked = "Booked"
    /// Cancelled.
    case cancelled = "Cancelled"
}
