import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments approve --ledger DIR BOOKING [SCHEDULE-ID...|--all]`: the customer's approval
/// of scheduled payments, or its withdrawal.
struct ApproveCommand: Equatable {
    /// The ledger.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The scheduled payments; `nil` for `--all`.
    var scheduleIds: [Identifier]?
    /// The card the charges may use.
    var cardId: Identifier?
    /// How the customer approved.
    var channel: String
    /// Whether the approvals are withdrawn instead.
    var withdraw: Bool

    /// The command line and help of `approve`.
    static let spec = CommandSpec(
        name: "approve",
        abstract: "Record the customer's approval of scheduled payments for autopay, or withdraw it.",
        operandsUsage: "BOOKING [SCHEDULE-ID...]",
        operandHelp: [
            ("BOOKING", "The booking."), ("SCHEDULE-ID", "A scheduled payment: DEP, INT1, ..., BAL."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("all", help: "Approve every scheduled payment with something left to pay."),
            OptionSpec(
                "card", valueName: "CARD", help: "The stored card the charges may use (default: the current one)."),
            OptionSpec(
                "via", valueName: "CHANNEL", help: "How the customer approved: portal, phone, ... (default portal)."),
            OptionSpec("withdraw", help: "Withdraw the approvals of the SCHEDULE-IDs instead."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            Each approval is journaled with its evidence: who (the actor), when, the channel,
            the amount that remains and the due date, and the card. An approved instalment is
            charged by instalment autopay on its due date even where the booking's channel has
            autopay off, as long as no more than the approved amount remains.

            EXIT STATUS:
              0  approved or withdrawn
              1  refused: unknown-booking, unknown-scheduled-payment, unknown-card, not-approved
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments approve --ledger ledger 7KQ4M2XG --all --via portal
              drv-payments approve --ledger ledger 7KQ4M2XG INT1 --card C2
              drv-payments approve --ledger ledger 7KQ4M2XG INT1 --withdraw
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard let first = parsed.operands.first else { throw parsed.error("missing BOOKING to approve for") }
        bookingId = try parsed.identifier(first, for: "BOOKING")
        var ids: [Identifier] = []
        for text in parsed.operands.dropFirst() { ids.append(try parsed.identifier(text, for: "SCHEDULE-ID")) }
        withdraw = parsed.flag("withdraw")
        if parsed.flag("all") {
            guard ids.isEmpty, !withdraw else { throw parsed.error("'--all' takes no SCHEDULE-ID and no --withdraw") }
            scheduleIds = nil
        } else {
            guard !ids.isEmpty else { throw parsed.error("give SCHEDULE-IDs or --all") }
            scheduleIds = ids
        }
        cardId = try parsed.identifier("card")
        channel = parsed.values["via"] ?? "portal"
        if withdraw, cardId != nil || parsed.values["via"] != nil {
            throw parsed.error("'--withdraw' takes no --card or --via")
        }
    }

    /// Approves or withdraws.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.mustExist, in: context)
            defer { ledger.close() }
            do {
                if withdraw {
                    for scheduleId in scheduleIds ?? [] {
                        try ledger.withdrawApproval(scheduleId, of: bookingId)
                        context.output.write("approval of \(bookingId) \(scheduleId) withdrawn\n")
                    }
                } else {
                    let approvals = try ledger.approveScheduledPayments(
                        bookingId, scheduleIds: scheduleIds, cardId: cardId, channel: channel)
                    for approval in approvals {
                        context.output.write(
                            "approved \(bookingId) \(approval.scheduleId): \(approval.amount.formattedAmount) "
                                + "\(approval.amount.currency.code) due \(approval.dueDate.xmlLexicalForm)"
                                + (approval.cardId.map { ", card \($0)" } ?? "") + ", via \(approval.channel)\n")
                    }
                }
            } catch {
                throw .refused(error)
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }
}
