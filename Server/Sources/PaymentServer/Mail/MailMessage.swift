public import Foundation

/// A message to send: sender, recipients, subject and the same content as plain text and HTML.
///
/// ``rendered()`` writes it as RFC 5322 text: `Date`, `Message-ID`, `From`, `To`, `Subject`
/// (RFC 2047 encoded words when not ASCII), `MIME-Version`, and a `multipart/alternative` body
/// with a `text/plain` and a `text/html` part, both UTF-8 in quoted-printable, so that every line
/// is 7-bit ASCII of at most 76 characters and the message passes any relay unchanged.
public struct MailMessage: Hashable, Sendable {
    /// The sender.
    public var from: MailAddress
    /// The recipients; at least one.
    public var to: [MailAddress]
    /// The subject: any Unicode text without control characters.
    public var subject: String
    /// The plain-text part.
    public var text: String
    /// The HTML part.
    public var html: String
    /// The `Date` header. Default the moment of creation.
    public var date: Date
    /// The `Message-ID`, without angle brackets. Default random, at the sender's domain.
    public var messageID: String

    /// Creates a message.
    ///
    /// - Parameters:
    ///   - from: The sender.
    ///   - to: The recipients.
    ///   - subject: The subject.
    ///   - text: The plain-text part.
    ///   - html: The HTML part.
    ///   - date: The `Date` header; default now.
    ///   - messageID: The `Message-ID` without angle brackets; default random at the sender's domain.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String, date: Date = Date(),
        messageID: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        self.messageID = messageID ?? (MIMEEncoding.randomToken() + "@" + domain)
    }
}
