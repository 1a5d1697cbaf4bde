import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments bank import --ledger DIR FILE...`: imports camt.053/054 bank files into a
/// ledger as unregistered payments, matching each to the booking its remittance names.
struct BankCommand: Equatable {
    /// What to do.
    enum Action: String, CaseIterable, Equatable {
        /// Import bank files.
        case `import`
    }

    /// The ledger and its today.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action
    /// The bank files.
    var files: [String]
    /// The payment method code of entries that carry none; `nil` means `FI`.
    var methodCode: String?

    /// The command line and help of `bank`.
    static let spec = CommandSpec(
        name: "bank",
        abstract: "Import camt bank statements as unregistered payments, matching them to bookings.",
        operandsUsage: "import FILE ...",
        operandHelp: [
            ("import", "Import the files: camt.053 or camt.054, .001.02 to .001.08, by namespace."),
            ("FILE", "A camt XML file."),
        ],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec(
                "method-code", valueName: "CODE",
                help: "The payment method code of the imported payments (default: FI, bank transfer)."),
        ],
        discussion: """
            Each booked credit entry becomes an unregistered payment, keyed by its bank
            reference; importing a file again changes nothing. A payment whose remittance names
            exactly one booking (its booking reference, its identifier, or an RF creditor
            reference issued for it) is assigned to that booking at once, as a Settled payment
            BTn. Debits and pending entries are skipped; a reversal (RvslInd) of a credit
            reverses the payment whose reference it repeats. Only camt XML is read: a CSV
            export needs a column mapping, which this command does not take yet.

            OUTPUT:
              One line per file and statement, then one line per entry:
                FILE: STATEMENT (VERSION): N received, N assigned, N already known, N skipped,
                  N reversed, N unmatched reversals, N ambiguous
                  received REFERENCE AMOUNT CURRENCY -> BOOKING (PAYMENT) | unassigned
                  ambiguous REFERENCE: BOOKING, BOOKING
                  skipped REFERENCE: REASON
                  reversed REFERENCE
                  unmatched reversal REFERENCE

            EXIT STATUS:
              0  every file was imported
              1  a file was refused (not camt, invalid against its schema, malformed)
              2  usage error, a file or the ledger could not be read, or the journal failed

            EXAMPLES:
              drv-payments bank import --ledger ledger camt053-2026-11-23.xml
              drv-payments bank import --ledger ledger --today 2026-11-24 statements/*.xml
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without an action or without files.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard let first = parsed.operands.first, let action = Action(rawValue: first) else {
            throw parsed.error("'bank' takes an action: import")
        }
        self.action = action
        files = Array(parsed.operands.dropFirst())
        guard !files.isEmpty else { throw parsed.error("'bank import' needs at least one FILE") }
        methodCode = parsed.values["method-code"]
        if methodCode?.isEmpty == true { throw parsed.error("option '--method-code' needs a code") }
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation, action: Action = .import, files: [String], methodCode: String? = nil) {
        self.ledger = ledger
        self.action = action
        self.files = files
        self.methodCode = methodCode
    }

    /// Imports the files and prints the reports.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.mustExist, in: context)
            defer { ledger.close() }
            var exitCode = ExitCode.success
            for file in files {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    context.output.writeError(InputError(name: file, reason: "cannot be read").diagnostic)
                    exitCode = .failure
                    continue
                }
                let statements: [BankStatement]
                do {
                    statements = try CamtDecoder().decode(data)
                } catch {
                    context.output.writeError(LedgerCommandFailure.line(code: file, text: error.description))
                    if exitCode == .success { exitCode = .rejected }
                    continue
                }
                for statement in statements {
                    let report: BankImportReport
                    do {
                        report = try ledger.importBankStatement(statement, methodCode: methodCode)
                    } catch {
                        throw .refused(error)
                    }
                    context.output.write(Self.describe(report, of: statement, file: file))
                }
            }
            return exitCode
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The text of one statement's report.
    static func describe(_ report: BankImportReport, of statement: BankStatement, file: String) -> String {
        let version = statement.version?.identifier ?? "csv"
        var text =
            "\(file): \(statement.identification) (\(version)): \(report.received.count) received, "
            + "\(report.autoMatched.count) assigned, \(report.alreadyKnown.count) already known, "
            + "\(report.skipped.count) skipped, \(report.reversed.count) reversed, "
            + "\(report.unmatchedReversals.count) unmatched reversals, \(report.ambiguous.count) ambiguous\n"
        for payment in report.received {
            text += "  received \(payment.reference) \(payment.amount.formattedAmount) \(payment.amount.currency.code)"
            if case .assigned(let bookingId, let paymentId) = payment.state {
                text += " -> \(bookingId) (\(paymentId))\n"
            } else {
                text += " unassigned\n"
            }
        }
        for match in report.ambiguous {
            text += "  ambiguous \(match.reference): \(match.bookingIds.map(\.value).joined(separator: ", "))\n"
        }
        for skipped in report.skipped { text += "  skipped \(skipped.reference): \(skipped.reason)\n" }
        for reference in report.reversed { text += "  reversed \(reference)\n" }
        for reference in report.unmatchedReversals { text += "  unmatched reversal \(reference)\n" }
        return text
    }
}
