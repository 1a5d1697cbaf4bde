public import Foundation
import Mustache
public import PaymentLedger
import StringPayments
import XMLCoding

/// Writes the customer mails from a booking: receipts and balance reminders, each as a
/// ``MailMessage`` with a text and an HTML part, in the operator's branding, in German or
/// English.
///
/// Amounts are the booking's, in its currency, formatted for the language by the portal's
/// ``LocalizedFormat`` from the ledger's exact minor units (`1.234,50 €`, `€1,234.50`); nothing is
/// rounded or converted. Dates are the language's too.
public struct MailComposer: Sendable {
    /// The sender of every mail.
    public var from: MailAddress
    /// The operator's branding.
    public var branding: MailBranding
    /// The language of a mail when the caller names none (no portal session tells the
    /// customer's, and STRING carries no language for a booking). Default German.
    public var defaultLanguage: WebLanguage
    private let templates: MustacheLibrary

    /// Creates a composer.
    ///
    /// - Parameters:
    ///   - from: The sender.
    ///   - branding: The operator's branding.
    ///   - defaultLanguage: The language of mails whose caller names none. Default German.
    /// - Throws: ``MailError`` with code `composition-failed` if a template does not parse.
    public init(from: MailAddress, branding: MailBranding, defaultLanguage: WebLanguage = .de) throws(MailError) {
        self.from = from
        self.branding = branding
        self.defaultLanguage = defaultLanguage
        do {
            var parsed: [String: MustacheTemplate] = [:]
            for (name, text) in MailTemplates.all { parsed[name] = try MustacheTemplate(string: text) }
            templates = MustacheLibrary(templates: parsed)
        } catch {
            throw MailError(code: .compositionFailed, message: "a mail template does not parse: \(error)")
        }
    }

    /// A composer for a server configuration: its sender, branding and mail language.
    ///
    /// - Parameter configuration: The configuration.
    /// - Throws: ``MailError`` with code `invalid-header` for a bad sender address.
    public init(configuration: ServerConfiguration) throws(MailError) {
        try self.init(
            from: try MailAddress(
                configuration.mail.fromAddress, name: configuration.mail.fromName ?? configuration.operatorName),
            branding: MailBranding(configuration: configuration),
            defaultLanguage: WebLanguage(rawValue: configuration.mail.language) ?? .de)
    }

    /// A receipt for a payment or an approval: the booking reference, what was paid or approved,
    /// the price, what is paid and what remains.
    ///
    /// - Parameters:
    ///   - event: What the receipt confirms.
    ///   - booking: The booking after the payment or approval.
    ///   - portalLink: A link to the booking in the portal, if any.
    ///   - language: The customer's language; `nil` takes ``defaultLanguage``.
    ///   - date: The mail's date; default now.
    /// - Returns: The message to the booking's customer email.
    /// - Throws: ``MailError`` with code `composition-failed` (no customer email, or an unknown
    ///   payment) or `invalid-header`.
    public func receipt(
        for event: CustomerMailEvent, of booking: LedgerBooking, portalLink: String? = nil,
        language: WebLanguage? = nil, date: Date = Date()
    ) throws(MailError) -> MailMessage {
        let language = language ?? defaultLanguage
        let recipient = try customer(of: booking)
        func money(_ amount: CurrencyAmount) -> String { LocalizedFormat.money(amount, language) }
        let german = language == .de
        var context = base(booking: booking, recipient: recipient, language: language)
        let subject: String
        switch event {
        case .payment(let paymentId):
            guard let payment = booking.payment(paymentId) else {
                throw MailError(
                    code: .compositionFailed, message: "booking \(booking.id) has no payment \(paymentId) to confirm")
            }
            subject =
                german
                ? "Zahlungsbestätigung: \(money(payment.amount)) für Buchung \(booking.id)"
                : "Receipt: \(money(payment.amount)) for booking \(booking.id)"
            var fields: [String: Any] = [
                "id": payment.identifier.description, "amount": money(payment.amount),
                "status": PortalText.word(payment.status.rawValue, language),
            ]
            if let day = payment.settlementDate ?? payment.entryDate {
                fields["date"] = LocalizedFormat.date(day, language)
            }
            context["payment"] = fields
        case .approval(let approvals):
            guard let first = approvals.first else {
                throw MailError(code: .compositionFailed, message: "an approval receipt needs an approval")
            }
            let total = approvals.reduce(Decimal(0)) { $0 + $1.amount.amount }
            subject =
                german
                ? "Bestätigung: Zahlungen freigegeben für Buchung \(booking.id)"
                : "Receipt: payments approved for booking \(booking.id)"
            context["approval"] =
                [
                    "count": approvals.count, "plural": approvals.count != 1,
                    "total": money(CurrencyAmount(amount: total, currency: first.amount.currency)),
                    "items": approvals.map { approval in
                        ["due": LocalizedFormat.date(approval.dueDate, language), "amount": money(approval.amount)]
                    },
                ] as [String: Any]
        }
        context["subject"] = subject
        // Absent rather than nil, so that the template's section is skipped.
        if let portalLink { context["link"] = portalLink }
        return try message(
            to: recipient, subject: subject, template: "receipt.\(language.rawValue)", context: context, date: date)
    }

    /// A balance reminder: the balance owing, the booking reference and a one-time payment link.
    ///
    /// - Parameters:
    ///   - booking: The booking.
    ///   - link: The portal link (``PortalToken/link(baseURL:)``).
    ///   - validUntil: When the link expires.
    ///   - language: The customer's language; `nil` takes ``defaultLanguage``.
    ///   - date: The mail's date; default now.
    /// - Returns: The message to the booking's customer email.
    /// - Throws: ``MailError`` with code `composition-failed` (no customer email) or
    ///   `invalid-header`.
    public func reminder(
        for booking: LedgerBooking, link: String, validUntil: Date, language: WebLanguage? = nil, date: Date = Date()
    ) throws(MailError) -> MailMessage {
        let language = language ?? defaultLanguage
        let recipient = try customer(of: booking)
        let balance = LocalizedFormat.money(booking.openAmount, language)
        let subject =
            language == .de
            ? "Offener Betrag von \(balance) für Buchung \(booking.id)"
            : "Balance of \(balance) owing on booking \(booking.id)"
        let context = base(booking: booking, recipient: recipient, language: language).merging([
            "subject": subject, "balance": balance, "link": link,
            "validUntil": Self.instant(validUntil, language),
            "departure": LocalizedFormat.date(booking.departureDate, language),
        ]) { $1 }
        return try message(
            to: recipient, subject: subject, template: "reminder.\(language.rawValue)", context: context, date: date)
    }

    private func customer(of booking: LedgerBooking) throws(MailError) -> MailAddress {
        guard let email = booking.customerEmail, !email.isEmpty else {
            throw MailError(code: .compositionFailed, message: "booking \(booking.id) has no customer email")
        }
        return try MailAddress(email, name: booking.customerName)
    }

    private func base(booking: LedgerBooking, recipient: MailAddress, language: WebLanguage) -> [String: Any] {
        var brand: [String: Any] = [
            "name": branding.operatorName, "colour": branding.brandColour, "textColour": branding.brandTextColour,
        ]
        if let logo = branding.logoURL { brand["logoURL"] = logo }
        var context: [String: Any] = [
            "lang": language.rawValue, "brand": brand, "reference": booking.id.description,
            "totalPrice": LocalizedFormat.money(booking.totalPrice, language),
            "paid": LocalizedFormat.money(booking.paidAmount, language),
            "remaining": LocalizedFormat.money(booking.openAmount, language),
        ]
        if let name = recipient.name, !name.isEmpty { context["customerName"] = name }
        return context
    }

    private func message(
        to recipient: MailAddress, subject: String, template: String, context: [String: Any], date: Date
    ) throws(MailError) -> MailMessage {
        guard let text = templates.render(context, withTemplate: template + ".txt"),
            let html = templates.render(context, withTemplate: template + ".html")
        else {
            throw MailError(code: .compositionFailed, message: "the \(template) template is missing")
        }
        let message = MailMessage(from: from, to: [recipient], subject: subject, text: text, html: html, date: date)
        _ = try message.rendered()
        return message
    }

    /// An instant in UTC, to the minute, in the language's date form: `14.12.2026, 12:00 UTC`
    /// or `14 Dec 2026, 12:00 UTC`.
    static func instant(_ date: Date, _ language: WebLanguage) -> String {
        let day = XMLDate(daysSinceEpoch: Scheduler.utcDay(date))
        return LocalizedFormat.date(day, language) + ", " + MIMEEncoding.utc(date, format: "HH:mm") + " UTC"
    }
}
