import Foundation
import Hummingbird
import Logging
import PaymentLedger
import StringPayments
import XMLCoding

/// `/psp/…`: the hosted payment page that stands in for a payment service provider's.
///
/// The portal never sees card data: it redirects the customer here with a signed
/// ``PaymentIntent``; this page shows the card form, sends the card through the library's payment
/// path (``Ledger/processPayments(_:bookingId:collection:gateway:vouchers:)`` with the gateway,
/// as actor `customer:REF`) or stores it as a token (``Ledger/storeCard(_:for:kind:gateway:)``),
/// and redirects back to the intent's return path with a signed ``PaymentPageOutcome``.
/// The page keeps its own sessions (cookie `drv_psp`) and CSRF token, like a separate site, and
/// logs no form field.
///
/// | Route | What |
/// |---|---|
/// | `GET /psp/pay?intent=…` | the card form; 400 for a changed or expired intent |
/// | `POST /psp/pay` | pays or stores the card, then 303 to the portal with the outcome |
/// | `POST /psp/cancel` | 303 back to the portal with `cancelled` |
struct HostedPaymentRoutes: Sendable {
    let ledger: Ledger
    let gateway: any PaymentGateway
    let signer: TokenSigner
    let sessions: SessionStore
    let renderer: WebRenderer
    let now: @Sendable () -> Date

    func add(to router: Router<ServerRequestContext>, branding: Branding) {
        let group = router.group("/psp").add(middleware: SecurityHeadersMiddleware(branding: branding))
        group.get("/pay") { request, _ in self.form(request) }
        group.post("/pay") { request, _ in await self.pay(request) }
        group.post("/cancel") { request, _ in await self.cancel(request) }
    }

    private func language(_ request: Request) -> WebLanguage {
        WebLanguage.of(
            query: request.uri.queryParameters["lang"].map(String.init), remembered: nil,
            headers: request.headers)
    }

    private func intent(_ token: String?) -> PaymentIntent? {
        guard let token, let intent = signer.verify(token, as: PaymentIntent.self), intent.isValid(at: now()),
            intent.returnPath.hasPrefix("/portal/"), !intent.returnPath.contains("//")
        else { return nil }
        return intent
    }

    private func form(_ request: Request) -> Response {
        let language = language(request)
        guard let token = request.uri.queryParameters["intent"].map(String.init), let intent = intent(token) else {
            return expired(language)
        }
        let (id, session) = sessions.start(subject: nil, now: now())
        var response = page(intent: intent, token: token, csrf: session.csrfToken, language: language, error: nil)
        response.setCookie(sessions.cookie(for: id))
        return response
    }

    private func page(
        intent: PaymentIntent, token: String, csrf: String, language: WebLanguage, error: String?,
        holder: String = ""
    ) -> Response {
        let words = HostedPaymentText.words(language)
        var context: [String: Any] = [
            "t": words, "booking": intent.booking, "csrf": csrf, "intent": token, "holder": holder,
            "lang": language.rawValue,
            "heading": words[intent.purpose == .pay ? "pay" : "store"] ?? "",
            "submit": words[intent.purpose == .pay ? "payButton" : "storeButton"] ?? "",
        ]
        if intent.purpose == .pay, let currency = CurrencyCode(intent.currency),
            let amount = CurrencyAmount(intent.amount, currency)
        {
            context["amount"] = LocalizedFormat.money(amount, language)
            let option = ledger.booking(Identifier(stringLiteral: intent.booking))?.paymentOptions.first {
                $0.formOfPayment == .creditCard && $0.collection != .agency
            }
            if let fee = option?.percentFee, !fee.value.isZero {
                context["fee"] = LocalizedFormat.number("\(fee.value)", language)
            }
        }
        let html = renderer.render(
            "card", context,
            chrome: PageChrome(
                title: context["heading"] as? String ?? "", language: language, path: "/psp/pay",
                error: error))
        return WebResponse.html(error == nil ? .ok : .unprocessableContent, html)
    }

    private func expired(_ language: WebLanguage) -> Response {
        let words = HostedPaymentText.words(language)
        let html = renderer.render(
            "expired",
            ["heading": words["expiredHeading"] ?? "", "message": words["expired"] ?? "", "back": words["back"] ?? ""],
            chrome: PageChrome(
                title: words["expiredHeading"] ?? "", language: language, path: "/psp/pay",
                showsLanguageSwitch: false))
        return WebResponse.html(.badRequest, html)
    }

    private func cancel(_ request: Request) async -> Response {
        let checked: CSRFProtection.CheckedForm
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .success(let form): checked = form
        case .failure(let refusal): return refusal.response
        }
        guard let intent = intent(checked.form["intent"]) else { return expired(language(request)) }
        return back(intent, result: .cancelled, paymentId: nil)
    }

    private func pay(_ request: Request) async -> Response {
        let checked: CSRFProtection.CheckedForm
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .success(let form): checked = form
        case .failure(let refusal): return refusal.response
        }
        let form = checked.form
        let language = form["lang"].flatMap(WebLanguage.init(rawValue:)) ?? language(request)
        guard let token = form["intent"], let intent = intent(token) else { return expired(language) }
        let holder = String((form["holder"] ?? "").prefix(70))
        guard let card = Self.card(form, holder: holder) else {
            return page(
                intent: intent, token: token, csrf: checked.session.csrfToken, language: language,
                error: HostedPaymentText.words(language)["badCard"], holder: holder)
        }
        let bookingId = Identifier(stringLiteral: intent.booking)
        return await Ledger.$actor.withValue(.customer(intent.booking)) {
            switch intent.purpose {
            case .storeCard:
                do {
                    _ = try await ledger.storeCard(card, for: bookingId, gateway: gateway)
                    return back(intent, result: .cardStored, paymentId: nil)
                } catch {
                    return page(
                        intent: intent, token: token, csrf: checked.session.csrfToken, language: language,
                        error: HostedPaymentText.words(language)["badCard"], holder: holder)
                }
            case .pay:
                let result = await charge(card, intent: intent, bookingId: bookingId)
                if result == .paid, form["save"] == "1" {
                    _ = try? await ledger.storeCard(card, for: bookingId, gateway: gateway)
                }
                return back(intent, result: result, paymentId: intent.paymentId)
            }
        }
    }

    /// Enters the payment with the intent's identifier: a repeat finds it and charges nothing.
    private func charge(
        _ card: CreditCard, intent: PaymentIntent, bookingId: Identifier
    ) async
        -> PaymentPageOutcome.Result
    {
        guard let currency = CurrencyCode(intent.currency), let amount = CurrencyAmount(intent.amount, currency),
            let scope = PaymentScope(rawValue: intent.scope)
        else { return .refused }
        let paymentId = Identifier(stringLiteral: intent.paymentId)
        let payment = Payment(
            identifier: paymentId, collection: .tourOperator, paymentScope: scope, formOfPayment: .creditCard,
            paymentAmount: amount, cashHolder: .assignedToBookingOwner(true),
            specialisation: .creditCard(CreditCardPayment(creditCard: card)))
        do {
            let result = try await ledger.processPayments(
                [payment], bookingId: bookingId, collection: .tourOperator, gateway: gateway,
                vouchers: SimulatedVoucherValidator())
            guard let entered = result.booking.payment(paymentId) else { return .refused }
            if entered.isInFlight { return .pending }
            switch entered.status {
            case .failed: return .declined
            case .open: return .pending
            default: return .paid
            }
        } catch {
            return .refused
        }
    }

    private func back(_ intent: PaymentIntent, result: PaymentPageOutcome.Result, paymentId: String?) -> Response {
        let outcome = PaymentPageOutcome(
            nonce: intent.nonce, booking: intent.booking, result: result, paymentId: paymentId,
            expires: Int(now().timeIntervalSince1970) + 900)
        return WebResponse.redirect(to: intent.returnPath + "?outcome=" + signer.sign(outcome))
    }

    /// The card from the form's fields; `nil` when a field is not a valid number, date or code.
    static func card(_ form: FormData, holder: String) -> CreditCard? {
        let digits = (form["number"] ?? "").filter { $0 != " " && $0 != "-" }
        let expiry = (form["expiry"] ?? "").split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let number = CardNumber(digits), number.passesLuhnCheck, let code = SecurityCode(form["cvc"] ?? ""),
            expiry.count == 2,
            let month = Int(expiry[0]), let rawYear = Int(expiry[1]),
            let date = XMLYearMonth(year: rawYear < 100 ? 2000 + rawYear : rawYear, month: month)
        else { return nil }
        let type =
            switch digits.first {
            case "4": "VISA"
            case "5", "2": "MasterCard"
            case "3": "AmericanExpress"
            default: "Card"
            }
        return CreditCard(
            cardType: type, cardNumber: number, expiryDate: date, holderName: holder.isEmpty ? nil : holder,
            securityCode: code)
    }
}
