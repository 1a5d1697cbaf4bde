import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments release --ledger DIR BOOKING --on|--off`: records the seller's decision whether
/// the money a booking holds beyond its cost may be paid back.
struct ReleaseCommand: Equatable {
    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// Whether the money is released.
    var released: Bool

    /// The command line and help of `release`.
    static let spec = CommandSpec(
        name: "release",
        abstract: "Release a booking's overpaid money for refund (--on), or withdraw the release (--off).",
        operandsUsage: "BOOKING",
        operandHelp: [("BOOKING", "The booking's identifier.")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("on", help: "Release the money for refund."),
            OptionSpec("off", help: "Withdraw the release: no refund can be requested."),
        ],
        discussion: """
            The decision is the seller's and is stamped with who made it and when (the
            DRV_PAYMENTS_ACTOR environment variable, else user:LOGIN). Only a released booking
            can be refunded; negative-balances --released lists the released ones. Setting the
            decision the booking has already changes nothing.

            OUTPUT:
              BOOKING: released (or: not released), by ACTOR at TIME

            EXIT STATUS:
              0  recorded (or unchanged)
              1  the ledger refused: unknown-booking
              2  usage error, or the ledger could not be opened or written

            EXAMPLES:
              drv-payments release --ledger ledger 7KQ4M2XG --on
              DRV_PAYMENTS_ACTOR=user:anna drv-payments release --ledger ledger 7KQ4M2XG --off
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without exactly one BOOKING and exactly one of `--on` and `--off`.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let text = parsed.operands.first else {
            throw parsed.error("'release' takes one BOOKING")
        }
        bookingId = try parsed.identifier(text, for: "BOOKING")
        switch (parsed.flag("on"), parsed.flag("off")) {
        case (true, false): released = true
        case (false, true): released = false
        default: throw parsed.error("'release' needs exactly one of '--on' and '--off'")
        }
    }

    /// Records the decision and prints it.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        ledger.change(in: context) { ledger throws(LedgerError) in
            let booking = try ledger.setRelease(released, for: bookingId)
            return "\(booking.id): \(LedgerReport.releaseText(of: booking))"
        }
    }
}
