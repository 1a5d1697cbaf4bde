import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

@testable import PaymentServer

/// A ledger clock that reads the scheduler's fake clock, so that memos, due dates and the
/// scheduler's day move together.
struct FollowingLedgerClock: LedgerClock {
    let clock: FakeSchedulerClock

    func today() -> XMLDate { XMLDate(daysSinceEpoch: Scheduler.utcDay(clock.now())) }
    func now() -> Date { clock.now() }
}

/// The scheduled balance reminders: due bookings only, once a day from the configured hour, never
/// twice within the interval (by the reminders recorded on the booking, so across restarts), a
/// kept report per run.
@Suite struct ScheduledReminderTests {
    /// A ledger on the fake clock: `DUE-1` (departure in 20 days, everything due, customer email),
    /// `DUE-2` (due, no email) and `LATER-1` (deposit paid, balance due in 170 days).
    static func ledger(clock: FakeSchedulerClock) throws -> Ledger {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FollowingLedgerClock(clock: clock)))
        let today = ledger.today
        for (id, email, days) in [
            ("DUE-1", "juergen@example.com", 20), ("DUE-2", nil, 20), ("LATER-1", "later@example.com", 200),
        ] as [(Identifier, String?, Int)] {
            _ = try ledger.createBooking(
                BookingDraft(
                    id: id, agency: AgencyInformation(agency: "111111"), seller: "S-1", leadTraveller: "T1",
                    travellers: [Traveller(identifier: "T1", prename: "Jürgen", surname: "Müller", email: email)],
                    departureDate: today.adding(days: days),
                    totalPrice: CurrencyAmount(minorUnitCount: 100_000, currency: .eur)))
        }
        _ = try ledger.enterPayments(
            [
                Payment(
                    identifier: "P1", collection: .agency, paymentScope: .deposit,
                    paymentAmount: CurrencyAmount(minorUnitCount: 20_000, currency: .eur),
                    cashHolder: .assignedToBookingOwner(true))
            ], bookingId: "LATER-1")
        return ledger
    }

    /// Autopay settings that cannot be read: no autopay job is scheduled beside the reminders.
    static let noAutopay: @Sendable () throws -> AutopaySettings = {
        throw ServerError(code: .invalidConfiguration, message: "no autopay in these tests")
    }

    static func scheduler(
        _ ledger: Ledger, _ directory: URL, clock: FakeSchedulerClock, sender: any MailSender
    ) throws -> Scheduler {
        let configuration = SchedulerConfiguration(balancesExportHourUTC: nil, remindersHourUTC: 3)
        let reminders = ReminderService(
            ledger: ledger, sender: sender, composer: try MailTestKit.composer(), baseURL: "https://pay.example.com",
            actor: .system("scheduler"))
        return Scheduler(
            ledger: ledger, gateway: SimulatedPaymentGateway(), configuration: configuration,
            dataDirectory: directory, clock: clock, autopaySettings: Self.noAutopay, reminders: reminders)
    }

    @Test func dueBookingsAreRemindedOnceWithinTheIntervalAcrossRestarts() async throws {
        let directory = SchedulerTests.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 02:00 UTC: before the reminders' hour.
        let clock = FakeSchedulerClock(SchedulerTests.night.addingTimeInterval(-3_600))
        let ledger = try Self.ledger(clock: clock)
        let outbox = MailOutbox()
        let scheduler = try Self.scheduler(ledger, directory, clock: clock, sender: outbox)
        #expect(!scheduler.dueJobs(at: clock.now()).contains(.balanceReminders))
        clock.set(SchedulerTests.night)
        #expect(scheduler.dueJobs(at: clock.now()).contains(.balanceReminders))
        let first = try #require(await scheduler.tick().first { $0.job == .balanceReminders })
        #expect(first.outcome == .succeeded)
        #expect(first.selected == 2)
        #expect(
            first.message.contains("2 booking(s) due by 2026-12-21: 1 reminded, 0 reminded within 7 day(s), 1 skipped"))
        #expect(first.lines == ["DUE-1: sent", "DUE-2: skipped, booking DUE-2 has no customer email"])
        #expect(outbox.messages.flatMap { $0.to.map(\.address) } == ["juergen@example.com"])
        let memo = try #require(ledger.autopay(of: "DUE-1")?.memos.last)
        #expect(memo.actor == "system:scheduler")
        #expect(memo.text.hasPrefix(ReminderService.memoPrefix))
        #expect(scheduler.reports.list().map(\.job) == [.balanceReminders])
        // Once a day: the same day does not run again.
        #expect(await scheduler.tick().isEmpty)

        // A restart three days later runs the job again, but DUE-1 was reminded within 7 days.
        clock.set(SchedulerTests.night.addingTimeInterval(3 * 86_400))
        let restarted = try Self.scheduler(ledger, directory, clock: clock, sender: outbox)
        let second = try #require(await restarted.tick().first { $0.job == .balanceReminders })
        #expect(second.lines.first?.hasPrefix("DUE-1: reminded 2026-12-07T03:00:00Z, not again yet") == true)
        #expect(outbox.messages.count == 1)

        // Seven days after the first reminder it goes out again.
        clock.set(SchedulerTests.night.addingTimeInterval(7 * 86_400))
        let third = try #require(await restarted.tick().first { $0.job == .balanceReminders })
        #expect(third.lines.first == "DUE-1: sent")
        #expect(outbox.messages.count == 2)
        #expect(restarted.reports.list().count == 3)
    }

    @Test func withoutAMailPathOrAnHourNoRemindersAreScheduled() throws {
        let clock = FakeSchedulerClock(SchedulerTests.night)
        let ledger = try Self.ledger(clock: clock)
        let directory = SchedulerTests.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let noMail = Scheduler(
            ledger: ledger, gateway: SimulatedPaymentGateway(),
            configuration: SchedulerConfiguration(balancesExportHourUTC: nil, remindersHourUTC: 0),
            dataDirectory: directory, clock: clock, autopaySettings: Self.noAutopay)
        #expect(noMail.dueJobs(at: clock.now()).isEmpty)
        let noHour = Scheduler(
            ledger: ledger, gateway: SimulatedPaymentGateway(),
            configuration: SchedulerConfiguration(balancesExportHourUTC: nil), dataDirectory: directory,
            clock: clock, autopaySettings: Self.noAutopay,
            reminders: ReminderService(
                ledger: ledger, sender: MailOutbox(), composer: try MailTestKit.composer(), baseURL: "https://x"))
        #expect(noHour.dueJobs(at: clock.now()).isEmpty)
    }

    @Test func theReminderKeysAreReadAndChecked() throws {
        let keys = try JSONDecoder().decode(
            SchedulerConfiguration.self,
            from: Data(#"{"remindersHourUTC": 6, "remindersDueWithinDays": 10, "remindersIntervalDays": 3}"#.utf8))
        #expect(keys.remindersHourUTC == 6)
        #expect(keys.remindersDueWithinDays == 10)
        #expect(keys.remindersIntervalDays == 3)
        #expect(SchedulerConfiguration().remindersHourUTC == nil)
        for bad in [
            SchedulerConfiguration(remindersHourUTC: 24), SchedulerConfiguration(remindersDueWithinDays: -1),
            SchedulerConfiguration(remindersIntervalDays: 0),
        ] {
            #expect(throws: ServerError.self) { try bad.validate() }
        }
        var configuration = ServerConfiguration()
        try configuration.apply(environment: ["DRV_SERVER_REMINDERS_HOUR": "7"])
        #expect(configuration.scheduler.remindersHourUTC == 7)
        try configuration.apply(environment: ["DRV_SERVER_REMINDERS_HOUR": "off"])
        #expect(configuration.scheduler.remindersHourUTC == nil)
        #expect(throws: ServerError.self) {
            try configuration.apply(environment: ["DRV_SERVER_REMINDERS_HOUR": "seven"])
        }
    }
}

extension SMTPReceiverTests {
    @Test func aScheduledReminderArrivesAtTheReceiver() async throws {
        let (port, directory) = try Self.requireReceiver()
        let clock = FakeSchedulerClock(SchedulerTests.night)
        let ledger = try ScheduledReminderTests.ledger(clock: clock)
        let outbox = MailOutbox()
        let sender = TeeSender(
            first: SMTPClient(host: "127.0.0.1", port: port, replyTimeout: .seconds(10)), second: outbox)
        let reports = SchedulerTests.directory()
        defer { try? FileManager.default.removeItem(at: reports) }
        let scheduler = try ScheduledReminderTests.scheduler(ledger, reports, clock: clock, sender: sender)
        let report = try #require(await scheduler.tick().first { $0.job == .balanceReminders })
        #expect(report.outcome == .succeeded, "\(report)")
        let sent = try #require(outbox.messages.first)
        let read = try await Self.readBack(sent, from: directory)
        #expect(read.headers["x-receiver-rcpt-to"] == "juergen@example.com")
        #expect(
            read.headers["subject"].map(MailTestKit.ReadMessage.decodeWords)
                == "Balance of €1,000.00 owing on booking DUE-1")
    }
}
