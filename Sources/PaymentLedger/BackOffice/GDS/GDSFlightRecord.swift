public import StringPayments

/// One flight record of a booking: its details, with who added it and who changed it last.
///
/// The ledger numbers a booking's records `F1`, `F2`, … in the order added; a record is never
/// removed. See <doc:BackOffice>.
public struct GDSFlightRecord: Hashable, Sendable {
    /// The record's identifier within the booking: `F1`, `F2`, ….
    public var id: Identifier
    /// The flight details as they stand.
    public var details: GDSFlightDetails {
        didSet { keys = GDSFlightKeys(details) }
    }
    /// What the list filters and sorts by, as integers: computed once, read for every record of
    /// a million bookings.
    private(set) var keys: GDSFlightKeys
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
        self.keys = GDSFlightKeys(details)
        self.added = added
        self.edited = edited
    }

    /// The identifier of a booking's record number `number` (1 for the first): `F1`, `F2`, ….
    static func identifier(number: Int) -> Identifier {
        Identifier(stringLiteral: "F\(number)")
    }
}

/// A flight record's integer keys: no strings, no `Decimal`, so reading them costs no retain.
struct GDSFlightKeys: Hashable, Sendable {
    /// The departure date as days since 1970-01-01.
    var departureDay: Int32
    /// The departure date and time as minutes since 1970-01-01T00:00 (local).
    var departureMinute: Int64
    /// The cost price in minor units of its currency; ``ListOrdering/missing`` when it has none
    /// (replay refuses such a record).
    var costMinorUnits: Int64

    init(_ details: GDSFlightDetails) {
        departureDay = LedgerPayment.day(details.departureDate)
        departureMinute =
            Int64(departureDay) * Int64(TimeOfDay.minutesPerDay) + Int64(details.departureTime.minutesSinceMidnight)
        costMinorUnits = details.costPrice.minorUnitCount ?? ListOrdering.missing
    }
}
