public import XMLCoding

/// The kinds of STRING message this library reads and writes, named by their root elements.
public enum StringMessageKind: String, CaseIterable, Hashable, Sendable {
    /// `PaymentRequest`.
    case paymentRequest = "PaymentRequest"
    /// `PaymentResponse`.
    case paymentResponse = "PaymentResponse"
    /// `BookingRequest`.
    case bookingRequest = "BookingRequest"
    /// `BookingResponse`.
    case bookingResponse = "BookingResponse"
    /// `ErrorResponse`.
    case errorResponse = "ErrorResponse"
    /// `StringMessageRequest`, the request envelope.
    case envelopeRequest = "StringMessageRequest"
    /// `StringMessageResponse`, the response envelope.
    case envelopeResponse = "StringMessageResponse"

    /// The kind whose root element has the given name, or `nil` when no kind has it.
    ///
    /// - Parameter rootElementName: A root element's qualified name; it must be in the STRING
    ///   namespace.
    public init?(rootElementName: XMLQualifiedName) {
        guard rootElementName.namespace == StringNamespace.uri else { return nil }
        self.init(rawValue: rootElementName.localName)
    }

    /// The qualified name of the kind's root element, in the STRING namespace.
    public var rootElementName: XMLQualifiedName {
        StringNamespace.name(rawValue)
    }

    /// Whether messages of this kind are requests (sent by the agency).
    public var isRequest: Bool {
        switch self {
        case .paymentRequest, .bookingRequest, .envelopeRequest: return true
        case .paymentResponse, .bookingResponse, .errorResponse, .envelopeResponse: return false
        }
    }

    /// The kinds of response that may answer a request of this kind, the standard answer first;
    /// empty for a response kind.
    ///
    /// From the STRING documentation: PaymentRequest → PaymentResponse (standard), BookingResponse
    /// (the payment completed the booking) or ErrorResponse; BookingRequest → BookingResponse
    /// (standard), PaymentResponse (payment before booking) or ErrorResponse; an envelope request
    /// → an envelope response (whose payload pairs with the request's payload by the same table).
    public var allowedResponses: [StringMessageKind] {
        switch self {
        case .paymentRequest: return [.paymentResponse, .bookingResponse, .errorResponse]
        case .bookingRequest: return [.bookingResponse, .paymentResponse, .errorResponse]
        case .envelopeRequest: return [.envelopeResponse]
        case .paymentResponse, .bookingResponse, .errorResponse, .envelopeResponse: return []
        }
    }
}
