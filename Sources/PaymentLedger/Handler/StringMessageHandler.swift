public import Foundation
public import StringPayments
public import XMLCoding

/// Answers agencies' STRING messages against a ``Ledger``: request bytes in, response bytes out.
///
/// For each request the handler
/// 1. reads the bytes securely, validates them against the STRING schema, decodes them and
///    checks the semantic rules (``/StringPayments/StringMessageValidator``, one parse);
/// 2. checks the request against the ledger (booking, currency, offered forms of payment,
///    collection restriction, amounts, payment identifiers);
/// 3. asks the ``PaymentGateway`` or ``VoucherValidator`` about payments the tour operator
///    collects, outside the ledger's lock;
/// 4. applies the request as one atomic change;
/// 5. answers with **all** payments of the booking, whatever channel entered them, its
///    `PaymentOptions` and `PaymentOverview`.
///
/// Malformed, schema-invalid or undecodable input gets an `ErrorResponse` listing every
/// violation. A well-formed request the rules or the ledger refuse gets its normal response type
/// with `Errors/ErrorDetail` (code, text, and the payment or booking as `Reference`), and the
/// ledger is unchanged. Sending the same request again changes nothing and gets the same answer.
///
/// | Request | Response | Effect |
/// |---|---|---|
/// | `PaymentRequest` | `PaymentResponse` | payments entered |
/// | `BookingRequest` `Quote` | `BookingResponse` (`Quoted`) | nothing stored |
/// | `BookingRequest` `Book` | `BookingResponse` (or `PaymentResponse`, see ``Configuration/answersBookWithPaymentResponse``) | booking made, its payments entered |
/// | `BookingRequest` `Retrieve` | `BookingResponse` | none |
/// | `BookingRequest` `Modify` | `BookingResponse` | price, dates, travellers changed; schedule recomputed |
/// | `BookingRequest` `Cancel` | `BookingResponse` (`Cancelled`) | paid money becomes refundable |
/// | `StringMessageRequest` | `StringMessageResponse` around the payload's response | as the payload |
public struct StringMessageHandler: Sendable {
    /// How the handler answers.
    public struct Configuration: Sendable {
        /// The `Version` attribute of responses; `nil` leaves it out.
        public var version: String?
        /// The STRING version named in envelope responses, also the answer to an empty envelope.
        public var envelopeVersion: String
        /// Whether a `Book` request is answered with a `PaymentResponse` instead of a `BookingResponse`.
        public var answersBookWithPaymentResponse: Bool
        /// Output options: pretty printing, XML declaration.
        public var encoding: XMLEncodingOptions
        /// Reading limits and decoding options.
        public var decoding: StringDecodingOptions
        /// How requests are checked against the STRING schema: the compiled checks (the default) or
        /// libxml2's validator (``/StringPayments/StringSchemaValidation/xsd``).
        public var validation: StringSchemaValidation
        /// The time put in envelope responses' `TimeStamp`.
        public var now: @Sendable () -> Date

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - version: The responses' `Version`. Default none.
        ///   - envelopeVersion: The envelope's STRING version. Default `"1.0"`.
        ///   - answersBookWithPaymentResponse: Answer `Book` with `PaymentResponse`. Default `false`.
        ///   - encoding: Output options. Default compact with an XML declaration.
        ///   - decoding: Reading and decoding options. Default the safe defaults.
        ///   - validation: The schema validation. Default the checks compiled from the XSD.
        ///   - now: The clock for envelope time stamps. Default the system time.
        public init(
            version: String? = nil,
            envelopeVersion: String = "1.0",
            answersBookWithPaymentResponse: Bool = false,
            encoding: XMLEncodingOptions = XMLEncodingOptions(),
            decoding: StringDecodingOptions = StringDecodingOptions(),
            validation: StringSchemaValidation = .compiledSchema,
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.version = version
            self.envelopeVersion = envelopeVersion
            self.answersBookWithPaymentResponse = answersBookWithPaymentResponse
            self.encoding = encoding
            self.decoding = decoding
            self.validation = validation
            self.now = now
        }
    }

    /// The ledger the handler reads and changes.
    public let ledger: Ledger
    /// The gateway for payments the tour operator collects electronically.
    public let gateway: any PaymentGateway
    /// The validation for voucher payments.
    public let voucherValidator: any VoucherValidator
    /// How the handler answers.
    public let configuration: Configuration

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - gateway: The payment gateway. Default ``SimulatedPaymentGateway``.
    ///   - voucherValidator: The voucher validation. Default ``SimulatedVoucherValidator``.
    ///   - configuration: How to answer.
    public init(
        ledger: Ledger,
        gateway: any PaymentGateway = SimulatedPaymentGateway(),
        voucherValidator: any VoucherValidator = SimulatedVoucherValidator(),
        configuration: Configuration = Configuration()
    ) {
        self.ledger = ledger
        self.gateway = gateway
        self.voucherValidator = voucherValidator
        self.configuration = configuration
    }

    /// Answers a request given as bytes.
    ///
    /// - Parameter data: The request document, UTF-8 or the encoding its declaration names.
    /// - Returns: The response and what happened. Never throws: every problem is in the response.
    public func handle(_ data: Data) async -> HandledMessage {
        let validator: StringMessageValidator
        do {
            validator = try StringMessageValidator(
                today: ledger.today, options: configuration.decoding, schemaValidation: configuration.validation)
        } catch {
            return finish(request: nil, response: errorResponse([Self.detail(error)]), outcome: .invalid)
        }
        return await handle(validated: validator.validate(data))
    }

    /// Answers a request a caller validated already with a `StringMessageValidator` of the
    /// handler's day and decoding options, such as an HTTP route that looks at the message before
    /// it is handled: the report's issues stand for the semantic rules, which are not run again.
    ///
    /// - Parameter report: The validator's report; without a message, the answer is an
    ///   `ErrorResponse` listing its issues.
    /// - Returns: The response and what happened.
    public func handle(validated report: StringValidationReport) async -> HandledMessage {
        guard let message = report.message else {
            return finish(request: nil, response: errorResponse(report.issues.map(Self.detail)), outcome: .invalid)
        }
        return await handle(message, semanticIssues: report.issues)
    }

    /// Answers a decoded request. The semantic rules are checked here too.
    ///
    /// - Parameter message: The request.
    /// - Returns: The response and what happened.
    public func handle(_ message: StringMessage) async -> HandledMessage {
        await handle(message, semanticIssues: message.semanticViolations(today: ledger.today))
    }

    private func handle(_ message: StringMessage, semanticIssues: [StringPaymentsError]) async -> HandledMessage {
        // Every change the request makes is stamped with the agency that sent it, unless the
        // caller bound an actor of its own.
        guard Ledger.actor == nil else { return await answer(message, semanticIssues: semanticIssues) }
        return await Ledger.$actor.withValue(Self.actor(of: message)) {
            await answer(message, semanticIssues: semanticIssues)
        }
    }

    /// `agency:` and the request's agency number, or `agency:unknown`.
    static func actor(of message: StringMessage) -> LedgerActor {
        let agency: AgencyInformation?
        switch message {
        case .paymentRequest(let request): agency = request.agencyInformation
        case .bookingRequest(let request): agency = request.agencyInformation
        case .envelopeRequest(let envelope):
            switch envelope.stringRequest.content {
            case .paymentRequest(let request): agency = request.agencyInformation
            case .bookingRequest(let request): agency = request.agencyInformation
            default: agency = nil
            }
        default: agency = nil
        }
        return .agency(agency?.agency ?? "unknown")
    }

    private func answer(_ message: StringMessage, semanticIssues: [StringPaymentsError]) async -> HandledMessage {
        let rejections = semanticIssues.map(Self.detail)
        switch message {
        case .paymentRequest(let request):
            let (response, outcome) = await answer(request, rejections: rejections)
            return finish(request: message, response: response, outcome: outcome)
        case .bookingRequest(let request):
            let (response, outcome) = await answer(request, rejections: rejections)
            return finish(request: message, response: response, outcome: outcome)
        case .envelopeRequest(let envelope):
            let content: EnvelopeContent?
            var outcome = HandledMessage.Outcome.unchanged
            switch envelope.stringRequest.content {
            case .paymentRequest(let request):
                let answered = await answer(request, rejections: rejections)
                content = Self.envelopeContent(answered.0)
                outcome = answered.1
            case .bookingRequest(let request):
                let answered = await answer(request, rejections: rejections)
                content = Self.envelopeContent(answered.0)
                outcome = answered.1
            case nil:
                content = nil
            case .some(let other):
                let what = other.message.map { "a \($0.kind)" } ?? "unknown content"
                content = .errorResponse(
                    ErrorResponse(
                        errors: Errors(errorDetails: [
                            MessageDetail(
                                code: LedgerError.Code.notARequest.rawValue,
                                text: "the envelope carries \(what), not a request")
                        ])))
                outcome = .rejected
            }
            let response = StringMessageResponse(
                stringResponse: StringResponse(
                    timeStamp: XMLDateTime(configuration.now()), version: configuration.envelopeVersion,
                    content: content))
            return finish(request: message, response: .envelopeResponse(response), outcome: outcome)
        default:
            let detail = MessageDetail(
                code: LedgerError.Code.notARequest.rawValue,
                text: "a \(message.kind) is a response; the handler answers requests")
            return finish(request: message, response: errorResponse([detail]), outcome: .invalid)
        }
    }

    // MARK: - PaymentRequest

    private func answer(
        _ request: PaymentRequest, rejections: [MessageDetail]
    ) async -> (
        StringMessage, HandledMessage.Outcome
    ) {
        let bookingId = request.bookingId
        guard rejections.isEmpty else {
            return (paymentResponse(bookingId: bookingId, errors: rejections), .rejected)
        }
        do {
            let result = try await ledger.processPayments(
                request.payments.payments, bookingId: bookingId, collection: request.payments.collection,
                gateway: gateway, vouchers: voucherValidator)
            let response = paymentResponse(for: result.booking)
            return (response, result.enteredAny ? .applied : .unchanged)
        } catch {
            return (paymentResponse(bookingId: bookingId, errors: [Self.detail(error)]), .rejected)
        }
    }

    // MARK: - BookingRequest

    private func answer(
        _ request: BookingRequest, rejections: [MessageDetail]
    ) async -> (
        StringMessage, HandledMessage.Outcome
    ) {
        guard rejections.isEmpty else {
            return (bookingRejection(request, errors: rejections), .rejected)
        }
        do throws(LedgerError) {
            switch request.requestTrigger {
            case .quote:
                let booking = try ledger.quote(try Self.draft(from: request))
                return (bookingResponse(for: booking, services: request.services), .unchanged)
            case .book:
                let draft = try Self.draft(from: request)
                let result = try await ledger.book(
                    draft, requestDigest: Self.digest(of: request), payments: request.payments?.payments ?? [],
                    collection: request.payments?.collection, gateway: gateway, vouchers: voucherValidator)
                let response =
                    configuration.answersBookWithPaymentResponse
                    ? paymentResponse(for: result.booking)
                    : bookingResponse(for: result.booking, services: request.services)
                return (response, result.created || result.payments.enteredAny ? .applied : .unchanged)
            case .retrieve, .modify, .cancel:
                guard let id = request.bookingId else {
                    throw LedgerError(
                        code: .bookingIdRequired, message: "\(request.requestTrigger.rawValue) needs a BookingId")
                }
                guard request.payments == nil else {
                    throw LedgerError(
                        code: .paymentsNotAllowed,
                        message: "a \(request.requestTrigger.rawValue) request carries no payments; "
                            + "send them in a PaymentRequest",
                        bookingId: id)
                }
                let booking: LedgerBooking
                var changed = true
                var informations: [MessageDetail] = []
                switch request.requestTrigger {
                case .modify:
                    (booking, changed) = try ledger.modify(
                        id, totalPrice: request.prices?.totalPrice, departureDate: request.bookingDetails?.startDate,
                        returnDate: request.bookingDetails?.endDate,
                        travellers: request.travellers.map {
                            (
                                Self.withoutUnknownElements($0.travellers),
                                request.bookingDetails?.bookingOwner ?? ledger.booking(id)?.leadTraveller
                            )
                        },
                        services: request.services.map { BookedService.services(of: $0) },
                        servicesContent: request.services)
                case .cancel:
                    // Cancelling a cancelled booking again changes nothing and gets the same answer.
                    if let cancelled = ledger.booking(id), cancelled.state == .cancelled {
                        booking = cancelled
                        changed = false
                    } else {
                        booking = try ledger.cancelBooking(id)
                    }
                    if !booking.refundableAmount.isZero {
                        informations.append(
                            MessageDetail(
                                code: "refundable",
                                text: "\(booking.refundableAmount) paid for booking \(id) is to be refunded",
                                reference: id))
                    }
                default:
                    guard let found = ledger.booking(id) else { throw Ledger.unknownBooking(id) }
                    booking = found
                }
                let outcome: HandledMessage.Outcome =
                    request.requestTrigger == .retrieve || !changed ? .unchanged : .applied
                return (
                    bookingResponse(
                        for: booking, services: booking.servicesContent ?? BookedService.services(booking.services),
                        informations: informations),
                    outcome
                )
            }
        } catch {
            return (bookingRejection(request, errors: [Self.detail(error)]), .rejected)
        }
    }

    static func draft(from request: BookingRequest) throws(LedgerError) -> BookingDraft {
        guard let details = request.bookingDetails, let prices = request.prices else {
            throw LedgerError(
                code: .bookingDataRequired,
                message: "\(request.requestTrigger.rawValue) needs BookingDetails and Prices",
                bookingId: request.bookingId)
        }
        return BookingDraft(
            id: request.bookingId, agency: request.agencyInformation.map(Self.withoutUnknownElements),
            seller: details.seller, branch: details.branch, leadTraveller: details.bookingOwner,
            travellers: Self.withoutUnknownElements(request.travellers?.travellers ?? []),
            departureDate: details.startDate.withoutTimeZone, returnDate: details.endDate?.withoutTimeZone,
            totalPrice: prices.totalPrice, collection: request.payments?.collection,
            services: BookedService.services(of: request.services), servicesContent: request.services)
    }

    /// The travellers as the ledger stores them: the journal does not persist unknown elements,
    /// so neither does the live ledger (a replayed booking must equal the live one).
    static func withoutUnknownElements(_ travellers: [Traveller]) -> [Traveller] {
        travellers.map { traveller in
            var stored = traveller
            stored.unknownElements = []
            return stored
        }
    }

    /// The agency as the ledger stores it, without unknown elements (see the travellers).
    static func withoutUnknownElements(_ agency: AgencyInformation) -> AgencyInformation {
        var stored = agency
        stored.unknownElements = []
        return stored
    }

    /// The identity of a `Book` request: the SHA-256 of its canonical encoding with the secrets
    /// removed, so the digest reveals no card number.
    static func digest(of request: BookingRequest) -> String? {
        var sanitized = request
        if var payments = sanitized.payments {
            payments.payments = payments.payments.map { payment in
                var copy = payment
                copy.specialisation = payment.specialisation.withoutSecrets
                return copy
            }
            sanitized.payments = payments
        }
        guard let data = try? StringMessage.bookingRequest(sanitized).encoded() else { return nil }
        return SHA256.hexDigest(data)
    }

    // MARK: - Responses

    private func paymentResponse(
        for booking: LedgerBooking, informations: [MessageDetail] = []
    ) -> StringMessage {
        let today = ledger.today
        return .paymentResponse(
            PaymentResponse(
                version: configuration.version, bookingId: booking.id,
                payments: booking.paymentsResponse(today: today), paymentOptions: booking.offeredOptions,
                paymentOverview: booking.overview(today: today),
                informations: Self.informations(
                    informations + booking.inFlightInformations + booking.refundInformations)))
    }

    private func paymentResponse(bookingId: Identifier, errors: [MessageDetail]) -> StringMessage {
        if let booking = ledger.booking(bookingId), case .paymentResponse(var response) = paymentResponse(for: booking)
        {
            response.errors = Errors(errorDetails: errors)
            return .paymentResponse(response)
        }
        return .paymentResponse(
            PaymentResponse(
                version: configuration.version, bookingId: bookingId,
                payments: PaymentsResponse(collection: .mixed), errors: Errors(errorDetails: errors)))
    }

    private func bookingResponse(
        for booking: LedgerBooking, services: Services? = nil, informations: [MessageDetail] = []
    ) -> StringMessage {
        let today = ledger.today
        return .bookingResponse(
            BookingResponse(
                version: configuration.version, bookingId: booking.state == .quoted ? nil : booking.id,
                bookingState: booking.state,
                travellers: booking.travellers.isEmpty ? nil : Travellers(travellers: booking.travellers),
                bookingDetails: booking.leadTraveller.map {
                    BookingDetails(
                        bookingOwner: $0, startDate: booking.departureDate, endDate: booking.returnDate,
                        seller: booking.seller, branch: booking.branch)
                },
                prices: Prices(totalPrice: booking.totalPrice), services: services,
                payments: booking.paymentsResponse(today: today), paymentOptions: booking.offeredOptions,
                paymentOverview: booking.overview(today: today),
                informations: Self.informations(
                    informations + booking.inFlightInformations + booking.refundInformations)))
    }

    private func bookingRejection(_ request: BookingRequest, errors: [MessageDetail]) -> StringMessage {
        if let id = request.bookingId, let booking = ledger.booking(id),
            case .bookingResponse(var response) = bookingResponse(for: booking)
        {
            response.errors = Errors(errorDetails: errors)
            return .bookingResponse(response)
        }
        let state: BookingState = request.requestTrigger == .quote ? .quoted : .booked
        return .bookingResponse(
            BookingResponse(
                version: configuration.version, bookingId: request.bookingId, bookingState: state,
                errors: Errors(errorDetails: errors)))
    }

    private func errorResponse(_ details: [MessageDetail]) -> StringMessage {
        .errorResponse(ErrorResponse(errors: Errors(errorDetails: details)))
    }

    private func finish(
        request: StringMessage?, response: StringMessage, outcome: HandledMessage.Outcome
    )
        -> HandledMessage
    {
        let response = Self.answering(response, inVersionOf: request)
        do {
            let data = try response.encoded(options: configuration.encoding)
            return HandledMessage(request: request, response: response, responseData: data, outcome: outcome)
        } catch {
            // A response the encoder refuses (a character XML 1.0 cannot carry) becomes an
            // ErrorResponse that says what the ledger did: a change that was applied stays applied.
            let said: String
            switch outcome {
            case .applied: said = "the request was applied; "
            case .unchanged: said = "the request changed nothing; "
            case .rejected, .invalid: said = "the request was refused and changed nothing; "
            }
            let detail = MessageDetail(
                code: LedgerError.Code.responseNotEncodable.rawValue,
                text: said + "its response could not be encoded (\(error.code.rawValue)); retrieve the booking")
            let fallback = errorResponse([detail])
            let data = (try? fallback.encoded(options: configuration.encoding)) ?? Data()
            return HandledMessage(request: request, response: fallback, responseData: data, outcome: outcome)
        }
    }

    static func informations(_ details: [MessageDetail]) -> Informations? {
        details.isEmpty ? nil : Informations(informationDetails: details)
    }

    /// The response with the request's `Version` when the configuration sets none.
    static func answering(_ response: StringMessage, inVersionOf request: StringMessage?) -> StringMessage {
        let version: String?
        switch request {
        case .paymentRequest(let message): version = message.version
        case .bookingRequest(let message): version = message.version
        default: version = nil
        }
        guard let version else { return response }
        switch response {
        case .paymentResponse(var message) where message.version == nil:
            message.version = version
            return .paymentResponse(message)
        case .bookingResponse(var message) where message.version == nil:
            message.version = version
            return .bookingResponse(message)
        default:
            return response
        }
    }

    static func envelopeContent(_ message: StringMessage) -> EnvelopeContent? {
        switch message {
        case .paymentResponse(let response): return .paymentResponse(response)
        case .bookingResponse(let response): return .bookingResponse(response)
        case .errorResponse(let response): return .errorResponse(response)
        default: return nil
        }
    }

    static func detail(_ error: LedgerError) -> MessageDetail {
        MessageDetail(code: error.code.rawValue, text: error.message, reference: error.reference)
    }

    static func detail(_ issue: StringPaymentsError) -> MessageDetail {
        var location: [String] = []
        if let line = issue.line { location.append("line \(line)" + (issue.column.map { ", column \($0)" } ?? "")) }
        if let path = issue.elementPath { location.append(path) }
        let text = location.isEmpty ? issue.message : location.joined(separator: ", ") + ": " + issue.message
        return MessageDetail(
            code: issue.code.rawValue, text: text, reference: issue.reference.flatMap { Identifier($0) })
    }
}

/// What the handler made of one request.
public struct HandledMessage: Sendable {
    /// What happened to the ledger.
    public enum Outcome: String, Hashable, Sendable {
        /// The request changed the ledger.
        case applied
        /// The request was answered without a change (`Quote`, `Retrieve`, or a request sent again).
        case unchanged
        /// The request was well-formed but refused; the response carries `Errors`.
        case rejected
        /// The input was not a valid request; the response is an `ErrorResponse`.
        case invalid
    }

    /// The decoded request, when it decoded.
    public let request: StringMessage?
    /// The response.
    public let response: StringMessage
    /// The response's bytes.
    public let responseData: Data
    /// What happened to the ledger.
    public let outcome: Outcome
}

extension LedgerBooking {
    /// The booking's payments as a response's `Payments` element.
    func paymentsResponse(today: XMLDate) -> PaymentsResponse {
        PaymentsResponse(collection: collection, payments: responsePayments(today: today))
    }

    /// An `Informations` entry for each payment in flight: it is `Open` in the response while
    /// the gateway has it.
    var inFlightInformations: [MessageDetail] {
        payments.compactMap { payment in
            guard payment.isInFlight else { return nil }
            return MessageDetail(
                code: "payment-in-flight",
                text: "payment \(payment.identifier) is being processed; its outcome follows",
                reference: payment.identifier)
        }
    }

    /// An `Informations` entry for each refund requested or completed: money returned (or about
    /// to be), which STRING's amounts, never negative, cannot show as a payment.
    /// `refund-completed` (`EUR 300.00 returned on 2026-11-25 by bank-transfer`) or
    /// `refund-requested`, with the refund's identifier as `Reference`.
    var refundInformations: [MessageDetail] {
        refunds.compactMap { refund in
            let amount = "\(refund.amount.currency.code) \(refund.amount.formattedAmount)"
            switch refund.status {
            case .completed:
                let day = (refund.resolvedOn ?? refund.requestedOn).xmlLexicalForm
                return MessageDetail(
                    code: "refund-completed", text: "\(amount) returned on \(day) by \(refund.method)",
                    reference: refund.identifier)
            case .requested:
                return MessageDetail(
                    code: "refund-requested",
                    text:
                        "\(amount) to be returned by \(refund.method), requested on \(refund.requestedOn.xmlLexicalForm)",
                    reference: refund.identifier)
            case .failed:
                return nil
            }
        }
    }

    /// The forms of payment on offer as a `PaymentOptions` element; `nil` when none is.
    var offeredOptions: PaymentOptions? {
        paymentOptions.isEmpty ? nil : PaymentOptions(paymentOptions: paymentOptions)
    }
}
