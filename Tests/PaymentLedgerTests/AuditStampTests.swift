import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// Every change carries who made it and when; records of format 2 keep amounts with their
/// scale, independent of how a platform stores `Decimal`.
@Suite("Audit stamps and record format 2")
struct AuditStampTests {
    typealias Kit = LedgerTestKit

    @Test func changesAreStampedWithTheBoundActorAndTheClocksTime() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FixedClock(try Kit.date(Kit.bookingDayText))
        let ledger = try Ledger.open(directory: directory, configuration: LedgerConfiguration(clock: clock))
        defer { ledger.close() }
        try Ledger.$actor.withValue(.agency("123456")) {
            try ledger.createBooking(try Kit.draft(id: "B1"))
        }
        try ledger.enterPayments([Kit.agencyPayment("P1", cents: 100_00)], bookingId: "B1")
        try Ledger.$actor.withValue(.user("anna")) {
            _ = try ledger.settlePayment("P1", of: "B1", transactionReference: "AGY")
        }
        let history = try ledger.history(of: "B1")
        #expect(history.map { $0.stamp?.actor.rawValue } == ["agency:123456", "system:ledger", "user:anna"])
        #expect(history.allSatisfy { $0.stamp?.time == clock.now() })
        #expect(history.map(\.byteOffset).allSatisfy { $0 != nil })
        #expect(clock.now() == Date(timeIntervalSince1970: 1_795_392_000))
    }

    @Test func theHandlerStampsTheRequestsAgency() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try Ledger.open(
            directory: directory,
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))))
        defer { ledger.close() }
        let handled = await StringMessageHandler(ledger: ledger).handle(
            try TestSupport.data("Examples/lifecycle/02-book-request.xml"))
        #expect(handled.outcome == .applied)
        let id = try #require(ledger.bookings.first?.id)
        #expect(try ledger.history(of: id).allSatisfy { $0.stamp?.actor == .agency("123456") })
    }

    /// A format 2 record survives a platform whose `Decimal` stores numbers differently: amounts
    /// are a scale and an integer.
    @Test func decimalsAreWrittenAsScaleAndInteger() throws {
        let amount = CurrencyAmount(amount: Decimal(string: "1234.56") ?? 0, currency: .eur)
        let event = LedgerEvent.bookingCancelled(bookingId: "B", on: try Kit.date("2026-01-01"), chargedPrice: amount)
        let record = Array(
            LedgerRecordCodec.encode(event, stamp: AuditStamp(actor: "user:x", time: Date(timeIntervalSince1970: 1))))
        #expect(record[0] == 2)
        // The price: 0x0E, scale 2, then 123456 as a zigzag varint.
        let zigzag: [UInt8] = [0x80, 0x89, 0x0F]
        let expected: [UInt8] = [0x0E, 0x02] + zigzag
        #expect(record.indices.contains { record[$0...].starts(with: expected) })
        let decoded = try LedgerRecordCodec.decodeRecord(Data(record))
        #expect(decoded.event == event)
        #expect(decoded.stamp == AuditStamp(actor: "user:x", time: Date(timeIntervalSince1970: 1)))
    }

    /// A format 2 payment record written when the currency had 3 minor units is rescaled to
    /// today's 2 when that is exact, and refused when it is not.
    @Test func paymentAmountsAreRescaledToTodaysMinorUnits() throws {
        let payment = LedgerPayment(
            identifier: "P", collection: .agency, scope: .balance, formOfPayment: nil, currency: .eur,
            amountMinorUnits: 12_340, feeMinorUnits: 0, status: .recorded, entryDate: nil, serviceProvider: nil,
            cashHolder: nil, specialisation: .unspecified)
        var record = Array(LedgerRecordCodec.encode(.paymentEntered(bookingId: "B", payment: payment)))
        // Find the scale byte (2) right after "EUR" and write the amount as if it had scale 3.
        let eur = Array("EUR".utf8)
        let at = try #require(record.indices.first { record[$0...].starts(with: eur) }) + 3
        #expect(record[at] == 2)
        record[at] = 3
        // 12340 at scale 3 is 12.340 → 1234 cents at scale 2.
        guard case .paymentEntered(_, let decoded) = try LedgerRecordCodec.decodeRecord(Data(record)).event else {
            Issue.record("not a payment")
            return
        }
        #expect(decoded.amountMinorUnits == 1_234)
        // 12341 at scale 3 has a digit today's table cannot hold.
        let odd = LedgerPayment(
            identifier: "P", collection: .agency, scope: .balance, formOfPayment: nil, currency: .eur,
            amountMinorUnits: 12_341, feeMinorUnits: 0, status: .recorded, entryDate: nil, serviceProvider: nil,
            cashHolder: nil, specialisation: .unspecified)
        var oddRecord = Array(LedgerRecordCodec.encode(.paymentEntered(bookingId: "B", payment: odd)))
        oddRecord[at] = 3
        #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decodeRecord(Data(oddRecord)) }
    }
}
