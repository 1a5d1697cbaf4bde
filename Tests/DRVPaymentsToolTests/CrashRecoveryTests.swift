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

/// The money promise under SIGKILL, from outside the process: a child `drv-payments handle`
/// works through card payments and is killed at random moments; after each kill the ledger is
/// reconciled and the work resumed. Afterwards the simulated gateway's capture log and the
/// ledger agree exactly: no charge lost, none doubled, nothing left in flight.
///
/// `CRASH_TEST_PAYMENTS` and `CRASH_TEST_KILLS` override the counts (2,000 and 50).
@Suite("Crash recovery under SIGKILL")
struct CrashRecoveryTests {
    static let payments = ProcessInfo.processInfo.environment["CRASH_TEST_PAYMENTS"].flatMap { Int($0) } ?? 2_000
    static let kills = ProcessInfo.processInfo.environment["CRASH_TEST_KILLS"].flatMap { Int($0) } ?? 50
    static let today = "2026-11-23"

    @Test(.timeLimit(.minutes(10)))
    func killedAtRandomMomentsTheCaptureLogAndTheLedgerAgree() async throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ledgerDirectory = root.appendingPathComponent("ledger")
        let requests = root.appendingPathComponent("requests")
        try FileManager.default.createDirectory(at: requests, withIntermediateDirectories: true)
        var files: [String] = []
        for number in 0..<Self.payments {
            let url = requests.appendingPathComponent(String(format: "book-%05d.xml", number))
            try Data(Self.bookRequest(number: number).utf8).write(to: url)
            files.append(url.path)
        }

        var random = SeededGenerator(seed: 20_261_207)
        var killed = 0
        var reconciled: [String: Int] = [:]
        while killed < Self.kills {
            // The gateway answers after 1 ms, so that a kill often finds payments at the gateway.
            let child = try Self.start(
                ["handle", "--ledger", ledgerDirectory.path, "--today", Self.today] + files.shuffled(using: &random),
                latencyMilliseconds: 1)
            let delay = UInt64.random(in: 50...500, using: &random)
            try await Task.sleep(nanoseconds: delay * 1_000_000)
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                killed += 1
            }
            child.waitUntilExit()
            for (outcome, count) in try Self.reconcile(ledgerDirectory) { reconciled[outcome, default: 0] += count }
        }
        // A last run without a kill finishes the work; then nothing may be in flight.
        let last = try Self.start(["handle", "--ledger", ledgerDirectory.path, "--today", Self.today] + files)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        for (outcome, count) in try Self.reconcile(ledgerDirectory) { reconciled[outcome, default: 0] += count }

        let ledger = try Ledger.open(
            directory: ledgerDirectory,
            configuration: LedgerConfiguration(clock: FixedClock(try #require(XMLDate(xmlLexicalForm: Self.today)))))
        defer { ledger.close() }
        let gateway = try SimulatedPaymentGateway(
            logFile: ledgerDirectory.appendingPathComponent(SimulatedPaymentGateway.logFileName))
        #expect(ledger.inFlightPayments.isEmpty)
        var captured: [PaymentAttemptKey: CurrencyAmount] = [:]
        var settled = 0
        for booking in ledger.bookings {
            #expect(booking.openAmount.amount >= 0, "booking \(booking.id) is overpaid")
            for payment in booking.payments where payment.status == .settled {
                settled += 1
                captured[payment.attemptKey(bookingId: booking.id)] = CurrencyAmount(
                    minorUnitCount: payment.amountMinorUnits + payment.feeMinorUnits, currency: payment.currency)
            }
        }
        #expect(ledger.bookingCount == Self.payments)
        #expect(settled == Self.payments)
        #expect(captured == gateway.capturedAmounts)
        let captures = gateway.log.filter { $0.operation == .capture }.map(\.key)
        #expect(Set(captures).count == captures.count, "an attempt was captured twice")
        print(
            "crash test: \(Self.payments) card payments, \(killed) SIGKILLs; reconciled after the kills: "
                + reconciled.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                + "; at the end \(settled) settled, \(captures.count) captures in the gateway log, "
                + "\(gateway.log.filter { $0.operation == .void }.count) voids")
    }

    /// A `Book` request for booking `CR-n` with a 500.00 card payment.
    static func bookRequest(number: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <BookingRequest xmlns="http://string.drv.de/xmlschema/string" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="1.0">
          <RequestTrigger>Book</RequestTrigger>
          <BookingId>CR-\(number)</BookingId>
          <Travellers><Traveller Identifier="T1"><Prename>Max</Prename><Surname>Mustermann</Surname></Traveller></Travellers>
          <BookingDetails><BookingOwner>T1</BookingOwner><StartDate>2027-06-14</StartDate></BookingDetails>
          <Prices><TotalPrice><Amount>3456.00</Amount><Currency>EUR</Currency></TotalPrice></Prices>
          <Payments>
            <Payment Identifier="BAL" Collection="TourOperator" xsi:type="CreditCardPaymentType">
              <PaymentScope>Balance</PaymentScope>
              <FormOfPayment>CreditCard</FormOfPayment>
              <PaymentAmount><Amount>500.00</Amount><Currency>EUR</Currency></PaymentAmount>
              <CreditCard><CardType>VISA</CardType><CardNumber>4111111111111111</CardNumber><ExpiryDate>2037-08</ExpiryDate><HolderName>Max Mustermann</HolderName></CreditCard>
            </Payment>
          </Payments>
        </BookingRequest>
        """
    }

    static func start(_ arguments: [String], latencyMilliseconds: Int = 0) throws -> Process {
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        environment["DRV_PAYMENTS_GATEWAY_LATENCY_MS"] = String(latencyMilliseconds)
        process.environment = environment
        process.executableURL = try ExecutableTests.executable()
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `reconcile` and counts its lines by outcome (`Settled`, `Failed`, ...).
    static func reconcile(_ directory: URL) throws -> [String: Int] {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(FileJournal.fileName).path)
        else { return [:] }
        let result = try ExecutableTests.run(["reconcile", "--ledger", directory.path, "--today", today])
        #expect(result.status == 0, "reconcile: \(result.standardError)")
        var counts: [String: Int] = [:]
        for line in result.standardOutput.split(separator: "\n") {
            guard let colon = line.range(of: ": ") else { continue }
            let outcome = line[colon.upperBound...].split(separator: " ").first.map(String.init) ?? "?"
            counts[outcome, default: 0] += 1
        }
        return counts
    }
}
