import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// The journal never destroys data it does not understand: foreign files, torn tails, holes,
/// flipped bytes, impossible content, readers beside a writer, and format 1 journals.
@Suite("Journal recovery")
struct JournalRecoveryTests {
    typealias Kit = LedgerTestKit

    private func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    private func journalFile(_ directory: URL) -> URL { directory.appendingPathComponent(FileJournal.fileName) }

    private func quarantineFiles(_ directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("journal.log.quarantine-") }
    }

    /// A journal with a booking and four agency payments, closed.
    private func makeLedger(in directory: URL) throws {
        let ledger = try Ledger.open(
            directory: directory,
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))))
        let id = try ledger.createBooking(try Kit.draft(id: "B1")).booking.id
        for number in 1...4 {
            try ledger.enterPayments([Kit.agencyPayment(Identifier("P\(number)") ?? "P", cents: 100_00)], bookingId: id)
        }
        ledger.close()
    }

    private func open(_ directory: URL) throws -> Ledger {
        try Ledger.open(
            directory: directory,
            configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText))))
    }

    @Test func aForeignFileIsRefusedAndLeftAsItIs() throws {
        try withDirectory { directory in
            let text = Data(String(repeating: "Not a journal: just some notes of 108 KB.\n", count: 2_600).utf8)
            try text.write(to: journalFile(directory))
            for attempt in 0..<2 {
                do {
                    _ =
                        attempt == 0
                        ? try FileJournal.open(directory: directory)
                        : try FileJournal.openForReading(directory: directory)
                    Issue.record("a foreign file was opened")
                } catch let error as LedgerJournalError {
                    #expect(error.code == .notAJournal)
                }
            }
            #expect(try Data(contentsOf: journalFile(directory)) == text)
        }
    }

    @Test func aFlippedByteInTheLastRecordIsQuarantinedAndReported() throws {
        try withDirectory { directory in
            try makeLedger(in: directory)
            var bytes = try Data(contentsOf: journalFile(directory))
            let original = bytes
            bytes[bytes.count - 3] ^= 0x10
            try bytes.write(to: journalFile(directory))
            // Read only: reported, not replayed, nothing written.
            let reader = try Ledger.openForReading(directory: directory)
            #expect(reader.journalRecovery != nil)
            #expect(reader.journalRecovery?.quarantineFile == nil)
            #expect(reader.booking("B1")?.payments.count == 3)
            reader.close()
            #expect(try Data(contentsOf: journalFile(directory)) == bytes)
            // For changes: moved to a quarantine file that holds the bytes, and reported.
            let ledger = try open(directory)
            defer { ledger.close() }
            let recovery = try #require(ledger.journalRecovery)
            let quarantine = try #require(recovery.quarantineFile)
            let moved = try Data(contentsOf: quarantine)
            #expect(moved == bytes.suffix(recovery.byteCount))
            #expect(try Data(contentsOf: journalFile(directory)) + moved == bytes)
            #expect(original.count == bytes.count)
            #expect(ledger.booking("B1")?.payments.count == 3)
        }
    }

    @Test func aFlippedByteInAnEarlierRecordIsRefusedAndRepairedOnRequest() throws {
        try withDirectory { directory in
            try makeLedger(in: directory)
            var bytes = try Data(contentsOf: journalFile(directory))
            bytes[JournalHeader.size + 20] ^= 0x10
            try bytes.write(to: journalFile(directory))
            do {
                _ = try open(directory)
                Issue.record("a corrupt journal was opened")
            } catch let error as LedgerError {
                #expect(error.journalError?.code == .corruptJournal)
                #expect(error.journalError?.byteOffset == JournalHeader.size)
            }
            #expect(try Data(contentsOf: journalFile(directory)) == bytes)
            let verification = try FileJournal.verify(directory: directory)
            #expect(verification.damage?.isTornTail == false)
            let recovery = try #require(try FileJournal.repair(directory: directory))
            #expect(recovery.byteOffset == JournalHeader.size)
            #expect(try quarantineFiles(directory).count == 1)
            let ledger = try open(directory)
            defer { ledger.close() }
            #expect(ledger.bookingCount == 0)
        }
    }

    @Test func aHoleBeforeAValidFrameIsATornTail() throws {
        try withDirectory { directory in
            try makeLedger(in: directory)
            let bytes = try Data(contentsOf: journalFile(directory))
            // A change whose first pages never reached the disk, then a frame that did.
            var frames: [UInt8] = []
            JournalFrame.encode(change: [Data("late frame".utf8)], into: &frames)
            let padding = (4096 - bytes.count % 4096) % 4096 + 4096
            let holed = bytes + Data(count: padding) + Data(frames)
            try holed.write(to: journalFile(directory))
            let ledger = try open(directory)
            defer { ledger.close() }
            #expect(ledger.booking("B1")?.payments.count == 4)
            #expect(ledger.journalRecovery?.byteOffset == bytes.count)
            #expect(try Data(contentsOf: journalFile(directory)) == bytes)
        }
    }

    @Test func everyCutOfTheLastChangeOpensAtTheLastCommittedChange() throws {
        try withDirectory { directory in
            try makeLedger(in: directory)
            let bytes = try Data(contentsOf: journalFile(directory))
            let full = try FileJournal.verify(directory: directory)
            #expect(full.damage == nil)
            let copy = directory.appendingPathComponent("copy")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            let lastStart =
                try #require(
                    bytes.withUnsafeBytes { JournalFrame.scan($0, from: JournalHeader.size).records.last?.lowerBound })
                - JournalFrame.headerSize
            for cut in (lastStart + 1)..<bytes.count {
                try bytes.prefix(cut).write(to: journalFile(copy))
                let ledger = try open(copy)
                #expect(ledger.booking("B1")?.payments.count == 3, "cut at \(cut)")
                #expect(ledger.journalRecovery != nil, "cut at \(cut)")
                ledger.close()
            }
        }
    }

    /// A megabyte of frame headers whose lengths all reach the end of the file: scanned in linear
    /// time (the quadratic scan took 20 s for 1 MB), then refused or quarantined.
    @Test(.timeLimit(.minutes(1)))
    func fakeFrameHeadersAreScannedInLinearTime() throws {
        try withDirectory { directory in
            try makeLedger(in: directory)
            var bytes = try Data(contentsOf: journalFile(directory))
            let committed = bytes.count
            let count = 4 << 20
            var fake = [UInt8](repeating: JournalFrame.commitMagic, count: count)
            for index in stride(from: 0, to: count - 9, by: 9) {
                let remaining = UInt32(count - index - 9)
                fake[index + 1] = UInt8(truncatingIfNeeded: remaining)
                fake[index + 2] = UInt8(truncatingIfNeeded: remaining >> 8)
                fake[index + 3] = UInt8(truncatingIfNeeded: remaining >> 16)
                fake[index + 4] = UInt8(truncatingIfNeeded: remaining >> 24)
            }
            fake[0] = 0x00
            bytes.append(contentsOf: fake)
            try bytes.write(to: journalFile(directory))
            let verification = try FileJournal.verify(directory: directory)
            #expect(verification.committedEnd == committed)
            #expect(verification.damage != nil)
        }
    }

    @Test func aReaderWorksBesideAWriterAndWritesNothing() throws {
        try withDirectory { directory in
            try makeLedger(in: directory)
            let writer = try open(directory)
            defer { writer.close() }
            let before = try Data(contentsOf: journalFile(directory))
            let reader = try Ledger.openForReading(directory: directory)
            #expect(reader.booking("B1")?.payments.count == 4)
            do {
                _ = try reader.cancelBooking("B1")
                Issue.record("a read-only ledger took a change")
            } catch let error as LedgerError {
                #expect(error.code == .journalFailure)
                #expect(error.journalError?.code == .readOnly)
            }
            reader.close()
            #expect(try Data(contentsOf: journalFile(directory)) == before)
        }
    }

    /// A record with a correct checksum but an impossible scheduled amount: refused by the
    /// replay with the record's byte offset, instead of trapping later in `expectedPayments`.
    @Test func impossibleContentIsRefusedWithItsOffset() throws {
        try withDirectory { directory in
            var booking = try Ledger(
                configuration: LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)))
            )
            .quote(try Kit.draft(id: "B1"))
            booking.state = .booked
            var schedule = booking.schedule
            schedule[0] = ScheduledPayment(
                scope: schedule[0].scope, dueDate: schedule[0].dueDate,
                amount: CurrencyAmount(amount: Decimal(string: "99999999999999999999") ?? 0, currency: .eur),
                identifier: schedule[0].identifier)
            booking.schedule = schedule
            var bytes = JournalHeader.new().encoded
            JournalFrame.encode(
                change: [LedgerRecordCodec.encode(.bookingCreated(booking, requestDigest: nil))], into: &bytes)
            try Data(bytes).write(to: journalFile(directory))
            do {
                _ = try open(directory)
                Issue.record("an impossible record was replayed")
            } catch let error as LedgerError {
                #expect(error.code == .journalFailure)
                #expect(error.journalError?.byteOffset == JournalHeader.size)
                #expect(error.message.contains("at byte \(JournalHeader.size)"))
            }
        }
    }

    /// A journal of format 1 (no header), as the previous release wrote it, checked in: it
    /// replays, and new changes are appended to it in the same format.
    @Test func aFormatOneJournalStillOpens() throws {
        try withDirectory { directory in
            let fixture = TestSupport.url("Tests/PaymentLedgerTests/Fixtures/journal-format-1.log")
            try FileManager.default.copyItem(at: fixture, to: journalFile(directory))
            let verification = try FileJournal.verify(directory: directory)
            #expect(verification.formatVersion == 1)
            #expect(verification.damage == nil)
            let ledger = try open(directory)
            #expect(ledger.booking("B1")?.payments.map(\.identifier) == ["P1", "P2", "P3", "P4"])
            // Written before the ledger kept services: the booking simply has none.
            #expect(ledger.booking("B1")?.services == [])
            #expect(ledger.booking("B1")?.servicesRecorded == nil)
            #expect(ledger.booking("B1")?.servicesContent == nil)
            try ledger.settlePayment("P1", of: "B1", transactionReference: "AGY")
            ledger.close()
            let again = try open(directory)
            defer { again.close() }
            #expect(again.booking("B1")?.payment("P1")?.status == .settled)
            #expect(try FileJournal.verify(directory: directory).formatVersion == 1)
        }
    }
}

extension JournalRecoveryTests {
    /// A headerless file that starts with a frame's magic byte but holds no valid change is not
    /// taken for a format 1 journal: refused, not quarantined.
    @Test func aFileStartingLikeAFrameIsStillForeign() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = Data([JournalFrame.commitMagic]) + Data("looks like a frame, is not".utf8)
        try bytes.write(to: directory.appendingPathComponent(FileJournal.fileName))
        #expect(throws: LedgerJournalError.self) { try FileJournal.open(directory: directory) }
        #expect(try Data(contentsOf: directory.appendingPathComponent(FileJournal.fileName)) == bytes)
    }
}
