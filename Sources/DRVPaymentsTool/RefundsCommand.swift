import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments refunds list --ledger DIR [--all] [--csv|--json|--print]`: the pending-refunds
/// report, as a table, CSV, JSON or a printable HTML page.
struct RefundsCommand: Equatable {
    /// How the list prints: a list format, or the printable page.
    enum Format: Equatable {
        case list(ListFormat)
        case page
    }

    /// The ledger and its today.
    var ledger: LedgerLocation
    /// Every refund (`--all`) rather than the requested ones.
    var all: Bool
    /// How to print.
    var format: Format

    /// The command line and help of `refunds`.
    static let spec = CommandSpec(
        name: "refunds",
        abstract: "List the pending refunds (or all), as a table, CSV, JSON or a printable page.",
        operandsUsage: "list",
        operandHelp: [("list", "List the refunds: by default those requested and not yet paid out.")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("all", help: "List every refund, completed and failed ones too."),
            OptionSpec(
                "print",
                help: "Write the pending-refunds report as a printable HTML page (print it, or save it as PDF)."),
        ] + ListFormat.options,
        discussion: """
            The ledger is only read. Refunds are listed oldest request first, then by booking.

            OUTPUT:
              Requested, Booking, Refund, Status, Seller, Customer, Method, Amount, Currency,
              Reference, Released, Financed, Forced; --print writes a complete HTML document
              (every value escaped, A4 landscape print styles) to standard output.

            EXIT STATUS:
              0  listed
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments refunds list --ledger ledger
              drv-payments refunds list --ledger ledger --print > pending-refunds.html
              drv-payments refunds list --ledger ledger --all --csv > refunds.csv
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without the action `list`, or with two output formats.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands == ["list"] else { throw parsed.error("'refunds' takes the action list") }
        all = parsed.flag("all")
        let list = try ListFormat(parsing: parsed)
        if parsed.flag("print") {
            guard list == .table else { throw parsed.error("option '--print' excludes '--csv' and '--json'") }
            format = .page
        } else {
            format = .list(list)
        }
    }

    /// Prints the refunds.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.readOnly, in: context)
            defer { ledger.close() }
            let rows = ledger.refunds(status: all ? nil : .requested)
            switch format {
            case .list(let list): context.output.write(Self.render(rows, as: list))
            case .page: context.output.write(RefundsPage.html(rows, today: ledger.today, all: all))
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The column titles.
    static let titles = [
        "Requested", "Booking", "Refund", "Status", "Seller", "Customer", "Method", "Amount", "Currency", "Reference",
        "Released", "Financed", "Forced",
    ]

    /// One row's cells, in the order of ``titles``.
    static func cells(_ row: BookingRefund) -> [String] {
        let refund = row.refund
        return [
            refund.requestedOn.xmlLexicalForm, row.booking.id.value, refund.identifier.value, refund.status.rawValue,
            row.booking.seller ?? "", row.booking.customerName ?? "", refund.method.description,
            refund.amount.formattedAmount, refund.amount.currency.code,
            refund.payoutReference ?? refund.reference ?? "",
            row.booking.isReleased ? "yes" : "no", row.booking.isFinanced ? "yes" : "no", refund.forcedReason ?? "",
        ]
    }

    /// The refunds as a table, CSV or JSON.
    static func render(_ rows: [BookingRefund], as format: ListFormat) -> String {
        switch format {
        case .table:
            var table = TextTable(titles.map { ($0, $0 == "Amount" ? .right : .left) })
            for row in rows { table.append(cells(row)) }
            return table.render(indent: "")
        case .csv:
            return ListFormat.csv(titles: titles, rows: rows.map(cells))
        case .json:
            func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
            let objects: [JSONValue] = rows.map { row in
                let refund = row.refund
                return .object([
                    "booking": .string(row.booking.id.value), "refund": .string(refund.identifier.value),
                    "status": .string(refund.status.rawValue),
                    "requestedOn": .string(refund.requestedOn.xmlLexicalForm),
                    "resolvedOn": optional(refund.resolvedOn?.xmlLexicalForm), "seller": optional(row.booking.seller),
                    "customer": optional(row.booking.customerName), "method": .string(refund.method.description),
                    "amount": .string(refund.amount.formattedAmount), "currency": .string(refund.amount.currency.code),
                    "reference": optional(refund.reference), "payoutReference": optional(refund.payoutReference),
                    "failureReason": optional(refund.failureReason), "forcedReason": optional(refund.forcedReason),
                    "inFlight": .bool(refund.isInFlight), "released": .bool(row.booking.isReleased),
                    "financed": .bool(row.booking.isFinanced),
                ])
            }
            return String(decoding: JSONValue.object(["refunds": .array(objects)]).encoded(), as: UTF8.self)
        }
    }
}
