import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments unregistered list|assign|unassign --ledger DIR ...`: the back office's view of
/// the money that arrived by bank transfer, and its assignment to bookings.
struct UnregisteredCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// List the unregistered payments as a table, CSV or JSON.
        case list(format: ListFormat)
        /// Assign a payment to a booking.
        case assign(reference: String, bookingId: Identifier)
        /// Take a payment off its booking.
        case unassign(reference: String, reason: String)
    }

    /// The ledger and its today.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action

    /// The command line and help of `unregistered`.
    static let spec = CommandSpec(
        name: "unregistered",
        abstract: "List unregistered bank transfers, assign them to bookings or unassign them.",
        operandsUsage: "list | assign REFERENCE BOOKING | unassign REFERENCE",
        operandHelp: [
            ("list", "List every unregistered payment with its state."),
            ("assign", "Assign the payment REFERENCE to BOOKING: a Settled payment BTn of the booking."),
            ("unassign", "Take the payment REFERENCE off its booking (needs --reason)."),
        ],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("csv", help: "list: print CSV with a header line."),
            OptionSpec("json", help: "list: print stable JSON: keys sorted, amounts as strings."),
            OptionSpec("reason", valueName: "TEXT", help: "unassign: why; the booking payment fails with it."),
        ],
        discussion: """
            bank import receives the payments. An assignment may overpay the booking: it then
            shows a negative open amount. Unassigning moves the booking's payment from Settled
            to Failed ("unassigned: TEXT") and leaves the payment unassigned again.

            OUTPUT (list):
              Reference, Date, Amount, Currency, Payer, State, Text; the state is unassigned,
              BOOKING/PAYMENT or reversed.

            EXIT STATUS:
              0  listed, assigned or unassigned
              1  the ledger refused: unknown-unregistered-payment, already-assigned,
                 not-assigned, unregistered-payment-reversed, unknown-booking,
                 currency-mismatch, invalid-status-transition
              2  usage error, or the ledger could not be opened or written

            EXAMPLES:
              drv-payments unregistered list --ledger ledger
              drv-payments unregistered list --ledger ledger --csv > unregistered.csv
              drv-payments unregistered assign --ledger ledger 2026112300012345 7KQ4M2XG
              drv-payments unregistered unassign --ledger ledger 2026112300012345 --reason "wrong booking"
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an unknown action, missing operands or a misplaced option.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        let operands = parsed.operands
        let reason = parsed.values["reason"]
        let csv = parsed.flag("csv")
        let json = parsed.flag("json")
        switch operands.first {
        case "list":
            guard operands.count == 1 else { throw parsed.error("'unregistered list' takes no further operands") }
            guard !(csv && json) else { throw parsed.error("options '--csv' and '--json' exclude each other") }
            guard reason == nil else { throw parsed.error("option '--reason' belongs to 'unassign'") }
            action = .list(format: csv ? .csv : json ? .json : .table)
        case "assign":
            guard operands.count == 3 else { throw parsed.error("'unregistered assign' takes REFERENCE and BOOKING") }
            guard !csv, !json, reason == nil else { throw parsed.error("'unregistered assign' takes no options") }
            action = .assign(reference: operands[1], bookingId: try parsed.identifier(operands[2], for: "BOOKING"))
        case "unassign":
            guard operands.count == 2 else { throw parsed.error("'unregistered unassign' takes one REFERENCE") }
            guard let reason, !reason.isEmpty else {
                throw parsed.error("'unregistered unassign' needs '--reason TEXT'")
            }
            guard !csv, !json else { throw parsed.error("options '--csv' and '--json' belong to 'list'") }
            action = .unassign(reference: operands[1], reason: reason)
        default:
            throw parsed.error("'unregistered' takes an action: list, assign or unassign")
        }
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation, action: Action) {
        self.ledger = ledger
        self.action = action
    }

    /// Lists, assigns or unassigns.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            switch action {
            case .list(let format):
                let ledger = try self.ledger.open(.readOnly, in: context)
                defer { ledger.close() }
                context.output.write(Self.render(ledger.unregisteredPayments, as: format))
            case .assign(let reference, let bookingId):
                let ledger = try self.ledger.open(.mustExist, in: context)
                defer { ledger.close() }
                do {
                    try ledger.assignUnregisteredPayment(reference, to: bookingId)
                } catch {
                    throw .refused(error)
                }
                let state = ledger.unregisteredPayment(reference)?.state
                if case .assigned(_, let paymentId) = state {
                    context.output.write("\(reference) assigned to booking \(bookingId) as payment \(paymentId)\n")
                }
            case .unassign(let reference, let reason):
                let ledger = try self.ledger.open(.mustExist, in: context)
                defer { ledger.close() }
                let booking: LedgerBooking
                do {
                    booking = try ledger.unassignUnregisteredPayment(reference, reason: reason)
                } catch {
                    throw .refused(error)
                }
                context.output.write("\(reference) unassigned from booking \(booking.id)\n")
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The state as the list shows it: `unassigned`, `BOOKING/PAYMENT` or `reversed`.
    static func describe(_ state: UnregisteredPayment.State) -> String {
        switch state {
        case .unassigned: "unassigned"
        case .assigned(let bookingId, let paymentId): "\(bookingId)/\(paymentId)"
        case .reversed: "reversed"
        }
    }

    /// The payments as a table, CSV or JSON.
    static func render(_ payments: [UnregisteredPayment], as format: ListFormat) -> String {
        let rows = payments.map { payment in
            [
                payment.reference, payment.paymentDate.xmlLexicalForm, payment.amount.formattedAmount,
                payment.amount.currency.code, payment.payerName ?? "", describe(payment.state),
                payment.remittanceText,
            ]
        }
        let titles = ["Reference", "Date", "Amount", "Currency", "Payer", "State", "Text"]
        switch format {
        case .table:
            var table = TextTable(titles.enumerated().map { ($0.element, $0.offset == 2 ? .right : .left) })
            for row in rows { table.append(row) }
            return table.render(indent: "")
        case .csv:
            return ListFormat.csv(titles: titles, rows: rows)
        case .json:
            let objects: [JSONValue] = payments.map { payment in
                var object: [String: JSONValue] = [
                    "reference": .string(payment.reference), "source": .string(payment.source),
                    "paymentDate": .string(payment.paymentDate.xmlLexicalForm),
                    "accountingDate": payment.accountingDate.map { .string($0.xmlLexicalForm) } ?? .null,
                    "methodCode": .string(payment.methodCode), "amount": .string(payment.amount.formattedAmount),
                    "currency": .string(payment.amount.currency.code),
                    "remittanceText": .string(payment.remittanceText),
                    "payerName": payment.payerName.map { .string($0) } ?? .null,
                    "payerIBAN": payment.payerIBAN.map { .string($0.value) } ?? .null,
                    "state": .string(describe(payment.state)),
                ]
                if case .assigned(let bookingId, let paymentId) = payment.state {
                    object["bookingId"] = .string(bookingId.value)
                    object["paymentId"] = .string(paymentId.value)
                }
                return .object(object)
            }
            return String(
                decoding: JSONValue.object(["unregisteredPayments": .array(objects)]).encoded(), as: UTF8.self)
        }
    }
}
