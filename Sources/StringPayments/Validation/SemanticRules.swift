public import XMLCoding

extension StringMessage {
    /// Checks the rules of the STRING content model that the schema does not express, and returns
    /// every violation.
    ///
    /// The schema (``StringSchemas``) checks structure and simple types; these rules need several
    /// elements at once, arithmetic, a code list or the current date. Run them on a message that
    /// decoded from schema-valid input (``StringMessageValidator`` does both), or on a message built
    /// in code before sending it. For an envelope, the payload is checked as the message it is.
    ///
    /// | Rule | Code |
    /// |---|---|
    /// | `FormOfPayment` absent or equal to the form the `xsi:type` implies | `form-of-payment-mismatch` |
    /// | no `Collection="Mixed"` on a payment in a request | `mixed-collection-on-payment` |
    /// | no `Status`, no `PaymentDetails` in a request | `status-in-request`, `payment-details-in-request` |
    /// | a request's `Dates` carries only `EntryDate` | `dates-in-request` |
    /// | payment `Identifier`s unique within the message | `duplicate-payment-identifier` |
    /// | every amount (payments, installments, fees, prices, overview) needs no more fraction digits than its currency's minor units | `too-many-fraction-digits` |
    /// | every currency is an ISO 4217 code | `unknown-currency` |
    /// | IBAN mod-97 check digits | `invalid-iban-checksum` |
    /// | card number Luhn check digit | `invalid-card-number` |
    /// | a request's card `ExpiryDate` not before the current month | `card-expired` |
    /// | `MaskedCardNumber` shows at most the first six and last four digits (16 digits or more), the last four otherwise | `masked-card-number-reveals-too-much` |
    /// | `PCIBin` is 6 or 8 digits, and only with a card of 16 digits or more | `invalid-pci-bin` |
    /// | `AcceptedCardType` only in the `CreditCard` payment option | `accepted-card-type-not-credit-card` |
    /// | `BookingOwner` and `AssignedToTraveller` name a `Traveller` of the message, when it carries `Travellers` | `unknown-traveller` |
    /// | `AssignedToBookingOwner` is `true` | `booking-owner-flag-false` |
    /// | installments add up to `PaymentAmount` | `installment-sum-mismatch` |
    /// | installments numbered 1…n in document order | `installment-numbering` |
    /// | installments in the payment's currency; prices, payments, fees and the overview of a booking in one currency | `currency-mismatch` |
    /// | a `Payments` collection of `Agency` or `TourOperator` allows no other collection on its payments | `collection-not-allowed` |
    /// | `BookingId` present for `Retrieve`, `Modify` and `Cancel` | `booking-id-required` |
    /// | overview `OpenAmount = TotalPrice + TotalFees − PaidAmount` and `PaidAmount ≥ SettledAmount` | `overview-arithmetic` |
    /// | overview `OverdueAmount` and `NextDue/Amount` no more than what is open (`NextDue` only while something is open) | `overview-arithmetic` |
    /// | overview `TotalFees` at least the fees of the listed payments that are not `Failed` | `overview-below-payments` |
    /// | overview figures in one currency | `overview-currency-mismatch` |
    /// | a `PaymentDetails/Fee` only on a payment with a chosen form of payment | `fee-without-form-of-payment` |
    /// | `Traveller` identifiers unique within the message | `duplicate-traveller-identifier` |
    ///
    /// A response's `Payments` always has a `Collection` in this model (``PaymentsResponse/collection``
    /// is not optional), so `missing-collection` never arises here: decoding already refuses a
    /// response `Payments` without one (`missing-attribute`).
    ///
    /// Each violation is a ``StringPaymentsError`` with its ``StringPaymentsError/code``, a message
    /// that quotes card numbers and IBANs only masked (and security codes never), the
    /// ``StringPaymentsError/elementPath`` of the element concerned (for example
    /// `/PaymentRequest/Payments/Payment[2]/IBAN`, or
    /// `/StringMessageRequest/StringRequest/Content/PaymentRequest/…` for an envelope's payload) and,
    /// when it concerns a payment, the payment's `Identifier` as ``StringPaymentsError/reference``.
    /// A model built in code has no line numbers, so ``StringPaymentsError/line`` is `nil`.
    ///
    /// The violations come in document order: each is reported where a reader going through the
    /// document meets it, a rule about an element's children as a whole (installments adding up)
    /// after those children. Independent rules are all reported, even on one element (an amount
    /// with too many fraction digits in another currency than the booking's). A rule is skipped
    /// only where another violation leaves it nothing meaningful to check: installments in two
    /// currencies are not added up, and the minor units of an unknown currency are not guessed.
    ///
    /// ```swift
    /// let message = try StringMessage.decode(from: data)
    /// for violation in message.semanticViolations(today: .today()) {
    ///     print(violation)   // card-expired in /PaymentRequest/Payments/Payment/CreditCard/ExpiryDate (payment BAL): …
    /// }
    /// ```
    ///
    /// - Parameter today: The current date, for `card-expired`: a card is valid through its expiry
    ///   month, so only the year and month are compared. Pass ``/XMLCoding/XMLDate/today(in:now:)`` in
    ///   production and a fixed date in tests.
    /// - Returns: Every violation in document order; empty when the message keeps every rule.
    public func semanticViolations(today: XMLDate) -> [StringPaymentsError] {
        var checker = SemanticRuleChecker(today: today)
        checker.check(self)
        return checker.violations
    }
}
