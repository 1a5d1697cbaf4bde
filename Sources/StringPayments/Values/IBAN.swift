public import XMLCoding

/// An International Bank Account Number (ISO 13616) of STRING's `IBANType`, in electronic form.
///
/// The form is the schema's pattern `[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}`: country code, two check
/// digits, and the basic bank account number, without spaces. Any IBAN of that form decodes, so
/// schema-valid input always decodes; ``hasValidChecksum`` verifies the mod-97 check digits, and
/// the semantic checks report a failure as ``StringPaymentsError/Code/invalidIBANChecksum``.
///
/// An IBAN is personal data: ``description``, ``debugDescription`` and the mirror that `dump`
/// uses show only ``masked`` (`DE89 **** **** **** 3000`). ``value`` and ``xmlLexicalForm`` give
/// the full number.
///
/// ```swift
/// let iban = IBAN("DE89370400440532013000")
/// iban?.hasValidChecksum   // true
/// iban?.countryCode        // DE
/// ```
public struct IBAN: XMLLexicalValue, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The IBAN in electronic form, such as `DE89370400440532013000`.
    public let value: String

    /// Creates an IBAN from its electronic form.
    ///
    /// - Parameter text: Upper-case letters and digits without spaces.
    /// - Returns: `nil` when the text does not match `[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}`. The check
    ///   digits are not verified here; see ``hasValidChecksum``.
    public init?(_ text: String) {
        guard Self.matchesPattern(text.utf8) else { return nil }
        self.value = text
    }

    /// Creates an IBAN from a printed or hand-typed form, removing spaces, tabs and line breaks
    /// and upper-casing ASCII letters (`de89 3704 0044 0532 0130 00`).
    ///
    /// - Parameter text: The IBAN as printed.
    /// - Returns: `nil` when the result does not match the IBAN pattern.
    public init?(normalizing text: String) {
        // Already in electronic form (as bank files give it): nothing to remove or upper-case.
        if !text.utf8.contains(where: {
            $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x61...0x7A).contains($0)
        }) {
            self.init(text)
            return
        }
        let bytes = text.utf8.compactMap { byte -> UInt8? in
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: return nil
            case 0x61...0x7A: return byte - 0x20
            default: return byte
            }
        }
        self.init(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses the lexical form; see ``init(_:)``.
    ///
    /// - Parameter text: The white-space collapsed text.
    public init?(xmlLexicalForm text: String) {
        self.init(text)
    }

    /// The country code: the first two letters.
    public var countryCode: CountryCode {
        // The pattern guarantees two upper-case letters.
        CountryCode(validated: String(value.prefix(2)))
    }

    /// The two check digits, such as `89`.
    public var checkDigits: String { String(value.dropFirst(2).prefix(2)) }

    /// The basic bank account number: everything after the check digits.
    public var bban: String { String(value.dropFirst(4)) }

    /// Whether the check digits are right (ISO 13616 / ISO 7064 MOD 97-10).
    ///
    /// The first four characters move to the end, letters become 10…35, and the resulting
    /// number must leave remainder 1 when divided by 97. The remainder is computed digit by
    /// digit, so even 34-character IBANs never overflow.
    public var hasValidChecksum: Bool {
        let bytes = Array(value.utf8)
        var remainder = 0
        for byte in bytes[4...] + bytes[..<4] {
            switch byte {
            case 0x30...0x39:
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            case 0x41...0x5A:
                remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
            default:
                return false
            }
        }
        return remainder == 1
    }

    /// The IBAN with all but the country code, the check digits and the last four characters
    /// hidden, in a fixed shape that does not reveal the length either:
    /// `DE89 **** **** **** 3000`.
    public var masked: String {
        "\(value.prefix(4)) **** **** **** \(value.suffix(4))"
    }

    /// The IBAN in groups of four, as printed on paper: `DE89 3704 0044 0532 0130 00`.
    public var printedForm: String {
        var result = ""
        for (offset, character) in value.enumerated() {
            if offset > 0 && offset % 4 == 0 { result.append(" ") }
            result.append(character)
        }
        return result
    }

    /// The electronic form.
    public var xmlLexicalForm: String { value }

    /// `IBANType`.
    public static var xmlTypeName: String { "IBANType" }
    /// Derived from `xs:string` by a pattern: white space is part of the value, and refused.
    public static var xmlWhiteSpace: XMLWhiteSpaceFacet { .preserve }

    /// The masked IBAN, such as `DE89 **** **** **** 3000`.
    public var description: String { masked }

    /// `IBAN(DE89 **** **** **** 3000)`.
    public var debugDescription: String { "IBAN(\(masked))" }

    /// A mirror showing only the masked IBAN, so `dump` does not print the full number.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": masked], displayStyle: .struct)
    }

    private static func matchesPattern(_ bytes: String.UTF8View) -> Bool {
        guard bytes.count >= 15, bytes.count <= 34 else { return false }
        for (offset, byte) in bytes.enumerated() {
            let isLetter = byte >= 0x41 && byte <= 0x5A
            let isDigit = byte >= 0x30 && byte <= 0x39
            switch offset {
            case 0, 1: if !isLetter { return false }
            case 2, 3: if !isDigit { return false }
            default: if !isLetter && !isDigit { return false }
            }
        }
        return true
    }
}
