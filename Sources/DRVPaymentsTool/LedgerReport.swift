import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// How the ledger subcommands show bookings and payments: the text of `show`, `book`, `pay`,
/// `settle` and the end of `demo`, and the JSON of `show --json`.
///
/// Amounts are written with exactly their currency's minor units (`691.20`) and without the
/// currency, which the booking header names once. Card numbers never appear: the ledger does not
/// keep them, and a card payment shows its card type and last four digits only.
enum LedgerReport {
    // MARK: Text

    /// Everything about one booking: header, booked services (when it has any), overview,
    /// payments and schedule.
    ///
    /// - Parameters:
    ///   - booking: The booking.
    ///   - today: The day that decides what is due and overdue.
    /// - Returns: The text, sections separated by empty lines, ending in a line feed.
    static func text(of booking: LedgerBooking, today: XMLDate) -> String {
        ([header(of: booking)] + (booking.services.isEmpty ? [] : [services(of: booking)])
            + [overview(of: booking, today: today), payments(of: booking)]
            + (booking.refunds.isEmpty ? [] : [refunds(of: booking)]) + [schedule(of: booking, today: today)])
            .joined(separator: "\n")
    }

    /// The booking header: identifier, state, travellers, dates, currency, collection, agency.
    static func header(of booking: LedgerBooking) -> String {
        var rows: [(String, String)] = [
            ("Booking", booking.id.value),
            ("State", booking.state.rawValue),
            ("Travellers", travellers(of: booking)),
            ("Departure", booking.departureDate.xmlLexicalForm),
            ("Return", booking.returnDate?.xmlLexicalForm ?? "-"),
            ("Booked on", booking.createdOn.xmlLexicalForm),
        ]
        if let cancelled = booking.cancelledOn { rows.append(("Cancelled on", cancelled.xmlLexicalForm)) }
        rows += [("Currency", booking.currency.code), ("Collection", booking.collection.rawValue)]
        if let agency = booking.agency { rows.append(("Agency", agency.agency)) }
        if let seller = booking.seller { rows.append(("Seller", seller)) }
        if let branch = booking.branch { rows.append(("Branch", branch)) }
        if let name = booking.customerName { rows.append(("Customer", name)) }
        if let email = booking.customerEmail { rows.append(("Email", email)) }
        if let phone = booking.customerPhone { rows.append(("Phone", phone)) }
        if let account = booking.account { rows.append(("Account", account)) }
        rows.append(("Financed", booking.isFinanced ? "yes" : "no"))
        rows.append(("Release", releaseText(of: booking)))
        var text = TextTable(labelled: rows).render(indent: "")
        if !booking.comments.isEmpty {
            var table = TextTable([("Time", .left), ("Author", .left), ("Comment", .left)])
            for comment in booking.comments {
                table.append([
                    HistoryCommand.time(comment.stamp.time), comment.stamp.actor.rawValue, oneLine(comment.text),
                ])
            }
            text += "\nComments\n" + table.render()
        }
        return text
    }

    /// `released, by user:anna at 2026-11-23T00:00:00.000Z`, `not released, by …`, or
    /// `not released` when no decision was made.
    static func releaseText(of booking: LedgerBooking) -> String {
        guard let release = booking.release else { return "not released" }
        return (release.isReleased ? "released" : "not released")
            + ", by \(release.stamp.actor) at \(HistoryCommand.time(release.stamp.time))"
    }

    /// Text on one line: line breaks become ` / `.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " / ")
    }

    /// The `Overview on DATE (CURRENCY)` section: TotalPrice, TotalFees, Paid, Settled, Open,
    /// Overdue and NextDue.
    static func overview(of booking: LedgerBooking, today: XMLDate) -> String {
        let overview = booking.overview(today: today)
        var table = TextTable(alignments: [.left, .right, .left])
        for (label, amount) in overviewAmounts(overview) {
            table.append([label, amount, ""])
        }
        if let nextDue = overview.nextDue {
            table.append([
                "NextDue", nextDue.amount.formattedAmount,
                "\(nextDue.paymentScope.rawValue) due \(nextDue.dueDate.xmlLexicalForm)",
            ])
        } else {
            table.append(["NextDue", "-", ""])
        }
        return "Overview on \(today.xmlLexicalForm) (\(booking.currency.code))\n" + table.render()
    }

    /// Every payment as a table, or `(none)`.
    static func payments(of booking: LedgerBooking) -> String {
        guard !booking.payments.isEmpty else { return "Payments\n  (none)\n" }
        var table = TextTable([
            ("ID", .left), ("Scope", .left), ("Form", .left), ("Collection", .left), ("Amount", .right),
            ("Fee", .right), ("Status", .left), ("Entry", .left), ("Settlement", .left), ("Reference", .left),
            ("Note", .left),
        ])
        for payment in booking.payments {
            table.append([
                payment.identifier.value, payment.scope.rawValue, payment.formOfPayment?.rawValue ?? "-",
                payment.collection.rawValue, payment.amount.formattedAmount, payment.fee.formattedAmount,
                payment.status.rawValue, payment.entryDate?.xmlLexicalForm ?? "-",
                payment.settlementDate?.xmlLexicalForm ?? "-", payment.transactionReference ?? "-",
                note(for: payment),
            ])
        }
        return "Payments\n" + table.render()
    }

    /// Every refund as a table: ID, Amount, Method, Status, Requested, Resolved, Reference, Note.
    static func refunds(of booking: LedgerBooking) -> String {
        var table = TextTable([
            ("ID", .left), ("Amount", .right), ("Method", .left), ("Status", .left), ("Requested", .left),
            ("Resolved", .left), ("Reference", .left), ("Note", .left),
        ])
        for refund in booking.refunds {
            var notes: [String] = []
            if refund.isInFlight { notes.append("in flight") }
            if let reason = refund.forcedReason { notes.append("forced: \(reason)") }
            if let reason = refund.failureReason { notes.append(reason) }
            table.append([
                refund.identifier.value, refund.amount.formattedAmount, refund.method.description,
                refund.status.rawValue, refund.requestedOn.xmlLexicalForm, refund.resolvedOn?.xmlLexicalForm ?? "-",
                refund.payoutReference ?? refund.reference ?? "-", notes.isEmpty ? "-" : notes.joined(separator: "; "),
            ])
        }
        return "Refunds\n" + table.render()
    }

    /// The booked services: kind, code, dates, travellers and description, in booking order.
    static func services(of booking: LedgerBooking) -> String {
        var table = TextTable([
            ("Kind", .left), ("Code", .left), ("From", .left), ("To", .left), ("Travellers", .left),
            ("Description", .left),
        ])
        for service in booking.services {
            table.append([
                service.kind, service.code ?? "-", service.startDate?.xmlLexicalForm ?? "-",
                service.endDate?.xmlLexicalForm ?? "-",
                service.travellers.isEmpty ? "all" : service.travellers.map(\.value).joined(separator: " "),
                service.description.isEmpty ? "-" : oneLine(service.description),
            ])
        }
        return "Services\n" + table.render()
    }

    /// The expected payments with the paid money allocated to each.
    static func schedule(of booking: LedgerBooking, today: XMLDate) -> String {
        let expected = booking.expectedPayments(today: today)
        guard !expected.isEmpty else { return "Schedule\n  (none)\n" }
        var table = TextTable([
            ("ID", .left), ("Scope", .left), ("Due", .left), ("Amount", .right), ("Allocated", .right),
            ("Remaining", .right), ("State", .left),
        ])
        for entry in expected {
            table.append([
                entry.scheduled.identifier.value, entry.scheduled.scope.rawValue,
                entry.scheduled.dueDate.xmlLexicalForm, entry.scheduled.amount.formattedAmount,
                entry.allocated.formattedAmount, entry.remaining.formattedAmount, state(of: entry),
            ])
        }
        return "Schedule\n" + table.render()
    }

    /// One line per booking: identifier, state, currency, price, paid, open, overdue, next due date.
    static func list(_ bookings: [LedgerBooking], today: XMLDate) -> String {
        var table = TextTable([
            ("Booking", .left), ("State", .left), ("Currency", .left), ("TotalPrice", .right), ("Paid", .right),
            ("Open", .right), ("Overdue", .right), ("NextDue", .left),
        ])
        for booking in bookings {
            let overview = booking.overview(today: today)
            table.append([
                booking.id.value, booking.state.rawValue, booking.currency.code,
                overview.totalPrice.formattedAmount, overview.paidAmount.formattedAmount,
                overview.openAmount.formattedAmount, overview.overdueAmount.formattedAmount,
                overview.nextDue?.dueDate.xmlLexicalForm ?? "-",
            ])
        }
        return table.render(indent: "")
    }

    /// One payment's status in one line, for `pay`, `settle`, `fail`, `confirm` and `reopen`:
    /// `payment BAL: Failed (card declined); 2764.80 EUR + 41.47 EUR fee by CreditCard,
    /// collected by TourOperator; reference SIM-…`.
    static func statusLine(of payment: LedgerPayment) -> String {
        var line = "payment \(payment.identifier): \(payment.status.rawValue)"
        if payment.isInFlight { line += " (in flight, attempt \(payment.attempt))" }
        if payment.status == .failed, let reason = payment.failureReason { line += " (\(reason))" }
        line += "; \(payment.amount.formattedAmount) \(payment.currency.code)"
        if payment.feeMinorUnits != 0 { line += " + \(payment.fee.formattedAmount) \(payment.currency.code) fee" }
        if let form = payment.formOfPayment { line += " by \(form.rawValue)" }
        line += ", collected by \(payment.collection.rawValue)"
        if let reference = payment.transactionReference { line += "; reference \(reference)" }
        return line + "\n"
    }

    // MARK: JSON

    /// One booking as stable JSON: keys sorted, two-space indentation, amounts as strings.
    ///
    /// - Parameters:
    ///   - booking: The booking.
    ///   - today: The day that decides what is due and overdue.
    ///   - eventCount: The ledger's number of events, which only changes when the ledger does.
    /// - Returns: The JSON, ending in a line feed.
    static func json(of booking: LedgerBooking, today: XMLDate, eventCount: Int) -> Data {
        let overview = booking.overview(today: today)
        var overviewObject = Dictionary(
            uniqueKeysWithValues: overviewAmounts(overview).map { (jsonKey($0.0), JSONValue.string($0.1)) })
        overviewObject["nextDue"] =
            overview.nextDue.map {
                .object([
                    "amount": .string($0.amount.formattedAmount), "dueDate": .string($0.dueDate.xmlLexicalForm),
                    "scope": .string($0.paymentScope.rawValue),
                ])
            } ?? .null
        let root: JSONValue = .object([
            "booking": bookingObject(booking),
            "eventCount": .int(eventCount),
            "overview": .object(overviewObject),
            "payments": .array(booking.payments.map(paymentObject)),
            "refunds": .array(
                booking.refunds.map { refund in
                    .object([
                        "id": .string(refund.identifier.value), "amount": .string(refund.amount.formattedAmount),
                        "method": .string(refund.method.description), "status": .string(refund.status.rawValue),
                        "requestedOn": .string(refund.requestedOn.xmlLexicalForm),
                        "resolvedOn": refund.resolvedOn.map { .string($0.xmlLexicalForm) } ?? .null,
                        "reference": refund.reference.map { .string($0) } ?? .null,
                        "payoutReference": refund.payoutReference.map { .string($0) } ?? .null,
                        "inFlight": .bool(refund.isInFlight),
                    ])
                }),
            "schedule": .array(
                booking.expectedPayments(today: today).map { entry in
                    .object([
                        "id": .string(entry.scheduled.identifier.value),
                        "scope": .string(entry.scheduled.scope.rawValue),
                        "dueDate": .string(entry.scheduled.dueDate.xmlLexicalForm),
                        "amount": .string(entry.scheduled.amount.formattedAmount),
                        "allocated": .string(entry.allocated.formattedAmount),
                        "remaining": .string(entry.remaining.formattedAmount),
                        "state": .string(state(of: entry)),
                    ])
                }),
            "today": .string(today.xmlLexicalForm),
        ])
        return root.encoded()
    }

    /// Every booking as stable JSON, one object per booking with its open and overdue amounts.
    ///
    /// - Parameters:
    ///   - bookings: The bookings.
    ///   - today: The day that decides what is overdue.
    ///   - eventCount: The ledger's number of events.
    /// - Returns: The JSON, ending in a line feed.
    static func json(of bookings: [LedgerBooking], today: XMLDate, eventCount: Int) -> Data {
        let list: [JSONValue] = bookings.map { booking in
            let overview = booking.overview(today: today)
            return .object([
                "id": .string(booking.id.value),
                "state": .string(booking.state.rawValue),
                "currency": .string(booking.currency.code),
                "totalPrice": .string(overview.totalPrice.formattedAmount),
                "paid": .string(overview.paidAmount.formattedAmount),
                "open": .string(overview.openAmount.formattedAmount),
                "overdue": .string(overview.overdueAmount.formattedAmount),
                "nextDueDate": overview.nextDue.map { .string($0.dueDate.xmlLexicalForm) } ?? .null,
            ])
        }
        let root: JSONValue = .object([
            "bookings": .array(list), "eventCount": .int(eventCount), "today": .string(today.xmlLexicalForm),
        ])
        return root.encoded()
    }

    // MARK: Parts

    /// The overview's amounts with their labels, in the order STRING's `PaymentOverview` has them.
    private static func overviewAmounts(_ overview: PaymentOverview) -> [(String, String)] {
        [
            ("TotalPrice", overview.totalPrice.formattedAmount),
            ("TotalFees", overview.totalFees.formattedAmount),
            ("Paid", overview.paidAmount.formattedAmount),
            ("Settled", overview.settledAmount.formattedAmount),
            ("Open", overview.openAmount.formattedAmount),
            ("Overdue", overview.overdueAmount.formattedAmount),
        ]
    }

    /// `TotalPrice` as `totalPrice`.
    private static func jsonKey(_ label: String) -> String {
        label.prefix(1).lowercased() + label.dropFirst()
    }

    /// `Max Mustermann (T1, lead), Erika Mustermann (T2)`, or `-`.
    private static func travellers(of booking: LedgerBooking) -> String {
        guard !booking.travellers.isEmpty else { return "-" }
        return booking.travellers.map { traveller in
            let name = [traveller.prename, traveller.surname].compactMap { $0 }.joined(separator: " ")
            let lead = traveller.identifier == booking.leadTraveller ? ", lead" : ""
            return "\(name) (\(traveller.identifier)\(lead))"
        }.joined(separator: ", ")
    }

    /// `paid`, `part paid`, `overdue` or `open`.
    private static func state(of entry: ExpectedPayment) -> String {
        if entry.remaining.isZero { return "paid" }
        if entry.isOverdue { return "overdue" }
        return entry.allocated.isZero ? "open" : "part paid"
    }

    /// What identifies the payment's instrument without a secret, and why it failed:
    /// `VISA ending 1111`, `voucher TRAVEL-100`, `card declined`.
    private static func note(for payment: LedgerPayment) -> String {
        var parts: [String] = []
        if let instrument = instrument(of: payment) { parts.append(instrument) }
        if payment.status == .failed, let reason = payment.failureReason { parts.append(reason) }
        if let payout = payment.acquirerPayout {
            parts.append(
                "paid out \(payout.payoutDate.xmlLexicalForm): \(payout.netAmount.formattedAmount) net, "
                    + "\(payout.fee.formattedAmount) acquirer fee")
        }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    /// The card type and last four digits, the voucher code, the provider, or the IBAN's last
    /// four characters.
    private static func instrument(of payment: LedgerPayment) -> String? {
        switch payment.specialisation {
        case .creditCard(let card):
            guard let creditCard = card.creditCard else { return card.pciToken == nil ? nil : "card token" }
            let lastFour = creditCard.maskedCardNumber.map { String($0.suffix(4)) }
            return creditCard.cardType + (lastFour.map { " ending \($0)" } ?? "")
        case .voucher(let voucher):
            return "voucher \(voucher.voucherCode)"
        case .directDebit(let debit):
            return "IBAN ending \(String(debit.iban.description.suffix(4)))"
        case .eBanking(let banking):
            return banking.provider
        case .eWallet(let wallet):
            return wallet.provider
        default:
            return nil
        }
    }

    private static func bookingObject(_ booking: LedgerBooking) -> JSONValue {
        .object([
            "id": .string(booking.id.value),
            "state": .string(booking.state.rawValue),
            "currency": .string(booking.currency.code),
            "collection": .string(booking.collection.rawValue),
            "createdOn": .string(booking.createdOn.xmlLexicalForm),
            "cancelledOn": booking.cancelledOn.map { .string($0.xmlLexicalForm) } ?? .null,
            "departureDate": .string(booking.departureDate.xmlLexicalForm),
            "returnDate": booking.returnDate.map { .string($0.xmlLexicalForm) } ?? .null,
            "agency": booking.agency.map { .string($0.agency) } ?? .null,
            "seller": booking.seller.map { .string($0) } ?? .null,
            "branch": booking.branch.map { .string($0) } ?? .null,
            "customerName": booking.customerName.map { .string($0) } ?? .null,
            "customerEmail": booking.customerEmail.map { .string($0) } ?? .null,
            "customerPhone": booking.customerPhone.map { .string($0) } ?? .null,
            "account": booking.account.map { .string($0) } ?? .null,
            "financed": .bool(booking.isFinanced),
            "release": booking.release.map { release in
                .object([
                    "released": .bool(release.isReleased), "actor": .string(release.stamp.actor.rawValue),
                    "time": .string(HistoryCommand.time(release.stamp.time)),
                ])
            } ?? .null,
            "comments": .array(
                booking.comments.map { comment in
                    .object([
                        "text": .string(comment.text), "author": .string(comment.stamp.actor.rawValue),
                        "time": .string(HistoryCommand.time(comment.stamp.time)),
                    ])
                }),
            "leadTraveller": booking.leadTraveller.map { .string($0.value) } ?? .null,
            "travellers": .array(
                booking.travellers.map { traveller in
                    .object([
                        "id": .string(traveller.identifier.value),
                        "prename": traveller.prename.map { .string($0) } ?? .null,
                        "surname": .string(traveller.surname),
                    ])
                }),
        ])
    }

    private static func paymentObject(_ payment: LedgerPayment) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        return .object([
            "id": .string(payment.identifier.value),
            "scope": .string(payment.scope.rawValue),
            "formOfPayment": optional(payment.formOfPayment?.rawValue),
            "collection": .string(payment.collection.rawValue),
            "amount": .string(payment.amount.formattedAmount),
            "fee": .string(payment.fee.formattedAmount),
            "status": .string(payment.status.rawValue),
            "inFlight": .bool(payment.isInFlight),
            "attempt": .int(Int(payment.attempt)),
            "entryDate": optional(payment.entryDate?.xmlLexicalForm),
            "settlementDate": optional(payment.settlementDate?.xmlLexicalForm),
            "reference": optional(payment.transactionReference),
            "authorizationCode": optional(payment.authorizationCode),
            "failureReason": optional(payment.failureReason),
            "instrument": optional(instrument(of: payment)),
            "acquirerPayout": payment.acquirerPayout.map(payoutObject) ?? .null,
        ])
    }

    /// What the card acquirer paid out for a payment, as `show --json` and `settlements list --json`
    /// print it.
    static func payoutObject(_ payout: AcquirerPayout) -> JSONValue {
        .object([
            "payoutDate": .string(payout.payoutDate.xmlLexicalForm),
            "fee": .string(payout.fee.formattedAmount),
            "netAmount": .string(payout.netAmount.formattedAmount),
            "currency": .string(payout.currency.code),
            "payoutReference": payout.payoutReference.map { .string($0) } ?? .null,
            "report": .string(payout.report),
        ])
    }
}

/// A JSON value built in code, so the shape of `show --json` is spelled out in one place.
enum JSONValue: Encodable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .int(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// The value as pretty-printed JSON with sorted keys and a final line feed: equal values give
    /// identical bytes.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Strings, integers, null, arrays and objects always encode.
        var data = (try? encoder.encode(self)) ?? Data("null".utf8)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
