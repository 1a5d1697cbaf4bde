import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments settlements import|list --ledger DIR ...`: the card acquirer's settlement
/// reports, matched to the card payments they pay out.
struct SettlementsCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// Import a settlement report.
        case `import`(file: String, mapping: CSVMappingOptions, report: String?)
        /// List the paid-out card payments.
        case paidOut
        /// List the card payments settled more than `days` days ago and not paid out.
        case unpaidOut(days: Int)
        /// List the report lines recorded as exceptions.
        case exceptions
    }

    /// The ledger and its today.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action
    /// How the lists and the import report print.
    var format: ListOutput.Format

    /// The command line and help of `settlements`.
    static let spec = CommandSpec(
        name: "settlements",
        abstract: "Import card acquirer settlement reports; list payouts, unpaid-out payments, exceptions.",
        operandsUsage: "import FILE | list",
        operandHelp: [
            ("import", "Import the settlement report FILE (CSV; needs a mapping)."),
            ("list", "List the paid-out card payments (or, with options, those not paid out or the exceptions)."),
        ],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption, CSVMappingOptions.fileOption,
            CSVMappingOptions.settingOption,
            OptionSpec("report", valueName: "NAME", help: "import: the report's name (default: the file's name)."),
            OptionSpec("unpaid-out", help: "list: card payments settled and not paid out by the acquirer."),
            OptionSpec("days", valueName: "N", help: "list --unpaid-out: days a payout may take (default 7)."),
            OptionSpec("exceptions", help: "list: the report lines that matched no payment or disagree with it."),
        ] + ListOutput.options,
        discussion: """
            A line is matched to the card payment (CreditCard, collected by the tour
            operator) whose transaction reference, the gateway's capture reference, is the
            line's; the payment must be Settled or Confirmed, and the line's gross amount what
            the card was charged (amount plus fee). The payment then records the payout date,
            the acquirer's fee and the net amount (show, history). Other lines are recorded
            as exceptions: unknown-reference, ambiguous-reference, refund-or-chargeback,
            amount-mismatch, currency-mismatch, invalid-fee, not-settled, already-paid-out.
            Importing a report again changes nothing.

            Mapping keys: transaction-reference, payout-date, gross-amount, fee, net-amount,
            currency, payout-reference (the first three and currency are required).

            \(CSVMappingOptions.help)

            OUTPUT (import):
              FILE: N paid out, N already paid out, N unmatched, N mismatches,
                N already recorded
                paid out REFERENCE -> BOOKING/PAYMENT DATE: NET net, FEE fee CURRENCY
                unmatched|mismatch REFERENCE (line N): REASON: DETAIL
              --csv and --json print one row per line instead.

            OUTPUT (list): one row per payment or exception, as a table, --csv or --json.

            EXIT STATUS:
              0  imported (exceptions included) or listed
              1  the report was refused (malformed CSV, a value that does not parse)
              2  usage error, a bad mapping, a file or the ledger could not be read, or the
                 journal failed

            EXAMPLES:
              drv-payments settlements import --ledger ledger --mapping acquirer.map payouts.csv
              drv-payments settlements list --ledger ledger --unpaid-out --days 5 --csv
              drv-payments settlements list --ledger ledger --exceptions
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an unknown action, a missing file or mapping, or an option
    ///   of the other action.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        format = try ListOutput.format(parsed)
        let operands = parsed.operands
        let mapping = try CSVMappingOptions(parsing: parsed)
        let unpaidOut = parsed.flag("unpaid-out")
        let exceptions = parsed.flag("exceptions")
        let days = parsed.values["days"]
        switch operands.first {
        case "import":
            guard operands.count == 2 else { throw parsed.error("'settlements import' takes one FILE") }
            guard !unpaidOut, !exceptions, days == nil else {
                throw parsed.error("options '--unpaid-out', '--exceptions' and '--days' belong to 'list'")
            }
            guard !mapping.isEmpty else {
                throw parsed.error("'settlements import' needs a column mapping: '--mapping FILE' or '--map KEY=VALUE'")
            }
            let report = parsed.values["report"]
            if report?.isEmpty == true { throw parsed.error("option '--report' needs a name") }
            action = .import(file: operands[1], mapping: mapping, report: report)
        case "list":
            guard operands.count == 1 else { throw parsed.error("'settlements list' takes no further operands") }
            guard mapping.isEmpty, parsed.values["report"] == nil else {
                throw parsed.error("options '--mapping', '--map' and '--report' belong to 'import'")
            }
            guard !(unpaidOut && exceptions) else {
                throw parsed.error("options '--unpaid-out' and '--exceptions' exclude each other")
            }
            if let days {
                guard unpaidOut else { throw parsed.error("option '--days' belongs to '--unpaid-out'") }
                guard let number = Int(days), (0...3650).contains(number) else {
                    throw parsed.error("invalid value '\(days)' for '--days'; expected 0 to 3650")
                }
                action = .unpaidOut(days: number)
            } else {
                action = unpaidOut ? .unpaidOut(days: 7) : exceptions ? .exceptions : .paidOut
            }
        default:
            throw parsed.error("'settlements' takes an action: import or list")
        }
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation, action: Action, format: ListOutput.Format = .table) {
        self.ledger = ledger
        self.action = action
        self.format = format
    }

    /// Imports or lists.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            switch action {
            case .import(let file, let mappingOptions, let reportName):
                let lines: [CardSettlementLine]
                do {
                    let mapping = try mappingOptions.load()
                    let reader = CardSettlementReport(
                        mapping: try mapping.cardSettlementMapping(), format: try mapping.format())
                    let data: Data
                    do {
                        data = try Data(contentsOf: URL(fileURLWithPath: file))
                    } catch {
                        throw InputError(name: file, reason: "cannot be read")
                    }
                    do throws(BankStatementsError) {
                        lines = try reader.read(data)
                    } catch {
                        context.output.writeError(LedgerCommandFailure.line(code: file, text: error.description))
                        return .rejected
                    }
                } catch {
                    return CSVMappingOptions.reportLoadFailure(error, to: context.output)
                }
                let ledger = try self.ledger.open(.mustExist, in: context)
                defer { ledger.close() }
                let name = reportName ?? URL(fileURLWithPath: file).lastPathComponent
                let report: CardSettlementImportReport
                do {
                    report = try ledger.importCardSettlements(lines, report: name)
                } catch {
                    throw .refused(error)
                }
                context.output.write(Self.describe(report, file: file, as: format))
            case .paidOut:
                let ledger = try self.ledger.open(.readOnly, in: context)
                defer { ledger.close() }
                context.output.write(Self.paidOutList(ledger.paidOutCardPayments).render(format, name: "payouts"))
            case .unpaidOut(let days):
                let ledger = try self.ledger.open(.readOnly, in: context)
                defer { ledger.close() }
                let list = Self.unpaidOutList(
                    ledger.cardPaymentsAwaitingPayout(olderThanDays: days), today: ledger.today)
                context.output.write(list.render(format, name: "unpaidOut"))
            case .exceptions:
                let ledger = try self.ledger.open(.readOnly, in: context)
                defer { ledger.close() }
                context.output.write(
                    Self.exceptionList(ledger.cardSettlementExceptions).render(format, name: "exceptions"))
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    // MARK: - Output

    /// The import report: a summary and a line per report line, or one row per line.
    static func describe(_ report: CardSettlementImportReport, file: String, as format: ListOutput.Format) -> String {
        guard format == .table else {
            var list = ListOutput(columns: [
                .init(title: "Result", key: "result"), .init(title: "Reference", key: "reference"),
                .init(title: "Line", key: "line"), .init(title: "Booking", key: "bookingId"),
                .init(title: "Payment", key: "paymentId"), .init(title: "Payout date", key: "payoutDate"),
                .init(title: "Gross", key: "gross", isNumber: true), .init(title: "Fee", key: "fee", isNumber: true),
                .init(title: "Net", key: "net", isNumber: true), .init(title: "Currency", key: "currency"),
                .init(title: "Reason", key: "reason"), .init(title: "Detail", key: "detail"),
            ])
            for match in report.paidOut {
                let payout = match.payout
                list.rows.append([
                    "paid-out", match.transactionReference, nil, match.bookingId.value, match.paymentId.value,
                    payout.payoutDate.xmlLexicalForm, payout.grossAmount?.formattedAmount, payout.fee.formattedAmount,
                    payout.netAmount.formattedAmount, payout.currency.code, nil, nil,
                ])
            }
            for reference in report.alreadyPaidOut {
                list.rows.append(["already-paid-out", reference, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil])
            }
            let exceptions =
                report.unmatched.map { ("unmatched", $0) } + report.mismatches.map { ("mismatch", $0) }
                + report.alreadyRecorded.map { ("already-recorded", $0) }
            for (result, exception) in exceptions {
                list.rows.append(
                    [result, exception.transactionReference, String(exception.line)] + exceptionCells(exception))
            }
            return list.render(format, name: "lines")
        }
        var text =
            "\(file): \(report.paidOut.count) paid out, \(report.alreadyPaidOut.count) already paid out, "
            + "\(report.unmatched.count) unmatched, \(report.mismatches.count) mismatches, "
            + "\(report.alreadyRecorded.count) already recorded\n"
        for match in report.paidOut {
            let payout = match.payout
            text +=
                "  paid out \(match.transactionReference) -> \(match.bookingId)/\(match.paymentId) "
                + "\(payout.payoutDate.xmlLexicalForm): \(payout.netAmount.formattedAmount) net, "
                + "\(payout.fee.formattedAmount) fee \(payout.currency.code)\n"
        }
        for exception in report.unmatched + report.mismatches {
            text +=
                "  \(exception.reason.isMismatch ? "mismatch" : "unmatched") \(exception.transactionReference) "
                + "(line \(exception.line)): \(exception.reason.rawValue): \(exception.detail)\n"
        }
        return text
    }

    /// Booking, payment, payout date, gross, fee, net, currency, reason and detail of an exception.
    private static func exceptionCells(_ exception: CardSettlementException) -> [String?] {
        [
            exception.bookingId?.value, exception.paymentId?.value, exception.payoutDate.xmlLexicalForm,
            exception.grossAmount.formattedAmount, exception.fee.formattedAmount, exception.netAmount.formattedAmount,
            exception.grossAmount.currency.code, exception.reason.rawValue, exception.detail,
        ]
    }

    /// The paid-out card payments.
    static func paidOutList(_ records: [CardPaymentRecord]) -> ListOutput {
        var list = ListOutput(columns: [
            .init(title: "Booking", key: "bookingId"), .init(title: "Payment", key: "paymentId"),
            .init(title: "Reference", key: "reference"), .init(title: "Settled", key: "settlementDate"),
            .init(title: "Payout date", key: "payoutDate"), .init(title: "Gross", key: "gross", isNumber: true),
            .init(title: "Fee", key: "fee", isNumber: true), .init(title: "Net", key: "net", isNumber: true),
            .init(title: "Currency", key: "currency"), .init(title: "Report", key: "report"),
        ])
        for record in records {
            guard let payout = record.payment.acquirerPayout else { continue }
            list.rows.append([
                record.bookingId.value, record.payment.identifier.value, record.payment.transactionReference,
                record.payment.settlementDate?.xmlLexicalForm, payout.payoutDate.xmlLexicalForm,
                payout.grossAmount?.formattedAmount, payout.fee.formattedAmount, payout.netAmount.formattedAmount,
                payout.currency.code, payout.report,
            ])
        }
        return list
    }

    /// The card payments not paid out, with the days since their settlement.
    static func unpaidOutList(_ records: [CardPaymentRecord], today: XMLDate) -> ListOutput {
        var list = ListOutput(columns: [
            .init(title: "Booking", key: "bookingId"), .init(title: "Payment", key: "paymentId"),
            .init(title: "Reference", key: "reference"), .init(title: "Settled", key: "settlementDate"),
            .init(title: "Days", key: "days", isNumber: true), .init(title: "Charged", key: "charged", isNumber: true),
            .init(title: "Currency", key: "currency"),
        ])
        for record in records {
            let payment = record.payment
            let charged = CurrencyAmount(
                minorUnitCount: payment.amountMinorUnits &+ payment.feeMinorUnits, currency: payment.currency)
            list.rows.append([
                record.bookingId.value, payment.identifier.value, payment.transactionReference,
                payment.settlementDate?.xmlLexicalForm,
                payment.settlementDate.map { String(today.daysSinceEpoch - $0.daysSinceEpoch) },
                charged.formattedAmount, payment.currency.code,
            ])
        }
        return list
    }

    /// The report lines recorded as exceptions.
    static func exceptionList(_ exceptions: [CardSettlementException]) -> ListOutput {
        var list = ListOutput(columns: [
            .init(title: "Reference", key: "reference"), .init(title: "Report", key: "report"),
            .init(title: "Line", key: "line", isNumber: true), .init(title: "Booking", key: "bookingId"),
            .init(title: "Payment", key: "paymentId"), .init(title: "Payout date", key: "payoutDate"),
            .init(title: "Gross", key: "gross", isNumber: true), .init(title: "Fee", key: "fee", isNumber: true),
            .init(title: "Net", key: "net", isNumber: true), .init(title: "Currency", key: "currency"),
            .init(title: "Reason", key: "reason"), .init(title: "Detail", key: "detail"),
        ])
        for exception in exceptions {
            list.rows.append(
                [exception.transactionReference, exception.report, String(exception.line)]
                    + exceptionCells(exception))
        }
        return list
    }
}
