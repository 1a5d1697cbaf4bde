import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The never-twice promise of autopay under SIGKILL, from outside the process: a child
/// `drv-payments autopay run` works through 2,000 due instalments and is killed at random
/// moments; each time it is simply started again (the run itself asks the gateway about the
/// attempts a kill left in flight). Afterwards the simulated gateway's capture log and the
/// ledger agree exactly. Then two runs started at the same moment on one ledger: the same.
///
/// `AUTOPAY_CRASH_INSTALMENTS` and `AUTOPAY_CRASH_KILLS` override the counts (2,000 and 30).
@Suite("Autopay under SIGKILL")
struct AutopayCrashTests {
    static let instalments =
        ProcessInfo.processInfo.environment["AUTOPAY_CRASH_INSTALMENTS"].flatMap { Int($0) } ?? 2_000
    static let kills = ProcessInfo.processInfo.environment["AUTOPAY_CRASH_KILLS"].flatMap { Int($0) } ?? 30
    static let bookingDay = "2026-11-16"
    static let instant = "2026-11-24T02:00:00Z"

    /// A ledger of `count` bookings whose deposits fell due on 2026-11-23, each with a stored
    /// card: every tenth declines.
    static func makeLedger(at directory: URL, count: Int) async throws {
        let day = try #require(XMLDate(xmlLexicalForm: bookingDay))
        let ledger = try Ledger.open(
            directory: directory, configuration: LedgerConfiguration(clock: FixedClock(day)),
            journalOptions: FileJournalOptions(durability: .groupCommit(maxRecords: 1_000, maxDelay: .milliseconds(20)))
        )
        defer { ledger.close() }
        let tokenizer = SimulatedPaymentGateway()
        let expiry = try #require(XMLYearMonth(year: 2029, month: 12))
        for number in 0..<count {
            let id = Identifier(stringLiteral: "AP-\(number)")
            try ledger.createBooking(
                BookingDraft(
                    id: id, leadTraveller: "T1", travellers: [Traveller(identifier: "T1", surname: "Mustermann")],
                    departureDate: try #require(XMLDate(xmlLexicalForm: "2027-06-14")), returnDate: nil,
                    totalPrice: CurrencyAmount(minorUnitCount: 1000_00, currency: .eur)))
            try ledger.setReservation(id, status: .definitive, channel: "WEB", termSet: "STANDARD")
            let number = number % 10 == 9 ? "4000000000000002" : "4111111111111111"
            _ = try await ledger.storeCard(
                CreditCard(cardType: "VISA", cardNumber: CardNumber(number), expiryDate: expiry), for: id,
                gateway: tokenizer)
        }
        var settings = AutopaySettings()
        settings.production = true
        settings.retryCount = 3
        settings.setChannel(.init(id: "WEB", autopay: true, payer: "Guest"))
        settings.setTermSet(.init(id: "STANDARD", autopay: true))
        try settings.save(toLedger: directory)
    }

    static func start(_ directory: URL, wait: Int = 0) throws -> Process {
        try CrashRecoveryTests.start(
            [
                "autopay", "run", "--ledger", directory.path, "--kind", "instalment", "--at", instant, "--wait",
                String(wait),
            ],
            latencyMilliseconds: 1)
    }

    /// The ledger and the gateway log agree: every settled charge is one capture and every
    /// capture one settled charge, no instalment captured twice, nothing in flight, every good
    /// card charged and every declining one given up with its memos.
    static func expectAgreement(_ directory: URL, count: Int) throws {
        let ledger = try Ledger.openForReading(directory: directory)
        defer { ledger.close() }
        let gateway = try SimulatedPaymentGateway(
            logFile: directory.appendingPathComponent(SimulatedPaymentGateway.logFileName))
        #expect(ledger.inFlightPayments.isEmpty)
        var settled: [PaymentAttemptKey: CurrencyAmount] = [:]
        var gaveUp = 0
        for booking in ledger.bookings {
            let payment = booking.payment("AP-DEP")
            if let payment, payment.status == .settled {
                settled[payment.attemptKey(bookingId: booking.id)] = CurrencyAmount(
                    minorUnitCount: payment.amountMinorUnits + payment.feeMinorUnits, currency: .eur)
            }
            let memos = ledger.autopay(of: booking.id)?.memos ?? []
            if memos.contains(where: { $0.kind == .autopayGaveUp }) {
                gaveUp += 1
                #expect(memos.filter { $0.kind == .autopayFailure }.count == 3, "booking \(booking.id): \(memos)")
            }
        }
        #expect(settled == gateway.capturedAmounts)
        #expect(settled.count == count - count / 10)
        #expect(gaveUp == count / 10)
        let captures = gateway.log.filter { $0.operation == .capture }.map(\.key.bookingId)
        #expect(Set(captures).count == captures.count, "an instalment was captured twice")
    }

    @Test(.timeLimit(.minutes(15)))
    func killedAtRandomMomentsTheCaptureLogAndTheLedgerAgree() async throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("ledger")
        try await Self.makeLedger(at: directory, count: Self.instalments)
        var random = SeededGenerator(seed: 20_261_124)
        var killed = 0
        while killed < Self.kills {
            let child = try Self.start(directory)
            try await Task.sleep(nanoseconds: UInt64.random(in: 50...400, using: &random) * 1_000_000)
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                killed += 1
            }
            child.waitUntilExit()
        }
        // Started again until a run finds nothing left to charge.
        var rounds = 0
        while rounds < 10 {
            rounds += 1
            let result = try ExecutableTests.run(
                ["autopay", "run", "--ledger", directory.path, "--kind", "instalment", "--at", Self.instant])
            #expect(result.status == 0, "\(result.standardError)")
            if result.standardOutput.contains("\n0 selected,") { break }
        }
        try Self.expectAgreement(directory, count: Self.instalments)
        let log = try SimulatedPaymentGateway(
            logFile: directory.appendingPathComponent(SimulatedPaymentGateway.logFileName)
        ).log
        let retried = Set(log.filter { $0.key.attempt > 1 && $0.operation != .decline }.map(\.key.bookingId)).count
        print(
            "autopay crash test: \(Self.instalments) instalments, \(killed) SIGKILLs, \(rounds) runs to finish; "
                + "gateway log: \(log.filter { $0.operation == .capture }.count) captures, "
                + "\(log.filter { $0.operation == .void }.count) voids, \(retried) good cards charged on a later attempt"
        )
    }

    @Test(.timeLimit(.minutes(10)))
    func twoRunsStartedAtOnceChargeOnce() async throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("ledger")
        let count = min(Self.instalments, 300)
        try await Self.makeLedger(at: directory, count: count)
        for _ in 0..<3 {
            let first = try Self.start(directory, wait: 600)
            let second = try Self.start(directory, wait: 600)
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        }
        try Self.expectAgreement(directory, count: count)
    }
}
