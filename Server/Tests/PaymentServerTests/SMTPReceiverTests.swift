import Foundation
import PaymentLedger
import StringPayments
import Testing

@testable import PaymentServer

/// A real receipt and a real reminder sent through the SMTP client to the local receiver
/// (`Server/scripts/smtp-receiver`, aiosmtpd), and read back from the file it wrote.
///
/// `scripts/test-all.sh` starts the receiver and exports `DRV_TEST_SMTP_PORT` and
/// `DRV_TEST_SMTP_DIR` (and `DRV_TEST_REQUIRE_SMTP=1`, so that a missing receiver fails there).
/// Run by hand without them, the tests are skipped with that message.
@Suite(
    "Mail through a real SMTP receiver",
    .enabled(
        if: SMTPReceiverEnvironment.receiver != nil || SMTPReceiverEnvironment.isRequired,
        "no SMTP receiver: run Server/scripts/smtp-receiver DIR, set DRV_TEST_SMTP_PORT and DRV_TEST_SMTP_DIR"))
struct SMTPReceiverTests {
    /// The receiver, or an error when the environment asks for one and has none.
    static func requireReceiver() throws -> (port: Int, directory: URL) {
        guard let receiver = SMTPReceiverEnvironment.receiver else {
            throw MailTestKit.ReadError(
                "DRV_TEST_REQUIRE_SMTP=1 but DRV_TEST_SMTP_PORT or DRV_TEST_SMTP_DIR is not set")
        }
        return receiver
    }

    /// Waits up to 20 seconds for the receiver's file of the message and reads it back.
    static func readBack(_ message: MailMessage, from directory: URL) async throws -> MailTestKit.ReadMessage {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in files where name.hasSuffix(".eml") && !name.hasPrefix(".") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                if text.contains("Message-ID: <\(message.messageID)>") { return try MailTestKit.ReadMessage(text) }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw MailTestKit.ReadError("the receiver wrote no file with Message-ID \(message.messageID)")
    }

    @Test func receiptArrivesWithHeadersPartsAndAmounts() async throws {
        let (port, directory) = try Self.requireReceiver()
        let ledger = try MailTestKit.ledger()
        let client = SMTPClient(host: "127.0.0.1", port: port, replyTimeout: .seconds(10))
        let service = ReceiptService(
            ledger: ledger, sender: client, composer: try MailTestKit.composer(),
            portalURL: "https://pay.example.com/portal")
        let sent = try await service.sendReceipt(for: .payment("P1"), of: "MAIL-1")
        let read = try await Self.readBack(sent, from: directory)
        #expect(read.headers["x-receiver-mail-from"] == "payments@sonnenreisen.example")
        #expect(read.headers["x-receiver-rcpt-to"] == "juergen@example.com")
        #expect(
            read.headers["from"].map(MailTestKit.ReadMessage.decodeWords)
                == "Sonnenreisen Köln <payments@sonnenreisen.example>")
        #expect(read.headers["to"].map(MailTestKit.ReadMessage.decodeWords) == "Jürgen Müller <juergen@example.com>")
        #expect(
            read.headers["subject"].map(MailTestKit.ReadMessage.decodeWords) == "Receipt: €300.00 for booking MAIL-1")
        #expect(read.headers["date"] == MIMEEncoding.date(sent.date))
        #expect(read.headers["message-id"] == "<\(sent.messageID)>")
        let text = try #require(read.parts["text/plain"])
        let html = try #require(read.parts["text/html"])
        #expect(text == sent.text.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(html == sent.html.replacingOccurrences(of: "\r\n", with: "\n"))
        for expected in ["MAIL-1", "€300.00", "€1,234.56", "€934.56", "https://pay.example.com/portal"] {
            #expect(text.contains(expected), "\(expected)")
            #expect(html.contains(expected), "\(expected)")
        }
    }

    @Test func reminderArrivesWithAWorkingOneTimeLink() async throws {
        let (port, directory) = try Self.requireReceiver()
        let ledger = try MailTestKit.ledger()
        let outbox = MailOutbox()
        // The same messages go to the receiver and the outbox, so that the test knows the id.
        let sender = TeeSender(
            first: SMTPClient(host: "127.0.0.1", port: port, replyTimeout: .seconds(10)), second: outbox)
        let service = ReminderService(
            ledger: ledger, sender: sender, composer: try MailTestKit.composer(), baseURL: "https://pay.example.com")
        let report = await service.sendReminders(matching: UnpaidBookingsQuery(seller: "S-1"))
        #expect(report.sentCount == 1, "\(report)")
        let sent = try #require(outbox.messages.first)
        let read = try await Self.readBack(sent, from: directory)
        #expect(
            read.headers["subject"].map(MailTestKit.ReadMessage.decodeWords)
                == "Balance of €934.56 owing on booking MAIL-1")
        let text = try #require(read.parts["text/plain"])
        let html = try #require(read.parts["text/html"])
        let prefix = "https://pay.example.com/portal/link/"
        let link = try #require(text.split(separator: "\n").first { $0.hasPrefix(prefix) })
        #expect(html.contains("href=\"\(link)\""))
        #expect(html.contains("Pay €934.56 now"))
        #expect(text.contains("a balance of €934.56 is owing on your booking MAIL-1"))
        #expect(try ledger.redeemPortalToken(String(link.dropFirst(prefix.count))).id == "MAIL-1")
    }
}

/// Sends every message to two senders, the first one first.
struct TeeSender: MailSender {
    let first: any MailSender
    let second: any MailSender

    func send(_ message: MailMessage) async throws(MailError) {
        try await first.send(message)
        try await second.send(message)
    }
}

/// The receiver `scripts/test-all.sh` started, from the environment.
enum SMTPReceiverEnvironment {
    static let environment = ProcessInfo.processInfo.environment
    static let isRequired = environment["DRV_TEST_REQUIRE_SMTP"] == "1"
    static let receiver: (port: Int, directory: URL)? = {
        guard let port = environment["DRV_TEST_SMTP_PORT"].flatMap(Int.init),
            let directory = environment["DRV_TEST_SMTP_DIR"]
        else { return nil }
        return (port, URL(fileURLWithPath: directory))
    }()
}

extension SMTPReceiverTests {
    /// A German receipt and a German reminder through the real relay, read back with their exact
    /// amounts (`1.234,56 €`, the non-breaking space included) and German subjects.
    @Test func germanReceiptAndReminderArriveWithGermanAmounts() async throws {
        let (port, directory) = try Self.requireReceiver()
        let ledger = try MailTestKit.ledger()
        let outbox = MailOutbox()
        let sender = TeeSender(
            first: SMTPClient(host: "127.0.0.1", port: port, replyTimeout: .seconds(10)), second: outbox)
        let composer = try MailTestKit.composer(language: .de)
        let receipt = try await ReceiptService(
            ledger: ledger, sender: sender, composer: composer, portalURL: "https://pay.example.com/portal"
        ).sendReceipt(for: .payment("P1"), of: "MAIL-1")
        let reminders = ReminderService(
            ledger: ledger, sender: sender, composer: composer, baseURL: "https://pay.example.com")
        #expect(await reminders.remind("MAIL-1") == .sent(to: "juergen@example.com"))
        let reminder = try #require(outbox.messages.last)
        let euro = "\u{00A0}€"

        let readReceipt = try await Self.readBack(receipt, from: directory)
        #expect(
            readReceipt.headers["subject"].map(MailTestKit.ReadMessage.decodeWords)
                == "Zahlungsbestätigung: 300,00\(euro) für Buchung MAIL-1")
        let receiptText = try #require(readReceipt.parts["text/plain"])
        let receiptHTML = try #require(readReceipt.parts["text/html"])
        for part in [receiptText, receiptHTML] {
            #expect(part.contains("Wir haben Ihre Zahlung über 300,00\(euro) erhalten."))
            #expect(part.contains("1.234,56\(euro)"))
            #expect(part.contains("934,56\(euro)"))
        }
        #expect(
            receiptText.contains("Reisepreis: 1.234,56\(euro)\nBisher bezahlt: 300,00\(euro)\nOffen: 934,56\(euro)"))

        let readReminder = try await Self.readBack(reminder, from: directory)
        #expect(
            readReminder.headers["subject"].map(MailTestKit.ReadMessage.decodeWords)
                == "Offener Betrag von 934,56\(euro) für Buchung MAIL-1")
        let reminderText = try #require(readReminder.parts["text/plain"])
        #expect(reminderText.contains("noch 934,56\(euro) offen"))
        #expect(try #require(readReminder.parts["text/html"]).contains("934,56\(euro) jetzt bezahlen"))
    }
}
