import PaymentLedger
import XMLCoding

/// `drv-payments unpaid --ledger DIR [filters]`: the bookings with money owed, with their due
/// dates and amounts.
struct UnpaidCommand: Equatable {
    /// The ledger and its today (the day the list is made for).
    var ledger: LedgerLocation
    /// Filter, order and page.
    var query: UnpaidBookingsQuery
    /// How to print.
    var format: BackOfficeListOptions.Format

    /// The command line and help of `unpaid`.
    static let spec = CommandSpec(
        name: "unpaid",
        abstract: "List the bookings with money owed, with due dates and amounts.",
        operandsUsage: "",
        operandHelp: [],
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption]
            + BackOfficeListOptions.range("departure", "departures")
            + BackOfficeListOptions.range("due", "bookings with a due date (see --due)")
            + [
                OptionSpec(
                    "due", valueName: "KIND",
                    help: "Which due date --due-from/--due-to filter: deposit, second-payment, rest-payment, any "
                        + "(default: any of the three)."),
                OptionSpec("due-now", help: "Only bookings with an amount due by today."),
                OptionSpec("seller", valueName: "NAME", help: "Only bookings of the seller."),
                OptionSpec("agency", valueName: "NUMBER", help: "Only bookings of the agency."),
            ]
            + BackOfficeListOptions.common(
                sortKeys: UnpaidBookingsQuery.SortKey.allCases.map(\.rawValue), defaultSort: "departure"),
        discussion: """
            A booking is unpaid when it is booked (not quoted or cancelled) and its balance
            (price plus fees minus paid) is above zero. The ledger is only read.

            OUTPUT:
              Booking, Seller, Agency, Deposit due, Second due, Rest due, Departure, Customer,
              Currency, Total, Paid, Balance, Due now. Dates are YYYY-MM-DD; amounts have the
              booking currency's minor units. Due now is what the schedule asks for by today
              and is not paid.

            EXIT STATUS:
              0  listed
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments unpaid --ledger ledger --sort seller
              drv-payments unpaid --ledger ledger --departure-from 2027-06-01 --departure-to 2027-06-30 --csv
              drv-payments unpaid --ledger ledger --due rest-payment --due-to 2027-05-15 --due-now
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an operand or a malformed value.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.isEmpty else { throw parsed.error("'unpaid' takes no operands") }
        format = try BackOfficeListOptions.format(parsed)
        query = UnpaidBookingsQuery(
            asOf: ledger.today, departure: try BackOfficeListOptions.range("departure", parsed),
            due: try BackOfficeListOptions.range("due", parsed),
            dueKind: try parsed.choice("due", from: ArgumentValue.choices(UnpaidBookingsQuery.DueKind.allCases))
                ?? .any,
            seller: parsed.values["seller"], agency: parsed.values["agency"], onlyDueNow: parsed.flag("due-now"),
            sort: try BackOfficeListOptions.sort(parsed, default: UnpaidBookingsQuery.SortKey.departure),
            descending: parsed.flag("descending"), paging: try BackOfficeListOptions.paging(parsed))
    }

    /// Prints the list.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        BackOfficeListOptions.reading(ledger, in: context) { ledger in
            var query = self.query
            query.asOf = query.asOf ?? context.today()
            BackOfficeListOptions.render(ledger.unpaidBookings(query), as: format, to: context.output)
            return .success
        }
    }
}
