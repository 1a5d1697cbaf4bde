import Foundation
import StringPayments
import Testing
import XMLCoding

@testable import PaymentLedger

/// Records of tags 24 and 25: GDS flight records added and edited.
extension LedgerRecordCodecTests {
    private static func gdsEvents() throws -> [LedgerEvent] {
        let stamp = AuditStamp(actor: "user:anna", time: Date(timeIntervalSince1970: 1_795_000_000.123))
        let full = try GDSRecordTests.flight()
        var minimal = full
        minimal.phone = nil
        minimal.paymentComment = nil
        minimal.adminComment = "Ä \"quoted\", comma\nline"
        minimal.costPrice = CurrencyAmount(minorUnitCount: 1_234, currency: .kwd)
        minimal.departureTime = .midnight
        minimal.arrivalTime = try #require(TimeOfDay("23:59"))
        return [
            .gds(GDSEvent(kind: .added, bookingId: "B-1", recordId: "F1", details: full, stamp: stamp)),
            .gds(GDSEvent(kind: .edited, bookingId: "B-1", recordId: "F7", details: minimal, stamp: stamp)),
        ]
    }

    @Test func gdsRecordsRoundTrip() throws {
        for event in try Self.gdsEvents() {
            let stamp = AuditStamp(actor: "user:ben", time: Date(timeIntervalSince1970: 1_795_000_001))
            let decoded = try LedgerRecordCodec.decodeRecord(LedgerRecordCodec.encode(event, stamp: stamp))
            #expect(decoded.event == event)
            #expect(decoded.stamp == stamp)
            #expect(decoded.event.bookingId == event.bookingId)
        }
    }

    @Test func truncatedOrDamagedGDSRecordsThrow() throws {
        for event in try Self.gdsEvents() {
            let record = [UInt8](LedgerRecordCodec.encode(event))
            for length in 0..<record.count {
                #expect(throws: LedgerRecordDecodingError.self) {
                    try LedgerRecordCodec.decode(Data(record[0..<length]))
                }
            }
            #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(record + [0])) }
        }
    }

    @Test func aTimeOutsideTheDayIsRefusedAtItsOffset() throws {
        let event = try Self.gdsEvents()[0]
        var record = [UInt8](LedgerRecordCodec.encode(event))
        // The departure time 08:10 is 490 minutes: the varint 0xEA 0x03. 1440 is 0xA0 0x0B.
        let time: [UInt8] = [0xEA, 0x03]
        let start = try #require(
            record.indices.first { record[$0...].starts(with: time) && $0 > 30 })
        record[start] = 0xA0
        record[start + 1] = 0x0B
        let error = #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(record)) }
        #expect(error?.byteOffset == start)
        #expect(error?.message.contains("departure time") == true)
    }
}
