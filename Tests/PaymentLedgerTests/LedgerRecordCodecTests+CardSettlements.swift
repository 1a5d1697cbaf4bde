import Foundation
import StringPayments
import Testing
import XMLCoding

@testable import PaymentLedger

/// Records of tags 20 and 21: card payouts and card settlement exceptions.
extension LedgerRecordCodecTests {
    private static func settlementEvents() throws -> [LedgerEvent] {
        let day = try #require(XMLDate(xmlLexicalForm: "2026-11-25"))
        let rich = CardSettlementException(
            reason: .amountMismatch, detail: "the gross amount differs", transactionReference: "TX-ÄÖ-1",
            payoutDate: day, grossAmount: SignedCurrencyAmount(minorUnitCount: -12_345, currency: .eur),
            fee: SignedCurrencyAmount(minorUnitCount: 123, currency: .eur),
            netAmount: SignedCurrencyAmount(minorUnitCount: -12_468, currency: .eur), payoutReference: "PO-7",
            report: "acquirer 2026-11.csv", line: 1_000_000, bookingId: "B-1", paymentId: "CC1")
        var minimal = rich
        minimal.reason = .unknownReference
        minimal.payoutReference = nil
        minimal.bookingId = nil
        minimal.paymentId = nil
        minimal.grossAmount = SignedCurrencyAmount(minorUnitCount: 1, currency: .jpy)
        minimal.fee = .zero(.jpy)
        minimal.netAmount = SignedCurrencyAmount(minorUnitCount: 1, currency: .jpy)
        return [
            .cardPaymentPaidOut(
                bookingId: "B-1", paymentId: "CC1",
                payout: AcquirerPayout(
                    payoutDate: day, fee: CurrencyAmount(minorUnitCount: 1_234, currency: .kwd),
                    netAmount: CurrencyAmount(minorUnitCount: 999_999_999_999, currency: .kwd),
                    payoutReference: "PO-1", report: "r.csv")),
            .cardPaymentPaidOut(
                bookingId: "B", paymentId: "P",
                payout: AcquirerPayout(payoutDate: day, fee: .zero(.eur), netAmount: .zero(.eur), report: "")),
            .cardSettlementExceptionRecorded(rich),
            .cardSettlementExceptionRecorded(minimal),
        ]
            + CardSettlementException.Reason.allCases.map { reason in
                var exception = rich
                exception.reason = reason
                return .cardSettlementExceptionRecorded(exception)
            }
    }

    @Test func cardPayoutsAndSettlementExceptionsRoundTrip() throws {
        for event in try Self.settlementEvents() {
            let stamp = AuditStamp(actor: "user:anna", time: Date(timeIntervalSince1970: 1_795_000_000.123))
            let decoded = try LedgerRecordCodec.decodeRecord(LedgerRecordCodec.encode(event, stamp: stamp))
            #expect(decoded.event == event)
            #expect(decoded.stamp == stamp)
            #expect(decoded.event.bookingId == event.bookingId)
        }
    }

    @Test func truncatedOrDamagedSettlementRecordsThrow() throws {
        for event in try Self.settlementEvents().prefix(4) {
            let record = [UInt8](LedgerRecordCodec.encode(event))
            for length in 0..<record.count {
                #expect(throws: LedgerRecordDecodingError.self) {
                    try LedgerRecordCodec.decode(Data(record[0..<length]))
                }
            }
        }
        // The reason byte follows version, stamp ("unknown", time 0) and tag.
        var record = [UInt8](LedgerRecordCodec.encode(try Self.settlementEvents()[2]))
        let reasonOffset = 1 + 1 + "unknown".utf8.count + 1 + 1
        record[reasonOffset] = 99
        let error = #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(record)) }
        #expect(error?.byteOffset == reasonOffset)
    }
}
