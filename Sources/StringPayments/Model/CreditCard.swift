public import XMLCoding

/// A payment card (schema `CreditCardType`).
///
/// Children in schema order: `CardType` (xs:token, such as `VISA`, `MasterCard`,
/// `AmericanExpress`), `CardNumber`? (12–19 digits, Luhn-checked), `MaskedCardNumber`?,
/// `ExpiryDate` (xs:gYearMonth), `HolderName`?, `SecurityCode`? (3–4 digits).
///
/// The card number and security code are secrets: their types never show them in descriptions,
/// logs or errors, and the ledger never stores them (it keeps mask, BIN and token only).
public struct CreditCard: Codable, Hashable, Sendable {
    /// `CardType`: the card scheme, such as `VISA`.
    public var cardType: String
    /// `CardNumber`: the full card number (secret).
    public var cardNumber: CardNumber?
    /// `MaskedCardNumber`: the card number with all but a few digits masked, such as
    /// `401288XXXXXX1881`.
    public var maskedCardNumber: String?
    /// `ExpiryDate`: the last month the card is valid in.
    public var expiryDate: XMLYearMonth
    /// `HolderName`: the name on the card.
    public var holderName: String?
    /// `SecurityCode`: the card verification code (secret).
    public var securityCode: SecurityCode?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a card.
    ///
    /// - Parameters:
    ///   - cardType: The card scheme.
    ///   - cardNumber: The full card number.
    ///   - maskedCardNumber: The masked card number.
    ///   - expiryDate: The last month of validity.
    ///   - holderName: The name on the card.
    ///   - securityCode: The card verification code.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        cardType: String,
        cardNumber: CardNumber? = nil,
        maskedCardNumber: String? = nil,
        expiryDate: XMLYearMonth,
        holderName: String? = nil,
        securityCode: SecurityCode? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.cardType = cardType
        self.cardNumber = cardNumber
        self.maskedCardNumber = maskedCardNumber
        self.expiryDate = expiryDate
        self.holderName = holderName
        self.securityCode = securityCode
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case cardType = "CardType"
        case cardNumber = "CardNumber"
        case maskedCardNumber = "MaskedCardNumber"
        case expiryDate = "ExpiryDate"
        case holderName = "HolderName"
        case securityCode = "SecurityCode"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
