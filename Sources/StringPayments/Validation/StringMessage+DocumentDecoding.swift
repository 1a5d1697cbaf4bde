import XMLCoding

extension StringMessage {
    /// Decodes a message of any kind from a document that is already parsed, so that a validator
    /// reads the input once for schema validation and decoding.
    ///
    /// It behaves as ``decode(from:options:)`` does after parsing: the root element picks the
    /// type, and with `.reject` the unknown children a message root kept are errors too.
    ///
    /// - Parameters:
    ///   - document: The parsed document.
    ///   - options: Unknown elements and payment types; ``StringDecodingOptions/reading`` was
    ///     used for parsing.
    /// - Returns: The message.
    /// - Throws: ``StringPaymentsError`` wrapping the `XMLCodingError`, as ``decode(from:options:)``.
    static func decode(
        document: XMLDocument, options: StringDecodingOptions
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
            case .paymentRequest:
                message = .paymentRequest(try decoder.decode(PaymentRequest.self, from: document))
            case .paymentResponse:
                message = .paymentResponse(try decoder.decode(PaymentResponse.self, from: document))
            case .bookingRequest:
                message = .bookingRequest(try decoder.decode(BookingRequest.self, from: document))
            case .bookingResponse:
                message = .bookingResponse(try decoder.decode(BookingResponse.self, from: document))
            case .errorResponse:
                message = .errorResponse(try decoder.decode(ErrorResponse.self, from: document))
            case .envelopeRequest:
                message = .envelopeRequest(try decoder.decode(StringMessageRequest.self, from: document))
            case .envelopeResponse:
                message = .envelopeResponse(try decoder.decode(StringMessageResponse.self, from: document))
            }
            if options.unknownElements == .reject, let (element, path) = message.firstUnknownRootChild() {
                throw XMLCodingError(
                    code: .unknownElement, message: "element \(element.name) is not declared by the type",
                    elementPath: path + "/" + element.name.localName)
            }
            return message
        } catch {
            throw StringPaymentsError(error)
        }
    }

    /// The first child a message root (or an envelope's payload root) kept as unknown, with the
    /// root's path.
    private func firstUnknownRootChild(under parent: String = "") -> (XMLAnyElement, String)? {
        let path = parent + "/" + kind.rawValue
        let unknown: [XMLAnyElement]
        var payload: (StringMessage, String)?
        switch self {
        case .paymentRequest(let message): unknown = message.unknownElements
        case .paymentResponse(let message): unknown = message.unknownElements
        case .bookingRequest(let message): unknown = message.unknownElements
        case .bookingResponse(let message): unknown = message.unknownElements
        case .errorResponse(let message): unknown = message.unknownElements
        case .envelopeRequest(let envelope):
            unknown = envelope.unknownElements
            payload = envelope.stringRequest.content?.message.map { ($0, path + "/StringRequest/Content") }
        case .envelopeResponse(let envelope):
            unknown = envelope.unknownElements
            payload = envelope.stringResponse.content?.message.map { ($0, path + "/StringResponse/Content") }
        }
        if let first = unknown.first { return (first, path) }
        guard let (message, contentPath) = payload else { return nil }
        return message.firstUnknownRootChild(under: contentPath)
    }
}
