public import XMLCoding

/// The booking's price (schema `PricesType`).
///
/// Children: `TotalPrice` (CurrencyAmountType).
public struct Prices: Codable, Hashable, Sendable {
    /// `TotalPrice`: the booking's total price.
    public var totalPrice: CurrencyAmount
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates prices.
    ///
    /// - Parameters:
    ///   - totalPrice: The booking's total price.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        totalPrice: CurrencyAmount,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.totalPrice = totalPrice
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case totalPrice = "TotalPrice"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
