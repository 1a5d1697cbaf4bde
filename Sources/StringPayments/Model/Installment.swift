public import XMLCoding

/// One instalment of an instalment payment (schema `InstallmentType`).
///
/// Children in schema order: `Number` (xs:positiveInteger), `DueDate`, `Amount`
/// (CurrencyAmountType). Numbers run 1…n in document order and the amounts, in the payment's
/// currency, add up to the payment's `PaymentAmount`; the library's validation checks both.
public struct Installment: Codable, Hashable, Sendable {
    /// `Number`: the instalment's position, starting at 1.
    public var number: Int
    /// `DueDate`: when the instalment is due.
    public var dueDate: XMLDate
    /// `Amount`: the instalment's amount.
    public var amount: CurrencyAmount
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates an instalment.
    ///
    /// - Parameters:
    ///   - number: The position, starting at 1.
    ///   - dueDate: When it is due.
    ///   - amount: Its amount.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        number: Int,
        dueDate: XMLDate,
        amount: CurrencyAmount,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.number = number
        self.dueDate = dueDate
        self.amount = amount
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case number = "Number"
        case dueDate = "DueDate"
        case amount = "Amount"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }

    /// Decodes the children, refusing a `Number` below 1 as `xs:positiveInteger` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Int.self, forKey: .number)
        guard number >= 1 else {
            throw XMLCodingError(
                code: .invalidValue, message: "'\(number)' is not a valid xs:positiveInteger",
                codingPath: container.codingPath + [CodingKeys.number])
        }
        dueDate = try container.decode(XMLDate.self, forKey: .dueDate)
        amount = try container.decode(CurrencyAmount.self, forKey: .amount)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }
}
