public import XMLCoding

/// What a `BookingRequest` asks for: STRING's `RequestTriggerType`.
public enum RequestTrigger: String, XMLEnumeration, Hashable {
    /// Price a trip without booking it.
    case quote = "Quote"
    /// Book a trip.
    case book = "Book"
    /// Retrieve an existing booking; needs a `BookingId`.
    case retrieve = "Retrieve"
    /// Modify an existing booking; needs a `BookingId`.
    case modify = "Modify"
    /// Cancel an existing booking; needs a `BookingId`.
    case cancel = "Cancel"

    /// Whether the request must carry a `BookingId` (``retrieve``, ``modify`` and ``cancel``);
    /// a request without one is refused with ``StringPaymentsError/Code/bookingIdRequired``.
    public var requiresBookingId: Bool {
        switch self {
        case .quote, .book: false
        case .retrieve, .modify, .cancel: true
        }
    }
}
