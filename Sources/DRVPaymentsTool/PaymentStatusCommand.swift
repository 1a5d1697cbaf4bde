import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments settle|fail|confirm|reopen --ledger DIR BOOKING PAYMENT`: moves payments along
/// the STRING status flow, as the tour operator's back office does.
///
/// | Subcommand | Change | Ledger operation |
/// |---|---|---|
/// | `settle` | `Open` or `Recorded` → `Settled` | `Ledger.settlePayment` |
/// | `settle --agency-settlement` | agency-collected `Recorded` → `Settled`, all or none | `Ledger.recordAgencySettlement` |
/// | `fail --reason TEXT` | any but `Confirmed` → `Failed` | `Ledger.failPayment` |
/// | `confirm` | `Settled` → `Confirmed` (final) | `Ledger.confirmPayment` |
/// | `reopen` | `Failed` → `Open` | `Ledger.reopenPayment` |
///
/// One subcommand per change keeps each command line short and its options specific: only
/// `fail` takes `--reason`, only `settle` takes `--reference`.
struct PaymentStatusCommand: Equatable {
    /// The change.
    enum Action: Equatable {
        /// `settle [--reference R]`.
        case settle(reference: String?)
        /// `settle --agency-settlement --reference R`.
        case agencySettlement(reference: String)
        /// `fail --reason R`.
        case fail(reason: String)
        /// `confirm`.
        case confirm
        /// `reopen`.
        case reopen
    }

    /// The ledger and its today (the date of the change).
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The payments: one, or several for an agency settlement.
    var paymentIds: [Identifier]
    /// The change.
    var action: Action

    private static let operandHelp: [(placeholder: String, help: String)] = [
        ("BOOKING", "The booking's identifier."), ("PAYMENT", "The payment's identifier, such as DEP or P1."),
    ]

    private static func exitStatus(_ codes: String) -> String {
        """
        EXIT STATUS:
          0  the payment changed
          1  the ledger refused the change: drv-payments: CODE: message
             (\(codes))
          2  usage error, or the ledger does not exist or could not be opened
        """
    }

    private static let outputText = """
        OUTPUT:
          The payment's status line, then the booking's overview:
            payment DEP: Settled; 691.20 EUR, collected by Agency; reference AGY-2026-11
        """

    /// The command line and help of `settle`.
    static let settleSpec = CommandSpec(
        name: "settle",
        abstract: "Mark payments as received by the tour operator (Settled).",
        operandsUsage: "BOOKING PAYMENT ...",
        operandHelp: operandHelp,
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("reference", valueName: "REFERENCE", help: "The bank's, gateway's or settlement's reference."),
            OptionSpec(
                "agency-settlement",
                help:
                    "The agency passed on money it collected: every PAYMENT Recorded by the agency; needs --reference."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            An Open or Recorded payment becomes Settled on --today. With --agency-settlement,
            one or more payments the agency collected (Recorded) are settled together with the
            settlement's reference, all or none; without it, settle takes one PAYMENT.

            \(outputText)

            \(exitStatus("unknown-booking, unknown-payment, invalid-status-transition, not-agency-collected, ..."))

            EXAMPLES:
              drv-payments settle --ledger ledger 7KQ4M2XG P2 --reference BANK-2027-0042
              drv-payments settle --ledger ledger 7KQ4M2XG DEP --agency-settlement --reference AGY-2026-11
            """)

    /// The command line and help of `fail`.
    static let failSpec = CommandSpec(
        name: "fail",
        abstract: "Mark a payment as failed, with the reason (Failed).",
        operandsUsage: "BOOKING PAYMENT",
        operandHelp: operandHelp,
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec(
                "reason", valueName: "TEXT", required: true, help: "Why the payment failed, such as 'chargeback'."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            Any payment but a Confirmed one becomes Failed; it no longer counts as paid. Enter
            it again with 'drv-payments pay --id PAYMENT', or request it again with
            'drv-payments reopen'.

            \(outputText)

            \(exitStatus("unknown-booking, unknown-payment, invalid-status-transition, ..."))

            EXAMPLES:
              drv-payments fail --ledger ledger 7KQ4M2XG P3 --reason "direct debit returned"
            """)

    /// The command line and help of `confirm`.
    static let confirmSpec = CommandSpec(
        name: "confirm",
        abstract: "Confirm receipt of a settled payment (Confirmed, final).",
        operandsUsage: "BOOKING PAYMENT",
        operandHelp: operandHelp,
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption],
        discussion: """
            A Settled payment becomes Confirmed, which is final.

            \(outputText)

            \(exitStatus("unknown-booking, unknown-payment, invalid-status-transition, ..."))

            EXAMPLES:
              drv-payments confirm --ledger ledger 7KQ4M2XG DEP
            """)

    /// The command line and help of `reopen`.
    static let reopenSpec = CommandSpec(
        name: "reopen",
        abstract: "Request a failed payment again (Open).",
        operandsUsage: "BOOKING PAYMENT",
        operandHelp: operandHelp,
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption],
        discussion: """
            A Failed payment becomes Open again, to be settled later.

            \(outputText)

            \(exitStatus("unknown-booking, unknown-payment, invalid-status-transition, ..."))

            EXAMPLES:
              drv-payments reopen --ledger ledger 7KQ4M2XG P3
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments of `settle`, `fail`, `confirm` or `reopen`.
    /// - Throws: ``UsageError`` without BOOKING and PAYMENT, with several payments outside an
    ///   agency settlement, or with an agency settlement without `--reference`.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        let name = parsed.subcommand.rawValue
        guard let booking = parsed.operands.first else { throw parsed.error("missing BOOKING and PAYMENT to \(name)") }
        bookingId = try parsed.identifier(booking, for: "BOOKING")
        var payments: [Identifier] = []
        for operand in parsed.operands.dropFirst() {
            payments.append(try parsed.identifier(operand, for: "PAYMENT"))
        }
        guard !payments.isEmpty else { throw parsed.error("missing PAYMENT to \(name)") }
        paymentIds = payments
        switch parsed.subcommand {
        case .settle where parsed.flag("agency-settlement"):
            guard let reference = parsed.values["reference"] else {
                throw parsed.error("--agency-settlement needs --reference")
            }
            action = .agencySettlement(reference: reference)
        case .fail:
            action = .fail(reason: parsed.values["reason"] ?? "")
        case .confirm:
            action = .confirm
        case .reopen:
            action = .reopen
        default:
            action = .settle(reference: parsed.values["reference"])
        }
        if case .agencySettlement = action {
            return
        }
        guard payments.count == 1 else {
            throw parsed.error(
                "'\(name)' takes one PAYMENT, but \(payments.count) were given"
                    + (parsed.subcommand == .settle ? "; settle several with --agency-settlement" : ""))
        }
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation, bookingId: Identifier, paymentIds: [Identifier], action: Action) {
        self.ledger = ledger
        self.bookingId = bookingId
        self.paymentIds = paymentIds
        self.action = action
    }

    /// Applies the change and prints each payment's status line and the overview.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: ``ExitCode/success``, ``ExitCode/rejected`` when the ledger refuses the change,
    ///   ``ExitCode/failure`` when the ledger cannot be opened.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.mustExist, in: context)
            defer { ledger.close() }
            let booking: LedgerBooking
            do {
                booking = try Self.apply(action, to: paymentIds, of: bookingId, in: ledger)
            } catch {
                throw .refused(error)
            }
            let lines = paymentIds.compactMap { booking.payment($0) }.map(LedgerReport.statusLine(of:)).joined()
            context.output.write(lines + "\n" + LedgerReport.overview(of: booking, today: ledger.today))
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// Applies a change through the ledger's operation for it.
    ///
    /// - Returns: The booking after the change.
    /// - Throws: ``LedgerError`` when the ledger refuses it.
    static func apply(
        _ action: Action, to paymentIds: [Identifier], of bookingId: Identifier, in ledger: Ledger
    ) throws(LedgerError) -> LedgerBooking {
        // Parsing gives at least one payment; an empty identifier is refused as unknown-payment.
        let paymentId = paymentIds.first ?? Identifier(stringLiteral: "")
        switch action {
        case .agencySettlement(let reference):
            return try ledger.recordAgencySettlement(paymentIds, of: bookingId, reference: reference)
        case .settle(let reference):
            return try ledger.settlePayment(paymentId, of: bookingId, transactionReference: reference)
        case .fail(let reason):
            return try ledger.failPayment(paymentId, of: bookingId, reason: reason)
        case .confirm:
            return try ledger.confirmPayment(paymentId, of: bookingId)
        case .reopen:
            return try ledger.reopenPayment(paymentId, of: bookingId)
        }
    }
}
