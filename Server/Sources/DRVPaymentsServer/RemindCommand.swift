import ArgumentParser
import Foundation
import PaymentLedger
import PaymentServer
import XMLCoding

/// Sends balance reminders for the unpaid list, filtered as in the back office.
struct Remind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Send balance reminders, each with a one-time payment link, for a filtered unpaid list.",
        discussion: """
            Opens the ledger itself, so run it while the server is stopped or from the server's
            scheduler, not beside a running server (the journal is locked by one process). Mail
            goes to the configured relay (mail.smtpHost or mail.sendmailPath); with neither it is
            refused. Every reminder sent is recorded on its booking as a memo by
            system:reminders. Prints a line per booking and exits 1 when any failed.
            """)

    @Option(help: "A JSON configuration file.")
    var config: String?

    @Option(help: "The ledger's journal directory.")
    var data: String?

    @Option(help: "Only bookings of this seller.")
    var seller: String?

    @Option(help: "Only bookings of this agency.")
    var agency: String?

    @Option(help: "Only bookings departing on or after this day (YYYY-MM-DD).")
    var departureFrom: String?

    @Option(help: "Only bookings departing on or before this day (YYYY-MM-DD).")
    var departureTo: String?

    @Flag(help: "Only bookings with money due today or earlier.")
    var onlyDueNow = false

    @Option(help: "How long each link is valid, in hours (1 to 720).")
    var validFor: Int = 168

    @Flag(help: "List the bookings that would get a reminder, send nothing.")
    var dryRun = false

    func run() async throws {
        var configuration = try ServerConfiguration.load(file: config)
        if let data { configuration.dataDirectory = data }
        guard (1...720).contains(validFor) else { throw ValidationError("--valid-for must be 1 to 720 hours") }
        func day(_ text: String?, _ name: String) throws -> XMLDate? {
            guard let text else { return nil }
            guard let date = XMLDate(xmlLexicalForm: text) else { throw ValidationError("--\(name) needs YYYY-MM-DD") }
            return date
        }
        let query = UnpaidBookingsQuery(
            departure: DateRange(
                from: try day(departureFrom, "departure-from"), to: try day(departureTo, "departure-to")),
            seller: seller, agency: agency, onlyDueNow: onlyDueNow)
        guard dryRun || configuration.mail.smtpHost != nil || configuration.mail.sendmailPath != nil else {
            throw ValidationError(
                "no relay configured: set mail.smtpHost or mail.sendmailPath (or DRV_SERVER_SMTP_HOST)")
        }
        let ledger = try PaymentServerApp.openLedger(configuration)
        defer { ledger.close() }
        if dryRun {
            for row in ledger.unpaidBookings(query).rows {
                print(
                    "\(row.bookingId)  \(ledger.booking(row.bookingId)?.customerEmail ?? "(no email)")  \(row.balance)")
            }
            return
        }
        let service = ReminderService(
            ledger: ledger, sender: configuration.mail.makeSender(),
            composer: try MailComposer(configuration: configuration),
            baseURL: configuration.baseURL, linkValidity: TimeInterval(validFor) * 3600)
        let report = await service.sendReminders(matching: query)
        for line in report.lines {
            switch line.outcome {
            case .sent(let address): print("\(line.bookingId)  sent to \(address)")
            case .skipped(let reason): print("\(line.bookingId)  skipped: \(reason)")
            case .failed(let error): print("\(line.bookingId)  FAILED: \(error)")
            }
        }
        print("\(report.sentCount) sent, \(report.failedCount) failed, \(report.lines.count) bookings")
        if report.failedCount > 0 { throw ExitCode(1) }
    }
}
