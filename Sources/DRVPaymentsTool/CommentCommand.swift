import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments comment --ledger DIR BOOKING TEXT`: adds a comment to a booking.
struct CommentCommand: Equatable {
    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The comment.
    var text: String

    /// The command line and help of `comment`.
    static let spec = CommandSpec(
        name: "comment",
        abstract: "Add a comment to a booking, stamped with who wrote it and when.",
        operandsUsage: "BOOKING TEXT",
        operandHelp: [
            ("BOOKING", "The booking's identifier."),
            ("TEXT", "The comment: 1 to 2000 characters; quote it as one argument."),
        ],
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption],
        discussion: """
            Comments are kept in the order written and never changed; show BOOKING lists them,
            negative-balances shows them beside each booking. The author is the
            DRV_PAYMENTS_ACTOR environment variable, else user:LOGIN.

            OUTPUT:
              BOOKING: comment N added

            EXIT STATUS:
              0  added
              1  the ledger refused: unknown-booking, invalid-booking-details (empty, too long,
                 or a control character)
              2  usage error, or the ledger could not be opened or written

            EXAMPLES:
              drv-payments comment --ledger ledger 7KQ4M2XG "customer wants the money back by card"
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without exactly BOOKING and TEXT.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 2 else {
            throw parsed.error("'comment' takes BOOKING and TEXT (quote the text as one argument)")
        }
        bookingId = try parsed.identifier(parsed.operands[0], for: "BOOKING")
        text = parsed.operands[1]
    }

    /// Adds the comment.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        ledger.change(in: context) { ledger throws(LedgerError) in
            let booking = try ledger.addComment(text, to: bookingId)
            return "\(booking.id): comment \(booking.comments.count) added"
        }
    }
}
