import Foundation
import PaymentLedger
import StringPayments
import Testing

@testable import PaymentServer

@Suite("Simulated gateway with peers")
struct SimulatedGatewayWithPeersTests {
    @Test func statusOfAnAttemptOnlyAPeerSawComesFromThePeersLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drv-peers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let peerLog = directory.appendingPathComponent("peer.log")
        let key = PaymentAttemptKey(bookingId: "B1", paymentId: "P1", attempt: 1)
        let other = PaymentAttemptKey(bookingId: "B1", paymentId: "P2", attempt: 1)
        let amount = CurrencyAmount(minorUnitCount: 100_00, currency: .eur)
        let lines = [
            SimulatedGatewayLogEntry(operation: .authorize, key: key, amount: amount, reference: "SIM-B1-P1"),
            SimulatedGatewayLogEntry(operation: .capture, key: key, amount: amount, reference: "SIM-B1-P1"),
            SimulatedGatewayLogEntry(operation: .authorize, key: other, amount: amount, reference: "SIM-B1-P2"),
        ].map(\.line)
        // A torn last line, as a peer killed while writing leaves it, is skipped.
        try Data((lines.joined(separator: "\n") + "\ncapture\tB1/P").utf8).write(to: peerLog)
        let own = SimulatedPaymentGateway()
        let gateway = SimulatedGatewayWithPeers(own: own, peerLogs: [peerLog])
        #expect(
            try await gateway.status(of: key) == .captured(transactionReference: "SIM-B1-P1", authorizationCode: nil))
        #expect(
            try await gateway.status(of: other)
                == .authorized(transactionReference: "SIM-B1-P2", authorizationCode: nil))
        #expect(
            try await gateway.status(of: PaymentAttemptKey(bookingId: "B2", paymentId: "P1", attempt: 1)) == .unknown)
        // Voiding what only a peer knows changes nothing at the own gateway.
        try await gateway.void(other)
        #expect(own.log.isEmpty)
        let missing = SimulatedGatewayWithPeers(own: own, peerLogs: [directory.appendingPathComponent("none.log")])
        await #expect(throws: SimulatedGatewayError.self) { try await missing.status(of: key) }
    }
}
