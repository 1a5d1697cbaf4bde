/// The hosted payment page's templates (Mustache, escaped by default). English and German
/// labels come in the context; the card fields carry `autocomplete` hints and numeric keyboards.
enum HostedPaymentTemplates {
    static let cardForm = """
        <h1>{{heading}}</h1>
        <section aria-labelledby="what">
        <h2 id="what">{{t.for}} {{booking}}</h2>
        {{#amount}}<p class="total">{{t.amount}}: <span id="amount">{{amount}}</span></p>{{/amount}}
        {{#fee}}<p id="fee">{{t.feeNote}} {{fee}} %</p>{{/fee}}
        {{^amount}}<p>{{t.storeExplain}}</p>{{/amount}}
        <p class="hint">{{t.simulated}}</p>
        </section>
        <form method="post" action="/psp/pay" class="card" autocomplete="on">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="intent" value="{{intent}}">
        <input type="hidden" name="lang" value="{{lang}}">
        <label for="holder">{{t.holder}}</label>
        <input type="text" id="holder" name="holder" autocomplete="cc-name" maxlength="70" required value="{{holder}}">
        <label for="number">{{t.number}}</label>
        <input type="text" id="number" name="number" autocomplete="cc-number" inputmode="numeric" maxlength="23" required>
        <label for="expiry">{{t.expiry}}</label>
        <input type="text" id="expiry" name="expiry" autocomplete="cc-exp" placeholder="MM/YY" maxlength="7" required>
        <label for="cvc">{{t.cvc}}</label>
        <input type="text" id="cvc" name="cvc" autocomplete="cc-csc" inputmode="numeric" maxlength="4" required>
        {{#amount}}<p><label><input type="checkbox" name="save" value="1"> {{t.save}}</label></p>{{/amount}}
        <button type="submit" id="submit">{{submit}}</button>
        </form>
        <form method="post" action="/psp/cancel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="intent" value="{{intent}}">
        <button type="submit" class="secondary" id="cancel">{{t.cancel}}</button>
        </form>

        """

    static let expired = """
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/portal/booking">{{back}}</a></p>

        """
}

/// The hosted payment page's words in English and German.
enum HostedPaymentText {
    static func words(_ language: WebLanguage) -> [String: String] {
        switch language {
        case .en:
            [
                "pay": "Pay by card", "store": "Save a card for your scheduled payments", "for": "Booking",
                "amount": "Amount", "holder": "Name on the card", "number": "Card number",
                "expiry": "Expiry date (MM/YY)", "cvc": "Security code",
                "save": "Keep this card for my scheduled payments",
                "cancel": "Cancel and go back", "feeNote": "The card fee is added:", "payButton": "Pay now",
                "storeButton": "Save card",
                "storeExplain": "The card is checked and kept by the payment service; nothing is charged now.",
                "simulated":
                    "Payment page of the payment service provider (simulated). Card details are entered here only.",
                "badCard": "Check the card number, expiry date and security code.",
                "expired": "This payment page has expired or is not valid. Start again from your booking.",
                "expiredHeading": "Payment page expired", "back": "Back to your booking",
            ]
        case .de:
            [
                "pay": "Mit Karte bezahlen", "store": "Karte für geplante Zahlungen hinterlegen", "for": "Buchung",
                "amount": "Betrag", "holder": "Name auf der Karte", "number": "Kartennummer",
                "expiry": "Gültig bis (MM/JJ)", "cvc": "Prüfnummer",
                "save": "Karte für meine geplanten Zahlungen hinterlegen", "cancel": "Abbrechen und zurück",
                "feeNote": "Hinzu kommt die Kartengebühr:",
                "payButton": "Jetzt bezahlen", "storeButton": "Karte hinterlegen",
                "storeExplain": "Der Zahlungsdienst prüft und verwahrt die Karte; jetzt wird nichts abgebucht.",
                "simulated":
                    "Zahlungsseite des Zahlungsdienstleisters (simuliert). Kartendaten werden nur hier eingegeben.",
                "badCard": "Bitte Kartennummer, Gültigkeit und Prüfnummer prüfen.",
                "expired":
                    "Diese Zahlungsseite ist abgelaufen oder ungültig. Bitte erneut von Ihrer Buchung aus beginnen.",
                "expiredHeading": "Zahlungsseite abgelaufen", "back": "Zurück zu Ihrer Buchung",
            ]
        }
    }
}
