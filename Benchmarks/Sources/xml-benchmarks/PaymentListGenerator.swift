/// Generates payment-list documents deterministically: the same seed and count always give the
/// same bytes, on every machine and toolchain.
///
/// The document is compact (no indentation), in the layout ``XMLEncoder`` writes:
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?>
/// <PaymentList xmlns="http://string.drv.de/xmlschema/string" xmlns:xsi="…">
/// <Payment Identifier="PAY-0000001" Collection="Agency" xsi:type="DirectDebitPaymentType">
///   <PaymentScope>…</PaymentScope> <FormOfPayment>…</FormOfPayment>
///   <PaymentAmount><Amount>1234.50</Amount><Currency>EUR</Currency></PaymentAmount>
///   <CashHolder><OwnerDetails><Prename/><Surname/><PostalCode/><City/></OwnerDetails></CashHolder>
///   <Status>…</Status> <Dates><DueDate>2025-03-14</DueDate><EntryDate>…</EntryDate></Dates>
///   …type-specific children…
/// </Payment>…</PaymentList>
/// ```
struct PaymentListGenerator {
    /// The STRING namespace.
    static let namespace = "http://string.drv.de/xmlschema/string"
    static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"
    /// The seed of every document in the benchmark report.
    static let defaultSeed: UInt64 = 0x5354_5249_4E47  // "STRING"

    private var random: SeededRandomNumberGenerator
    private var generatedCount = 0

    init(seed: UInt64 = PaymentListGenerator.defaultSeed) {
        random = SeededRandomNumberGenerator(seed: seed)
    }

    // MARK: - Documents

    /// The records of a document with `count` payments.
    static func records(count: Int, seed: UInt64 = defaultSeed) -> [PaymentRecord] {
        var generator = PaymentListGenerator(seed: seed)
        return (0..<count).map { _ in generator.nextRecord() }
    }

    /// A document with `count` payments.
    static func document(count: Int, seed: UInt64 = defaultSeed) -> [UInt8] {
        document(records: records(count: count, seed: seed))
    }

    /// The document holding the given records.
    static func document(records: [PaymentRecord]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 640 + 256)
        appendHeader(to: &bytes)
        for record in records {
            append(record, to: &bytes)
        }
        appendFooter(to: &bytes)
        return bytes
    }

    /// A document of at least `minimumSize` bytes (and at most one payment more), for memory
    /// measurements. The buffer is reserved up front, so generating never holds two copies.
    static func document(minimumSize: Int, seed: UInt64 = defaultSeed) -> (bytes: [UInt8], paymentCount: Int) {
        var generator = PaymentListGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(minimumSize + 4096)
        appendHeader(to: &bytes)
        var count = 0
        while bytes.count + footer.utf8.count < minimumSize {
            append(generator.nextRecord(), to: &bytes)
            count += 1
        }
        appendFooter(to: &bytes)
        return (bytes, count)
    }

    // MARK: - Records

    /// The next payment. Kinds rotate so that every fourth payment has the same `xsi:type`.
    mutating func nextRecord() -> PaymentRecord {
        generatedCount += 1
        let kind = PaymentRecord.Kind.allCases[(generatedCount - 1) % PaymentRecord.Kind.allCases.count]
        let prename = random.pick(Self.prenames)
        let surname = random.pick(Self.surnames)
        let entryDay = random.next(below: 365)
        let dueDay = entryDay + 7 + random.next(below: 120)
        var record = PaymentRecord(
            identifier: "PAY-" + Self.zeroPadded(generatedCount, width: 7),
            collection: random.pick(Self.collections),
            kind: kind,
            paymentScope: random.pick(Self.scopes),
            amount: Self.amount(cents: 1_000 + random.next(below: 2_499_000)),
            currency: random.next(below: 10) < 7 ? "EUR" : random.pick(Self.otherCurrencies),
            prename: prename,
            surname: surname,
            postalCode: Self.zeroPadded(1_000 + random.next(below: 98_000), width: 5),
            city: random.pick(Self.cities),
            status: random.pick(Self.statuses),
            dueDate: Self.date(daysAfterFirstOf2025: dueDay),
            entryDate: Self.date(daysAfterFirstOf2025: entryDay))
        switch kind {
        case .creditCard:
            let cardType = random.pick(Self.cardTypes)
            let lastDigits = Self.zeroPadded(random.next(below: 10_000), width: 4)
            let maskedLength = cardType == "AmericanExpress" ? 11 : 12
            record.cardType = cardType
            record.maskedCardNumber = String(repeating: "*", count: maskedLength) + lastDigits
            record.expiryDate =
                "\(2026 + random.next(below: 5))-" + Self.zeroPadded(1 + random.next(below: 12), width: 2)
        case .directDebit:
            record.iban = Self.germanIBAN(
                bankCode: 10_000_000 + random.next(below: 89_999_999), account: random.next(below: 10_000_000_000))
            // Some holders are companies with an ampersand, so both encoders have to escape.
            record.accountHolder =
                random.next(below: 8) == 0 ? "\(surname) & Söhne GmbH" : "\(prename) \(surname)"
        case .invoice:
            break
        case .eWallet:
            record.provider = random.pick(Self.providers)
        }
        return record
    }

    // MARK: - Rendering

    private static let footer = "</PaymentList>\n"

    private static func appendHeader(to bytes: inout [UInt8]) {
        bytes.append(
            contentsOf: """
                <?xml version="1.0" encoding="UTF-8"?>
                <PaymentList xmlns="\(namespace)" xmlns:xsi="\(schemaInstanceNamespace)">
                """.utf8)
    }

    private static func appendFooter(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: footer.utf8)
    }

    /// Writes one `Payment` element. Attribute values never need escaping here; text does.
    static func append(_ record: PaymentRecord, to bytes: inout [UInt8]) {
        var text = "<Payment Identifier=\"\(record.identifier)\" Collection=\"\(record.collection)\""
        text += " xsi:type=\"\(record.kind.typeName)\">"
        text += element("PaymentScope", record.paymentScope)
        text += element("FormOfPayment", record.kind.formOfPayment)
        text += "<PaymentAmount>" + element("Amount", record.amount) + element("Currency", record.currency)
        text += "</PaymentAmount><CashHolder><OwnerDetails>"
        text += element("Prename", record.prename) + element("Surname", record.surname)
        text += element("PostalCode", record.postalCode) + element("City", record.city)
        text += "</OwnerDetails></CashHolder>"
        text += element("Status", record.status)
        text += "<Dates>" + element("DueDate", record.dueDate) + element("EntryDate", record.entryDate) + "</Dates>"
        if let cardType = record.cardType, let masked = record.maskedCardNumber, let expiry = record.expiryDate {
            text += "<CreditCard>" + element("CardType", cardType) + element("MaskedCardNumber", masked)
            text += element("ExpiryDate", expiry) + "</CreditCard>"
        }
        if let iban = record.iban, let holder = record.accountHolder {
            text += element("IBAN", iban) + element("AccountHolder", holder)
        }
        if let provider = record.provider {
            text += element("Provider", provider)
        }
        text += "</Payment>"
        bytes.append(contentsOf: text.utf8)
    }

    private static func element(_ name: String, _ value: String) -> String {
        "<\(name)>\(escaped(value))</\(name)>"
    }

    private static func escaped(_ text: String) -> String {
        guard
            text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        else { return text }
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: - Values

    private static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `1234.50` from 123450: amounts are written from integers and never touch binary floating point.
    private static func amount(cents: Int) -> String {
        "\(cents / 100)." + zeroPadded(cents % 100, width: 2)
    }

    /// The proleptic Gregorian date `days` after 2025-01-01, as `xs:date`.
    private static func date(daysAfterFirstOf2025 days: Int) -> String {
        // Howard Hinnant's civil_from_days; 20089 is 2025-01-01 counted from 1970-01-01.
        let z = days + 20_089 + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return "\(year)-" + zeroPadded(month, width: 2) + "-" + zeroPadded(day, width: 2)
    }

    /// A German IBAN with correct ISO 7064 check digits (`DE` is 13 14, plus `00`).
    private static func germanIBAN(bankCode: Int, account: Int) -> String {
        let basicAccountNumber = zeroPadded(bankCode, width: 8) + zeroPadded(account, width: 10)
        var remainder = 0
        for byte in (basicAccountNumber + "131400").utf8 {
            remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
        }
        return "DE" + zeroPadded(98 - remainder, width: 2) + basicAccountNumber
    }

    // MARK: - Vocabularies

    private static let collections = ["Agency", "TourOperator", "OnSite"]
    private static let scopes = ["Deposit", "Interim", "Balance"]
    private static let statuses = ["Open", "Recorded", "Settled", "Confirmed", "Failed"]
    private static let otherCurrencies = ["CHF", "GBP", "USD"]
    private static let cardTypes = ["VISA", "MasterCard", "AmericanExpress"]
    private static let providers = ["PayPal", "Paydirect", "Amazon Pay", "Apple Pay", "Google Pay", "Klarna"]
    private static let prenames = [
        "Anna", "Lukas", "Mia", "Leon", "Emma", "Finn", "Hannah", "Jonas", "Sophie", "Elias",
        "Lea", "Paul", "Marie", "Felix", "Lena", "Noah", "Clara", "Ben", "Johanna", "Maximilian",
    ]
    private static let surnames = [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
        "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
        "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Krause", "Lehmann",
    ]
    private static let cities = [
        "Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf",
        "Leipzig", "Dortmund", "Bremen", "Dresden", "Hannover", "Nürnberg", "Wien", "Zürich",
    ]
}
