public import Foundation
public import XMLCoding

/// An amount of money that may be negative: STRING's `SignedCurrencyAmountType`.
///
/// Used for overview figures such as `OpenAmount`, which is negative when a booking is
/// overpaid. In XML it is an `Amount` element (`SignedAmountType`: `xs:decimal`, at most 18
/// digits, at most 3 after the point) followed by `Currency`, and it decodes and encodes like
/// ``CurrencyAmount`` except that negative values are allowed.
///
/// Rounding (``rounded()`` and the last-resort rounding when encoding) is half away from zero:
/// -2.345 EUR becomes -2.35 EUR, as 2.345 EUR becomes 2.35 EUR.
public struct SignedCurrencyAmount: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The amount, exact; may be negative.
    public let amount: Decimal
    /// The currency.
    public let currency: CurrencyCode
    /// Child elements after `Currency` that this schema version does not declare (a newer
    /// version may add some, as optional elements), kept so that a round trip loses nothing.
    ///
    /// They take part in `==` and hashing, as every decoded field does; arithmetic results and
    /// amounts made in code have none.
    public let unknownElements: [XMLAnyElement]

    /// Creates an amount.
    ///
    /// - Parameters:
    ///   - amount: The value.
    ///   - currency: The currency.
    ///   - unknownElements: Undeclared child elements to write back after `Currency`. Default none.
    public init(amount: Decimal, currency: CurrencyCode, unknownElements: [XMLAnyElement] = []) {
        self.amount = amount
        self.currency = currency
        self.unknownElements = unknownElements
    }

    /// The same value as a signed amount.
    ///
    /// - Parameter amount: A non-negative amount.
    public init(_ amount: CurrencyAmount) {
        self.init(amount: amount.amount, currency: amount.currency)
    }

    /// Parses an amount written as an `xs:decimal`, such as `"-12.50"`.
    ///
    /// - Parameters:
    ///   - amount: The `xs:decimal` text.
    ///   - currency: The currency.
    /// - Returns: `nil` when the text is not an `xs:decimal` or violates a `SignedAmountType` facet.
    public init?(_ amount: String, _ currency: CurrencyCode) {
        guard let value = XMLDecimal.parse(amount),
            AmountFacets.violation(of: value, signed: true) == nil
        else { return nil }
        self.init(amount: value, currency: currency)
    }

    /// Zero in a currency.
    ///
    /// - Parameter currency: The currency.
    /// - Returns: 0 in `currency`.
    public static func zero(_ currency: CurrencyCode) -> SignedCurrencyAmount {
        SignedCurrencyAmount(amount: 0, currency: currency)
    }

    /// Whether the amount is zero.
    public var isZero: Bool { amount.isZero }

    /// Whether the amount is below zero.
    public var isNegative: Bool { amount < 0 }

    /// The amount as a ``CurrencyAmount``, or `nil` when it is negative.
    public var unsigned: CurrencyAmount? {
        amount < 0 ? nil : CurrencyAmount(amount: amount, currency: currency)
    }

    /// Creates an amount from a whole number of the currency's minor units: -1250 EUR cents is
    /// -12.50 EUR.
    ///
    /// - Parameters:
    ///   - minorUnitCount: The number of minor units.
    ///   - currency: The currency.
    public init(minorUnitCount: Int64, currency: CurrencyCode) {
        self.init(
            amount: XMLDecimal.decimal(scaledInteger: minorUnitCount, fractionDigits: currency.minorUnits),
            currency: currency)
    }

    /// The amount with the opposite sign.
    ///
    /// - Returns: `-amount` in the same currency.
    public func negated() -> SignedCurrencyAmount {
        SignedCurrencyAmount(amount: -amount, currency: currency)
    }

    /// Whether the value needs more fraction digits than the currency's minor units; see
    /// ``CurrencyAmount/needsMoreFractionDigitsThanCurrencyAllows``.
    public var needsMoreFractionDigitsThanCurrencyAllows: Bool {
        XMLDecimal.fractionDigits(of: amount) > currency.minorUnits
    }

    /// Whether the value satisfies the `SignedAmountType` facets: at most 18 digits, at most 3
    /// fraction digits.
    public var satisfiesAmountFacets: Bool {
        AmountFacets.violation(of: amount, signed: true) == nil
    }

    /// The amount rounded half away from zero to the currency's minor units.
    ///
    /// - Returns: The rounded amount; the amount itself when it needs no rounding.
    public func rounded() -> SignedCurrencyAmount {
        SignedCurrencyAmount(
            amount: XMLDecimal.rounded(amount, fractionDigits: currency.minorUnits), currency: currency)
    }

    /// The sum of two amounts in one currency, exact.
    ///
    /// - Parameter other: The amount to add.
    /// - Returns: The sum.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/currencyMismatch``
    ///   when the currencies differ.
    public func adding(_ other: SignedCurrencyAmount) throws(StringPaymentsError) -> SignedCurrencyAmount {
        try CurrencyAmount.requireSameCurrency(
            description, currency, other.description, other.currency, "add")
        return SignedCurrencyAmount(amount: amount + other.amount, currency: currency)
    }

    /// The difference of two amounts in one currency, exact.
    ///
    /// - Parameter other: The amount to subtract.
    /// - Returns: The difference.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/currencyMismatch``
    ///   when the currencies differ.
    public func subtracting(_ other: SignedCurrencyAmount) throws(StringPaymentsError) -> SignedCurrencyAmount {
        try CurrencyAmount.requireSameCurrency(
            description, currency, other.description, other.currency, "subtract")
        return SignedCurrencyAmount(amount: amount - other.amount, currency: currency)
    }

    /// The `Amount` text as it is written in XML: exactly the currency's minor units, rounded
    /// half away from zero when the value has more (`-12.50`).
    public var formattedAmount: String {
        XMLDecimal.format(amount, fractionDigits: currency.minorUnits)
    }

    /// The amount and the currency code, such as `-12.50 EUR`; never hides a digit.
    public var description: String {
        "\(AmountFacets.displayForm(of: amount, minorUnits: currency.minorUnits)) \(currency.code)"
    }

    // MARK: Codable

    /// The element names: `Amount`, then `Currency`, in the parent's namespace, then the
    /// undeclared children.
    enum CodingKeys: String, XMLCodingKey {
        case amount = "Amount"
        case currency = "Currency"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }

    /// Decodes `Amount` and `Currency`, enforcing the `SignedAmountType` facets.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `invalid-value` for an amount that violates a facet,
    ///   and whatever the decoder throws for a missing or malformed element.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        amount = try container.decode(SignedAmountText.self, forKey: .amount).value
        currency = try container.decode(CurrencyCode.self, forKey: .currency)
        unknownElements = try CurrencyAmount.decodeUnknownElements(
            from: container, forKey: .unknownElements, userInfo: decoder.userInfo)
    }

    /// Encodes `Amount` with exactly the currency's minor units, then `Currency`.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `unencodable-value` for an amount that would
    ///   violate a `SignedAmountType` facet.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let text = try AmountFacets.lexicalForm(
            of: amount, minorUnits: currency.minorUnits, signed: true,
            codingPath: container.codingPath + [CodingKeys.amount])
        try container.encode(text, forKey: .amount)
        try container.encode(currency, forKey: .currency)
        if !unknownElements.isEmpty {
            try container.encode(unknownElements, forKey: .unknownElements)
        }
    }
}
