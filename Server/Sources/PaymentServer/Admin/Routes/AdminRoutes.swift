import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PaymentLedger
import StringPayments

/// The back office (`/admin/…`), seed 001, for staff users (``StaffUser``).
///
/// | Route | What |
/// |---|---|
/// | `GET /admin/login`, `POST /admin/login` | the login form; 303 to `/admin`, 401 for a wrong name or password (same answer), 429 over the rate limit |
/// | `POST /admin/logout` | ends the session |
/// | `GET /admin` | the finance dashboard |
/// | `GET /admin/unpaid`, `/negative-balances`, `/unregistered`, `/refunds`, `/settlement-exceptions` | the lists with their filters; `?format=csv` downloads the tool's CSV |
/// | `GET /admin/refunds/print` | the pending refunds' print view |
/// | `POST /admin/unregistered/assign` | assigns an unregistered payment to a booking |
/// | `GET /admin/bookings/ID` | the booking page |
/// | `POST /admin/bookings/ID/release`, `/comments`, `/gds/RECORD` | release switch, comment, GDS record edit |
/// | `GET /admin/bookings/ID/refund`, `POST …/refund` | the refund's confirmation step, then the refund |
/// | `GET /admin/bank-statements`, `POST …` | camt upload (multipart/form-data, size-limited) and its import report |
/// | `GET /admin/runs`, `/admin/runs/ID` | the scheduler's run reports |
/// | `POST /admin/runs/balances-export` | runs the balances export now (administrator only, else 403) |
/// | `POST /admin/unpaid/reminders` | sends a balance reminder with a one-time payment link to every booking of the filtered unpaid list (when a mail path is configured) |
///
/// Pages without a logged-in staff session redirect (303) to the login; every POST needs the
/// session's CSRF token (403 without). Every change is made by ``AdminActions`` as `user:NAME`.
struct AdminRoutes: Sendable {
    static let cookieName = "drv_admin"
    static let subjectPrefix = "user:"
    /// The largest bank statement upload, 8 MiB.
    static let maxUploadBytes = 8 << 20

    let ledger: Ledger
    let scheduler: Scheduler
    let staff: StaffDirectory
    let sessions: SessionStore
    let limiter: RateLimiter
    let renderer: WebRenderer
    let actions: AdminActions
    /// Balance reminders, when the configuration has a mail path; `nil` hides the button.
    let reminders: ReminderService?
    let now: @Sendable () -> Date

    /// Adds the back office's routes to the router: the one call the app builder makes.
    ///
    /// - Parameters:
    ///   - router: The router.
    ///   - server: The server, for its ledger, gateway, scheduler, configuration and clock.
    /// - Throws: ``ServerError`` with code `invalid-template` (a programming error).
    static func register(on router: Router<ServerRequestContext>, server: PaymentServerApp) throws(ServerError) {
        let configuration = server.configuration
        let routes = AdminRoutes(
            ledger: server.ledger, scheduler: server.scheduler, staff: StaffDirectory(configuration.staff),
            sessions: SessionStore(
                cookieName: cookieName, idleLifetime: configuration.sessionLifetimeSeconds,
                absoluteLifetime: configuration.sessionAbsoluteLifetimeSeconds,
                secureCookies: configuration.secureCookies),
            limiter: RateLimiter(limit: configuration.loginAttemptsPerWindow, window: configuration.loginWindowSeconds),
            renderer: try WebRenderer(
                operatorName: configuration.operatorName, branding: configuration.branding,
                templates: AdminTemplates.all),
            actions: AdminActions(ledger: server.ledger, gateway: server.handler.gateway, scheduler: server.scheduler),
            reminders: reminderService(configuration, ledger: server.ledger, logger: server.logger),
            now: server.now)
        routes.add(to: router, branding: configuration.branding)
    }

    /// The reminder service of a configuration with a mail path (SMTP relay or sendmail), else `nil`.
    static func reminderService(_ configuration: ServerConfiguration, ledger: Ledger, logger: Logger) -> ReminderService? {
        guard configuration.mail.smtpHost != nil || configuration.mail.sendmailPath != nil else { return nil }
        do {
            return ReminderService(
                ledger: ledger, sender: configuration.mail.makeSender(),
                composer: try MailComposer(configuration: configuration), baseURL: configuration.baseURL)
        } catch {
            logger.error("balance reminders are off: \(error)")
            return nil
        }
    }

    func add(to router: Router<ServerRequestContext>, branding: Branding) {
        let group = router.group("/admin").add(middleware: SecurityHeadersMiddleware(branding: branding))
        group.get("/login") { request, _ in self.loginPage(request) }
        group.post("/login") { request, context in await self.login(request, client: context.clientAddress) }
        group.post("/logout") { request, _ in await self.logout(request) }
        group.get("") { request, _ in
            self.view(request, path: "/admin") { _ in
                OtherPages.dashboard(self.ledger, runs: self.scheduler.reports.list())
            }
        }
        group.get("/unpaid") { request, _ in
            self.list(request, path: "/admin/unpaid", name: "unpaid-bookings") { filters, csrf in
                (
                    ListPages.unpaid(
                        self.ledger, filters: filters,
                        reminders: self.reminders == nil ? "" : ListPages.reminderForm(filters, csrf: csrf)),
                    { ListPages.unpaidCSV(self.ledger, filters: filters) }
                )
            }
        }
        group.post("/unpaid/reminders") { request, _ in
            await self.asyncChange(request) { form, user throws(AdminActions.Refusal) in
                guard let reminders = self.reminders else {
                    throw AdminActions.Refusal(
                        message: "No mail path is configured (mail.smtpHost or mail.sendmailPath): no reminder was sent.")
                }
                let filters = ListFilters(
                    Dictionary(form.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }))
                let report = await reminders.acting(as: .user(user.name)).sendReminders(matching: filters.unpaid)
                let skipped = report.lines.count - report.sentCount - report.failedCount
                return (
                    "/admin/unpaid",
                    "Balance reminders: \(report.sentCount) sent, \(report.failedCount) failed, \(skipped) skipped."
                )
            }
        }
        group.get("/negative-balances") { request, _ in
            self.list(request, path: "/admin/negative-balances", name: "negative-balances") { filters, _ in
                (
                    ListPages.negativeBalances(self.ledger, filters: filters),
                    { ListPages.negativeBalancesCSV(self.ledger, filters: filters) }
                )
            }
        }
        group.get("/unregistered") { request, _ in
            self.list(request, path: "/admin/unregistered", name: "unregistered-payments") { _, csrf in
                (ListPages.unregistered(self.ledger, csrf: csrf), { ListPages.unregisteredCSV(self.ledger) })
            }
        }
        group.get("/refunds") { request, _ in
            self.list(request, path: "/admin/refunds", name: "pending-refunds") { _, _ in
                (ListPages.refunds(self.ledger, print: false), { ListPages.refundsCSV(self.ledger) })
            }
        }
        group.get("/refunds/print") { request, _ in
            self.view(request, path: "/admin/refunds/print", navigation: false) { _ in
                ListPages.refunds(self.ledger, print: true)
            }
        }
        group.get("/settlement-exceptions") { request, _ in
            self.list(request, path: "/admin/settlement-exceptions", name: "card-settlement-exceptions") { _, _ in
                (ListPages.settlementExceptions(self.ledger), { ListPages.settlementExceptionsCSV(self.ledger) })
            }
        }
        group.post("/unregistered/assign") { request, _ in
            await self.change(request) { form, user throws(AdminActions.Refusal) in
                let booking = try self.actions.assign(reference: form["reference"], booking: form["booking"], by: user)
                return (
                    "/admin/bookings/\(AdminHTML.percentEncoded(booking.id.value))",
                    "Payment \(form["reference"] ?? "") assigned to booking \(booking.id.value)."
                )
            }
        }
        group.get("/bookings/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return self.view(request, path: "/admin/bookings") { session in
                guard let booking = self.ledger.booking(Identifier(stringLiteral: id)) else { return nil }
                return BookingPage.render(
                    booking, ledger: self.ledger, csrf: self.csrfField(session), notice: nil)
            }
        }
        group.get("/bookings/:id/refund") { request, context in
            let id = context.parameters.get("id") ?? ""
            return self.view(request, path: "/admin/bookings") { session in
                guard let booking = self.ledger.booking(Identifier(stringLiteral: id)) else { return nil }
                return BookingPage.refundConfirmation(booking, csrf: self.csrfField(session))
            }
        }
        group.post("/bookings/:id/release") { request, context in
            let id = Identifier(stringLiteral: context.parameters.get("id") ?? "")
            return await self.change(request) { form, user throws(AdminActions.Refusal) in
                let released = form["released"] == "1"
                try self.actions.setRelease(released, booking: id, by: user)
                return (Self.bookingPath(id), released ? "Payment released." : "Release withdrawn.")
            }
        }
        group.post("/bookings/:id/comments") { request, context in
            let id = Identifier(stringLiteral: context.parameters.get("id") ?? "")
            return await self.change(request) { form, user throws(AdminActions.Refusal) in
                try self.actions.addComment(form["text"], booking: id, by: user)
                return (Self.bookingPath(id), "Comment added.")
            }
        }
        group.post("/bookings/:id/gds/:record") { request, context in
            let id = Identifier(stringLiteral: context.parameters.get("id") ?? "")
            let record = Identifier(stringLiteral: context.parameters.get("record") ?? "")
            return await self.change(request) { form, user throws(AdminActions.Refusal) in
                let fields = Dictionary(
                    form.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                try self.actions.editGDS(record, booking: id, fields: fields, by: user)
                return (Self.bookingPath(id), "GDS record \(record.value) saved.")
            }
        }
        group.post("/bookings/:id/refund") { request, context in
            let id = Identifier(stringLiteral: context.parameters.get("id") ?? "")
            return await self.asyncChange(request) { form, user throws(AdminActions.Refusal) in
                guard form["confirm"] == "1" else {
                    return ("\(Self.bookingPath(id))/refund", "Confirm the refund first.")
                }
                let refund = try await self.actions.refund(
                    booking: id, amount: form["amount"], method: form["method"], reference: form["reference"], by: user)
                return (
                    Self.bookingPath(id),
                    "Refund \(refund.identifier.value) of \(refund.amount.description): \(refund.status.rawValue)."
                )
            }
        }
        group.get("/bank-statements") { request, _ in
            self.view(request, path: "/admin/bank-statements") { session in
                OtherPages.bankUpload(
                    csrf: self.csrfField(session), maxBytes: Self.maxUploadBytes, report: nil, error: nil)
            }
        }
        group.post("/bank-statements") { request, _ in await self.uploadStatement(request) }
        group.get("/runs") { request, _ in
            self.view(request, path: "/admin/runs") { session in
                let user = self.user(of: session)
                return OtherPages.runs(
                    self.scheduler.reports.list(), csrf: self.csrfField(session),
                    mayRunJobs: user?.role.mayRunJobs ?? false, notice: nil)
            }
        }
        group.get("/runs/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return self.view(request, path: "/admin/runs") { _ in
                self.scheduler.reports.report(id: id).map(OtherPages.run)
            }
        }
        group.post("/runs/balances-export") { request, _ in
            await self.asyncChange(request, requiresJobs: true) { _, user in
                guard let report = await self.scheduler.runNow(.balancesExport, trigger: "user:\(user.name)") else {
                    return ("/admin/runs", "The balances export is running already.")
                }
                return ("/admin/runs/\(report.id)", "Balances export: \(report.outcome.rawValue). \(report.message)")
            }
        }
    }

    static func bookingPath(_ id: Identifier) -> String { "/admin/bookings/\(AdminHTML.percentEncoded(id.value))" }

    // MARK: Sessions

    func user(of session: WebSession) -> StaffUser? {
        guard let subject = session.subject, subject.hasPrefix(Self.subjectPrefix) else { return nil }
        return staff.user(String(subject.dropFirst(Self.subjectPrefix.count)))
    }

    func csrfField(_ session: WebSession) -> SafeHTML {
        "<input type=\"hidden\" name=\"\(CSRFProtection.fieldName)\" value=\"\(session.csrfToken)\">"
    }

    /// A page in the layout.
    func page(
        _ page: ListPages.Page, path: String, session: WebSession, user: StaffUser?, status: HTTPResponse.Status = .ok,
        notice: String? = nil, error: String? = nil, navigation: Bool = true
    ) -> Response {
        let chrome = PageChrome(
            title: page.title, path: path, notice: notice, error: error,
            logoutAction: user == nil ? nil : "/admin/logout", csrfToken: session.csrfToken)
        var context: [String: Any] = ["title": page.title, "html": page.body.raw]
        if navigation { context["navigation"] = AdminHTML.navigation(current: path).raw }
        if let user {
            context["user"] = user.name
            context["role"] = user.role.rawValue
        }
        return WebResponse.html(status, renderer.render("admin-page", context, chrome: chrome))
    }

    /// A page for a logged-in staff member: 303 to the login without one, 404 when `build` gives nothing.
    func view(
        _ request: Request, path: String, navigation: Bool = true, _ build: (WebSession) -> ListPages.Page?
    ) -> Response {
        guard let (id, session) = sessions.session(for: request, now: now()), let user = user(of: session) else {
            return WebResponse.redirect(to: "/admin/login")
        }
        let flash = sessions.takeFlash(id)
        guard let built = build(session) else {
            return page(
                ListPages.Page(title: "Not found", body: "<p>There is no such page.</p>"), path: path, session: session,
                user: user, status: .notFound)
        }
        return page(
            built, path: path, session: session, user: user, notice: flash.notice, error: flash.error,
            navigation: navigation)
    }

    /// A list page, or its CSV with `?format=csv`.
    func list(
        _ request: Request, path: String, name: String,
        _ build: (ListFilters, SafeHTML) -> (ListPages.Page, () -> String)
    ) -> Response {
        let parameters = ListFilters.parse(query: request.uri.query ?? "")
        let filters = ListFilters(parameters)
        guard parameters["format"] == "csv" else {
            return view(request, path: path) { session in build(filters, csrfField(session)).0 }
        }
        guard let (_, session) = sessions.session(for: request, now: now()), user(of: session) != nil else {
            return WebResponse.redirect(to: "/admin/login")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(name).csv\""
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: build(filters, "").1())))
    }

    // MARK: Changes

    /// A checked POST by a logged-in staff member: 403 without session, token or (for jobs) role.
    func checked(
        _ request: Request, requiresJobs: Bool
    ) async -> Result<(CSRFProtection.CheckedForm, StaffUser), ResponseRefusal> {
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let checked):
            guard let user = user(of: checked.session) else {
                return .failure(
                    ResponseRefusal(response: WebResponse.text(.forbidden, "log in to the back office first")))
            }
            guard !requiresJobs || user.role.mayRunJobs else {
                return .failure(
                    ResponseRefusal(response: WebResponse.text(.forbidden, "only an administrator starts jobs by hand"))
                )
            }
            return .success((checked, user))
        }
    }

    /// Runs a change and redirects (303) with its message, or back with the ledger's refusal.
    func change(
        _ request: Request, _ body: (FormData, StaffUser) throws(AdminActions.Refusal) -> (String, String)
    ) async -> Response {
        await asyncChange(request) { form, user throws(AdminActions.Refusal) in try body(form, user) }
    }

    func asyncChange(
        _ request: Request, requiresJobs: Bool = false,
        _ body: (FormData, StaffUser) async throws(AdminActions.Refusal) -> (String, String)
    ) async -> Response {
        let checked: CSRFProtection.CheckedForm
        let user: StaffUser
        switch await self.checked(request, requiresJobs: requiresJobs) {
        case .failure(let refusal): return refusal.response
        case .success(let pair): (checked, user) = pair
        }
        do {
            let (location, notice) = try await body(checked.form, user)
            sessions.flash(checked.sessionId, notice: notice)
            return WebResponse.redirect(to: location)
        } catch {
            sessions.flash(checked.sessionId, error: error.message)
            let back = request.headers[.referer].flatMap { URL(string: $0)?.path } ?? "/admin"
            return WebResponse.redirect(to: back.hasPrefix("/admin") ? back : "/admin")
        }
    }

    /// The bank statement upload: multipart/form-data up to ``maxUploadBytes``, CSRF token in the form.
    func uploadStatement(_ request: Request) async -> Response {
        guard let (id, session) = sessions.session(for: request, now: now()), let user = user(of: session) else {
            return WebResponse.text(.forbidden, "log in to the back office first")
        }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else {
            return WebResponse.text(.unsupportedMediaType, "send the statement as multipart/form-data")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: Self.maxUploadBytes)
        } catch {
            return WebResponse.text(.contentTooLarge, "the statement is larger than \(Self.maxUploadBytes >> 20) MiB")
        }
        guard let form = MultipartForm(body: Data(buffer.readableBytesView), boundary: boundary) else {
            return WebResponse.text(.badRequest, "the upload is not a valid multipart/form-data body")
        }
        let token = form.part(named: CSRFProtection.fieldName).map { String(decoding: $0.data, as: UTF8.self) } ?? ""
        guard SecretHash.constantTimeEquals(token, session.csrfToken) else {
            return WebResponse.text(.forbidden, "the form's security token is missing or wrong; reload the page")
        }
        let csrf = csrfField(session)
        guard let file = form.part(named: "statement"), !file.data.isEmpty else {
            return page(
                OtherPages.bankUpload(csrf: csrf, maxBytes: Self.maxUploadBytes, report: nil, error: "Choose a file."),
                path: "/admin/bank-statements", session: session, user: user, status: .badRequest)
        }
        _ = id
        do {
            let report = try actions.importBankStatement(file.data, by: user)
            return page(
                OtherPages.bankUpload(csrf: csrf, maxBytes: Self.maxUploadBytes, report: report, error: nil),
                path: "/admin/bank-statements", session: session, user: user)
        } catch {
            return page(
                OtherPages.bankUpload(csrf: csrf, maxBytes: Self.maxUploadBytes, report: nil, error: error.message),
                path: "/admin/bank-statements", session: session, user: user, status: .unprocessableContent)
        }
    }

    // MARK: Login

    func loginPage(_ request: Request) -> Response {
        let (id, session, isNew): (String, WebSession, Bool)
        if let (existing, live) = sessions.session(for: request, now: now()) {
            (id, session, isNew) = (existing, live, false)
        } else {
            let (new, fresh) = sessions.start(subject: nil, now: now())
            (id, session, isNew) = (new, fresh, true)
        }
        if user(of: session) != nil { return WebResponse.redirect(to: "/admin") }
        let flash = sessions.takeFlash(id)
        var response = loginForm(session: session, status: .ok, notice: flash.notice, error: flash.error)
        if isNew { response.setCookie(sessions.cookie(for: id)) }
        return response
    }

    func loginForm(
        session: WebSession, status: HTTPResponse.Status, name: String = "", notice: String? = nil, error: String? = nil
    ) -> Response {
        let chrome = PageChrome(
            title: "Back office login", path: "/admin/login", notice: notice, error: error, csrfToken: session.csrfToken
        )
        return WebResponse.html(
            status, renderer.render("admin-login", ["csrf": session.csrfToken, "name": name], chrome: chrome))
    }

    func login(_ request: Request, client: String) async -> Response {
        let checked: CSRFProtection.CheckedForm
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .success(let form): checked = form
        case .failure(let refusal): return refusal.response
        }
        let name = String((checked.form["name"] ?? "").trimmingCharacters(in: .whitespaces).prefix(64))
        let password = String((checked.form["password"] ?? "").prefix(1_024))
        let userKey = "staff:" + name.lowercased()
        if case .limited(let retryAfter) = limiter.admit(["staff-client:" + client, userKey], now: now()) {
            var response = loginForm(
                session: checked.session, status: .tooManyRequests, name: name,
                error: "Too many attempts; try again later.")
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        guard let user = staff.authenticate(name: name, password: password) else {
            return loginForm(
                session: checked.session, status: .unauthorized, name: name, error: "Wrong user name or password.")
        }
        limiter.reset(userKey)
        let (id, _) = sessions.rotate(checked.sessionId, subject: Self.subjectPrefix + user.name, now: now())
        var response = WebResponse.redirect(to: "/admin")
        response.setCookie(sessions.cookie(for: id))
        return response
    }

    func logout(_ request: Request) async -> Response {
        switch await CSRFProtection.checkedForm(request, store: sessions, now: now()) {
        case .failure(let refusal): return refusal.response
        case .success(let checked):
            sessions.end(checked.sessionId)
            var response = WebResponse.redirect(to: "/admin/login")
            response.setCookie(sessions.removalCookie)
            return response
        }
    }
}
