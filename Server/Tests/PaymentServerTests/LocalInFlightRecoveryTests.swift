import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import Testing
import XMLCoding

@testable import PaymentServer

/// The file journal's recovery: what a crash or a lost gateway answer left in flight is resolved
/// at start and by the scheduled pass, exactly once, and an attempt this process is still
/// charging is never touched.
@Suite struct LocalInFlightRecoveryTests {
    /// A gateway whose authorisations wait until the test lets them go, so that a payment is
    /// being processed while the scheduled pass runs.
    final class HeldGateway: ForwardingGateway {
        let simulated = SimulatedPaymentGateway()
        private let held = Mutex<[CheckedContinuation<Void, Never>]>([])
        private let arrived = Mutex(0)

        var arrivals: Int { arrived.withLock { $0 } }

        func release() {
            let waiting = held.withLock { held in
                defer { held = [] }
                return held
            }
            for continuation in waiting { continuation.resume() }
        }

        func authorize(_ request: GatewayRequest) async throws -> GatewayAuthorization {
            await withCheckedContinuation { continuation in
                held.withLock { $0.append(continuation) }
                arrived.withLock { $0 += 1 }
            }
            return try await simulated.authorize(request)
        }
    }

    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drv-local-recovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func book(_ ledger: Ledger) throws {
        var draft = try LedgerSamples.draft(id: "B1", cents: 1000_00)
        draft.paymentOptions = [PaymentOption(collection: .tourOperator, formOfPayment: .creditCard)]
        _ = try ledger.createBooking(draft)
    }

    @Test func whatALostAnswerLeftIsResolvedOnceByTheScheduledPass() async throws {
        let data = try directory()
        defer { try? FileManager.default.removeItem(at: data) }
        let simulated = SimulatedPaymentGateway()
        let lost = InFlightRecoveryTests.CapturedThenLostGateway(simulated: simulated)
        let ledger = try Ledger.open(directory: data)
        try book(ledger)
        let result = try await ledger.processPayments(
            [try LedgerSamples.cardPayment("P1", cents: 300_00)], bookingId: "B1", gateway: lost,
            vouchers: SimulatedVoucherValidator())
        #expect(result.inFlight == ["P1"])
        let recovery = LocalInFlightRecovery(
            ledger: ledger, gateway: simulated, vouchers: SimulatedVoucherValidator(), interval: .seconds(10))
        let service = InFlightRecoveryService(recovery: recovery, lease: InProcessWorkLease())
        #expect(await service.runOnce())
        #expect(ledger.inFlightPayments.isEmpty)
        #expect(ledger.booking("B1")?.payment("P1")?.status == .settled)
        // A second pass finds nothing: the capture is in the ledger once.
        #expect(try await recovery.recover().entries.isEmpty)
        let events = ledger.eventCount
        ledger.close()
        let reopened = try Ledger.open(directory: data)
        #expect(reopened.eventCount == events)
        #expect(reopened.booking("B1")?.payment("P1")?.status == .settled)
        reopened.close()
    }

    @Test func anAttemptThisProcessIsChargingIsLeftAlone() async throws {
        let data = try directory()
        defer { try? FileManager.default.removeItem(at: data) }
        let gateway = HeldGateway()
        let ledger = try Ledger.open(directory: data)
        try book(ledger)
        let payment = try LedgerSamples.cardPayment("P1", cents: 300_00)
        let charging = Task {
            try await ledger.processPayments(
                [payment], bookingId: "B1", gateway: gateway, vouchers: SimulatedVoucherValidator())
        }
        while gateway.arrivals == 0 { try await Task.sleep(for: .milliseconds(5)) }
        // In flight, and at the gateway right now: the pass must not void or fail it.
        #expect(ledger.inFlightPayments.count == 1)
        let recovery = LocalInFlightRecovery(
            ledger: ledger, gateway: gateway.simulated, vouchers: SimulatedVoucherValidator(), interval: .seconds(10))
        let report = try await recovery.recover()
        #expect(report.resolved.isEmpty)
        #expect(report.entries.map(\.resolution) == [.beingProcessed])
        #expect(ledger.inFlightPayments.count == 1)
        gateway.release()
        let result = try await charging.value
        #expect(result.inFlight.isEmpty)
        #expect(ledger.booking("B1")?.payment("P1")?.status == .settled)
        #expect(try await recovery.recover().entries.isEmpty)
        #expect(gateway.arrivals == 1)
        ledger.close()
    }

    @Test func aCrashIsRecoveredAtTheNextStart() async throws {
        // A ledger closed with a payment in flight stands for a process that died mid-charge; the
        // next process's recovery (what the server runs before serving) enters the gateway's answer.
        let data = try directory()
        defer { try? FileManager.default.removeItem(at: data) }
        let simulated = SimulatedPaymentGateway()
        let first = try Ledger.open(directory: data)
        try book(first)
        _ = try await first.processPayments(
            [try LedgerSamples.cardPayment("P1", cents: 300_00)], bookingId: "B1",
            gateway: InFlightRecoveryTests.CapturedThenLostGateway(simulated: simulated),
            vouchers: SimulatedVoucherValidator())
        first.close()
        let second = try Ledger.open(directory: data)
        #expect(second.inFlightPayments.count == 1)
        let report = try await LocalInFlightRecovery(
            ledger: second, gateway: simulated, vouchers: SimulatedVoucherValidator(), interval: .zero
        ).recover()
        #expect(report.resolved.map(\.key.rawValue) == ["B1/P1/1"])
        #expect(second.booking("B1")?.payment("P1")?.status == .settled)
        second.close()
    }
}
