/// The `userInfo` keys through which the STRING model types read their decoding options.
///
/// ``StringMessage/decode(from:options:)`` fills these from ``StringDecodingOptions``. Set them
/// yourself only when you decode a model type with an `XMLDecoder` directly.
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

    /// Whether the decoder's `userInfo` asks for lenient payment types.
    static func lenientPaymentTypes(_ userInfo: [CodingUserInfoKey: Any]) -> Bool {
        userInfo[lenientPaymentTypesKey] as? Bool == true
    }
}
