import Foundation
import StringPayments

extension Ledger {
    /// The booking a customer asks for on the payment page: booking reference plus surname. See
    /// <doc:BackOffice>.
    ///
    /// The reference is compared without regard to case and surrounding white space; the surname
    /// with the customer's surname (``LedgerBooking/displayCustomerName``'s source) without regard
    /// to case, accents and surrounding or repeated white space (`müller`, `MULLER` and
    /// ` Müller ` all find `Müller`). Only booked bookings are found.
    ///
    /// A wrong surname and an unknown reference give the same answer, `nil`, so the lookup does
    /// not tell a guesser which references exist.
    ///
    /// - Parameters:
    ///   - reference: The booking reference, such as `7KQ4M2XG`.
    ///   - surname: The customer's surname.
    /// - Returns: The booking, or `nil`.
    public func findBooking(reference: String, surname: String) -> LedgerBooking? {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let identifier = Identifier(trimmed) else { return nil }
        let found = self.booking(identifier) ?? Identifier(trimmed.uppercased()).flatMap { self.booking($0) }
        guard let found, found.state == .booked, let name = found.customerNameParts else { return nil }
        let wanted = Self.foldedName(surname)
        guard !wanted.isEmpty else { return nil }
        return Self.foldedName(name.surname) == wanted ? found : nil
    }

    /// A name for comparison: case and accents folded, white space trimmed and collapsed.
    static func foldedName(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
