public import Foundation
import Mustache
public import PaymentLedger
import StringPayments
import XMLCoding

/// Writes the customer mails from a booking: receipts and balance reminders, each as a
/// ``MailMessage`` with a text and an HTML part, in the operator's branding.
///
/// Amounts are the booking's, in its currency, written with exactly the currency's minor units
/// (`1,234.50 EUR`); nothing is rounded or converted.
public struct MailComposer: Sendable {
    /// The sender of every mail.
    public var from: MailAddress
    /// The operator's branding.
    public var branding: MailBranding
    private let templates: MustacheLibrary

    /// Creates a composer.
    ///
    /// - Parameters:
    ///   - from: The sender.
    ///   - branding: The operator's branding.
    /// - Throws: ``MailError`` with code `composition-failed` if a template does not parse.
    public init(from: MailAddress, branding: MailBranding) throws(MailError) {
        self.from = from
        self.branding = branding
        do {
            templates = MustacheLibrary(templates: [
                "receipt.txt": try MustacheTemplate(string: MailTemplates.receiptText),
                "receipt.html": try MustacheTemplate(string: MailTemplates.receiptHTML),
                "reminder.txt": try MustacheTemplate(string: MailTemplates.reminderText),
                "reminder.html": try MustacheTemplate(string: MailTemplates.reminderHTML),
            ])
        } catch {
            throw MailError(code: .compositionFailed, message: "a mail template does not parse: \(error)")
        }
    }

    /// A composer for a server configuration: its sender and branding.
    ///
    /// - Parameter configuration: The configuration.
    /// - Throws: ``MailError`` with code `invalid-header` for a bad sender address.
    public init(configuration: ServerConfiguration) throws(MailError) {
        try self.init(
            from: try MailAddress(
                configuration.mail.fromAddress, name: configuration.mail.fromName ?? configuration.operatorName),
            branding: MailBranding(configuration: configuration))
    }

    /// A receipt for a payment or an approval: the booking reference, what was paid or approved,
    /// the price, what is paid and what remains.
    ///
    /// - Parameters:
    ///   - event: What the receipt confirms.
    ///   - booking: The booking after the payment or approval.
    ///   - portalLink: A link to the booking in the portal, if any.
    ///   - date: The mail's date; default now.
    /// - Returns: The message to the booking's customer email.
    /// - Throws: ``MailError`` with code `composition-failed` (no customer email, or an unknown
    ///   payment) or `invalid-header`.
    public func receipt(
        for event: CustomerMailEvent, of booking: LedgerBooking, portalLink: String? = nil, date: Date = Date()
    ) throws(MailError) -> MailMessage {
        let recipient = try customer(of: booking)
        var lines: [[String: String]] = []
        let headline: String
        let subject: String
        switch event {
        case .payment(let paymentId):
            guard let payment = booking.payment(paymentId) else {
                throw MailError(
                    code: .compositionFailed, message: "booking \(booking.id) has no payment \(paymentId) to confirm")
            }
            headline = "We have received your payment of \(Self.money(payment.amount))."
            subject = "Receipt: \(Self.money(payment.amount)) for booking \(booking.id)"
            lines.append(["label": "Payment", "value": payment.identifier.description])
            if let day = payment.settlementDate ?? payment.entryDate {
                lines.append(["label": "Date", "value": day.xmlLexicalForm])
            }
            lines.append(["label": "Amount", "value": Self.money(payment.amount)])
            lines.append(["label": "Status", "value": payment.status.rawValue])
        case .approval(let approvals):
            guard let first = approvals.first else {
                throw MailError(code: .compositionFailed, message: "an approval receipt needs an approval")
            }
            let total = approvals.reduce(Decimal(0)) { $0 + $1.amount.amount }
            let amount = CurrencyAmount(amount: total, currency: first.amount.currency)
            headline =
                "You approved \(approvals.count) scheduled payment\(approvals.count == 1 ? "" : "s") of "
                + "\(Self.money(amount)) in all, to be collected with your stored card when due."
            subject = "Receipt: payments approved for booking \(booking.id)"
            for approval in approvals {
                lines.append([
                    "label": "Due \(approval.dueDate.xmlLexicalForm)", "value": Self.money(approval.amount),
                ])
            }
        }
        var context = base(booking: booking, recipient: recipient, subject: subject)
        context["headline"] = headline
        context["lines"] = lines
        // Absent rather than nil, so that the template's section is skipped.
        if let portalLink { context["link"] = portalLink }
        return try message(to: recipient, subject: subject, template: "receipt", context: context, date: date)
    }

    /// A balance reminder: the balance owing, the booking reference and a one-time payment link.
    ///
    /// - Parameters:
    ///   - booking: The booking.
    ///   - link: The portal link (``PortalToken/link(baseURL:)``).
    ///   - validUntil: When the link expires.
    ///   - date: The mail's date; default now.
    /// - Returns: The message to the booking's customer email.
    /// - Throws: ``MailError`` with code `composition-failed` (no customer email) or
    ///   `invalid-header`.
    public func reminder(
        for booking: LedgerBooking, link: String, validUntil: Date, date: Date = Date()
    ) throws(MailError) -> MailMessage {
        let recipient = try customer(of: booking)
        let balance = Self.money(booking.openAmount)
        let subject = "Balance of \(balance) owing on booking \(booking.id)"
        let context = base(booking: booking, recipient: recipient, subject: subject).merging([
            "balance": balance, "link": link, "validUntil": Self.instant(validUntil),
            "departure": booking.departureDate.xmlLexicalForm,
        ]) { $1 }
        return try message(to: recipient, subject: subject, template: "reminder", context: context, date: date)
    }

    private func customer(of booking: LedgerBooking) throws(MailError) -> MailAddress {
        guard let email = booking.customerEmail, !email.isEmpty else {
            throw MailError(code: .compositionFailed, message: "booking \(booking.id) has no customer email")
        }
        return try MailAddress(email, name: booking.customerName)
    }

    private func base(booking: LedgerBooking, recipient: MailAddress, subject: String) -> [String: Any] {
        var brand: [String: Any] = [
            "name": branding.operatorName, "colour": branding.brandColour, "textColour": branding.brandTextColour,
        ]
        if let logo = branding.logoURL { brand["logoURL"] = logo }
        let amounts: [[String: String]] = [
            ["label": "Total price", "value": Self.money(booking.totalPrice)],
            ["label": "Paid so far", "value": Self.money(booking.paidAmount)],
            ["label": "Remaining", "value": Self.money(booking.openAmount)],
        ]
        return [
            "brand": brand, "reference": booking.id.description, "subject": subject,
            "customerName": recipient.name ?? "customer", "amounts": amounts,
        ]
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

    /// `1,234.50 EUR`: grouped thousands, exactly the currency's minor units.
    static func money(_ amount: CurrencyAmount) -> String {
        grouped(amount.formattedAmount) + " " + amount.currency.code
    }

    /// A signed amount, such as a negative remaining balance: `-12.50 EUR`.
    static func money(_ amount: SignedCurrencyAmount) -> String {
        grouped(amount.formattedAmount) + " " + amount.currency.code
    }

    private static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first else { return text }
        var digits = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0, index % 3 == 0 { digits.append(",") }
            digits.append(character)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + String(digits.reversed()) + fraction
    }

    /// An instant in UTC, to the minute: `2026-12-14 12:00 UTC`.
    static func instant(_ date: Date) -> String {
        MIMEEncoding.utc(date, format: "yyyy-MM-dd HH:mm 'UTC'")
    }
}
