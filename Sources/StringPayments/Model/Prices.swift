import XMLCoding

/// The booking's price (schema `PricesType`).
///
/// Children: `TotalPrice` (CurrencyAmountType).
public struct Prices: Codable, Hashable, Sendable {
    /// `TotalPrice`: the booking's total price.
    public var totalPrice: CurrencyAmount

    /// Creates prices.
    ///
    /// - Parameter totalPrice: The booking's total price.
    public init(totalPrice: CurrencyAmount) {
        self.totalPrice = totalPrice
    }

    enum CodingKeys: String, XMLCodingKey {
        case totalPrice = "TotalPrice"
    }
}
