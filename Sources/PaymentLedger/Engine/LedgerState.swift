import StringPayments
import XMLCoding

/// The fold of the event log: every booking, by identifier, plus the request digests that make
/// `Book` idempotent, and the unregistered payments by bank reference.
///
/// A change concerns at most one booking. Events of unregistered payments may stand alone (a
/// payment received, or reversed while unassigned) or join the events of the booking they name
/// (an assignment with the booking's `paymentEntered`, an unassignment or reversal with its
/// payment's status change); see ``LedgerEvent/bookingId``.
///
/// A change is applied in three steps: ``check(_:)`` verifies that its events fit the state
/// (without changing anything), the caller journals them, and ``apply(_:afterCheck:)`` applies
/// them in place. The check covers every condition under which applying an event fails, so a
/// change that passed it applies completely; a change the check or the journal refuses never
/// reaches the state. Replay uses the same steps, so the state after a replay is the state
/// before the restart. Applying in place, rather than to a copy, keeps a change's cost
/// independent of the booking's size.
struct LedgerState: Sendable {
    private(set) var bookings: [LedgerBooking] = []
    private(set) var index = BookingIndex()
    private(set) var bookingsByRequestDigest: [String: Identifier] = [:]
    private(set) var eventCount = 0
    /// The unregistered payments by bank reference.
    private(set) var unregistered: [String: UnregisteredPayment] = [:]
    /// The bank references in the order received.
    private(set) var unregisteredOrder: [String] = []
    /// The card settlement lines that could not be recorded as payouts.
    private(set) var cardSettlementExceptions = CardSettlementExceptions()
    /// The positions of the bookings that hold more money than they cost (a negative open
    /// amount), kept up to date by every change: the negative-balances list reads these instead of
    /// every booking.
    private(set) var negativeBalancePositions: Set<Int> = []
    /// The bookings' autopay data and the indexes autopay runs select from.
    private(set) var autopay = AutopayState()
    /// The one-time portal tokens, by digest.
    private(set) var portalTokens = PortalTokenState()

    func booking(_ id: Identifier) -> LedgerBooking? {
        index.position(of: id, in: bookings).map { bookings[$0] }
    }

    func position(of id: Identifier) -> Int? { index.position(of: id, in: bookings) }

    /// Whether the booking at `position` is cancelled, read in place (an array element read
    /// for one field is copied whole first).
    func isCancelled(at position: Int) -> Bool {
        bookings.withUnsafeBufferPointer { $0.indices.contains(position) && $0[position].state == .cancelled }
    }

    /// Verifies that the events of one change fit the state and each other.
    ///
    /// - Throws: An error when they do not: a booking created twice, a payment of an unknown
    ///   booking, a status change from a status the payment is not in, events of two bookings
    ///   in one change, amounts in another currency. The ledger checks every operation before
    ///   it gets here, so for new changes this never throws; a journal whose events fail it is
    ///   corrupt.
    func check(_ events: [LedgerEvent]) throws(LedgerError) {
        try check(events, position: Self.bookingId(of: events).flatMap { position(of: $0) })
    }

    /// The booking a change concerns: the first event's that names one.
    static func bookingId(of events: [LedgerEvent]) -> Identifier? {
        if let id = events.first?.bookingId { return id }
        return events.lazy.compactMap(\.bookingId).first
    }

    /// ``check(_:)`` with the position of the booking, looked up by the caller.
    func check(_ events: [LedgerEvent], position: Int?) throws(LedgerError) {
        guard let id = Self.bookingId(of: events) else {
            try checkUnregistered(events, bookingId: nil, currency: nil)
            try checkCardSettlementExceptions(events)
            return
        }
        var concernsUnregistered = false
        var concernsSettlementExceptions = false
        // The payments the change has paid out so far.
        var paidOut: [Identifier] = []
        var exists = position != nil
        var currency = position.map { bookings[$0].currency }
        // The statuses the change has given payments so far, over the booking's; a change has
        // a few events, so a list beats a dictionary.
        var statuses: [StatusOverride] = []
        if events.count > 1 { statuses.reserveCapacity(events.count) }
        func current(_ paymentId: Identifier) -> StatusOverride? {
            if let overridden = statuses.last(where: { $0.paymentId == paymentId }) { return overridden }
            guard let position, let payment = bookings[position].payments.first(where: { $0.identifier == paymentId })
            else { return nil }
            return StatusOverride(
                paymentId: paymentId, status: payment.status, isInFlight: payment.isInFlight, attempt: payment.attempt)
        }
        for event in events {
            if event.unregisteredPaymentReference != nil { concernsUnregistered = true }
            guard let eventBookingId = event.bookingId else {
                if case .cardSettlementExceptionRecorded = event { concernsSettlementExceptions = true }
                continue
            }
            guard eventBookingId == id else {
                throw LedgerError(
                    code: .unknownBooking, message: "one change concerns bookings \(id) and \(eventBookingId)",
                    bookingId: eventBookingId)
            }
            if case .bookingCreated(let booking, _) = event {
                guard !exists else {
                    throw LedgerError(code: .bookingExists, message: "booking \(id) is created twice", bookingId: id)
                }
                exists = true
                currency = booking.currency
                try Self.checkAmounts(
                    price: booking.totalPrice, schedule: booking.schedule, currency: booking.currency, id: id)
                for payment in booking.payments {
                    statuses.append(
                        StatusOverride(
                            paymentId: payment.identifier, status: payment.status, isInFlight: payment.isInFlight,
                            attempt: payment.attempt))
                }
                continue
            }
            guard exists, let currency else {
                throw LedgerError(code: .unknownBooking, message: "no booking \(id)", bookingId: id)
            }
            switch event {
            case .bookingCreated, .unregisteredPaymentReceived, .unregisteredPaymentAssigned,
                .unregisteredPaymentUnassigned, .unregisteredPaymentReversed, .cardSettlementExceptionRecorded,
                .releaseDecided:
                break
            case .cardPaymentPaidOut(_, let paymentId, let payout):
                try checkPayout(
                    payout, of: paymentId, status: current(paymentId)?.status, position: position, bookingId: id,
                    paidOutBefore: paidOut.contains(paymentId))
                paidOut.append(paymentId)
            case .bookingDetailsChanged(let change):
                try change.validate()
            case .servicesRecorded(let servicesEvent):
                try servicesEvent.validate()
            case .bookingCommented(_, let comment):
                try Self.checkComment(comment.text, bookingId: id)
            case .refundRequested(_, let refund):
                guard let position else {
                    throw LedgerError(
                        code: .notReleased, message: "booking \(id) is new; nothing is released", bookingId: id)
                }
                try Self.checkRefund(refund, of: bookings[position], currency: currency)
            case .refundResolved(let resolution):
                guard let refund = position.flatMap({ bookings[$0].refund(resolution.refundId) }) else {
                    throw LedgerError(
                        code: .unknownRefund, message: "booking \(id) has no refund \(resolution.refundId)",
                        bookingId: id)
                }
                guard refund.status == .requested, resolution.status != .requested else {
                    throw LedgerError(
                        code: .invalidStatusTransition,
                        message: "refund \(refund.identifier) is \(refund.status.rawValue) and cannot become "
                            + resolution.status.rawValue,
                        bookingId: id)
                }
            case .autopay(let autopayEvent):
                guard let position else {
                    throw LedgerError(code: .unknownBooking, message: "no booking \(id) yet", bookingId: id)
                }
                try autopay.check(autopayEvent, booking: bookings[position], position: position)
            case .gds(let gdsEvent):
                guard let position else {
                    throw LedgerError(code: .unknownBooking, message: "no booking \(id) yet", bookingId: id)
                }
                try gdsEvent.check(against: bookings[position])
            case .portalToken(let tokenEvent):
                guard position != nil else {
                    throw LedgerError(code: .unknownBooking, message: "no booking \(id) yet", bookingId: id)
                }
                try portalTokens.check(tokenEvent)
            case .bookingModified(let modification):
                guard modification.totalPrice.currency == currency else {
                    throw Self.currencyError(modification.totalPrice.currency, currency, id, nil)
                }
                try Self.checkAmounts(
                    price: modification.totalPrice, schedule: modification.schedule, currency: currency, id: id)
            case .bookingCancelled(_, _, let chargedPrice):
                guard chargedPrice.currency == currency else {
                    throw Self.currencyError(chargedPrice.currency, currency, id, nil)
                }
                try Self.checkAmounts(price: chargedPrice, schedule: [], currency: currency, id: id)
            case .paymentEntered(_, let payment):
                let previous = current(payment.identifier)
                try Self.checkEntered(payment, previous: previous?.status, currency: currency, bookingId: id)
                statuses.append(
                    StatusOverride(
                        paymentId: payment.identifier, status: payment.status, isInFlight: payment.isInFlight,
                        attempt: previous.map { $0.attempt &+ 1 } ?? 1))
            case .paymentStatusChanged(let change):
                guard let before = current(change.paymentId) else {
                    throw LedgerError(
                        code: .unknownPayment, message: "no payment \(change.paymentId)", bookingId: id,
                        paymentId: change.paymentId)
                }
                guard before.status == change.from, before.status.canTransition(to: change.to) else {
                    throw LedgerError(
                        code: .invalidStatusTransition,
                        message: "payment \(change.paymentId) is \(before.status.rawValue); the change moves it from "
                            + "\(change.from.rawValue) to \(change.to.rawValue)",
                        bookingId: id, paymentId: change.paymentId)
                }
                guard !before.isInFlight else {
                    throw LedgerError(
                        code: .paymentInProgress,
                        message: "payment \(change.paymentId) is in flight; only its processing result moves it",
                        bookingId: id, paymentId: change.paymentId)
                }
                statuses.append(
                    StatusOverride(
                        paymentId: change.paymentId, status: change.to, isInFlight: false, attempt: before.attempt))
            case .paymentProcessed(let result):
                guard let before = current(result.paymentId) else {
                    throw LedgerError(
                        code: .unknownPayment, message: "no payment \(result.paymentId)", bookingId: id,
                        paymentId: result.paymentId)
                }
                guard before.isInFlight, before.attempt == result.attempt, before.status == .open else {
                    throw LedgerError(
                        code: .invalidStatusTransition,
                        message: "payment \(result.paymentId) attempt \(result.attempt) is not in flight",
                        bookingId: id, paymentId: result.paymentId)
                }
                guard result.status == .open || PaymentStatus.open.canTransition(to: result.status),
                    result.status != .confirmed
                else {
                    throw LedgerError(
                        code: .invalidStatusTransition,
                        message: "an attempt cannot end \(result.status.rawValue)", bookingId: id,
                        paymentId: result.paymentId)
                }
                statuses.append(
                    StatusOverride(
                        paymentId: result.paymentId, status: result.status, isInFlight: false, attempt: before.attempt))
            }
        }
        if concernsUnregistered { try checkUnregistered(events, bookingId: id, currency: currency) }
        if concernsSettlementExceptions { try checkCardSettlementExceptions(events) }
    }

    /// Checks the events of unregistered payments in a change: each names a payment received
    /// before (or earlier in the change) and moves it along unassigned → assigned → unassigned,
    /// or to reversed; an assignment's booking (which the caller checked exists) has the
    /// payment's currency.
    ///
    /// - Parameters:
    ///   - events: The change.
    ///   - bookingId: The booking the change concerns, if any.
    ///   - currency: That booking's currency.
    private func checkUnregistered(
        _ events: [LedgerEvent], bookingId: Identifier?, currency: CurrencyCode?
    ) throws(LedgerError) {
        var changed: [UnregisteredPayment] = []
        func current(_ reference: String) throws(LedgerError) -> UnregisteredPayment {
            if let payment = changed.last(where: { $0.reference == reference }) ?? unregistered[reference] {
                return payment
            }
            throw LedgerError(
                code: .unknownUnregisteredPayment, message: "there is no unregistered payment \(reference)",
                bookingId: bookingId)
        }
        func reversedError(_ reference: String) -> LedgerError {
            LedgerError(
                code: .unregisteredPaymentReversed,
                message: "unregistered payment \(reference) was reversed by the bank",
                bookingId: bookingId)
        }
        for event in events {
            switch event {
            case .unregisteredPaymentReceived(let payment):
                let reference = payment.reference
                guard changed.last(where: { $0.reference == reference }) == nil, unregistered[reference] == nil else {
                    throw LedgerError(
                        code: .unregisteredPaymentExists,
                        message: "unregistered payment \(reference) is received twice")
                }
                guard !reference.isEmpty, payment.state == .unassigned else {
                    throw LedgerError(
                        code: .invalidStatusTransition,
                        message: "unregistered payment \(reference) must be received unassigned, with a reference")
                }
                guard let units = payment.amount.minorUnitCount, units > 0, units <= Self.maximumMinorUnits else {
                    throw LedgerError(
                        code: .invalidAmount,
                        message: "unregistered payment \(reference) has an amount out of range: \(payment.amount)")
                }
                changed.append(payment)
            case .unregisteredPaymentAssigned(let reference, let target, let paymentId):
                var payment = try current(reference)
                switch payment.state {
                case .assigned(let assignedTo, _):
                    throw LedgerError(
                        code: .alreadyAssigned,
                        message: "unregistered payment \(reference) is assigned to booking \(assignedTo) already",
                        bookingId: target)
                case .reversed:
                    throw reversedError(reference)
                case .unassigned:
                    break
                }
                guard payment.amount.currency == currency else {
                    throw LedgerError(
                        code: .currencyMismatch,
                        message: "unregistered payment \(reference) is in \(payment.amount.currency), booking "
                            + "\(target) in \(currency.map(\.description) ?? "no currency")",
                        bookingId: target)
                }
                payment.state = .assigned(bookingId: target, paymentId: paymentId)
                changed.append(payment)
            case .unregisteredPaymentUnassigned(let reference, let target, _):
                var payment = try current(reference)
                if payment.state == .reversed { throw reversedError(reference) }
                guard payment.assignedBookingId == target else {
                    throw LedgerError(
                        code: .notAssigned, message: "unregistered payment \(reference) is not assigned to \(target)",
                        bookingId: target)
                }
                payment.state = .unassigned
                changed.append(payment)
            case .unregisteredPaymentReversed(let reference, let target):
                var payment = try current(reference)
                if payment.state == .reversed { throw reversedError(reference) }
                guard payment.assignedBookingId == target else {
                    throw LedgerError(
                        code: .notAssigned,
                        message: "unregistered payment \(reference) is not assigned to "
                            + (target.map { "booking \($0)" } ?? "no booking"),
                        bookingId: target)
                }
                payment.state = .reversed
                changed.append(payment)
            default:
                continue
            }
        }
    }

    /// Applies the events of a change that passed ``check(_:)``, in place.
    ///
    /// - Returns: The position of the booking the change concerns, or `nil` for an empty change
    ///   or one that concerns unregistered payments only.
    @discardableResult
    mutating func apply(_ events: [LedgerEvent], afterCheck: Void, position known: Int? = nil) -> Int? {
        var position = known ?? Self.bookingId(of: events).flatMap { self.position(of: $0) }
        for event in events {
            switch event {
            case .bookingCreated(let booking, let digest):
                position = bookings.count
                index.insert(booking.id, at: bookings.count, in: bookings)
                bookings.append(booking)
                if let digest { bookingsByRequestDigest[digest] = booking.id }
                autopay.index(booking, at: bookings.count - 1)
            case .unregisteredPaymentReceived(let payment):
                unregistered[payment.reference] = payment
                unregisteredOrder.append(payment.reference)
            case .unregisteredPaymentAssigned(let reference, let bookingId, let paymentId):
                unregistered[reference]?.state = .assigned(bookingId: bookingId, paymentId: paymentId)
            case .unregisteredPaymentUnassigned(let reference, _, _):
                unregistered[reference]?.state = .unassigned
            case .unregisteredPaymentReversed(let reference, _):
                unregistered[reference]?.state = .reversed
            case .cardSettlementExceptionRecorded(let exception):
                cardSettlementExceptions.record(exception)
            case .portalToken(let tokenEvent):
                portalTokens.apply(tokenEvent)
            default:
                if let position {
                    autopay.prepare(event, booking: bookings[position], position: position)
                    bookings[position].apply(event)
                    autopay.record(event, booking: bookings[position], position: position)
                }
            }
        }
        eventCount += events.count
        if let position { updateNegativeBalance(position) }
        return position
    }

    /// Whether a payment may be entered into a booking whose payment with the same identifier,
    /// if any, is `previous` (as of the events before it in the change): in the booking
    /// currency, new or entered again after failing, `Open` or one step from it (in flight only
    /// `Open`), with an amount and fee in range.
    static func checkEntered(
        _ payment: borrowing LedgerPayment, previous: PaymentStatus?, currency: CurrencyCode, bookingId id: Identifier
    ) throws(LedgerError) {
        guard payment.currency == currency else {
            throw Self.currencyError(payment.currency, currency, id, payment.identifier)
        }
        if let previous, previous != .failed {
            throw LedgerError(
                code: .paymentIdentifierReused,
                message: "payment \(payment.identifier) is \(previous.rawValue) and cannot be entered again",
                bookingId: id, paymentId: payment.identifier)
        }
        // A payment is entered `Open` or in a status one step from `Open`; in flight only `Open`.
        guard
            payment.status == .open
                || (!payment.isInFlight && PaymentStatus.open.canTransition(to: payment.status))
        else {
            throw LedgerError(
                code: .invalidStatusTransition,
                message: "payment \(payment.identifier) cannot be entered \(payment.status.rawValue)",
                bookingId: id, paymentId: payment.identifier)
        }
        guard payment.amountMinorUnits > 0, payment.feeMinorUnits >= 0,
            payment.amountMinorUnits <= Self.maximumMinorUnits, payment.feeMinorUnits <= Self.maximumMinorUnits
        else {
            throw LedgerError(
                code: .invalidAmount,
                message: "payment \(payment.identifier) has an amount or fee out of range",
                bookingId: id, paymentId: payment.identifier)
        }
    }

    /// ``check(_:position:)`` for the commonest change, payments entered into an existing
    /// booking (`paymentEntered` events only, one per payment, as
    /// ``LedgerEvent/paymentEntered(bookingId:payment:)`` would carry them): the same
    /// conditions, without building the events.
    ///
    /// - Parameters:
    ///   - payments: The payments, in the change's order.
    ///   - position: The booking's position.
    func checkEntered(_ payments: [LedgerPayment], position: Int) throws(LedgerError) {
        let currency = bookings[position].currency
        // Read in place: an array element passed on is copied first.
        try payments.withUnsafeBufferPointer { (payments) throws(LedgerError) in
            for index in payments.indices {
                let identifier = payments[index].identifier
                var previous: PaymentStatus?
                if let earlier = payments[..<index].lastIndex(where: { $0.identifier == identifier }) {
                    previous = payments[earlier].status
                } else if let existing = bookings[position].paymentIndex(identifier) {
                    previous = bookings[position].payments[existing].status
                }
                try Self.checkEntered(
                    payments[index], previous: previous, currency: currency, bookingId: bookings[position].id)
            }
        }
    }

    /// ``checkEntered(_:position:)`` for one payment whose booking's payment with the same
    /// identifier, if any, the caller has found already.
    ///
    /// - Parameters:
    ///   - payment: The payment.
    ///   - existingIndex: The position of the booking's payment with its identifier, if any.
    ///   - position: The booking's position.
    func checkEntered(_ payment: borrowing LedgerPayment, existingIndex: Int?, position: Int) throws(LedgerError) {
        // Through a pointer, so that the booking is not copied to read three of its fields.
        try bookings.withUnsafeBufferPointer { (bookings) throws(LedgerError) in
            guard bookings.indices.contains(position), let booking = bookings.baseAddress.map({ $0 + position }) else {
                throw LedgerError(code: .unknownBooking, message: "no booking at position \(position)")
            }
            try Self.checkEntered(
                payment, previous: existingIndex.map { booking.pointee.payments[$0].status },
                currency: booking.pointee.currency, bookingId: booking.pointee.id)
        }
    }

    /// ``applyEntered(_:afterCheck:position:)`` for one payment that passed
    /// ``checkEntered(_:existingIndex:position:)``: it replaces the payment at `existingIndex`, or
    /// is appended when there is none.
    mutating func applyEntered(
        _ payment: consuming LedgerPayment, existingIndex: Int?, afterCheck: Void, position: Int
    ) {
        bookings[position].insert(payment, existingIndex: existingIndex)
        eventCount += 1
        updateNegativeBalance(position)
    }

    /// ``apply(_:afterCheck:position:)`` for payments that passed ``checkEntered(_:position:)``:
    /// the state is then as if their `paymentEntered` events had been applied. (Autopay's
    /// indexes follow no `paymentEntered` event, so they are left alone.)
    mutating func applyEntered(_ payments: consuming [LedgerPayment], afterCheck: Void, position: Int) {
        let count = payments.count
        if count == 1 {
            // The commonest change: the payment is moved into the booking, not copied.
            bookings[position].insert(payments.removeLast())
        } else {
            for payment in payments { bookings[position].insert(payment) }
        }
        eventCount += count
        updateNegativeBalance(position)
    }

    private mutating func updateNegativeBalance(_ position: Int) {
        if bookings[position].openMinorUnits < 0 {
            negativeBalancePositions.insert(position)
        } else if !negativeBalancePositions.isEmpty {
            negativeBalancePositions.remove(position)
        }
    }

    /// Checks and applies a change.
    mutating func apply(_ events: [LedgerEvent]) throws(LedgerError) {
        try check(events)
        apply(events, afterCheck: ())
    }

    /// The most minor units one amount may have: the schema's 18 digits.
    static let maximumMinorUnits: Int64 = 999_999_999_999_999_999

    /// A price and schedule the running totals can hold: exact minor units of the booking
    /// currency within 18 digits, no negative amount, a schedule that adds up to at most the
    /// price's range. What a journal record claims is checked here, so that no arithmetic on
    /// replayed values can overflow.
    static func checkAmounts(
        price: CurrencyAmount, schedule: [ScheduledPayment], currency: CurrencyCode, id: Identifier
    ) throws(LedgerError) {
        func valid(_ amount: CurrencyAmount) -> Int64? {
            guard amount.currency == currency, let units = amount.minorUnitCount, units >= 0,
                units <= maximumMinorUnits
            else { return nil }
            return units
        }
        guard valid(price) != nil else {
            throw LedgerError(
                code: .invalidAmount, message: "booking \(id) has a price out of range: \(price)", bookingId: id)
        }
        var sum: Int64 = 0
        for entry in schedule {
            guard let units = valid(entry.amount), units <= maximumMinorUnits - sum else {
                throw LedgerError(
                    code: .invalidSchedule,
                    message: "booking \(id) has a scheduled payment \(entry.identifier) out of range: \(entry.amount)",
                    bookingId: id)
            }
            sum += units
        }
    }

    /// A new refund that fits the booking, as the booking is before the change: a new
    /// identifier, `Requested`, an amount in the booking currency within what the booking may
    /// still return, the money released, a financed booking's refund forced with a reason, a
    /// card refund naming a payment of the booking.
    static func checkRefund(
        _ refund: LedgerRefund, of booking: LedgerBooking, currency: CurrencyCode
    ) throws(LedgerError) {
        let id = booking.id
        guard booking.refund(refund.identifier) == nil, refund.status == .requested else {
            throw LedgerError(
                code: .invalidStatusTransition,
                message: "refund \(refund.identifier) exists already or is not requested", bookingId: id)
        }
        guard refund.amount.currency == currency else {
            throw currencyError(refund.amount.currency, currency, id, nil)
        }
        guard let units = refund.amount.minorUnitCount, units > 0, units <= maximumMinorUnits else {
            throw LedgerError(
                code: .invalidAmount, message: "a refund of \(refund.amount) is not a positive amount of \(currency)",
                bookingId: id)
        }
        guard booking.isReleased else {
            throw LedgerError(
                code: .notReleased, message: "booking \(id) is not released for refund; the seller releases it first",
                bookingId: id)
        }
        if booking.isFinanced, (refund.forcedReason ?? "").allSatisfy(\.isWhitespace) {
            throw LedgerError(
                code: .bookingFinanced, message: "booking \(id) is financed; force the refund with a reason",
                bookingId: id)
        }
        guard units <= booking.availableRefundMinorUnits else {
            throw LedgerError(
                code: .refundExceedsBalance,
                message: "a refund of \(refund.amount) is more than booking \(id) may still return: "
                    + "\(booking.availableRefundAmount)",
                bookingId: id)
        }
        if case .card(let paymentId) = refund.method, booking.payment(paymentId) == nil {
            throw LedgerError(
                code: .unknownPayment, message: "booking \(id) has no payment \(paymentId) to refund", bookingId: id,
                paymentId: paymentId)
        }
    }

    /// A comment the ledger keeps: 1 to ``BookingComment/maximumLength`` characters, not only
    /// white space, no control character but line breaks and tabs.
    static func checkComment(_ text: String, bookingId: Identifier) throws(LedgerError) {
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard !text.allSatisfy(\.isWhitespace), text.count <= BookingComment.maximumLength,
            !text.unicodeScalars.contains(where: { BookingDetailsChange.isControl($0) && !allowed.contains($0) })
        else {
            throw LedgerError(
                code: .invalidBookingDetails,
                message: "a comment must be 1 to \(BookingComment.maximumLength) characters, not only white space, "
                    + "without control characters",
                bookingId: bookingId)
        }
    }

    private struct StatusOverride {
        var paymentId: Identifier
        var status: PaymentStatus
        var isInFlight: Bool
        var attempt: UInt32
    }

    private static func currencyError(
        _ found: CurrencyCode, _ expected: CurrencyCode, _ id: Identifier, _ paymentId: Identifier?
    ) -> LedgerError {
        LedgerError(
            code: .currencyMismatch, message: "an amount in \(found) for booking \(id) in \(expected)",
            bookingId: id, paymentId: paymentId)
    }
}

extension LedgerBooking {
    /// Applies one event that concerns this existing booking and passed ``LedgerState/check(_:)``.
    mutating func apply(_ event: LedgerEvent) {
        switch event {
        case .bookingCreated, .unregisteredPaymentReceived, .unregisteredPaymentAssigned,
            .unregisteredPaymentUnassigned, .unregisteredPaymentReversed, .cardSettlementExceptionRecorded, .autopay,
            .portalToken:
            break
        case .gds(let event):
            apply(event)
        case .servicesRecorded(let event):
            var changed = profile.value
            changed.services = event.services
            changed.servicesContent = event.content
            changed.servicesStamp = event.stamp
            profile = ProfileBox(changed)
        case .cardPaymentPaidOut(_, let paymentId, let payout):
            if let paymentIndex = payments.firstIndex(where: { $0.identifier == paymentId }) {
                update(paymentIndex) { payment in payment.acquirerPayout = payout }
            }
        case .bookingDetailsChanged(let change):
            var changed = profile.value
            change.apply(to: &changed)
            profile = ProfileBox(changed)
        case .bookingCommented(_, let comment):
            var changed = profile.value
            changed.comments.append(comment)
            profile = ProfileBox(changed)
        case .releaseDecided(_, let decision):
            var changed = profile.value
            changed.release = decision
            profile = ProfileBox(changed)
        case .refundRequested(_, let refund):
            refunds.append(refund)
        case .refundResolved(let resolution):
            var changed = refunds
            if let index = changed.firstIndex(where: { $0.identifier == resolution.refundId }) {
                changed[index].status = resolution.status
                changed[index].resolvedOn = resolution.date
                changed[index].isInFlight = false
                if let reference = resolution.payoutReference { changed[index].payoutReference = reference }
                changed[index].failureReason = resolution.failureReason
                refunds = changed
            }
        case .bookingModified(let modification):
            totalPrice = modification.totalPrice
            var changed = profile.value
            changed.departureDay = LedgerPayment.day(modification.departureDate)
            changed.returnDay = modification.returnDate.map { LedgerPayment.day($0) }
            changed.travellers = modification.travellers
            changed.leadTraveller = modification.leadTraveller
            changed.customerEmail = modification.customerEmail
            profile = ProfileBox(changed)
            schedule = modification.schedule
        case .bookingCancelled(_, let date, let chargedPrice):
            state = .cancelled
            cancelledOn = date
            totalPrice = chargedPrice
            schedule = []
        case .paymentEntered(_, let payment):
            insert(payment)
        case .paymentStatusChanged(let change):
            if let paymentIndex = payments.firstIndex(where: { $0.identifier == change.paymentId }) {
                update(paymentIndex) { payment in payment.apply(change) }
            }
        case .paymentProcessed(let result):
            if let paymentIndex = payments.firstIndex(where: { $0.identifier == result.paymentId }) {
                update(paymentIndex) { payment in payment.apply(result) }
            }
        }
    }
}

extension LedgerPayment {
    mutating func apply(_ result: PaymentProcessingResult) {
        isInFlight = false
        defer { failedRetryably = result.status == .failed && result.retryable }
        apply(
            PaymentStatusChange(
                bookingId: result.bookingId, paymentId: result.paymentId, from: status, to: result.status,
                date: result.date, transactionReference: result.transactionReference,
                authorizationCode: result.authorizationCode, failureReason: result.failureReason))
    }

    mutating func apply(_ change: PaymentStatusChange) {
        status = change.to
        failedRetryably = false
        switch change.to {
        case .settled:
            settlementDate = change.date
            failureReason = nil
        case .recorded:
            entryDate = entryDate ?? change.date
            failureReason = nil
        case .failed:
            failureReason = change.failureReason
        case .open:
            failureReason = nil
        case .confirmed:
            break
        }
        if let reference = change.transactionReference { transactionReference = reference }
        if let code = change.authorizationCode { authorizationCode = code }
    }
}

extension BookingDetailsChange {
    /// Sets the fields the change sets on a booking's profile; an empty text clears its field.
    func apply(to profile: inout BookingProfile) {
        func text(_ value: String?, _ field: inout String?) {
            guard let value else { return }
            field = value.isEmpty ? nil : value
        }
        text(customerName, &profile.customerName)
        text(customerPhone, &profile.customerPhone)
        text(customerEmail, &profile.customerEmail)
        text(seller, &profile.seller)
        text(branch, &profile.branch)
        text(account, &profile.account)
        if let agency, agency != profile.agency?.agency {
            profile.agency = agency.isEmpty ? nil : AgencyInformation(agency: agency)
        }
        if let financed { profile.financed = financed }
    }
}
