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
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates the next due payment.
    ///
    /// - Parameters:
    ///   - paymentScope: Which payment is due.
    ///   - dueDate: When it is due.
    ///   - amount: How much is due.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        paymentScope: PaymentScope,
        dueDate: XMLDate,
        amount: CurrencyAmount,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.paymentScope = paymentScope
        self.dueDate = dueDate
        self.amount = amount
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case paymentScope = "PaymentScope"
        case dueDate = "DueDate"
        case amount = "Amount"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
