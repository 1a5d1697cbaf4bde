import PaymentLedger
import StringPayments

/// The check behind the portal's login form: a booking reference and the email used at booking.
///
/// The email is compared case-insensitively, as SHA-256 digests in constant time; a reference
/// that names no booking (or a booking without email) still costs one comparison, so the answer
/// and its time do not say which of the two was wrong.
enum PortalLogin {
    /// The booking a reference and email open.
    ///
    /// - Parameters:
    ///   - reference: The booking reference as typed (exact, else upper-cased).
    ///   - email: The email as typed.
    ///   - ledger: The ledger.
    /// - Returns: The booking, or `nil` when either is wrong.
    static func booking(reference: String, email: String, in ledger: Ledger) -> Identifier? {
        let typed = SecretHash.sha256Hex(email.lowercased())
        guard !reference.isEmpty, !email.isEmpty else {
            _ = SecretHash.constantTimeEquals(typed, SecretHash.sha256Hex(""))
            return nil
        }
        let booking =
            ledger.booking(Identifier(stringLiteral: reference))
            ?? ledger.booking(Identifier(stringLiteral: reference.uppercased()))
        let stored = SecretHash.sha256Hex(booking?.customerEmail?.lowercased() ?? "\u{0}no booking")
        let matches = SecretHash.constantTimeEquals(typed, stored)
        guard matches, let booking, booking.customerEmail?.isEmpty == false else { return nil }
        return booking.id
    }
}
