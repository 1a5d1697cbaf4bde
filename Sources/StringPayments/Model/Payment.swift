public import XMLCoding

/// One payment: expected, desired or effected (schema `PaymentType` and its seven extensions).
///
/// Attributes: `Identifier` (IdentifierType, required; unique within the message, and the
/// payment's identity within its booking) and `Collection`? (CollectionType; `Mixed` is not
/// allowed on a single payment in a request). Children in schema order: `PaymentScope`,
/// `FormOfPayment`?, `PaymentAmount` (CurrencyAmountType), `PaymentServiceProvider`?,
/// `CashHolder`?, `Status`?, `Dates`?, `PaymentDetails`?, then the extra children of the
/// ``specialisation`` named by `xsi:type`.
///
/// `Status` and `PaymentDetails` are set by the tour operator and belong in responses only; a
/// request's `Dates` carries only `EntryDate`. Those rules, the `Collection` rules and the match
/// of `FormOfPayment` with `xsi:type` are checked by the library's validation, not by decoding.
///
/// Decoding reads `xsi:type` as a QName resolved against the namespace declarations in scope, so
/// any prefix works for both the schema-instance and the STRING namespace. Encoding writes
/// `xsi:type` with the name in the STRING namespace.
public struct Payment: Hashable, Sendable {
    /// `@Identifier`: the payment's identifier, unique within the message.
    public var identifier: Identifier
    /// `@Collection`: who collects this payment.
    public var collection: PaymentCollection?
    /// `PaymentScope`: deposit, interim or balance payment.
    public var paymentScope: PaymentScope
    /// `FormOfPayment`: how the payment is made; must match the ``specialisation`` when both
    /// are given.
    public var formOfPayment: FormOfPayment?
    /// `PaymentAmount`: the amount of the payment.
    public var paymentAmount: CurrencyAmount
    /// `PaymentServiceProvider`: the provider that handles the payment.
    public var paymentServiceProvider: PaymentServiceProvider?
    /// `CashHolder`: who answers for the form of payment.
    public var cashHolder: CashHolder?
    /// `Status`: where the payment stands (responses only).
    public var status: PaymentStatus?
    /// `Dates`: due, entry and settlement dates.
    public var dates: PaymentDates?
    /// `PaymentDetails`: the tour operator's processing details (responses only).
    public var paymentDetails: PaymentDetails?
    /// The `xsi:type` and its extra children.
    public var specialisation: PaymentSpecialisation
    /// Child elements the model declares neither for `PaymentType` nor for the
    /// ``specialisation`` (from a newer schema version), kept in document order and written back
    /// after the declared children. Empty for ``PaymentSpecialisation/unknown(type:extraElements:)``,
    /// whose `extraElements` keep every child after the base children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a payment.
    ///
    /// - Parameters:
    ///   - identifier: The identifier, unique within the message.
    ///   - collection: Who collects the payment.
    ///   - paymentScope: Deposit, interim or balance.
    ///   - formOfPayment: How the payment is made.
    ///   - paymentAmount: The amount.
    ///   - paymentServiceProvider: The provider that handles it.
    ///   - cashHolder: Who answers for the form of payment.
    ///   - status: Where it stands (responses only).
    ///   - dates: Its dates.
    ///   - paymentDetails: Processing details (responses only).
    ///   - specialisation: The `xsi:type` and its extra children. Default ``PaymentSpecialisation/unspecified``.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        identifier: Identifier,
        collection: PaymentCollection? = nil,
        paymentScope: PaymentScope,
        formOfPayment: FormOfPayment? = nil,
        paymentAmount: CurrencyAmount,
        paymentServiceProvider: PaymentServiceProvider? = nil,
        cashHolder: CashHolder? = nil,
        status: PaymentStatus? = nil,
        dates: PaymentDates? = nil,
        paymentDetails: PaymentDetails? = nil,
        specialisation: PaymentSpecialisation = .unspecified,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.identifier = identifier
        self.collection = collection
        self.paymentScope = paymentScope
        self.formOfPayment = formOfPayment
        self.paymentAmount = paymentAmount
        self.paymentServiceProvider = paymentServiceProvider
        self.cashHolder = cashHolder
        self.status = status
        self.dates = dates
        self.paymentDetails = paymentDetails
        self.specialisation = specialisation
        self.unknownElements = unknownElements
    }

    /// The form of payment implied by the `xsi:type`; `nil` for a plain `PaymentType` and for an
    /// unknown type.
    ///
    /// Compare it with ``formOfPayment``: when both are present they must be equal.
    public var formOfPaymentFromType: FormOfPayment? {
        specialisation.formOfPayment
    }
}
