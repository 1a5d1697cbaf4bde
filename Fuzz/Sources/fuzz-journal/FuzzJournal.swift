import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

private let today: XMLDate = {
    guard let date = XMLDate(xmlLexicalForm: "2027-04-20") else { fatalError("bad fixed date") }
    return date
}()

private let configuration = LedgerConfiguration(clock: FixedClock(today))

/// libFuzzer's entry point: the input as a ledger's `journal.log` (as it is, or with its frames'
/// checksums repaired, see ``JournalChecksumRepair``), replayed by `Ledger.open(directory:)`.
///
/// A refused journal is fine. A crash, trap or hang is a finding. When the journal opens, every
/// booking's overview and response payments are computed, to exercise the replayed values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("drv-fuzz-journal-\(getpid())-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let journal = JournalChecksumRepair.journal(from: UnsafeRawBufferPointer(start: start, count: count))
        try Data(journal).write(to: directory.appendingPathComponent("journal.log"))
    } catch {
        fatalError("cannot prepare the journal directory: \(error)")
    }
    guard let ledger = try? Ledger.open(directory: directory, configuration: configuration) else { return 0 }
    defer { ledger.close() }
    for booking in ledger.bookings {
        _ = booking.overview(today: today)
        _ = booking.responsePayments(today: today)
        _ = booking.expectedPayments(today: today)
        _ = booking.openAmount
    }
    return 0
}
