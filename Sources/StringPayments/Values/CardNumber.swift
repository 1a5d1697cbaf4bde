/// A payment card number (primary account number, PAN) of STRING's `CardNumberType`: 12 to 19
/// digits. A secret.
///
/// ## Secrecy
///
/// The digits are reachable only through ``xmlLexicalForm``, which exists so the number can be
/// written into the XML message it is meant for. Everything else shows the PCI DSS display form
/// ``masked`` (`411111******1111`) at most: ``description``, ``debugDescription`` and the mirror
/// that `dump`, `String(reflecting:)` and the default description of a containing type use. No
/// error of this library quotes the number, including decoding errors for an invalid one.
///
/// Encoding writes ``masked``, whatever the encoder (a `JSONEncoder` for a log, say), unless the
/// encoder's `userInfo` sets ``StringCodingOptions/revealsSecretsKey`` to `true`: only then does it
/// write the digits. ``StringMessage/encoded(options:)`` sets it, because the XML message a
/// request is encoded into must carry the number; set it yourself only when you encode a model
/// value into such a message with an `XMLEncoder` of your own.
///
/// ## Validity
///
/// Any 12 to 19 digits decode, so schema-valid input always decodes; ``passesLuhnCheck`` tells
/// whether the number is plausible, and the semantic checks report a failure as
/// ``StringPaymentsError/Code/invalidCardNumber``.
///
/// `CardNumber` is coded as its digit string, like an ``/XMLCoding/XMLLexicalValue``, but it does not
/// conform to that protocol: the XML decoder quotes the text of a lexical value that fails to
/// parse in its error message, and a card number must never appear there.
public struct CardNumber: Codable, Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The number of digits a card number has.
    public static let allowedLengths = 12...19

    private let digits: String

    /// Creates a card number from its digits.
    ///
    /// - Parameter digits: 12 to 19 ASCII digits, without spaces or dashes.
    /// - Returns: `nil` when the text is not 12 to 19 digits. The Luhn check digit is not
    ///   verified here; see ``passesLuhnCheck``.
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

    /// The full card number, for writing into the XML message. The only way to the digits.
    public var xmlLexicalForm: String { digits }

    /// `CardNumberType`.
    public static var xmlTypeName: String { "CardNumberType" }

    /// The number of digits, 12 to 19.
    public var digitCount: Int { digits.utf8.count }

    /// Whether the last digit is the right Luhn (ISO/IEC 7812-1) check digit.
    ///
    /// From the right, every second digit is doubled (9 subtracted when the result exceeds 9),
    /// and the sum of all digits must be a multiple of 10.
    public var passesLuhnCheck: Bool {
        var sum = 0
        for (offset, byte) in digits.utf8.reversed().enumerated() {
            var digit = Int(byte) - 0x30
            if offset % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    /// The bank identification number (issuer identification number) that PCI DSS allows to keep
    /// beside ``lastFour``: the first six digits of a number with 16 or more digits; `nil` for a
    /// shorter number.
    ///
    /// PCI DSS allows the first six (for 16 digits or more, also eight) and the last four digits
    /// to be shown or stored together only where that leaves at least six digits hidden. For a
    /// number of 12 to 15 digits it allows one of the two, and ``masked`` already shows the last
    /// four; so there is no BIN to keep, and storing ``bin`` with ``masked`` never reveals more
    /// than allowed. Six digits rather than eight, so that the BIN and ``masked`` agree.
    public var bin: String? {
        digitCount >= 16 ? String(digits.prefix(6)) : nil
    }

    /// The last four digits.
    public var lastFour: String { String(digits.suffix(4)) }

    /// The number as it may be displayed: for 16 digits or more, the first six and the last four,
    /// the others replaced by `*` (`411111******1111`, 16 characters for 16 digits); for 12 to 15
    /// digits only the last four (`***********0005`).
    ///
    /// Six and four of a shorter number would leave five or fewer digits hidden, which PCI DSS
    /// does not allow; see ``bin``.
    public var masked: String {
        let shownFirst = digitCount >= 16 ? 6 : 0
        let hidden = digitCount - shownFirst - 4
        return String(digits.prefix(shownFirst)) + String(repeating: "*", count: hidden) + lastFour
    }

    /// The masked number, such as `411111******1111`.
    public var description: String { masked }

    /// `CardNumber(411111******1111)`.
    public var debugDescription: String { "CardNumber(\(masked))" }

    /// A mirror with only the masked number.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": masked], displayStyle: .struct)
    }

    /// Decodes the digits from a single string value.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: ``/XMLCoding/XMLCodingError`` with code `invalid-value` for text that is not 12 to 19
    ///   digits; its message does not quote the text.
    public init(from decoder: any Decoder) throws {
        digits = try SecretDigits.decode(
            from: decoder, lengths: Self.allowedLengths, typeName: Self.xmlTypeName)
    }

    /// Encodes ``masked`` as a single string value, or the digits when the encoder's `userInfo`
    /// sets ``StringCodingOptions/revealsSecretsKey`` to `true`.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: Whatever the encoder's single-value container throws.
    public func encode(to encoder: any Encoder) throws {
        if StringCodingOptions.revealsSecrets(encoder.userInfo) {
            try SecretDigits.encode(digits, to: encoder)
        } else {
            try SecretDigits.encode(masked, to: encoder)
        }
    }
}
