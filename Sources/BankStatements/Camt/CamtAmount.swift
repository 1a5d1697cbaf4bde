import Foundation
import StringPayments
import XMLCoding

/// `ActiveOrHistoricCurrencyAndAmount`: `<Amt Ccy="EUR">12.50</Amt>`, checked against the currency.
///
/// The XSD allows five fraction digits for every currency; an amount needing more than the
/// currency's minor units (EUR `12.345`) is refused with `too-many-fraction-digits`, located by the
/// decoder at the element, because rounding it would silently change money.
struct CamtAmount: Decodable, Sendable {
    var value: CurrencyAmount

    /// The code the decoder reports for an amount with too many fraction digits; the same raw value
    /// as ``BankStatementsError/Code/tooManyFractionDigits``.
    static let tooManyFractionDigits = XMLCodingError.Code(BankStatementsError.Code.tooManyFractionDigits.rawValue)
    /// The code for a `Ccy` that is not three upper-case letters.
    static let invalidCurrency = XMLCodingError.Code(BankStatementsError.Code.invalidCurrency.rawValue)

    enum CodingKeys: String, XMLCodingKey {
        case currency = "Ccy"
        case amount

        var xmlNodeKind: XMLNodeKind { self == .currency ? .attribute : .text }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .currency)
        let amount = try container.decode(Decimal.self, forKey: .amount)
        guard let currency = CurrencyCode(code) else {
            throw XMLCodingError(
                code: Self.invalidCurrency, message: "'\(code)' is not a currency code (three upper-case letters)",
                codingPath: container.codingPath + [CodingKeys.currency])
        }
        guard !amount.isSignMinus else {
            throw XMLCodingError(
                code: .invalidValue, message: "the amount \(amount) is negative",
                codingPath: container.codingPath)
        }
        let value = CurrencyAmount(amount: amount, currency: currency)
        guard !value.needsMoreFractionDigitsThanCurrencyAllows else {
            throw XMLCodingError(
                code: Self.tooManyFractionDigits,
                message:
                    "the amount \(value) has more fraction digits than \(currency) allows (\(currency.minorUnits))",
                codingPath: container.codingPath)
        }
        self.value = value
    }
}
