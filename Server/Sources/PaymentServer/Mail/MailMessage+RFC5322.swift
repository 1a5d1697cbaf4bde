extension MailMessage {
    /// The message as RFC 5322 text with CRLF line breaks, ready for SMTP `DATA` (before dot
    /// stuffing) or a sendmail-compatible command.
    ///
    /// - Returns: The headers, a blank line and the `multipart/alternative` body.
    /// - Throws: ``MailError`` with code `invalid-header` when the subject holds a line break or
    ///   another control character, or there is no recipient.
    public func rendered() throws(MailError) -> String {
        guard !to.isEmpty else { throw MailError(code: .invalidHeader, message: "the message has no recipient") }
        guard !subject.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw MailError(
                code: .invalidHeader, message: "the subject holds a line break or another control character")
        }
        guard messageID.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3C && $0 != 0x3E }) else {
            throw MailError(code: .invalidHeader, message: "the message id is not printable ASCII without <>")
        }
        let boundary = "=_drv_" + MIMEEncoding.randomToken()
        var lines: [String] = [
            "Date: " + MIMEEncoding.date(date),
            "Message-ID: <" + messageID + ">",
            "From: " + MIMEEncoding.mailbox(from),
            "To: " + to.map(MIMEEncoding.mailbox).joined(separator: ",\r\n "),
            "Subject: " + MIMEEncoding.headerText(subject),
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"",
            "",
            "This is a message in MIME format: a plain-text and an HTML version.",
        ]
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1), so
            // each part's body is exactly its encoded text.
            lines += [
                "--" + boundary,
                "Content-Type: " + type + "; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                MIMEEncoding.quotedPrintable(content),
            ]
        }
        lines += ["--" + boundary + "--", ""]
        return lines.joined(separator: "\r\n")
    }
}
