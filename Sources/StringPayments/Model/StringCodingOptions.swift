/// The `userInfo` keys through which the STRING model types read their coding options.
///
/// ``StringMessage/decode(from:options:)-(ContiguousBytes,_)`` fills the decoding keys from ``StringDecodingOptions``.
/// Set them yourself only when you decode a model type with an `XMLDecoder` directly, or, for
/// ``redactsSecretsKey``, when you encode a model value with an encoder other than XML.
public enum StringCodingOptions {
    /// When the value is `true`, a `Payment` whose `xsi:type` names no known payment type is kept as
    /// ``PaymentSpecialisation/unknown(type:extraElements:)`` instead of being refused.
    ///
    /// Absent or any other value means strict: an unknown `xsi:type` throws
    /// `XMLCodingError.Code.unknownType`. Strict is the default because a payment of an unknown
    /// type cannot be processed safely; leniency is for tools that only read or forward messages.
    public static let lenientPaymentTypesKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "de.drv.string.lenientPaymentTypes") else {
            preconditionFailure("a non-empty raw value always makes a CodingUserInfoKey")
        }
        return key
    }()

    /// When the value is `true`, ``CardNumber`` encodes its ``CardNumber/masked`` form
    /// (`411111******1111`) and ``SecurityCode`` encodes `***`, instead of their digits.
    ///
    /// Set it in the `userInfo` of an encoder whose output is for people or logs, such as a
    /// `JSONEncoder` rendering a message for display; the `drv-payments decode` command does.
    /// Absent or any other value writes the digits, because the XML a message is encoded into is
    /// meant to carry them; a redacted encoding cannot be decoded back into the same value.
    public static let redactsSecretsKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "de.drv.string.redactsSecrets") else {
            preconditionFailure("a non-empty raw value always makes a CodingUserInfoKey")
        }
        return key
    }()

    /// Whether the decoder's `userInfo` asks for lenient payment types.
    static func lenientPaymentTypes(_ userInfo: [CodingUserInfoKey: Any]) -> Bool {
        userInfo[lenientPaymentTypesKey] as? Bool == true
    }

    /// Whether the encoder's `userInfo` asks for secrets to be written masked.
    static func redactsSecrets(_ userInfo: [CodingUserInfoKey: Any]) -> Bool {
        userInfo[redactsSecretsKey] as? Bool == true
    }
}
