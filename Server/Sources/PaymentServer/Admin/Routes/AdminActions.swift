import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// What the back office's forms do: each an ordinary ledger change (or a library import) made
/// with the actor `user:NAME` of the staff member. No business rule lives here: the ledger
/// refuses what is not allowed, and its error is shown.
struct AdminActions: Sendable {
    let ledger: Ledger
    let gateway: any PaymentGateway
    let scheduler: Scheduler

    /// An action refused: the message for the page.
    struct Refusal: Error, Sendable {
        let message: String
    }

    private func asUser<T: Sendable>(_ user: StaffUser, _ body: () throws(LedgerError) -> T) throws(Refusal) -> T {
        let result: Result<T, LedgerError> = Ledger.$actor.withValue(.user(user.name)) {
            do throws(LedgerError) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        do {
            return try result.get()
        } catch {
            throw Refusal(message: error.description)
        }
    }

    private func identifier(_ text: String?, _ what: String) throws(Refusal) -> Identifier {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.count <= 64 else {
            throw Refusal(message: "\(what) is missing")
        }
        return Identifier(stringLiteral: text)
    }

    func assign(reference: String?, booking: String?, by user: StaffUser) throws(Refusal) -> LedgerBooking {
        guard let reference, !reference.isEmpty else { throw Refusal(message: "the payment reference is missing") }
        let bookingId = try identifier(booking, "the booking")
        return try asUser(user) { () throws(LedgerError) in
            try ledger.assignUnregisteredPayment(reference, to: bookingId)
        }
    }

    func setRelease(_ released: Bool, booking: Identifier, by user: StaffUser) throws(Refusal) {
        _ = try asUser(user) { () throws(LedgerError) in try ledger.setRelease(released, for: booking) }
    }

    func addComment(_ text: String?, booking: Identifier, by user: StaffUser) throws(Refusal) {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw Refusal(message: "the comment is empty")
        }
        _ = try asUser(user) { () throws(LedgerError) in try ledger.addComment(text, to: booking) }
    }

    func editGDS(
        _ record: Identifier, booking: Identifier, fields: [String: String], by user: StaffUser
    ) throws(Refusal) {
        func optional(_ name: String) -> String?? {
            guard let value = fields[name] else { return nil }
            return .some(value.isEmpty ? nil : value)
        }
        _ = try asUser(user) { () throws(LedgerError) in
            try ledger.editGDSRecord(record, of: booking) { details in
                if let value = fields["pnr"] { details.pnr = value }
                if let value = fields["airline"] { details.airline = value }
                if let value = fields["departureAirport"] { details.departureAirport = value }
                if let value = fields["arrivalAirport"] { details.arrivalAirport = value }
                if let value = optional("phone") { details.phone = value }
                if let value = optional("paymentComment") { details.paymentComment = value }
                if let value = optional("adminComment") { details.adminComment = value }
            }
        }
    }

    func refund(
        booking bookingId: Identifier, amount: String?, method: String?, reference: String?, by user: StaffUser
    ) async throws(Refusal) -> LedgerRefund {
        guard let booking = ledger.booking(bookingId) else { throw Refusal(message: "no booking \(bookingId.value)") }
        guard let text = amount, let value = CurrencyAmount(text, booking.currency) else {
            throw Refusal(message: "the amount '\(amount ?? "")' is not an amount in \(booking.currency.code)")
        }
        let refundMethod: RefundMethod
        switch method ?? "bank-transfer" {
        case "bank-transfer": refundMethod = .bankTransfer
        case let card where card.hasPrefix("card:"):
            refundMethod = .card(paymentId: Identifier(stringLiteral: String(card.dropFirst(5))))
        default: throw Refusal(message: "unknown refund method")
        }
        let request = RefundRequest(
            amount: value, method: refundMethod, reference: reference.flatMap { $0.isEmpty ? nil : $0 })
        let gateway = self.gateway
        let ledger = self.ledger
        let result: Result<LedgerRefund, LedgerError> = await Ledger.$actor.withValue(.user(user.name)) {
            do throws(LedgerError) {
                return .success(try await ledger.refund(request, for: bookingId, gateway: gateway))
            } catch {
                return .failure(error)
            }
        }
        do {
            return try result.get()
        } catch {
            throw Refusal(message: error.description)
        }
    }

    func importBankStatement(_ data: Data, by user: StaffUser) throws(Refusal) -> BankImportReport {
        let statements: [BankStatement]
        do {
            statements = try CamtDecoder().decode(data)
        } catch {
            throw Refusal(message: "not a camt.053 or camt.054 statement: \(error.description)")
        }
        var combined = BankImportReport()
        for statement in statements {
            let report = try asUser(user) { () throws(LedgerError) in try ledger.importBankStatement(statement) }
            combined.received += report.received
            combined.alreadyKnown += report.alreadyKnown
            combined.skipped += report.skipped
            combined.reversed += report.reversed
            combined.alreadyReversed += report.alreadyReversed
            combined.unmatchedReversals += report.unmatchedReversals
            combined.autoMatched += report.autoMatched
            combined.ambiguous += report.ambiguous
        }
        return combined
    }
}
