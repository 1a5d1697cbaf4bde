public import XMLCoding

/// The next payment due (schema `NextDueType`, in `PaymentOverview`).
///
/// Children in schema order: `PaymentScope`, `DueDate`, `Amount` (CurrencyAmountType).
public struct NextDue: Codable, Hashable, Sendable {
    /// `PaymentScope`: which payment is due next.
    public var paymentScope: PaymentScope
    /// `DueDate`: when it is due.
    public var dueDate: XMLDate
    /// `Amount`: how much is due.
    public var amount: CurrencyAmount

    /// Creates the next due payment.
    ///
    /// - Parameters:
    ///   - paymentScope: Which payment is due.
    ///   - dueDate: When it is due.
    ///   - amount: How much is due.
    public init(paymentScope: PaymentScope, dueDate: XMLDate, amount: CurrencyAmount) {
        self.paymentScope = paymentScope
        self.dueDate = dueDate
        self.amount = amount
    }

    enum CodingKeys: String, XMLCodingKey {
        case paymentScope = "PaymentScope"
        case dueDate = "DueDate"
        case amount = "Amount"
    }
}
