public import XMLCoding

/// One form of payment the tour operator accepts, with its surcharges (schema
/// `PaymentOptionType`; responses only).
///
/// Attribute `Collection`? (CollectionType). Children in schema order: `FormOfPayment`,
/// `FixedFee`? (CurrencyAmountType: a surcharge added to the price), `PercentFee`?
/// (PercentageType: a share of the amount paid, added as surcharge), `AcceptedCardType`*
/// (xs:token; credit card only), `PaymentServiceProvider`?, `Description`?.
public struct PaymentOption: Codable, Hashable, Sendable {
    /// `@Collection`: the encashment this option is offered for.
    public var collection: PaymentCollection?
    /// `FormOfPayment`: the accepted form of payment.
    public var formOfPayment: FormOfPayment
    /// `FixedFee`: a fixed surcharge for paying this way.
    public var fixedFee: CurrencyAmount?
    /// `PercentFee`: a surcharge as a share of the amount paid.
    public var percentFee: Percentage?
    /// `AcceptedCardType`: the card schemes accepted, such as `VISA` (credit card only).
    public var acceptedCardTypes: [String]
    /// `PaymentServiceProvider`: the provider that handles payments of this form.
    public var paymentServiceProvider: PaymentServiceProvider?
    /// `Description`: an explanation for the customer.
    public var description: String?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a payment option.
    ///
    /// - Parameters:
    ///   - collection: The encashment it is offered for.
    ///   - formOfPayment: The accepted form of payment.
    ///   - fixedFee: A fixed surcharge.
    ///   - percentFee: A surcharge as a share of the amount paid.
    ///   - acceptedCardTypes: The card schemes accepted. Default none.
    ///   - paymentServiceProvider: The provider.
    ///   - description: An explanation for the customer.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        collection: PaymentCollection? = nil,
        formOfPayment: FormOfPayment,
        fixedFee: CurrencyAmount? = nil,
        percentFee: Percentage? = nil,
        acceptedCardTypes: [String] = [],
        paymentServiceProvider: PaymentServiceProvider? = nil,
        description: String? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.collection = collection
        self.formOfPayment = formOfPayment
        self.fixedFee = fixedFee
        self.percentFee = percentFee
        self.acceptedCardTypes = acceptedCardTypes
        self.paymentServiceProvider = paymentServiceProvider
        self.description = description
        self.unknownElements = unknownElements
    }

    /// The surcharge for paying an amount this way: `FixedFee` plus `PercentFee` percent of the
    /// amount, rounded half up (commercial rounding) to the currency's minor units.
    ///
    /// The exact sum is rounded once, at the end, so the two parts never round separately. With
    /// a `FixedFee` of 2.50 EUR and a `PercentFee` of 1.5, paying 1234.56 EUR costs
    /// 2.50 + 1234.56 × 1.5 / 100 = 2.50 + 18.5184 = 21.0184, rounded to **21.02 EUR**. In a
    /// currency without minor unit the fee is whole (1.5 % of 12345 JPY = 185.175, so 185 JPY),
    /// and exactly half a minor unit rounds up (1 % of 50.50 EUR = 0.505, so 0.51 EUR). An option
    /// without either fee costs nothing.
    ///
    /// - Parameter amount: The amount to be paid with this option.
    /// - Returns: The fee, in the amount's currency.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/currencyMismatch``
    ///   when `FixedFee` is in another currency than `amount`.
    public func fee(for amount: CurrencyAmount) throws(StringPaymentsError) -> CurrencyAmount {
        var total = CurrencyAmount.zero(amount.currency)
        if let fixedFee {
            guard fixedFee.currency == amount.currency else {
                throw StringPaymentsError(
                    code: .currencyMismatch,
                    message: "the FixedFee of the \(formOfPayment.rawValue) option is in \(fixedFee.currency), "
                        + "the amount to pay in \(amount.currency)")
            }
            total = try total.adding(fixedFee)
        }
        if let percentFee {
            total = try total.adding(percentFee.portion(of: amount))
        }
        return total.rounded()
    }

    enum CodingKeys: String, XMLCodingKey {
        case collection = "Collection"
        case formOfPayment = "FormOfPayment"
        case fixedFee = "FixedFee"
        case percentFee = "PercentFee"
        case acceptedCardTypes = "AcceptedCardType"
        case paymentServiceProvider = "PaymentServiceProvider"
        case description = "Description"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .collection: return .attribute
            case .unknownElements: return .otherElements
            default: return .element
            }
        }
    }
}
