import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments mandate store|list|revoke --ledger DIR BOOKING ...`: the SEPA direct debit
/// mandates kept on a booking for direct-debit autopay.
struct MandateCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// Store a mandate.
        case store(DirectDebitMandate)
        /// List the mandates.
        case list
        /// Revoke a mandate.
        case revoke(String)
    }

    /// The ledger.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// What to do.
    var action: Action

    /// The command line and help of `mandate`.
    static let spec = CommandSpec(
        name: "mandate",
        abstract: "Store a SEPA direct debit mandate on a booking for direct-debit autopay, list or revoke them.",
        operandsUsage: "store BOOKING MANDATE-ID | list BOOKING | revoke BOOKING MANDATE-ID",
        operandHelp: [
            ("store", "Store the mandate MANDATE-ID (needs --signed, --debtor, --iban, --creditor-id)."),
            ("list", "List the booking's mandates, IBANs masked."), ("revoke", "Revoke the mandate MANDATE-ID."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("signed", valueName: "YYYY-MM-DD", help: "store: the date of signature."),
            OptionSpec("debtor", valueName: "NAME", help: "store: the debtor's name."),
            OptionSpec("iban", valueName: "IBAN", help: "store: the debtor's IBAN."),
            OptionSpec("bic", valueName: "BIC", help: "store: the debtor's BIC (optional)."),
            OptionSpec("creditor-id", valueName: "ID", help: "store: the creditor identifier the mandate names."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            Direct-debit autopay ('autopay run --kind direct-debit') collects a booking's due
            instalments under its newest mandate signed by the run date, in one pain.008 file
            per run (collections/ in the ledger directory).

            EXIT STATUS:
              0  stored, listed or revoked
              1  refused: unknown-booking, unknown-mandate, invalid-autopay-data
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments mandate store --ledger ledger 7KQ4M2XG MNDT-7KQ4M2XG-1 --signed 2026-11-16 \\
                --debtor "Max Mustermann" --iban DE89370400440532013000 --creditor-id DE98ZZZ09999999999
              drv-payments mandate list --ledger ledger 7KQ4M2XG
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        let operands = parsed.operands
        guard operands.count >= 2 else { throw parsed.error("'mandate' takes an action and a BOOKING") }
        bookingId = try parsed.identifier(operands[1], for: "BOOKING")
        let storeOptions = ["signed", "debtor", "iban", "bic", "creditor-id"]
        switch operands[0] {
        case "store" where operands.count == 3:
            guard let signed = try parsed.date("signed"), let debtor = parsed.values["debtor"],
                let ibanText = parsed.values["iban"], let creditorId = parsed.values["creditor-id"]
            else { throw parsed.error("'mandate store' needs --signed, --debtor, --iban and --creditor-id") }
            guard let iban = IBAN(normalizing: ibanText) else { throw parsed.error("invalid IBAN for '--iban'") }
            var bic: BIC?
            if let text = parsed.values["bic"] {
                guard let value = BIC(text) else { throw parsed.error("invalid BIC '\(text)' for '--bic'") }
                bic = value
            }
            action = .store(
                DirectDebitMandate(
                    id: operands[2], signedOn: signed, debtorName: debtor, iban: iban, bic: bic, creditorId: creditorId)
            )
        case "list" where operands.count == 2, "revoke" where operands.count == 3:
            if let misplaced = storeOptions.first(where: { parsed.values[$0] != nil }) {
                throw parsed.error("option '--\(misplaced)' belongs to 'mandate store'")
            }
            action = operands[0] == "list" ? .list : .revoke(operands[2])
        default:
            throw parsed.error("'mandate' takes: store BOOKING MANDATE-ID, list BOOKING or revoke BOOKING MANDATE-ID")
        }
    }

    /// Stores, lists or revokes.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(action == .list ? .readOnly : .mustExist, in: context)
            defer { ledger.close() }
            switch action {
            case .store(let mandate):
                do {
                    try ledger.storeMandate(mandate, for: bookingId)
                } catch {
                    throw .refused(error)
                }
                context.output.write("mandate \(mandate.id) stored on booking \(bookingId)\n")
            case .list:
                guard let data = ledger.autopay(of: bookingId) else {
                    throw .refused(ShowCommand.unknownBooking(bookingId))
                }
                for mandate in data.mandates {
                    context.output.write(
                        "\(mandate.id): \(mandate.debtorName), \(Self.maskedIBAN(mandate.iban)), signed "
                            + "\(mandate.signedOn.xmlLexicalForm), creditor \(mandate.creditorId)\n")
                }
                if data.mandates.isEmpty { context.output.write("booking \(bookingId) has no mandate\n") }
            case .revoke(let mandateId):
                do {
                    try ledger.revokeMandate(mandateId, of: bookingId)
                } catch {
                    throw .refused(error)
                }
                context.output.write("mandate \(mandateId) revoked on booking \(bookingId)\n")
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// `DE89************3000`: country and check digits and the last four characters.
    static func maskedIBAN(_ iban: IBAN) -> String {
        let text = iban.value
        guard text.count > 8 else { return text }
        return String(text.prefix(4)) + String(repeating: "*", count: text.count - 8) + String(text.suffix(4))
    }
}
