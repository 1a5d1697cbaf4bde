import Foundation
import StringPayments
import XMLCoding

/// The JSON form of a message that `decode` prints.
///
/// The root object has one member, named after the message's root element
/// (`{"PaymentRequest": {...}}`), whose value is the message as its `Encodable` conformance
/// writes it: members named after the XML elements and attributes. Everything the model encodes
/// as text stays text: amounts (`CurrencyAmount` writes its XML lexical form with exactly the
/// currency's minor units, never a binary floating-point number), percentages, dates and
/// identifiers. Card numbers and security codes are masked: the model redacts them for every
/// encoder that does not set `StringCodingOptions.revealsSecretsKey`.
enum JSONRendering {
    /// Renders a message as stable, pretty-printed JSON without a trailing line feed.
    ///
    /// - Parameter message: The message.
    /// - Returns: UTF-8 JSON; equal messages give identical bytes.
    /// - Throws: `StringPaymentsError` when a value cannot be encoded, such as an amount that
    ///   violates its facets (`unencodable-value`).
    static func render(_ message: StringMessage) throws(StringPaymentsError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return try encoder.encode(Root(message: message))
        } catch let error as StringPaymentsError {
            throw error
        } catch let error as XMLCodingError {
            throw StringPaymentsError(error)
        } catch {
            throw StringPaymentsError(
                code: StringPaymentsError.Code(XMLCodingError.Code.unencodableValue),
                message: "the message cannot be written as JSON: \(error)")
        }
    }

    /// The message under its root element's name.
    private struct Root: Encodable {
        let message: StringMessage

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: RootKey.self)
            let key = RootKey(message.kind.rawValue)
            switch message {
            case .paymentRequest(let value): try container.encode(value, forKey: key)
            case .paymentResponse(let value): try container.encode(value, forKey: key)
            case .bookingRequest(let value): try container.encode(value, forKey: key)
            case .bookingResponse(let value): try container.encode(value, forKey: key)
            case .errorResponse(let value): try container.encode(value, forKey: key)
            case .envelopeRequest(let value): try container.encode(value, forKey: key)
            case .envelopeResponse(let value): try container.encode(value, forKey: key)
            }
        }
    }

    /// The root element's name as a JSON key.
    private struct RootKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
