public import StringPayments

/// A back-office change of a booking's descriptive data: the customer's name, phone and email,
/// the seller, agency and branch, the finance ledger account and whether the booking is financed.
///
/// Only the fields that change are set: `nil` leaves a field as it is, and an empty string
/// clears it. ``Ledger/updateBookingDetails(_:)`` journals the change as one event
/// (``LedgerEvent/bookingDetailsChanged(_:)``), which ``Ledger/history(of:)`` lists with who
/// made it and when. See <doc:BackOffice>.
public struct BookingDetailsChange: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The customer's name; without one, the booking shows its lead traveller's name.
    public var customerName: String?
    /// The customer's phone number.
    public var customerPhone: String?
    /// The customer's email address.
    public var customerEmail: String?
    /// The seller: who sold the booking (the seed's seller id).
    public var seller: String?
    /// The agency's number. A new number drops the agent id the booking's STRING request gave.
    public var agency: String?
    /// The agency's branch.
    public var branch: String?
    /// The finance ledger account the booking's balance belongs to.
    public var account: String?
    /// Whether the booking is financed (paid through a financing or another external source):
    /// a financed booking is refunded only when forced, with a reason.
    public var financed: Bool?

    /// Creates a change.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - customerName: The customer's name; `nil` keeps it, empty clears it.
    ///   - customerPhone: The customer's phone; `nil` keeps it, empty clears it.
    ///   - customerEmail: The customer's email; `nil` keeps it, empty clears it.
    ///   - seller: The seller; `nil` keeps it, empty clears it.
    ///   - agency: The agency number; `nil` keeps it, empty clears it.
    ///   - branch: The branch; `nil` keeps it, empty clears it.
    ///   - account: The finance ledger account; `nil` keeps it, empty clears it.
    ///   - financed: Whether the booking is financed; `nil` keeps it.
    public init(
        bookingId: Identifier, customerName: String? = nil, customerPhone: String? = nil,
        customerEmail: String? = nil, seller: String? = nil, agency: String? = nil, branch: String? = nil,
        account: String? = nil, financed: Bool? = nil
    ) {
        self.bookingId = bookingId
        self.customerName = customerName
        self.customerPhone = customerPhone
        self.customerEmail = customerEmail
        self.seller = seller
        self.agency = agency
        self.branch = branch
        self.account = account
        self.financed = financed
    }

    /// Whether the change sets no field.
    public var isEmpty: Bool {
        textFields.allSatisfy { $0.value == nil } && financed == nil
    }

    /// The most characters a text field may have: 200.
    public static let maximumLength = 200

    /// Each text field with its name as messages and the history show it (`customer name`,
    /// `customer phone`, `customer email`, `seller`, `agency`, `branch`, `account`), in the
    /// journal's order.
    public var textFields: [(name: String, value: String?)] {
        [
            ("customer name", customerName), ("customer phone", customerPhone), ("customer email", customerEmail),
            ("seller", seller), ("agency", agency), ("branch", branch), ("account", account),
        ]
    }

    /// Checks every field: at most ``maximumLength`` characters, no control character.
    ///
    /// - Throws: ``LedgerError`` with code `invalid-booking-details` naming the field.
    func validate() throws(LedgerError) {
        for (name, value) in textFields {
            guard let value else { continue }
            guard value.count <= Self.maximumLength, !value.unicodeScalars.contains(where: Self.isControl) else {
                throw LedgerError(
                    code: .invalidBookingDetails,
                    message: "the \(name) must be at most \(Self.maximumLength) characters without control characters",
                    bookingId: bookingId)
            }
        }
    }

    /// Whether a character is a control character (line breaks and tabs included: a field is one line).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
