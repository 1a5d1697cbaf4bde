import Foundation
public import StringPayments
import XMLCoding

extension Ledger {
    /// A booking's autopay data: reservation status, channel, term set, cards, approvals, memos
    /// and charges.
    ///
    /// - Parameter bookingId: The booking.
    /// - Returns: The data (empty for a booking autopay never touched), or `nil` when there is
    ///   no such booking.
    public func autopay(of bookingId: Identifier) -> BookingAutopay? {
        storage.withLock { storage in
            storage.state.position(of: bookingId).map { storage.state.autopay.data(at: $0) }
        }
    }

    /// Sets a booking's reservation status, distribution channel and payment term set.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - status: The reservation status; `nil` keeps it.
    ///   - channel: The distribution channel; `nil` keeps it.
    ///   - termSet: The payment term set; `nil` keeps it.
    /// - Returns: The booking's autopay data afterwards.
    /// - Throws: ``LedgerError`` with code `unknown-booking` or `journal-failure`.
    @discardableResult
    public func setReservation(
        _ bookingId: Identifier, status: ReservationStatus? = nil, channel: Identifier? = nil,
        termSet: Identifier? = nil
    ) throws(LedgerError) -> BookingAutopay {
        try changeAutopay(
            .reservationSet(bookingId: bookingId, status: status, channel: channel, termSet: termSet))
    }

    /// Tokenises a card through the gateway and stores the token on the booking, with the mask,
    /// expiry, holder and card type; the number and security code are forgotten.
    ///
    /// - Parameters:
    ///   - card: The card, number included.
    ///   - bookingId: The booking.
    ///   - kind: A guest card, or a reseller's virtual card with its terms.
    ///   - gateway: The gateway that tokenises it.
    /// - Returns: The stored card: `C1`, `C2`, … in the order stored.
    /// - Throws: ``AutopayError`` with code `card-rejected` (no number, Luhn check, expired),
    ///   `tokenization-failed`, or `ledger-refused` (`unknown-booking`, `booking-cancelled`,
    ///   `invalid-autopay-data` for a limit in another currency, `journal-failure`).
    public func storeCard(
        _ card: CreditCard, for bookingId: Identifier, kind: StoredCard.Kind = .guest, gateway: any PaymentGateway
    ) async throws(AutopayError) -> StoredCard {
        do {
            _ = try storage.withLock { storage throws(LedgerError) in
                try Self.activePosition(bookingId, in: storage.state)
            }
        } catch {
            throw AutopayError(error)
        }
        guard let number = card.cardNumber, number.passesLuhnCheck else {
            throw AutopayError(code: .cardRejected, message: "the card number is missing or fails the Luhn check")
        }
        let today = self.today
        guard (card.expiryDate.year, card.expiryDate.month) >= (today.year, today.month) else {
            throw AutopayError(code: .cardRejected, message: "the card expired \(card.expiryDate.xmlLexicalForm)")
        }
        let token: CardToken
        do {
            token = try await gateway.tokenize(card)
        } catch {
            throw AutopayError(code: .tokenizationFailed, message: "the gateway did not tokenise the card: \(error)")
        }
        do {
            return try withChange { storage throws(LedgerError) -> StoredCard in
                let position = try Self.activePosition(bookingId, in: storage.state)
                let stored = StoredCard(
                    id: storage.state.autopay.data(at: position).nextCardId, kind: kind,
                    token: Self.text(token.token), maskedNumber: number.masked,
                    cardType: token.cardType ?? card.cardType, expiry: card.expiryDate, holder: card.holderName)
                try commit([.autopay(.cardStored(bookingId: bookingId, card: stored))], to: &storage)
                return stored
            }
        } catch {
            throw AutopayError(error)
        }
    }

    /// Removes a stored card; approvals that named it fall back to the booking's current card.
    ///
    /// - Parameters:
    ///   - cardId: The card.
    ///   - bookingId: The booking.
    /// - Returns: The booking's autopay data afterwards.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-card` or `journal-failure`.
    @discardableResult
    public func removeCard(_ cardId: Identifier, of bookingId: Identifier) throws(LedgerError) -> BookingAutopay {
        try changeAutopay(.cardRemoved(bookingId: bookingId, cardId: cardId))
    }

    /// Records the customer's approval of scheduled payments: each approved for what remains of
    /// it today, on its due date, with the card it may use.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - scheduleIds: The scheduled payments; `nil` approves every one with something left to pay.
    ///   - cardId: The stored card the charges may use; `nil`: the booking's current guest card.
    ///   - channel: How the customer approved: `portal`, `phone`, ….
    /// - Returns: The approvals recorded.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `booking-cancelled`,
    ///   `unknown-scheduled-payment` (also when nothing is left to approve), `unknown-card` or
    ///   `journal-failure`.
    @discardableResult
    public func approveScheduledPayments(
        _ bookingId: Identifier, scheduleIds: [Identifier]? = nil, cardId: Identifier? = nil,
        channel: String = "portal"
    ) throws(LedgerError) -> [AutopayApproval] {
        let today = self.today
        let actor = Ledger.actor ?? configuration.defaultActor
        let now = configuration.clock.now()
        return try withChange { storage throws(LedgerError) -> [AutopayApproval] in
            let booking = try Self.activeBooking(bookingId, in: storage.state)
            let expected = booking.expectedPayments(today: today)
            var approvals: [AutopayApproval] = []
            for scheduleId in scheduleIds ?? expected.filter({ $0.remainingMinorUnits > 0 }).map(\.scheduled.identifier)
            {
                guard let entry = expected.first(where: { $0.scheduled.identifier == scheduleId }) else {
                    throw LedgerError(
                        code: .unknownScheduledPayment,
                        message: "booking \(bookingId) has no scheduled payment \(scheduleId)", bookingId: bookingId)
                }
                approvals.append(
                    AutopayApproval(
                        scheduleId: scheduleId, amount: entry.remaining, dueDate: entry.scheduled.dueDate,
                        cardId: cardId, channel: Self.text(channel), approvedBy: actor, approvedAt: now))
            }
            guard !approvals.isEmpty else {
                throw LedgerError(
                    code: .unknownScheduledPayment, message: "booking \(bookingId) has nothing left to approve",
                    bookingId: bookingId)
            }
            try commit([.autopay(.paymentsApproved(bookingId: bookingId, approvals: approvals))], to: &storage)
            return approvals
        }
    }

    /// Withdraws the approval of a scheduled payment: autopay no longer charges it unless its
    /// channel and term set have autopay on.
    ///
    /// - Parameters:
    ///   - scheduleId: The scheduled payment.
    ///   - bookingId: The booking.
    /// - Returns: The booking's autopay data afterwards.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `not-approved` or `journal-failure`.
    @discardableResult
    public func withdrawApproval(
        _ scheduleId: Identifier, of bookingId: Identifier
    ) throws(LedgerError)
        -> BookingAutopay
    {
        try changeAutopay(
            .approvalWithdrawn(
                bookingId: bookingId, scheduleId: scheduleId, actor: Ledger.actor ?? configuration.defaultActor,
                time: configuration.clock.now()))
    }

    /// Writes a memo on a booking, stamped with the current actor and time.
    ///
    /// - Parameters:
    ///   - text: The text, 1 to ``BookingMemo/maximumTextLength`` characters.
    ///   - bookingId: The booking.
    ///   - kind: What the memo is about; default a note.
    /// - Returns: The memo.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `invalid-autopay-data` or `journal-failure`.
    @discardableResult
    public func addMemo(
        _ text: String, to bookingId: Identifier, kind: BookingMemo.Kind = .note
    ) throws(LedgerError)
        -> BookingMemo
    {
        let memo = BookingMemo(
            kind: kind, text: text, actor: Ledger.actor ?? configuration.defaultActor, time: configuration.clock.now())
        try changeAutopay(.memoAdded(bookingId: bookingId, memo: memo))
        return memo
    }

    /// Journals one autopay event of an existing booking and returns its data afterwards.
    @discardableResult
    func changeAutopay(_ event: AutopayEvent) throws(LedgerError) -> BookingAutopay {
        try withChange { storage throws(LedgerError) -> BookingAutopay in
            guard let position = storage.state.position(of: event.bookingId) else {
                throw Self.unknownBooking(event.bookingId)
            }
            try commit([.autopay(event)], to: &storage)
            return storage.state.autopay.data(at: position)
        }
    }
}
