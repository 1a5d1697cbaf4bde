public import StringPayments

/// A flight record of a booking added or edited: the journal event of
/// ``Ledger/addGDSRecord(_:to:)`` and ``Ledger/editGDSRecord(_:of:_:)`` (see
/// ``LedgerEvent/gds(_:)``).
public struct GDSEvent: Hashable, Sendable {
    /// Whether the record is new or changed.
    public enum Kind: Hashable, Sendable {
        /// A new record: its identifier is the next of the booking (`F` and the count plus one).
        case added
        /// A change of an existing record: the details replace the record's.
        case edited
    }

    /// Added or edited.
    public var kind: Kind
    /// The booking.
    public var bookingId: Identifier
    /// The record.
    public var recordId: Identifier
    /// The record's details after the event.
    public var details: GDSFlightDetails
    /// Who added or changed the record and when.
    public var stamp: AuditStamp

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - kind: Added or edited.
    ///   - bookingId: The booking.
    ///   - recordId: The record.
    ///   - details: The details after the event.
    ///   - stamp: Who and when.
    public init(
        kind: Kind, bookingId: Identifier, recordId: Identifier, details: GDSFlightDetails, stamp: AuditStamp
    ) {
        self.kind = kind
        self.bookingId = bookingId
        self.recordId = recordId
        self.details = details
        self.stamp = stamp
    }
}
