extension LedgerBooking {
    /// The customer's name as the back-office lists, the balances export and the booking lookup
    /// show it: the given name and surname, such as `Max Mustermann`; `nil` when the booking
    /// names no one.
    ///
    /// It is the name the back office set (``Ledger/updateBookingDetails(_:)``), else the lead
    /// traveller's name (the first traveller's when the booking names no lead traveller or an
    /// unknown one). Every list, the export and ``Ledger/findBooking(reference:surname:)`` read the
    /// customer's name through this one property.
    public var displayCustomerName: String? { customerNameParts?.displayName }

    /// The customer's name in parts: the one place the back office takes it from. A name the back
    /// office set is one text; its last word is taken as the surname.
    var customerNameParts: CustomerName? {
        if let name = profile.value.customerName {
            let words = name.split(whereSeparator: \.isWhitespace)
            guard let last = words.last else { return nil }
            let given = words.dropLast().joined(separator: " ")
            return CustomerName(givenName: given.isEmpty ? nil : given, surname: String(last))
        }
        let travellers = profile.value.travellers
        guard
            let traveller = travellers.first(where: { $0.identifier == profile.value.leadTraveller })
                ?? travellers.first
        else { return nil }
        return CustomerName(givenName: traveller.prename, surname: traveller.surname)
    }
}

/// A customer's given name and surname.
struct CustomerName: Hashable, Sendable {
    /// The given name, if known.
    var givenName: String?
    /// The surname; what the booking lookup compares.
    var surname: String

    /// `Given Surname`, or the surname alone.
    var displayName: String {
        guard let givenName, !givenName.isEmpty else { return surname }
        return givenName + " " + surname
    }
}
