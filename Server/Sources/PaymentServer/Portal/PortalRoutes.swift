import Foundation
import Hummingbird
import Logging
import PaymentLedger
import StringPayments

/// The customer payment portal (`/portal/…`) and the hosted payment page it sends customers to
/// (`/psp/…`).
///
/// | Route | What |
/// |---|---|
/// | `GET /portal` | the login form (booking reference and email) |
/// | `POST /portal` | logs in: 303 to the booking; 401 for a wrong reference or email (same page for both); 429 over the rate limit |
/// | `GET /portal/link/TOKEN` | a page with one button that opens the booking (link scanners do not use the token up) |
/// | `POST /portal/link` | redeems the one-time token: 303 to the booking; 401 when unknown, expired or used |
/// | `GET /portal/booking` | the booking page; 303 to the login without a live session |
/// | `POST /portal/pay` | 303 to the hosted payment page with a signed intent for the balance or an instalment |
/// | `POST /portal/card` | 303 to the hosted payment page to store a card |
/// | `GET /portal/return?outcome=…` | back from the payment page: checks the signed outcome, sends the receipt once, 303 to the booking |
/// | `POST /portal/approve` | approves one scheduled payment or all with the stored card |
/// | `POST /portal/withdraw` | withdraws an approval |
/// | `POST /portal/logout` | ends the session |
///
/// Every POST needs the session's CSRF token (403 without); every page carries the security
/// headers of ``SecurityHeadersMiddleware``; every change is made as actor `customer:REF`.
struct PortalRoutes: Sendable {
    static let cookieName = "drv_portal"
    static let subjectPrefix = "customer:"

    let ledger: Ledger
    let gateway: any PaymentGateway
    let sessions: SessionStore
    let limiter: RateLimiter
    let renderer: WebRenderer
    let signer: TokenSigner
    let services: PortalServices
    let receipted: ReceiptLog
    let now: @Sendable () -> Date
    let logger: Logger

    /// Adds the portal's and the payment page's routes to the router: the one call the app
    /// builder makes.
    ///
    /// - Parameters:
    ///   - router: The router.
    ///   - server: The server, for its ledger, gateway, configuration, clock and services.
    /// - Throws: ``ServerError`` with code `invalid-template` (a programming error).
    static func register(on router: Router<ServerRequestContext>, server: PaymentServerApp) throws(ServerError) {
        let configuration = server.configuration
        let signer = TokenSigner()
        let portal = PortalRoutes(
            ledger: server.ledger, gateway: server.handler.gateway,
            sessions: SessionStore(
                cookieName: cookieName, idleLifetime: configuration.sessionLifetimeSeconds,
                absoluteLifetime: configuration.sessionAbsoluteLifetimeSeconds,
                secureCookies: configuration.secureCookies),
            limiter: RateLimiter(limit: configuration.loginAttemptsPerWindow, window: configuration.loginWindowSeconds),
            renderer: try WebRenderer(
                operatorName: configuration.operatorName, branding: configuration.branding,
                templates: PortalTemplates.all),
            signer: signer, services: server.portalServices, receipted: ReceiptLog(), now: server.now,
            logger: server.logger)
        portal.add(to: router, branding: configuration.branding)
        HostedPaymentRoutes(
            ledger: server.ledger, gateway: server.handler.gateway, signer: signer,
            sessions: SessionStore(
                cookieName: "drv_psp", idleLifetime: 900, absoluteLifetime: 3_600,
                secureCookies: configuration.secureCookies),
            renderer: try WebRenderer(
                operatorName: "Payment page", branding: Branding(),
                templates: ["card": HostedPaymentTemplates.cardForm, "expired": HostedPaymentTemplates.expired]),
            now: server.now
        ).add(to: router, branding: configuration.branding)
    }

    func add(to router: Router<ServerRequestContext>, branding: Branding) {
        let group = router.group("/portal").add(middleware: SecurityHeadersMiddleware(branding: branding))
        group.get("") { request, _ in self.loginPage(request) }
        group.post("") { request, context in await self.login(request, client: context.clientAddress) }
        group.get("/link/:token") { request, context in self.linkPage(request, token: context.parameters.get("token")) }
        group.post("/link") { request, context in await self.redeemLink(request, client: context.clientAddress) }
        group.get("/booking") { request, _ in self.bookingPage(request) }
        group.post("/logout") { request, _ in await self.logout(request) }
        group.post("/pay") { request, _ in await self.pay(request) }
        group.post("/card") { request, _ in await self.addCard(request) }
        group.get("/return") { request, _ in await self.returnFromPaymentPage(request) }
        group.post("/approve") { request, _ in await self.approve(request) }
        group.post("/withdraw") { request, _ in await self.withdraw(request) }
    }

    // MARK: Sessions and pages

    /// The language of a request; a `lang` query value is remembered in the session.
    func language(_ request: Request, sessionId: String?, session: WebSession?) -> WebLanguage {
        let query = request.uri.queryParameters["lang"].map(String.init)
        let language = WebLanguage.of(query: query, remembered: session?.attributes["lang"], headers: request.headers)
        if let sessionId, query != nil { sessions.update(sessionId) { $0["lang"] = language.rawValue } }
        return language
    }

    /// The booking a session is logged in to.
    func bookingId(of session: WebSession) -> Identifier? {
        guard let subject = session.subject, subject.hasPrefix(Self.subjectPrefix) else { return nil }
        return Identifier(stringLiteral: String(subject.dropFirst(Self.subjectPrefix.count)))
    }

    /// A page in the layout, with the logout button when logged in.
    func page(
        _ template: String, _ context: [String: Any], title: String, language: WebLanguage, path: String,
        status: HTTPResponse.Status = .ok, session: WebSession?, notice: String? = nil, error: String? = nil
    ) -> Response {
        let loggedIn = session.flatMap { bookingId(of: $0) } != nil
        let chrome = PageChrome(
            title: title, language: language, path: path, notice: notice, error: error,
            logoutAction: loggedIn ? "/portal/logout" : nil, logoutLabel: PortalText.word("logout", language),
            csrfToken: session?.csrfToken)
        return WebResponse.html(status, renderer.render(template, context, chrome: chrome))
    }

    /// The session to show a login form with: the live one, else a new anonymous one.
    func formSession(_ request: Request) -> (id: String, session: WebSession, isNew: Bool) {
        if let (id, session) = sessions.session(for: request, now: now()) { return (id, session, false) }
        let (id, session) = sessions.start(subject: nil, now: now())
        return (id, session, true)
    }

    // MARK: Login

    func loginPage(_ request: Request) -> Response {
        let (id, session, isNew) = formSession(request)
        if bookingId(of: session) != nil { return WebResponse.redirect(to: "/portal/booking") }
        let language = language(request, sessionId: id, session: session)
        let flash = sessions.takeFlash(id)
        var response = loginForm(
            language: language, session: session, status: .ok, notice: flash.notice, error: flash.error)
        if isNew { response.setCookie(sessions.cookie(for: id)) }
        return response
    }

    func loginForm(
        language: WebLanguage, session: WebSession, status: HTTPResponse.Status, reference: String = "",
        email: String = "", notice: String? = nil, error: String? = nil
    ) -> Response {
        page(
            "login",
            ["t": PortalText.words(language), "csrf": session.csrfToken, "reference": reference, "email": email],
            title: PortalText.word("loginTitle", language), language: language, path: "/portal", status: status,
            session: nil, notice: notice, error: error)
    }

    func login(_ request: Request, client: String) async -> Response {
        let checked: CSRFProtection.CheckedForm
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .success(let form): checked = form
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        let reference = String((checked.form["reference"] ?? "").trimmingCharacters(in: .whitespaces).prefix(64))
        let email = String((checked.form["email"] ?? "").trimmingCharacters(in: .whitespaces).prefix(254))
        let bookingKey = "booking:" + reference.uppercased()
        if let refused = rateLimited(["client:" + client, bookingKey], language: language, session: checked.session) {
            return refused
        }
        guard let bookingId = PortalLogin.booking(reference: reference, email: email, in: ledger) else {
            return loginForm(
                language: language, session: checked.session, status: .unauthorized, reference: reference,
                email: email, error: PortalText.word("loginFailed", language))
        }
        limiter.reset(bookingKey)
        return loggedIn(bookingId, replacing: checked.sessionId)
    }

    /// Counts a login attempt against the keys: `nil` when it may go ahead, else 429 with
    /// `Retry-After` and the login form.
    func rateLimited(_ keys: [String], language: WebLanguage, session: WebSession) -> Response? {
        guard case .limited(let retryAfter) = limiter.admit(keys, now: now()) else { return nil }
        var response = loginForm(
            language: language, session: session, status: .tooManyRequests,
            error: PortalText.word("rateLimited", language))
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }

    /// Rotates the session to the booking's and goes to the booking page.
    func loggedIn(_ bookingId: Identifier, replacing oldId: String) -> Response {
        let (id, _) = sessions.rotate(oldId, subject: Self.subjectPrefix + bookingId.value, now: now())
        var response = WebResponse.redirect(to: "/portal/booking")
        response.setCookie(sessions.cookie(for: id))
        return response
    }

    func linkPage(_ request: Request, token: String?) -> Response {
        let (id, session, isNew) = formSession(request)
        let language = language(request, sessionId: id, session: session)
        var response = page(
            "link", ["t": PortalText.words(language), "csrf": session.csrfToken, "token": token ?? ""],
            title: PortalText.word("linkTitle", language), language: language, path: request.uri.path,
            session: nil)
        if isNew { response.setCookie(sessions.cookie(for: id)) }
        return response
    }

    func redeemLink(_ request: Request, client: String) async -> Response {
        let checked: CSRFProtection.CheckedForm
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .success(let form): checked = form
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        if let refused = rateLimited(["client:" + client], language: language, session: checked.session) {
            return refused
        }
        let token = String((checked.form["token"] ?? "").prefix(256))
        guard !token.isEmpty, let bookingId = await services.links.redeem(token), ledger.booking(bookingId) != nil
        else {
            return loginForm(
                language: language, session: checked.session, status: .unauthorized,
                error: PortalText.word("linkFailed", language))
        }
        return loggedIn(bookingId, replacing: checked.sessionId)
    }

    func logout(_ request: Request) async -> Response {
        let checked: CSRFProtection.CheckedForm
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .success(let form): checked = form
        case .failure(let refusal): return refusal.response
        }
        let language = language(request, sessionId: checked.sessionId, session: checked.session)
        sessions.end(checked.sessionId)
        let (id, _) = sessions.start(subject: nil, attributes: ["lang": language.rawValue], now: now())
        sessions.flash(id, notice: PortalText.word("loggedOut", language))
        var response = WebResponse.redirect(to: "/portal")
        response.setCookie(sessions.cookie(for: id))
        return response
    }

    // MARK: The booking page

    func bookingPage(_ request: Request) -> Response {
        guard let (id, session) = sessions.session(for: request, now: now()), let bookingId = bookingId(of: session),
            let booking = ledger.booking(bookingId)
        else {
            let (id, _) = sessions.start(subject: nil, now: now())
            let language = language(request, sessionId: nil, session: nil)
            sessions.flash(id, error: PortalText.word("sessionEnded", language))
            var response = WebResponse.redirect(to: "/portal")
            response.setCookie(sessions.cookie(for: id))
            return response
        }
        let language = language(request, sessionId: id, session: session)
        let flash = sessions.takeFlash(id)
        let view = PortalBookingView(
            booking: booking, autopay: ledger.autopay(of: bookingId), today: ledger.today, language: language)
        return page(
            "booking", view.context(csrf: session.csrfToken),
            title: PortalText.word("bookingTitle", language) + " " + bookingId.value, language: language,
            path: "/portal/booking", session: session, notice: flash.notice, error: flash.error)
    }

    /// A logged-in customer's checked form: the session is live, the CSRF token right and the
    /// session belongs to a booking; else 403.
    func customerForm(_ request: Request) async -> Result<(CSRFProtection.CheckedForm, Identifier), ResponseRefusal> {
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let checked):
            guard let bookingId = bookingId(of: checked.session) else {
                return .failure(ResponseRefusal(response: WebResponse.text(.forbidden, "log in to your booking first")))
            }
            return .success((checked, bookingId))
        }
    }
}
