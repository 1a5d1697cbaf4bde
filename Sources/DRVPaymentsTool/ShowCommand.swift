import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments show --ledger DIR [BOOKING]`: prints a booking's payments, or every booking.
///
/// Nothing changes: the ledger is only read. See ``LedgerReport`` for the text and the JSON.
struct ShowCommand: Equatable {
    /// The ledger and its today (what is due and overdue).
    var ledger: LedgerLocation
    /// The booking; `nil` lists every booking.
    var bookingId: Identifier?
    /// Whether to print JSON instead of text.
    var json = false

    /// The command line and help of `show`.
    static let spec = CommandSpec(
        name: "show",
        abstract: "Print a booking's overview, payments and schedule, or list every booking.",
        operandsUsage: "[BOOKING]",
        operandHelp: [("BOOKING", "The booking's identifier; without it, every booking is listed.")],
        options: [
            LedgerLocation.ledgerOption,
            LedgerLocation.todayOption,
            OptionSpec("json", help: "Print stable JSON: keys sorted, amounts as strings."),
        ],
        discussion: """
            The ledger must exist; it is only read: no lock is taken and nothing is written, so
            show works beside a command that changes the ledger and on a read-only file system.
            Amounts are in the booking currency with its
            minor units (691.20), without the currency code. Card numbers are never printed: a
            card payment shows its card type and last four digits.

            OUTPUT:
              For a BOOKING: the header (Booking, State, Travellers, Departure, Return, Booked
              on, Currency, Collection, Agency, Seller, Branch, Customer, Email, Phone,
              Account, Financed, Release) and the comments, the overview on --today (TotalPrice,
              TotalFees, Paid, Settled, Open, Overdue, NextDue), the payments (ID, Scope, Form,
              Collection, Amount, Fee, Status, Entry, Settlement, Reference, Note) and the
              schedule (ID, Scope, Due, Amount, Allocated, Remaining, State), as aligned tables.
              Without BOOKING: one line per booking (Booking, State, Currency, TotalPrice, Paid,
              Open, Overdue, NextDue).
              With --json: {"booking", "overview", "payments", "schedule", "eventCount",
              "today"} for a BOOKING, {"bookings", "eventCount", "today"} without; absent values
              are null. eventCount grows with every change of the ledger.

            EXIT STATUS:
              0  printed
              1  there is no such booking: drv-payments: unknown-booking: message
              2  usage error, or the ledger does not exist or could not be opened

            EXAMPLES:
              drv-payments show --ledger ledger
              drv-payments show --ledger ledger 7KQ4M2XG --today 2027-05-20
              drv-payments show --ledger ledger 7KQ4M2XG --json | jq -r .overview.open
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for more than one operand or a malformed option.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count <= 1 else {
            throw parsed.error("'show' takes at most one BOOKING, but \(parsed.operands.count) were given")
        }
        bookingId = try parsed.operands.first.map { text throws(UsageError) in
            try parsed.identifier(text, for: "BOOKING")
        }
        json = parsed.flag("json")
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation, bookingId: Identifier? = nil, json: Bool = false) {
        self.ledger = ledger
        self.bookingId = bookingId
        self.json = json
    }

    /// Prints the booking or the list.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: ``ExitCode/success``, ``ExitCode/rejected`` for an unknown booking,
    ///   ``ExitCode/failure`` when the ledger does not exist or cannot be opened.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.readOnly, in: context)
            defer { ledger.close() }
            let today = ledger.today
            guard let bookingId else {
                let bookings = ledger.bookings
                if json {
                    context.output.write(LedgerReport.json(of: bookings, today: today, eventCount: ledger.eventCount))
                } else {
                    context.output.write(LedgerReport.list(bookings, today: today))
                }
                return .success
            }
            guard let booking = ledger.booking(bookingId) else { throw .refused(Self.unknownBooking(bookingId)) }
            if json {
                context.output.write(LedgerReport.json(of: booking, today: today, eventCount: ledger.eventCount))
            } else {
                context.output.write(LedgerReport.text(of: booking, today: today))
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The ledger's refusal for a booking it does not have, as its own operations word it.
    static func unknownBooking(_ id: Identifier) -> LedgerError {
        LedgerError(code: .unknownBooking, message: "there is no booking \(id)", bookingId: id)
    }
}
