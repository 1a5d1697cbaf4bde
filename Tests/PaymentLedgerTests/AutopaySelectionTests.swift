import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

/// One test per selection criterion: each alone keeps an instalment from being charged, while
/// the same booking without it is charged.
@Suite("Autopay selection criteria")
struct AutopaySelectionTests {
    typealias Kit = LedgerTestKit
    typealias Fixture = AutopayFixture

    @Test func aDueInstalmentMeetingEveryCriterionIsSelected() async throws {
        let fixture = try Fixture()
        try await fixture.book("OK")
        let report = try await fixture.run(dryRun: true)
        #expect(Fixture.selected(report) == ["OK DEP 200.00"])
        #expect(report.skipped.isEmpty)
        #expect(report.selected.first?.payer == "Guest")
        #expect(report.selected.first?.key.rawValue == "OK/AP-DEP/1")
    }

    @Test("(a) an instalment not due yesterday is not a candidate") func dueDate() async throws {
        var fixture = try Fixture()
        try await fixture.book("B")
        // Due today (2026-11-23): not yet; due two days before the run: missed, outside the look-back.
        #expect(try await fixture.run(at: "2026-11-23T02:00:00Z", dryRun: true).selected.isEmpty)
        #expect(try await fixture.run(at: "2026-11-25T02:00:00Z", dryRun: true).selected.isEmpty)
        fixture.settings.lookbackDays = 1
        #expect(Fixture.selected(try await fixture.run(at: "2026-11-25T02:00:00Z", dryRun: true)) == ["B DEP 200.00"])
    }

    @Test("(b) a paid instalment is skipped, a partly paid one charges the rest") func openOrPartial() async throws {
        let fixture = try Fixture()
        try await fixture.book("PAID")
        try await fixture.book("PART")
        try fixture.ledger.enterPayments([Kit.agencyPayment("A1", cents: 200_00)], bookingId: "PAID")
        try fixture.ledger.enterPayments([Kit.agencyPayment("A1", cents: 50_00)], bookingId: "PART")
        let report = try await fixture.run(dryRun: true)
        #expect(Fixture.criteria(report, "PAID") == [.paid])
        #expect(Fixture.selected(report) == ["PART DEP 150.00"])
    }

    @Test("(c) only PROVISIONAL through CHECKIN is charged", arguments: ReservationStatus.allCases)
    func reservationStatus(status: ReservationStatus) async throws {
        let fixture = try Fixture()
        try await fixture.book("S", status: status)
        let report = try await fixture.run(dryRun: true)
        if ReservationStatus.instalmentAutopayRange.contains(status) {
            #expect(Fixture.selected(report) == ["S DEP 200.00"])
        } else {
            #expect(Fixture.criteria(report, "S") == [.reservationStatus])
        }
    }

    @Test("(c) the status order is the seed's order") func statusOrder() {
        #expect(
            ReservationStatus.allCases.sorted().map(\.rawValue) == [
                "REQUEST", "OPTIONAL", "PROVISIONAL", "DEFINITIVE", "CHECKIN", "CHECKOUT", "CANCELLED",
            ])
        #expect(ReservationStatus(bookingState: .booked) == .definitive)
    }

    @Test("(d) channel and term set must have autopay on, with a payer") func channelAndTermSet() async throws {
        let fixture = try Fixture()
        try await fixture.book("OFF", channel: "OFF")
        try await fixture.book("NOPAYER", channel: "NOPAYER")
        try await fixture.book("NOCHANNEL", channel: nil)
        try await fixture.book("UNKNOWN", channel: "ELSEWHERE")
        try await fixture.book("MANUAL", termSet: "MANUAL")
        try await fixture.book("NOTERMS", termSet: nil)
        let report = try await fixture.run(dryRun: true)
        #expect(report.selected.isEmpty)
        #expect(Fixture.criteria(report, "OFF") == [.channelAutopay])
        #expect(Fixture.criteria(report, "NOPAYER") == [.noPayer])
        #expect(Fixture.criteria(report, "NOCHANNEL") == [.channelAutopay])
        #expect(Fixture.criteria(report, "UNKNOWN") == [.channelAutopay])
        #expect(Fixture.criteria(report, "MANUAL") == [.termSetAutopay])
        #expect(Fixture.criteria(report, "NOTERMS") == [.termSetAutopay])
    }

    @Test("(d) an approved instalment is charged with channel autopay off, until withdrawn") func approval()
        async throws
    {
        let fixture = try Fixture()
        try await fixture.book("A", channel: "OFF", termSet: "MANUAL")
        let approvals = try Fixture.approving(fixture, "A", ["DEP"], channel: "phone")
        #expect(approvals.map(\.amount) == [Kit.eur(200_00)])
        let report = try await fixture.run(dryRun: true)
        #expect(Fixture.selected(report) == ["A DEP 200.00"])
        #expect(report.selected.first?.approved == true)
        try fixture.ledger.withdrawApproval("DEP", of: "A")
        #expect(Fixture.criteria(try await fixture.run(dryRun: true), "A") == [.channelAutopay])
    }

    @Test("(d) an approval for less than what remains is not enough") func approvalExceeded() async throws {
        let fixture = try Fixture()
        try await fixture.book("A", channel: "OFF")
        try fixture.ledger.enterPayments([Kit.agencyPayment("A1", cents: 50_00)], bookingId: "A")
        try fixture.ledger.approveScheduledPayments("A", scheduleIds: ["DEP"])
        try fixture.ledger.failPayment("A1", of: "A", reason: "bounced")
        #expect(Fixture.criteria(try await fixture.run(dryRun: true), "A") == [.approvalExceeded])
    }

    @Test("(e) a usable stored card is needed") func usableCard() async throws {
        let fixture = try Fixture()
        try await fixture.book("NOCARD", card: nil)
        try await fixture.book("VIRTUAL", card: nil)
        try await fixture.storeCard(Kit.goodCard, on: "VIRTUAL", kind: .virtual(VirtualCardTerms()))
        // Valid through November 2026 only: expired on the run of 1 December.
        try await fixture.book("EXPIRED", card: Kit.goodCard, expiry: (2026, 11))
        try await fixture.book("REMOVED")
        try fixture.ledger.removeCard("C1", of: "REMOVED")
        let report = try await fixture.run(dryRun: true)
        #expect(Fixture.criteria(report, "NOCARD") == [.noUsableCard])
        #expect(Fixture.criteria(report, "VIRTUAL") == [.noUsableCard])
        #expect(Fixture.criteria(report, "REMOVED") == [.noUsableCard])
        #expect(Fixture.selected(report) == ["EXPIRED DEP 200.00"])
        var later = fixture
        later.settings.lookbackDays = 8
        let december = try await later.run(at: "2026-12-01T02:00:00Z", dryRun: true)
        #expect(Fixture.criteria(december, "EXPIRED") == [.noUsableCard])
    }

    @Test func aCancelledBookingIsNoCandidate() async throws {
        let fixture = try Fixture()
        try await fixture.book("X")
        try fixture.ledger.cancelBooking("X")
        let report = try await fixture.run(dryRun: true)
        #expect(report.selected.isEmpty && report.skipped.isEmpty)
    }

    @Test func aModifiedScheduleMovesTheInstalmentInTheIndex() async throws {
        let fixture = try Fixture()
        try await fixture.book("M")
        // A later departure keeps the deposit's due date; a new price changes the amount.
        fixture.clock.set(try Kit.date(Fixture.bookingDay))
        try fixture.ledger.modifyBooking("M", totalPrice: Kit.eur(2000_00))
        #expect(Fixture.selected(try await fixture.run(dryRun: true)) == ["M DEP 400.00"])
    }

    @Test func resellerAutopayChargesTheVirtualCardOnArrival() async throws {
        let fixture = try Fixture()
        try await fixture.book("R", termSet: nil, card: nil, departure: "2026-12-20")
        let limit = Kit.eur(700_00)
        try await fixture.storeCard(
            Kit.goodCard, on: "R",
            kind: .virtual(
                VirtualCardTerms(
                    validFrom: try Kit.date("2026-12-19"), validUntil: try Kit.date("2026-12-21"), limit: limit)))
        try await fixture.book("EARLY", termSet: nil, card: nil, departure: "2026-12-20")
        try await fixture.storeCard(
            Kit.goodCard, on: "EARLY",
            kind: .virtual(VirtualCardTerms(validFrom: try Kit.date("2026-12-21"))))
        try await fixture.book("GUEST", termSet: nil, departure: "2026-12-20")
        #expect(try await fixture.run(.reseller, at: "2026-12-19T10:00:00Z", dryRun: true).selected.isEmpty)
        let report = try await fixture.run(.reseller, at: "2026-12-20T10:00:00Z")
        #expect(Fixture.selected(report) == ["R ARRIVAL 700.00"])
        #expect(Fixture.criteria(report, "EARLY") == [.noUsableCard])
        #expect(Fixture.criteria(report, "GUEST") == [.noUsableCard])
        #expect(report.charged.count == 1)
        let payment = try #require(fixture.ledger.booking("R")?.payment("AP-ARRIVAL"))
        #expect(payment.status == .settled)
        #expect(payment.amount == limit)
    }

    @Test func selectionLooksOnlyAtTheIndexedDays() async throws {
        let fixture = try Fixture()
        for number in 0..<50 { try await fixture.book(Identifier(stringLiteral: "D\(number)"), card: nil) }
        try await fixture.book("DUE")
        // Bookings made a day later fall due a day later: not candidates of this run at all.
        fixture.clock.set(try Kit.date("2026-11-17"))
        for number in 0..<50 {
            try fixture.ledger.createBooking(
                try Kit.draft(id: Identifier(stringLiteral: "L\(number)"), priceCents: 1000_00))
        }
        let report = try await fixture.run(dryRun: true)
        #expect(report.selected.count == 1)
        #expect(report.skipped.count == 50)
        #expect(Set(report.skipped.map(\.criterion)) == [.noUsableCard])
    }
}

extension AutopayFixture {
    static func approving(
        _ fixture: AutopayFixture, _ id: Identifier, _ ids: [Identifier]?, channel: String = "portal"
    ) throws -> [AutopayApproval] {
        try fixture.ledger.approveScheduledPayments(id, scheduleIds: ids, channel: channel)
    }
}
