import Foundation
import HTTPTypes
import NIOCore
import NIOPosix
import PaymentLedger
import StringPayments
import Testing

@testable import PaymentServer

@Suite struct DeadlineAndServiceTests {
    @Test func workThatFinishesIsAnswered() async {
        let value = await withDeadline(.seconds(60), on: MultiThreadedEventLoopGroup.singleton.any()) { 42 }
        #expect(value == 42)
    }

    @Test func workThatHangsTimesOut() async {
        let value: Int? = await withDeadline(.milliseconds(20), on: MultiThreadedEventLoopGroup.singleton.any()) {
            try? await Task.sleep(for: .seconds(3_600))
            return 1
        }
        #expect(value == nil)
    }

    @Test func serverErrorCodesAreStableAndDistinct() {
        #expect(Set(ServerError.Code.all.map(\.rawValue)).count == ServerError.Code.all.count)
        #expect(ServerError(code: .ledgerUnavailable, message: "x").description == "ledger-unavailable: x")
    }

    @Test func aLedgerDirectoryInUseIsUnavailable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drv-server-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = ServerConfiguration(dataDirectory: directory.path)
        let first = try PaymentServerApp.openLedger(configuration)
        defer { first.close() }
        let error = #expect(throws: ServerError.self) {
            try PaymentServerApp.openLedger(configuration)
        }
        #expect(error?.code == .ledgerUnavailable)
    }

    @Test func demoSetupFillsAnEmptyLedgerOnceAndHashesItsKeys() throws {
        let ledger = try Ledger()
        try DemoSetup.populate(ledger)
        let count = ledger.bookingCount
        #expect(count == 24)
        try DemoSetup.populate(ledger)
        #expect(ledger.bookingCount == count)
        let setup = DemoSetup()
        #expect(setup.credentials.count == setup.agencies.count)
        for (login, credential) in zip(setup.agencies, setup.credentials) {
            #expect(SecretHash.matches(login.key, storedHash: credential.keySHA256))
            #expect(credential.keySHA256 != login.key)
        }
        #expect(!DemoSetup.customerLogins(in: ledger).isEmpty)
        for agency in setup.agencies.map(\.agency) {
            for id in DemoSetup.bookings(of: agency, in: ledger) {
                #expect(ledger.booking(Identifier(stringLiteral: id))?.agency?.agency == agency)
            }
        }
    }
}
