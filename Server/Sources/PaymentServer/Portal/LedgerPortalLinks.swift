public import PaymentLedger
public import StringPayments

/// Magic links from the ledger's one-time portal tokens (``Ledger/redeemPortalToken(_:)``): the
/// token is checked against the stored digests in constant time and its use is journaled, so a
/// link opens its booking once, also across restarts.
public struct LedgerPortalLinks: PortalLinkRedeemer {
    /// The ledger holding the tokens.
    public let ledger: Ledger

    /// Creates the redeemer.
    ///
    /// - Parameter ledger: The ledger.
    public init(ledger: Ledger) { self.ledger = ledger }

    /// Redeems a token as actor `customer:REF` of the booking it was issued for, like every other
    /// portal action; unknown, expired and used tokens open nothing.
    public func redeem(_ token: String) async -> Identifier? {
        guard let owner = ledger.bookingOfPortalToken(token) else { return nil }
        let booking = try? Ledger.$actor.withValue(.customer(owner.value)) { try ledger.redeemPortalToken(token) }
        return booking?.id
    }
}
