/// A card security code (CVC, CVV, CID) of STRING's `SecurityCodeType`: 3 or 4 digits. A secret.
///
/// ## Secrecy
///
/// The digits are reachable only through ``xmlLexicalForm``, which exists so the code can be
/// written into the XML message it is meant for. ``description`` is `***` whatever the length,
/// ``debugDescription`` `SecurityCode(***)`, and the mirror that `dump`, `String(reflecting:)`
/// and the default description of a containing type use has no children. No error of this
/// library quotes the code, including decoding errors for an invalid one. Encoding writes `***`,
/// whatever the encoder, unless the encoder's `userInfo` sets
/// ``StringCodingOptions/revealsSecretsKey`` to `true` (as ``StringMessage/encoded(options:)``
/// does for the XML message): only then does it write the digits.
///
/// Like ``CardNumber``, it is coded as its digit string but does not conform to
/// ``/XMLCoding/XMLLexicalValue``, so the XML decoder never quotes an invalid one in an error.
public struct SecurityCode: Codable, Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The number of digits a security code has.
    public static let allowedLengths = 3...4

    private let digits: String

    /// Creates a security code from its digits.
    ///
    /// - Parameter digits: 3 or 4 ASCII digits.
    /// - Returns: `nil` when the text is not 3 or 4 digits.
    public init?(_ digits: String) {
        guard SecretDigits.isValid(digits, lengths: Self.allowedLengths) else { return nil }
        self.digits = digits
    }

    /// Parses the lexical form; see ``init(_:)``.
    ///
    /// - Parameter text: The white-space collapsed text.
    public init?(xmlLexicalForm text: String) {
        self.init(text)
    }

    /// The digits, for writing into the XML message. The only way to them.
    public var xmlLexicalForm: String { digits }

    /// `SecurityCodeType`.
    public static var xmlTypeName: String { "SecurityCodeType" }

    /// `***`, whatever the code and its length.
    public var description: String { "***" }

    /// `SecurityCode(***)`.
    public var debugDescription: String { "SecurityCode(***)" }

    /// A mirror without children.
    public var customMirror: Mirror {
        Mirror(self, children: [:], displayStyle: .struct)
    }

    /// Decodes the digits from a single string value.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `invalid-value` for text that is not 3 or 4
    ///   digits; its message does not quote the text.
    public init(from decoder: any Decoder) throws {
        digits = try SecretDigits.decode(
            from: decoder, lengths: Self.allowedLengths, typeName: Self.xmlTypeName)
    }

    /// Encodes `***` as a single string value, or the digits when the encoder's `userInfo` sets
    /// ``StringCodingOptions/revealsSecretsKey`` to `true`.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: Whatever the encoder's single-value container throws.
    public func encode(to encoder: any Encoder) throws {
        if StringCodingOptions.revealsSecrets(encoder.userInfo) {
            try SecretDigits.encode(digits, to: encoder)
        } else {
            try SecretDigits.encode(description, to: encoder)
        }
    }
}
