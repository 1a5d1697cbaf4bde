import BankStatements
import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The money invariant of the back office: over random bank imports (matched, unmatched,
/// repeated, reversed), assignments, unassignments, releases and refunds, money imported,
/// assigned and refunded adds up in every booking and in total, no refund ever exceeds what was
/// overpaid, and replaying the journal gives the same state.
@Suite("Back office money property")
struct BackOfficeMoneyPropertyTests {
    typealias Kit = LedgerTestKit
    typealias InMemoryJournal = LedgerPropertyTests.InMemoryJournal

    static let seeds: [UInt64] = [1, 7, 42, 2026, 0xBAD_C0DE, 31_337]
    static let bookingIds: [Identifier] = ["SRT-1", "SRT-2", "SRT-3", "SRT-4"]

    struct Run {
        var random: SeededGenerator
        let journal = InMemoryJournal()
        let ledger: Ledger
        /// Every statement entry imported so far, by bank reference, with its amount in cents.
        var imported: [String: Int64] = [:]
        var counts: [String: Int] = [:]

        init(seed: UInt64) throws {
            random = SeededGenerator(seed: seed)
            ledger = try Ledger(
                configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))),
                journal: journal)
            for (index, id) in BackOfficeMoneyPropertyTests.bookingIds.enumerated() {
                var draft = try Kit.draft(id: id, priceCents: Int64(200_00 + index * 150_00))
                draft.financed = index == 3
                try ledger.createBooking(draft)
            }
        }

        mutating func pick<Element>(_ elements: [Element]) -> Element? {
            elements.isEmpty ? nil : elements[Int.random(in: 0..<elements.count, using: &random)]
        }

        mutating func cents(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &random) }

        mutating func step(_ number: Int) throws {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<30: try importStatement(number)
            case 30..<45: try assign()
            case 45..<55: try unassign()
            case 55..<62:
                try ledger.setRelease(Bool.random(using: &random), for: pick(BackOfficeMoneyPropertyTests.bookingIds)!)
            case 62..<85: try requestRefund()
            default: try resolveRefund()
            }
        }

        mutating func importStatement(_ number: Int) throws {
            var entries: [BankStatementEntry] = []
            for index in 0..<Int.random(in: 1...3, using: &random) {
                let reference = "REF-\(number)-\(index)"
                let amount = cents(1_00...400_00)
                let names = pick(BackOfficeMoneyPropertyTests.bookingIds + ["", "", "SRT-1 SRT-2"]) ?? ""
                entries.append(BankTransferTests.entry(reference, cents: amount, text: names.description))
                imported[reference] = amount
            }
            // Now and then a statement repeats an earlier entry, or reverses one.
            if let known = pick(Array(imported.keys.sorted())), Int.random(in: 0..<4, using: &random) == 0 {
                entries.append(BankTransferTests.entry(known, cents: imported[known] ?? 0))
            }
            if let known = pick(Array(imported.keys.sorted())), Int.random(in: 0..<8, using: &random) == 0,
                ledger.unregisteredPayment(known)?.state != .reversed
            {
                entries.append(
                    BankTransferTests.entry(
                        "REV-\(number)", cents: imported[known] ?? 0, text: "RETURN \(known)", credit: false,
                        reversal: true))
            }
            let report = try ledger.importBankStatement(BankTransferTests.statement(entries))
            counts["reversed", default: 0] += report.reversed.count
            counts["auto-matched", default: 0] += report.autoMatched.count
        }

        mutating func assign() throws {
            let open = ledger.unregisteredPayments.filter { $0.state == .unassigned }
            guard let payment = pick(open), let id = pick(BackOfficeMoneyPropertyTests.bookingIds) else { return }
            try ledger.assignUnregisteredPayment(payment.reference, to: id)
            counts["assigned", default: 0] += 1
        }

        mutating func unassign() throws {
            let assigned = ledger.unregisteredPayments.filter { $0.assignedBookingId != nil }
            guard let payment = pick(assigned) else { return }
            try ledger.unassignUnregisteredPayment(payment.reference, reason: "property test")
            counts["unassigned", default: 0] += 1
        }

        mutating func requestRefund() throws {
            guard let id = pick(BackOfficeMoneyPropertyTests.bookingIds), let booking = ledger.booking(id) else {
                return
            }
            let available = booking.availableRefundMinorUnits
            let amount = cents(1...max(1, available + 50_00))
            let forced = Bool.random(using: &random)
            let request = RefundRequest(
                amount: Kit.eur(amount), method: Bool.random(using: &random) ? .bankTransfer : .other("cash"),
                forcedReason: forced ? "approved" : nil)
            let allowed = booking.isReleased && (!booking.isFinanced || forced) && amount <= available
            do {
                try ledger.requestRefund(request, for: id)
                #expect(allowed, "a refund of \(amount) was accepted with \(available) available")
                counts["requested", default: 0] += 1
            } catch {
                #expect(!allowed, "a refund of \(amount) was refused with \(available) available: \(error)")
                #expect([.notReleased, .bookingFinanced, .refundExceedsBalance].contains(error.code))
            }
        }

        mutating func resolveRefund() throws {
            let pending = ledger.refunds()
            guard let row = pick(pending) else { return }
            if Bool.random(using: &random) {
                try ledger.completeRefund(row.refund.identifier, of: row.booking.id, payoutReference: "BANK")
                counts["completed", default: 0] += 1
            } else {
                try ledger.failRefund(row.refund.identifier, of: row.booking.id, reason: "bounced")
            }
        }

        func checkInvariants(step: Int) throws {
            let unregistered = ledger.unregisteredPayments
            var assignedTo: [Identifier: Int64] = [:]
            var unassigned: Int64 = 0
            var reversed: Int64 = 0
            for payment in unregistered {
                let units = payment.amount.minorUnitCount ?? 0
                switch payment.state {
                case .assigned(let bookingId, _): assignedTo[bookingId, default: 0] += units
                case .unassigned: unassigned += units
                case .reversed: reversed += units
                }
            }
            // Imported money is assigned, unassigned or reversed: nothing lost, nothing doubled.
            #expect(unregistered.count == imported.count, "step \(step)")
            #expect(
                assignedTo.values.reduce(0, +) + unassigned + reversed == imported.values.reduce(0, +), "step \(step)")
            var paidTotal: Int64 = 0
            var refundedTotal: Int64 = 0
            for id in BackOfficeMoneyPropertyTests.bookingIds {
                let booking = try #require(ledger.booking(id))
                let paid = booking.paidAmount.minorUnitCount ?? 0
                let refunded = booking.refundedAmount.minorUnitCount ?? 0
                let pending = booking.pendingRefundAmount.minorUnitCount ?? 0
                // In every booking: the assigned money is what it was paid, and refunds add up.
                #expect(paid == assignedTo[id, default: 0], "step \(step), \(id)")
                #expect(
                    refunded
                        == booking.refunds.filter { $0.status == .completed }.reduce(0) { $0 + $1.amountMinorUnits })
                #expect(
                    pending == booking.refunds.filter { $0.status == .requested }.reduce(0) { $0 + $1.amountMinorUnits }
                )
                let price = booking.totalPrice.minorUnitCount ?? 0
                #expect(booking.openMinorUnits == price - paid + refunded, "step \(step), \(id)")
                #expect(booking.availableRefundMinorUnits == max(0, paid - refunded - pending - price))
                let overview = booking.overview(today: ledger.today)
                #expect(overview.paidAmount.minorUnitCount == max(0, paid - refunded))
                #expect(
                    overview.openAmount.amount == overview.totalPrice.amount + overview.totalFees.amount
                        - overview.paidAmount.amount)
                paidTotal += paid
                refundedTotal += refunded
            }
            // The negative-balances list, kept up to date by every change, is what a full scan finds.
            let negative = ledger.bookings.filter { $0.openMinorUnits < 0 }.map(\.id).sorted()
            #expect(ledger.negativeBalances().map(\.bookingId) == negative, "step \(step)")
            // In total: what came in and stayed, less what went back, is what the bookings hold.
            #expect(paidTotal == assignedTo.values.reduce(0, +))
            let held = ledger.bookings.reduce(Int64(0)) {
                $0 + ($1.paidAmount.minorUnitCount ?? 0) - ($1.refundedAmount.minorUnitCount ?? 0)
            }
            #expect(held == paidTotal - refundedTotal)
        }
    }

    @Test(arguments: seeds)
    func importsAssignmentsAndRefundsAddUp(seed: UInt64) throws {
        var run = try Run(seed: seed)
        for number in 1...150 {
            try run.step(number)
            try run.checkInvariants(step: number)
        }
        // Every refund that was ever requested was within what its booking had overpaid at the time
        // (checked above as it was made); replaying the journal gives the same state.
        let replayed = try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))),
            journal: run.journal)
        #expect(replayed.bookings == run.ledger.bookings)
        #expect(replayed.unregisteredPayments == run.ledger.unregisteredPayments)
        #expect(replayed.refunds(status: nil) == run.ledger.refunds(status: nil))
        #expect(replayed.negativeBalances() == run.ledger.negativeBalances())
        // The run exercised every kind of step.
        for kind in ["assigned", "unassigned", "requested", "completed"] {
            #expect(run.counts[kind, default: 0] > 0, "seed \(seed): no \(kind)")
        }
    }
}
