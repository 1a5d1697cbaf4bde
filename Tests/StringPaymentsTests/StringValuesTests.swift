import Foundation
import StringPayments
import Testing
import XMLCoding

/// A document holding the value types, for XML round trips.
private struct ValueHolder: Codable, Equatable, XMLRootElement {
    static let xmlRootElementName = XMLQualifiedName("Holder")

    var paymentAmount: CurrencyAmount
    var openAmount: SignedCurrencyAmount?
    var cardNumber: CardNumber?
    var securityCode: SecurityCode?
    var iban: IBAN?
    var fee: Percentage?

    enum CodingKeys: String, CodingKey {
        case paymentAmount = "PaymentAmount"
        case openAmount = "OpenAmount"
        case cardNumber = "CardNumber"
        case securityCode = "SecurityCode"
        case iban = "IBAN"
        case fee = "PercentFee"
    }
}

/// A value a caller might log, containing secrets.
private struct CardPaymentLogLine {
    var reference: Identifier
    var number: CardNumber
    var securityCode: SecurityCode
    var optionalNumber: CardNumber?
    var codes: [SecurityCode]
}

private func decimal(_ text: String) throws -> Decimal {
    try #require(XMLDecimal.parse(text))
}

private func dumped(_ value: some Any) -> String {
    var text = ""
    dump(value, to: &text)
    return text
}

private func holderXML(amount: String, currency: String = "EUR", extra: String = "") -> String {
    "<Holder><PaymentAmount><Amount>\(amount)</Amount><Currency>\(currency)</Currency></PaymentAmount>\(extra)</Holder>"
}

@Suite struct StringValuesTests {
    // MARK: - Error type

    @Test func errorCodesHaveStableRawValues() {
        let expected: [(StringPaymentsError.Code, String)] = [
            (.formOfPaymentMismatch, "form-of-payment-mismatch"),
            (.mixedCollectionOnPayment, "mixed-collection-on-payment"),
            (.statusInRequest, "status-in-request"),
            (.paymentDetailsInRequest, "payment-details-in-request"),
            (.datesInRequest, "dates-in-request"),
            (.duplicatePaymentIdentifier, "duplicate-payment-identifier"),
            (.tooManyFractionDigits, "too-many-fraction-digits"),
            (.unknownCurrency, "unknown-currency"),
            (.invalidIBANChecksum, "invalid-iban-checksum"),
            (.invalidCardNumber, "invalid-card-number"),
            (.cardExpired, "card-expired"),
            (.unknownTraveller, "unknown-traveller"),
            (.bookingOwnerFlagFalse, "booking-owner-flag-false"),
            (.installmentSumMismatch, "installment-sum-mismatch"),
            (.installmentNumbering, "installment-numbering"),
            (.currencyMismatch, "currency-mismatch"),
            (.collectionNotAllowed, "collection-not-allowed"),
            (.bookingIdRequired, "booking-id-required"),
            (.overviewArithmetic, "overview-arithmetic"),
            (.overviewCurrencyMismatch, "overview-currency-mismatch"),
            (.overviewBelowPayments, "overview-below-payments"),
            (.feeWithoutFormOfPayment, "fee-without-form-of-payment"),
            (.duplicateTravellerIdentifier, "duplicate-traveller-identifier"),
            (.missingCollection, "missing-collection"),
            (.invalidStatusTransition, "invalid-status-transition"),
            (.unpairedResponse, "unpaired-response"),
        ]
        for (code, rawValue) in expected {
            #expect(code.rawValue == rawValue)
        }
        #expect(Set(expected.map(\.0)).count == expected.count)
        #expect(StringPaymentsError.Code(XMLCodingError.Code.unknownType).rawValue == "unknown-type")
    }

    @Test func errorDescriptionAndPathSteps() {
        let path =
            "/"
            + ["PaymentRequest", "Payments", StringPaymentsError.step("Payment", position: 2), "IBAN"]
            .joined(separator: "/")
        #expect(path == "/PaymentRequest/Payments/Payment[2]/IBAN")
        #expect(StringPaymentsError.step("Payment", position: 1) == "Payment")
        let error = StringPaymentsError(
            code: .invalidIBANChecksum, message: "the IBAN check digits are wrong", elementPath: path,
            line: 7, column: 3, reference: "P-2")
        #expect(
            error.description
                == "invalid-iban-checksum at 7:3 in /PaymentRequest/Payments/Payment[2]/IBAN (payment P-2): the IBAN check digits are wrong"
        )
        #expect(error.xmlError == nil)
        #expect(error.violations.isEmpty)
    }

    @Test func wrapsXMLErrorsWithTheSameCode() {
        let xml = XMLCodingError(
            code: .missingElement, message: "required 'BookingId' is missing", line: 4, column: 1,
            elementPath: "/PaymentRequest", codingPath: ["BookingId"])
        let error = StringPaymentsError(xml)
        #expect(error.code.rawValue == "missing-element")
        #expect(error.code == StringPaymentsError.Code(XMLCodingError.Code.missingElement))
        #expect(error.message == xml.message)
        #expect(error.elementPath == "/PaymentRequest")
        #expect(error.line == 4)
        #expect(error.column == 1)
        #expect(error.xmlError == xml)
        #expect(error.codingPath == ["BookingId"])
    }

    @Test func wrappingWithholdsTheTextOfSecretElements() {
        let pan = "4111111111111112345"
        let violation = XMLSchemaViolation(
            line: 9, column: 0, elementPath: "/PaymentRequest/Payments/Payment/CreditCard/CardNumber",
            libxml2Code: 1839,
            message: "Element 'CardNumber': [facet 'pattern'] The value '\(pan)0' is not accepted")
        let other = XMLSchemaViolation(
            line: 10, column: 0, elementPath: "/PaymentRequest/Payments/Payment/CreditCard/HolderName",
            libxml2Code: 1871, message: "Element 'HolderName': This element is not expected.")
        let schema = XMLCodingError(
            code: .schemaViolation, message: "the document violates the schema",
            violations: [violation, other])
        let located = XMLCodingError(
            code: .invalidValue, message: "'\(pan)x' is not a valid CardNumberType", line: 9,
            elementPath: "/PaymentRequest/Payments/Payment[2]/CreditCard/s:CardNumber")
        let code = XMLCodingError(
            code: .invalidValue, message: "'12345' is not a valid SecurityCodeType",
            codingPath: ["Payments", "Payment", "CreditCard", "SecurityCode"])

        for xml in [schema, located, code] {
            let error = StringPaymentsError(xml)
            for text in [error.description, String(reflecting: error), dumped(error), "\(error)"] {
                #expect(!text.contains(pan))
                #expect(!text.contains("12345"))
            }
            #expect(error.code.rawValue == xml.code.rawValue)
        }
        let wrapped = StringPaymentsError(schema)
        #expect(wrapped.violations.count == 2)
        #expect(wrapped.violations[1] == other)
    }

    // MARK: - Identifier

    /// `Identifier("literal")` is the literal initializer; a `String` value takes the failable one.
    private func identifier(_ text: String) -> Identifier? {
        Identifier(text)
    }

    @Test func identifierBounds() throws {
        #expect(identifier("") == nil)
        #expect(identifier(" \t\n ") == nil)
        #expect(identifier("P-1")?.value == "P-1")
        #expect(identifier("  P \n  1 ")?.value == "P 1")
        let sixtyFour = String(repeating: "a", count: 64)
        #expect(Identifier(sixtyFour)?.value == sixtyFour)
        #expect(Identifier(" " + sixtyFour + " ")?.value == sixtyFour)
        #expect(Identifier(sixtyFour + "a") == nil)
        // Characters, not bytes: 64 two-byte characters fit.
        #expect(Identifier(String(repeating: "é", count: 64)) != nil)
        #expect(Identifier(String(repeating: "é", count: 65)) == nil)
        #expect(Identifier(xmlLexicalForm: "B-42")?.xmlLexicalForm == "B-42")
        #expect(Identifier.xmlTypeName == "IdentifierType")
    }

    @Test func identifierLiteralsNeverCrash() {
        let good: Identifier = "  P  1 "
        #expect(good.value == "P 1")
        #expect(good.isValid)
        let empty: Identifier = ""
        #expect(!empty.isValid)
        #expect(empty.value == "")
        let long: Identifier = """
            0123456789012345678901234567890123456789012345678901234567890123456789
            """
        #expect(!long.isValid)
        #expect(long.value.count == 70)
        #expect(Identifier("B") > Identifier("A"))
        // With a literal argument, `Identifier(...)` is the literal initializer and never fails.
        #expect(!Identifier("").isValid)
    }

    // MARK: - Currencies

    @Test func iso4217Table() throws {
        #expect(CurrencyCode.allISO4217.count == 178)
        #expect(CurrencyCode.allISO4217 == CurrencyCode.allISO4217.sorted())
        let expected: [String: Int] = [
            "EUR": 2, "USD": 2, "CHF": 2, "GBP": 2, "BHD": 3, "CLF": 4, "CLP": 0, "IQD": 3,
            "ISK": 0, "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0,
            "TND": 3, "UGX": 0, "UYI": 0, "UYW": 4, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
            "XPF": 0, "XAU": 0, "XDR": 0, "XXX": 0, "XCG": 2, "ZWG": 2, "SLE": 2, "VED": 2,
        ]
        for (text, minorUnits) in expected {
            let code = try #require(CurrencyCode(text))
            #expect(code.minorUnits == minorUnits, "\(text)")
            #expect(code.isISO4217, "\(text)")
        }
        for withdrawn in ["ANG", "BGN", "HRK", "SLL", "ZWL", "DEM"] {
            let code = try #require(CurrencyCode(withdrawn))
            #expect(!code.isISO4217, "\(withdrawn)")
            #expect(code.minorUnits == 2)
        }
    }

    @Test func currencyCodeForm() {
        #expect(CurrencyCode("eur") == nil)
        #expect(CurrencyCode("EU") == nil)
        #expect(CurrencyCode("EURO") == nil)
        #expect(CurrencyCode("E1R") == nil)
        #expect(CurrencyCode("ÄUR") == nil)
        #expect(CurrencyCode("ABC")?.isISO4217 == false)
        #expect(CurrencyCode.eur.code == "EUR")
        #expect(CurrencyCode.kwd.minorUnits == 3)
        #expect(CurrencyCode.jpy.minorUnits == 0)
        #expect(CurrencyCode.eur < CurrencyCode.usd)
    }

    @Test func countryCodeForm() {
        #expect(CountryCode("DE")?.code == "DE")
        #expect(CountryCode("de") == nil)
        #expect(CountryCode("DEU") == nil)
        #expect(CountryCode.xmlTypeName == "CountryCodeType")
    }

    // MARK: - Amounts

    @Test func amountsCarryTheCurrencysMinorUnits() throws {
        let cases: [(String, CurrencyCode, String, String)] = [
            ("12.5", .eur, "12.50", "12.50 EUR"),
            ("1200", .jpy, "1200", "1200 JPY"),
            ("1.25", .kwd, "1.250", "1.250 KWD"),
            ("12.500", .eur, "12.50", "12.50 EUR"),
            ("0", .usd, "0.00", "0.00 USD"),
            ("1.2", try #require(CurrencyCode("CLF")), "1.2000", "1.2000 CLF"),
        ]
        for (text, currency, formatted, description) in cases {
            let amount = try #require(CurrencyAmount(text, currency))
            #expect(amount.formattedAmount == formatted)
            #expect(amount.description == description)
            #expect(!amount.needsMoreFractionDigitsThanCurrencyAllows)
        }
    }

    @Test func amountsEncodeAndDecodeInXML() throws {
        let holder = ValueHolder(
            paymentAmount: try #require(CurrencyAmount("1.25", .kwd)),
            openAmount: SignedCurrencyAmount("-12.5", .eur),
            cardNumber: CardNumber("4111111111111111"), securityCode: SecurityCode("987"),
            iban: IBAN("DE89370400440532013000"), fee: Percentage(xmlLexicalForm: "1.50"))
        #expect(holder.openAmount != nil)
        // Writing the secrets is an explicit opt-in, as for the STRING message itself.
        let xml = try XMLEncoder(
            options: .init(includesXMLDeclaration: false), userInfo: [StringCodingOptions.revealsSecretsKey: true]
        ).encodeToString(holder)
        #expect(xml.contains("<PaymentAmount><Amount>1.250</Amount><Currency>KWD</Currency></PaymentAmount>"))
        #expect(xml.contains("<OpenAmount><Amount>-12.50</Amount><Currency>EUR</Currency></OpenAmount>"))
        #expect(xml.contains("<CardNumber>4111111111111111</CardNumber>"))
        #expect(xml.contains("<SecurityCode>987</SecurityCode>"))
        #expect(xml.contains("<IBAN>DE89370400440532013000</IBAN>"))
        #expect(xml.contains("<PercentFee>1.5</PercentFee>"))
        let decoded = try XMLDecoder().decode(ValueHolder.self, from: xml)
        #expect(decoded == holder)

        let jpy = try XMLDecoder().decode(ValueHolder.self, from: holderXML(amount: " 1200 ", currency: "JPY"))
        #expect(jpy.paymentAmount == CurrencyAmount(amount: 1200, currency: .jpy))
        let trailingZeros = try XMLDecoder().decode(ValueHolder.self, from: holderXML(amount: "12.500"))
        #expect(trailingZeros.paymentAmount == CurrencyAmount("12.5", .eur))
    }

    @Test func amountsNeedingMoreDigitsDecodeButAreFlagged() throws {
        let decoded = try XMLDecoder().decode(ValueHolder.self, from: holderXML(amount: "12.505"))
        #expect(decoded.paymentAmount.amount == (try decimal("12.505")))
        #expect(decoded.paymentAmount.needsMoreFractionDigitsThanCurrencyAllows)
        #expect(decoded.paymentAmount.description == "12.505 EUR")
        #expect(decoded.paymentAmount.rounded() == CurrencyAmount("12.51", .eur))
        #expect(try #require(CurrencyAmount("1200.5", .jpy)).needsMoreFractionDigitsThanCurrencyAllows)
        #expect(try #require(CurrencyAmount("2.344", .eur)).rounded() == CurrencyAmount("2.34", .eur))
        #expect(try #require(SignedCurrencyAmount("-2.345", .eur)).rounded() == SignedCurrencyAmount("-2.35", .eur))
    }

    @Test(arguments: [
        ("-1", "negative"), ("-0.01", "negative"), ("1.2345", "4 fraction digits"),
        ("1234567890123456789", "19 digits"), ("12,50", "not a valid AmountType"),
        ("1e3", "not a valid AmountType"), ("", "not a valid AmountType"),
    ])
    func amountFacetsAreRefusedWhereTheyOccur(text: String, reason: String) throws {
        let error = #expect(throws: XMLCodingError.self) {
            try XMLDecoder().decode(ValueHolder.self, from: holderXML(amount: text))
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.elementPath == "/Holder/PaymentAmount/Amount")
        #expect(error?.line == 1)
        #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
        #expect(CurrencyAmount(text, .eur) == nil)
    }

    @Test func signedAmountsAllowNegativeValuesOnly() throws {
        let xml = holderXML(
            amount: "1", extra: "<OpenAmount><Amount>-3.5</Amount><Currency>EUR</Currency></OpenAmount>")
        let decoded = try XMLDecoder().decode(ValueHolder.self, from: xml)
        #expect(decoded.openAmount?.isNegative == true)
        #expect(decoded.openAmount?.unsigned == nil)
        #expect(decoded.openAmount?.negated().unsigned == CurrencyAmount("3.5", .eur))
        #expect(SignedCurrencyAmount("1.2345", .eur) == nil)
        #expect(SignedCurrencyAmount("-1234567890123456789", .eur) == nil)
        let bad = holderXML(
            amount: "1", extra: "<OpenAmount><Amount>-1.0001</Amount><Currency>EUR</Currency></OpenAmount>")
        let error = #expect(throws: XMLCodingError.self) {
            try XMLDecoder().decode(ValueHolder.self, from: bad)
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.elementPath == "/Holder/OpenAmount/Amount")
    }

    @Test func encodingRefusesAmountsOutsideTheFacets() throws {
        let encoder = XMLEncoder()
        let negative = ValueHolder(paymentAmount: CurrencyAmount(amount: -1, currency: .eur))
        let negativeError = #expect(throws: XMLCodingError.self) { try encoder.encode(negative) }
        #expect(negativeError?.code == .unencodableValue)
        #expect(negativeError?.codingPath.suffix(2) == ["PaymentAmount", "Amount"])
        // A CLF amount with four significant fraction digits exceeds AmountType's three.
        let clf = try #require(CurrencyCode("CLF"))
        let tooPrecise = ValueHolder(paymentAmount: CurrencyAmount(amount: try decimal("1.2345"), currency: clf))
        #expect(throws: XMLCodingError.self) { try encoder.encode(tooPrecise) }
        // The last resort: an amount with more digits than the currency allows is rounded half up.
        let rounded = ValueHolder(paymentAmount: CurrencyAmount(amount: try decimal("2.345"), currency: .eur))
        #expect(try encoder.encodeToString(rounded).contains("<Amount>2.35</Amount>"))
    }

    @Test func arithmeticStaysWithinOneCurrency() throws {
        let price = try #require(CurrencyAmount("100.00", .eur))
        let fee = try #require(CurrencyAmount("2.5", .eur))
        let paid = try #require(CurrencyAmount("120", .eur))
        #expect(try price.adding(fee) == CurrencyAmount("102.50", .eur))
        let open = try price.adding(fee).subtracting(paid)
        #expect(open == SignedCurrencyAmount("-17.5", .eur))
        #expect(open.description == "-17.50 EUR")
        #expect(try CurrencyAmount.sum([price, fee, paid], currency: .eur) == CurrencyAmount("222.5", .eur))
        #expect(try CurrencyAmount.sum([], currency: .jpy) == .zero(.jpy))
        #expect(CurrencyAmount.zero(.eur).isZero)

        let dollars = try #require(CurrencyAmount("1", .usd))
        let addError = #expect(throws: StringPaymentsError.self) { try price.adding(dollars) }
        #expect(addError?.code == .currencyMismatch)
        #expect(addError?.message.contains("100.00 EUR") == true)
        #expect(addError?.message.contains("1.00 USD") == true)
        let subtractError = #expect(throws: StringPaymentsError.self) { try price.subtracting(dollars) }
        #expect(subtractError?.code == .currencyMismatch)
        let sumError = #expect(throws: StringPaymentsError.self) {
            try CurrencyAmount.sum([price, dollars], currency: .eur)
        }
        #expect(sumError?.code == .currencyMismatch)
        let signedError = #expect(throws: StringPaymentsError.self) {
            try SignedCurrencyAmount(price).adding(SignedCurrencyAmount(dollars))
        }
        #expect(signedError?.code == .currencyMismatch)
    }

    // MARK: - Percentage

    @Test func percentageBounds() throws {
        for valid in ["0", "100", "100.0000", "0.0001", "12.3456", "12.34560", "+5"] {
            #expect(Percentage(xmlLexicalForm: valid) != nil, "\(valid)")
        }
        for invalid in ["-0.0001", "100.0001", "101", "1.23456", "", "abc", "1e2"] {
            #expect(Percentage(xmlLexicalForm: invalid) == nil, "\(invalid)")
        }
        #expect(Percentage(xmlLexicalForm: "12.50")?.xmlLexicalForm == "12.5")
        #expect(Percentage(xmlLexicalForm: "1.5")?.description == "1.5%")
        let rate = try #require(Percentage(xmlLexicalForm: "1.5"))
        #expect(rate.portion(of: try #require(CurrencyAmount("200", .eur))) == CurrencyAmount("3", .eur))
        #expect(
            rate.portion(of: try #require(CurrencyAmount("10.01", .eur))).rounded() == CurrencyAmount("0.15", .eur))
        #expect(Percentage.xmlTypeName == "PercentageType")
    }

    // MARK: - IBAN

    @Test func ibanChecksums() throws {
        let german = try #require(IBAN("DE89370400440532013000"))
        #expect(german.hasValidChecksum)
        #expect(german.countryCode == CountryCode("DE"))
        #expect(german.checkDigits == "89")
        #expect(german.bban == "370400440532013000")
        #expect(german.masked == "DE89 **** **** **** 3000")
        #expect(german.printedForm == "DE89 3704 0044 0532 0130 00")
        #expect(try #require(IBAN("GB82WEST12345698765432")).hasValidChecksum)
        // The longest IBANs (up to 34 characters) never overflow the computation.
        #expect(try #require(IBAN("LC55HEMM000100010012001200023015")).hasValidChecksum)
        #expect(try #require(IBAN("NO9386011117947")).hasValidChecksum)
        // One digit off.
        #expect(try #require(IBAN("DE89370400440532013001")).hasValidChecksum == false)
        #expect(try #require(IBAN("DE88370400440532013000")).hasValidChecksum == false)
        #expect(try #require(IBAN("GB82WEST12345698765431")).hasValidChecksum == false)
    }

    @Test func ibanForm() {
        #expect(IBAN("de89370400440532013000") == nil)
        #expect(IBAN("DE89 3704 0044 0532 0130 00") == nil)
        #expect(IBAN("DE8937040044") == nil)
        #expect(IBAN("D989370400440532013000") == nil)
        #expect(IBAN("DEX9370400440532013000") == nil)
        #expect(IBAN(String(repeating: "1", count: 31).withPrefix("DE89")) == nil)
        #expect(IBAN(normalizing: "de89 3704 0044 0532 0130 00") == IBAN("DE89370400440532013000"))
        let iban = IBAN("DE89370400440532013000")
        #expect(iban?.description == "DE89 **** **** **** 3000")
        #expect(!dumped(iban).contains("0532013"))
        #expect(BIC("COBADEFFXXX")?.countryCode == CountryCode("DE"))
        #expect(BIC("COBADEFF")?.branchCode == nil)
        #expect(BIC("COBADE1F") != nil)
        #expect(BIC("COBAD1FF") == nil)
        #expect(BIC("COBADEFFXX") == nil)
    }

    // MARK: - Cards

    @Test func luhnAndMasks() throws {
        let visa = try #require(CardNumber("4111111111111111"))
        #expect(visa.passesLuhnCheck)
        #expect(try #require(CardNumber("4111111111111112")).passesLuhnCheck == false)
        #expect(try #require(CardNumber("5555555555554444")).passesLuhnCheck)
        #expect(try #require(CardNumber("378282246310005")).passesLuhnCheck)
        #expect(visa.masked == "411111******1111")
        #expect(visa.bin == "411111")
        #expect(visa.lastFour == "1111")
        #expect(visa.digitCount == 16)
        let amex = try #require(CardNumber("378282246310005"))
        #expect(amex.masked == "***********0005")
        #expect(amex.bin == nil)
        #expect(try #require(CardNumber("123456789012")).masked == "********9012")
        #expect(CardNumber("12345678901") == nil)
        #expect(CardNumber("12345678901234567890") == nil)
        #expect(CardNumber("4111 1111 1111 1111") == nil)
        #expect(CardNumber("411111111111111a") == nil)
        #expect(SecurityCode("12") == nil)
        #expect(SecurityCode("12345") == nil)
        #expect(SecurityCode("1234") != nil)
        #expect(SecurityCode("12a") == nil)
    }

    @Test func secretsNeverShow() throws {
        let number = try #require(CardNumber("4539148803436467"))
        let code = try #require(SecurityCode("9713"))
        let line = CardPaymentLogLine(
            reference: "P-1", number: number, securityCode: code, optionalNumber: number, codes: [code])
        let holder = ValueHolder(
            paymentAmount: .zero(.eur), cardNumber: number, securityCode: code)
        let texts = [
            number.description, number.debugDescription, "\(number)", String(reflecting: number),
            dumped(number), code.description, code.debugDescription, "\(code)", String(reflecting: code),
            dumped(code), "\(line)", String(describing: line), String(reflecting: line), dumped(line),
            "\(holder)", String(reflecting: holder), dumped(holder), "\([number])", String(describing: Optional(code)),
            "\(["card": number])", dumped([line]),
        ]
        for text in texts {
            #expect(!text.contains("4539148803436467"), "\(text)")
            #expect(!text.contains("8803"), "\(text)")  // a hidden middle digit group
            #expect(!text.contains("9713"), "\(text)")
            #expect(!text.contains("971"), "\(text)")
        }
        #expect(number.description == "453914******6467")
        #expect(number.debugDescription == "CardNumber(453914******6467)")
        #expect(code.description == "***")
        #expect(code.debugDescription == "SecurityCode(***)")
        #expect(String(reflecting: line).contains("CardNumber(453914******6467)"))
        // The one way to the digits is the lexical form written into XML.
        #expect(number.xmlLexicalForm == "4539148803436467")
        #expect(code.xmlLexicalForm == "9713")
    }

    @Test func invalidSecretsAreNotQuotedInDecodingErrors() throws {
        let badNumber = holderXML(amount: "1", extra: "<CardNumber>45391488034364671234</CardNumber>")
        let numberError = #expect(throws: XMLCodingError.self) {
            try XMLDecoder().decode(ValueHolder.self, from: badNumber)
        }
        #expect(numberError?.code == .invalidValue)
        #expect(numberError?.elementPath == "/Holder/CardNumber")
        #expect(numberError.map { !$0.description.contains("4539148803") } == true)
        let badCode = holderXML(amount: "1", extra: "<SecurityCode>97135</SecurityCode>")
        let codeError = #expect(throws: XMLCodingError.self) {
            try XMLDecoder().decode(ValueHolder.self, from: badCode)
        }
        #expect(codeError?.code == .invalidValue)
        #expect(codeError?.elementPath == "/Holder/SecurityCode")
        #expect(codeError.map { !$0.description.contains("9713") } == true)
        // White space around a valid number is collapsed, as for every simple value.
        let spaced = holderXML(amount: "1", extra: "<CardNumber> 4111111111111111\n</CardNumber>")
        #expect(try XMLDecoder().decode(ValueHolder.self, from: spaced).cardNumber == CardNumber("4111111111111111"))
    }

    // MARK: - Enumerations and status flow

    @Test func enumerationRawValuesFollowTheSchema() {
        #expect(PaymentCollection.allCases.map(\.rawValue) == ["Agency", "TourOperator", "OnSite", "Mixed"])
        #expect(PaymentScope.allCases.map(\.rawValue) == ["Deposit", "Interim", "Balance"])
        #expect(
            FormOfPayment.allCases.map(\.rawValue) == [
                "CreditCard", "DirectDebit", "EBanking", "EWallet", "Invoice", "Installment", "Voucher",
            ])
        #expect(RequestTrigger.allCases.map(\.rawValue) == ["Quote", "Book", "Retrieve", "Modify", "Cancel"])
        #expect(RequestTrigger.allCases.filter(\.requiresBookingId) == [.retrieve, .modify, .cancel])
        #expect(BookingState.allCases.map(\.rawValue) == ["Quoted", "Booked", "Cancelled"])
        #expect(PaymentStatus.allCases.map(\.rawValue) == ["Open", "Recorded", "Settled", "Failed", "Confirmed"])
    }

    static let allowedTransitions: Set<[PaymentStatus]> = [
        [.open, .recorded], [.open, .settled], [.open, .failed],
        [.recorded, .settled], [.recorded, .failed],
        [.settled, .confirmed], [.settled, .failed],
        [.failed, .open],
    ]

    @Test(arguments: PaymentStatus.allCases, PaymentStatus.allCases)
    func statusTransition(from current: PaymentStatus, to next: PaymentStatus) {
        let allowed = Self.allowedTransitions.contains([current, next])
        #expect(current.canTransition(to: next) == allowed)
        #expect(PaymentStatus.allowedTransitions(from: current).contains(next) == allowed)
        if allowed {
            #expect((try? current.transition(to: next)) == next)
        } else {
            let error = #expect(throws: StringPaymentsError.self) { try current.transition(to: next) }
            #expect(error?.code == .invalidStatusTransition)
            #expect(error?.message.contains(current.rawValue) == true)
            #expect(error?.message.contains(next.rawValue) == true)
        }
    }

    @Test func statusFlowSummary() {
        let pairs = PaymentStatus.allCases.flatMap { from in PaymentStatus.allCases.map { [from, $0] } }
        #expect(pairs.count == 25)
        #expect(pairs.filter { $0[0].canTransition(to: $0[1]) }.count == 8)
        #expect(PaymentStatus.allCases.filter(\.isFinal) == [.confirmed])
        #expect(PaymentStatus.allCases.filter(\.countsAsPaid) == [.recorded, .settled, .confirmed])
        #expect(PaymentStatus.allCases.filter(\.countsAsSettled) == [.settled, .confirmed])
        #expect(PaymentStatus.allowedTransitions(from: .confirmed).isEmpty)
    }
}

extension String {
    fileprivate func withPrefix(_ prefix: String) -> String { prefix + self }
}
