/// The portal's words in English and German, by key; templates read them as `{{t.key}}`.
enum PortalText {
    static func words(_ language: WebLanguage) -> [String: String] {
        language == .de ? german : english
    }

    static func word(_ key: String, _ language: WebLanguage) -> String { words(language)[key] ?? key }

    static let english: [String: String] = [
        "loginTitle": "Your booking", "loginHeading": "See and pay your booking",
        "loginIntro": "Enter your booking reference and the email address you booked with.",
        "reference": "Booking reference", "email": "Email address", "login": "Show my booking",
        "loginFailed": "We could not find a booking with this reference and email address.",
        "rateLimited": "Too many attempts. Please wait a few minutes and try again.",
        "sessionEnded": "Your session has ended. Please log in again.",
        "linkTitle": "Open your booking", "linkIntro": "Open your booking with the link we sent you.",
        "linkButton": "Open my booking",
        "linkFailed":
            "This link has expired or has been used already. Log in with your booking reference and email address.",
        "logout": "Log out", "loggedOut": "You have logged out.",
        "bookingTitle": "Booking", "travel": "Travel", "departure": "Departure", "return": "Return",
        "state": "Status", "cancelled": "cancelled", "active": "booked",
        "leadPassenger": "Lead passenger", "travellers": "Travellers", "services": "Booked services",
        "noServices": "Your travel services are listed in your travel documents.", "flight": "Flight",
        "money": "Payments", "totalPrice": "Total price", "fees": "Fees", "paid": "Paid", "remaining": "Remaining",
        "overpaid": "To be refunded to you", "paymentsMade": "Payments made", "date": "Date", "amount": "Amount",
        "status": "Status", "noPayments": "No payments yet.", "schedule": "Scheduled payments", "due": "Due",
        "stillOpen": "Open", "approval": "Card payment", "payThis": "Pay now", "approve": "Approve",
        "withdraw": "Withdraw approval", "approved": "approved", "overdue": "overdue", "settledState": "paid",
        "payBalance": "Pay the balance", "payBalanceOf": "Pay the full remaining amount",
        "nothingToPay": "Nothing is left to pay. Thank you!",
        "card": "Card for scheduled payments", "cardOnFile": "Card on file", "noCard": "No card saved yet.",
        "addCard": "Save a card", "approveAll": "Approve all scheduled payments",
        "approveExplain": "Approved payments are charged to your saved card on their due date.",
        "needCard": "Please save a card first.", "approvedNotice": "Scheduled payments approved: %d.",
        "withdrawnNotice": "The approval has been withdrawn.",
        "paidNotice": "Thank you – your payment has been received.",
        "declinedNotice": "The card was declined; nothing was charged.",
        "pendingNotice": "The payment is being processed; it will show here once it is confirmed.",
        "refusedNotice":
            "The payment could not be made: the amount is more than is still to pay, or the booking cannot be paid online.",
        "cardStoredNotice": "Your card has been saved for the scheduled payments.",
        "cancelledNotice": "Payment cancelled; nothing was charged.",
        "cannotPay": "This booking cannot be paid online.",
        "Open": "open", "Recorded": "recorded", "Settled": "paid", "Failed": "failed", "Confirmed": "confirmed",
        "Deposit": "Deposit", "Interim": "Instalment", "Balance": "Balance",
    ]

    static let german: [String: String] = [
        "loginTitle": "Ihre Buchung", "loginHeading": "Buchung ansehen und bezahlen",
        "loginIntro": "Geben Sie Ihre Buchungsnummer und die E-Mail-Adresse an, mit der Sie gebucht haben.",
        "reference": "Buchungsnummer", "email": "E-Mail-Adresse", "login": "Meine Buchung anzeigen",
        "loginFailed": "Zu dieser Buchungsnummer und E-Mail-Adresse haben wir keine Buchung gefunden.",
        "rateLimited": "Zu viele Versuche. Bitte warten Sie einige Minuten.",
        "sessionEnded": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
        "linkTitle": "Buchung öffnen",
        "linkIntro": "Öffnen Sie Ihre Buchung mit dem Link, den wir Ihnen geschickt haben.",
        "linkButton": "Meine Buchung öffnen",
        "linkFailed":
            "Dieser Link ist abgelaufen oder wurde schon benutzt. Melden Sie sich mit Buchungsnummer und E-Mail-Adresse an.",
        "logout": "Abmelden", "loggedOut": "Sie haben sich abgemeldet.",
        "bookingTitle": "Buchung", "travel": "Reise", "departure": "Abreise", "return": "Rückreise",
        "state": "Status", "cancelled": "storniert", "active": "gebucht",
        "leadPassenger": "Hauptreisender", "travellers": "Reisende", "services": "Gebuchte Leistungen",
        "noServices": "Ihre Reiseleistungen stehen in Ihren Reiseunterlagen.", "flight": "Flug",
        "money": "Zahlungen", "totalPrice": "Reisepreis", "fees": "Gebühren", "paid": "Bezahlt", "remaining": "Offen",
        "overpaid": "Wird Ihnen erstattet", "paymentsMade": "Geleistete Zahlungen", "date": "Datum", "amount": "Betrag",
        "status": "Status", "noPayments": "Noch keine Zahlungen.", "schedule": "Geplante Zahlungen", "due": "Fällig am",
        "stillOpen": "Offen", "approval": "Kartenzahlung", "payThis": "Jetzt bezahlen", "approve": "Freigeben",
        "withdraw": "Freigabe zurückziehen", "approved": "freigegeben", "overdue": "überfällig",
        "settledState": "bezahlt",
        "payBalance": "Restbetrag bezahlen", "payBalanceOf": "Den gesamten offenen Betrag bezahlen",
        "nothingToPay": "Es ist nichts mehr zu zahlen. Vielen Dank!",
        "card": "Karte für geplante Zahlungen", "cardOnFile": "Hinterlegte Karte",
        "noCard": "Noch keine Karte hinterlegt.",
        "addCard": "Karte hinterlegen", "approveAll": "Alle geplanten Zahlungen freigeben",
        "approveExplain": "Freigegebene Zahlungen werden am Fälligkeitstag von Ihrer hinterlegten Karte abgebucht.",
        "needCard": "Bitte hinterlegen Sie zuerst eine Karte.", "approvedNotice": "Geplante Zahlungen freigegeben: %d.",
        "withdrawnNotice": "Die Freigabe wurde zurückgezogen.",
        "paidNotice": "Vielen Dank – Ihre Zahlung ist eingegangen.",
        "declinedNotice": "Die Karte wurde abgelehnt; es wurde nichts abgebucht.",
        "pendingNotice": "Die Zahlung wird bearbeitet; sie erscheint hier, sobald sie bestätigt ist.",
        "refusedNotice":
            "Die Zahlung war nicht möglich: Der Betrag ist höher als der offene Betrag, oder die Buchung kann nicht online bezahlt werden.",
        "cardStoredNotice": "Ihre Karte ist für die geplanten Zahlungen hinterlegt.",
        "cancelledNotice": "Zahlung abgebrochen; es wurde nichts abgebucht.",
        "cannotPay": "Diese Buchung kann nicht online bezahlt werden.",
        "Open": "offen", "Recorded": "erfasst", "Settled": "bezahlt", "Failed": "fehlgeschlagen",
        "Confirmed": "bestätigt",
        "Deposit": "Anzahlung", "Interim": "Rate", "Balance": "Restzahlung",
    ]
}
