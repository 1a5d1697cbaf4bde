import Foundation
import PaymentLedger
import Testing

@testable import PaymentServer

/// Message composition: RFC 5322 headers, RFC 2047 subjects, quoted-printable parts, and header
/// injection refused.
@Suite("Mail messages")
struct MailMessageTests {
    static func message(
        subject: String = "Receipt", text: String = "Hello", html: String = "<p>Hello</p>"
    ) throws
        -> MailMessage
    {
        MailMessage(
            from: try MailAddress("payments@example.com", name: "Sonnenreisen Köln"),
            to: [try MailAddress("anna@example.org", name: "Anna \"Annie\" Meyer")], subject: subject, text: text,
            html: html, date: Date(timeIntervalSince1970: 1_796_644_800), messageID: "abc123@example.com")
    }

    @Test func headersAndPartsAreWrittenAndReadBack() throws {
        let subject = "Zahlungserinnerung für Buchung 7KQ4M2XG – 1.234,56 € offen, bitte bis Freitag begleichen"
        let text = "Grüße\n.\nline with trailing space \n" + String(repeating: "x", count: 200) + "\nend = 100%"
        let rendered = try Self.message(subject: subject, text: text, html: "<p>Grüße &amp; €</p>").rendered()
        // 7-bit, CRLF only, no line longer than 78 characters.
        #expect(rendered.utf8.allSatisfy { $0 < 0x80 })
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in rendered.components(separatedBy: "\r\n") {
            #expect(line.count <= 78, "\(line)")
            #expect(line != ".", "a lone dot would end DATA")
        }
        let read = try MailTestKit.ReadMessage(rendered)
        #expect(read.headers["date"] == "Mon, 07 Dec 2026 12:00:00 +0000")
        #expect(read.headers["message-id"] == "<abc123@example.com>")
        #expect(read.headers["mime-version"] == "1.0")
        #expect(
            read.headers["from"].map(MailTestKit.ReadMessage.decodeWords) == "Sonnenreisen Köln <payments@example.com>")
        #expect(read.headers["to"] == "\"Anna \\\"Annie\\\" Meyer\" <anna@example.org>")
        #expect(read.headers["subject"].map(MailTestKit.ReadMessage.decodeWords) == subject)
        #expect(read.headers["subject"]?.hasPrefix("=?UTF-8?B?") == true)
        #expect(read.parts["text/plain"] == text)
        #expect(read.parts["text/html"] == "<p>Grüße &amp; €</p>")
        // An ASCII subject stays readable.
        let plain = try Self.message(subject: "Receipt for booking 7KQ4M2XG").rendered()
        #expect(plain.contains("\r\nSubject: Receipt for booking 7KQ4M2XG\r\n"))
    }

    @Test func quotedPrintableRoundTrips() {
        for text in [
            "", "a", "=", "ä", " x ", "line\t\nnext", String(repeating: "é", count: 100), ".leading dot", "€ = 1",
        ] {
            let encoded = MIMEEncoding.quotedPrintable(text)
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 && !$0.hasSuffix(" ") })
            let decoded = MailTestKit.ReadMessage.decodeQuotedPrintable(
                encoded.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(decoded == text, "\(text)")
        }
    }

    @Test func headerInjectionIsRefused() throws {
        for subject in ["Receipt\r\nBcc: victim@example.com", "Receipt\nX: y", "Receipt\r", "tab\tinside"] {
            let error = #expect(throws: MailError.self) { try Self.message(subject: subject).rendered() }
            #expect(error?.code == .invalidHeader, "\(subject.debugDescription)")
        }
        for address in [
            "a@b.c\r\nBcc: x@y.z", "a@b.c>", "<a@b.c", "no-at-sign", "two@@b.c", "a b@c.d", "ä@b.c", "a@b.c,d@e.f", "",
        ] {
            let error = #expect(throws: MailError.self) { try MailAddress(address) }
            #expect(error?.code == .invalidHeader, "\(address.debugDescription)")
        }
        let name = #expect(throws: MailError.self) { try MailAddress("a@b.c", name: "Anna\r\nBcc: x@y.z") }
        #expect(name?.code == .invalidHeader)
        var noRecipient = try Self.message()
        noRecipient.to = []
        #expect(throws: MailError.self) { try noRecipient.rendered() }
    }

    @Test func dotStuffingDoublesLeadingDots() {
        #expect(SMTPClient.dotStuffed("a\r\n.\r\n..b\r\nc") == "a\r\n..\r\n...b\r\nc\r\n")
        #expect(SMTPClient.dotStuffed("x\r\n") == "x\r\n")
    }

    @Test func everyErrorCodeIsDistinct() {
        #expect(Set(MailError.Code.all).count == MailError.Code.all.count)
    }
}
