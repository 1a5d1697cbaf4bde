import Foundation
import Hummingbird
import PaymentLedger
import StringPayments
import XMLCoding

/// `POST /string`: authenticates the agency, reads the body within the limit, refuses requests
/// about another agency's booking, and answers through the library's ``StringMessageHandler``.
///
/// | Situation | Status | Body |
/// |---|---|---|
/// | no or wrong key | 401 with `WWW-Authenticate: Basic` | text |
/// | body is not XML (`Content-Type`) | 415 | text |
/// | body over the limit | 413 | text |
/// | not a valid STRING request | 400 | `ErrorResponse` |
/// | names another agency, or another agency's booking | 403 | `ErrorResponse` (`forbidden`) |
/// | handler takes longer than the timeout | 503 with `Retry-After` | `ErrorResponse` (`timeout`) |
/// | answered (applied, unchanged or refused by the rules) | 200 | the response message |
struct StringRoute: Sendable {
    /// The content type of every XML answer.
    static let xmlContentType = "application/xml; charset=utf-8"

    let handler: StringMessageHandler
    let authenticator: AgencyAuthenticator
    let maxBodyBytes: Int
    let timeout: Duration

    func respond(to request: Request, context: ServerRequestContext) async throws -> Response {
        guard let agency = authenticator.agency(for: request.headers) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Basic realm=\"drv-string\", charset=\"UTF-8\""
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(
                status: .unauthorized, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: "an agency API key is required\n")))
        }
        if let type = request.headers[.contentType]?.lowercased(),
            !(type.hasPrefix("application/xml") || type.hasPrefix("text/xml"))
        {
            return Self.text(.unsupportedMediaType, "send the STRING message as application/xml\n")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return Self.text(.contentTooLarge, "the body is larger than \(maxBodyBytes) bytes\n")
        }
        let data = Data(buffer.readableBytesView)
        let handler = self.handler
        // Validated once, here: the route needs the message's agency and booking before the
        // handler runs, and the handler takes the report as it is.
        let report: StringValidationReport
        do {
            report = try StringMessageValidator(
                today: handler.ledger.today, options: handler.configuration.decoding,
                schemaValidation: handler.configuration.validation
            )
            .validate(data)
        } catch {
            // The handler answers with the ErrorResponse saying why there is no validator.
            return Self.xml(.badRequest, await handler.handle(data).responseData)
        }
        guard let message = report.message else {
            // The handler builds the ErrorResponse listing every violation.
            return Self.xml(.badRequest, await handler.handle(validated: report).responseData)
        }
        if let refusal = refusal(of: message, agency: agency) {
            return Self.xml(.forbidden, Self.errorResponse(code: "forbidden", text: refusal))
        }
        let answered = await withDeadline(timeout, on: context.eventLoop) {
            await Ledger.$actor.withValue(.agency(agency)) { await handler.handle(validated: report) }
        }
        guard let answered else {
            var response = Self.xml(
                .serviceUnavailable,
                Self.errorResponse(code: "timeout", text: "the request took too long; send it again"))
            response.headers[.retryAfter] = "5"
            return response
        }
        return Self.xml(answered.outcome == .invalid ? .badRequest : .ok, answered.responseData)
    }

    /// Why the agency may not send the message, or `nil` when it may.
    func refusal(of message: StringMessage, agency: String) -> String? {
        guard case let (named, bookingId)? = Self.agencyAndBooking(of: message) else { return nil }
        guard let named, named.agency == agency else {
            return "the request must name the authenticated agency in AgencyInformation"
        }
        if let bookingId, let booking = handler.ledger.booking(bookingId), booking.agency?.agency != agency {
            return "booking \(bookingId) is not a booking of agency \(agency)"
        }
        return nil
    }

    /// The agency and booking a request names; `nil` for messages that are not requests.
    static func agencyAndBooking(of message: StringMessage) -> (AgencyInformation?, Identifier?)? {
        switch message {
        case .paymentRequest(let request): return (request.agencyInformation, request.bookingId)
        case .bookingRequest(let request): return (request.agencyInformation, request.bookingId)
        case .envelopeRequest(let envelope):
            switch envelope.stringRequest.content {
            case .paymentRequest(let request): return (request.agencyInformation, request.bookingId)
            case .bookingRequest(let request): return (request.agencyInformation, request.bookingId)
            default: return nil
            }
        default: return nil
        }
    }

    static func errorResponse(code: String, text: String) -> Data {
        let message = StringMessage.errorResponse(
            ErrorResponse(errors: Errors(errorDetails: [MessageDetail(code: code, text: text)])))
        return (try? message.encoded()) ?? Data("<ErrorResponse/>".utf8)
    }

    static func xml(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = xmlContentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
