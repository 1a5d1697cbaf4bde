public import XMLCoding

/// The payload of an envelope's `Content` element.
///
/// `Content` holds any payload (`xs:anyType` in the content model). A payload whose root is one of
/// the five STRING messages is decoded as that message; any other element is kept as it is, so it
/// can be forwarded or written back unchanged.
public enum EnvelopeContent: Hashable, Sendable {
    /// A `PaymentRequest` payload.
    case paymentRequest(PaymentRequest)
    /// A `PaymentResponse` payload.
    case paymentResponse(PaymentResponse)
    /// A `BookingRequest` payload.
    case bookingRequest(BookingRequest)
    /// A `BookingResponse` payload.
    case bookingResponse(BookingResponse)
    /// An `ErrorResponse` payload.
    case errorResponse(ErrorResponse)
    /// Any other payload element, kept verbatim.
    case unknown(XMLAnyElement)

    /// The payload as a message, or `nil` for an ``unknown(_:)`` payload.
    public var message: StringMessage? {
        switch self {
        case .paymentRequest(let message): return .paymentRequest(message)
        case .paymentResponse(let message): return .paymentResponse(message)
        case .bookingRequest(let message): return .bookingRequest(message)
        case .bookingResponse(let message): return .bookingResponse(message)
        case .errorResponse(let message): return .errorResponse(message)
        case .unknown: return nil
        }
    }
}
