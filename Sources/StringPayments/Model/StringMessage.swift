public import Foundation
public import XMLCoding

/// Any STRING message this library reads and writes: one of the five payment messages or an
/// envelope.
///
/// Use ``decode(from:options:)-(ContiguousBytes,_)`` when the root element is not known in advance: the input is
/// parsed once, and the root element picks the type.
///
/// ```swift
/// let message = try StringMessage.decode(from: data)
/// if case .paymentRequest(let request) = message {
///     print(request.payments.payments.count)
/// }
/// let bytes = try message.encoded()
/// ```
public enum StringMessage: Hashable, Sendable {
    /// A `PaymentRequest`.
    case paymentRequest(PaymentRequest)
    /// A `PaymentResponse`.
    case paymentResponse(PaymentResponse)
    /// A `BookingRequest`.
    case bookingRequest(BookingRequest)
    /// A `BookingResponse`.
    case bookingResponse(BookingResponse)
    /// An `ErrorResponse`.
    case errorResponse(ErrorResponse)
    /// A `StringMessageRequest` envelope.
    case envelopeRequest(StringMessageRequest)
    /// A `StringMessageResponse` envelope.
    case envelopeResponse(StringMessageResponse)

    /// Decodes a message of any kind, chosen by its root element.
    ///
    /// The input is parsed once (securely: no DTD, no external entities, bounded size and depth,
    /// see ``StringDecodingOptions/reading``), its root element picks the message type, and the
    /// parsed document is decoded as that type.
    ///
    /// - Parameters:
    ///   - data: The document's bytes, UTF-8 or the encoding its XML declaration names.
    ///   - options: Unknown elements, payment types and reading limits. The defaults ignore (and
    ///     keep) unknown elements and refuse unknown payment types.
    /// - Returns: The message.
    /// - Throws: ``StringPaymentsError`` wrapping the `XMLCodingError` that caused it:
    ///   `unexpected-root-element` when the root is no STRING message, a reading code such as
    ///   `malformed-xml`, or a decoding code such as `missing-element`, `unknown-type` or, with
    ///   `.reject`, `unknown-element`.
    public static func decode(
        from data: some ContiguousBytes, options: StringDecodingOptions = .init()
    ) throws(StringPaymentsError) -> StringMessage {
        let document: XMLDocument
        do throws(XMLCodingError) {
            document = try XMLDocument.parse(data, options: options.reading)
        } catch {
            throw StringPaymentsError(error)
        }
        return try decode(from: document, options: options)
    }

    /// Decodes a message of any kind from a document parsed earlier, so that a caller who also
    /// validates it (``StringMessageValidator``, `XMLSchema.validate(_:)`) reads the input once.
    ///
    /// - Parameters:
    ///   - document: The parsed document.
    ///   - options: Unknown elements and payment types (``StringDecodingOptions/reading`` applied
    ///     when the document was parsed).
    /// - Returns: The message.
    /// - Throws: ``StringPaymentsError`` as ``decode(from:options:)-(ContiguousBytes,_)`` does.
    public static func decode(
        from document: XMLDocument, options: StringDecodingOptions = .init()
    ) throws(StringPaymentsError) -> StringMessage {
        do throws(XMLCodingError) {
            let root = document.rootElementName
            guard let kind = StringMessageKind(rootElementName: root) else {
                throw XMLCodingError(
                    code: .unexpectedRootElement,
                    message: "the root element is \(root), which is no STRING message; expected one of "
                        + StringMessageKind.allCases.map(\.rawValue).joined(separator: ", ")
                        + " in the namespace \(StringNamespace.uri)",
                    elementPath: "/" + root.localName)
            }
            let decoder = options.decoder
            let message: StringMessage
            switch kind {
            case .paymentRequest: message = .paymentRequest(try decoder.decode(PaymentRequest.self, from: document))
            case .paymentResponse:
                message = .paymentResponse(try decoder.decode(PaymentResponse.self, from: document))
            case .bookingRequest: message = .bookingRequest(try decoder.decode(BookingRequest.self, from: document))
            case .bookingResponse:
                message = .bookingResponse(try decoder.decode(BookingResponse.self, from: document))
            case .errorResponse: message = .errorResponse(try decoder.decode(ErrorResponse.self, from: document))
            case .envelopeRequest:
                message = .envelopeRequest(try decoder.decode(StringMessageRequest.self, from: document))
            case .envelopeResponse:
                message = .envelopeResponse(try decoder.decode(StringMessageResponse.self, from: document))
            }
            if options.unknownElements == .reject {
                try message.rejectUnknownElements()
            }
            return message
        } catch {
            throw StringPaymentsError(error)
        }
    }

    /// Encodes the message as a document.
    ///
    /// The STRING namespace is the default namespace (unless `options` gives it a prefix);
    /// `xsi:type` values are written as QNames in the STRING namespace. Equal messages encode to
    /// identical bytes.
    ///
    /// Card numbers and security codes are written in full: this is the encoding of the message
    /// that must carry them, so it sets ``StringCodingOptions/revealsSecretsKey``. Every other
    /// encoding of a model value writes them masked.
    ///
    /// - Parameter options: Layout and namespace prefixes. The default is compact output with an
    ///   XML declaration.
    /// - Returns: The document as UTF-8 bytes.
    /// - Throws: ``StringPaymentsError`` wrapping the `XMLCodingError`, such as
    ///   `illegal-character` for a string with a character XML 1.0 does not allow.
    public func encoded(options: XMLEncodingOptions = .init()) throws(StringPaymentsError) -> Data {
        let encoder = XMLEncoder(options: options, userInfo: [StringCodingOptions.revealsSecretsKey: true])
        do throws(XMLCodingError) {
            switch self {
            case .paymentRequest(let message): return try encoder.encode(message)
            case .paymentResponse(let message): return try encoder.encode(message)
            case .bookingRequest(let message): return try encoder.encode(message)
            case .bookingResponse(let message): return try encoder.encode(message)
            case .errorResponse(let message): return try encoder.encode(message)
            case .envelopeRequest(let message): return try encoder.encode(message)
            case .envelopeResponse(let message): return try encoder.encode(message)
            }
        } catch {
            throw StringPaymentsError(error)
        }
    }

    /// The kind of message, by its root element.
    public var kind: StringMessageKind {
        switch self {
        case .paymentRequest: return .paymentRequest
        case .paymentResponse: return .paymentResponse
        case .bookingRequest: return .bookingRequest
        case .bookingResponse: return .bookingResponse
        case .errorResponse: return .errorResponse
        case .envelopeRequest: return .envelopeRequest
        case .envelopeResponse: return .envelopeResponse
        }
    }

    /// Whether the message is a request (sent by the agency).
    public var isRequest: Bool { kind.isRequest }

    /// Checks that a response may answer a request.
    ///
    /// The kinds must pair by ``StringMessageKind/allowedResponses``. For two envelopes whose
    /// payloads are both STRING messages, the payloads must pair as well; an envelope request
    /// without payload (the question for supported versions) may be answered by any envelope
    /// response.
    ///
    /// - Parameters:
    ///   - request: The request sent.
    ///   - response: The response received.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/unpairedResponse``
    ///   when the response cannot answer the request, or when `request` is no request.
    public static func checkPairing(request: StringMessage, response: StringMessage) throws(StringPaymentsError) {
        try checkPairing(request.kind, response.kind)
        if case .envelopeRequest(let requestEnvelope) = request,
            case .envelopeResponse(let responseEnvelope) = response,
            let requestPayload = requestEnvelope.stringRequest.content?.message,
            let responsePayload = responseEnvelope.stringResponse.content?.message
        {
            try checkPairing(requestPayload.kind, responsePayload.kind, enveloped: true)
        }
    }

    private static func checkPairing(
        _ request: StringMessageKind, _ response: StringMessageKind, enveloped: Bool = false
    ) throws(StringPaymentsError) {
        let context = enveloped ? " (envelope payloads)" : ""
        guard request.isRequest else {
            throw StringPaymentsError(
                code: .unpairedResponse, message: "\(request.rawValue) is no request\(context)")
        }
        guard request.allowedResponses.contains(response) else {
            throw StringPaymentsError(
                code: .unpairedResponse,
                message: "a \(request.rawValue) is answered by "
                    + request.allowedResponses.map(\.rawValue).joined(separator: ", ")
                    + ", not by a \(response.rawValue)\(context)")
        }
    }

    /// With `.reject`: the unknown children kept anywhere in the message are errors too.
    ///
    /// `XMLDecoder` hands undeclared elements to an `otherElements` key whatever the policy, so
    /// the `unknownElements` of every model type (and those of an envelope's payload) are checked
    /// here; the content of `Services` and the extra children of an unknown payment type are open
    /// content and stay exempt.
    ///
    /// - Parameter parent: The element path of the parent; empty for the document root.
    private func rejectUnknownElements(under parent: String = "") throws(XMLCodingError) {
        let path = parent + "/" + kind.rawValue
        switch self {
        case .paymentRequest(let message): try message.rejectUnknownElements(at: path)
        case .paymentResponse(let message): try message.rejectUnknownElements(at: path)
        case .bookingRequest(let message): try message.rejectUnknownElements(at: path)
        case .bookingResponse(let message): try message.rejectUnknownElements(at: path)
        case .errorResponse(let message): try message.rejectUnknownElements(at: path)
        case .envelopeRequest(let envelope):
            try envelope.rejectUnknownElements(at: path)
            try envelope.stringRequest.content?.message?.rejectUnknownElements(
                under: path + "/StringRequest/Content")
        case .envelopeResponse(let envelope):
            try envelope.rejectUnknownElements(at: path)
            try envelope.stringResponse.content?.message?.rejectUnknownElements(
                under: path + "/StringResponse/Content")
        }
    }
}
