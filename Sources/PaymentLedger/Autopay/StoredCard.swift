public import StringPayments
public import XMLCoding

/// A card kept on a booking for later charges: the gateway's token with what may be shown of the
/// card, never its number or security code.
///
/// The mask follows the PCI DSS display rules of ``/StringPayments/CardNumber/masked``: first six
/// and last four digits of a number of 16 digits or more, the last four only of a shorter one.
public struct StoredCard: Hashable, Sendable {
    /// Whose card it is.
    public enum Kind: Hashable, Sendable {
        /// The guest's own card, charged by instalment autopay.
        case guest
        /// A reseller's virtual card for this booking, charged by reseller autopay on the arrival
        /// date, within its validity window and up to its limit.
        case virtual(VirtualCardTerms)
    }

    /// The card's identifier within its booking: `C1`, `C2`, ….
    public let id: Identifier
    /// Guest card or reseller's virtual card.
    public let kind: Kind
    /// The gateway's token, which the gateway charges instead of the number.
    public let token: String
    /// The masked number, such as `411111******1111`.
    public let maskedNumber: String
    /// The card scheme, such as `VISA`.
    public let cardType: String
    /// The last month of validity.
    public let expiry: XMLYearMonth
    /// The holder's name.
    public let holder: String?

    /// Creates a stored card.
    ///
    /// - Parameters:
    ///   - id: The identifier within the booking.
    ///   - kind: Guest or virtual card.
    ///   - token: The gateway's token.
    ///   - maskedNumber: The masked number.
    ///   - cardType: The card scheme.
    ///   - expiry: The last month of validity.
    ///   - holder: The holder's name.
    public init(
        id: Identifier, kind: Kind, token: String, maskedNumber: String, cardType: String, expiry: XMLYearMonth,
        holder: String?
    ) {
        self.id = id
        self.kind = kind
        self.token = token
        self.maskedNumber = maskedNumber
        self.cardType = cardType
        self.expiry = expiry
        self.holder = holder
    }

    /// Whether this is a reseller's virtual card.
    public var isVirtual: Bool {
        if case .virtual = kind { return true }
        return false
    }

    /// Why the card cannot be charged on a day, or `nil` when it can: expired, or (a virtual
    /// card) outside its validity window.
    ///
    /// - Parameter day: The day of the charge.
    /// - Returns: The reason, or `nil`.
    public func unusableReason(on day: XMLDate) -> String? {
        if (expiry.year, expiry.month) < (day.year, day.month) {
            return "card \(id) expired \(expiry.xmlLexicalForm)"
        }
        if case .virtual(let terms) = kind {
            if let from = terms.validFrom, day < from {
                return "virtual card \(id) is valid from \(from.xmlLexicalForm)"
            }
            if let until = terms.validUntil, until < day {
                return "virtual card \(id) was valid until \(until.xmlLexicalForm)"
            }
        }
        return nil
    }

    /// The card as a STRING card payment that carries the token, for the gateway.
    var creditCardPayment: CreditCardPayment {
        CreditCardPayment(
            creditCard: CreditCard(
                cardType: cardType, maskedCardNumber: maskedNumber, expiryDate: expiry, holderName: holder),
            pciToken: token)
    }
}

/// What a reseller's virtual card allows: when it may be charged and how much.
public struct VirtualCardTerms: Hashable, Sendable {
    /// The first day it may be charged, if the reseller gave one.
    public var validFrom: XMLDate?
    /// The last day it may be charged, if the reseller gave one.
    public var validUntil: XMLDate?
    /// The most it may be charged, in the booking currency, if the reseller gave a limit.
    public var limit: CurrencyAmount?

    /// Creates the terms.
    ///
    /// - Parameters:
    ///   - validFrom: The first day of validity.
    ///   - validUntil: The last day of validity.
    ///   - limit: The amount limit.
    public init(validFrom: XMLDate? = nil, validUntil: XMLDate? = nil, limit: CurrencyAmount? = nil) {
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.limit = limit
    }
}
