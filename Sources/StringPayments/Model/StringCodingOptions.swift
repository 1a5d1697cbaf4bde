/// The `userInfo` keys through which the STRING model types read their coding options.
///
/// ``StringMessage/decode(from:options:)-(ContiguousBytes,_)`` fills the decoding keys from ``StringDecodingOptions``.
/// Set them yourself only when you decode a model type with an `XMLDecoder` directly, or, for
/// ``revealsSecretsKey``, when you encode a model value into a STRING message yourself.
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

    /// When the value is `true`, ``CardNumber`` and ``SecurityCode`` encode their digits;
    /// otherwise they encode ``CardNumber/masked`` (`411111******1111`) and `***`.
    ///
    /// Secrets are redacted by default, whatever the encoder, so a model value written to a log
    /// or a JSON document for people never carries a card number. Only the encoding of the XML
    /// message meant to carry them opts in: ``StringMessage/encoded(options:)`` sets this key. Set
    /// it yourself only when you encode a model value into a STRING message with an encoder of your
    /// own. Absent or any value other than `true` redacts.
    public static let revealsSecretsKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "de.drv.string.revealsSecrets") else {
            preconditionFailure("a non-empty raw value always makes a CodingUserInfoKey")
        }
        return key
    }()

    /// Kept for source compatibility; it has no effect any more.
    ///
    /// Secrets are now redacted unless ``revealsSecretsKey`` is `true`, so setting this key to
    /// `true` changes nothing, and setting it to anything else no longer reveals secrets.
    public static let redactsSecretsKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "de.drv.string.redactsSecrets") else {
            preconditionFailure("a non-empty raw value always makes a CodingUserInfoKey")
        }
        return key
    }()

    /// Whether the decoder's `userInfo` asks for lenient payment types.
    /// When the value is `false`, an amount (`CurrencyAmountType`, `SignedCurrencyAmountType`)
    /// leaves its undeclared children to the decoder's unknown-element policy instead of keeping
    /// them in ``CurrencyAmount/unknownElements``, so that `.reject` refuses them with their path.
    ///
    /// Absent or any other value means keep. ``StringDecodingOptions`` sets it to `false` for
    /// `unknownElements: .reject`.
    public static let keepsUnknownAmountChildrenKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "de.drv.string.keepsUnknownAmountChildren") else {
            preconditionFailure("a non-empty raw value always makes a CodingUserInfoKey")
        }
        return key
    }()

    static func keepsUnknownAmountChildren(_ userInfo: [CodingUserInfoKey: Any]) -> Bool {
        userInfo[keepsUnknownAmountChildrenKey] as? Bool != false
    }

    static func lenientPaymentTypes(_ userInfo: [CodingUserInfoKey: Any]) -> Bool {
        userInfo[lenientPaymentTypesKey] as? Bool == true
    }

    /// Whether the encoder's `userInfo` opts in to writing secrets' digits.
    static func revealsSecrets(_ userInfo: [CodingUserInfoKey: Any]) -> Bool {
        userInfo[revealsSecretsKey] as? Bool == true
    }
}
