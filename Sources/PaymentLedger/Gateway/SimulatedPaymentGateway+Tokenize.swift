public import StringPayments

extension SimulatedPaymentGateway {
    /// Tokenises a test card deterministically: the same number and expiry always give the same
    /// token, and the token behaves at ``authorize(_:)`` as the card would (`tok_declined_…`
    /// for `4000000000000002`, `tok_nofunds_…` for `4000000000009995`, `tok_pending_…` for
    /// `4000000000000259`, `tok_lost_…` for `4000000000000119`, `tok_sim_…` for any other).
    /// Nothing is logged and nothing leaves the process.
    ///
    /// - Parameter card: The card; it needs a number that passes the Luhn check.
    /// - Returns: The token, with the card type the number's prefix names.
    /// - Throws: ``SimulatedGatewayError`` when the card has no number or fails the Luhn check.
    public func tokenize(_ card: CreditCard) async throws -> CardToken {
        guard let number = card.cardNumber, number.passesLuhnCheck else {
            throw SimulatedGatewayError(message: "the card number is missing or fails the Luhn check")
        }
        let digits = number.xmlLexicalForm
        let behaviour: String =
            switch digits {
            case "4000000000000002": "declined"
            case "4000000000009995": "nofunds"
            case Self.pendingCard: "pending"
            case Self.lostAnswerCard: "lost"
            default: "sim"
            }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (digits + "|" + card.expiryDate.xmlLexicalForm).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        let token = "tok_\(behaviour)_" + String(repeating: "0", count: 16 - hex.count) + hex
        return CardToken(token: token, cardType: Self.cardType(of: digits))
    }

    /// The scheme a number's prefix names: `VISA` (4), `MasterCard` (51–55, 2221–2720),
    /// `AmericanExpress` (34, 37); `nil` for others.
    static func cardType(of digits: String) -> String? {
        let prefix2 = Int(digits.prefix(2)) ?? 0
        let prefix4 = Int(digits.prefix(4)) ?? 0
        if digits.hasPrefix("4") { return "VISA" }
        if (51...55).contains(prefix2) || (2221...2720).contains(prefix4) { return "MasterCard" }
        if prefix2 == 34 || prefix2 == 37 { return "AmericanExpress" }
        return nil
    }

    /// The answer a stored card's token gets, when the token names one; `nil` authorises.
    static func tokenOutcome(_ token: String, reference: String) -> GatewayAuthorization? {
        if token.hasPrefix(decliningToken) {
            return .declined(reason: "card declined", transactionReference: reference)
        }
        if token.hasPrefix("tok_nofunds") {
            return .declined(reason: "insufficient funds", transactionReference: reference)
        }
        if token.hasPrefix("tok_pending") { return .pending(transactionReference: reference) }
        return nil
    }

    /// Whether the request's card is a token of the lost-answer card.
    static func hasLostAnswerToken(_ request: GatewayRequest) -> Bool {
        guard case .creditCard(let card) = request.payment.specialisation else { return false }
        return card.pciToken?.hasPrefix("tok_lost") == true
    }
}
