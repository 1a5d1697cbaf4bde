public import XMLCoding

/// The booking's payments at one glance (schema `PaymentOverviewType`; responses only).
///
/// Children in schema order, all in the booking currency: `TotalPrice`, `TotalFees`,
/// `PaidAmount` (Recorded + Settled + Confirmed), `SettledAmount` (Settled + Confirmed),
/// `OpenAmount` (SignedCurrencyAmountType: TotalPrice + TotalFees − PaidAmount; negative means
/// overpaid), `OverdueAmount` (open expected payments past due), then `NextDue`?. All amounts
/// other than `OpenAmount` are CurrencyAmountType. The library's validation checks the currency
/// and the `OpenAmount` arithmetic.
public struct PaymentOverview: Codable, Hashable, Sendable {
    /// `TotalPrice`: the booking's total price.
    public var totalPrice: CurrencyAmount
    /// `TotalFees`: the fees for the chosen forms of payment.
    public var totalFees: CurrencyAmount
    /// `PaidAmount`: what was paid (payments Recorded, Settled or Confirmed).
    public var paidAmount: CurrencyAmount
    /// `SettledAmount`: what the tour operator received (payments Settled or Confirmed).
    public var settledAmount: CurrencyAmount
    /// `OpenAmount`: TotalPrice + TotalFees − PaidAmount; negative when overpaid.
    public var openAmount: SignedCurrencyAmount
    /// `OverdueAmount`: what is open of expected payments past their due date.
    public var overdueAmount: CurrencyAmount
    /// `NextDue`: the next payment due.
    public var nextDue: NextDue?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a payment overview.
    ///
    /// - Parameters:
    ///   - totalPrice: The booking's total price.
    ///   - totalFees: The fees for the chosen forms of payment.
    ///   - paidAmount: What was paid.
    ///   - settledAmount: What the tour operator received.
    ///   - openAmount: TotalPrice + TotalFees − PaidAmount.
    ///   - overdueAmount: What is open and past due.
    ///   - nextDue: The next payment due.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        totalPrice: CurrencyAmount,
        totalFees: CurrencyAmount,
        paidAmount: CurrencyAmount,
        settledAmount: CurrencyAmount,
        openAmount: SignedCurrencyAmount,
        overdueAmount: CurrencyAmount,
        nextDue: NextDue? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.totalPrice = totalPrice
        self.totalFees = totalFees
        self.paidAmount = paidAmount
        self.settledAmount = settledAmount
        self.openAmount = openAmount
        self.overdueAmount = overdueAmount
        self.nextDue = nextDue
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case totalPrice = "TotalPrice"
        case totalFees = "TotalFees"
        case paidAmount = "PaidAmount"
        case settledAmount = "SettledAmount"
        case openAmount = "OpenAmount"
        case overdueAmount = "OverdueAmount"
        case nextDue = "NextDue"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
