import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments bank import --ledger DIR FILE...`: imports camt.053/054 bank files, or CSV exports
/// with a column mapping, into a ledger as unregistered payments, matching each to the booking its
/// remittance names.
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
    /// How the files are read: camt or CSV; `nil` chooses by extension (`.csv`, `.txt` are CSV).
    var format: FileFormat?
    /// The column mapping of CSV files.
    var mapping: CSVMappingOptions

    /// How a bank file is written.
    enum FileFormat: String, Equatable, CaseIterable {
        /// ISO 20022 camt.053 or camt.054 XML.
        case camt
        /// A CSV export, read with a column mapping.
        case csv
    }

    /// The file in the ledger's directory that lists the accepted payment method codes; without
    /// it, ``BankStatements/PaymentMethodCodes/standard``.
    static let methodCodesFileName = "payment-methods.txt"

    /// The command line and help of `bank`.
    static let spec = CommandSpec(
        name: "bank",
        abstract: "Import bank statements (camt or CSV) as unregistered payments, matching them to bookings.",
        operandsUsage: "import FILE ...",
        operandHelp: [
            ("import", "Import the files: camt.053 or camt.054, .001.02 to .001.08, by namespace; or CSV."),
            ("FILE", "A camt XML file, or a CSV file (.csv, .txt or --format csv) read with the mapping."),
        ],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec(
                "method-code", valueName: "CODE",
                help: "The payment method code of entries that carry none (default: FI, bank transfer)."),
            OptionSpec("format", valueName: "camt|csv", help: "How the files are written (default: by extension)."),
            CSVMappingOptions.fileOption, CSVMappingOptions.settingOption,
        ],
        discussion: """
            Each booked credit entry becomes an unregistered payment, keyed by its bank
            reference; importing a file again changes nothing. A payment whose remittance names
            exactly one booking (its booking reference, its identifier, or an RF creditor
            reference issued for it) is assigned to that booking at once, as a Settled payment
            BTn. Debits and pending entries are skipped; a reversal (RvslInd) of a credit
            reverses the payment whose reference it repeats.

            A CSV export (a bank without camt, a gift-card system) is read with a column
            mapping. Keys: bank-reference, value-date, amount, currency (required),
            booking-date, credit-debit with credit-values and debit-values (else the
            amount's sign), payment-method-code, remittance (repeatable), payer-name,
            payer-iban, fee-amount, fee-type.

            \(CSVMappingOptions.help)

            PAYMENT METHOD CODES:
              Every entry's code (its own, else --method-code, else FI) must be listed in
              DIR/payment-methods.txt (one CODE, two spaces, Name a line); without that
              file: FI (bank transfer), GAVEKORT KOMP (gift card compensation), GAVEKORT
              GEVINST (gift card prize), GAVEKORTFAKT (gift card invoice). A file with an
              unknown code is refused (unknown-payment-method).

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
              1  a file was refused (not camt, invalid against its schema, malformed CSV,
                 an unknown payment method code)
              2  usage error, a bad mapping, a file or the ledger could not be read, or the
                 journal failed

            EXAMPLES:
              drv-payments bank import --ledger ledger camt053-2026-11-23.xml
              drv-payments bank import --ledger ledger --today 2026-11-24 statements/*.xml
              drv-payments bank import --ledger ledger --mapping giftcards.map giftcards.csv
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
        format = try parsed.choice("format", from: ArgumentValue.choices(FileFormat.allCases))
        mapping = try CSVMappingOptions(parsing: parsed)
        if mapping.isEmpty, files.contains(where: { Self.format(of: $0, given: format) == .csv }) {
            throw parsed.error("CSV files need a column mapping: '--mapping FILE' or '--map KEY=VALUE'")
        }
        if !mapping.isEmpty, !files.contains(where: { Self.format(of: $0, given: format) == .csv }) {
            throw parsed.error("options '--mapping' and '--map' are for CSV files")
        }
    }

    /// Creates the command from its settings.
    init(
        ledger: LedgerLocation, action: Action = .import, files: [String], methodCode: String? = nil,
        format: FileFormat? = nil, mapping: CSVMappingOptions = CSVMappingOptions()
    ) {
        self.ledger = ledger
        self.action = action
        self.files = files
        self.methodCode = methodCode
        self.format = format
        self.mapping = mapping
    }

    /// How a file is read: the format given, else CSV for `.csv` and `.txt`, else camt.
    static func format(of file: String, given: FileFormat?) -> FileFormat {
        if let given { return given }
        let suffix = URL(fileURLWithPath: file).pathExtension.lowercased()
        return suffix == "csv" || suffix == "txt" ? .csv : .camt
    }

    /// Imports the files and prints the reports.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let methodCodes: PaymentMethodCodes
            let csv: BankStatementCSV?
            do {
                methodCodes = try loadMethodCodes()
                if let methodCode, !methodCodes.contains(methodCode) {
                    throw BankStatementsError(
                        code: .unknownPaymentMethod,
                        message: "--method-code '\(methodCode)' is not listed "
                            + "(\(methodCodes.methods.map(\.code).joined(separator: ", ")))")
                }
                if mapping.isEmpty {
                    csv = nil
                } else {
                    let settings = try mapping.load()
                    csv = BankStatementCSV(
                        mapping: try settings.bankStatementMapping(), format: try settings.format())
                }
            } catch {
                return CSVMappingOptions.reportLoadFailure(error, to: context.output)
            }
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
                do throws(BankStatementsError) {
                    if Self.format(of: file, given: format) == .csv, let csv {
                        statements = [
                            try csv.read(data, identification: URL(fileURLWithPath: file).lastPathComponent)
                        ]
                    } else {
                        statements = try CamtDecoder().decode(data)
                    }
                    for statement in statements { try methodCodes.check(statement, defaultCode: methodCode) }
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
                    guard !report.directDebitCollections.isEmpty else { continue }
                    // The outcomes of the ledger's own direct-debit collections settle or fail
                    // their payments, with the autopay retry rules.
                    let settings: AutopaySettings
                    do {
                        settings = try self.ledger.autopaySettings()
                    } catch {
                        return error.report(to: context.output)
                    }
                    let collections: DirectDebitStatementReport
                    do {
                        collections = try ledger.applyDirectDebitStatement(statement, settings: settings)
                    } catch {
                        throw .refused(error)
                    }
                    var text = ""
                    for key in collections.settled { text += "direct debit settled: \(key)\n" }
                    for key in collections.returned { text += "direct debit returned: \(key)\n" }
                    context.output.write(text)
                }
            }
            return exitCode
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The ledger directory's list of payment method codes, else the standard list.
    private func loadMethodCodes() throws -> PaymentMethodCodes {
        let url = URL(fileURLWithPath: ledger.directory).appendingPathComponent(Self.methodCodesFileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return .standard }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw InputError(name: url.path, reason: "cannot be read as UTF-8 text")
        }
        do throws(BankStatementsError) {
            return try PaymentMethodCodes(parsing: text)
        } catch {
            var located = error
            located.message = "\(url.path): \(error.message)"
            throw located
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
