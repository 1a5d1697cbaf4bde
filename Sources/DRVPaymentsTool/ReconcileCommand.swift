import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments reconcile --ledger DIR`: resolves the payments a crash left in flight by
/// asking the simulated gateway, by each attempt's idempotency key, what became of them.
struct ReconcileCommand: Equatable {
    /// The ledger and its today (the settlement date of payments found captured).
    var ledger: LedgerLocation

    /// The command line and help of `reconcile`.
    static let spec = CommandSpec(
        name: "reconcile",
        abstract: "Resolve payments left in flight by a crash, asking the gateway what became of each.",
        operandsUsage: "",
        operandHelp: [],
        options: [LedgerLocation.ledgerOption, LedgerLocation.todayOption],
        discussion: """
            A payment is in flight from the moment it is journaled, before the gateway is asked,
            until the gateway's answer is journaled. A process that dies in between leaves it in
            flight; it then counts against what the booking owes, and requests for it are
            refused with payment-in-progress. reconcile asks the simulated gateway (its log
            simulated-gateway.log in the ledger directory) about each such attempt by key:
              captured                        -> Settled (the money is in the ledger once)
              authorised, not captured         -> voided, then Failed
              pending                          -> Open, no longer in flight
              declined, voided, never seen     -> Failed
            Nothing is charged by a reconciliation; sending the interrupted request again is a
            new attempt.

            Card refunds in flight (refund --method card) are resolved by the card payment's
            status: refunded -> Completed; still captured -> Failed (request it again).

            OUTPUT:
              One line per payment, then per card refund, that was in flight, then a summary:
                KEY: RESOLUTION
                BOOKING refund ID: RESOLUTION
                N resolved, M unresolved

            EXIT STATUS:
              0  nothing is in flight any more
              1  some payments are still in flight (the gateway could not be asked)
              2  usage error, or the ledger or the gateway log could not be opened

            EXAMPLES:
              drv-payments reconcile --ledger ledger
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an operand or a malformed option.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.isEmpty else {
            throw parsed.error("'reconcile' takes no operands, but \(parsed.operands.count) were given")
        }
    }

    /// Creates the command from its settings.
    init(ledger: LedgerLocation) {
        self.ledger = ledger
    }

    /// Reconciles and prints what happened.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: ``ExitCode/success`` when nothing is left in flight, ``ExitCode/rejected`` when
    ///   something is, ``ExitCode/failure`` when the ledger or the log cannot be opened.
    func run(in context: ToolContext) async -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.mustExist, in: context)
            defer { ledger.close() }
            let gateway = try self.ledger.simulatedGateway()
            let report: ReconciliationReport
            do {
                report = try await ledger.reconcile(gateway: gateway, vouchers: SimulatedVoucherValidator())
            } catch {
                throw .refused(error)
            }
            var text = ""
            for entry in report.entries {
                text += "\(entry.key): \(Self.describe(entry.resolution))\n"
            }
            var unresolvedRefunds = 0
            for entry in report.refundEntries {
                let description: String
                switch entry.resolution {
                case .completed(let reference): description = "Completed (\(reference))"
                case .failed(let reason): description = "Failed (\(reason))"
                case .unresolved(let reason):
                    description = "still in flight: \(reason)"
                    unresolvedRefunds += 1
                case .beingProcessed:
                    description = "being processed"
                    unresolvedRefunds += 1
                }
                text += "\(entry.bookingId) refund \(entry.refundId): \(description)\n"
            }
            let resolved = report.resolved.count + report.refundEntries.count - unresolvedRefunds
            let unresolved = report.unresolved.count + unresolvedRefunds
            text += "\(resolved) resolved, \(unresolved) unresolved\n"
            context.output.write(text)
            return unresolved == 0 ? .success : .rejected
        } catch {
            return error.report(to: context.output)
        }
    }

    static func describe(_ resolution: ReconciliationEntry.Resolution) -> String {
        switch resolution {
        case .settled(let reference): "Settled" + (reference.map { " (\($0))" } ?? "")
        case .failed(let reason, _): "Failed (\(reason))"
        case .pending(let reference): "Open, pending at the gateway" + (reference.map { " (\($0))" } ?? "")
        case .unresolved(let reason): "still in flight: \(reason)"
        case .beingProcessed: "being processed"
        }
    }
}
