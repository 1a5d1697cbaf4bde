import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// Replays every input the handler and journal fuzz targets ever crashed on, through the same
/// calls as the targets (`Fuzz/Sources/fuzz-handler`, `Fuzz/Sources/fuzz-journal`), so that a
/// fixed crash stays fixed in the normal test suite.
///
/// The inputs live in `Fuzz/Regressions/fuzz-handler/` and `Fuzz/Regressions/fuzz-journal/`;
/// `Fuzz/run.sh` writes a crash input there, and `Fuzz/README.md` says how to keep one. With no
/// inputs the tests pass trivially.
@Suite struct FuzzRegressionTests {
    static let handlerInputs = TestSupport.fuzzRegressionInputs(of: "fuzz-handler")
    static let journalInputs = TestSupport.fuzzRegressionInputs(of: "fuzz-journal")

    @Test func regressionFoldersArePresent() {
        for target in ["fuzz-handler", "fuzz-journal"] {
            #expect(TestSupport.fuzzRegressionFolderExists(target), "Fuzz/Regressions/\(target) is missing")
        }
    }

    /// `fuzz-handler`: a fresh in-memory ledger at 2026-11-23 with the Mallorca booking
    /// SRT-2026-004711 answers the input; the response decodes, and no booking that is not
    /// cancelled holds more paid money than its price plus fees.
    @Test(arguments: handlerInputs)
    func handlerInputIsAnswered(path: String) async throws {
        let today = try LedgerTestKit.date("2026-11-23")
        let ledger = try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(today), bookingReferenceSeed: 4711))
        try ledger.createBooking(try LedgerTestKit.draft(id: "SRT-2026-004711"))
        let fixedNow = Date(timeIntervalSince1970: 1_795_430_400)
        let handler = StringMessageHandler(ledger: ledger, configuration: .init(now: { fixedNow }))

        let handled = await handler.handle(try TestSupport.data(path))

        _ = try StringMessage.decode(from: handled.responseData)
        for booking in ledger.bookings where booking.state != .cancelled {
            #expect(
                booking.paidAmount.amount <= booking.totalPrice.amount + booking.totalFees.amount,
                "booking \(booking.id) holds \(booking.paidAmount) paid for \(booking.totalPrice) plus \(booking.totalFees)"
            )
        }
    }

    /// `fuzz-journal`: the input as `journal.log` (checksums repaired when its first byte is no
    /// frame magic, as the fuzz target does) either is refused with an error or opens, and then
    /// every booking's overview and response payments can be computed.
    @Test(arguments: journalInputs)
    func journalInputOpensOrIsRefused(path: String) throws {
        let today = try LedgerTestKit.date("2027-04-20")
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try TestSupport.data(path)
        try Data(Self.journal(from: input)).write(to: directory.appendingPathComponent(FileJournal.fileName))

        guard
            let ledger = try? Ledger.open(
                directory: directory, configuration: LedgerConfiguration(clock: FixedClock(today)))
        else { return }
        defer { ledger.close() }
        for booking in ledger.bookings {
            _ = booking.overview(today: today)
            _ = booking.responsePayments(today: today)
            _ = booking.expectedPayments(today: today)
        }
    }

    /// The fuzz target's `JournalChecksumRepair`: an input starting with `D` (a format-2 header)
    /// or a frame magic byte (format 1) is the journal as it is; otherwise the rest of the input,
    /// with a leading header's CRC-32C and each complete frame's CRC-32C recomputed.
    static func journal(from input: Data) -> [UInt8] {
        guard let first = input.first else { return [] }
        if first == JournalHeader.magic[0] || first == JournalFrame.commitMagic
            || first == JournalFrame.continuationMagic
        {
            return Array(input)
        }
        var bytes = Array(input.dropFirst())
        var offset = 0
        if bytes.count >= JournalHeader.size, bytes.starts(with: JournalHeader.magic) {
            let crc = bytes.withUnsafeBytes {
                CRC32C.update(0, with: UnsafeRawBufferPointer(rebasing: $0[0..<(JournalHeader.size - 4)]))
            }
            for index in 0..<4 {
                bytes[JournalHeader.size - 4 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index)))
            }
            offset = JournalHeader.size
        }
        while offset + JournalFrame.headerSize <= bytes.count {
            let length =
                Int(bytes[offset + 1]) | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]) << 16
                | Int(bytes[offset + 4]) << 24
            let payloadStart = offset + JournalFrame.headerSize
            guard length <= bytes.count - payloadStart else { break }
            let crc = bytes.withUnsafeBytes { raw in
                CRC32C.update(
                    CRC32C.update(0, with: UnsafeRawBufferPointer(rebasing: raw[(offset + 1)..<(offset + 5)])),
                    with: UnsafeRawBufferPointer(rebasing: raw[payloadStart..<(payloadStart + length)]))
            }
            for index in 0..<4 {
                bytes[offset + 5 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index)))
            }
            offset = payloadStart + length
        }
        return bytes
    }
}
