public import StringPayments

/// A gateway's token for a card: what the ledger keeps instead of the card number, and what the
/// gateway charges later.
public struct CardToken: Hashable, Sendable {
    /// The token.
    public let token: String
    /// The card scheme the gateway recognised, such as `VISA`, if it says.
    public let cardType: String?

    /// Creates a token.
    ///
    /// - Parameters:
    ///   - token: The token.
    ///   - cardType: The card scheme, if known.
    public init(token: String, cardType: String? = nil) {
        self.token = token
        self.cardType = cardType
    }
}

/// A gateway that cannot tokenise cards was asked to.
public struct TokenizationUnsupportedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// What happened.
    public var description: String { "the payment gateway does not tokenise cards" }
}

extension PaymentGateway {
    /// Refuses: a gateway that does not implement tokenisation cannot store cards.
    ///
    /// - Parameter card: The card.
    /// - Throws: ``TokenizationUnsupportedError``.
    public func tokenize(_ card: CreditCard) async throws -> CardToken {
        throw TokenizationUnsupportedError()
    }
}
