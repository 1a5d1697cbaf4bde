/// ISO 11649 structured creditor references ("RF references"): `RF`, two check digits, and a
/// reference of 1 to 21 letters and digits, such as `RF18539007547034`.
///
/// The check digits are ISO 7064 MOD 97-10, as for an IBAN: move `RF` and the check digits to the
/// end, turn letters into numbers (A = 10 … Z = 35), and the number must leave remainder 1 when
/// divided by 97. A ledger can issue one per booking (``make(from:)``), the payer copies it into the
/// transfer, and the bank reports it in `RmtInf/Strd/CdtrRefInf/Ref`, where a typo cannot go
/// unnoticed.
///
/// ```swift
/// ISO11649.make(from: "539007547034")       // "RF18539007547034"
/// ISO11649.validate("RF18 5390 0754 7034")  // true: the printed form
/// ```
public enum ISO11649 {
    /// The most characters the reference part may have.
    public static let maximumReferenceLength = 21

    /// Makes the creditor reference for a reference such as a booking number.
    ///
    /// Spaces are dropped and ASCII letters upper-cased; no other character is allowed, so a
    /// booking id with `-` must be mapped to letters and digits first.
    ///
    /// - Parameter reference: The reference, 1 to 21 letters and digits.
    /// - Returns: `RF`, the check digits and the reference, such as `RF18539007547034`; `nil` when
    ///   the reference is empty, too long or has another character.
    public static func make(from reference: String) -> String? {
        guard let payload = normalized(reference), !payload.isEmpty, payload.count <= maximumReferenceLength else {
            return nil
        }
        let remainder = mod97(payload + [0x52, 0x46, 0x30, 0x30])  // + "RF00"
        let check = 98 - remainder
        let digits = check < 10 ? "0\(check)" : "\(check)"
        return "RF" + digits + String(decoding: payload, as: UTF8.self)
    }

    /// Whether a text is a valid creditor reference.
    ///
    /// Spaces are ignored and letters may be lower case, so the printed form (`RF18 5390 0754 7034`)
    /// is accepted.
    ///
    /// - Parameter text: The reference.
    /// - Returns: `true` when the text is `RF`, two digits and 1 to 21 letters and digits, with
    ///   correct check digits.
    public static func validate(_ text: String) -> Bool {
        payload(of: text) != nil
    }

    /// The reference part of a valid creditor reference: `539007547034` for `RF18539007547034`.
    ///
    /// - Parameter text: The creditor reference, electronic or printed form.
    /// - Returns: The reference part, upper-cased; `nil` when the text is not a valid creditor reference.
    public static func payload(of text: String) -> String? {
        guard let bytes = normalized(text), bytes.count >= 5, bytes.count <= 4 + maximumReferenceLength,
            bytes[0] == 0x52, bytes[1] == 0x46,
            isDigit(bytes[2]), isDigit(bytes[3])
        else { return nil }
        let payload = Array(bytes[4...])
        guard mod97(payload + bytes[0..<4]) == 1 else { return nil }
        return String(decoding: payload, as: UTF8.self)
    }

    /// Upper-cased letters and digits without spaces; `nil` when another character occurs.
    static func normalized(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x20: continue
            case 0x30...0x39, 0x41...0x5A: result.append(byte)
            case 0x61...0x7A: result.append(byte - 0x20)
            default: return nil
            }
        }
        return result
    }

    /// The remainder modulo 97 of the number the letters and digits stand for, digit by digit, so
    /// no length overflows.
    static func mod97(_ bytes: some Sequence<UInt8>) -> Int {
        var remainder = 0
        for byte in bytes {
            if isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
            }
        }
        return remainder
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
