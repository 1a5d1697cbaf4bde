public import Foundation
public import XMLCoding

/// A non-negative amount of money in one currency: STRING's `CurrencyAmountType`.
///
/// In XML it is an `Amount` element (`AmountType`: `xs:decimal`, at least 0, at most 18 digits,
/// at most 3 of them after the point) followed by a `Currency` element, both in the parent's
/// namespace:
///
/// ```xml
/// <PaymentAmount><Amount>12.50</Amount><Currency>EUR</Currency></PaymentAmount>
/// ```
///
/// ## Decoding
///
/// Decoding enforces the `AmountType` facets and throws ``/XMLCoding/XMLCodingError`` with code
/// `invalid-value`, which the XML decoder locates at the `Amount` element. It accepts trailing
/// zeros (EUR `12.500` is 12.50) and any amount the schema accepts, including EUR `12.505`; that
/// the value needs more fraction digits than the currency allows is a semantic error
/// (``StringPaymentsError/Code/tooManyFractionDigits``, see
/// ``needsMoreFractionDigitsThanCurrencyAllows``), never rounded away silently.
///
/// ## Encoding
///
/// `Amount` is written with exactly the currency's ``CurrencyCode/minorUnits`` fraction
/// digits (EUR `12.50`, JPY `1200`, KWD `1.250`). For an amount that passed the semantic checks
/// this never rounds. An amount needing more digits than the currency allows is rounded half up
/// only as a last resort; an amount that still violates a facet (negative, more than 18 digits,
/// or a 4-digit currency such as CLF with 4 significant fraction digits) is refused with
/// ``/XMLCoding/XMLCodingError`` code `unencodable-value`.
///
/// ## Arithmetic
///
/// Amounts combine only within one currency: ``adding(_:)`` and ``subtracting(_:)`` throw
/// ``StringPaymentsError/Code/currencyMismatch`` otherwise. The type is deliberately not
/// `Comparable`: no order between amounts in different currencies would be meaningful. Compare
/// ``amount`` after checking ``currency``.
public struct CurrencyAmount: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The amount, exact. Equal values compare and hash equal however many trailing zeros they
    /// were written with.
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
    /// The value is not checked here; ``satisfiesAmountFacets`` tells whether it is a valid
    /// `AmountType`, and encoding refuses one that is not.
    ///
    /// - Parameters:
    ///   - amount: The value; must be at least 0 to encode.
    ///   - currency: The currency.
    ///   - unknownElements: Undeclared child elements to write back after `Currency`. Default none.
    public init(amount: Decimal, currency: CurrencyCode, unknownElements: [XMLAnyElement] = []) {
        self.amount = amount
        self.currency = currency
        self.unknownElements = unknownElements
    }

    /// Parses an amount written as an `xs:decimal`, such as `"12.50"`.
    ///
    /// Parsing is exact; `Decimal(string:)` and floating-point literals are not used.
    ///
    /// - Parameters:
    ///   - amount: The `xs:decimal` text.
    ///   - currency: The currency.
    /// - Returns: `nil` when the text is not an `xs:decimal` or violates an `AmountType` facet.
    public init?(_ amount: String, _ currency: CurrencyCode) {
        guard let value = XMLDecimal.parse(amount),
            AmountFacets.violation(of: value, signed: false) == nil
        else { return nil }
        self.init(amount: value, currency: currency)
    }

    /// Zero in a currency.
    ///
    /// - Parameter currency: The currency.
    /// - Returns: 0 in `currency`.
    public static func zero(_ currency: CurrencyCode) -> CurrencyAmount {
        CurrencyAmount(amount: 0, currency: currency)
    }

    /// Adds up amounts in one currency.
    ///
    /// - Parameters:
    ///   - amounts: The amounts; an empty sequence sums to zero.
    ///   - currency: The currency every amount must have.
    /// - Returns: The exact sum.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/currencyMismatch``
    ///   when an amount is in another currency.
    public static func sum(
        _ amounts: some Sequence<CurrencyAmount>, currency: CurrencyCode
    ) throws(StringPaymentsError) -> CurrencyAmount {
        var total = zero(currency)
        for amount in amounts {
            total = try total.adding(amount)
        }
        return total
    }

    /// Whether the amount is zero.
    public var isZero: Bool { amount.isZero }

    /// Whether the value needs more fraction digits than the currency's minor units
    /// (EUR `12.505`, JPY `1200.5`); trailing zeros do not count (EUR `12.500` does not).
    ///
    /// Such an amount is a semantic error, ``StringPaymentsError/Code/tooManyFractionDigits``.
    public var needsMoreFractionDigitsThanCurrencyAllows: Bool {
        XMLDecimal.fractionDigits(of: amount) > currency.minorUnits
    }

    /// Whether the value satisfies the `AmountType` facets: at least 0, at most 18 digits, at
    /// most 3 fraction digits.
    public var satisfiesAmountFacets: Bool {
        AmountFacets.violation(of: amount, signed: false) == nil
    }

    /// The amount rounded half up to the currency's minor units (EUR 2.345 becomes 2.35).
    ///
    /// - Returns: The rounded amount; the amount itself when it needs no rounding.
    public func rounded() -> CurrencyAmount {
        CurrencyAmount(
            amount: XMLDecimal.rounded(amount, fractionDigits: currency.minorUnits), currency: currency)
    }

    /// The amount as a whole number of the currency's minor units: 12.50 EUR is 1250, 1200 JPY
    /// is 1200, 1.250 KWD is 1250.
    ///
    /// Sums of minor-unit counts are exact and far cheaper than `Decimal` arithmetic; the ledger
    /// keeps its running totals this way.
    ///
    /// `nil` when the amount needs more fraction digits than the currency allows (12.505 EUR) or
    /// does not fit in an `Int64` (no amount of the schema's `AmountType` is that large).
    public var minorUnitCount: Int64? {
        XMLDecimal.scaledInteger(amount, fractionDigits: currency.minorUnits)
    }

    /// Creates an amount from a whole number of the currency's minor units: 1250 EUR cents is
    /// 12.50 EUR.
    ///
    /// - Parameters:
    ///   - minorUnitCount: The number of minor units; negative counts give negative amounts.
    ///   - currency: The currency.
    public init(minorUnitCount: Int64, currency: CurrencyCode) {
        self.init(
            amount: XMLDecimal.decimal(scaledInteger: minorUnitCount, fractionDigits: currency.minorUnits),
            currency: currency)
    }

    /// The sum of two amounts in one currency, exact.
    ///
    /// - Parameter other: The amount to add.
    /// - Returns: The sum.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/currencyMismatch``
    ///   when the currencies differ.
    public func adding(_ other: CurrencyAmount) throws(StringPaymentsError) -> CurrencyAmount {
        try Self.requireSameCurrency(self.description, currency, other.description, other.currency, "add")
        return CurrencyAmount(amount: amount + other.amount, currency: currency)
    }

    /// The difference of two amounts in one currency, exact; it may be negative, so it is a
    /// ``SignedCurrencyAmount``.
    ///
    /// - Parameter other: The amount to subtract.
    /// - Returns: The difference.
    /// - Throws: ``StringPaymentsError`` with code ``StringPaymentsError/Code/currencyMismatch``
    ///   when the currencies differ.
    public func subtracting(_ other: CurrencyAmount) throws(StringPaymentsError) -> SignedCurrencyAmount {
        try SignedCurrencyAmount(self).subtracting(SignedCurrencyAmount(other))
    }

    /// The `Amount` text as it is written in XML: exactly the currency's minor units, rounded
    /// half up when the value has more (EUR `12.50`, JPY `1200`, KWD `1.250`).
    public var formattedAmount: String {
        XMLDecimal.format(amount, fractionDigits: currency.minorUnits)
    }

    /// The amount and the currency code, such as `12.50 EUR`.
    ///
    /// The amount shows at least the currency's minor units, and more when the value has more
    /// (`12.505 EUR`), so the description never hides a digit.
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

    /// Decodes `Amount` and `Currency`, enforcing the `AmountType` facets.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `invalid-value` for an amount that violates a facet,
    ///   and whatever the decoder throws for a missing or malformed element.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        amount = try container.decode(UnsignedAmountText.self, forKey: .amount).value
        currency = try container.decode(CurrencyCode.self, forKey: .currency)
        unknownElements = try CurrencyAmount.decodeUnknownElements(
            from: container, forKey: .unknownElements, userInfo: decoder.userInfo)
    }

    /// Encodes `Amount` with exactly the currency's minor units, then `Currency`.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `unencodable-value` for an amount that would
    ///   violate an `AmountType` facet.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let text = try AmountFacets.lexicalForm(
            of: amount, minorUnits: currency.minorUnits, signed: false,
            codingPath: container.codingPath + [CodingKeys.amount])
        try container.encode(text, forKey: .amount)
        try container.encode(currency, forKey: .currency)
        if !unknownElements.isEmpty {
            try container.encode(unknownElements, forKey: .unknownElements)
        }
    }

    /// The undeclared children of an amount element: kept, unless strict decoding is on
    /// (``StringCodingOptions/keepsUnknownAmountChildrenKey`` is `false`), where they are left to
    /// the decoder's `.reject` policy, which refuses them with their element path. An amount
    /// decoded from another format (JSON) may have none.
    static func decodeUnknownElements<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key, userInfo: [CodingUserInfoKey: Any]
    ) throws -> [XMLAnyElement] {
        guard StringCodingOptions.keepsUnknownAmountChildren(userInfo) else {
            return []
        }
        return try container.decodeIfPresent([XMLAnyElement].self, forKey: key) ?? []
    }

    /// Throws ``StringPaymentsError/Code/currencyMismatch`` unless the currencies are equal.
    static func requireSameCurrency(
        _ lhs: String, _ lhsCurrency: CurrencyCode, _ rhs: String, _ rhsCurrency: CurrencyCode,
        _ operation: String
    ) throws(StringPaymentsError) {
        guard lhsCurrency == rhsCurrency else {
            throw StringPaymentsError(
                code: .currencyMismatch,
                message: "cannot \(operation) \(lhs) and \(rhs): the currencies differ")
        }
    }
}
