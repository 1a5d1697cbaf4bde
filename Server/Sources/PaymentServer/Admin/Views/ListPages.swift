import PaymentLedger
import StringPayments
import XMLCoding

/// The back-office list pages and their CSV forms (the columns of the tool's `--csv`).
enum ListPages {
    /// A page's title and body.
    struct Page: Sendable {
        var title: String
        var body: SafeHTML
    }

    // MARK: Unpaid bookings

    /// - Parameter reminders: The "send balance reminders" form, or nothing without a mail path.
    static func unpaid(_ ledger: Ledger, filters: ListFilters, reminders: SafeHTML = "") -> Page {
        let page = ledger.unpaidBookings(filters.unpaid)
        let form = filterForm(
            action: "/admin/unpaid",
            fields: [
                sellerSelect(ledger, filters),
                AdminHTML.input(name: "agency", label: "Agency", value: filters.text("agency")),
                AdminHTML.input(
                    name: "departureFrom", label: "Departure from", type: "date", value: filters.text("departureFrom")),
                AdminHTML.input(
                    name: "departureTo", label: "Departure to", type: "date", value: filters.text("departureTo")),
                AdminHTML.input(name: "dueFrom", label: "Due from", type: "date", value: filters.text("dueFrom")),
                AdminHTML.input(name: "dueTo", label: "Due to", type: "date", value: filters.text("dueTo")),
                AdminHTML.select(
                    name: "dueKind", label: "Due date of",
                    options: [
                        ("any", "any payment"), ("deposit", "deposit"), ("second-payment", "second payment"),
                        ("rest-payment", "rest payment"),
                    ], selected: filters.text("dueKind") ?? "any"),
                AdminHTML.checkbox(name: "dueNow", label: "Only with money due now", checked: filters.flag("dueNow")),
                sortSelect(UnpaidBookingsQuery.SortKey.allCases.map(\.rawValue), filters, default: "departure"),
            ])
        let rows: [[SafeHTML]] = page.rows.map { row in
            [AdminHTML.bookingLink(row.bookingId.value)] + row.cells.dropFirst().map { .text($0 ?? "") }
        }
        let table = AdminHTML.table(
            caption: "Unpaid bookings (\(page.totalCount))", titles: UnpaidBooking.columns.map(\.title),
            numeric: numericColumns(UnpaidBooking.columns), rows: rows)
        return Page(
            title: "Unpaid bookings",
            body: "\(form)\(csvLink("/admin/unpaid", filters))\(reminders)\(table)")
    }

    /// A form that sends a balance reminder to every booking the current filters select: the
    /// filters go along as hidden fields, so the list reminded is the list shown.
    static func reminderForm(_ filters: ListFilters, csrf: SafeHTML) -> SafeHTML {
        var fields: SafeHTML = ""
        for (name, value) in filters.parameters.sorted(by: { $0.key < $1.key }) where name != "format" {
            fields = "\(fields)<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">"
        }
        return AdminHTML.postForm(
            action: "/admin/unpaid/reminders", csrf: csrf, fields: fields,
            button: "Send balance reminders to this list", className: "reminders")
    }

    static func unpaidCSV(_ ledger: Ledger, filters: ListFilters) -> String {
        BackOfficeCSV.text(ledger.unpaidBookings(filters.unpaid).rows)
    }

    // MARK: Negative balances

    static let negativeTitles = [
        "Booking", "Seller", "Agency", "Created", "Departure", "Customer", "Currency", "Total", "Paid", "Balance",
        "Released", "Financed", "Branch", "Account", "Comments",
    ]

    static func negativeCells(_ row: NegativeBalance, comments: String) -> [String] {
        [
            row.bookingId.value, row.seller ?? "", row.agency ?? "", row.createdOn.xmlLexicalForm,
            row.departureDate.xmlLexicalForm, row.customer ?? "", row.balance.currency.code,
            row.bookingTotal.formattedAmount, row.paidAmount.formattedAmount, row.balance.formattedAmount,
            row.isReleased ? "yes" : "no", row.isFinanced ? "yes" : "no", row.branch ?? "", row.account ?? "",
            comments,
        ]
    }

    static func negativeBalances(_ ledger: Ledger, filters: ListFilters) -> Page {
        let rows = ledger.negativeBalances(filters.negativeBalances)
        let form = filterForm(
            action: "/admin/negative-balances",
            fields: [
                sellerSelect(ledger, filters),
                AdminHTML.checkbox(
                    name: "releasedOnly", label: "Release payment only", checked: filters.flag("releasedOnly")),
                sortSelect(NegativeBalanceQuery.SortKey.allCases.map(\.rawValue), filters, default: "booking"),
            ])
        let cells: [[SafeHTML]] = rows.map { row in
            let last = row.comments.last?.text ?? ""
            return [AdminHTML.bookingLink(row.bookingId.value)]
                + negativeCells(row, comments: last).dropFirst().map { .text($0) }
        }
        let table = AdminHTML.table(
            caption: "Negative balances (\(rows.count))", titles: negativeTitles, numeric: [7, 8, 9], rows: cells)
        return Page(title: "Negative balances", body: "\(form)\(csvLink("/admin/negative-balances", filters))\(table)")
    }

    static func negativeBalancesCSV(_ ledger: Ledger, filters: ListFilters) -> String {
        CSVText.make(
            titles: negativeTitles,
            rows: ledger.negativeBalances(filters.negativeBalances).map {
                negativeCells($0, comments: $0.comments.map(\.text).joined(separator: " | "))
            })
    }

    // MARK: Unregistered payments

    static let unregisteredTitles = ["Reference", "Date", "Amount", "Currency", "Payer", "State", "Text"]

    static func unregisteredCells(_ payment: UnregisteredPayment) -> [String] {
        [
            payment.reference, payment.paymentDate.xmlLexicalForm, payment.amount.formattedAmount,
            payment.amount.currency.code, payment.payerName ?? "", describe(payment.state), payment.remittanceText,
        ]
    }

    static func describe(_ state: UnregisteredPayment.State) -> String {
        switch state {
        case .unassigned: "unassigned"
        case .assigned(let bookingId, let paymentId): "\(bookingId)/\(paymentId)"
        case .reversed: "reversed"
        }
    }

    static func unregistered(_ ledger: Ledger, csrf: SafeHTML) -> Page {
        let payments = ledger.unregisteredPayments
        let rows: [[SafeHTML]] = payments.map { payment in
            var cells = unregisteredCells(payment).map { SafeHTML.text($0) }
            if case .unassigned = payment.state {
                let id = "assign-\(AdminHTML.percentEncoded(payment.reference))"
                let fields: SafeHTML = """
                    <input type="hidden" name="reference" value="\(payment.reference)">\
                    <label for="\(id)">Booking</label><input id="\(id)" name="booking" required size="12">
                    """
                cells.append(
                    AdminHTML.postForm(
                        action: "/admin/unregistered/assign", csrf: csrf, fields: fields, button: "Assign to booking",
                        className: "inline"))
            } else {
                cells.append("")
            }
            return cells
        }
        let table = AdminHTML.table(
            caption: "Unregistered payments (\(payments.count))", titles: unregisteredTitles + ["Assign"], numeric: [2],
            rows: rows)
        return Page(title: "Unregistered payments", body: "\(csvLink("/admin/unregistered", ListFilters([:])))\(table)")
    }

    static func unregisteredCSV(_ ledger: Ledger) -> String {
        CSVText.make(titles: unregisteredTitles, rows: ledger.unregisteredPayments.map(unregisteredCells))
    }

    // MARK: Pending refunds

    static let refundTitles = [
        "Booking", "Refund", "Status", "Requested", "Resolved", "Seller", "Customer", "Method", "Amount", "Currency",
        "Reference", "Released", "Financed", "Forced",
    ]

    static func refundCells(_ row: BookingRefund) -> [String] {
        let refund = row.refund
        return [
            row.booking.id.value, refund.identifier.value, refund.status.rawValue, refund.requestedOn.xmlLexicalForm,
            refund.resolvedOn?.xmlLexicalForm ?? "", row.booking.seller ?? "", row.booking.customerName ?? "",
            refund.method.description, refund.amount.formattedAmount, refund.amount.currency.code,
            refund.payoutReference ?? refund.reference ?? "", row.booking.isReleased ? "yes" : "no",
            row.booking.isFinanced ? "yes" : "no", refund.forcedReason ?? "",
        ]
    }

    static func refunds(_ ledger: Ledger, print: Bool) -> Page {
        let rows = ledger.refunds()
        let cells: [[SafeHTML]] = rows.map { row in
            let values = refundCells(row)
            return [print ? .text(values[0]) : AdminHTML.bookingLink(values[0])] + values.dropFirst().map { .text($0) }
        }
        let table = AdminHTML.table(
            caption: "Pending refunds (\(rows.count))", titles: refundTitles, numeric: [8], rows: cells)
        if print { return Page(title: "Pending refunds", body: table) }
        let links: SafeHTML =
            "<p><a href=\"/admin/refunds?format=csv\">Download CSV</a> · <a href=\"/admin/refunds/print\">Print view</a></p>"
        return Page(title: "Pending refunds", body: "\(links)\(table)")
    }

    static func refundsCSV(_ ledger: Ledger) -> String {
        CSVText.make(titles: refundTitles, rows: ledger.refunds().map(refundCells))
    }

    // MARK: Card settlement exceptions

    static let exceptionTitles = [
        "Reason", "Transaction", "Payout date", "Gross", "Fee", "Net", "Currency", "Booking", "Payment", "Report",
        "Line", "Detail",
    ]

    static func exceptionCells(_ item: CardSettlementException) -> [String] {
        [
            item.reason.rawValue, item.transactionReference, item.payoutDate.xmlLexicalForm,
            item.grossAmount.formattedAmount, item.fee.formattedAmount, item.netAmount.formattedAmount,
            item.grossAmount.currency.code, item.bookingId?.value ?? "", item.paymentId?.value ?? "", item.report,
            String(item.line), item.detail,
        ]
    }

    static func settlementExceptions(_ ledger: Ledger) -> Page {
        let items = ledger.cardSettlementExceptions
        let rows: [[SafeHTML]] = items.map { item in
            let values = exceptionCells(item)
            return values.enumerated().map { index, value in
                index == 7 && !value.isEmpty ? AdminHTML.bookingLink(value) : .text(value)
            }
        }
        let table = AdminHTML.table(
            caption: "Card settlement exceptions (\(items.count))", titles: exceptionTitles, numeric: [3, 4, 5],
            rows: rows)
        let link: SafeHTML = "<p><a href=\"/admin/settlement-exceptions?format=csv\">Download CSV</a></p>"
        return Page(title: "Card settlement exceptions", body: "\(link)\(table)")
    }

    static func settlementExceptionsCSV(_ ledger: Ledger) -> String {
        CSVText.make(titles: exceptionTitles, rows: ledger.cardSettlementExceptions.map(exceptionCells))
    }

    // MARK: Parts

    static func filterForm(action: String, fields: [SafeHTML]) -> SafeHTML {
        let items = SafeHTML.join(fields.map { "<div class=\"field\">\($0)</div>" })
        return
            "<form method=\"get\" action=\"\(action)\" class=\"filters\">\(items)<button type=\"submit\">Filter</button></form>"
    }

    static func sellerSelect(_ ledger: Ledger, _ filters: ListFilters) -> SafeHTML {
        let sellers = Set(ledger.bookings.compactMap(\.seller)).sorted()
        return AdminHTML.select(
            name: "seller", label: "Seller", options: [("", "all sellers")] + sellers.map { ($0, $0) },
            selected: filters.text("seller"))
    }

    static func sortSelect(_ keys: [String], _ filters: ListFilters, default key: String) -> SafeHTML {
        let select = AdminHTML.select(
            name: "sort", label: "Sort by", options: keys.map { ($0, $0) }, selected: filters.text("sort") ?? key)
        let descending = AdminHTML.checkbox(
            name: "descending", label: "Descending", checked: filters.flag("descending"))
        return "\(select) \(descending)"
    }

    static func csvLink(_ path: String, _ filters: ListFilters) -> SafeHTML {
        "<p><a href=\"\(path)?\(filters.csvQuery)\">Download CSV</a></p>"
    }

    static func numericColumns(_ columns: [BackOfficeColumn]) -> Set<Int> {
        Set(columns.enumerated().filter { $0.element.isNumeric }.map(\.offset))
    }
}
