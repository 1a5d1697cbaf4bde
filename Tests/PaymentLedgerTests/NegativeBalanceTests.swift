import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The "Negative balances" query: which bookings hold money to return, filtered and sorted.
@Suite("Negative balances")
struct NegativeBalanceTests {
    typealias Kit = LedgerTestKit

    /// Bookings `N1`…`N4` overpaid by 100, 300, 200 and 50 EUR (sellers S-B, S-A, S-B, none;
    /// agencies 2, 1, 3, none; departures descending), and `P1`, paid exactly, and `O1`, owing.
    static func ledger() throws -> Ledger {
        let clock = AdjustableLedgerClock(try Kit.date(Kit.bookingDayText))
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: clock))
        let rows: [(Identifier, String?, String?, Int64, String)] = [
            ("N1", "S-B", "2", 100_00, "2027-09-01"), ("N2", "S-A", "1", 300_00, "2027-08-01"),
            ("N3", "S-B", "3", 200_00, "2027-07-01"), ("N4", nil, nil, 50_00, "2027-06-01"),
        ]
        for (index, (id, seller, agency, overpaid, departure)) in rows.enumerated() {
            clock.set(try Kit.date("2026-11-2\(index)"))
            var draft = try Kit.draft(id: id, priceCents: 1000_00, departure: departure)
            draft.seller = seller
            draft.agency = agency.map { AgencyInformation(agency: $0) }
            try ledger.createBooking(draft)
            // Paid in full, then the price lowered: the difference is to be returned.
            try ledger.enterPayments([Kit.agencyPayment("ALL", cents: 1000_00, scope: .balance)], bookingId: id)
            try ledger.modifyBooking(id, totalPrice: Kit.eur(1000_00 - overpaid))
        }
        try ledger.createBooking(try Kit.draft(id: "P1", priceCents: 500_00))
        try ledger.enterPayments([Kit.agencyPayment("ALL", cents: 500_00, scope: .balance)], bookingId: "P1")
        try ledger.createBooking(try Kit.draft(id: "O1", priceCents: 500_00))
        try ledger.setRelease(true, for: "N2")
        try ledger.setRelease(true, for: "N4")
        try ledger.addComment("call customer", to: "N2")
        return ledger
    }

    @Test func onlyBookingsHoldingMoreThanTheyCostAreListedWithFiguresThatAddUp() throws {
        let rows = try Self.ledger().negativeBalances()
        #expect(rows.map(\.bookingId) == ["N1", "N2", "N3", "N4"])
        let n2 = try #require(rows.first { $0.bookingId == "N2" })
        #expect(n2.bookingTotal == Kit.eur(700_00))
        #expect(n2.paidAmount == Kit.eur(1000_00))
        #expect(n2.balance == Kit.eur(300_00))
        #expect(n2.seller == "S-A" && n2.agency == "1")
        #expect(n2.isReleased && !n2.isFinanced)
        #expect(n2.comments.map(\.text) == ["call customer"])
        #expect(n2.customer == "Max Mustermann")
        #expect(n2.createdOn == (try Kit.date("2026-11-21")))
        for row in rows {
            #expect(row.balance.amount == row.paidAmount.amount - row.bookingTotal.amount)
        }
    }

    @Test func filtersBySellerAndRelease() throws {
        let ledger = try Self.ledger()
        #expect(ledger.negativeBalances(NegativeBalanceQuery(seller: "S-B")).map(\.bookingId) == ["N1", "N3"])
        #expect(ledger.negativeBalances(NegativeBalanceQuery(releasedOnly: true)).map(\.bookingId) == ["N2", "N4"])
        #expect(
            ledger.negativeBalances(NegativeBalanceQuery(seller: "S-A", releasedOnly: true)).map(\.bookingId) == ["N2"])
        #expect(ledger.negativeBalances(NegativeBalanceQuery(seller: "nobody")).isEmpty)
    }

    @Test(arguments: [
        (NegativeBalanceQuery.SortKey.amount, false, ["N4", "N1", "N3", "N2"]),
        (.amount, true, ["N2", "N3", "N1", "N4"]),
        (.seller, false, ["N4", "N2", "N1", "N3"]),
        (.seller, true, ["N3", "N1", "N2", "N4"]),
        (.agency, false, ["N4", "N2", "N1", "N3"]),
        (.creationDate, true, ["N4", "N3", "N2", "N1"]),
        (.departureDate, false, ["N4", "N3", "N2", "N1"]),
        (.booking, true, ["N4", "N3", "N2", "N1"]),
    ])
    func sortsByEachKeyBothWays(key: NegativeBalanceQuery.SortKey, descending: Bool, expected: [Identifier]) throws {
        let rows = try Self.ledger().negativeBalances(NegativeBalanceQuery(sort: key, descending: descending))
        #expect(rows.map(\.bookingId) == expected)
    }

    @Test func aCancelledBookingWithPaymentsIsListed() throws {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))))
        try ledger.createBooking(try Kit.draft(id: "C1"))
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: "C1")
        try ledger.cancelBooking("C1")
        let row = try #require(ledger.negativeBalances().first)
        #expect(row.state == .cancelled)
        #expect(row.balance == ledger.booking("C1")?.refundableAmount)
    }
}
