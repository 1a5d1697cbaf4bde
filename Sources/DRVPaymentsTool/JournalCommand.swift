import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments journal verify|repair --ledger DIR`: checks a ledger's journal without changing
/// it, or moves a damaged part to a quarantine file so that the ledger opens again.
struct JournalCommand: Equatable {
    /// What to do.
    enum Action: String, CaseIterable, Equatable {
        /// Check the journal and its replay, read only.
        case verify
        /// Move the damaged part to quarantine.
        case repair
    }

    /// The ledger.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action

    /// The command line and help of `journal`.
    static let spec = CommandSpec(
        name: "journal",
        abstract: "Verify a ledger's journal, or move a damaged part of it to a quarantine file.",
        operandsUsage: "verify|repair",
        operandHelp: [
            ("verify", "Check the header, every frame's checksum and the replay; change nothing."),
            ("repair", "Move what follows the last committed change to a quarantine file."),
        ],
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption],
        discussion: """
            Only the checksummed prefix of complete changes counts. Opening a ledger for
            changes moves a torn tail (a write a crash cut short, or a hole of pages that never
            reached the disk) to a quarantine file beside the journal by itself and reports it;
            it refuses a damaged frame that committed changes follow, and a file that is not a
            journal. verify shows which case a journal is in; repair moves the damaged part and
            everything after it to journal.log.quarantine-TIME-at-OFFSET, never deleting a byte.

            OUTPUT (verify):
              journal: FILE
              format: N, ledger id: UUID
              committed: N records, N of N bytes
              damage: none | REASON at byte N (N bytes; torn tail | refused)
              replay: N bookings, N events | failed: message

            EXIT STATUS:
              0  verify: the journal is clean and replays; repair: done (or nothing to do)
              1  verify: damage found, or a record does not replay
              2  usage error, no journal, not a journal, or an I/O error

            EXAMPLES:
              drv-payments journal verify --ledger ledger
              drv-payments journal repair --ledger ledger
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without exactly one action.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let action = parsed.operands.first.flatMap(Action.init(rawValue:)) else {
            throw parsed.error("'journal' takes one action: verify or repair")
        }
        self.action = action
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation, action: Action) {
        self.ledger = ledger
        self.action = action
    }

    /// Verifies or repairs.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        let directory = URL(fileURLWithPath: ledger.directory)
        switch action {
        case .verify:
            let verification: JournalVerification
            do {
                verification = try FileJournal.verify(directory: directory)
            } catch {
                return LedgerCommandFailure.refused(
                    LedgerError(code: .journalFailure, message: "\(error)", journalError: error)
                ).report(to: context.output)
            }
            var text = "journal: \(directory.appendingPathComponent(FileJournal.fileName).path)\n"
            text += "format: \(verification.formatVersion)"
            text += verification.ledgerId.map { ", ledger id: \($0.uuidString)" } ?? ", no ledger id (format 1)"
            text += "\ncommitted: \(verification.recordCount) records, \(verification.committedEnd) of "
            text += "\(verification.fileSize) bytes\n"
            var clean = true
            if let damage = verification.damage {
                clean = false
                text += "damage: \(damage.reason) at byte \(damage.damagedFrameOffset) (\(damage.byteCount) bytes "
                text += "from byte \(damage.byteOffset); "
                text += damage.isTornTail ? "a torn tail: opening moves it to quarantine)\n" : "opening refuses it)\n"
            } else {
                text += "damage: none\n"
            }
            if verification.damage?.isTornTail ?? true {
                do {
                    let ledger = try self.ledger.open(.readOnly, in: context)
                    defer { ledger.close() }
                    text += "replay: \(ledger.bookingCount) bookings, \(ledger.eventCount) events\n"
                } catch {
                    clean = false
                    text += "replay: failed: \(error.diagnostic)"
                }
            }
            context.output.write(text)
            return clean ? .success : .rejected
        case .repair:
            do {
                if let recovery = try FileJournal.repair(directory: directory) {
                    context.output.write("\(recovery)\n")
                } else {
                    context.output.write("journal: nothing to repair\n")
                }
                return .success
            } catch {
                return LedgerCommandFailure.refused(
                    LedgerError(code: .journalFailure, message: "\(error)", journalError: error)
                ).report(to: context.output)
            }
        }
    }
}
