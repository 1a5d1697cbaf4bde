import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments find REF --surname NAME --ledger DIR`: the payment page's lookup of a booking by
/// reference and the customer's surname.
struct FindCommand: Equatable {
    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The booking reference as typed.
    var reference: String
    /// The surname as typed.
    var surname: String
    /// Whether to print JSON.
    var json: Bool

    /// The command line and help of `find`.
    static let spec = CommandSpec(
        name: "find",
        abstract: "Find a booking by reference and the customer's surname, as the payment page does.",
        operandsUsage: "REFERENCE",
        operandHelp: [("REFERENCE", "The booking reference (case does not matter).")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec(
                "surname", valueName: "NAME", required: true,
                help: "The customer's surname; case and accents do not matter."),
            OptionSpec("json", help: "Print stable JSON: keys sorted, amounts as strings."),
        ],
        discussion: """
            An unknown reference and a wrong surname give the same answer, so the lookup does
            not tell which references exist. Only booked bookings are found. The ledger is only
            read.

            OUTPUT:
              Booking, customer, departure, currency, total, paid, balance and the next due
              date and amount, one per line.

            EXIT STATUS:
              0  found
              1  no booking with that reference and surname
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments find --ledger ledger 7KQ4M2XG --surname muller
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without exactly one REFERENCE.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let reference = parsed.operands.first else {
            throw parsed.error("'find' takes one REFERENCE")
        }
        self.reference = reference
        surname = parsed.values["surname"] ?? ""
        json = parsed.flag("json")
    }

    /// Looks the booking up and prints it.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        BackOfficeListOptions.reading(ledger, in: context) { ledger in
            guard let booking = ledger.findBooking(reference: reference, surname: surname) else {
                context.output.writeError("\(Tool.name): no booking with that reference and surname\n")
                return .rejected
            }
            let overview = booking.overview(today: ledger.today)
            let fields: [(String, String, String?)] = [
                ("booking", "Booking", booking.id.value), ("customer", "Customer", booking.displayCustomerName),
                ("departureDate", "Departure", booking.departureDate.xmlLexicalForm),
                ("currency", "Currency", booking.currency.code),
                ("total", "Total", booking.totalPrice.formattedAmount),
                ("paid", "Paid", overview.paidAmount.formattedAmount),
                ("balance", "Balance", overview.openAmount.formattedAmount),
                ("nextDueDate", "Next due", overview.nextDue?.dueDate.xmlLexicalForm),
                ("nextDueAmount", "Next amount", overview.nextDue?.amount.formattedAmount),
            ]
            if json {
                var object: [String: JSONValue] = [:]
                for (key, _, value) in fields { object[key] = value.map { .string($0) } ?? .null }
                context.output.write(JSONValue.object(object).encoded())
            } else {
                context.output.write(TextTable(labelled: fields.map { ($0.1 + ":", $0.2 ?? "-") }).render(indent: ""))
            }
            return .success
        }
    }
}
