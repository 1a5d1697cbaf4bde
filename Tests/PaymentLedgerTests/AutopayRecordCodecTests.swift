import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The journal records of the autopay events (tags 30–36): every event round-trips with its
/// stamp, no record carries a card number, and malformed bytes are refused with their offset.
@Suite("Autopay record codec")
struct AutopayRecordCodecTests {
    typealias Kit = LedgerTestKit

    static func events() throws -> [AutopayEvent] {
        let time = Date(timeIntervalSince1970: 1_795_000_000.123)
        let expiry = try #require(XMLYearMonth(year: 2029, month: 12))
        let guest = StoredCard(
            id: "C1", kind: .guest, token: "tok_sim_0123456789abcdef", maskedNumber: "411111******1111",
            cardType: "VISA", expiry: expiry, holder: "Max Mustermann")
        let virtual = StoredCard(
            id: "C2",
            kind: .virtual(
                VirtualCardTerms(
                    validFrom: try Kit.date("2027-06-13"), validUntil: try Kit.date("2027-06-15"),
                    limit: Kit.eur(1234_56))),
            token: "tok_sim_ff", maskedNumber: "***********0005", cardType: "AMEX", expiry: expiry, holder: nil)
        let mandate = DirectDebitMandate(
            id: "MNDT-B-1", signedOn: try Kit.date("2026-11-16"), debtorName: "Jürgen Groß",
            iban: try #require(IBAN(normalizing: "DE89370400440532013000")), bic: BIC("COBADEFFXXX"),
            creditorId: "DE98ZZZ09999999999")
        return [
            .mandateStored(bookingId: "B", mandate: mandate),
            .mandateRevoked(bookingId: "B", mandateId: "MNDT-B-1"),
            .reservationSet(bookingId: "B", status: .checkin, channel: "WEB", termSet: "STANDARD"),
            .reservationSet(bookingId: "B", status: nil, channel: nil, termSet: nil),
            .cardStored(bookingId: "B", card: guest),
            .cardStored(bookingId: "B", card: virtual),
            .cardRemoved(bookingId: "B", cardId: "C1"),
            .paymentsApproved(
                bookingId: "B",
                approvals: [
                    AutopayApproval(
                        scheduleId: "DEP", amount: Kit.eur(691_20), dueDate: try Kit.date("2026-11-30"), cardId: "C1",
                        channel: "portal", approvedBy: .customer("B"), approvedAt: time),
                    AutopayApproval(
                        scheduleId: "BAL", amount: Kit.eur(0), dueDate: try Kit.date("2027-05-15"), cardId: nil,
                        channel: "Telefon ☎︎", approvedBy: .user("anna"), approvedAt: time),
                ]),
            .approvalWithdrawn(bookingId: "B", scheduleId: "DEP", actor: .customer("B"), time: time),
            .memoAdded(
                bookingId: "B",
                memo: BookingMemo(kind: .note, text: "Rückruf erbeten", actor: .user("anna"), time: time)),
            .memoAdded(
                bookingId: "B",
                memo: BookingMemo(
                    kind: .autopayGaveUp, text: "gave up", actor: .system("autopay"), time: time,
                    attempt: PaymentAttemptKey(bookingId: "B", paymentId: "AP-DEP", attempt: 5))),
            .chargeStarted(
                bookingId: "B",
                charge: AutopayCharge(
                    scheduleId: "DEP", paymentId: "AP-DEP", kind: .instalment, cardId: "C1", payer: "Guest")),
            .chargeStarted(
                bookingId: "B",
                charge: AutopayCharge(
                    scheduleId: "ARRIVAL", paymentId: "AP-ARRIVAL", kind: .reseller, cardId: "C2", payer: "Booking.com")
            ),
        ]
    }

    @Test func everyAutopayEventRoundTripsWithItsStamp() throws {
        let stamp = AuditStamp(actor: .system("autopay"), time: Date(timeIntervalSince1970: 1_795_000_000))
        for event in try Self.events() {
            let record = LedgerRecordCodec.encode(.autopay(event), stamp: stamp)
            let decoded = try LedgerRecordCodec.decodeRecord(record)
            #expect(decoded.event == .autopay(event))
            #expect(decoded.stamp == stamp)
        }
    }

    @Test func theTagsAreThoseAssigned() throws {
        var tags: [UInt8] = []
        for event in try Self.events() {
            let record = LedgerRecordCodec.encode(.autopay(event))
            // version, actor "unknown" (1 + 7 bytes), time 0 (1 byte), then the tag.
            tags.append(record[10])
        }
        #expect(Set(tags) == Set(30...38))
    }

    @Test func aStoredCardRecordHoldsNoCardNumber() throws {
        for event in try Self.events() {
            let text = String(decoding: LedgerRecordCodec.encode(.autopay(event)), as: UTF8.self)
            #expect(!text.contains("4111111111111111"))
        }
    }

    @Test func truncatedAndMalformedRecordsAreRefused() throws {
        for event in try Self.events() {
            let record = LedgerRecordCodec.encode(.autopay(event))
            for length in 11..<record.count {
                #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(record.prefix(length)) }
            }
            #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(record + Data([0])) }
        }
        // A memo kind, a card kind, a status and an autopay kind out of their tables.
        var memo = LedgerRecordCodec.encode(
            .autopay(.memoAdded(bookingId: "B", memo: BookingMemo(kind: .note, text: "x", actor: "a", time: Date()))))
        memo[13] = 9
        #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(memo) }
        var status = LedgerRecordCodec.encode(
            .autopay(.reservationSet(bookingId: "B", status: .request, channel: nil, termSet: nil)))
        status[14] = 7
        #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(status) }
    }

    /// Replay refuses autopay events that do not fit the booking, naming the record.
    @Test func replayRefusesAutopayEventsThatDoNotFit() throws {
        let booking = try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
        )
        .quote(try Kit.draft(id: "B"))
        var created = booking
        created.state = .booked
        let expiry = try #require(XMLYearMonth(year: 2029, month: 12))
        let fullNumber = StoredCard(
            id: "C1", kind: .guest, token: "tok", maskedNumber: "4111111111111111", cardType: "VISA", expiry: expiry,
            holder: nil)
        let cases: [(AutopayEvent, LedgerError.Code)] = [
            (.cardStored(bookingId: "B", card: fullNumber), .invalidAutopayData),
            (.cardRemoved(bookingId: "B", cardId: "C9"), .unknownCard),
            (.approvalWithdrawn(bookingId: "B", scheduleId: "DEP", actor: "a", time: Date()), .notApproved),
            (
                .chargeStarted(
                    bookingId: "B",
                    charge: AutopayCharge(
                        scheduleId: "NOPE", paymentId: "AP-NOPE", kind: .instalment, cardId: "C1", payer: "P")),
                .unknownCard
            ),
            (
                .memoAdded(bookingId: "B", memo: BookingMemo(kind: .note, text: "", actor: "a", time: Date())),
                .invalidAutopayData
            ),
            (.reservationSet(bookingId: "OTHER", status: .checkin, channel: nil, termSet: nil), .unknownBooking),
        ]
        for (event, code) in cases {
            let journal = LedgerPropertyTests.InMemoryJournal()
            try journal.append([LedgerRecordCodec.encode(.bookingCreated(created, requestDigest: nil))])
            try journal.append([LedgerRecordCodec.encode(.autopay(event))])
            do {
                _ = try Ledger(journal: journal)
                Issue.record("replay accepted \(event)")
            } catch {
                #expect(error.code == .journalFailure)
                #expect(error.message.contains("journal record 2"), "\(error)")
                #expect(error.message.contains(code.rawValue) || code == .unknownBooking, "\(code): \(error)")
            }
        }
    }

    @Test func pciMasksAreCheckedByLength() {
        #expect(AutopayState.isPCIMask("411111******1111"))
        #expect(AutopayState.isPCIMask("***********0005"))
        #expect(!AutopayState.isPCIMask("4111111111111111"))
        #expect(!AutopayState.isPCIMask("378282*****0005"))
        #expect(!AutopayState.isPCIMask("41111*******1111x"))
        #expect(!AutopayState.isPCIMask("1111"))
    }
}
