import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments negative-balances --ledger DIR [--seller S] [--released] [--sort KEY]
/// [--descending] [--csv|--json]`: the bookings that hold more money than they cost.
struct NegativeBalancesCommand: Equatable {
    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The filters and the order.
    var query: NegativeBalanceQuery
    /// Table, CSV or JSON.
    var format: ListFormat

    /// The `--sort` keys as typed, with the query's keys.
    static let sortKeys: [(String, NegativeBalanceQuery.SortKey)] = [
        ("booking", .booking), ("agency", .agency), ("seller", .seller), ("created", .creationDate),
        ("departure", .departureDate), ("amount", .amount),
    ]

    /// The command line and help of `negative-balances`.
    static let spec = CommandSpec(
        name: "negative-balances",
        abstract: "List the bookings holding more money than they cost: the money to return.",
        operandsUsage: "",
        operandHelp: [],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("seller", valueName: "SELLER", help: "Only this seller's bookings (exact match)."),
            OptionSpec("released", help: "Only bookings whose money is released for refund."),
            OptionSpec(
                "sort", valueName: "KEY",
                help: "Order by booking (default), agency, seller, created, departure or amount."),
            OptionSpec("descending", help: "Reverse the order: largest amount, latest date first."),
        ] + ListFormat.options,
        discussion: """
            The ledger is only read. Balance is Paid − Total, the money to return; Total is
            the price (after a cancellation, the charge) plus the fees of the payments that did
            not fail. Bookings equal by the sort key are ordered by booking.

            OUTPUT:
              Booking, Seller, Agency, Created, Departure, Customer, Currency, Total, Paid,
              Balance, Released, Financed, Branch, Account, Comments (the table shows the last
              comment; CSV joins all with " | "; JSON lists them with author and time, and adds
              refunded and pendingRefund). Balance is what is still to return: Paid − refunded
              − Total; requested refunds reserve part of it.

            EXIT STATUS:
              0  listed (also when no booking has a negative balance)
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments negative-balances --ledger ledger
              drv-payments negative-balances --ledger ledger --seller S-42 --released --sort amount --descending
              drv-payments negative-balances --ledger ledger --csv > negative-balances.csv
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for operands, an unknown sort key or both `--csv` and `--json`.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        if let extra = parsed.operands.first {
            throw parsed.error("unexpected argument '\(extra)'; 'negative-balances' takes options only")
        }
        query = NegativeBalanceQuery(
            seller: parsed.values["seller"], releasedOnly: parsed.flag("released"),
            sort: try parsed.choice("sort", from: Self.sortKeys) ?? .booking, descending: parsed.flag("descending"))
        format = try ListFormat(parsing: parsed)
    }

    /// Prints the list.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.readOnly, in: context)
            defer { ledger.close() }
            context.output.write(Self.render(ledger.negativeBalances(query), as: format))
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The rows as a table, CSV or JSON.
    static func render(_ rows: [NegativeBalance], as format: ListFormat) -> String {
        let titles = [
            "Booking", "Seller", "Agency", "Created", "Departure", "Customer", "Currency", "Total", "Paid", "Balance",
            "Released", "Financed", "Branch", "Account", "Comments",
        ]
        func cells(_ row: NegativeBalance, comments: String) -> [String] {
            [
                row.bookingId.value, row.seller ?? "", row.agency ?? "", row.createdOn.xmlLexicalForm,
                row.departureDate.xmlLexicalForm, row.customer ?? "", row.balance.currency.code,
                row.bookingTotal.formattedAmount, row.paidAmount.formattedAmount, row.balance.formattedAmount,
                row.isReleased ? "yes" : "no", row.isFinanced ? "yes" : "no", row.branch ?? "", row.account ?? "",
                comments,
            ]
        }
        switch format {
        case .table:
            let right: Set = [7, 8, 9]
            var table = TextTable(titles.enumerated().map { ($0.element, right.contains($0.offset) ? .right : .left) })
            for row in rows {
                let last = row.comments.last.map { LedgerReport.oneLine($0.text) } ?? ""
                table.append(cells(row, comments: last.count > 40 ? last.prefix(39) + "…" : last))
            }
            return table.render(indent: "")
        case .csv:
            return ListFormat.csv(
                titles: titles,
                rows: rows.map { cells($0, comments: $0.comments.map(\.text).joined(separator: " | ")) })
        case .json:
            func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
            let objects: [JSONValue] = rows.map { row in
                .object([
                    "booking": .string(row.bookingId.value), "seller": optional(row.seller),
                    "agency": optional(row.agency), "createdOn": .string(row.createdOn.xmlLexicalForm),
                    "departureDate": .string(row.departureDate.xmlLexicalForm), "customer": optional(row.customer),
                    "currency": .string(row.balance.currency.code),
                    "bookingTotal": .string(row.bookingTotal.formattedAmount),
                    "paid": .string(row.paidAmount.formattedAmount), "balance": .string(row.balance.formattedAmount),
                    "refunded": .string(row.refundedAmount.formattedAmount),
                    "pendingRefund": .string(row.pendingRefundAmount.formattedAmount),
                    "released": .bool(row.isReleased), "financed": .bool(row.isFinanced),
                    "branch": optional(row.branch), "account": optional(row.account),
                    "state": .string(row.state.rawValue),
                    "comments": .array(
                        row.comments.map { comment in
                            .object([
                                "text": .string(comment.text), "author": .string(comment.stamp.actor.rawValue),
                                "time": .string(HistoryCommand.time(comment.stamp.time)),
                            ])
                        }),
                ])
            }
            return String(decoding: JSONValue.object(["negativeBalances": .array(objects)]).encoded(), as: UTF8.self)
        }
    }
}
