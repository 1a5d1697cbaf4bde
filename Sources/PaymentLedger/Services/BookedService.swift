public import StringPayments
public import XMLCoding

/// One service of a booking as the ledger keeps it: what was booked (a flight, a hotel, a
/// transfer), its code and description, its dates and the travellers it is for.
///
/// STRING carries a booking's services as free content (`Services`, not validated); the message
/// handler reads each child element with ``init(element:)`` and the ledger journals the result
/// with the booking (``LedgerEvent/servicesRecorded(_:)``). Read them from
/// ``LedgerBooking/services``.
public struct BookedService: Hashable, Sendable {
    /// What kind of service it is: the element's `Type` (such as `Flight` or `Hotel`), else the
    /// element's name (such as `Transfer`).
    public var kind: String
    /// The tour operator's code for the service, if the request gave one.
    public var code: String?
    /// The description: the element's text (or its `Description` or `Name` child), white space
    /// collapsed to single spaces.
    public var description: String
    /// The day the service begins, if the request gave one.
    public var startDate: XMLDate?
    /// The day the service ends, if the request gave one.
    public var endDate: XMLDate?
    /// The travellers the service is for (`Traveller/@Identifier` values of the booking); empty
    /// when the request assigned none, which means the whole party.
    public var travellers: [Identifier]

    /// The most services a booking keeps: 100, which bounds a journal record whatever a request
    /// carries.
    public static let maximumCount = 100
    /// The most characters of a kind or a code: 100.
    public static let maximumCodeLength = 100
    /// The most characters of a description: 1,000 (longer text is cut there on reading).
    public static let maximumDescriptionLength = 1_000
    /// The most travellers a service names: 100.
    public static let maximumTravellers = 100

    /// Creates a service.
    ///
    /// - Parameters:
    ///   - kind: What kind of service it is.
    ///   - code: The tour operator's code.
    ///   - description: The description.
    ///   - startDate: The first day.
    ///   - endDate: The last day.
    ///   - travellers: The travellers it is for; empty for the whole party.
    public init(
        kind: String, code: String? = nil, description: String = "", startDate: XMLDate? = nil,
        endDate: XMLDate? = nil, travellers: [Identifier] = []
    ) {
        self.kind = kind
        self.code = code
        self.description = description
        self.startDate = startDate
        self.endDate = endDate
        self.travellers = travellers
    }

    /// Checks the limits: a kind of 1 to ``maximumCodeLength`` characters, a code of at most as
    /// many, a description of at most ``maximumDescriptionLength``, no control characters, at
    /// most ``maximumTravellers`` travellers, and an end not before the start.
    ///
    /// - Parameters:
    ///   - bookingId: The booking, for the error.
    ///   - position: The service's position (1 for the first), for the error.
    /// - Throws: ``LedgerError`` with code `invalid-booking-details` naming the service.
    func validate(bookingId: Identifier, position: Int) throws(LedgerError) {
        func refuse(_ what: String) -> LedgerError {
            LedgerError(
                code: .invalidBookingDetails, message: "service \(position) of booking \(bookingId): \(what)",
                bookingId: bookingId)
        }
        let texts = [kind, code ?? "", description]
        guard !texts.contains(where: { $0.unicodeScalars.contains(where: BookingDetailsChange.isControl) }) else {
            throw refuse("control characters are not allowed")
        }
        guard !kind.isEmpty, kind.count <= Self.maximumCodeLength, (code?.count ?? 0) <= Self.maximumCodeLength else {
            throw refuse("the kind must have 1 to \(Self.maximumCodeLength) characters, the code at most as many")
        }
        guard description.count <= Self.maximumDescriptionLength else {
            throw refuse("the description is longer than \(Self.maximumDescriptionLength) characters")
        }
        guard travellers.count <= Self.maximumTravellers else {
            throw refuse("more than \(Self.maximumTravellers) travellers")
        }
        if let startDate, let endDate, endDate < startDate {
            throw refuse("it ends (\(endDate)) before it begins (\(startDate))")
        }
    }
}
