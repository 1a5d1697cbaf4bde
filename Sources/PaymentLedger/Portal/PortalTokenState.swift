import Foundation
import StringPayments

/// The ledger's portal tokens, by digest: the fold of the ``PortalTokenEvent``s.
///
/// Tokens are found by the first eight bytes of their digest, then confirmed by comparing the
/// whole digest in constant time, so that how long a lookup takes says nothing about how much of
/// a guessed token's digest matches a stored one.
struct PortalTokenState: Sendable {
    /// One issued token.
    struct Entry: Hashable, Sendable {
        var bookingId: Identifier
        var digest: [UInt8]
        var issuedAt: Date
        var expiresAt: Date
        /// When the token was redeemed or revoked, and which; `nil` while it is open.
        var ended: (kind: EndKind, time: Date)? {
            get { endedKind.map { ($0, endedAt ?? issuedAt) } }
            set {
                endedKind = newValue?.kind
                endedAt = newValue?.time
            }
        }
        private var endedKind: EndKind?
        private var endedAt: Date?

        enum EndKind: Hashable, Sendable {
            case redeemed
            case revoked
        }

        init(bookingId: Identifier, digest: [UInt8], issuedAt: Date, expiresAt: Date) {
            self.bookingId = bookingId
            self.digest = digest
            self.issuedAt = issuedAt
            self.expiresAt = expiresAt
        }
    }

    /// The longest a token may be valid: 30 days, so that a link found in an old mailbox does not
    /// open the booking.
    static let maximumValidity: TimeInterval = 30 * 86_400
    /// The shortest: one minute.
    static let minimumValidity: TimeInterval = 60

    private(set) var entries: [Entry] = []
    private var byPrefix: [UInt64: [Int]] = [:]
    private var byBooking: [Identifier: [Int]] = [:]

    /// The entry whose digest equals `digest`, compared in constant time.
    func entry(digest: [UInt8]) -> Entry? {
        guard digest.count == 32 else { return nil }
        var found: Entry?
        for position in byPrefix[Self.prefix(of: digest)] ?? []
        where Self.constantTimeEqual(entries[position].digest, digest) {
            found = entries[position]
        }
        return found
    }

    /// The tokens of a booking that are neither redeemed nor revoked (expired ones included).
    func openEntries(of bookingId: Identifier) -> [Entry] {
        (byBooking[bookingId] ?? []).map { entries[$0] }.filter { $0.ended == nil }
    }

    /// Verifies that an event fits the state: what replay checks of every journaled event.
    func check(_ event: PortalTokenEvent) throws(LedgerError) {
        let id = event.bookingId
        guard event.tokenDigest.count == 32 else {
            throw LedgerError(
                code: .invalidPortalToken,
                message: "a portal token digest has \(event.tokenDigest.count) bytes, not 32", bookingId: id)
        }
        let existing = entry(digest: event.tokenDigest)
        switch event.kind {
        case .issued(let expiresAt):
            let validity = expiresAt.timeIntervalSince(event.stamp.time)
            guard validity >= Self.minimumValidity, validity <= Self.maximumValidity else {
                throw LedgerError(
                    code: .invalidPortalToken,
                    message: "a portal token must be valid for 1 minute to 30 days, not \(Int(validity)) seconds",
                    bookingId: id)
            }
            guard existing == nil else {
                throw LedgerError(
                    code: .invalidPortalToken, message: "a portal token of booking \(id) is issued twice", bookingId: id
                )
            }
        case .redeemed, .revoked:
            guard let existing, existing.bookingId == id else {
                throw LedgerError(
                    code: .unknownPortalToken, message: "booking \(id) has no such portal token", bookingId: id)
            }
            if let ended = existing.ended {
                throw Self.usedError(ended.kind, bookingId: id)
            }
            if case .redeemed = event.kind, event.stamp.time >= existing.expiresAt {
                throw Self.expiredError(existing)
            }
        }
    }

    /// Applies an event that passed ``check(_:)``.
    mutating func apply(_ event: PortalTokenEvent) {
        switch event.kind {
        case .issued(let expiresAt):
            let position = entries.count
            entries.append(
                Entry(
                    bookingId: event.bookingId, digest: event.tokenDigest, issuedAt: event.stamp.time,
                    expiresAt: expiresAt))
            byPrefix[Self.prefix(of: event.tokenDigest), default: []].append(position)
            byBooking[event.bookingId, default: []].append(position)
        case .redeemed, .revoked:
            let kind: Entry.EndKind = event.kind == .redeemed ? .redeemed : .revoked
            for position in byPrefix[Self.prefix(of: event.tokenDigest)] ?? []
            where Self.constantTimeEqual(entries[position].digest, event.tokenDigest) {
                entries[position].ended = (kind, event.stamp.time)
            }
        }
    }

    static func usedError(_ kind: Entry.EndKind, bookingId: Identifier) -> LedgerError {
        LedgerError(
            code: .portalTokenUsed,
            message: "the portal link of booking \(bookingId) was "
                + (kind == .redeemed ? "used already" : "withdrawn") + "; ask for a new one",
            bookingId: bookingId)
    }

    static func expiredError(_ entry: Entry) -> LedgerError {
        LedgerError(
            code: .portalTokenExpired,
            message: "the portal link of booking \(entry.bookingId) expired at \(entry.expiresAt); ask for a new one",
            bookingId: entry.bookingId)
    }

    /// The first eight bytes of a digest, as the key of the lookup.
    static func prefix(of digest: [UInt8]) -> UInt64 {
        digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Whether two byte strings are equal, taking the same time wherever they differ.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
