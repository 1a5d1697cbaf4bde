import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments history --ledger DIR BOOKING`: a booking's events in order, with who made each
/// change and when.
struct HistoryCommand: Equatable {
    /// The ledger.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// Whether to print JSON.
    var json = false

    /// The command line and help of `history`.
    static let spec = CommandSpec(
        name: "history",
        abstract: "List a booking's events in order, with who made each change and when.",
        operandsUsage: "BOOKING",
        operandHelp: [("BOOKING", "The booking's identifier.")],
        options: [
            LedgerLocation.ledgerOption,
            LedgerLocation.todayOption,
            OptionSpec("json", help: "Print stable JSON: keys sorted, amounts as strings."),
        ],
        discussion: """
            The ledger is only read. Every change is stamped with its actor (agency:NUMBER for
            a STRING request, user:LOGIN from the shell, system:NAME for the system,
            customer:REFERENCE from the payment portal) and the time in UTC; changes journaled
            before stamps were recorded show actor unknown and no time.

            OUTPUT:
              One line per event: TIME  ACTOR  WHAT
              With --json: {"booking", "events": [{"time", "actor", "event", "offset"}]}

            EXIT STATUS:
              0  printed
              1  there is no such booking
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments history --ledger ledger 7KQ4M2XG
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without exactly one BOOKING.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let text = parsed.operands.first else {
            throw parsed.error("'history' takes one BOOKING")
        }
        bookingId = try parsed.identifier(text, for: "BOOKING")
        json = parsed.flag("json")
    }

    /// Prints the history.
    ///
    /// - Parameter context: Output.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.readOnly, in: context)
            defer { ledger.close() }
            let entries: [LedgerHistoryEntry]
            do {
                entries = try ledger.history(of: bookingId)
            } catch {
                throw .refused(error)
            }
            if json {
                let events: [JSONValue] = entries.map { entry in
                    .object([
                        "time": entry.stamp.map { .string(Self.time($0.time)) } ?? .null,
                        "actor": .string((entry.stamp?.actor ?? .unknown).rawValue),
                        "event": .string(Self.describe(entry.event)),
                        "offset": entry.byteOffset.map { .int($0) } ?? .null,
                    ])
                }
                context.output.write(
                    JSONValue.object(["booking": .string(bookingId.value), "events": .array(events)]).encoded())
            } else {
                var table = TextTable([("Time", .left), ("Actor", .left), ("Event", .left)])
                for entry in entries {
                    table.append([
                        entry.stamp.map { Self.time($0.time) } ?? "-", (entry.stamp?.actor ?? .unknown).rawValue,
                        Self.describe(entry.event),
                    ])
                }
                context.output.write(table.render(indent: ""))
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// An instant as `2026-11-23T10:15:00.000Z`.
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// One line saying what an event did.
    static func describe(_ event: LedgerEvent) -> String {
        switch event {
        case .bookingCreated(let booking, _):
            return "booked: \(booking.totalPrice.formattedAmount) \(booking.currency.code), departure "
                + booking.departureDate.xmlLexicalForm
        case .bookingModified(let change):
            return "modified: \(change.totalPrice.formattedAmount) \(change.totalPrice.currency.code), departure "
                + change.departureDate.xmlLexicalForm
        case .bookingCancelled(_, let date, let charge):
            return "cancelled on \(date.xmlLexicalForm), charge \(charge.formattedAmount) \(charge.currency.code)"
        case .paymentEntered(_, let payment):
            var text =
                "payment \(payment.identifier) entered: \(payment.amount.formattedAmount) \(payment.currency.code)"
            if let form = payment.formOfPayment { text += " by \(form.rawValue)" }
            text += ", \(payment.status.rawValue)"
            if payment.isInFlight { text += " (in flight)" }
            return text
        case .paymentStatusChanged(let change):
            var text = "payment \(change.paymentId): \(change.from.rawValue) → \(change.to.rawValue)"
            if let reason = change.failureReason { text += " (\(reason))" }
            if let reference = change.transactionReference { text += "; reference \(reference)" }
            return text
        case .paymentProcessed(let result):
            var text = "payment \(result.paymentId) attempt \(result.attempt): \(result.status.rawValue)"
            if let reason = result.failureReason { text += " (\(reason))" }
            if let reference = result.transactionReference { text += "; reference \(reference)" }
            return text
        case .unregisteredPaymentReceived(let payment):
            return "bank transfer \(payment.reference) received: \(payment.amount.formattedAmount) "
                + payment.amount.currency.code
        case .unregisteredPaymentAssigned(let reference, _, let paymentId):
            return "bank transfer \(reference) assigned as payment \(paymentId)"
        case .unregisteredPaymentUnassigned(let reference, _, let reason):
            return "bank transfer \(reference) unassigned (\(reason))"
        case .unregisteredPaymentReversed(let reference, _):
            return "bank transfer \(reference) reversed by the bank"
        case .cardPaymentPaidOut(_, let paymentId, let payout):
            return "payment \(paymentId) paid out by the acquirer on \(payout.payoutDate.xmlLexicalForm): "
                + "\(payout.netAmount.formattedAmount) \(payout.currency.code) net, "
                + "\(payout.fee.formattedAmount) \(payout.currency.code) fee (\(payout.report))"
        case .cardSettlementExceptionRecorded(let exception):
            return "card settlement \(exception.transactionReference) not matched: \(exception.reason.rawValue)"
        case .bookingDetailsChanged(let change):
            var fields = change.textFields.compactMap { field in
                field.value.map { "\(field.name) " + ($0.isEmpty ? "cleared" : "\"\($0)\"") }
            }
            if let financed = change.financed { fields.append(financed ? "financed" : "not financed") }
            return "details: " + fields.joined(separator: ", ")
        case .bookingCommented(_, let comment):
            return "comment: " + comment.text.split(whereSeparator: \.isNewline).joined(separator: " / ")
        case .releaseDecided(_, let decision):
            return decision.isReleased ? "released for refund" : "release withdrawn"
        case .refundRequested(_, let refund):
            var text =
                "refund \(refund.identifier) requested: \(refund.amount.formattedAmount) \(refund.amount.currency.code) "
                + "by \(refund.method)"
            if let reason = refund.forcedReason { text += ", forced (\(reason))" }
            if refund.isInFlight { text += " (in flight)" }
            return text
        case .refundResolved(let resolution):
            var text = "refund \(resolution.refundId): \(resolution.status.rawValue)"
            if let reason = resolution.failureReason { text += " (\(reason))" }
            if let reference = resolution.payoutReference { text += "; reference \(reference)" }
            return text
        case .autopay(let event):
            return describe(event)
        case .gds(let event):
            return describe(event)
        case .portalToken(let event):
            switch event.kind {
            case .issued(let expiresAt): return "portal link issued, valid until \(expiresAt.ISO8601Format())"
            case .redeemed: return "portal link used"
            case .revoked: return "portal link revoked"
            }
        case .servicesRecorded(let event):
            let services = event.services.map { service in
                [service.kind, service.code].compactMap { $0 }.joined(separator: " ")
            }
            return "services: " + (services.isEmpty ? "none" : services.joined(separator: ", "))
        }
    }
}
