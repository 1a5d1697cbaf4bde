import Foundation
import StringPayments
import XMLCoding

/// The autopay part of the ledger's state: each booking's ``BookingAutopay``, and the indexes
/// that make a run's selection independent of the ledger's size.
///
/// - `dueIndex`: the bookings with a scheduled payment due on a day, by day;
/// - `arrivalIndex`: the bookings departing on a day, by day;
/// - `retries`: the bookings with an autopay charge that failed and was not given up.
///
/// The ledger keeps them up to date with every change (and so with every replayed record):
/// a booking made, modified or cancelled moves its entries, a charge's outcome adds or removes
/// its booking from `retries`. A run looks at a few days of the indexes and at `retries`, never
/// at every booking.
struct AutopayState: Sendable {
    private(set) var bookings: [Int32: BookingAutopay] = [:]
    private(set) var dueIndex: [Int32: [Int32]] = [:]
    private(set) var arrivalIndex: [Int32: [Int32]] = [:]
    private(set) var retries: Set<Int32> = []
    /// The bookings with an autopay attempt in flight.
    private(set) var charging: Set<Int32> = []

    func data(at position: Int) -> BookingAutopay {
        bookings[Int32(truncatingIfNeeded: position)] ?? BookingAutopay()
    }

    /// The positions of the bookings with something due on the day.
    func due(on day: Int32) -> [Int32] { dueIndex[day] ?? [] }

    /// The positions of the bookings departing on the day.
    func arriving(on day: Int32) -> [Int32] { arrivalIndex[day] ?? [] }

    // MARK: - Checking

    /// Verifies that an autopay event fits its booking; a journal whose event fails this is corrupt.
    func check(_ event: AutopayEvent, booking: LedgerBooking, position: Int) throws(LedgerError) {
        let data = self.data(at: position)
        let id = booking.id
        func invalid(_ message: String) -> LedgerError {
            LedgerError(code: .invalidAutopayData, message: message, bookingId: id)
        }
        func unknownCard(_ cardId: Identifier) -> LedgerError {
            LedgerError(code: .unknownCard, message: "booking \(id) has no stored card \(cardId)", bookingId: id)
        }
        switch event {
        case .reservationSet:
            return
        case .cardStored(_, let card):
            guard data.card(card.id) == nil else { throw invalid("booking \(id) has a card \(card.id) already") }
            guard !card.token.isEmpty, card.token.utf8.count <= 512 else {
                throw invalid("card \(card.id) has no token, or one longer than 512 bytes")
            }
            guard Self.isPCIMask(card.maskedNumber) else {
                throw invalid("card \(card.id) has a masked number that shows more than PCI DSS allows")
            }
            guard !card.cardType.isEmpty, card.cardType.utf8.count <= 64, (card.holder?.utf8.count ?? 0) <= 200 else {
                throw invalid("card \(card.id) has an empty or over-long card type or holder")
            }
            if case .virtual(let terms) = card.kind, let limit = terms.limit {
                guard limit.currency == booking.currency, let units = limit.minorUnitCount, units > 0,
                    units <= LedgerState.maximumMinorUnits
                else { throw invalid("virtual card \(card.id) has a limit out of range: \(limit)") }
            }
        case .cardRemoved(_, let cardId):
            guard data.card(cardId) != nil else { throw unknownCard(cardId) }
        case .paymentsApproved(_, let approvals):
            guard !approvals.isEmpty else { throw invalid("an approval of booking \(id) approves nothing") }
            for approval in approvals {
                guard booking.schedule.contains(where: { $0.identifier == approval.scheduleId }) else {
                    throw LedgerError(
                        code: .unknownScheduledPayment,
                        message: "booking \(id) has no scheduled payment \(approval.scheduleId)", bookingId: id)
                }
                guard approval.amount.currency == booking.currency, let units = approval.amount.minorUnitCount,
                    units >= 0, units <= LedgerState.maximumMinorUnits
                else { throw invalid("the approval of \(approval.scheduleId) has an amount out of range") }
                if let cardId = approval.cardId, data.card(cardId) == nil { throw unknownCard(cardId) }
                guard approval.channel.utf8.count <= 100 else { throw invalid("an approval channel is over-long") }
            }
        case .approvalWithdrawn(_, let scheduleId, _, _):
            guard data.approval(for: scheduleId) != nil else {
                throw LedgerError(
                    code: .notApproved, message: "scheduled payment \(scheduleId) of booking \(id) is not approved",
                    bookingId: id)
            }
        case .memoAdded(_, let memo):
            guard !memo.text.isEmpty, memo.text.count <= BookingMemo.maximumTextLength else {
                throw invalid("a memo must have 1 to \(BookingMemo.maximumTextLength) characters")
            }
        case .mandateStored(_, let mandate):
            if let reason = mandate.invalidReason { throw invalid("mandate \(mandate.id): \(reason)") }
            guard !data.mandates.contains(where: { $0.id == mandate.id }) else {
                throw invalid("booking \(id) has a mandate \(mandate.id) already")
            }
        case .mandateRevoked(_, let mandateId):
            guard data.mandates.contains(where: { $0.id == mandateId }) else {
                throw LedgerError(
                    code: .unknownMandate, message: "booking \(id) has no mandate \(mandateId)", bookingId: id)
            }
        case .chargeStarted(_, let charge):
            if charge.kind == .directDebit {
                guard data.mandates.contains(where: { $0.id == charge.cardId.value }) else {
                    throw LedgerError(
                        code: .unknownMandate, message: "booking \(id) has no mandate \(charge.cardId)", bookingId: id)
                }
            } else {
                guard data.card(charge.cardId) != nil else { throw unknownCard(charge.cardId) }
            }
            guard
                charge.scheduleId == AutopayCharge.resellerTarget
                    || booking.schedule.contains(where: { $0.identifier == charge.scheduleId })
            else {
                throw LedgerError(
                    code: .unknownScheduledPayment,
                    message: "booking \(id) has no scheduled payment \(charge.scheduleId)", bookingId: id)
            }
            guard charge.paymentId == AutopayCharge.paymentId(for: charge.scheduleId), !charge.payer.isEmpty,
                charge.payer.utf8.count <= 200
            else { throw invalid("the charge of \(charge.scheduleId) names payment \(charge.paymentId) or no payer") }
        }
    }

    /// Whether a masked card number hides what PCI DSS requires: 12 to 19 characters of digits
    /// and `*`, at most the first six and the last four shown (only the last four below 16),
    /// at least six hidden.
    static func isPCIMask(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard CardNumber.allowedLengths.contains(bytes.count),
            bytes.allSatisfy({ $0 == UInt8(ascii: "*") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return false }
        let shownFirst = bytes.count >= 16 ? 6 : 0
        for (index, byte) in bytes.enumerated() where byte != UInt8(ascii: "*") {
            guard index < shownFirst || index >= bytes.count - 4 else { return false }
        }
        return bytes.filter { $0 == UInt8(ascii: "*") }.count >= 6
    }

    // MARK: - Applying

    /// Indexes a booking just made.
    mutating func index(_ booking: LedgerBooking, at position: Int) {
        let key = Int32(truncatingIfNeeded: position)
        guard booking.state != .cancelled else { return }
        for entry in booking.scheduleEntries { Self.insert(key, at: entry.dueDay, in: &dueIndex) }
        Self.insert(key, at: booking.profile.value.departureDay, in: &arrivalIndex)
    }

    /// Called before an event is applied to its booking: a modification or cancellation takes
    /// the booking's entries out of the indexes.
    mutating func prepare(_ event: LedgerEvent, booking: LedgerBooking, position: Int) {
        switch event {
        case .bookingModified, .bookingCancelled:
            let key = Int32(truncatingIfNeeded: position)
            for entry in booking.scheduleEntries { Self.remove(key, at: entry.dueDay, from: &dueIndex) }
            Self.remove(key, at: booking.profile.value.departureDay, from: &arrivalIndex)
        default:
            break
        }
    }

    /// Called after an event was applied to its booking: indexes a modified booking again,
    /// applies autopay events, and follows the outcomes of autopay charges.
    mutating func record(_ event: LedgerEvent, booking: LedgerBooking, position: Int) {
        let key = Int32(truncatingIfNeeded: position)
        switch event {
        case .bookingModified:
            index(booking, at: position)
        case .bookingCancelled:
            retries.remove(key)
        case .autopay(let autopayEvent):
            var data = bookings[key] ?? BookingAutopay()
            Self.apply(autopayEvent, to: &data)
            bookings[key] = data
            refreshRetry(key, booking: booking, data: data)
            if case .chargeStarted = autopayEvent { charging.insert(key) }
        case .paymentProcessed(let result):
            guard var data = bookings[key], data.charges.contains(where: { $0.paymentId == result.paymentId })
            else { return }
            if result.status == .failed, !result.retryable {
                data.declines[result.paymentId, default: 0] &+= 1
                bookings[key] = data
            }
            refreshRetry(key, booking: booking, data: data)
            if !data.charges.contains(where: { booking.payment($0.paymentId)?.isInFlight == true }) {
                charging.remove(key)
            }
        case .paymentStatusChanged(let change):
            guard var data = bookings[key], data.charges.contains(where: { $0.paymentId == change.paymentId })
            else { return }
            // A direct debit the bank returned counts as a declined attempt.
            if change.to == .failed, change.from == .open {
                data.declines[change.paymentId, default: 0] &+= 1
                bookings[key] = data
            }
            refreshRetry(key, booking: booking, data: data)
        default:
            break
        }
    }

    private mutating func refreshRetry(_ key: Int32, booking: LedgerBooking, data: BookingAutopay) {
        let waiting = data.charges.contains { charge in
            booking.payment(charge.paymentId)?.status == .failed && !data.gaveUp(on: charge.paymentId)
        }
        if waiting && booking.state != .cancelled { retries.insert(key) } else { retries.remove(key) }
    }

    private static func apply(_ event: AutopayEvent, to data: inout BookingAutopay) {
        switch event {
        case .reservationSet(_, let status, let channel, let termSet):
            if let status { data.status = status }
            if let channel { data.channel = channel }
            if let termSet { data.termSet = termSet }
        case .cardStored(_, let card):
            data.cards.append(card)
            data.cardsStored += 1
        case .cardRemoved(_, let cardId):
            data.cards.removeAll { $0.id == cardId }
        case .paymentsApproved(_, let approvals):
            for approval in approvals {
                data.approvals.removeAll { $0.scheduleId == approval.scheduleId }
                data.approvals.append(approval)
            }
        case .approvalWithdrawn(_, let scheduleId, _, _):
            data.approvals.removeAll { $0.scheduleId == scheduleId }
        case .memoAdded(_, let memo):
            data.memos.append(memo)
        case .mandateStored(_, let mandate):
            data.mandates.append(mandate)
        case .mandateRevoked(_, let mandateId):
            data.mandates.removeAll { $0.id == mandateId }
        case .chargeStarted(_, let charge):
            data.charges.removeAll { $0.scheduleId == charge.scheduleId }
            data.charges.append(charge)
        }
    }

    private static func insert(_ key: Int32, at day: Int32, in index: inout [Int32: [Int32]]) {
        index[day, default: []].append(key)
    }

    private static func remove(_ key: Int32, at day: Int32, from index: inout [Int32: [Int32]]) {
        guard var bucket = index[day], let found = bucket.lastIndex(of: key) else { return }
        bucket.remove(at: found)
        index[day] = bucket.isEmpty ? nil : bucket
    }
}
