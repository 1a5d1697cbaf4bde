import XMLCoding

/// The extra children of a card payment (schema `CreditCardPaymentType`, an extension of
/// `PaymentType` with `FormOfPayment` `CreditCard`).
///
/// Children in schema order, after the base children of ``Payment``: `CreditCard`?
/// (CreditCardType), `PCIToken`?, `PCITokenIssuer`?, `PCIBin`? (xs:string). The PCI elements are
/// used when the card was tokenised by a payment service provider, so no card number travels.
public struct CreditCardPayment: Codable, Hashable, Sendable {
    /// `CreditCard`: the card, with number or mask.
    public var creditCard: CreditCard?
    /// `PCIToken`: the token standing for the card.
    public var pciToken: String?
    /// `PCITokenIssuer`: who issued ``pciToken``.
    public var pciTokenIssuer: String?
    /// `PCIBin`: the bank identification number, the first 6–8 digits of the card number.
    public var pciBin: String?

    /// Creates the card payment's extra children.
    ///
    /// - Parameters:
    ///   - creditCard: The card.
    ///   - pciToken: The token standing for the card.
    ///   - pciTokenIssuer: Who issued the token.
    ///   - pciBin: The card's bank identification number.
    public init(
        creditCard: CreditCard? = nil, pciToken: String? = nil, pciTokenIssuer: String? = nil,
        pciBin: String? = nil
    ) {
        self.creditCard = creditCard
        self.pciToken = pciToken
        self.pciTokenIssuer = pciTokenIssuer
        self.pciBin = pciBin
    }

    enum CodingKeys: String, XMLCodingKey {
        case creditCard = "CreditCard"
        case pciToken = "PCIToken"
        case pciTokenIssuer = "PCITokenIssuer"
        case pciBin = "PCIBin"
    }
}
