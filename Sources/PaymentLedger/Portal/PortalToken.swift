public import Foundation
public import StringPayments

/// A one-time token that opens one booking in the customer portal: what
/// ``Ledger/issuePortalToken(for:validFor:)`` returns, to be sent to the customer as a link.
///
/// The token is 32 random bytes written in base64url without padding (43 characters). The ledger
/// keeps only its SHA-256 digest, so ``text`` exists only in this value: put it in the link and
/// let the value go. Its `description` does not show the text, so that logging the value leaks
/// nothing.
public struct PortalToken: Hashable, Sendable, CustomStringConvertible {
    /// The token as it goes into a link: 43 characters of the base64url alphabet.
    public let text: String
    /// The booking it opens.
    public let bookingId: Identifier
    /// The instant after which it is refused.
    public let expiresAt: Date

    /// The token's bytes, generated at random.
    public static let byteCount = 32

    /// Creates a token value.
    ///
    /// - Parameters:
    ///   - text: The token text.
    ///   - bookingId: The booking.
    ///   - expiresAt: When it expires.
    public init(text: String, bookingId: Identifier, expiresAt: Date) {
        self.text = text
        self.bookingId = bookingId
        self.expiresAt = expiresAt
    }

    /// The link that redeems the token: `BASE/portal/link/TOKEN`, with any slash at the end of
    /// the base dropped.
    ///
    /// - Parameter baseURL: The portal's public address, such as `https://pay.example.com`.
    /// - Returns: The link.
    public func link(baseURL: String) -> String {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + "/portal/link/" + text
    }

    /// The booking and expiry, without the token text.
    public var description: String {
        "portal token for booking \(bookingId), expires \(expiresAt)"
    }
}
