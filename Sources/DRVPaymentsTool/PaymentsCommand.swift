import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments payments list --ledger DIR [filters]`: the payment registration, every payment
/// of every booking.
struct PaymentsCommand: Equatable {
    /// The ledger.
    var ledger: LedgerLocation
    /// Filter, order and page.
    var query: PaymentRegistrationQuery
    /// How to print.
    var format: BackOfficeListOptions.Format

    /// The methods `--method` accepts: each form of payment, and `none`.
    static let methods: [(String, PaymentRegistrationQuery.Method)] =
        FormOfPayment.allCases.map { ($0.rawValue, .form($0)) } + [("none", .none)]

    /// The command line and help of `payments`.
    static let spec = CommandSpec(
        name: "payments",
        abstract: "List the payments of every booking (payment registration).",
        operandsUsage: "list",
        operandHelp: [("list", "List the payments.")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("booking", valueName: "BOOKING", help: "Only the payments of the booking."),
        ]
            + BackOfficeListOptions.range("date", "payments dated (settlement, else entry date)")
            + [
                OptionSpec(
                    "method", valueName: "FORM",
                    help: "Only payments made so: " + methods.map(\.0).joined(separator: ", ") + "."),
                OptionSpec(
                    "status", valueName: "STATUS", repeatable: true,
                    help:
                        "Only payments in the status (repeat for several): Open, Recorded, Settled, Confirmed, Failed."),
                OptionSpec("collection", valueName: "WHO", help: "Only payments collected by Agency or TourOperator."),
                OptionSpec("agency", valueName: "NUMBER", help: "Only payments of the agency's bookings."),
                OptionSpec("seller", valueName: "NAME", help: "Only payments of the seller's bookings."),
            ]
            + BackOfficeListOptions.common(
                sortKeys: PaymentRegistrationQuery.SortKey.allCases.map(\.rawValue), defaultSort: "date"),
        discussion: """
            The ledger is only read. A payment's date is its settlement date, else its entry
            date; an open payment has neither and is left out by a date filter.

            OUTPUT:
              Booking, Payment, Date, Entry date, Settlement date, Method, Status, Collection,
              Scope, Currency, Amount, Fee, Reference, Agency, Seller, Customer.

            EXIT STATUS:
              0  listed
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments payments list --ledger ledger --date-from 2026-11-01 --method Invoice
              drv-payments payments list --ledger ledger --status Settled --status Confirmed --sort amount --csv
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without the action `list` or for a malformed value.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands == ["list"] else { throw parsed.error("'payments' takes an action: list") }
        format = try BackOfficeListOptions.format(parsed)
        var statuses: Set<PaymentStatus> = []
        for text in parsed.list("status") {
            let wanted = ArgumentValue.normalized(text)
            guard let status = PaymentStatus.allCases.first(where: { ArgumentValue.normalized($0.rawValue) == wanted })
            else {
                let accepted = PaymentStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw parsed.error("invalid value '\(text)' for '--status'; expected one of \(accepted)")
            }
            statuses.insert(status)
        }
        query = PaymentRegistrationQuery(
            bookingId: try parsed.identifier("booking"), dates: try BackOfficeListOptions.range("date", parsed),
            method: try parsed.choice("method", from: Self.methods), statuses: statuses,
            collection: try parsed.choice("collection", from: [("Agency", .agency), ("TourOperator", .tourOperator)]),
            agency: parsed.values["agency"], seller: parsed.values["seller"],
            sort: try BackOfficeListOptions.sort(parsed, default: PaymentRegistrationQuery.SortKey.date),
            descending: parsed.flag("descending"), paging: try BackOfficeListOptions.paging(parsed))
    }

    /// Prints the list.
    ///
    /// - Parameter context: Output.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        BackOfficeListOptions.reading(ledger, in: context) { ledger in
            BackOfficeListOptions.render(ledger.registeredPayments(query), as: format, to: context.output)
            return .success
        }
    }
}
