/// The Mustache templates of the customer mails, a text and an HTML one each.
///
/// The HTML templates escape every value (`{{name}}`; nothing uses the unescaped `{{{name}}}`),
/// so a customer name or a booking field cannot add markup. The text templates declare
/// `CONTENT_TYPE: TEXT`, so their values are written as they are. Colours and the logo address
/// come from the validated configuration; the HTML uses inline styles and tables only, which is
/// what mail clients render.
enum MailTemplates {
    /// Shared by both HTML mails: the band with the logo or name, then the content.
    static let htmlHead = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{subject}}</title></head>
        <body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222222">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
        <table role="presentation" width="600" cellpadding="16" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff">
        <tr><td style="background:{{brand.colour}};color:{{brand.textColour}};font-size:20px;font-weight:bold">
        {{#brand.logoURL}}<img src="{{brand.logoURL}}" alt="{{brand.name}}" height="40" style="display:block;border:0">{{/brand.logoURL}}
        {{^brand.logoURL}}{{brand.name}}{{/brand.logoURL}}
        </td></tr>
        """

    static let htmlFoot = """
        <tr><td style="font-size:12px;color:#555555">{{brand.name}} · Booking {{reference}}</td></tr>
        </table></td></tr></table></body></html>
        """

    static let amountsTable = """
        <table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse;width:100%">
        {{#amounts}}<tr><td>{{label}}</td><td align="right" style="white-space:nowrap">{{value}}</td></tr>
        {{/amounts}}</table>
        """

    static let receiptText = """
        {{% CONTENT_TYPE: TEXT}}Dear {{customerName}},

        thank you. {{headline}}

        Booking reference: {{reference}}
        {{#lines}}
          {{label}}: {{value}}
        {{/lines}}

        {{#amounts}}
        {{label}}: {{value}}
        {{/amounts}}
        {{#link}}

        Your booking, payments and schedule: {{link}}
        {{/link}}

        Kind regards
        {{brand.name}}

        """

    static let receiptHTML =
        htmlHead + """
            <tr><td><p>Dear {{customerName}},</p><p>thank you. {{headline}}</p>
            <p>Booking reference: <strong>{{reference}}</strong></p>
            <table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse;width:100%">
            {{#lines}}<tr><td>{{label}}</td><td align="right" style="white-space:nowrap">{{value}}</td></tr>
            {{/lines}}</table>
            <hr style="border:0;border-top:1px solid #dddddd">
            """ + amountsTable
            + """
            {{#link}}<p><a href="{{link}}" style="color:{{brand.colour}}">Your booking, payments and schedule</a></p>{{/link}}
            <p>Kind regards<br>{{brand.name}}</p></td></tr>
            """ + htmlFoot

    static let reminderText = """
        {{% CONTENT_TYPE: TEXT}}Dear {{customerName}},

        this is a friendly reminder that a balance of {{balance}} is owing on your booking {{reference}}{{#departure}} (departure {{departure}}){{/departure}}.

        {{#amounts}}
        {{label}}: {{value}}
        {{/amounts}}

        Pay it online with this one-time link (valid until {{validUntil}}):
        {{link}}

        If you have paid in the last few days, thank you, and please ignore this message.

        Kind regards
        {{brand.name}}

        """

    static let reminderHTML =
        htmlHead + """
            <tr><td><p>Dear {{customerName}},</p>
            <p>this is a friendly reminder that a balance of <strong>{{balance}}</strong> is owing on your booking
            <strong>{{reference}}</strong>{{#departure}} (departure {{departure}}){{/departure}}.</p>
            """ + amountsTable
            + """
            <p style="text-align:center;margin:24px 0"><a href="{{link}}" style="background:{{brand.colour}};color:{{brand.textColour}};padding:12px 24px;text-decoration:none;font-weight:bold;display:inline-block">Pay {{balance}} now</a></p>
            <p style="font-size:13px">The link works once, until {{validUntil}}. If the button does not work, copy this address into your browser:<br>{{link}}</p>
            <p>If you have paid in the last few days, thank you, and please ignore this message.</p>
            <p>Kind regards<br>{{brand.name}}</p></td></tr>
            """ + htmlFoot
}
