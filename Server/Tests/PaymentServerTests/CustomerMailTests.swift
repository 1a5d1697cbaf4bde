import Foundation
import Logging
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

@testable import PaymentServer

/// Receipts and balance reminders: what they say, the escaping of customer data, the link that
/// works once, and the memo on the booking.
@Suite("Receipts and reminders")
struct CustomerMailTests {
    @Test func receiptOfAPaymentNamesTheAmountsAndWhatRemains() throws {
        let ledger = try MailTestKit.ledger()
        let booking = try #require(ledger.booking("MAIL-1"))
        let message = try MailTestKit.composer().receipt(
            for: .payment("P1"), of: booking, portalLink: "https://pay.example.com/portal")
        #expect(message.to.map(\.address) == ["juergen@example.com"])
        #expect(message.to.first?.name == "Jürgen Müller")
        #expect(message.subject == "Receipt: €300.00 for booking MAIL-1")
        for part in [message.text, message.html] {
            for expected in [
                "MAIL-1", "€300.00", "€1,234.56", "€934.56", "Jürgen Müller", "https://pay.example.com/portal",
            ] {
                #expect(part.contains(expected), "\(expected)")
            }
        }
        #expect(message.html.contains("background:#AA3300"))
        #expect(message.html.contains("<img src=\"https://cdn.example.com/logo.png\" alt=\"Sonnenreisen Köln\""))
        #expect(message.text.hasPrefix("Dear Jürgen Müller,"))
        #expect(!message.text.contains("&"))
    }

    @Test func receiptOfAnApproval() throws {
        let ledger = try MailTestKit.ledger()
        let booking = try #require(ledger.booking("MAIL-1"))
        let approvals = MailTestKit.approvals(of: booking)
        let message = try MailTestKit.composer(logo: nil).receipt(for: .approval(approvals), of: booking)
        #expect(message.subject == "Receipt: payments approved for booking MAIL-1")
        #expect(message.text.contains("You approved \(approvals.count) scheduled payment"))
        #expect(message.text.contains("€1,234.56 in all"))
        for approval in approvals {
            #expect(message.html.contains("Due \(LocalizedFormat.date(approval.dueDate, .en))"))
        }
        #expect(!message.html.contains("<img"))
        #expect(message.html.contains("\nSonnenreisen Köln\n</td>"))
        #expect(throws: MailError.self) { try MailTestKit.composer().receipt(for: .approval([]), of: booking) }
        #expect(throws: MailError.self) { try MailTestKit.composer().receipt(for: .payment("NOPE"), of: booking) }
    }

    @Test func customerDataIsEscapedInHTML() throws {
        let ledger = try MailTestKit.ledger()
        try ledger.updateBookingDetails(
            BookingDetailsChange(bookingId: "MAIL-1", customerName: "<script>alert(1)</script> & \"Co\""))
        let booking = try #require(ledger.booking("MAIL-1"))
        let message = try MailTestKit.composer().reminder(
            for: booking, link: "https://pay.example.com/portal/link/abc?x=1&y=\"2\"", validUntil: Date())
        #expect(!message.html.contains("<script>"))
        #expect(message.html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(message.html.contains("href=\"https://pay.example.com/portal/link/abc?x=1&amp;y=&quot;2&quot;\""))
        #expect(message.text.contains("Dear <script>alert(1)</script> & \"Co\","))
    }

    @Test func bookingWithoutEmailGetsNoMail() throws {
        let ledger = try MailTestKit.ledger()
        let booking = try #require(ledger.booking("MAIL-2"))
        let error = #expect(throws: MailError.self) {
            try MailTestKit.composer().reminder(for: booking, link: "x", validUntil: Date())
        }
        #expect(error?.code == .compositionFailed)
    }

    @Test func remindersGoToTheUnpaidListAndAreRecorded() async throws {
        let ledger = try MailTestKit.ledger()
        let outbox = MailOutbox()
        let service = ReminderService(
            ledger: ledger, sender: outbox, composer: try MailTestKit.composer(), baseURL: "https://pay.example.com/",
            linkValidity: 3600)
        let report = await service.sendReminders(matching: UnpaidBookingsQuery(seller: "S-1"))
        #expect(report.lines.map(\.bookingId) == ["MAIL-1", "MAIL-2"])
        #expect(report.lines.first?.outcome == .sent(to: "juergen@example.com"))
        guard case .skipped(let reason) = report.lines.last?.outcome else {
            Issue.record("MAIL-2 should be skipped")
            return
        }
        #expect(reason.contains("no customer email"))
        #expect(report.sentCount == 1)
        let message = try #require(outbox.messages.first)
        #expect(outbox.messages.count == 1)
        #expect(message.subject == "Balance of €934.56 owing on booking MAIL-1")
        // The link is a one-time portal token that opens the booking once.
        let link = try #require(
            message.text.split(separator: "\n").first { $0.hasPrefix("https://pay.example.com/portal/link/") })
        #expect(message.html.contains(String(link)))
        let token = String(link.dropFirst("https://pay.example.com/portal/link/".count))
        #expect(try ledger.redeemPortalToken(token).id == "MAIL-1")
        #expect(throws: LedgerError.self) { try ledger.redeemPortalToken(token) }
        // The sending is a memo on the booking by system:reminders.
        let memo = try #require(ledger.autopay(of: "MAIL-1")?.memos.last)
        #expect(memo.actor == "system:reminders")
        #expect(memo.kind == .note)
        #expect(memo.text == "balance reminder sent to juergen@example.com: €934.56 owing")
        // A filter that matches nothing sends nothing.
        #expect(await service.sendReminders(matching: UnpaidBookingsQuery(seller: "nobody")).lines.isEmpty)
    }

    @Test func aFailedSendingIsReportedAndNotRecorded() async throws {
        let ledger = try MailTestKit.ledger()
        let service = ReminderService(
            ledger: ledger, sender: SMTPClient(host: "127.0.0.1", port: 1, connectTimeout: .seconds(2)),
            composer: try MailTestKit.composer(), baseURL: "https://pay.example.com")
        let outcome = await service.remind("MAIL-1")
        guard case .failed(let error) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(error.code == .connectionFailed)
        #expect(ledger.autopay(of: "MAIL-1")?.memos.isEmpty != false)
    }

    @Test func receiptServiceSendsAndRecords() async throws {
        let ledger = try MailTestKit.ledger()
        let outbox = MailOutbox()
        let service = ReceiptService(ledger: ledger, sender: outbox, composer: try MailTestKit.composer())
        try await Ledger.$actor.withValue(.customer("MAIL-1")) {
            try await service.sendReceipt(for: .payment("P1"), of: "MAIL-1")
        }
        #expect(outbox.messages.count == 1)
        let memo = try #require(ledger.autopay(of: "MAIL-1")?.memos.last)
        #expect(memo.actor == "customer:MAIL-1")
        #expect(memo.text.hasPrefix("receipt sent to juergen@example.com"))
        let unknown = await #expect(throws: MailError.self) {
            try await service.sendReceipt(for: .payment("P1"), of: "NOPE")
        }
        #expect(unknown?.code == .compositionFailed)
    }

    @Test func configurationKeysFromFileAndEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(
            ##"{"operatorName": "Sonnenreisen", "mail": {"smtpHost": "relay.local", "fromAddress": "pay@sonne.example", "brandColour": "#112233"}}"##
                .utf8
        ).write(to: file)
        let loaded = try ServerConfiguration.load(file: file.path, environment: ["DRV_SERVER_SMTP_PORT": "2525"])
        #expect(loaded.mail.smtpHost == "relay.local")
        #expect(loaded.mail.smtpPort == 2525)
        #expect(loaded.mail.fromAddress == "pay@sonne.example")
        #expect(loaded.mail.brandColour == "#112233")
        #expect(loaded.mail.makeSender() is SMTPClient)
        let sendmail = try ServerConfiguration.load(environment: ["DRV_SERVER_SENDMAIL": "/usr/sbin/sendmail"])
        #expect(sendmail.mail.makeSender() is SendmailSender)
        #expect(try ServerConfiguration.load(environment: [:]).mail.makeSender() is MailOutbox)
        for environment in [
            ["DRV_SERVER_SMTP_PORT": "x"], ["DRV_SERVER_SMTP_PORT": "0"], ["DRV_SERVER_MAIL_FROM": "a@b\r\nBcc: c@d"],
            ["DRV_SERVER_BRAND_COLOUR": "red"], ["DRV_SERVER_SENDMAIL": "sendmail"],
            ["DRV_SERVER_BRAND_LOGO_URL": "javascript:alert(1)"],
        ] {
            let error = #expect(throws: ServerError.self) { try ServerConfiguration.load(environment: environment) }
            #expect(error?.code == .invalidConfiguration, "\(environment)")
        }
        let composer = try MailComposer(configuration: loaded)
        #expect(composer.from.name == "Sonnenreisen")
    }
}

/// The German mails: words, amounts (`1.234,56 €`, to the cent) and dates for the language, and
/// the language chosen per mail or by the configuration.
@Suite("German receipts and reminders")
struct GermanCustomerMailTests {
    static let euro = "\u{00A0}€"

    @Test func aGermanReceiptHasGermanWordsAmountsAndDates() throws {
        let ledger = try MailTestKit.ledger()
        let booking = try #require(ledger.booking("MAIL-1"))
        let message = try MailTestKit.composer().receipt(
            for: .payment("P1"), of: booking, portalLink: "https://pay.example.com/portal", language: .de)
        #expect(message.subject == "Zahlungsbestätigung: 300,00\(Self.euro) für Buchung MAIL-1")
        let entered = try #require(booking.payment("P1")?.entryDate)
        for part in [message.text, message.html] {
            for expected in [
                "Wir haben Ihre Zahlung über 300,00\(Self.euro) erhalten.", "1.234,56\(Self.euro)",
                "934,56\(Self.euro)", "Buchungsnummer", "Reisepreis", LocalizedFormat.date(entered, .de),
                "Mit freundlichen Grüßen",
            ] {
                #expect(part.contains(expected), "\(expected)")
            }
            #expect(!part.contains("EUR"))
            #expect(!part.contains("Dear"))
        }
        #expect(message.text.hasPrefix("Guten Tag Jürgen Müller,"))
        #expect(message.html.contains("<html lang=\"de\">"))
    }

    @Test func aGermanApprovalReceiptAndReminder() throws {
        let ledger = try MailTestKit.ledger()
        let booking = try #require(ledger.booking("MAIL-1"))
        let approvals = MailTestKit.approvals(of: booking)
        let composer = try MailTestKit.composer(language: .de)
        let receipt = try composer.receipt(for: .approval(approvals), of: booking)
        #expect(receipt.subject == "Bestätigung: Zahlungen freigegeben für Buchung MAIL-1")
        #expect(receipt.text.contains("über insgesamt 1.234,56\(Self.euro) freigegeben"))
        for approval in approvals {
            #expect(receipt.text.contains("Fällig am \(LocalizedFormat.date(approval.dueDate, .de))"))
        }
        let validUntil = Date(timeIntervalSince1970: 1_797_249_600)  // 2026-12-14 12:00 UTC
        let reminder = try composer.reminder(for: booking, link: "https://pay.example.com/x", validUntil: validUntil)
        #expect(reminder.subject == "Offener Betrag von 934,56\(Self.euro) für Buchung MAIL-1")
        #expect(reminder.text.contains("noch 934,56\(Self.euro) offen"))
        #expect(reminder.text.contains("gültig bis 14.12.2026, 12:00 UTC"))
        #expect(reminder.text.contains("Abreise \(LocalizedFormat.date(booking.departureDate, .de))"))
        #expect(reminder.html.contains("934,56\(Self.euro) jetzt bezahlen"))
        // The same composer writes English when asked.
        let english = try composer.reminder(
            for: booking, link: "https://pay.example.com/x", validUntil: validUntil, language: .en)
        #expect(english.subject == "Balance of €934.56 owing on booking MAIL-1")
        #expect(english.text.contains("valid until 14 Dec 2026, 12:00 UTC"))
    }

    @Test func theMailLanguageIsConfiguredAndGermanByDefault() throws {
        #expect(try MailComposer(configuration: ServerConfiguration()).defaultLanguage == .de)
        let english = try ServerConfiguration.load(environment: ["DRV_SERVER_MAIL_LANGUAGE": "en"])
        #expect(try MailComposer(configuration: english).defaultLanguage == .en)
        let error = #expect(throws: ServerError.self) {
            try ServerConfiguration.load(environment: ["DRV_SERVER_MAIL_LANGUAGE": "fr"])
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func portalReceiptsFollowTheSessionsLanguage() async throws {
        let ledger = try MailTestKit.ledger()
        let outbox = MailOutbox()
        let receipts = MailedReceipts(
            service: ReceiptService(ledger: ledger, sender: outbox, composer: try MailTestKit.composer()),
            logger: Logger(label: "test"))
        let booking = try #require(ledger.booking("MAIL-1"))
        await receipts.sendPaymentReceipt(for: "P1", of: booking, language: .de)
        await receipts.sendPaymentReceipt(for: "P1", of: booking, language: .en)
        #expect(
            outbox.messages.map(\.subject) == [
                "Zahlungsbestätigung: 300,00\(Self.euro) für Buchung MAIL-1", "Receipt: €300.00 for booking MAIL-1",
            ])
    }
}
