public import StringPayments
import XMLCoding

/// Payments checked against their booking: what the ledger enters for a request.
///
/// The plan holds the request's payments with their secrets, because the gateway needs the card
/// number; the ledger keeps it only while it processes the request. It is internal: callers
/// enter payments with ``Ledger/processPayments(_:bookingId:collection:gateway:vouchers:)``, which
/// journals every attempt before a gateway sees it, so no reservation can leak.
struct PaymentPlan: Sendable, CustomStringConvertible {
    /// The booking.
    let bookingId: Identifier
    /// Each payment of the request, in request order.
    let items: [Item]
    /// The booking the plan makes; `nil` when the booking exists.
    let newBooking: LedgerBooking?
    let requestDigest: String?
    /// Events journaled in the same change as the payments (autopay's charge record).
    var accompanyingEvents: [LedgerEvent] = []

    /// One payment of a plan.
    struct Item: Sendable {
        // The request's payments and this one's position: sharing the request's array spares a
        // copy of each (large) payment value.
        let requestPayments: [Payment]
        let position: Int
        /// The payment as the request carries it, secrets included, for the gateway.
        var payment: Payment { requestPayments[position] }
        /// The payment as the ledger will keep it, before processing: status `Open`, fee
        /// computed, secrets removed.
        let record: LedgerPayment
        /// Whether the payment is new, entered again after failing, or already in the ledger.
        let disposition: Disposition
        /// What the payment needs before it is entered.
        let processing: Processing
    }

    /// Whether a payment of a request is new to its booking.
    enum Disposition: Hashable, Sendable {
        /// The booking has no payment with the identifier.
        case new
        /// The booking's payment with the identifier failed; the request enters it again.
        case retry
        /// The booking has the payment with the same instruction already: nothing to do.
        case unchanged
    }

    /// What a payment needs before it is entered.
    enum Processing: Hashable, Sendable {
        /// Collected by the agency: it is entered as `Recorded`.
        case recordByAgency
        /// Invoice, instalments or on-site collection: it is entered as `Open`.
        case leaveOpen
        /// Collected by the tour operator electronically: the ``PaymentGateway`` decides.
        case gateway
        /// A voucher: the ``VoucherValidator`` decides.
        case voucher
    }

    /// The items that need a gateway or voucher answer.
    var itemsToProcess: [Item] {
        items.filter { $0.disposition != .unchanged && ($0.processing == .gateway || $0.processing == .voucher) }
    }

    /// The booking and each payment's identifier, disposition and processing; no payment details.
    var description: String {
        "PaymentPlan(\(bookingId): "
            + items.map { "\($0.record.identifier) \($0.disposition) \($0.processing)" }.joined(separator: ", ") + ")"
    }
}

/// What entering payments did.
public struct PaymentEntryResult: Sendable {
    /// The booking after the change.
    public let booking: LedgerBooking
    let entries: PaymentEntries

    init(booking: LedgerBooking, entries: PaymentEntries) {
        self.booking = booking
        self.entries = entries
    }

    init(booking: LedgerBooking, items: [PaymentPlan.Item]) {
        self.init(booking: booking, entries: PaymentEntries(items))
    }

    /// The payments of the request still in flight: the gateway's answer did not arrive, so
    /// they stay `Open` until a reconciliation resolves them.
    public var inFlight: [Identifier] {
        entries.identifiers.filter { booking.payment($0)?.isInFlight == true }
    }

    /// The payments entered (new, or entered again after failing), in request order.
    public var entered: [Identifier] { entries.identifiers(entered: true) }
    /// The payments the booking had already with the same instruction, in request order.
    public var unchanged: [Identifier] { entries.identifiers(entered: false) }
    /// Whether the change entered any payment.
    public var enteredAny: Bool { entries.enteredAny }
}

extension Ledger {
    /// Checks every payment of a request against the booking; throws the first problem.
    static func plan(
        _ payments: [Payment], booking: borrowing LedgerBooking, isNew: Bool, requestDigest: String? = nil,
        collection requestCollection: PaymentCollection?, today: XMLDate, retryingFailed: Bool = false
    ) throws(LedgerError) -> PaymentPlan {
        let bookingId = booking.id
        var items: [PaymentPlan.Item] = []
        items.reserveCapacity(payments.count)
        var seen = payments.count > 16 ? Set<Identifier>(minimumCapacity: payments.count) : []
        var newlyCovered: Int64 = 0
        // The request's payments are read in place, through a pointer: an element read through an
        // array's or a buffer's subscript is copied whole first, and a payment is large.
        try payments.withUnsafeBufferPointer { (buffer) throws(LedgerError) in
            guard let first = buffer.baseAddress else { return }
            for position in buffer.indices {
                let id = first[position].identifier
                let repeated =
                    payments.count > 16
                    ? !seen.insert(id).inserted : items.contains { $0.record.identifier == id }
                guard !repeated else {
                    throw LedgerError(
                        code: .paymentIdentifierReused, message: "payment \(id) occurs twice in the request",
                        bookingId: bookingId, paymentId: id)
                }
                let checked = try check(
                    first + position, booking: booking, collection: requestCollection, today: today,
                    retryingFailed: retryingFailed)
                if checked.disposition != .unchanged {
                    newlyCovered &+= checked.record.amountMinorUnits
                }
                items.append(
                    PaymentPlan.Item(
                        requestPayments: payments, position: position, record: checked.record,
                        disposition: checked.disposition, processing: checked.processing))
            }
        }
        try checkCovered(
            newlyCovered, by: booking, first: items.first { $0.disposition != .unchanged }?.record.identifier)
        return PaymentPlan(
            bookingId: bookingId, items: items, newBooking: isNew ? copy booking : nil, requestDigest: requestDigest)
    }

    /// Refuses payments that together cover more of the price than no other payment covers yet.
    ///
    /// - Parameters:
    ///   - newlyCovered: The amounts of the payments the change enters, in minor units.
    ///   - booking: Their booking, before the change.
    ///   - paymentId: The first payment the change enters, named by the error.
    static func checkCovered(
        _ newlyCovered: Int64, by booking: borrowing LedgerBooking, first paymentId: Identifier?
    ) throws(LedgerError) {
        guard newlyCovered <= booking.uncoveredMinorUnits else {
            throw LedgerError(
                code: .amountExceedsBalance,
                message: "the payments add up to \(booking.money(newlyCovered)), "
                    + "only \(booking.uncoveredAmount) of the price is not covered yet",
                bookingId: booking.id, paymentId: paymentId)
        }
    }

    /// Checks one payment of a request against the booking, as ``plan(_:booking:isNew:requestDigest:collection:today:retryingFailed:)``
    /// checks each: type, currency, amount, collection, form of payment and fee, and what the
    /// booking holds under its identifier. Whether the request repeats an identifier and whether
    /// the payments fit the price are the caller's checks.
    ///
    /// - Parameters:
    ///   - payment: The payment, as the request carries it (read in place).
    ///   - booking: Its booking, before the change.
    ///   - requestCollection: The request's `Payments/@Collection`.
    ///   - today: The entry date of a payment that names none.
    ///   - retryingFailed: Whether a failed payment sent again is a new attempt (autopay).
    /// - Returns: The record to enter, the disposition, the processing, and the position of the
    ///   booking's payment with the identifier, if it has one.
    static func check(
        _ payment: UnsafePointer<Payment>, booking: borrowing LedgerBooking,
        collection requestCollection: PaymentCollection?,
        today: XMLDate, retryingFailed: Bool
    ) throws(LedgerError) -> CheckedPayment {
        let bookingId = booking.id
        let id = payment.pointee.identifier
        func refuse(_ code: LedgerError.Code, _ message: String) -> LedgerError {
            LedgerError(code: code, message: message, bookingId: bookingId, paymentId: id)
        }
        if case .unknown(let type, _) = payment.pointee.specialisation {
            throw refuse(.unsupportedPaymentType, "payment \(id) has the unknown type \(type)")
        }
        let form = payment.pointee.formOfPayment ?? payment.pointee.specialisation.formOfPayment
        let amount = payment.pointee.paymentAmount
        guard amount.currency == booking.currency else {
            throw refuse(
                .currencyMismatch, "payment \(id) is in \(amount.currency), the booking in \(booking.currency)")
        }
        guard let amountMinorUnits = amount.minorUnitCount else {
            throw refuse(
                .invalidAmount,
                "payment \(id) is \(amount.amount) \(amount.currency), which has more fraction digits than "
                    + "\(amount.currency) allows (\(amount.currency.minorUnits)) or is too large")
        }
        guard amountMinorUnits > 0 else {
            throw refuse(.nonPositiveAmount, "payment \(id) is \(amount), it must be more than zero")
        }
        let collection = try resolveCollection(
            payment.pointee.collection, of: id, requestCollection: requestCollection, booking: booking, refuse: refuse)
        var feeMinorUnits: Int64 = 0
        if let form {
            var cardType: String?
            if case .creditCard(let card) = payment.pointee.specialisation {
                cardType = card.creditCard?.cardType
            }
            feeMinorUnits = try Self.fee(
                for: amount, amountMinorUnits: amountMinorUnits, cardType: cardType, form: form,
                collection: collection, booking: booking, refuse: refuse)
        } else if collection != .agency {
            throw refuse(
                .formOfPaymentRequired,
                "payment \(id) names no form of payment; only a payment the agency collects may leave it out")
        }
        let record = LedgerPayment(
            identifier: id, collection: collection, scope: payment.pointee.paymentScope, formOfPayment: form,
            currency: booking.currency, amountMinorUnits: amountMinorUnits, feeMinorUnits: feeMinorUnits,
            status: .open, entryDate: payment.pointee.dates?.entryDate?.withoutTimeZone ?? today,
            instrument: StoredInstrument.of(payment))
        let disposition: PaymentPlan.Disposition
        let existingIndex = booking.paymentIndex(id)
        if let existingIndex {
            let existing = booking.payments[existingIndex]
            // A failed payment sent again is a repeat, unless it failed retryably or the caller
            // retries it (autopay): then it is a new attempt.
            if existing.hasSameInstruction(as: record),
                !(existing.status == .failed && (existing.failedRetryably || retryingFailed))
            {
                disposition = .unchanged
            } else if existing.isInFlight {
                throw refuse(.paymentInProgress, "payment \(id) is in flight with other content")
            } else if existing.status == .failed {
                disposition = .retry
            } else {
                throw refuse(
                    .paymentIdentifierReused,
                    "booking \(bookingId) has payment \(id) already (\(existing.status.rawValue)) with other content")
            }
        } else {
            disposition = .new
        }
        return CheckedPayment(
            record: record, disposition: disposition, processing: processing(form: form, collection: collection),
            existingIndex: existingIndex)
    }

    private static func fee(
        for amount: CurrencyAmount, amountMinorUnits: Int64, cardType: String?, form: FormOfPayment,
        collection: PaymentCollection, booking: borrowing LedgerBooking,
        refuse: (LedgerError.Code, String) -> LedgerError
    ) throws(LedgerError) -> Int64 {
        guard
            let option = booking.paymentOptions.first(where: { option in
                option.formOfPayment == form
                    && (option.collection == nil || option.collection == .mixed || option.collection == collection)
            })
        else {
            throw refuse(
                .formOfPaymentNotOffered,
                "booking \(booking.id) does not offer \(form.rawValue) collected by \(collection.rawValue)")
        }
        if let cardType, !option.acceptedCardTypes.isEmpty,
            !option.acceptedCardTypes.contains(where: { Self.equalIgnoringASCIICase($0, cardType) })
        {
            throw refuse(
                .cardTypeNotAccepted,
                "card type \(cardType) is not accepted; accepted: " + option.acceptedCardTypes.joined(separator: ", "))
        }
        if let fee = feeMinorUnits(of: option, amountMinorUnits: amountMinorUnits, currency: booking.currency) {
            return fee
        }
        do {
            return LedgerPayment.minorUnits(of: try option.fee(for: amount))
        } catch {
            throw refuse(.currencyMismatch, error.message)
        }
    }

    /// The option's fee for an amount, in minor units, by integer arithmetic: `FixedFee` plus
    /// `PercentFee` of the amount, rounded half away from zero once, exactly as
    /// `PaymentOption.fee(for:)` computes it. `nil` when the exact integer path does not apply
    /// (a fixed fee in another currency or with more fraction digits than the currency has);
    /// the caller then takes the `Decimal` path, which also reports the currency mismatch.
    static func feeMinorUnits(of option: PaymentOption, amountMinorUnits: Int64, currency: CurrencyCode) -> Int64? {
        var fixed: Int64 = 0
        if let fixedFee = option.fixedFee {
            guard fixedFee.currency == currency, let count = fixedFee.minorUnitCount else { return nil }
            fixed = count
        }
        guard let percentFee = option.percentFee else { return fixed }
        // PercentFee has at most 4 fraction digits: the fee is amount × p / 10^6 with p in 10^-4 %.
        guard let hundredthBasisPoints = XMLDecimal.scaledInteger(percentFee.value, fractionDigits: 4),
            hundredthBasisPoints >= 0, amountMinorUnits >= 0
        else { return nil }
        let divisor: UInt64 = 1_000_000
        let product = UInt64(amountMinorUnits).multipliedFullWidth(by: UInt64(hundredthBasisPoints))
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        let rounded = remainder * 2 >= divisor ? quotient + 1 : quotient
        guard rounded <= UInt64(Int64.max - max(fixed, 0)) else { return nil }
        return Int64(rounded) + fixed
    }

    /// Card types are ASCII tokens (VISA, MasterCard); compared without Foundation's Unicode
    /// case folding, which costs more than the rest of a payment's checks.
    static func equalIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // Over the bytes in place: iterating two UTF-8 views in step costs ten times as much.
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                for index in left.indices {
                    let (a, b) = (left[index], right[index])
                    if a != b, !(a ^ 0x20 == b && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) { return false }
                }
                return true
            }
        }
    }

    private static func resolveCollection(
        _ paymentCollection: PaymentCollection?, of paymentId: Identifier, requestCollection: PaymentCollection?,
        booking: borrowing LedgerBooking, refuse: (LedgerError.Code, String) -> LedgerError
    ) throws(LedgerError) -> PaymentCollection {
        let restriction = booking.collection == .mixed ? nil : booking.collection
        let requested = requestCollection == .mixed ? nil : requestCollection
        if let requested, let restriction, requested != restriction {
            throw refuse(
                .collectionNotAllowed,
                "the request asks for \(requested.rawValue) collection, booking \(booking.id) allows "
                    + "\(restriction.rawValue) only")
        }
        let collection = paymentCollection ?? requested ?? restriction ?? .tourOperator
        guard collection != .mixed else {
            throw refuse(.collectionNotAllowed, "a single payment cannot have Mixed collection")
        }
        if let restriction, collection != restriction {
            throw refuse(
                .collectionNotAllowed,
                "payment \(paymentId) is collected by \(collection.rawValue), booking \(booking.id) allows "
                    + "\(restriction.rawValue) only")
        }
        if let requested, collection != requested {
            throw refuse(
                .collectionNotAllowed,
                "payment \(paymentId) is collected by \(collection.rawValue), the request restricts "
                    + "payments to \(requested.rawValue)")
        }
        return collection
    }

    static func processing(form: FormOfPayment?, collection: PaymentCollection) -> PaymentPlan.Processing {
        switch collection {
        case .agency: return .recordByAgency
        case .onSite, .mixed: return .leaveOpen
        case .tourOperator:
            switch form {
            case .creditCard, .directDebit, .eBanking, .eWallet: return .gateway
            case .voucher: return .voucher
            case .invoice, .installment, nil: return .leaveOpen
            }
        }
    }
}
