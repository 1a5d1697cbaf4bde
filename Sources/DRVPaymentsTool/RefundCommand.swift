import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments refund --ledger DIR BOOKING --amount A --method M ...`: requests a refund from a
/// released negative balance; `--complete ID` and `--fail ID` resolve a requested one.
struct RefundCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// Request a refund.
        case request(amount: Decimal, method: RefundMethod, reference: String?, forcedReason: String?)
        /// Mark a requested refund as paid out.
        case complete(refundId: Identifier, reference: String?)
        /// Mark a requested refund as not paid out.
        case fail(refundId: Identifier, reason: String)
    }

    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// What to do.
    var action: Action

    /// The command line and help of `refund`.
    static let spec = CommandSpec(
        name: "refund",
        abstract: "Request a refund of a released negative balance, or complete or fail one.",
        operandsUsage: "BOOKING",
        operandHelp: [("BOOKING", "The booking's identifier.")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("amount", valueName: "AMOUNT", help: "The money to pay back, in the booking currency."),
            OptionSpec(
                "method", valueName: "METHOD",
                help: "bank-transfer, card (with --payment), or another code such as cash."),
            OptionSpec("payment", valueName: "ID", help: "card: the card payment to refund through the gateway."),
            OptionSpec("reference", valueName: "TEXT", help: "The refund's reference; with --complete, the payout's."),
            OptionSpec("force", help: "Refund a financed booking all the same (needs --reason)."),
            OptionSpec("reason", valueName: "TEXT", help: "Why a financed booking is forced, or why a refund failed."),
            OptionSpec("complete", valueName: "ID", help: "Mark the requested refund ID as paid out."),
            OptionSpec("fail", valueName: "ID", help: "Mark the requested refund ID as not paid out (needs --reason)."),
        ],
        discussion: """
            A refund needs the booking's money released (release BOOKING --on) and is at most
            what the booking may still return: its negative balance less the refunds already
            requested. A financed booking is refunded only with --force --reason TEXT. A
            requested refund reserves its amount at once; completed, it moves the balance
            towards zero and shows in STRING responses as an Informations entry
            (refund-completed). A card refund goes through the simulated gateway of the ledger
            directory, journaled in flight first; it completes at once, or stays in flight for
            reconcile when the gateway does not answer.

            OUTPUT:
              BOOKING refund ID: STATUS AMOUNT CURRENCY by METHOD[; reference REF]

            EXIT STATUS:
              0  requested, completed or failed
              1  the ledger refused: not-released, booking-financed, refund-exceeds-balance,
                 unknown-refund, refund-not-possible, unknown-booking, unknown-payment,
                 invalid-amount, invalid-status-transition, payment-in-progress
              2  usage error, or the ledger could not be opened or written

            EXAMPLES:
              drv-payments refund --ledger ledger 7KQ4M2XG --amount 300.00 --method bank-transfer --reference "IBAN DE89…"
              drv-payments refund --ledger ledger 7KQ4M2XG --amount 300.00 --method card --payment BAL
              drv-payments refund --ledger ledger 7KQ4M2XG --amount 50 --method cash --force --reason "approved by finance"
              drv-payments refund --ledger ledger 7KQ4M2XG --complete R1 --reference BANK-2026-1125
              drv-payments refund --ledger ledger 7KQ4M2XG --fail R1 --reason "account closed"
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without one BOOKING, with options of two actions, or without what
    ///   an action needs.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let text = parsed.operands.first else {
            throw parsed.error("'refund' takes one BOOKING")
        }
        bookingId = try parsed.identifier(text, for: "BOOKING")
        let values = parsed.values
        let reason = values["reason"].flatMap { $0.isEmpty ? nil : $0 }
        let requestOptions =
            ["amount", "method", "payment"].filter { values[$0] != nil } + (parsed.flag("force") ? ["force"] : [])
        switch (values["complete"], values["fail"]) {
        case (let id?, nil):
            guard requestOptions.isEmpty, reason == nil else {
                throw parsed.error("'refund --complete' takes only --reference")
            }
            action = .complete(refundId: try parsed.identifier(id, for: "'--complete'"), reference: values["reference"])
        case (nil, let id?):
            guard requestOptions.isEmpty, values["reference"] == nil else {
                throw parsed.error("'refund --fail' takes only --reason")
            }
            guard let reason else { throw parsed.error("'refund --fail' needs '--reason TEXT'") }
            action = .fail(refundId: try parsed.identifier(id, for: "'--fail'"), reason: reason)
        case (nil, nil):
            guard let amount = try parsed.amount("amount"), amount > 0 else {
                throw parsed.error("'refund' needs '--amount AMOUNT' greater than zero")
            }
            guard let methodText = values["method"], !methodText.isEmpty else {
                throw parsed.error("'refund' needs '--method METHOD'")
            }
            let method: RefundMethod
            switch ArgumentValue.normalized(methodText) {
            case "banktransfer":
                method = .bankTransfer
            case "card":
                guard let payment = try parsed.identifier("payment") else {
                    throw parsed.error("'--method card' needs '--payment ID', the card payment to refund")
                }
                method = .card(paymentId: payment)
            default:
                method = .other(methodText)
            }
            if values["payment"] != nil {
                guard case .card = method else { throw parsed.error("option '--payment' belongs to '--method card'") }
            }
            if parsed.flag("force"), reason == nil { throw parsed.error("'--force' needs '--reason TEXT'") }
            if reason != nil, !parsed.flag("force") {
                throw parsed.error("'--reason' belongs to '--force' or '--fail'")
            }
            action = .request(
                amount: amount, method: method, reference: values["reference"],
                forcedReason: parsed.flag("force") ? reason : nil)
        case (.some, .some):
            throw parsed.error("options '--complete' and '--fail' exclude each other")
        }
    }

    /// Requests, completes or fails the refund and prints it.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) async -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.mustExist, in: context)
            defer { ledger.close() }
            var gateway: SimulatedPaymentGateway?
            if case .request(_, .card, _, _) = action { gateway = try self.ledger.simulatedGateway() }
            let refund: LedgerRefund?
            do throws(LedgerError) {
                switch action {
                case .request(let amount, let method, let reference, let forcedReason):
                    guard let booking = ledger.booking(bookingId) else { throw ShowCommand.unknownBooking(bookingId) }
                    let request = RefundRequest(
                        amount: CurrencyAmount(amount: amount, currency: booking.currency), method: method,
                        reference: reference, forcedReason: forcedReason)
                    if let gateway {
                        refund = try await ledger.refund(request, for: bookingId, gateway: gateway)
                    } else {
                        refund = try ledger.requestRefund(request, for: bookingId)
                    }
                case .complete(let refundId, let reference):
                    refund = try ledger.completeRefund(refundId, of: bookingId, payoutReference: reference)
                        .refund(refundId)
                case .fail(let refundId, let reason):
                    refund = try ledger.failRefund(refundId, of: bookingId, reason: reason).refund(refundId)
                }
            } catch {
                throw .refused(error)
            }
            if let refund { context.output.write("\(bookingId) " + Self.line(refund) + "\n") }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// `refund R1: Completed 300.00 EUR by bank-transfer; reference BANK-1`.
    static func line(_ refund: LedgerRefund) -> String {
        var text =
            "refund \(refund.identifier): \(refund.status.rawValue) \(refund.amount.formattedAmount) "
            + "\(refund.amount.currency.code) by \(refund.method)"
        if refund.isInFlight { text += " (in flight: run reconcile)" }
        if let reason = refund.failureReason { text += " (\(reason))" }
        if let reference = refund.payoutReference ?? refund.reference { text += "; reference \(reference)" }
        return text
    }
}
