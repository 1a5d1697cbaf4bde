import BankStatements
import Foundation
@testable import PaymentLedger
import StringPayments
import Testing
import TestSupport
import XMLCoding

/// Unregistered payments: bank statement import, automatic matching, assignment, reversal and
/// their replay.
@Suite struct BankTransferTests {
    typealias Kit = LedgerTestKit

    // MARK: Helpers

    static func makeLedger(journal: (any LedgerJournal)? = nil) throws -> Ledger {
        try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 77),
            journal: journal)
    }

    static func entry(
        _ reference: String, cents: Int64, text: String = "", credit: Bool = true, reversal: Bool = false,
        endToEnd: String? = nil, creditorReference: String? = nil, currency: CurrencyCode = .eur,
        status: EntryStatus = .booked, additionalInformation: String? = nil
    ) -> BankStatementEntry {
        BankStatementEntry(
            bankReference: reference, bankReferenceSource: .entryServicerReference,
            valueDate: XMLDate(year: 2026, month: 11, day: 20), bookingDate: XMLDate(year: 2026, month: 11, day: 21),
            amount: CurrencyAmount(minorUnitCount: cents, currency: currency), creditDebit: credit ? .credit : .debit,
            isReversal: reversal, status: status, remittanceLines: text.isEmpty ? [] : [text],
            creditorReference: creditorReference.map { CreditorReference(reference: $0, typeCode: "SCOR") },
            payerName: "Meyer, Anna", payerIBAN: IBAN("DE89370400440532013000"), endToEndIdentification: endToEnd,
            additionalInformation: additionalInformation)
    }

    static func statement(_ entries: [BankStatementEntry]) -> BankStatement {
        BankStatement(
            kind: .statement, version: CamtVersion(kind: .statement, version: 2),
            decodedAs: CamtVersion(kind: .statement, version: 2), isBestEffort: false, messageIdentification: "M1",
            identification: "S1", creationDateTime: nil, accountIBAN: nil, accountCurrency: .eur, entries: entries)
    }

    /// A ledger with a booking whose identifier the ledger generated (a ``BookingReference``).
    static func ledgerWithBooking(journal: (any LedgerJournal)? = nil) throws -> (Ledger, Identifier) {
        let ledger = try makeLedger(journal: journal)
        let booking = try ledger.createBooking(try Kit.draft()).booking
        #expect(BookingReference(booking.id.description) != nil)
        return (ledger, booking.id)
    }

    static func bankTransfers(of booking: LedgerBooking) -> [LedgerPayment] {
        booking.payments.filter { $0.identifier.description.hasPrefix("BT") }
    }

    // MARK: Import

    @Test func importingTheSameStatementTwiceChangesNothing() throws {
        let (ledger, id) = try Self.ledgerWithBooking()
        let statement = Self.statement([
            Self.entry("R1", cents: 500_00, text: "Anzahlung \(id) Meyer"),
            Self.entry("R2", cents: 250_00, text: "no reference"),
            Self.entry("R3", cents: 80_00, credit: false),
        ])
        let first = try ledger.importBankStatement(statement)
        #expect(first.received.map(\.reference) == ["R1", "R2"])
        #expect(first.autoMatched.map(\.reference) == ["R1"])
        #expect(first.skippedDebits.map(\.reference) == ["R3"])
        let events = ledger.eventCount
        let payments = ledger.unregisteredPayments
        let bookings = ledger.bookings
        let second = try ledger.importBankStatement(statement)
        #expect(second.received.isEmpty)
        #expect(second.autoMatched.isEmpty)
        #expect(second.alreadyKnown == ["R1", "R2"])
        #expect(ledger.eventCount == events)
        #expect(ledger.unregisteredPayments == payments)
        #expect(ledger.bookings == bookings)
    }

    @Test func aBookingReferenceInTheRemittanceTextAssignsThePayment() throws {
        let (ledger, id) = try Self.ledgerWithBooking()
        let report = try ledger.importBankStatement(
            Self.statement([Self.entry("R1", cents: 500_00, text: "anzahlung \(id.description.lowercased()), danke")]))
        #expect(report.autoMatched == [.init(reference: "R1", bookingId: id, paymentId: "BT1")])
        let payment = try #require(ledger.unregisteredPayment("R1"))
        #expect(payment.state == .assigned(bookingId: id, paymentId: "BT1"))
        #expect(payment.methodCode == "FI")
        #expect(payment.source == "camt.053.001.02")
        #expect(payment.paymentDate == XMLDate(year: 2026, month: 11, day: 20))
        #expect(payment.accountingDate == XMLDate(year: 2026, month: 11, day: 21))
        let booking = try #require(ledger.booking(id))
        let transfer = try #require(booking.payment("BT1"))
        #expect(transfer.status == .settled)
        #expect(transfer.amount == Kit.eur(500_00))
        #expect(transfer.collection == .tourOperator)
        #expect(transfer.formOfPayment == .invoice)
        #expect(transfer.settlementDate == XMLDate(year: 2026, month: 11, day: 20))
        #expect(transfer.transactionReference == "R1")
        #expect(booking.openAmount == Kit.signedEUR(3456_00 - 500_00))
    }

    @Test func aReferenceWithAWrongCheckCharacterMatchesNothing() throws {
        let (ledger, id) = try Self.ledgerWithBooking()
        var text = Array(id.description)
        let alphabet = Array(BookingReference.alphabet)
        let last = try #require(alphabet.firstIndex(of: text[7]))
        text[7] = alphabet[(last + 1) % alphabet.count]
        let report = try ledger.importBankStatement(
            Self.statement([Self.entry("R1", cents: 500_00, text: "Buchung \(String(text))")]))
        #expect(report.autoMatched.isEmpty)
        #expect(ledger.unregisteredPayment("R1")?.state == .unassigned)
    }

    @Test func anRFReferenceWhosePayloadIsABookingAssignsThePayment() throws {
        let ledger = try Self.makeLedger()
        try ledger.createBooking(try Kit.draft(id: "SRT2026004711"))
        try ledger.createBooking(try Kit.draft(id: "SRT2026004712"))
        let structured = try #require(ledger.creditorReference(for: "SRT2026004711"))
        let printed = try #require(ledger.creditorReference(for: "SRT2026004712"))
        #expect(ISO11649.payload(of: structured) == "SRT2026004711")
        #expect(ledger.creditorReference(for: "NOPE") == nil)
        var spaced = ""
        for (offset, character) in printed.enumerated() {
            if offset > 0, offset % 4 == 0 { spaced += " " }
            spaced.append(character)
        }
        let report = try ledger.importBankStatement(
            Self.statement([
                Self.entry("R1", cents: 100_00, creditorReference: structured),
                Self.entry("R2", cents: 200_00, text: "Reise \(spaced)"),
            ]))
        #expect(report.autoMatched.map(\.bookingId) == ["SRT2026004711", "SRT2026004712"])
    }

    @Test func aTransferNamingNoBookingStaysUnassigned() throws {
        let (ledger, _) = try Self.ledgerWithBooking()
        let report = try ledger.importBankStatement(
            Self.statement([Self.entry("R1", cents: 500_00, text: "Reise 2027 Mallorca 12345678")]))
        #expect(report.received.count == 1)
        #expect(report.autoMatched.isEmpty && report.ambiguous.isEmpty)
        #expect(ledger.unregisteredPayments.map(\.state) == [.unassigned])
    }

    @Test func aTransferNamingTwoBookingsStaysUnassignedAndIsReported() throws {
        let ledger = try Self.makeLedger()
        let first = try ledger.createBooking(try Kit.draft()).booking.id
        let second = try ledger.createBooking(try Kit.draft()).booking.id
        let report = try ledger.importBankStatement(
            Self.statement([Self.entry("R1", cents: 500_00, text: "\(first) und \(second)")]))
        #expect(report.ambiguous == [.init(reference: "R1", bookingIds: [first, second])])
        #expect(report.autoMatched.isEmpty)
        #expect(ledger.unregisteredPayment("R1")?.state == .unassigned)
    }

    @Test func debitsAndPendingEntriesAreSkipped() throws {
        let ledger = try Self.makeLedger()
        let report = try ledger.importBankStatement(
            Self.statement([
                Self.entry("D1", cents: 10_00, credit: false),
                Self.entry("P1", cents: 10_00, status: .pending),
                Self.entry("X1", cents: 10_00, reversal: true),
            ]))
        #expect(report.skipped.map(\.reference) == ["D1", "P1", "X1"])
        #expect(report.skippedDebits.map(\.reference) == ["D1"])
        #expect(ledger.unregisteredPayments.isEmpty)
        #expect(ledger.eventCount == 0)
    }

    // MARK: Reversal

    @Test func aReversalOfAnAssignedPaymentFailsTheBookingsPayment() throws {
        let (ledger, id) = try Self.ledgerWithBooking()
        try ledger.importBankStatement(
            Self.statement([
                Self.entry("R1", cents: 500_00, text: "Buchung \(id)", endToEnd: "E2E-1"),
                Self.entry("R2", cents: 70_00, text: "nothing"),
            ]))
        let reversal = Self.statement([
            Self.entry("V1", cents: 500_00, credit: false, reversal: true, endToEnd: "E2E-1"),
            Self.entry("V2", cents: 70_00, credit: false, reversal: true, additionalInformation: "Retoure R2"),
            Self.entry("V3", cents: 99_00, credit: false, reversal: true, endToEnd: "E2E-UNKNOWN"),
        ])
        let report = try ledger.importBankStatement(reversal)
        #expect(report.reversed == ["R1", "R2"])
        #expect(report.unmatchedReversals == ["V3"])
        #expect(ledger.unregisteredPayments.map(\.state) == [.reversed, .reversed])
        let transfer = try #require(ledger.booking(id)?.payment("BT1"))
        #expect(transfer.status == .failed)
        #expect(transfer.failureReason == "reversed by the bank: V1")
        #expect(ledger.booking(id)?.openAmount == Kit.signedEUR(3456_00))
        let again = try ledger.importBankStatement(reversal)
        #expect(again.alreadyReversed == ["R1", "R2"])
        #expect(again.reversed.isEmpty)
    }

    // MARK: Assignment

    @Test func assignAndUnassignByHand() throws {
        let ledger = try Self.makeLedger()
        let first = try ledger.createBooking(try Kit.draft()).booking.id
        let second = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.importBankStatement(Self.statement([Self.entry("R1", cents: 500_00)]))
        var booking = try ledger.assignUnregisteredPayment("R1", to: first)
        #expect(booking.payment("BT1")?.status == .settled)
        booking = try ledger.unassignUnregisteredPayment("R1", reason: "wrong booking")
        #expect(booking.id == first)
        #expect(booking.payment("BT1")?.status == .failed)
        #expect(booking.payment("BT1")?.failureReason == "unassigned: wrong booking")
        #expect(ledger.unregisteredPayment("R1")?.state == .unassigned)
        #expect(try ledger.assignUnregisteredPayment("R1", to: second).payment("BT1")?.status == .settled)
        try ledger.unassignUnregisteredPayment("R1", reason: "back")
        let again = try ledger.assignUnregisteredPayment("R1", to: first)
        #expect(again.payment("BT2")?.status == .settled)
        #expect(ledger.unregisteredPayment("R1")?.state == .assigned(bookingId: first, paymentId: "BT2"))
    }

    @Test func anAssignmentMayOverpayTheBooking() throws {
        let (ledger, id) = try Self.ledgerWithBooking()
        try ledger.importBankStatement(Self.statement([Self.entry("R1", cents: 4000_00)]))
        let booking = try ledger.assignUnregisteredPayment("R1", to: id)
        #expect(booking.openAmount == Kit.signedEUR(3456_00 - 4000_00))
        #expect(booking.refundableAmount == Kit.eur(544_00))
    }

    @Test func refusedAssignmentsChangeNothing() throws {
        let (ledger, id) = try Self.ledgerWithBooking()
        try ledger.importBankStatement(
            Self.statement([
                Self.entry("R1", cents: 100_00), Self.entry("R2", cents: 100_00, currency: .usd),
                Self.entry("R3", cents: 100_00, endToEnd: "E3"),
            ]))
        try ledger.importBankStatement(
            Self.statement([Self.entry("V3", cents: 100_00, credit: false, reversal: true, endToEnd: "E3")]))
        try ledger.assignUnregisteredPayment("R1", to: id)
        let events = ledger.eventCount
        func code(_ operation: () throws -> Void) -> LedgerError.Code? {
            do { try operation() } catch let error as LedgerError { return error.code } catch { return nil }
            return nil
        }
        #expect(code { try ledger.assignUnregisteredPayment("NOPE", to: id) } == .unknownUnregisteredPayment)
        #expect(code { try ledger.unassignUnregisteredPayment("NOPE", reason: "x") } == .unknownUnregisteredPayment)
        #expect(code { try ledger.assignUnregisteredPayment("R1", to: id) } == .alreadyAssigned)
        #expect(code { try ledger.assignUnregisteredPayment("R2", to: id) } == .currencyMismatch)
        #expect(code { try ledger.assignUnregisteredPayment("R2", to: "NOPE") } == .unknownBooking)
        #expect(code { try ledger.unassignUnregisteredPayment("R2", reason: "x") } == .notAssigned)
        #expect(code { try ledger.assignUnregisteredPayment("R3", to: id) } == .unregisteredPaymentReversed)
        #expect(code { try ledger.unassignUnregisteredPayment("R3", reason: "x") } == .unregisteredPaymentReversed)
        try ledger.confirmPayment("BT1", of: id)
        #expect(code { try ledger.unassignUnregisteredPayment("R1", reason: "x") } == .invalidStatusTransition)
        #expect(ledger.eventCount == events + 1)
    }

    // MARK: Replay

    @Test func replayGivesTheSameUnregisteredPaymentsAndBookings() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = LedgerConfiguration(
            clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 77)
        let ledger = try Ledger.open(directory: directory, configuration: configuration)
        let id = try ledger.createBooking(try Kit.draft()).booking.id
        let other = try ledger.createBooking(try Kit.draft()).booking.id
        try ledger.importBankStatement(
            Self.statement([
                Self.entry("R1", cents: 500_00, text: "\(id)", endToEnd: "E1"), Self.entry("R2", cents: 20_00),
                Self.entry("R3", cents: 30_00),
            ]))
        try ledger.assignUnregisteredPayment("R2", to: other)
        try ledger.assignUnregisteredPayment("R3", to: other)
        try ledger.unassignUnregisteredPayment("R3", reason: "typo")
        try ledger.importBankStatement(
            Self.statement([Self.entry("V1", cents: 500_00, credit: false, reversal: true, endToEnd: "E1")]))
        let payments = ledger.unregisteredPayments
        let bookings = ledger.bookings
        let events = ledger.eventCount
        let assigned = LedgerEvent.unregisteredPaymentAssigned(reference: "R2", bookingId: other, paymentId: "BT1")
        #expect(try ledger.history(of: other).contains { $0.event == assigned })
        ledger.journal?.close()
        let reopened = try Ledger.open(directory: directory, configuration: configuration)
        defer { reopened.journal?.close() }
        #expect(reopened.unregisteredPayments == payments)
        #expect(reopened.bookings == bookings)
        #expect(reopened.eventCount == events)
    }

    @Test func replayRefusesInvalidUnregisteredPaymentEvents() throws {
        let received = LedgerEvent.unregisteredPaymentReceived(
            UnregisteredPayment(reference: "R1", source: "csv", paymentDate: try Kit.date("2026-11-20"), amount: Kit.eur(10_00)))
        let cases: [([LedgerEvent], LedgerError.Code)] = [
            ([received, received], .unregisteredPaymentExists),
            ([.unregisteredPaymentAssigned(reference: "R9", bookingId: "B", paymentId: "BT1")], .unknownUnregisteredPayment),
            ([received, .unregisteredPaymentUnassigned(reference: "R1", bookingId: "B", reason: "x")], .notAssigned),
            ([received, .unregisteredPaymentReversed(reference: "R1", bookingId: nil),
              .unregisteredPaymentReversed(reference: "R1", bookingId: nil)], .unregisteredPaymentReversed),
        ]
        for (events, expected) in cases {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let configuration = LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
            let setup = try Ledger.open(directory: directory, configuration: configuration)
            if expected == .unknownUnregisteredPayment || expected == .notAssigned {
                try setup.createBooking(try Kit.draft(id: "B"))
            }
            setup.journal?.close()
            let journal = try FileJournal.open(directory: directory)
            try journal.append(events.map { LedgerRecordCodec.encode($0) })
            journal.close()
            let error = #expect(throws: LedgerError.self) {
                try Ledger.open(directory: directory, configuration: configuration)
            }
            #expect(error?.code == .journalFailure)
            #expect(error?.journalError?.byteOffset != nil)
            #expect(error?.message.contains(expected.rawValue) == true, "\(String(describing: error))")
        }
    }

    @Test func anAssignmentToABookingInAnotherCurrencyIsRefusedOnReplay() throws {
        var state = LedgerState()
        let booking = try Self.makeLedger().createBooking(try Kit.draft(id: "B")).booking
        try state.apply([.bookingCreated(booking, requestDigest: nil)])
        try state.apply([
            .unregisteredPaymentReceived(
                UnregisteredPayment(
                    reference: "R1", source: "csv", paymentDate: try Kit.date("2026-11-20"),
                    amount: CurrencyAmount(minorUnitCount: 10_00, currency: .usd)))
        ])
        #expect(throws: LedgerError.self) {
            try state.apply([.unregisteredPaymentAssigned(reference: "R1", bookingId: "B", paymentId: "BT1")])
        }
        do {
            try state.apply([.unregisteredPaymentAssigned(reference: "R1", bookingId: "B", paymentId: "BT1")])
        } catch {
            #expect(error.code == .currencyMismatch)
        }
    }

    // MARK: Records

    @Test func unregisteredPaymentEventsRoundTrip() throws {
        let rich = UnregisteredPayment(
            reference: "2026112300012345/1", source: "camt.054.001.08", paymentDate: try Kit.date("2026-11-20"),
            accountingDate: try Kit.date("2026-11-21"), methodCode: "GAVEKORT KOMP", amount: Kit.eur(438_00),
            feeType: "COMM", feeAmount: Kit.eur(2_50), remittanceText: "Anzahlung Buchung SRT-4711 Meyer – ü",
            payerName: "Meyer, Anna", payerIBAN: IBAN("DE89370400440532013000"), endToEndIdentification: "E2E-1")
        let minimal = UnregisteredPayment(reference: "R", source: "csv", paymentDate: try Kit.date("2026-11-20"), amount: Kit.eur(1))
        let events: [LedgerEvent] = [
            .unregisteredPaymentReceived(rich), .unregisteredPaymentReceived(minimal),
            .unregisteredPaymentAssigned(reference: "R", bookingId: "B-1", paymentId: "BT1"),
            .unregisteredPaymentUnassigned(reference: "R", bookingId: "B-1", reason: "wrong booking"),
            .unregisteredPaymentReversed(reference: "R", bookingId: "B-1"),
            .unregisteredPaymentReversed(reference: "R", bookingId: nil),
        ]
        for event in events {
            let stamp = AuditStamp(actor: .user("anna"), time: Date(timeIntervalSince1970: 1_795_000_000))
            let decoded = try LedgerRecordCodec.decodeRecord(LedgerRecordCodec.encode(event, stamp: stamp))
            #expect(decoded.event == event)
            #expect(decoded.stamp == stamp)
        }
        #expect(LedgerEvent.unregisteredPaymentReceived(rich).bookingId == nil)
        #expect(LedgerEvent.unregisteredPaymentAssigned(reference: "R", bookingId: "B-1", paymentId: "BT1").bookingId == "B-1")
        var record = Array(LedgerRecordCodec.encode(.unregisteredPaymentReversed(reference: "R", bookingId: nil)))
        record.append(0)
        #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(record)) }
    }

    // MARK: Property

    @Test(arguments: [1, 2, 3, 4, 5])
    func assignedTransfersEqualSettledBankTransferPayments(seed: UInt64) throws {
        var random = ReferenceGenerator(seed: seed)
        let ledger = try Self.makeLedger()
        var ids: [Identifier] = []
        for _ in 0..<4 { ids.append(try ledger.createBooking(try Kit.draft()).booking.id) }
        var next = 0
        for _ in 0..<60 {
            switch random.next(upperBound: 4 as UInt64) {
            case 0:
                var entries: [BankStatementEntry] = []
                for _ in 0..<Int(random.next(upperBound: 4 as UInt64)) {
                    next += 1
                    let named = random.next(upperBound: 3 as UInt64) == 0 ? ids[Int(random.next(upperBound: 4 as UInt64))].description : "x"
                    entries.append(
                        Self.entry("R\(next)", cents: Int64(random.next(upperBound: 100_000 as UInt64)) + 1, text: named, endToEnd: "E\(next)"))
                }
                try ledger.importBankStatement(Self.statement(entries))
            case 1:
                guard next > 0 else { continue }
                let reference = "R\(Int(random.next(upperBound: UInt64(next))) + 1)"
                _ = try? ledger.assignUnregisteredPayment(reference, to: ids[Int(random.next(upperBound: 4 as UInt64))])
            case 2:
                guard next > 0 else { continue }
                _ = try? ledger.unassignUnregisteredPayment("R\(Int(random.next(upperBound: UInt64(next))) + 1)", reason: "r")
            default:
                guard next > 0 else { continue }
                let original = Int(random.next(upperBound: UInt64(next))) + 1
                guard let payment = ledger.unregisteredPayment("R\(original)") else { continue }
                try ledger.importBankStatement(
                    Self.statement([
                        Self.entry("V\(original)", cents: payment.amount.minorUnitCount ?? 0, credit: false, reversal: true, endToEnd: "E\(original)")
                    ]))
            }
        }
        let payments = ledger.unregisteredPayments
        for id in ids {
            let booking = try #require(ledger.booking(id))
            let settled = Self.bankTransfers(of: booking).filter { $0.status == .settled }.map(\.amountMinorUnits).reduce(0, +)
            let assigned = payments.filter { $0.assignedBookingId == id }.compactMap(\.amount.minorUnitCount).reduce(0, +)
            #expect(settled == assigned, "booking \(id)")
        }
        func total(_ selected: [UnregisteredPayment]) -> Int64 { selected.compactMap(\.amount.minorUnitCount).reduce(0, +) }
        let unassigned = total(payments.filter { $0.state == .unassigned })
        let assigned = total(payments.filter { $0.assignedBookingId != nil })
        let reversed = total(payments.filter { $0.state == .reversed })
        #expect(total(payments) == unassigned + assigned + reversed)
        #expect(payments.count == next)
    }
}
