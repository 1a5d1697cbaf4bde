import XMLCoding

/// Walks one message in document order and collects every violation of the content model's rules
/// that the schema does not express (see ``StringMessage/semanticViolations(today:)``).
///
/// A violation is reported where it becomes visible to a reader going through the document: at
/// the element that breaks the rule, or, for a rule about an element's children as a whole (the
/// installments adding up to the payment amount), at that element after its children. So the
/// list comes out in document order without sorting.
struct SemanticRuleChecker {
    /// What the rules need to remember while walking one message (an envelope's payload is a
    /// message of its own).
    struct MessageScope {
        /// Whether the message is a request (sent by the agency).
        var isRequest: Bool
        /// The identifiers of the message's `Traveller`s in document order, or `nil` when the
        /// message carries no `Travellers`.
        var travellers: [Identifier]?
        /// Each payment identifier seen so far, with the path of its first payment.
        var paymentIdentifiers: [Identifier: ElementPath] = [:]
        /// The booking's currency: that of its first price or payment amount, with that amount's
        /// path.
        var bookingCurrency: (currency: CurrencyCode, firstAt: ElementPath)?

        init(isRequest: Bool) {
            self.isRequest = isRequest
        }
    }

    /// The current month, against which a request's card expiry dates are checked.
    let currentMonth: (year: Int, month: Int)
    /// The violations found so far, in document order.
    private(set) var violations: [StringPaymentsError] = []
    /// The scope of the message being walked.
    var scope = MessageScope(isRequest: false)

    /// Creates a checker.
    ///
    /// - Parameter today: The current date; only its year and month are used.
    init(today: XMLDate) {
        currentMonth = (today.year, today.month)
    }

    /// Checks a message of any kind; for an envelope, its payload.
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - parent: The path of the element holding the message (an envelope's `Content`), or
    ///     `nil` when the message is the document.
    mutating func check(_ message: StringMessage, under parent: ElementPath? = nil) {
        let name = message.kind.rawValue
        let root = parent?.child(name) ?? ElementPath(root: name)
        scope = MessageScope(isRequest: message.isRequest)
        switch message {
        case .paymentRequest(let request):
            checkPayments(
                collection: request.payments.collection, request.payments.payments, at: root.child("Payments"))
        case .paymentResponse(let response):
            checkPayments(
                collection: response.payments.collection, response.payments.payments, at: root.child("Payments"))
            checkPaymentOptions(response.paymentOptions, at: root.child("PaymentOptions"))
            checkOverview(
                response.paymentOverview, listing: response.payments.payments, at: root.child("PaymentOverview"))
        case .bookingRequest(let request):
            checkBookingId(of: request, at: root)
            checkBooking(
                travellers: request.travellers, details: request.bookingDetails, prices: request.prices, at: root)
            if let payments = request.payments {
                checkPayments(collection: payments.collection, payments.payments, at: root.child("Payments"))
            }
        case .bookingResponse(let response):
            checkBooking(
                travellers: response.travellers, details: response.bookingDetails, prices: response.prices, at: root)
            if let payments = response.payments {
                checkPayments(collection: payments.collection, payments.payments, at: root.child("Payments"))
            }
            checkPaymentOptions(response.paymentOptions, at: root.child("PaymentOptions"))
            checkOverview(
                response.paymentOverview, listing: response.payments?.payments ?? [],
                at: root.child("PaymentOverview"))
        case .errorResponse:
            break
        case .envelopeRequest(let envelope):
            if let payload = envelope.stringRequest.content?.message {
                check(payload, under: root.descendant("StringRequest", "Content"))
            }
        case .envelopeResponse(let envelope):
            if let payload = envelope.stringResponse.content?.message {
                check(payload, under: root.descendant("StringResponse", "Content"))
            }
        }
    }

    /// Records a violation.
    ///
    /// - Parameters:
    ///   - code: The rule's code.
    ///   - message: The explanation; callers quote secrets only in masked form.
    ///   - path: The element concerned.
    ///   - payment: The identifier of the payment concerned, if any.
    mutating func report(
        _ code: StringPaymentsError.Code, _ message: String, at path: ElementPath, payment: Identifier? = nil
    ) {
        violations.append(
            StringPaymentsError(code: code, message: message, elementPath: path.description, reference: payment?.value))
    }

    // MARK: Booking

    /// `BookingId` is required for `Retrieve`, `Modify` and `Cancel`; reported at `RequestTrigger`.
    private mutating func checkBookingId(of request: BookingRequest, at root: ElementPath) {
        guard request.requestTrigger.requiresBookingId, request.bookingId == nil else { return }
        report(
            .bookingIdRequired,
            "a BookingRequest with RequestTrigger \(request.requestTrigger.rawValue) must name the booking "
                + "in BookingId, but it has none",
            at: root.child("RequestTrigger"))
    }

    /// Remembers the travellers, checks that their identifiers are unique and that `BookingOwner`
    /// names one of them, and that `TotalPrice` sets (or keeps to) the booking's currency.
    private mutating func checkBooking(
        travellers: Travellers?, details: BookingDetails?, prices: Prices?, at root: ElementPath
    ) {
        scope.travellers = travellers?.travellers.map(\.identifier)
        if let travellers {
            var firstPosition: [Identifier: Int] = [:]
            for (index, traveller) in travellers.travellers.enumerated() {
                let id = traveller.identifier
                guard let first = firstPosition[id] else {
                    firstPosition[id] = index + 1
                    continue
                }
                report(
                    .duplicateTravellerIdentifier,
                    "the traveller identifier \(id) is already used by Traveller[\(first)]; BookingOwner and "
                        + "AssignedToTraveller name a traveller by it, so it is unique within a message",
                    at: root.child("Travellers").child("Traveller", position: index + 1))
            }
        }
        if let details {
            checkTravellerReference(
                details.bookingOwner, named: "BookingOwner", at: root.descendant("BookingDetails", "BookingOwner"))
        }
        if let prices {
            let path = root.descendant("Prices", "TotalPrice")
            checkAmount(prices.totalPrice, at: path)
            checkBookingCurrency(prices.totalPrice.currency, of: "TotalPrice", at: path)
        }
    }

    /// A `BookingOwner` or `AssignedToTraveller` must name a traveller of the message when the
    /// message carries `Travellers`.
    mutating func checkTravellerReference(
        _ traveller: Identifier, named element: String, at path: ElementPath, payment: Identifier? = nil
    ) {
        guard let travellers = scope.travellers, !travellers.contains(traveller) else { return }
        report(
            .unknownTraveller,
            "\(element) \(traveller) names no traveller of the message; its travellers are "
                + travellers.map(\.value).joined(separator: ", "),
            at: path, payment: payment)
    }
}
