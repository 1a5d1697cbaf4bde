import XMLCoding

extension EnvelopeContent: Codable {
    /// The payload roots this model decodes, by element name in the STRING namespace.
    enum MessageKey: String, XMLCodingKey {
        case paymentRequest = "PaymentRequest"
        case paymentResponse = "PaymentResponse"
        case bookingRequest = "BookingRequest"
        case bookingResponse = "BookingResponse"
        case errorResponse = "ErrorResponse"
    }

    /// Any other payload element.
    enum OtherKey: String, XMLCodingKey {
        case payload = "Payload"

        var xmlNodeKind: XMLNodeKind { .otherElements }
    }

    /// Decodes the single child element: as a message when its name is one of the five message
    /// roots in the STRING namespace, otherwise verbatim.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` for an empty `Content`,
    ///   `type-mismatch` for more than one child element, or the error of decoding the message.
    public init(from decoder: any Decoder) throws {
        let messages = try decoder.container(keyedBy: MessageKey.self)
        // `allKeys` matches local names only; `contains` also checks the namespace.
        let found = messages.allKeys.filter { messages.contains($0) }
        var decoded: EnvelopeContent?
        if let key = found.first {
            switch key {
            case .paymentRequest: decoded = .paymentRequest(try messages.decode(PaymentRequest.self, forKey: key))
            case .paymentResponse: decoded = .paymentResponse(try messages.decode(PaymentResponse.self, forKey: key))
            case .bookingRequest: decoded = .bookingRequest(try messages.decode(BookingRequest.self, forKey: key))
            case .bookingResponse: decoded = .bookingResponse(try messages.decode(BookingResponse.self, forKey: key))
            case .errorResponse: decoded = .errorResponse(try messages.decode(ErrorResponse.self, forKey: key))
            }
        }
        let others = try decoder.container(keyedBy: OtherKey.self).decode([XMLAnyElement].self, forKey: .payload)
        let count = (decoded == nil ? 0 : 1) + others.count
        guard count == 1, let content = decoded ?? others.first.map(EnvelopeContent.unknown) else {
            throw XMLCodingError(
                code: count == 0 ? .missingElement : .typeMismatch,
                message: count == 0
                    ? "Content holds no payload element"
                    : "Content holds exactly one payload element, but has \(count)",
                codingPath: decoder.codingPath)
        }
        self = content
    }

    /// Encodes the payload as the single child element of `Content`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .paymentRequest(let message):
            var container = encoder.container(keyedBy: MessageKey.self)
            try container.encode(message, forKey: .paymentRequest)
        case .paymentResponse(let message):
            var container = encoder.container(keyedBy: MessageKey.self)
            try container.encode(message, forKey: .paymentResponse)
        case .bookingRequest(let message):
            var container = encoder.container(keyedBy: MessageKey.self)
            try container.encode(message, forKey: .bookingRequest)
        case .bookingResponse(let message):
            var container = encoder.container(keyedBy: MessageKey.self)
            try container.encode(message, forKey: .bookingResponse)
        case .errorResponse(let message):
            var container = encoder.container(keyedBy: MessageKey.self)
            try container.encode(message, forKey: .errorResponse)
        case .unknown(let element):
            var container = encoder.container(keyedBy: OtherKey.self)
            try container.encode([element], forKey: .payload)
        }
    }
}
