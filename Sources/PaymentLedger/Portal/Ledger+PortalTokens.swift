public import Foundation
public import StringPayments

/// One-time links into the customer portal: a token the operator sends, that opens one booking
/// once, until it expires. See <doc:PortalLinks>.
extension Ledger {
    /// Issues a one-time portal token for a booking, valid from now for `validFor` seconds.
    ///
    /// The token is 32 bytes from the system's secure random generator, written in base64url
    /// (``PortalToken/text``). The ledger journals only its SHA-256 digest, with the expiry and
    /// the stamp of the calling task's actor and the clock's time, so neither the journal nor a
    /// backup of it can open the booking. Issuing a new token leaves earlier ones valid; revoke
    /// them with ``revokePortalTokens(of:)``.
    ///
    /// - Parameters:
    ///   - bookingId: The booking the token opens.
    ///   - validFor: How long the token is valid, in seconds: 60 (one minute) to 2,592,000 (30
    ///     days); default ``PortalToken/defaultValidity``, seven days.
    /// - Returns: The token, whose text exists nowhere else.
    /// - Throws: ``LedgerError`` with code `unknown-booking`, `invalid-portal-token` (a validity
    ///   out of range) or `journal-failure`.
    public func issuePortalToken(
        for bookingId: Identifier, validFor: TimeInterval = PortalToken.defaultValidity
    ) throws(LedgerError) -> PortalToken {
        guard validFor >= PortalTokenState.minimumValidity, validFor <= PortalTokenState.maximumValidity else {
            throw LedgerError(
                code: .invalidPortalToken,
                message: "a portal token must be valid for 1 minute to 30 days, not \(validFor) seconds",
                bookingId: bookingId)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<PortalToken.byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Self.base64URL(bytes)
        let stamp = currentStamp
        // Kept to the millisecond, as the journal writes it.
        let expiresAt = AuditStamp(actor: stamp.actor, time: stamp.time.addingTimeInterval(validFor)).time
        let event = PortalTokenEvent(
            kind: .issued(expiresAt: expiresAt), bookingId: bookingId, tokenDigest: Self.portalTokenDigest(text),
            stamp: stamp)
        try withChange { storage throws(LedgerError) in
            guard storage.state.booking(bookingId) != nil else { throw Self.unknownBooking(bookingId) }
            try commit([.portalToken(event)], to: &storage)
        }
        return PortalToken(text: text, bookingId: bookingId, expiresAt: expiresAt)
    }

    /// Redeems a portal token: checks it and journals that it was used, so that it is refused
    /// from then on, also after a restart.
    ///
    /// The token's digest is compared with the stored digests in constant time. The redemption is
    /// stamped with the calling task's actor (the portal binds `customer:REFERENCE`) and the
    /// clock's time; a token is expired when that time is at or past its expiry.
    ///
    /// - Parameter text: The token from the link.
    /// - Returns: The booking the token opens.
    /// - Throws: ``LedgerError`` with code `unknown-portal-token` (malformed, or never issued),
    ///   `portal-token-expired`, `portal-token-used` (redeemed or revoked before) or
    ///   `journal-failure`. Every refusal leaves the ledger unchanged.
    @discardableResult
    public func redeemPortalToken(_ text: String) throws(LedgerError) -> LedgerBooking {
        guard Self.isWellFormedPortalToken(text) else {
            throw LedgerError(code: .unknownPortalToken, message: "the portal link is not valid")
        }
        let digest = Self.portalTokenDigest(text)
        let stamp = currentStamp
        return try withChange { storage throws(LedgerError) in
            guard let entry = storage.state.portalTokens.entry(digest: digest) else {
                throw LedgerError(code: .unknownPortalToken, message: "the portal link is not valid")
            }
            if let ended = entry.ended { throw PortalTokenState.usedError(ended.kind, bookingId: entry.bookingId) }
            guard stamp.time < entry.expiresAt else { throw PortalTokenState.expiredError(entry) }
            let event = PortalTokenEvent(kind: .redeemed, bookingId: entry.bookingId, tokenDigest: digest, stamp: stamp)
            return try commit([.portalToken(event)], to: &storage)
        }
    }

    /// The booking a portal token was issued for, without redeeming it and whatever its expiry or
    /// use: lets the portal stamp the redemption with that booking's customer (`customer:REF`)
    /// before it redeems the token with ``redeemPortalToken(_:)``.
    ///
    /// - Parameter text: The token's text from the link.
    /// - Returns: The booking, or `nil` for a malformed or never-issued token.
    public func bookingOfPortalToken(_ text: String) -> Identifier? {
        guard Self.isWellFormedPortalToken(text) else { return nil }
        let digest = Self.portalTokenDigest(text)
        return storage.withLock { $0.state.portalTokens.entry(digest: digest)?.bookingId }
    }

    /// Revokes every portal token of a booking that is not yet used, expired ones included.
    ///
    /// - Parameter bookingId: The booking.
    /// - Returns: How many tokens were revoked; 0 journals nothing.
    /// - Throws: ``LedgerError`` with code `unknown-booking` or `journal-failure`.
    @discardableResult
    public func revokePortalTokens(of bookingId: Identifier) throws(LedgerError) -> Int {
        let stamp = currentStamp
        return try withChange { storage throws(LedgerError) in
            guard storage.state.booking(bookingId) != nil else { throw Self.unknownBooking(bookingId) }
            let events = storage.state.portalTokens.openEntries(of: bookingId).map { entry in
                LedgerEvent.portalToken(
                    PortalTokenEvent(kind: .revoked, bookingId: bookingId, tokenDigest: entry.digest, stamp: stamp))
            }
            if events.isEmpty { return 0 }
            try commit(events, to: &storage)
            return events.count
        }
    }

    /// The SHA-256 digest of a token's text, as the journal keeps it.
    static func portalTokenDigest(_ text: String) -> [UInt8] {
        SHA256.digest(text.utf8)
    }

    /// Whether the text has the form of a token: 43 characters of the base64url alphabet.
    static func isWellFormedPortalToken(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy { byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x5F
            }
    }

    /// The bytes in base64url (RFC 4648 §5) without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}

extension PortalToken {
    /// How long a token is valid unless told otherwise: seven days, long enough for a reminder
    /// read at the weekend, short enough that an old mail does not open the booking.
    public static let defaultValidity: TimeInterval = 7 * 86_400
}
