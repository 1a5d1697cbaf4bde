import Foundation
import XMLCoding

/// The facets of STRING's `AmountType` and `SignedAmountType`, checked in one place for
/// decoding, encoding and the failable initializers.
enum AmountFacets {
    /// `xs:totalDigits` of both amount types.
    static let totalDigits = 18
    /// `xs:fractionDigits` of both amount types.
    static let fractionDigits = 3

    /// The schema type name, for messages.
    static func typeName(signed: Bool) -> String {
        signed ? "SignedAmountType" : "AmountType"
    }

    /// Describes the first facet the value violates; `nil` when it satisfies them all.
    static func violation(of value: Decimal, signed: Bool) -> String? {
        let type = typeName(signed: signed)
        if value.isNaN {
            return "the amount is not a number; \(type) requires a decimal value"
        }
        if !signed && value < 0 {
            return "the amount \(XMLDecimal.format(value)) is negative; \(type) requires at least 0"
        }
        let fraction = XMLDecimal.fractionDigits(of: value)
        if fraction > fractionDigits {
            return
                "the amount \(XMLDecimal.format(value)) has \(fraction) fraction digits; \(type) allows at most \(fractionDigits)"
        }
        let total = XMLDecimal.totalDigits(of: value)
        if total > totalDigits {
            return
                "the amount \(XMLDecimal.format(value)) has \(total) digits; \(type) allows at most \(totalDigits)"
        }
        return nil
    }

    /// Decodes an `Amount` element's value and checks the facets, throwing an
    /// ``/XMLCoding/XMLCodingError`` with code `invalid-value` that the XML decoder locates at the `Amount`
    /// element itself.
    ///
    /// Accepts the `xs:decimal` lexical form as a string (XML, and JSON as this library encodes
    /// it) and, outside XML, a plain number.
    static func decode(from decoder: any Decoder, signed: Bool) throws -> Decimal {
        let container = try decoder.singleValueContainer()
        let value: Decimal
        if let text = try? container.decode(String.self) {
            guard let parsed = XMLDecimal.parse(text) else {
                let shown = text.count > 64 ? String(text.prefix(64)) + "…" : text
                throw XMLCodingError(
                    code: .invalidValue,
                    message: "'\(shown)' is not a valid \(typeName(signed: signed))",
                    codingPath: decoder.codingPath)
            }
            value = parsed
        } else {
            value = try container.decode(Decimal.self)
        }
        if let violation = violation(of: value, signed: signed) {
            throw XMLCodingError(code: .invalidValue, message: violation, codingPath: decoder.codingPath)
        }
        return value
    }

    /// The `Amount` text for encoding: exactly `minorUnits` fraction digits.
    ///
    /// A value with more fraction digits than the currency allows is rounded half away from zero
    /// as a last resort (the semantic checks refuse such amounts before they get here). A value
    /// that even then violates a facet is refused with `unencodable-value`, since writing it
    /// would produce a document the schema rejects. The coding path is only worked out for that
    /// error: building it for every amount cost about 2,800 instructions (the encoder's frames
    /// walked and two arrays made), half of encoding the amount.
    static func lexicalForm(
        of value: Decimal, minorUnits: Int, signed: Bool, codingPath: @autoclosure () -> [any CodingKey]
    ) throws(XMLCodingError) -> String {
        let written = XMLDecimal.rounded(value, fractionDigits: minorUnits)
        if let violation = violation(of: written, signed: signed) {
            throw XMLCodingError(code: .unencodableValue, message: violation, codingPath: codingPath())
        }
        return XMLDecimal.format(written, fractionDigits: minorUnits)
    }

    /// The amount for display: the currency's minor units, or more when the value has more, so
    /// the display never hides digits.
    static func displayForm(of value: Decimal, minorUnits: Int) -> String {
        XMLDecimal.format(value, fractionDigits: max(minorUnits, XMLDecimal.fractionDigits(of: value)))
    }
}

/// An `Amount` element of `AmountType`, decoded through ``AmountFacets``.
struct UnsignedAmountText: Decodable {
    let value: Decimal

    init(from decoder: any Decoder) throws {
        value = try AmountFacets.decode(from: decoder, signed: false)
    }
}

/// An `Amount` element of `SignedAmountType`, decoded through ``AmountFacets``.
struct SignedAmountText: Decodable {
    let value: Decimal

    init(from decoder: any Decoder) throws {
        value = try AmountFacets.decode(from: decoder, signed: true)
    }
}
