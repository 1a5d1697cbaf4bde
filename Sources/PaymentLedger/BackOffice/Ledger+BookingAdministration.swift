public import StringPayments
import XMLCoding

/// The back office's data on a booking: customer, seller and finance details, comments and the
/// seller's release decision. See <doc:BackOffice>.
extension Ledger {
    /// Changes a booking's descriptive data: the fields the change sets, nothing else.
    ///
    /// Works on cancelled bookings too: their overpaid money is what the back office refunds. A
    /// change that sets what the booking has already changes nothing and journals nothing.
    ///
    /// - Parameter change: The booking and the fields to set (`nil` keeps, empty clears).
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `invalid-booking-details` (a field
    ///   longer than ``BookingDetailsChange/maximumLength`` or with a control character) or
    ///   `journal-failure`.
    @discardableResult
    public func updateBookingDetails(_ change: BookingDetailsChange) throws(LedgerError) -> LedgerBooking {
        try change.validate()
        return try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(change.bookingId) else {
                throw Self.unknownBooking(change.bookingId)
            }
            var profile = booking.profile.value
            change.apply(to: &profile)
            if profile == booking.profile.value { return booking }
            return try commit([.bookingDetailsChanged(change)], to: &storage)
        }
    }

    /// Adds a comment to a booking, stamped with the actor of the calling task (``Ledger/actor``)
    /// and the clock's time.
    ///
    /// - Parameters:
    ///   - text: The comment: 1 to ``BookingComment/maximumLength`` characters, not only white
    ///     space; line breaks and tabs are kept, other control characters refused.
    ///   - bookingId: The booking.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `invalid-booking-details` or
    ///   `journal-failure`.
    @discardableResult
    public func addComment(_ text: String, to bookingId: Identifier) throws(LedgerError) -> LedgerBooking {
        try LedgerState.checkComment(text, bookingId: bookingId)
        let comment = BookingComment(text: text, stamp: currentStamp)
        return try withChange { storage throws(LedgerError) in
            guard storage.state.booking(bookingId) != nil else { throw Self.unknownBooking(bookingId) }
            return try commit([.bookingCommented(bookingId: bookingId, comment: comment)], to: &storage)
        }
    }

    /// Records the seller's decision whether the money a booking holds beyond its cost is
    /// released for refund, stamped with the calling task's actor and the clock's time.
    ///
    /// Setting the decision the booking has already changes nothing: the stamp stays the one of
    /// the decision that set it.
    ///
    /// - Parameters:
    ///   - released: Whether the money is released.
    ///   - bookingId: The booking.
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking` or `journal-failure`.
    @discardableResult
    public func setRelease(_ released: Bool, for bookingId: Identifier) throws(LedgerError) -> LedgerBooking {
        let decision = ReleaseDecision(isReleased: released, stamp: currentStamp)
        return try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            if booking.isReleased == released, booking.release != nil { return booking }
            return try commit([.releaseDecided(bookingId: bookingId, decision: decision)], to: &storage)
        }
    }

    /// Who is changing the ledger now and when: the stamp a change made now gets.
    var currentStamp: AuditStamp {
        AuditStamp(actor: Ledger.actor ?? configuration.defaultActor, time: configuration.clock.now())
    }
}

extension LedgerBooking {
    /// The events that create the booking: `bookingCreated` with its STRING data, then, when the
    /// booking has any, its back-office details as one `bookingDetailsChanged` and its services
    /// as one `servicesRecorded` stamped `stamp`.
    func creationEvents(requestDigest: String?, stamp: AuditStamp) -> [LedgerEvent] {
        let profile = self.profile.value
        let details = BookingDetailsChange(
            bookingId: id, customerName: profile.customerName, customerPhone: profile.customerPhone,
            account: profile.account, financed: profile.financed ? true : nil)
        guard !details.isEmpty || !profile.services.isEmpty else {
            return [.bookingCreated(self, requestDigest: requestDigest)]
        }
        var created = self
        var plain = profile
        plain.customerName = nil
        plain.customerPhone = nil
        plain.account = nil
        plain.financed = false
        plain.services = []
        plain.servicesContent = nil
        plain.servicesStamp = nil
        created.profile = ProfileBox(plain)
        var events: [LedgerEvent] = [.bookingCreated(created, requestDigest: requestDigest)]
        if !details.isEmpty { events.append(.bookingDetailsChanged(details)) }
        if !profile.services.isEmpty {
            events.append(
                .servicesRecorded(
                    BookedServicesEvent(
                        bookingId: id, services: profile.services, content: profile.servicesContent, stamp: stamp)))
        }
        return events
    }
}
