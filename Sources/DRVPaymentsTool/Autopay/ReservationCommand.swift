import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments reservation --ledger DIR BOOKING [--status S] [--channel C] [--term-set T]`:
/// the booking's reservation status, distribution channel and payment term set.
struct ReservationCommand: Equatable {
    /// The ledger.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The new status.
    var status: ReservationStatus?
    /// The new channel.
    var channel: Identifier?
    /// The new term set.
    var termSet: Identifier?

    /// The command line and help of `reservation`.
    static let spec = CommandSpec(
        name: "reservation",
        abstract: "Set or show a booking's reservation status, distribution channel and payment term set.",
        operandsUsage: "BOOKING",
        operandHelp: [("BOOKING", "The booking.")],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec(
                "status", valueName: "STATUS",
                help: "REQUEST, OPTIONAL, PROVISIONAL, DEFINITIVE, CHECKIN, CHECKOUT or CANCELLED."),
            OptionSpec("channel", valueName: "CHANNEL", help: "The distribution channel (see 'channel list')."),
            OptionSpec("term-set", valueName: "TERM-SET", help: "The payment term set (see 'term-set list')."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            The statuses are ordered REQUEST < OPTIONAL < PROVISIONAL < DEFINITIVE < CHECKIN <
            CHECKOUT < CANCELLED; instalment autopay charges PROVISIONAL through CHECKIN. A
            booking without a status set has the one its STRING state maps to (Booked:
            DEFINITIVE, Quoted: REQUEST, Cancelled: CANCELLED). Without options the current
            values are printed.

            EXIT STATUS:
              0  set or shown
              1  refused: unknown-booking
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments reservation --ledger ledger 7KQ4M2XG --status PROVISIONAL --channel WEB --term-set STANDARD
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let first = parsed.operands.first else {
            throw parsed.error("'reservation' takes one BOOKING")
        }
        bookingId = try parsed.identifier(first, for: "BOOKING")
        status = try parsed.choice("status", from: ArgumentValue.choices(ReservationStatus.allCases))
        channel = try parsed.identifier("channel")
        termSet = try parsed.identifier("term-set")
    }

    /// Sets and prints.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let changes = status != nil || channel != nil || termSet != nil
            let ledger = try self.ledger.open(changes ? .mustExist : .readOnly, in: context)
            defer { ledger.close() }
            if changes {
                do {
                    try ledger.setReservation(bookingId, status: status, channel: channel, termSet: termSet)
                } catch {
                    throw .refused(error)
                }
            }
            guard let booking = ledger.booking(bookingId), let data = ledger.autopay(of: bookingId) else {
                throw .refused(ShowCommand.unknownBooking(bookingId))
            }
            context.output.write(
                "booking \(bookingId): \(data.reservationStatus(of: booking).rawValue), channel "
                    + (data.channel?.value ?? "none") + ", term set " + (data.termSet?.value ?? "none") + "\n")
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }
}
