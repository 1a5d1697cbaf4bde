import Foundation
import Hummingbird
import PaymentLedger
import StringPayments

/// The portal's money actions: to the hosted payment page and back, approvals and withdrawals.
extension PortalRoutes {
    /// `POST /portal/pay`: `target` is `balance` or a scheduled payment's identifier.
    func pay(_ request: Request) async -> Response {
        let (checked, bookingId): (CSRFProtection.CheckedForm, Identifier)
        switch await customerForm(request) {
        case .success(let value): (checked, bookingId) = value
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        guard let booking = ledger.booking(bookingId), booking.state != .cancelled else {
            sessions.flash(checked.sessionId, error: PortalText.word("cannotPay", language))
            return WebResponse.redirect(to: "/portal/booking")
        }
        let uncovered = LedgerMinorUnits.of(booking.uncoveredAmount)
        let target = checked.form["target"] ?? "balance"
        let amount: Int64
        let scope: PaymentScope
        if target == "balance" {
            (amount, scope) = (uncovered, .balance)
        } else if let entry = booking.expectedPayments(today: ledger.today).first(where: {
            $0.scheduled.identifier.value == target
        }) {
            (amount, scope) = (min(LedgerMinorUnits.of(entry.remaining), uncovered), entry.scheduled.scope)
        } else {
            return WebResponse.text(.badRequest, "no such scheduled payment")
        }
        guard amount > 0 else {
            sessions.flash(checked.sessionId, notice: PortalText.word("nothingToPay", language))
            return WebResponse.redirect(to: "/portal/booking")
        }
        let intent = PaymentIntent(
            purpose: .pay, booking: bookingId.value,
            amount: CurrencyAmount(minorUnitCount: amount, currency: booking.currency).formattedAmount,
            currency: booking.currency.code, scope: scope.rawValue, returnPath: "/portal/return",
            nonce: PaymentIntent.newNonce(), expires: Int(now().timeIntervalSince1970) + 900)
        return WebResponse.redirect(to: "/psp/pay?intent=\(signer.sign(intent))&lang=\(language.rawValue)")
    }

    /// `POST /portal/card`: to the hosted payment page to store a card.
    func addCard(_ request: Request) async -> Response {
        let (checked, bookingId): (CSRFProtection.CheckedForm, Identifier)
        switch await customerForm(request) {
        case .success(let value): (checked, bookingId) = value
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        guard let booking = ledger.booking(bookingId) else { return WebResponse.redirect(to: "/portal") }
        let intent = PaymentIntent(
            purpose: .storeCard, booking: bookingId.value, amount: "0", currency: booking.currency.code,
            scope: PaymentScope.balance.rawValue, returnPath: "/portal/return", nonce: PaymentIntent.newNonce(),
            expires: Int(now().timeIntervalSince1970) + 900)
        return WebResponse.redirect(to: "/psp/pay?intent=\(signer.sign(intent))&lang=\(language.rawValue)")
    }

    /// `GET /portal/return?outcome=…`: checks the signed outcome against the session's booking,
    /// reports what the ledger holds, and sends the receipt once per intent.
    func returnFromPaymentPage(_ request: Request) async -> Response {
        guard let (id, session) = sessions.session(for: request, now: now()), let bookingId = bookingId(of: session)
        else { return WebResponse.redirect(to: "/portal/booking") }
        let language = language(request, sessionId: id, session: session)
        guard let token = request.uri.queryParameters["outcome"].map(String.init),
            let outcome = signer.verify(token, as: PaymentPageOutcome.self),
            outcome.booking == bookingId.value, Double(outcome.expires) > now().timeIntervalSince1970
        else {
            return WebResponse.text(.badRequest, "the payment page's answer is not valid for this booking")
        }
        let key: String
        switch outcome.result {
        case .paid:
            key = "paidNotice"
            if let paymentId = outcome.paymentId, let booking = ledger.booking(bookingId),
                let payment = booking.payment(Identifier(stringLiteral: paymentId)), payment.status.countsAsPaid,
                receipted.firstTime(outcome.nonce)
            {
                await services.receipts.sendPaymentReceipt(for: payment.identifier, of: booking, language: language)
            }
        case .declined: key = "declinedNotice"
        case .pending: key = "pendingNotice"
        case .refused: key = "refusedNotice"
        case .cardStored: key = "cardStoredNotice"
        case .cancelled: key = "cancelledNotice"
        }
        if [.paid, .cardStored, .pending].contains(outcome.result) {
            sessions.flash(id, notice: PortalText.word(key, language))
        } else {
            sessions.flash(id, error: PortalText.word(key, language))
        }
        return WebResponse.redirect(to: "/portal/booking")
    }

    /// `POST /portal/approve`: `schedule` is a scheduled payment's identifier or `all`.
    func approve(_ request: Request) async -> Response {
        let (checked, bookingId): (CSRFProtection.CheckedForm, Identifier)
        switch await customerForm(request) {
        case .success(let value): (checked, bookingId) = value
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        guard let card = ledger.autopay(of: bookingId)?.usableGuestCard(on: ledger.today) else {
            sessions.flash(checked.sessionId, error: PortalText.word("needCard", language))
            return WebResponse.redirect(to: "/portal/booking")
        }
        let schedule = checked.form["schedule"] ?? "all"
        let ids: [Identifier]? = schedule == "all" ? nil : [Identifier(stringLiteral: schedule)]
        do {
            let approvals = try Ledger.$actor.withValue(.customer(bookingId.value)) {
                try ledger.approveScheduledPayments(bookingId, scheduleIds: ids, cardId: card.id, channel: "portal")
            }
            sessions.flash(
                checked.sessionId,
                notice: String(format: PortalText.word("approvedNotice", language), approvals.count))
            if let booking = ledger.booking(bookingId) {
                await services.receipts.sendApprovalReceipt(for: approvals, of: booking, language: language)
            }
        } catch {
            sessions.flash(checked.sessionId, error: PortalText.word("cannotPay", language))
        }
        return WebResponse.redirect(to: "/portal/booking")
    }

    /// `POST /portal/withdraw`: `schedule` is the approved scheduled payment.
    func withdraw(_ request: Request) async -> Response {
        let (checked, bookingId): (CSRFProtection.CheckedForm, Identifier)
        switch await customerForm(request) {
        case .success(let value): (checked, bookingId) = value
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        guard let schedule = checked.form["schedule"], !schedule.isEmpty else {
            return WebResponse.text(.badRequest, "name the scheduled payment")
        }
        do {
            try Ledger.$actor.withValue(.customer(bookingId.value)) {
                _ = try ledger.withdrawApproval(Identifier(stringLiteral: schedule), of: bookingId)
            }
            sessions.flash(checked.sessionId, notice: PortalText.word("withdrawnNotice", language))
        } catch {
            return WebResponse.text(.badRequest, "that scheduled payment is not approved")
        }
        return WebResponse.redirect(to: "/portal/booking")
    }
}

/// Minor units of an amount the ledger made (always a whole number of minor units).
enum LedgerMinorUnits {
    static func of(_ amount: CurrencyAmount) -> Int64 { amount.minorUnitCount ?? 0 }
}
