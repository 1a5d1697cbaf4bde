/// How many digits of a card number a `MaskedCardNumber` or `PCIBin` shows, and whether PCI DSS
/// allows it.
///
/// PCI DSS allows at most the first six and the last four digits of a number with 16 or more
/// digits to be shown together (first eight and last four are permitted too; this library keeps
/// six, as ``CardNumber/masked`` does), and only the last four of a shorter one. A masked number
/// is read character by character: ASCII digits are shown digits, spaces and `-` are separators,
/// anything else (`*`, `X`, `#`, `•`) is a masked digit; the number's length is shown plus masked
/// digits.
struct CardDataExposure {
    /// Shown plus masked digits.
    let length: Int
    /// Digits before the first masked digit.
    let leadingDigits: Int
    /// Digits after the last masked digit.
    let trailingDigits: Int
    /// Digits between masked digits.
    let innerDigits: Int
    /// Masked digits.
    let maskedDigits: Int

    /// Every shown digit.
    var shownDigits: Int { leadingDigits + trailingDigits + innerDigits }

    /// Reads a masked card number.
    init(maskedCardNumber text: String) {
        var leading = 0
        var pending = 0
        var inner = 0
        var masked = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9":
                if masked == 0 { leading += 1 } else { pending += 1 }
            case " ", "-", "\t", "\n", "\r":
                continue
            default:
                masked += 1
                inner += pending
                pending = 0
            }
        }
        self.leadingDigits = leading
        self.trailingDigits = pending
        self.innerDigits = inner
        self.maskedDigits = masked
        self.length = leading + pending + inner + masked
    }

    /// Why the mask shows more than PCI DSS allows, or `nil` when it does not. Never quotes a digit.
    var excess: String? {
        if maskedDigits == 0 {
            // Nothing masked: the length is unknown, so only a last four can be safe.
            return shownDigits > 4
                ? "MaskedCardNumber masks no digit and shows \(shownDigits) digits; at most the last four may be shown"
                : nil
        }
        if innerDigits > 0 {
            return "MaskedCardNumber shows \(innerDigits) digit\(innerDigits == 1 ? "" : "s") between masked digits; "
                + "only a leading BIN and the last four may be shown"
        }
        if length >= 16 {
            guard leadingDigits <= 6 && trailingDigits <= 4 else {
                return "MaskedCardNumber shows the first \(leadingDigits) and the last \(trailingDigits) of "
                    + "\(length) digits; at most the first six and the last four may be shown"
            }
            return nil
        }
        guard leadingDigits == 0 && trailingDigits <= 4 else {
            return "MaskedCardNumber shows the first \(leadingDigits) and the last \(trailingDigits) of \(length) "
                + "digits; of a number with fewer than 16 digits only the last four may be shown"
        }
        return nil
    }

    /// Whether a `PCIBin` is 6 or 8 ASCII digits.
    static func isValidBIN(_ text: String) -> Bool {
        let bytes = text.utf8
        return (bytes.count == 6 || bytes.count == 8) && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
