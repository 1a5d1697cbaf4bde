import Foundation
import StringPayments
import Synchronization
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// One-time portal tokens: issued with only their digest journaled, redeemed once, refused when
/// expired, unknown, used or revoked, and the same after the journal is replayed.
@Suite("Portal tokens")
struct PortalTokenTests {
    typealias Kit = LedgerTestKit

    /// A clock whose instant the test moves; today follows the instant (UTC).
    final class SteppingClock: LedgerClock, Sendable {
        private let instant: Mutex<Date>

        init(_ start: Date) { instant = Mutex(start) }

        func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }

        func now() -> Date { instant.withLock { $0 } }

        func today() -> XMLDate {
            let days = Int((now().timeIntervalSince1970 / 86_400).rounded(.down))
            return XMLDate(daysSinceEpoch: days)
        }
    }

    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func makeLedger(
        clock: SteppingClock = SteppingClock(start), directory: URL? = nil
    ) throws -> Ledger {
        let configuration = LedgerConfiguration(clock: clock)
        let ledger =
            if let directory { try Ledger.open(directory: directory, configuration: configuration) } else {
                try Ledger(configuration: configuration)
            }
        if ledger.booking("B1") == nil {
            try ledger.createBooking(try Kit.draft(id: "B1"))
        }
        return ledger
    }

    @Test func issueAndRedeem() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try Self.makeLedger(directory: directory)
        defer { ledger.close() }
        let token = try Ledger.$actor.withValue("user:anna") { try ledger.issuePortalToken(for: "B1") }
        #expect(token.text.count == 43)
        #expect(Ledger.isWellFormedPortalToken(token.text))
        #expect(token.bookingId == "B1")
        #expect(token.expiresAt == Self.start.addingTimeInterval(PortalToken.defaultValidity))
        #expect(token.link(baseURL: "https://pay.example.com/") == "https://pay.example.com/portal/link/" + token.text)
        #expect(!token.description.contains(token.text))
        #expect(ledger.bookingOfPortalToken(token.text) == "B1")
        #expect(ledger.bookingOfPortalToken("not a token") == nil)
        let booking = try Ledger.$actor.withValue("customer:B1") { try ledger.redeemPortalToken(token.text) }
        #expect(booking.id == "B1")
        // The lookup neither redeems nor depends on the token being unused.
        #expect(ledger.bookingOfPortalToken(token.text) == "B1")
        let events = try ledger.history(of: "B1").compactMap { entry -> (PortalTokenEvent, AuditStamp?)? in
            if case .portalToken(let event) = entry.event { (event, entry.stamp) } else { nil }
        }
        #expect(events.count == 2)
        #expect(events.first?.0.kind == .issued(expiresAt: token.expiresAt))
        #expect(events.first?.0.stamp.actor == "user:anna")
        #expect(events.last?.0.kind == .redeemed)
        #expect(events.last?.0.stamp.actor == "customer:B1")
        #expect(events.allSatisfy { $0.0.tokenDigest == SHA256.digest(token.text.utf8) })
        // Two tokens are never the same.
        let other = try ledger.issuePortalToken(for: "B1")
        #expect(other.text != token.text)
    }

    @Test func reuseIsRefused() throws {
        let ledger = try Self.makeLedger()
        let token = try ledger.issuePortalToken(for: "B1")
        try ledger.redeemPortalToken(token.text)
        let events = ledger.eventCount
        let error = #expect(throws: LedgerError.self) { try ledger.redeemPortalToken(token.text) }
        #expect(error?.code == .portalTokenUsed)
        #expect(error?.bookingId == "B1")
        #expect(ledger.eventCount == events)
    }

    @Test func expiryIsRefusedAtTheInstant() throws {
        let clock = SteppingClock(Self.start)
        let ledger = try Self.makeLedger(clock: clock)
        let first = try ledger.issuePortalToken(for: "B1", validFor: 3600)
        let second = try ledger.issuePortalToken(for: "B1", validFor: 3600)
        clock.advance(by: 3599.999)
        try ledger.redeemPortalToken(first.text)
        clock.advance(by: 0.001)
        let error = #expect(throws: LedgerError.self) { try ledger.redeemPortalToken(second.text) }
        #expect(error?.code == .portalTokenExpired)
        // Validity out of range is refused before anything is drawn or journaled.
        for seconds in [59.0, 30 * 86_400 + 1, -1, .nan] {
            let refused = #expect(throws: LedgerError.self) {
                try ledger.issuePortalToken(for: "B1", validFor: seconds)
            }
            #expect(refused?.code == .invalidPortalToken, "\(seconds)")
        }
        _ = try ledger.issuePortalToken(for: "B1", validFor: 60)
        _ = try ledger.issuePortalToken(for: "B1", validFor: 30 * 86_400)
    }

    @Test func wrongAndMalformedTokensAreUnknown() throws {
        let ledger = try Self.makeLedger()
        let token = try ledger.issuePortalToken(for: "B1")
        var wrong = Array(token.text)
        wrong[42] = wrong[42] == "A" ? "B" : "A"
        for text in [String(wrong), "", String(token.text.dropLast()), token.text + "A", token.text.uppercased() + "!"]
        where text != token.text {
            let error = #expect(throws: LedgerError.self) { try ledger.redeemPortalToken(text) }
            #expect(error?.code == .unknownPortalToken, "\(text)")
            #expect(error?.bookingId == nil)
        }
        try ledger.redeemPortalToken(token.text)
    }

    @Test func revokeEndsOpenTokens() throws {
        let ledger = try Self.makeLedger()
        let used = try ledger.issuePortalToken(for: "B1")
        try ledger.redeemPortalToken(used.text)
        let open = try ledger.issuePortalToken(for: "B1")
        let alsoOpen = try ledger.issuePortalToken(for: "B1")
        #expect(try ledger.revokePortalTokens(of: "B1") == 2)
        #expect(try ledger.revokePortalTokens(of: "B1") == 0)
        for text in [open.text, alsoOpen.text] {
            let error = #expect(throws: LedgerError.self) { try ledger.redeemPortalToken(text) }
            #expect(error?.code == .portalTokenUsed)
            #expect(error?.message.contains("withdrawn") == true)
        }
        #expect(throws: LedgerError.self) { try ledger.revokePortalTokens(of: "NOPE") }
        let unknown = #expect(throws: LedgerError.self) { try ledger.issuePortalToken(for: "NOPE") }
        #expect(unknown?.code == .unknownBooking)
    }

    @Test func replayAfterReopenKeepsEveryToken() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = SteppingClock(Self.start)
        let ledger = try Self.makeLedger(clock: clock, directory: directory)
        let redeemed = try ledger.issuePortalToken(for: "B1")
        let open = try ledger.issuePortalToken(for: "B1", validFor: 7200)
        let short = try ledger.issuePortalToken(for: "B1", validFor: 60)
        try ledger.redeemPortalToken(redeemed.text)
        ledger.close()
        // The journal holds digests, never a token.
        let journal = try Data(contentsOf: directory.appendingPathComponent(FileJournal.fileName))
        for token in [redeemed, open, short] {
            #expect(journal.range(of: Data(token.text.utf8)) == nil)
        }
        clock.advance(by: 61)
        let reopened = try Self.makeLedger(clock: clock, directory: directory)
        defer { reopened.close() }
        let reused = #expect(throws: LedgerError.self) { try reopened.redeemPortalToken(redeemed.text) }
        #expect(reused?.code == .portalTokenUsed)
        let expired = #expect(throws: LedgerError.self) { try reopened.redeemPortalToken(short.text) }
        #expect(expired?.code == .portalTokenExpired)
        #expect(try reopened.redeemPortalToken(open.text).id == "B1")
    }

    /// Records that do not fit the tokens before them are refused on replay.
    @Test func replayRefusesImpossibleTokenEvents() throws {
        let stamp = AuditStamp(actor: "user:x", time: Self.start)
        let digest = SHA256.digest("token".utf8)
        func event(
            _ kind: PortalTokenEvent.Kind, _ bookingId: Identifier = "B1", digest: [UInt8] = digest
        ) -> LedgerEvent {
            .portalToken(PortalTokenEvent(kind: kind, bookingId: bookingId, tokenDigest: digest, stamp: stamp))
        }
        let issued = event(.issued(expiresAt: Self.start.addingTimeInterval(3600)))
        // A redemption journaled at the expiry.
        let late = AuditStamp(actor: "customer:B1", time: Self.start.addingTimeInterval(3600))
        let lateRedeem = LedgerEvent.portalToken(
            PortalTokenEvent(kind: .redeemed, bookingId: "B1", tokenDigest: digest, stamp: late))
        let cases: [([LedgerEvent], String)] = [
            ([event(.redeemed)], "no such portal token"),
            ([event(.revoked)], "no such portal token"),
            ([issued, issued], "issued twice"),
            ([issued, event(.redeemed), event(.redeemed)], "used already"),
            ([issued, event(.revoked), event(.redeemed)], "withdrawn"),
            ([event(.issued(expiresAt: Self.start))], "1 minute to 30 days"),
            ([event(.issued(expiresAt: Self.start.addingTimeInterval(31 * 86_400)))], "1 minute to 30 days"),
            ([event(.issued(expiresAt: Self.start), "NOPE")], "NOPE"),
            ([event(.issued(expiresAt: Self.start.addingTimeInterval(3600)), digest: [1, 2])], "not 32"),
            ([issued, lateRedeem], "expired"),
        ]
        for (events, expected) in cases {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let setup = try Self.makeLedger(directory: directory)
            setup.close()
            let journal = try FileJournal.open(directory: directory)
            for event in events { try journal.append([LedgerRecordCodec.encode(event, stamp: stamp)]) }
            journal.close()
            let error = #expect(throws: LedgerError.self) {
                try Ledger.open(
                    directory: directory, configuration: LedgerConfiguration(clock: SteppingClock(Self.start)))
            }
            #expect(error?.code == .journalFailure)
            #expect(error?.message.contains(expected) == true, "\(expected): \(String(describing: error))")
        }
    }

    @Test func recordsRoundTripAndRefuseDamage() throws {
        let stamp = AuditStamp(actor: "customer:B1", time: Date(timeIntervalSince1970: 1_795_000_000.123))
        let digest = SHA256.digest("abc".utf8)
        let events: [LedgerEvent] = [
            .issued(expiresAt: Date(timeIntervalSince1970: 1_795_604_800.123)), .redeemed, .revoked,
        ].map { .portalToken(PortalTokenEvent(kind: $0, bookingId: "B-1", tokenDigest: digest, stamp: stamp)) }
        for event in events {
            let record = LedgerRecordCodec.encode(event, stamp: stamp)
            #expect(try LedgerRecordCodec.decode(record) == event)
            let bytes = [UInt8](record)
            for length in 0..<bytes.count {
                #expect(throws: LedgerRecordDecodingError.self) {
                    try LedgerRecordCodec.decode(Data(bytes.prefix(length)))
                }
            }
            #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(record + [0]) }
        }
        // A digest of another length is refused by the decoder.
        let short = LedgerEvent.portalToken(
            PortalTokenEvent(kind: .redeemed, bookingId: "B-1", tokenDigest: [1], stamp: stamp))
        let error = #expect(throws: LedgerRecordDecodingError.self) {
            try LedgerRecordCodec.decode(LedgerRecordCodec.encode(short, stamp: stamp))
        }
        #expect(error?.message.contains("not 32") == true)
    }
}
