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

    init(value: CurrencyAmount) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .currency)
        let amount = try container.decode(Decimal.self, forKey: .amount)
        do throws(XMLCodingError) {
            value = try Self.checked(currencyCode: code, amount: amount)
        } catch {
            let key: [any CodingKey] = error.code == Self.invalidCurrency ? [CodingKeys.currency] : []
            throw XMLCodingError(code: error.code, message: error.message, codingPath: container.codingPath + key)
        }
    }

    /// The amount of a currency code and a parsed decimal, refused when the code is not a currency
    /// code, the amount is negative, or it needs more fraction digits than the currency has. The
    /// error is not located; the caller adds where.
    static func checked(currencyCode code: String, amount: Decimal) throws(XMLCodingError) -> CurrencyAmount {
        guard let currency = CurrencyCode(code) else {
            throw XMLCodingError(
                code: Self.invalidCurrency, message: "'\(code)' is not a currency code (three upper-case letters)")
        }
        guard !amount.isSignMinus else {
            throw XMLCodingError(code: .invalidValue, message: "the amount \(amount) is negative")
        }
        let value = CurrencyAmount(amount: amount, currency: currency)
        guard !value.needsMoreFractionDigitsThanCurrencyAllows else {
            throw XMLCodingError(
                code: Self.tooManyFractionDigits,
                message:
                    "the amount \(value) has more fraction digits than \(currency) allows (\(currency.minorUnits))")
        }
        return value
    }
}
