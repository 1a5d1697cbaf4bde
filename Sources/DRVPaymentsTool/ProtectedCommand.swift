import PaymentLedger
import XMLCoding

/// `drv-payments protected --ledger DIR [filters]`: customer money held until the travel date,
/// per booking or in totals by departure month or agency.
struct ProtectedCommand: Equatable {
    /// What to print.
    enum View: String, CaseIterable, Equatable {
        /// One row per booking.
        case bookings
        /// Totals by departure month and currency.
        case month
        /// Totals by agency and currency.
        case agency
    }

    /// The ledger and its today (the day the figures are for).
    var ledger: LedgerLocation
    /// Filter, order and page.
    var query: ProtectedMoneyQuery
    /// Bookings or totals.
    var view: View
    /// How to print.
    var format: BackOfficeListOptions.Format

    /// The command line and help of `protected`.
    static let spec = CommandSpec(
        name: "protected",
        abstract: "Show customer money held until the travel date, per booking or in totals.",
        operandsUsage: "",
        operandHelp: [],
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption]
            + BackOfficeListOptions.range("departure", "departures")
            + [
                OptionSpec("agency", valueName: "NUMBER", help: "Only bookings of the agency."),
                OptionSpec("seller", valueName: "NAME", help: "Only bookings of the seller."),
                OptionSpec(
                    "by", valueName: "VIEW",
                    help: "bookings (one row each, the default), month (totals by departure month) or agency."),
            ]
            + BackOfficeListOptions.common(
                sortKeys: ProtectedMoneyQuery.SortKey.allCases.map(\.rawValue), defaultSort: "departure"),
        discussion: """
            A booked booking holds protected money from the day it is paid (recorded, settled
            or confirmed payments, fees included) until its return date (else its departure
            date); the day after, the money is released. Cancelled bookings hold none. The
            totals are what an insolvency protection insurer asks for. The ledger is only read.

            OUTPUT:
              bookings: Booking, Agency, Seller, Customer, Departure, Release, Currency, Protected
              month, agency: Group, Currency, Bookings, Protected (one row per group and currency)

            EXIT STATUS:
              0  printed
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments protected --ledger ledger --by month
              drv-payments protected --ledger ledger --today 2027-01-01 --by agency --csv
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an operand or a malformed value.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.isEmpty else { throw parsed.error("'protected' takes no operands") }
        format = try BackOfficeListOptions.format(parsed)
        view = try parsed.choice("by", from: ArgumentValue.choices(View.allCases)) ?? .bookings
        query = ProtectedMoneyQuery(
            asOf: ledger.today, departure: try BackOfficeListOptions.range("departure", parsed),
            agency: parsed.values["agency"], seller: parsed.values["seller"],
            sort: try BackOfficeListOptions.sort(parsed, default: ProtectedMoneyQuery.SortKey.departure),
            descending: parsed.flag("descending"), paging: try BackOfficeListOptions.paging(parsed))
    }

    /// Prints the bookings or the totals.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        BackOfficeListOptions.reading(ledger, in: context) { ledger in
            var query = self.query
            query.asOf = query.asOf ?? context.today()
            let report = ledger.protectedMoney(query)
            switch view {
            case .bookings:
                BackOfficeListOptions.render(report.bookings, as: format, to: context.output)
            case .month, .agency:
                let totals = view == .month ? report.byDepartureMonth : report.byAgency
                BackOfficeListOptions.render(
                    ListPage(rows: totals, totalCount: totals.count, offset: 0), as: format, to: context.output)
            }
            return .success
        }
    }
}
