public import Foundation
public import StringPayments

/// A one-time portal token issued, redeemed or revoked: the journal event of
/// ``Ledger/issuePortalToken(for:validFor:)``, ``Ledger/redeemPortalToken(_:)`` and
/// ``Ledger/revokePortalTokens(of:)`` (see ``LedgerEvent/portalToken(_:)``).
///
/// The event holds the token's SHA-256 digest, never the token: whoever reads the journal cannot
/// sign in with what it finds there.
public struct PortalTokenEvent: Hashable, Sendable {
    /// What happened to the token.
    public enum Kind: Hashable, Sendable {
        /// The token was issued and is valid until the instant given.
        case issued(expiresAt: Date)
        /// The token was used to sign in; it is not valid any more.
        case redeemed
        /// The token was withdrawn before it was used.
        case revoked
    }

    /// Issued, redeemed or revoked.
    public var kind: Kind
    /// The booking the token opens.
    public var bookingId: Identifier
    /// The SHA-256 digest of the token's text (its UTF-8 bytes): 32 bytes.
    public var tokenDigest: [UInt8]
    /// Who issued, redeemed or revoked the token, and when.
    public var stamp: AuditStamp

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - kind: Issued, redeemed or revoked.
    ///   - bookingId: The booking.
    ///   - tokenDigest: The SHA-256 digest of the token's bytes.
    ///   - stamp: Who and when.
    public init(kind: Kind, bookingId: Identifier, tokenDigest: [UInt8], stamp: AuditStamp) {
        self.kind = kind
        self.bookingId = bookingId
        self.tokenDigest = tokenDigest
        self.stamp = stamp
    }
}
