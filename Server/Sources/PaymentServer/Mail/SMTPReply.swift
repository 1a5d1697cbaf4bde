/// One reply of an SMTP server: a three-digit code and the text of its lines (RFC 5321 §4.2).
struct SMTPReply: Hashable, Sendable {
    /// The reply code, such as 250.
    var code: Int
    /// The text of each line, without the code and separator.
    var lines: [String]

    /// The lines' text joined by spaces, for messages.
    var text: String { lines.joined(separator: " ") }
}
