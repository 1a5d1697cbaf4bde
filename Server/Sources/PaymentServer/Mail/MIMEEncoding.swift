import Foundation

/// The encodings a message needs to travel as 7-bit text: quoted-printable bodies (RFC 2045),
/// encoded words in headers (RFC 2047), and the RFC 5322 date.
enum MIMEEncoding {
    /// Text as quoted-printable UTF-8 with CRLF line breaks: every line at most 76 characters,
    /// `=` and bytes outside printable ASCII as `=XX`, white space before a line break encoded,
    /// long lines broken with soft breaks (`=` at the end).
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var output = ""
        output.reserveCapacity(normalized.utf8.count + normalized.utf8.count / 8)
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            if lineIndex > 0 { output += "\r\n" }
            let bytes = Array(line.utf8)
            var column = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain =
                    (byte >= 0x21 && byte <= 0x7E && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !isLast)
                var piece = plain ? String(UnicodeScalar(byte)) : hex(byte)
                if column + piece.count > 75 {
                    output += "=\r\n"
                    column = 0
                }
                // A dot that starts a line is encoded, so that no line of the body is ever a lone ".".
                if column == 0, byte == 0x2E { piece = hex(byte) }
                output += piece
                column += piece.count
            }
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    /// A header value as it may appear in a header: ASCII text as it is, other text as RFC 2047
    /// `=?UTF-8?B?…?=` encoded words of at most 75 characters, folded onto continuation lines.
    static func headerText(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !text.contains("=?") {
            return foldWords(text)
        }
        // At most 39 bytes of UTF-8 per word: 52 base64 characters plus 12 of framing, so that a
        // word after `Subject: ` stays within 76 characters. Words end at character boundaries,
        // so that no character is split between two of them.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// ASCII text folded at spaces so that no line passes 78 characters where it can be helped.
    private static func foldWords(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                line = String(word)
            } else if line.count + 1 + word.count > 70 {
                lines.append(line)
                line = String(word)
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n ")
    }

    /// A mailbox for `From` or `To`: `"Name" <address>` (the name quoted or encoded) or the bare
    /// address.
    static func mailbox(_ mailbox: MailAddress) -> String {
        guard let name = mailbox.name else { return mailbox.address }
        let plain = name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !name.contains("=?")
        let shown =
            plain
            ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
            : headerText(name)
        return shown + " <" + mailbox.address + ">"
    }

    /// The RFC 5322 date: `Mon, 07 Dec 2026 12:00:00 +0000`, in English and UTC.
    static func date(_ date: Date) -> String {
        utc(date, format: "EEE, dd MMM yyyy HH:mm:ss '+0000'")
    }

    /// A date in UTC and English, in a `DateFormatter` format.
    static func utc(_ date: Date, format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }

    /// 24 random lowercase letters and digits, for boundaries and message identifiers.
    static func randomToken() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
