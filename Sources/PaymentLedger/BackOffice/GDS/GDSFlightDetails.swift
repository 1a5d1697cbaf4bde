public import StringPayments
public import XMLCoding

/// What the back office records of one flight of a booking booked through a Global Distribution
/// System: the PNR, the airline and route, the schedule, the passengers and the ticket cost.
///
/// Add details with ``Ledger/addGDSRecord(_:to:)`` and change them with
/// ``Ledger/editGDSRecord(_:of:_:)``; both check them (see ``validate(bookingId:)``). Dates and
/// times are local at the airport, as the schedule gives them. See <doc:BackOffice>.
public struct GDSFlightDetails: Hashable, Sendable {
    /// The GDS booking reference (passenger name record locator): 6 letters `A`–`Z` or digits,
    /// such as `K7Q4MZ`.
    public var pnr: String
    /// The airline's IATA designator: 2 characters `A`–`Z` or digits, not both digits, such as
    /// `LH` or `4U`.
    public var airline: String
    /// The departure airport's IATA code: 3 letters `A`–`Z`, such as `FRA`.
    public var departureAirport: String
    /// The arrival airport's IATA code: 3 letters `A`–`Z`, such as `PMI`.
    public var arrivalAirport: String
    /// The departure date, local at the departure airport.
    public var departureDate: XMLDate
    /// The departure time, local at the departure airport.
    public var departureTime: TimeOfDay
    /// The arrival date, local at the arrival airport: from the day before the departure date
    /// (a flight west across the date line) to ``maximumArrivalDays`` days after it.
    public var arrivalDate: XMLDate
    /// The arrival time, local at the arrival airport.
    public var arrivalTime: TimeOfDay
    /// How many passengers fly on the record: 1 to ``maximumPassengers``.
    public var passengers: Int
    /// The contact phone number given to the airline; `nil` for none.
    public var phone: String?
    /// The ticket cost price: not negative, in an ISO 4217 currency, with at most that
    /// currency's minor units. It may differ from the booking currency.
    public var costPrice: CurrencyAmount
    /// A note on the payment of the tickets, such as `paid by BSP 2027-03`.
    public var paymentComment: String?
    /// The back office's own note.
    public var adminComment: String?

    /// Creates flight details.
    ///
    /// - Parameters:
    ///   - pnr: The PNR locator.
    ///   - airline: The airline's IATA designator.
    ///   - departureAirport: The departure airport's IATA code.
    ///   - arrivalAirport: The arrival airport's IATA code.
    ///   - departureDate: The departure date.
    ///   - departureTime: The departure time.
    ///   - arrivalDate: The arrival date.
    ///   - arrivalTime: The arrival time.
    ///   - passengers: The number of passengers.
    ///   - phone: The contact phone number. The default is none.
    ///   - costPrice: The ticket cost price.
    ///   - paymentComment: A note on the payment. The default is none.
    ///   - adminComment: The back office's note. The default is none.
    public init(
        pnr: String, airline: String, departureAirport: String, arrivalAirport: String, departureDate: XMLDate,
        departureTime: TimeOfDay, arrivalDate: XMLDate, arrivalTime: TimeOfDay, passengers: Int,
        phone: String? = nil, costPrice: CurrencyAmount, paymentComment: String? = nil, adminComment: String? = nil
    ) {
        self.pnr = pnr
        self.airline = airline
        self.departureAirport = departureAirport
        self.arrivalAirport = arrivalAirport
        self.departureDate = departureDate
        self.departureTime = departureTime
        self.arrivalDate = arrivalDate
        self.arrivalTime = arrivalTime
        self.passengers = passengers
        self.phone = phone
        self.costPrice = costPrice
        self.paymentComment = paymentComment
        self.adminComment = adminComment
    }

    /// The most passengers one record may name: 999, a whole aircraft.
    public static let maximumPassengers = 999
    /// The most characters a phone number may have: 40.
    public static let maximumPhoneLength = 40
    /// The most characters a payment or admin comment may have: 1,000, which keeps a list row
    /// readable and a journal record small.
    public static let maximumCommentLength = 1000
    /// The most days the arrival date may lie after the departure date: 2, which no scheduled
    /// flight exceeds (the longest arrive the next day, local time).
    public static let maximumArrivalDays = 2

    /// Checks every field.
    ///
    /// Replay checks each journal record with the same rules, so a record that breaks them is
    /// refused as corrupt.
    ///
    /// - Parameter bookingId: The booking, which the error names.
    /// - Throws: ``LedgerError`` with code `invalid-gds-record`, its message naming the field: a
    ///   PNR that is not 6 letters or digits, an airline that is not an IATA designator, an
    ///   airport that is not 3 letters, an arrival more than a day before or
    ///   ``maximumArrivalDays`` after the departure, passengers out of 1 to
    ///   ``maximumPassengers``, a cost price that is negative, too large, not in an ISO 4217
    ///   currency or with more fraction digits than its currency has, a phone or comment too long,
    ///   empty or with a control character (comments keep line breaks and tabs).
    public func validate(bookingId: Identifier) throws(LedgerError) {
        func refuse(_ message: String) -> LedgerError {
            LedgerError(code: .invalidGDSRecord, message: message, bookingId: bookingId)
        }
        let upperOrDigit = { (byte: UInt8) in (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) }
        let upper = { (byte: UInt8) in (0x41...0x5A).contains(byte) }
        guard pnr.utf8.count == 6, pnr.utf8.allSatisfy(upperOrDigit) else {
            throw refuse("the PNR '\(Self.quoted(pnr))' is not 6 letters A-Z or digits")
        }
        guard airline.utf8.count == 2, airline.utf8.allSatisfy(upperOrDigit), airline.utf8.contains(where: upper)
        else {
            throw refuse("the airline '\(Self.quoted(airline))' is not an IATA designator (2 letters or digits)")
        }
        for (name, code) in [("departure airport", departureAirport), ("arrival airport", arrivalAirport)] {
            guard code.utf8.count == 3, code.utf8.allSatisfy(upper) else {
                throw refuse("the \(name) '\(Self.quoted(code))' is not an IATA airport code (3 letters A-Z)")
            }
        }
        let days = Int64(LedgerPayment.day(arrivalDate)) - Int64(LedgerPayment.day(departureDate))
        guard days >= -1, days <= Int64(Self.maximumArrivalDays) else {
            throw refuse(
                "the arrival date \(arrivalDate.xmlLexicalForm) is not within a day before and "
                    + "\(Self.maximumArrivalDays) days after the departure date \(departureDate.xmlLexicalForm)")
        }
        guard (1...Self.maximumPassengers).contains(passengers) else {
            throw refuse("the passengers \(passengers) are not 1 to \(Self.maximumPassengers)")
        }
        let currency = costPrice.currency
        guard currency.isISO4217 else { throw refuse("the cost price's currency \(currency) is not ISO 4217") }
        guard let units = costPrice.minorUnitCount else {
            throw refuse(
                "the cost price \(costPrice.amount) has more fraction digits than \(currency)'s \(currency.minorUnits)")
        }
        guard units >= 0, units <= LedgerState.maximumMinorUnits else {
            throw refuse("the cost price \(costPrice.amount) \(currency) is negative or too large")
        }
        try Self.checkText(phone, "phone", maximum: Self.maximumPhoneLength, multiline: false, refuse)
        try Self.checkText(
            paymentComment, "payment comment", maximum: Self.maximumCommentLength, multiline: true, refuse)
        try Self.checkText(adminComment, "admin comment", maximum: Self.maximumCommentLength, multiline: true, refuse)
    }

    private static func checkText(
        _ text: String?, _ name: String, maximum: Int, multiline: Bool, _ refuse: (String) -> LedgerError
    ) throws(LedgerError) {
        guard let text else { return }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        guard !text.allSatisfy(\.isWhitespace), text.count <= maximum,
            !text.unicodeScalars.contains(where: { BookingDetailsChange.isControl($0) && !allowed.contains($0) })
        else {
            throw refuse(
                "the \(name) must be 1 to \(maximum) characters, not only white space, without control characters")
        }
    }

    /// A field's text for a message: at most 20 characters, control characters replaced.
    private static func quoted(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(20).map { BookingDetailsChange.isControl($0) ? "?" : $0 }))
    }
}
