import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments memo --ledger DIR BOOKING [TEXT]`: writes a memo on a booking, or lists them.
struct MemoCommand: Equatable {
    /// The ledger.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The memo's text; `nil` lists the memos.
    var text: String?

    /// The command line and help of `memo`.
    static let spec = CommandSpec(
        name: "memo",
        abstract: "Write a memo on a booking, or list its memos (autopay's failure messages among them).",
        operandsUsage: "BOOKING [TEXT]",
        operandHelp: [("BOOKING", "The booking."), ("TEXT", "The memo; without it the memos are listed.")],
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption],
        discussion: """
            A memo has a kind (note, autopay-failure, autopay-gave-up), its text, who wrote it
            (DRV_PAYMENTS_ACTOR or user:LOGIN) and when. Memos appear in 'history'.

            OUTPUT (list):
              TIME  ACTOR  KIND  TEXT, one line per memo, oldest first.

            EXIT STATUS:
              0  written or listed
              1  refused: unknown-booking, invalid-autopay-data (an empty or over-long text)
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments memo --ledger ledger 7KQ4M2XG "customer asked to charge after payday"
              drv-payments memo --ledger ledger 7KQ4M2XG
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard let first = parsed.operands.first else { throw parsed.error("missing BOOKING") }
        guard parsed.operands.count <= 2 else {
            throw parsed.error("'memo' takes BOOKING and one TEXT; quote the text")
        }
        bookingId = try parsed.identifier(first, for: "BOOKING")
        text = parsed.operands.count == 2 ? parsed.operands[1] : nil
    }

    /// Writes or lists.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(text == nil ? .readOnly : .mustExist, in: context)
            defer { ledger.close() }
            if let text {
                do {
                    try ledger.addMemo(text, to: bookingId)
                } catch {
                    throw .refused(error)
                }
                context.output.write("memo written on booking \(bookingId)\n")
            } else {
                guard let data = ledger.autopay(of: bookingId) else {
                    throw .refused(ShowCommand.unknownBooking(bookingId))
                }
                var table = TextTable([("Time", .left), ("Actor", .left), ("Kind", .left), ("Text", .left)])
                for memo in data.memos {
                    table.append([HistoryCommand.time(memo.time), memo.actor.rawValue, memo.kind.rawValue, memo.text])
                }
                context.output.write(table.render(indent: ""))
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }
}
