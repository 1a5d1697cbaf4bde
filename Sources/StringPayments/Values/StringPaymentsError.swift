public import XMLCoding

/// The one public error type of the STRING payment domain.
///
/// Every error carries a stable ``code``, a human-readable ``message`` and as much location as is
/// known: the ``elementPath`` of the element concerned
/// (`/PaymentRequest/Payments/Payment[2]/IBAN`), the ``line`` and ``column`` in the input, and
/// the ``reference`` (the `Identifier` of the payment concerned). An error whose cause is reading,
/// decoding or validating XML keeps that cause in ``xmlError``; its ``code`` then has the same raw
/// value as the XML error's code, so `missing-element` means the same thing on both layers.
///
/// Codes are stable across releases: match on ``code``, never on ``message``.
///
/// ## Secrets
///
/// Messages are written by this library and never contain a card number or a security code.
/// `init(_: XMLCodingError)` additionally withholds the text of an XML error, and of each schema violation,
/// located at a `CardNumber`, `SecurityCode`, `MaskedCardNumber` or `PCIBin` element, because the
/// XML layer quotes the offending text in its messages (and the last two may hold a full number
/// sent by mistake).
public struct StringPaymentsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    ///
    /// Codes are open for extension (new codes are `static let`s, so adding one breaks nobody).
    /// The XML coding layer's codes are carried over with `Code.init(_: XMLCodingError.Code)`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable kebab-case text, such as `invalid-iban-checksum`.
        public let rawValue: String

        /// Creates a code from its stable text.
        ///
        /// - Parameter rawValue: The kebab-case text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Creates a code from its stable text.
        ///
        /// - Parameter rawValue: The kebab-case text.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code of an XML reading, decoding, encoding or validation error, with the same raw
        /// value (for example `schema-violation`).
        ///
        /// - Parameter xml: The XML coding layer's code.
        public init(_ xml: XMLCodingError.Code) { self.rawValue = xml.rawValue }

        /// The raw value.
        public var description: String { rawValue }

        // MARK: Payment content

        /// A payment's `FormOfPayment` differs from the form its `xsi:type` specialisation implies.
        public static let formOfPaymentMismatch = Code("form-of-payment-mismatch")
        /// A single payment in a request names the collection `Mixed`, which only `Payments` may carry.
        public static let mixedCollectionOnPayment = Code("mixed-collection-on-payment")
        /// A request carries a payment `Status`, which only the tour operator sets in responses.
        public static let statusInRequest = Code("status-in-request")
        /// A request carries `PaymentDetails`, which only the tour operator sets in responses.
        public static let paymentDetailsInRequest = Code("payment-details-in-request")
        /// A request's `Dates` carries more than `EntryDate`.
        public static let datesInRequest = Code("dates-in-request")
        /// Two payments of one message share an `Identifier`.
        public static let duplicatePaymentIdentifier = Code("duplicate-payment-identifier")
        /// An amount's value needs more fraction digits than its currency's minor units allow
        /// (EUR `12.505`); amounts are never rounded silently.
        public static let tooManyFractionDigits = Code("too-many-fraction-digits")
        /// A currency code has the right form but is not an active ISO 4217 code.
        public static let unknownCurrency = Code("unknown-currency")
        /// An IBAN fails the ISO 13616 mod-97 check.
        public static let invalidIBANChecksum = Code("invalid-iban-checksum")
        /// A card number fails the Luhn check.
        public static let invalidCardNumber = Code("invalid-card-number")
        /// A card in a request expired before the current month.
        public static let cardExpired = Code("card-expired")
        /// A `MaskedCardNumber` shows more digits than PCI DSS allows: more than the first six and
        /// the last four of a number with 16 or more digits, more than the last four of a shorter
        /// one, digits between masked ones, or no masked digit at all (a full number).
        public static let maskedCardNumberRevealsTooMuch = Code("masked-card-number-reveals-too-much")
        /// A `PCIBin` is not 6 or 8 digits, or accompanies a card number of fewer than 16 digits.
        public static let invalidPCIBin = Code("invalid-pci-bin")
        /// A `PaymentOption` for another form of payment than `CreditCard` lists `AcceptedCardType`.
        public static let acceptedCardTypeNotCreditCard = Code("accepted-card-type-not-credit-card")
        /// `AssignedToTraveller` or `BookingOwner` names no traveller of the message.
        public static let unknownTraveller = Code("unknown-traveller")
        /// `AssignedToBookingOwner` is `false`; the element exists only with the value `true`.
        public static let bookingOwnerFlagFalse = Code("booking-owner-flag-false")
        /// The installments of an installment payment do not add up to its `PaymentAmount`.
        public static let installmentSumMismatch = Code("installment-sum-mismatch")
        /// Installment numbers do not run 1…n in order.
        public static let installmentNumbering = Code("installment-numbering")
        /// Amounts in different currencies were combined, or an amount is not in the currency it
        /// must have (an installment in another currency than its payment, say).
        public static let currencyMismatch = Code("currency-mismatch")
        /// A payment names a collection that its `Payments` element's collection does not allow.
        public static let collectionNotAllowed = Code("collection-not-allowed")
        /// A `BookingRequest` for `Retrieve`, `Modify` or `Cancel` has no `BookingId`.
        public static let bookingIdRequired = Code("booking-id-required")
        /// A payment overview's `OpenAmount` is not `TotalPrice + TotalFees − PaidAmount`.
        public static let overviewArithmetic = Code("overview-arithmetic")
        /// A payment overview's `TotalFees` is smaller than the fees of the payments listed beside
        /// it that are not `Failed`.
        public static let overviewBelowPayments = Code("overview-below-payments")
        /// A payment without a chosen form of payment (no `FormOfPayment`, no `xsi:type`) carries
        /// a `PaymentDetails/Fee`; a fee is charged for the chosen form of payment only.
        public static let feeWithoutFormOfPayment = Code("fee-without-form-of-payment")
        /// Two `Traveller`s of a message have the same `Identifier`.
        public static let duplicateTravellerIdentifier = Code("duplicate-traveller-identifier")
        /// A payment overview's amounts are not all in one currency.
        public static let overviewCurrencyMismatch = Code("overview-currency-mismatch")
        /// A collection is required (on the payment or on `Payments`) but none is given.
        public static let missingCollection = Code("missing-collection")

        // MARK: Reports

        /// The last issue of a ``StringValidationReport`` that had more issues than
        /// ``StringMessageValidator/maximumIssueCount``: its message says how many were left out.
        public static let issuesTruncated = Code("issues-truncated")

        // MARK: Flow

        /// A payment status change that the status flow does not allow.
        public static let invalidStatusTransition = Code("invalid-status-transition")
        /// A response kind that is not allowed as the answer to the request kind.
        public static let unpairedResponse = Code("unpaired-response")
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation. Never contains a card number or a security code.
    public var message: String
    /// The path of the element concerned, such as `/PaymentRequest/Payments/Payment[2]/IBAN`.
    ///
    /// A step carries a 1-based position among same-named siblings only when it is greater than
    /// 1; see ``step(_:position:)``.
    public var elementPath: String?
    /// The 1-based line in the input, when known.
    public var line: Int?
    /// The 1-based column in the input, when known.
    public var column: Int?
    /// The identifier of the payment concerned (its `Identifier` attribute), when there is one.
    public var reference: String?
    /// The XML reading, decoding, encoding or validation error that caused this error, if any.
    ///
    /// Its text is withheld where it concerned a secret element; see `init(_: XMLCodingError)`.
    public var xmlError: XMLCodingError?

    /// Every schema violation, when the cause is an ``/XMLCoding/XMLCodingError`` with code
    /// `schema-violation`; otherwise empty.
    public var violations: [XMLSchemaViolation] { xmlError?.violations ?? [] }

    /// The Codable coding path of the cause, when the cause is an ``/XMLCoding/XMLCodingError``; otherwise empty.
    public var codingPath: [String] { xmlError?.codingPath ?? [] }

    /// Creates a semantic error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: The explanation; must not contain secrets.
    ///   - elementPath: The element concerned, built with ``step(_:position:)``. The default is `nil`.
    ///   - line: The 1-based line, when known. The default is `nil`.
    ///   - column: The 1-based column, when known. The default is `nil`.
    ///   - reference: The identifier of the payment concerned. The default is `nil`.
    public init(
        code: Code,
        message: String,
        elementPath: String? = nil,
        line: Int? = nil,
        column: Int? = nil,
        reference: String? = nil
    ) {
        self.code = code
        self.message = message
        self.elementPath = elementPath
        self.line = line
        self.column = column
        self.reference = reference
        self.xmlError = nil
    }

    /// Wraps an XML reading, decoding, encoding or validation error.
    ///
    /// The code gets the XML error's raw value, and message and location are taken over. When
    /// the XML error, or one of its schema violations, is located at a `CardNumber` or
    /// `SecurityCode` element, its message is replaced by one that does not quote the text,
    /// both here and in the kept ``xmlError``.
    ///
    /// - Parameter xml: The XML coding layer's error.
    public init(_ xml: XMLCodingError) {
        let redacted = SecretRedaction.redacting(xml)
        self.code = Code(redacted.code)
        self.message = redacted.message
        self.elementPath = redacted.elementPath
        self.line = redacted.line
        self.column = redacted.column
        self.reference = nil
        self.xmlError = redacted
    }

    /// One step of an ``elementPath``: the name, with `[position]` appended only when the
    /// position is greater than 1, as in `Payment[2]`.
    ///
    /// Join steps with `/` and start with `/`:
    /// `"/" + ["PaymentRequest", "Payments", StringPaymentsError.step("Payment", position: 2)].joined(separator: "/")`.
    ///
    /// - Parameters:
    ///   - name: The element's local name.
    ///   - position: The 1-based position among siblings of the same name. The default is 1.
    /// - Returns: `name` or `name[position]`.
    public static func step(_ name: String, position: Int = 1) -> String {
        position > 1 ? "\(name)[\(position)]" : name
    }

    /// `CODE at LINE:COLUMN in PATH (payment REFERENCE): message`, leaving out what is unknown,
    /// followed by one line per schema violation.
    public var description: String {
        var text = code.rawValue
        if let line {
            text += " at \(line):\(column ?? 0)"
        }
        if let elementPath {
            text += " in \(elementPath)"
        }
        if let reference {
            text += " (payment \(reference))"
        }
        text += ": " + message
        for violation in violations {
            text += "\n  " + violation.description
        }
        return text
    }
}

/// Withholds the text of XML errors located at secret elements.
enum SecretRedaction {
    /// The local names of the elements whose content is a secret.
    ///
    /// `MaskedCardNumber` and `PCIBin` are included: they may hold a full number by mistake, and
    /// the schema layer would quote it.
    static let secretElementNames: Set<String> = ["CardNumber", "SecurityCode", "MaskedCardNumber", "PCIBin"]

    /// Whether an element path or coding path component names a secret element.
    static func isSecretLocation(elementPath: String?, codingPath: [String]) -> Bool {
        if let elementPath, let last = lastElementName(of: elementPath),
            secretElementNames.contains(last)
        {
            return true
        }
        if let last = codingPath.last, secretElementNames.contains(last) {
            return true
        }
        return false
    }

    /// The local name of the last element step of a path such as `/A/s:B[2]`, without prefix,
    /// position or a trailing attribute step.
    static func lastElementName(of path: String) -> String? {
        var steps = path.split(separator: "/")
        if let last = steps.last, last.hasPrefix("@") { steps.removeLast() }
        guard var step = steps.last else { return nil }
        if let bracket = step.firstIndex(of: "[") { step = step[..<bracket] }
        if let colon = step.lastIndex(of: ":") { step = step[step.index(after: colon)...] }
        if let brace = step.lastIndex(of: "}") { step = step[step.index(after: brace)...] }
        return String(step)
    }

    /// The error with every message located at a secret element replaced.
    static func redacting(_ error: XMLCodingError) -> XMLCodingError {
        var result = error
        if isSecretLocation(elementPath: error.elementPath, codingPath: error.codingPath) {
            result.message = "the value is not valid here (the text of a secret element is withheld)"
        }
        result.violations = error.violations.map { violation in
            guard isSecretLocation(elementPath: violation.elementPath, codingPath: []) else {
                return violation
            }
            var redacted = violation
            redacted.message =
                "the value violates the schema (the text of a secret element is withheld)"
            return redacted
        }
        return result
    }
}
