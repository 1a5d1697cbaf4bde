public import Foundation
public import XMLCoding

/// A percentage of STRING's `PercentageType`: an `xs:decimal` from 0 to 100 with at most four
/// fraction digits, such as a payment option's `PercentFee`.
///
/// ```swift
/// Percentage(xmlLexicalForm: "1.5")?.value      // 1.5
/// Percentage(xmlLexicalForm: "100.00001")       // nil: five fraction digits, above 100
/// ```
public struct Percentage: XMLLexicalValue, Hashable, Comparable, CustomStringConvertible {
    /// The most fraction digits a percentage has.
    public static let maximumFractionDigits = 4

    /// The percentage, 0 to 100 (`1.5` is 1.5 %).
    public let value: Decimal

    /// Creates a percentage.
    ///
    /// - Parameter value: The percentage, such as 1.5 for 1.5 %.
    /// - Returns: `nil` when the value is below 0, above 100, has more than four significant
    ///   fraction digits, or is not a number.
    public init?(_ value: Decimal) {
        guard !value.isNaN, value >= 0, value <= 100,
            XMLDecimal.fractionDigits(of: value) <= Self.maximumFractionDigits
        else { return nil }
        self.value = value
    }

    /// Parses the `xs:decimal` lexical form and checks the facets; see ``init(_:)``.
    ///
    /// - Parameter text: The white-space collapsed text.
    public init?(xmlLexicalForm text: String) {
        guard let value = XMLDecimal.parse(text) else { return nil }
        self.init(value)
    }

    /// The canonical `xs:decimal` form, without trailing zeros (`1.5`, `100`).
    public var xmlLexicalForm: String { XMLDecimal.format(value) }

    /// `PercentageType`.
    public static var xmlTypeName: String { "PercentageType" }

    /// The percentage with a percent sign, such as `1.5%`.
    public var description: String { xmlLexicalForm + "%" }

    /// The share of an amount that this percentage is, exact and not rounded: 1.5 % of
    /// 200.00 EUR is 3 EUR, of 10.00 EUR 0.15 EUR, of 10.01 EUR 0.15015 EUR.
    ///
    /// Round the result with ``CurrencyAmount/rounded()`` where a fee in the currency's minor
    /// units is needed.
    ///
    /// - Parameter amount: The amount.
    /// - Returns: `amount × value / 100` in the amount's currency.
    public func portion(of amount: CurrencyAmount) -> CurrencyAmount {
        CurrencyAmount(amount: amount.amount * value / 100, currency: amount.currency)
    }

    /// Orders percentages by value.
    public static func < (lhs: Percentage, rhs: Percentage) -> Bool {
        lhs.value < rhs.value
    }
}
