import XMLCoding

/// `DateAndDateTimeChoice` (`BookgDt`, `ValDt`): `Dt` or `DtTm`.
struct CamtDateChoice: Decodable, Sendable {
    var date: XMLDate?
    var dateTime: XMLDateTime?

    enum CodingKeys: String, XMLCodingKey {
        case date = "Dt"
        case dateTime = "DtTm"
    }

    /// The calendar day as written, without a time zone: `Dt`, else the date part of `DtTm`.
    var calendarDay: XMLDate? {
        (date ?? dateTime?.date)?.withoutTimeZone
    }
}
