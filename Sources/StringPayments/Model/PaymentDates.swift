public import XMLCoding

/// The dates of one payment (schema `PaymentDatesType`).
///
/// Children in schema order, all optional dates without time zone: `DueDate`, `EntryDate`,
/// `SettlementDate`. In requests only `EntryDate` may be given (checked by the library's
/// validation, not by decoding).
public struct PaymentDates: Codable, Hashable, Sendable {
    /// `DueDate`: when the tour operator expects the payment.
    public var dueDate: XMLDate?
    /// `EntryDate`: when the agency entered the payment (Open → Recorded).
    public var entryDate: XMLDate?
    /// `SettlementDate`: when the tour operator received the money (→ Settled).
    public var settlementDate: XMLDate?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates payment dates.
    ///
    /// - Parameters:
    ///   - dueDate: When the payment is expected.
    ///   - entryDate: When the agency entered it.
    ///   - settlementDate: When the tour operator received the money.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        dueDate: XMLDate? = nil,
        entryDate: XMLDate? = nil,
        settlementDate: XMLDate? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.dueDate = dueDate
        self.entryDate = entryDate
        self.settlementDate = settlementDate
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case dueDate = "DueDate"
        case entryDate = "EntryDate"
        case settlementDate = "SettlementDate"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
