public import StringPayments

/// One flight record of a booking: its details, with who added it and who changed it last.
///
/// The ledger numbers a booking's records `F1`, `F2`, … in the order added; a record is never
/// removed. See <doc:BackOffice>.
public struct GDSFlightRecord: Hashable, Sendable {
    /// The record's identifier within the booking: `F1`, `F2`, ….
    public var id: Identifier
    /// The flight details as they stand.
    public var details: GDSFlightDetails
    /// Who added the record and when.
    public var added: AuditStamp
    /// Who changed it last and when; `nil` when it was never changed.
    public var edited: AuditStamp?

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - id: The identifier within the booking.
    ///   - details: The flight details.
    ///   - added: Who added it and when.
    ///   - edited: Who changed it last and when. The default is never.
    public init(id: Identifier, details: GDSFlightDetails, added: AuditStamp, edited: AuditStamp? = nil) {
        self.id = id
        self.details = details
        self.added = added
        self.edited = edited
    }

    /// The identifier of a booking's record number `number` (1 for the first): `F1`, `F2`, ….
    static func identifier(number: Int) -> Identifier {
        Identifier(stringLiteral: "F\(number)")
    }
}
