public import StringPayments

/// A change the ledger refused, with a stable code, a message and what it concerns.
///
/// A refused change leaves the ledger exactly as it was. The message handler reports these
/// errors inline, as `Errors/ErrorDetail` of the response, with ``code`` as `Code` and the
/// ``paymentId`` (or else the ``bookingId``) as `Reference`. The codes are part of the public
/// API: new ones may be added in a minor release, existing ones never change meaning.
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as it appears in `ErrorDetail/Code`.
        public let rawValue: String

        /// Creates a code from its text.
        ///
        /// - Parameter rawValue: The code's text.
        public init(rawValue: String) { self.rawValue = rawValue }

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code's text.
        public var description: String { rawValue }

        /// No booking has the identifier.
        public static let unknownBooking = Code("unknown-booking")
        /// The booking is cancelled; it takes no new payments and no modification.
        public static let bookingCancelled = Code("booking-cancelled")
        /// A booking with the identifier exists already, with other content.
        public static let bookingExists = Code("booking-exists")
        /// `Book` or `Quote` without the data a booking needs (`BookingDetails`, `Prices`).
        public static let bookingDataRequired = Code("booking-data-required")
        /// The booking's dates or price give no valid payment schedule.
        public static let invalidSchedule = Code("invalid-schedule")
        /// A booking identifier is required for this trigger.
        public static let bookingIdRequired = Code("booking-id-required")
        /// The payment's currency is not the booking currency.
        public static let currencyMismatch = Code("currency-mismatch")
        /// The payment has no form of payment (neither `FormOfPayment` nor `xsi:type`).
        public static let formOfPaymentRequired = Code("form-of-payment-required")
        /// The booking does not offer the form of payment (for the payment's collection).
        public static let formOfPaymentNotOffered = Code("form-of-payment-not-offered")
        /// The card type is not among the option's accepted card types.
        public static let cardTypeNotAccepted = Code("card-type-not-accepted")
        /// The payment's collection is not allowed by the booking's collection restriction.
        public static let collectionNotAllowed = Code("collection-not-allowed")
        /// The payment amount is zero.
        public static let nonPositiveAmount = Code("non-positive-amount")
        /// The amount has more fraction digits than its currency allows, or is out of range.
        public static let invalidAmount = Code("invalid-amount")
        /// The payment is more than the part of the price no other payment covers yet.
        public static let amountExceedsBalance = Code("amount-exceeds-balance")
        /// A payment identifier of the booking is sent again with other content.
        public static let paymentIdentifierReused = Code("payment-identifier-reused")
        /// The payment is in flight: a gateway or voucher validation has it and the ledger waits
        /// for the outcome (or, after a crash, for ``Ledger/reconcile(gateway:vouchers:)``).
        public static let paymentInProgress = Code("payment-in-progress")
        /// The booking has no payment with the identifier.
        public static let unknownPayment = Code("unknown-payment")
        /// The payment's status does not allow the operation.
        public static let invalidStatusTransition = Code("invalid-status-transition")
        /// The voucher validation refused the voucher.
        public static let voucherRejected = Code("voucher-rejected")
        /// The payment's `xsi:type` is not one the ledger can process.
        public static let unsupportedPaymentType = Code("unsupported-payment-type")
        /// The operation needs a payment collected by the agency.
        public static let notAgencyCollected = Code("not-agency-collected")
        /// The journal could not store the change.
        public static let journalFailure = Code("journal-failure")
        /// A `Retrieve`, `Modify` or `Cancel` request carries payments; send them in a
        /// `PaymentRequest` (or with `Book`).
        public static let paymentsNotAllowed = Code("payments-not-allowed")
        /// The message handler was given a response, not a request.
        public static let notARequest = Code("not-a-request")
        /// A value of the ``LedgerConfiguration`` is out of range; the message names it.
        public static let invalidConfiguration = Code("invalid-configuration")
        /// The change was applied, but its response could not be encoded; the message says what
        /// the ledger holds now.
        public static let responseNotEncodable = Code("response-not-encodable")
        /// No unregistered payment has the bank reference.
        public static let unknownUnregisteredPayment = Code("unknown-unregistered-payment")
        /// An unregistered payment with the bank reference was received already (a journal that
        /// records it twice is corrupt; ``Ledger/importBankStatement(_:methodCode:)`` skips known
        /// references instead).
        public static let unregisteredPaymentExists = Code("unregistered-payment-exists")
        /// The unregistered payment is assigned to a booking already; unassign it first.
        public static let alreadyAssigned = Code("already-assigned")
        /// The unregistered payment is not assigned (to the booking the change names).
        public static let notAssigned = Code("not-assigned")
        /// The bank reversed the unregistered payment; it cannot be assigned or unassigned.
        public static let unregisteredPaymentReversed = Code("unregistered-payment-reversed")
        /// The card payment was paid out by the acquirer already, with other figures.
        public static let alreadyPaidOut = Code("already-paid-out")
        /// A card payout does not fit the payment: not a card payment the tour operator collected,
        /// not `Settled` or `Confirmed`, a gross amount other than what the card was charged, or a
        /// negative fee.
        public static let payoutMismatch = Code("payout-mismatch")
        /// A booking detail or comment is too long, empty where text is needed, or holds a control
        /// character; the message names the field.
        public static let invalidBookingDetails = Code("invalid-booking-details")
        /// A refund was requested for a booking whose money the seller has not released
        /// (``Ledger/setRelease(_:for:)``).
        public static let notReleased = Code("not-released")
        /// A refund was requested for a financed booking without forcing it with a reason.
        public static let bookingFinanced = Code("booking-financed")
        /// The refund is more than the booking may still return: its overpaid money less what
        /// requested refunds reserve.
        public static let refundExceedsBalance = Code("refund-exceeds-balance")
        /// The booking has no refund with the identifier.
        public static let unknownRefund = Code("unknown-refund")
        /// The refund cannot be paid that way: a card refund names a payment that the gateway
        /// did not collect or that has a refund already, asks for more than the payment charged,
        /// or is asked of the ledger without a gateway.
        public static let refundNotPossible = Code("refund-not-possible")
        /// The booking has no stored card with the identifier.
        public static let unknownCard = Code("unknown-card")
        /// The booking has no scheduled payment with the identifier.
        public static let unknownScheduledPayment = Code("unknown-scheduled-payment")
        /// The scheduled payment has no approval to withdraw.
        public static let notApproved = Code("not-approved")
        /// The booking has no direct debit mandate with the reference.
        public static let unknownMandate = Code("unknown-mandate")
        /// Autopay data out of range: a card whose mask shows too much, an empty memo, a
        /// charge that names the wrong payment.
        public static let invalidAutopayData = Code("invalid-autopay-data")
        /// A GDS flight record out of range: a PNR, airline or airport code of the wrong form, an
        /// arrival too far from the departure, passengers, cost price, phone or comment out of
        /// range; the message names the field.
        public static let invalidGDSRecord = Code("invalid-gds-record")
        /// The booking has no GDS flight record with the identifier.
        public static let unknownGDSRecord = Code("unknown-gds-record")
        /// A portal token cannot be issued for that long (1 minute to 30 days), or a journaled
        /// token event does not fit the tokens before it.
        public static let invalidPortalToken = Code("invalid-portal-token")
        /// The portal link is malformed, or no token with its digest was ever issued.
        public static let unknownPortalToken = Code("unknown-portal-token")
        /// The portal link's token is past its expiry.
        public static let portalTokenExpired = Code("portal-token-expired")
        /// The portal link's token was used already, or revoked.
        public static let portalTokenUsed = Code("portal-token-used")

        /// Every code the ledger and the message handler produce, in documentation order.
        public static let all: [Code] = [
            .unknownBooking, .bookingCancelled, .bookingExists, .bookingDataRequired, .invalidSchedule,
            .bookingIdRequired, .currencyMismatch, .formOfPaymentRequired, .formOfPaymentNotOffered,
            .cardTypeNotAccepted, .collectionNotAllowed, .nonPositiveAmount, .invalidAmount, .amountExceedsBalance,
            .paymentIdentifierReused, .paymentInProgress, .unknownPayment, .invalidStatusTransition,
            .voucherRejected, .unsupportedPaymentType, .notAgencyCollected, .journalFailure, .paymentsNotAllowed,
            .notARequest, .invalidConfiguration, .responseNotEncodable, .unknownUnregisteredPayment,
            .unregisteredPaymentExists, .alreadyAssigned, .notAssigned, .unregisteredPaymentReversed,
            .alreadyPaidOut, .payoutMismatch,
            .invalidBookingDetails, .notReleased, .bookingFinanced, .refundExceedsBalance, .unknownRefund,
            .refundNotPossible,
            .unknownCard, .unknownScheduledPayment, .notApproved, .invalidAutopayData, .unknownMandate,
            .invalidGDSRecord, .unknownGDSRecord,
            .invalidPortalToken, .unknownPortalToken, .portalTokenExpired, .portalTokenUsed,
        ]
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation. It never contains a card number or security code.
    public var message: String
    /// The booking the error concerns.
    public var bookingId: Identifier?
    /// The payment the error concerns.
    public var paymentId: Identifier?
    /// The journal's error, for ``Code/journalFailure``.
    public var journalError: LedgerJournalError?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: The explanation.
    ///   - bookingId: The booking concerned.
    ///   - paymentId: The payment concerned.
    ///   - journalError: The journal's error, if the journal failed.
    public init(
        code: Code,
        message: String,
        bookingId: Identifier? = nil,
        paymentId: Identifier? = nil,
        journalError: LedgerJournalError? = nil
    ) {
        self.code = code
        self.message = message
        self.bookingId = bookingId
        self.paymentId = paymentId
        self.journalError = journalError
    }

    /// The identifier an `ErrorDetail/Reference` names: the payment, else the booking.
    public var reference: Identifier? { paymentId ?? bookingId }

    /// `code: message`, with the booking and payment it concerns.
    public var description: String {
        var text = code.rawValue
        if let bookingId { text += " [booking \(bookingId)" + (paymentId.map { ", payment \($0)" } ?? "") + "]" }
        return text + ": " + message
    }
}
