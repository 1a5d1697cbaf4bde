public import StringPayments

/// The flight records of bookings booked through a GDS. See <doc:BackOffice>.
extension Ledger {
    /// Adds a flight record to a booking, stamped with the actor of the calling task
    /// (``Ledger/actor``) and the clock's time.
    ///
    /// Works on cancelled bookings too: their tickets may have been paid all the same.
    ///
    /// - Parameters:
    ///   - details: The flight; see ``GDSFlightDetails/validate(bookingId:)``.
    ///   - bookingId: The booking.
    /// - Returns: The new record, numbered after the booking's last (`F1`, `F2`, …).
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `invalid-gds-record` or
    ///   `journal-failure`.
    @discardableResult
    public func addGDSRecord(
        _ details: GDSFlightDetails, to bookingId: Identifier
    ) throws(LedgerError)
        -> GDSFlightRecord
    {
        try details.validate(bookingId: bookingId)
        let stamp = currentStamp
        let booking = try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            let event = GDSEvent(
                kind: .added, bookingId: bookingId,
                recordId: GDSFlightRecord.identifier(number: booking.gdsRecords.count + 1), details: details,
                stamp: stamp)
            return try commit([.gds(event)], to: &storage)
        }
        return booking.gdsRecords[booking.gdsRecords.count - 1]
    }

    /// Replaces the details of a booking's flight record, stamped with the calling task's actor
    /// and the clock's time.
    ///
    /// Details equal to the record's change nothing and journal nothing: the stamps stay.
    ///
    /// - Parameters:
    ///   - recordId: The record, such as `F1`.
    ///   - bookingId: The booking.
    ///   - details: The new details; see ``GDSFlightDetails/validate(bookingId:)``.
    /// - Returns: The record after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-gds-record`,
    ///   `invalid-gds-record` or `journal-failure`.
    @discardableResult
    public func editGDSRecord(
        _ recordId: Identifier, of bookingId: Identifier, _ details: GDSFlightDetails
    ) throws(LedgerError) -> GDSFlightRecord {
        try details.validate(bookingId: bookingId)
        return try editGDSRecord(recordId, of: bookingId, changing: { $0 = details })
    }

    /// Changes some fields of a booking's flight record, as one atomic change: `change` sees the
    /// record's details as they are when the change is made, so two edits of different fields
    /// made at once both take effect.
    ///
    /// - Parameters:
    ///   - recordId: The record, such as `F1`.
    ///   - bookingId: The booking.
    ///   - change: Sets the fields to change; details left equal journal nothing.
    /// - Returns: The record after the change.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `unknown-gds-record`,
    ///   `invalid-gds-record` or `journal-failure`.
    @discardableResult
    public func editGDSRecord(
        _ recordId: Identifier, of bookingId: Identifier, changing change: (inout GDSFlightDetails) -> Void
    ) throws(LedgerError) -> GDSFlightRecord {
        let stamp = currentStamp
        let booking = try withChange { storage throws(LedgerError) in
            guard let booking = storage.state.booking(bookingId) else { throw Self.unknownBooking(bookingId) }
            guard let record = booking.gdsRecord(recordId) else { throw GDSEvent.unknownRecord(recordId, bookingId) }
            var details = record.details
            change(&details)
            if record.details == details { return booking }
            try details.validate(bookingId: bookingId)
            let event = GDSEvent(
                kind: .edited, bookingId: bookingId, recordId: recordId, details: details, stamp: stamp)
            return try commit([.gds(event)], to: &storage)
        }
        guard let record = booking.gdsRecord(recordId) else { throw GDSEvent.unknownRecord(recordId, bookingId) }
        return record
    }
}

extension LedgerBooking {
    /// The flight record with the identifier.
    ///
    /// - Parameter id: The record's identifier, such as `F1`.
    /// - Returns: The record, or `nil` when the booking has none with that identifier.
    public func gdsRecord(_ id: Identifier) -> GDSFlightRecord? {
        gdsRecords.first { $0.id == id }
    }

    /// Applies a GDS event that passed ``GDSEvent/check(against:)``.
    mutating func apply(_ event: GDSEvent) {
        var changed = profile.value
        switch event.kind {
        case .added:
            changed.gdsRecords.append(GDSFlightRecord(id: event.recordId, details: event.details, added: event.stamp))
        case .edited:
            var records = changed.gdsRecords
            guard let index = records.firstIndex(where: { $0.id == event.recordId }) else { return }
            records[index].details = event.details
            records[index].edited = event.stamp
            changed.gdsRecords = records
        }
        profile = ProfileBox(changed)
    }
}

extension GDSEvent {
    /// Checks that the event fits the booking as it is before the change: valid details, an added
    /// record numbered after the booking's last, an edited record that exists.
    ///
    /// - Throws: ``LedgerError`` with code `invalid-gds-record` or `unknown-gds-record`.
    func check(against booking: LedgerBooking) throws(LedgerError) {
        try details.validate(bookingId: bookingId)
        switch kind {
        case .added:
            let expected = GDSFlightRecord.identifier(number: booking.gdsRecords.count + 1)
            guard recordId == expected else {
                throw LedgerError(
                    code: .invalidGDSRecord,
                    message: "a new flight record of booking \(bookingId) is \(expected), not \(recordId)",
                    bookingId: bookingId)
            }
        case .edited:
            guard booking.gdsRecord(recordId) != nil else { throw Self.unknownRecord(recordId, bookingId) }
        }
    }

    static func unknownRecord(_ recordId: Identifier, _ bookingId: Identifier) -> LedgerError {
        LedgerError(
            code: .unknownGDSRecord, message: "booking \(bookingId) has no flight record \(recordId)",
            bookingId: bookingId)
    }
}
