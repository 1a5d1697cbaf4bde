/// The Mustache templates of the customer mails: a text and an HTML one for each kind (receipt,
/// reminder) and language (German, English), named `KIND.LANGUAGE.txt` and `KIND.LANGUAGE.html`.
///
/// The HTML templates escape every value (`{{name}}`; nothing uses the unescaped `{{{name}}}`),
/// so a customer name or a booking field cannot add markup. The text templates declare
/// `CONTENT_TYPE: TEXT`, so their values are written as they are. Every amount and date arrives
/// formatted for the language (``LocalizedFormat``); the words are the templates' own. Colours
/// and the logo address come from the validated configuration; the HTML uses inline styles and
/// tables only, which is what mail clients render.
enum MailTemplates {
    /// Every template by its name in the ``MailComposer``'s library.
    static let all: [String: String] = [
        "receipt.en.txt": receiptTextEnglish, "receipt.en.html": receiptHTMLEnglish,
        "reminder.en.txt": reminderTextEnglish, "reminder.en.html": reminderHTMLEnglish,
        "receipt.de.txt": receiptTextGerman, "receipt.de.html": receiptHTMLGerman,
        "reminder.de.txt": reminderTextGerman, "reminder.de.html": reminderHTMLGerman,
    ]

    /// Shared by every HTML mail: the band with the logo or name, then the content.
    static let htmlHead = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{subject}}</title></head>
        <body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222222">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
        <table role="presentation" width="600" cellpadding="16" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff">
        <tr><td style="background:{{brand.colour}};color:{{brand.textColour}};font-size:20px;font-weight:bold">
        {{#brand.logoURL}}<img src="{{brand.logoURL}}" alt="{{brand.name}}" height="40" style="display:block;border:0">{{/brand.logoURL}}
        {{^brand.logoURL}}{{brand.name}}{{/brand.logoURL}}
        </td></tr>
        """

    static func htmlFoot(booking: String) -> String {
        """
        <tr><td style="font-size:12px;color:#555555">{{brand.name}} · \(booking) {{reference}}</td></tr>
        </table></td></tr></table></body></html>
        """
    }

    /// One row of an amounts table.
    static func row(_ label: String, _ value: String) -> String {
        "<tr><td>\(label)</td><td align=\"right\" style=\"white-space:nowrap\">\(value)</td></tr>\n"
    }

    static func amountsHTML(total: String, paid: String, remaining: String) -> String {
        """
        <table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse;width:100%">
        \(row(total, "{{totalPrice}}"))\(row(paid, "{{paid}}"))\(row(remaining, "{{remaining}}"))</table>
        """
    }

    static func button(_ text: String) -> String {
        """
        <p style="text-align:center;margin:24px 0"><a href="{{link}}" style="background:{{brand.colour}};color:{{brand.textColour}};padding:12px 24px;text-decoration:none;font-weight:bold;display:inline-block">\(text)</a></p>
        """
    }

    // MARK: English

    static let receiptTextEnglish = """
        {{% CONTENT_TYPE: TEXT}}Dear {{#customerName}}{{customerName}}{{/customerName}}{{^customerName}}customer{{/customerName}},

        {{#payment}}thank you. We have received your payment of {{amount}}.{{/payment}}{{#approval}}thank you. You approved {{count}} scheduled payment{{#plural}}s{{/plural}} of {{total}} in all, to be collected with your stored card when due.{{/approval}}

        Booking reference: {{reference}}
        {{#payment}}
          Payment: {{id}}
        {{#date}}
          Date: {{date}}
        {{/date}}
          Amount: {{amount}}
          Status: {{status}}
        {{/payment}}
        {{#approval}}
        {{#items}}
          Due {{due}}: {{amount}}
        {{/items}}
        {{/approval}}

        Total price: {{totalPrice}}
        Paid so far: {{paid}}
        Remaining: {{remaining}}
        {{#link}}

        Your booking, payments and schedule: {{link}}
        {{/link}}

        Kind regards
        {{brand.name}}

        """

    static let receiptHTMLEnglish =
        htmlHead + """
            <tr><td><p>Dear {{#customerName}}{{customerName}}{{/customerName}}{{^customerName}}customer{{/customerName}},</p>
            <p>thank you. {{#payment}}We have received your payment of {{amount}}.{{/payment}}{{#approval}}You approved {{count}} scheduled payment{{#plural}}s{{/plural}} of {{total}} in all, to be collected with your stored card when due.{{/approval}}</p>
            <p>Booking reference: <strong>{{reference}}</strong></p>
            <table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse;width:100%">
            {{#payment}}\(row("Payment", "{{id}}")){{#date}}\(row("Date", "{{date}}")){{/date}}\(row("Amount", "{{amount}}"))\(row("Status", "{{status}}")){{/payment}}
            {{#approval}}{{#items}}\(row("Due {{due}}", "{{amount}}")){{/items}}{{/approval}}</table>
            <hr style="border:0;border-top:1px solid #dddddd">
            """ + amountsHTML(total: "Total price", paid: "Paid so far", remaining: "Remaining")
            + """
            {{#link}}<p><a href="{{link}}" style="color:{{brand.colour}}">Your booking, payments and schedule</a></p>{{/link}}
            <p>Kind regards<br>{{brand.name}}</p></td></tr>
            """ + htmlFoot(booking: "Booking")

    static let reminderTextEnglish = """
        {{% CONTENT_TYPE: TEXT}}Dear {{#customerName}}{{customerName}}{{/customerName}}{{^customerName}}customer{{/customerName}},

        this is a friendly reminder that a balance of {{balance}} is owing on your booking {{reference}} (departure {{departure}}).

        Total price: {{totalPrice}}
        Paid so far: {{paid}}
        Remaining: {{remaining}}

        Pay it online with this one-time link (valid until {{validUntil}}):
        {{link}}

        If you have paid in the last few days, thank you, and please ignore this message.

        Kind regards
        {{brand.name}}

        """

    static let reminderHTMLEnglish =
        htmlHead + """
            <tr><td><p>Dear {{#customerName}}{{customerName}}{{/customerName}}{{^customerName}}customer{{/customerName}},</p>
            <p>this is a friendly reminder that a balance of <strong>{{balance}}</strong> is owing on your booking
            <strong>{{reference}}</strong> (departure {{departure}}).</p>
            """ + amountsHTML(total: "Total price", paid: "Paid so far", remaining: "Remaining")
        + button("Pay {{balance}} now") + """
            <p style="font-size:13px">The link works once, until {{validUntil}}. If the button does not work, copy this address into your browser:<br>{{link}}</p>
            <p>If you have paid in the last few days, thank you, and please ignore this message.</p>
            <p>Kind regards<br>{{brand.name}}</p></td></tr>
            """ + htmlFoot(booking: "Booking")

    // MARK: German

    static let receiptTextGerman = """
        {{% CONTENT_TYPE: TEXT}}Guten Tag{{#customerName}} {{customerName}}{{/customerName}},

        {{#payment}}vielen Dank. Wir haben Ihre Zahlung über {{amount}} erhalten.{{/payment}}{{#approval}}vielen Dank. Sie haben {{count}} geplante Zahlung{{#plural}}en{{/plural}} über insgesamt {{total}} freigegeben; sie {{#plural}}werden{{/plural}}{{^plural}}wird{{/plural}} bei Fälligkeit von Ihrer hinterlegten Karte abgebucht.{{/approval}}

        Buchungsnummer: {{reference}}
        {{#payment}}
          Zahlung: {{id}}
        {{#date}}
          Datum: {{date}}
        {{/date}}
          Betrag: {{amount}}
          Status: {{status}}
        {{/payment}}
        {{#approval}}
        {{#items}}
          Fällig am {{due}}: {{amount}}
        {{/items}}
        {{/approval}}

        Reisepreis: {{totalPrice}}
        Bisher bezahlt: {{paid}}
        Offen: {{remaining}}
        {{#link}}

        Ihre Buchung, Zahlungen und Termine: {{link}}
        {{/link}}

        Mit freundlichen Grüßen
        {{brand.name}}

        """

    static let receiptHTMLGerman =
        htmlHead + """
            <tr><td><p>Guten Tag{{#customerName}} {{customerName}}{{/customerName}},</p>
            <p>vielen Dank. {{#payment}}Wir haben Ihre Zahlung über {{amount}} erhalten.{{/payment}}{{#approval}}Sie haben {{count}} geplante Zahlung{{#plural}}en{{/plural}} über insgesamt {{total}} freigegeben; sie {{#plural}}werden{{/plural}}{{^plural}}wird{{/plural}} bei Fälligkeit von Ihrer hinterlegten Karte abgebucht.{{/approval}}</p>
            <p>Buchungsnummer: <strong>{{reference}}</strong></p>
            <table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse;width:100%">
            {{#payment}}\(row("Zahlung", "{{id}}")){{#date}}\(row("Datum", "{{date}}")){{/date}}\(row("Betrag", "{{amount}}"))\(row("Status", "{{status}}")){{/payment}}
            {{#approval}}{{#items}}\(row("Fällig am {{due}}", "{{amount}}")){{/items}}{{/approval}}</table>
            <hr style="border:0;border-top:1px solid #dddddd">
            """ + amountsHTML(total: "Reisepreis", paid: "Bisher bezahlt", remaining: "Offen")
            + """
            {{#link}}<p><a href="{{link}}" style="color:{{brand.colour}}">Ihre Buchung, Zahlungen und Termine</a></p>{{/link}}
            <p>Mit freundlichen Grüßen<br>{{brand.name}}</p></td></tr>
            """ + htmlFoot(booking: "Buchung")

    static let reminderTextGerman = """
        {{% CONTENT_TYPE: TEXT}}Guten Tag{{#customerName}} {{customerName}}{{/customerName}},

        wir möchten Sie freundlich daran erinnern, dass für Ihre Buchung {{reference}} (Abreise {{departure}}) noch {{balance}} offen sind.

        Reisepreis: {{totalPrice}}
        Bisher bezahlt: {{paid}}
        Offen: {{remaining}}

        Bezahlen Sie online mit diesem einmaligen Link (gültig bis {{validUntil}}):
        {{link}}

        Wenn Sie in den letzten Tagen bezahlt haben, danken wir Ihnen; diese Nachricht ist dann erledigt.

        Mit freundlichen Grüßen
        {{brand.name}}

        """

    static let reminderHTMLGerman =
        htmlHead + """
            <tr><td><p>Guten Tag{{#customerName}} {{customerName}}{{/customerName}},</p>
            <p>wir möchten Sie freundlich daran erinnern, dass für Ihre Buchung <strong>{{reference}}</strong>
            (Abreise {{departure}}) noch <strong>{{balance}}</strong> offen sind.</p>
            """ + amountsHTML(total: "Reisepreis", paid: "Bisher bezahlt", remaining: "Offen")
        + button("{{balance}} jetzt bezahlen") + """
            <p style="font-size:13px">Der Link gilt einmal, bis {{validUntil}}. Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:<br>{{link}}</p>
            <p>Wenn Sie in den letzten Tagen bezahlt haben, danken wir Ihnen; diese Nachricht ist dann erledigt.</p>
            <p>Mit freundlichen Grüßen<br>{{brand.name}}</p></td></tr>
            """ + htmlFoot(booking: "Buchung")
}
