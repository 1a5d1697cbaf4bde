import Foundation
import StringPayments
import Testing
import XMLCoding

/// The Codable message model: examples, hand-built values of every kind, `xsi:type`, open content,
/// the cash-holder choice, fees and request/response pairing.
@Suite struct StringModelTests {
    // MARK: - Examples

    /// The repository's `Examples` directory, found from this file.
    static let examplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Examples")

    /// Every example under `Examples/messages` and `Examples/lifecycle`, as `folder/file.xml`.
    static let exampleNames: [String] = ["messages", "lifecycle"].flatMap { folder in
        let directory = examplesDirectory.appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".xml") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test func examplesArePresent() {
        #expect(Self.exampleNames.count >= 20, "found \(Self.exampleNames)")
    }

    @Test(arguments: exampleNames)
    func exampleRoundTrips(name: String) throws {
        let data = try Data(contentsOf: Self.examplesDirectory.appendingPathComponent(name))
        let message = try StringMessage.decode(from: data)
        let encoded = try message.encoded()
        let decodedAgain = try StringMessage.decode(from: encoded)
        #expect(
            Self.withoutNamespaceContext(decodedAgain) == Self.withoutNamespaceContext(message),
            "\(String(decoding: encoded, as: UTF8.self))")
        #expect(try decodedAgain.encoded() == encoded, "equal values encode to identical bytes")
        // The examples are schema-valid: nothing is unknown or out of order.
        let strict = StringDecodingOptions(unknownElements: .reject)
        #expect(try StringMessage.decode(from: data, options: strict) == message)
        if name.contains("-request") { #expect(message.isRequest) }
        if name.contains("-response") { #expect(!message.isRequest) }
    }

    @Test(arguments: [
        ("fop-none.xml", "unspecified"), ("fop-invoice.xml", "invoice"),
        ("fop-credit-card.xml", "creditCard"), ("fop-direct-debit.xml", "directDebit"),
        ("fop-e-banking.xml", "eBanking"), ("fop-e-wallet.xml", "eWallet"),
        ("fop-installment.xml", "installment"), ("fop-voucher.xml", "voucher"),
    ])
    func formOfPaymentExamplesDecodeTheirSpecialisation(file: String, expected: String) throws {
        let request = try Self.paymentRequest(file)
        let payment = try #require(request.payments.payments.first)
        #expect(Self.caseName(payment.specialisation) == expected)
        #expect(payment.formOfPayment == payment.formOfPaymentFromType)
    }

    @Test func creditCardExampleKeepsEveryChild() throws {
        let payment = try #require(try Self.paymentRequest("fop-credit-card.xml").payments.payments.first)
        guard case .creditCard(let card) = payment.specialisation else {
            Issue.record("expected a card payment, got \(payment.specialisation)")
            return
        }
        #expect(card.pciToken == "tok_4f9a0c2e77d1b5")
        #expect(card.pciTokenIssuer == "PayRhein")
        #expect(card.pciBin == "401288")
        #expect(card.creditCard?.cardType == "VISA")
        #expect(card.creditCard?.maskedCardNumber == "401288XXXXXX1881")
        #expect(card.creditCard?.expiryDate == XMLYearMonth(year: 2036, month: 11))
        #expect(payment.paymentServiceProvider?.name == "PayRhein")
        #expect(payment.cashHolder == .assignedToBookingOwner(true))
        #expect(payment.dates?.entryDate == XMLDate(year: 2026, month: 11, day: 23))
    }

    @Test func installmentExampleKeepsTheInstallmentsInOrder() throws {
        let payment = try #require(try Self.paymentRequest("fop-installment.xml").payments.payments.first)
        guard case .installment(let plan) = payment.specialisation else {
            Issue.record("expected an installment payment, got \(payment.specialisation)")
            return
        }
        #expect(plan.installments.map(\.number) == [1, 2, 3])
        #expect(plan.installments.map(\.amount.amount) == [800, 800, 800])
    }

    @Test func nilOptionalElementsReadAsAbsent() throws {
        let message = try Self.decodeExample("messages/nil-optional-elements.xml")
        guard case .bookingResponse(let response) = message else {
            Issue.record("expected a BookingResponse, got \(message.kind)")
            return
        }
        #expect(response.services == nil)
        #expect(response.paymentOptions == nil)
        #expect(response.informations == nil && response.warnings == nil && response.errors == nil)
        #expect(response.paymentOverview?.nextDue == nil)
        #expect(response.travellers?.travellers.first?.birthDate == nil)
        #expect(response.bookingDetails?.seller == nil)
        let payment = try #require(response.payments?.payments.first)
        #expect(payment.formOfPayment == nil && payment.cashHolder == nil && payment.paymentDetails == nil)
        #expect(payment.paymentServiceProvider == nil)
        #expect(payment.dates == PaymentDates(dueDate: XMLDate(year: 2027, month: 7, day: 2)))
        #expect(response.unknownElements.isEmpty)
    }

    @Test func servicesAreKeptVerbatimWithTheirNamespaces() throws {
        let message = try Self.decodeExample("lifecycle/01-quote-request.xml")
        guard case .bookingRequest(let request) = message else {
            Issue.record("expected a BookingRequest, got \(message.kind)")
            return
        }
        let services = try #require(request.services?.content)
        #expect(services.map(\.name.localName) == ["Service", "Service", "Transfer"])
        #expect(services.last?.name.namespace == "urn:example:srt:services")
        #expect(services.last?.attribute(XMLQualifiedName("Code")) == "TRF-PMI")
        #expect(services.first?.text.hasPrefix("Düsseldorf") == true)
        let encoded = String(decoding: try message.encoded(), as: UTF8.self)
        #expect(encoded.contains("Flughafen–Hotel und zurück"))
        #expect(encoded.contains("urn:example:srt:services"))
    }

    @Test func envelopeExamplesDecodeTheirPayload() throws {
        let request = try Self.decodeExample("messages/envelope-request.xml")
        guard case .envelopeRequest(let envelope) = request else {
            Issue.record("expected a StringMessageRequest, got \(request.kind)")
            return
        }
        #expect(envelope.stringRequest.version == "1.0")
        #expect(envelope.stringRequest.routingHeader.operatorCode == "SRT")
        #expect(envelope.stringRequest.authHeader?.user == "rb-rheinblick-koeln")
        #expect(envelope.stringRequest.content?.message?.kind == .paymentRequest)

        let versions = try Self.decodeExample("messages/envelope-versions-request.xml")
        guard case .envelopeRequest(let versionsEnvelope) = versions else {
            Issue.record("expected a StringMessageRequest, got \(versions.kind)")
            return
        }
        #expect(versionsEnvelope.stringRequest.content == nil)
        #expect(versionsEnvelope.stringRequest.authHeader == nil)

        let response = try Self.decodeExample("messages/envelope-response.xml")
        try StringMessage.checkPairing(request: request, response: response)
        try StringMessage.checkPairing(
            request: versions, response: try Self.decodeExample("messages/envelope-versions-response.xml"))
    }

    // MARK: - Hand-built values

    @Test(arguments: try sampleMessages())
    func handBuiltMessageRoundTrips(message: StringMessage) throws {
        let encoded = try message.encoded()
        let decoded = try StringMessage.decode(from: encoded)
        #expect(
            Self.withoutNamespaceContext(decoded) == Self.withoutNamespaceContext(message),
            "\(String(decoding: encoded, as: UTF8.self))")
        #expect(decoded.kind == message.kind)
    }

    @Test func handBuiltMessagesCoverEveryKindAndSpecialisation() throws {
        let messages = try Self.sampleMessages()
        #expect(Set(messages.map(\.kind)) == Set(StringMessageKind.allCases))
        let specialisations = Set(try Self.samplePayments().map { Self.caseName($0.specialisation) })
        #expect(
            specialisations == [
                "unspecified", "invoice", "creditCard", "directDebit", "eBanking", "eWallet", "installment",
                "voucher",
            ])
    }

    @Test func everySpecialisationWritesItsTypeAndChildrenAfterTheBase() throws {
        for payment in try Self.samplePayments() {
            let request = PaymentRequest(bookingId: "B-1", payments: PaymentsRequest(payments: [payment]))
            let text = String(decoding: try StringMessage.paymentRequest(request).encoded(), as: UTF8.self)
            if let typeName = payment.specialisation.typeName {
                #expect(text.contains("xsi:type=\"\(typeName.localName)\""), "\(text)")
                #expect(typeName.namespace == StringNamespace.uri)
            } else {
                #expect(!text.contains(":type="), "\(text)")
            }
            let baseEnd = try #require(text.range(of: "</PaymentAmount>"))
            for extra in ["<CreditCard>", "<IBAN>", "<Provider>", "<Installment>", "<VoucherCode>"] {
                if let range = text.range(of: extra) {
                    #expect(range.lowerBound >= baseEnd.upperBound)
                }
            }
        }
    }

    @Test func encodingWithAPrefixedStringNamespaceDecodesBack() throws {
        let message = try #require(try Self.sampleMessages().first { $0.kind == .paymentRequest })
        let options = XMLEncodingOptions(namespacePrefixes: [
            StringNamespace.uri: "drv", XMLNamespace.schemaInstance: "inst",
        ])
        let encoded = try message.encoded(options: options)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("<drv:PaymentRequest"))
        #expect(text.contains("inst:type=\"drv:CreditCardPaymentType\""), "\(text)")
        #expect(try StringMessage.decode(from: encoded) == message)
    }

    // MARK: - xsi:type

    @Test func xsiTypeWithOtherPrefixesResolvesByNamespace() throws {
        let payment = try #require(
            try Self.paymentRequest("prefixed-namespaces.xml").payments.payments.first)
        guard case .creditCard(let card) = payment.specialisation else {
            Issue.record("expected a card payment, got \(payment.specialisation)")
            return
        }
        #expect(card.creditCard?.cardType == "AmericanExpress")
        #expect(card.creditCard?.cardNumber == CardNumber("378282246310005"))
        #expect(payment.dates?.entryDate == XMLDate(year: 2026, month: 11, day: 23))

        let xml = Self.paymentRequestXML(
            rootAttributes: #"xmlns:s="\#(StringNamespace.uri)" xmlns:i="\#(XMLNamespace.schemaInstance)""#,
            paymentAttributes: #"i:type="s:VoucherPaymentType""#,
            extra: "<s:VoucherCode>V-1</s:VoucherCode>", prefix: "s:")
        let decoded = try Self.decodePaymentRequest(xml)
        #expect(decoded.payments.payments.first?.specialisation == .voucher(VoucherPayment(voucherCode: "V-1")))
    }

    @Test func xsiTypeIsAQualifiedNameNotAString() throws {
        // The STRING namespace is only bound to a prefix, so the unprefixed value is in no namespace.
        let unqualified = Self.paymentRequestXML(
            rootAttributes: #"xmlns:s="\#(StringNamespace.uri)" xmlns:xsi="\#(XMLNamespace.schemaInstance)""#,
            paymentAttributes: #"xsi:type="VoucherPaymentType""#,
            extra: "<s:VoucherCode>V-1</s:VoucherCode>", prefix: "s:")
        try Self.expectError(.init(XMLCodingError.Code.unknownType)) { try Self.decodePaymentRequest(unqualified) }

        let foreign = Self.paymentRequestXML(
            rootAttributes:
                #"xmlns="\#(StringNamespace.uri)" xmlns:xsi="\#(XMLNamespace.schemaInstance)" xmlns:x="urn:other""#,
            paymentAttributes: #"xsi:type="x:VoucherPaymentType""#,
            extra: "<VoucherCode>V-1</VoucherCode>")
        try Self.expectError(.init(XMLCodingError.Code.unknownType)) { try Self.decodePaymentRequest(foreign) }

        let undeclared = Self.paymentRequestXML(
            rootAttributes: #"xmlns="\#(StringNamespace.uri)" xmlns:xsi="\#(XMLNamespace.schemaInstance)""#,
            paymentAttributes: #"xsi:type="nope:VoucherPaymentType""#, extra: "")
        try Self.expectError(.init(XMLCodingError.Code.unresolvedPrefix)) {
            try Self.decodePaymentRequest(undeclared)
        }
    }

    @Test func xsiTypeNamingTheBaseTypeIsAPlainPayment() throws {
        let xml = Self.paymentRequestXML(
            rootAttributes: #"xmlns="\#(StringNamespace.uri)" xmlns:xsi="\#(XMLNamespace.schemaInstance)""#,
            paymentAttributes: #"xsi:type="PaymentType""#, extra: "")
        #expect(try Self.decodePaymentRequest(xml).payments.payments.first?.specialisation == .unspecified)
    }

    @Test func unknownPaymentTypeIsRefusedByDefaultAndKeptWhenLenient() throws {
        let xml = Self.paymentRequestXML(
            rootAttributes: #"xmlns="\#(StringNamespace.uri)" xmlns:xsi="\#(XMLNamespace.schemaInstance)""#,
            paymentAttributes: #"xsi:type="ApplePayPaymentType""#,
            extra: #"<WalletToken Kind="device">tok-1</WalletToken><Device>iPhone</Device>"#)
        let error = try Self.expectError(.init(XMLCodingError.Code.unknownType)) {
            try Self.decodePaymentRequest(xml)
        }
        #expect(error?.message.contains("ApplePayPaymentType") == true)
        #expect(error?.codingPath.last == "type")

        let lenient = StringDecodingOptions(lenientPaymentTypes: true)
        let message = try StringMessage.decode(from: Data(xml.utf8), options: lenient)
        guard case .paymentRequest(let request) = message,
            case .unknown(let type, let extraElements) = request.payments.payments.first?.specialisation
        else {
            Issue.record("expected an unknown payment type in \(message)")
            return
        }
        #expect(type == StringNamespace.name("ApplePayPaymentType"))
        #expect(extraElements.map(\.name) == [StringNamespace.name("WalletToken"), StringNamespace.name("Device")])
        #expect(extraElements.first?.attribute(XMLQualifiedName("Kind")) == "device")
        #expect(request.payments.payments.first?.formOfPaymentFromType == nil)

        let encoded = try message.encoded()
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains(#"xsi:type="ApplePayPaymentType""#), "\(text)")
        #expect(text.contains(#"<WalletToken Kind="device">tok-1</WalletToken><Device>iPhone</Device>"#), "\(text)")
        #expect(try StringMessage.decode(from: encoded, options: lenient) == message)
        try Self.expectError(.init(XMLCodingError.Code.unknownType)) { try StringMessage.decode(from: encoded) }
    }

    // MARK: - Unknown elements

    @Test func unknownElementsAreKeptAndWrittenBack() throws {
        let xml = """
            <PaymentRequest xmlns="\(StringNamespace.uri)" Version="1.1">
              <BookingId>B-1</BookingId>
              <Payments>
                <Payment Identifier="P1"><PaymentScope>Deposit</PaymentScope>
                  <PaymentAmount><Amount>10.00</Amount><Currency>EUR</Currency></PaymentAmount></Payment>
              </Payments>
              <LoyaltyProgram Level="gold"><Number>4711</Number></LoyaltyProgram>
              <x:Note xmlns:x="urn:example:notes">hello</x:Note>
            </PaymentRequest>
            """
        let message = try StringMessage.decode(from: Data(xml.utf8))
        guard case .paymentRequest(let request) = message else {
            Issue.record("expected a PaymentRequest, got \(message.kind)")
            return
        }
        #expect(
            request.unknownElements.map(\.name) == [
                StringNamespace.name("LoyaltyProgram"),
                XMLQualifiedName(namespace: "urn:example:notes", localName: "Note"),
            ])
        #expect(request.unknownElements.first?.childElements.first?.text == "4711")
        let encoded = try message.encoded()
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains(#"<LoyaltyProgram Level="gold"><Number>4711</Number></LoyaltyProgram>"#), "\(text)")
        let again = try StringMessage.decode(from: encoded)
        guard case .paymentRequest(let requestAgain) = again else {
            Issue.record("expected a PaymentRequest, got \(again.kind)")
            return
        }
        #expect(requestAgain.unknownElements.map(\.name) == request.unknownElements.map(\.name))
        #expect(requestAgain.unknownElements.map(\.text) == request.unknownElements.map(\.text))
        #expect(requestAgain.payments == request.payments)

        let error = try Self.expectError(.init(XMLCodingError.Code.unknownElement)) {
            try StringMessage.decode(from: Data(xml.utf8), options: StringDecodingOptions(unknownElements: .reject))
        }
        #expect(error?.elementPath == "/PaymentRequest/LoyaltyProgram")
    }

    @Test func unknownElementsDeeperDownFollowThePolicy() throws {
        let xml = """
            <ErrorResponse xmlns="\(StringNamespace.uri)"><Errors><ErrorDetail><Code>X</Code><Text>t</Text>
            <Severity>high</Severity></ErrorDetail></Errors></ErrorResponse>
            """
        let message = try StringMessage.decode(from: Data(xml.utf8))
        guard case .errorResponse(var response) = message else {
            Issue.record("expected an ErrorResponse, got \(message.kind)")
            return
        }
        #expect(response.errors.errorDetails.first?.unknownElements.map(\.name) == [StringNamespace.name("Severity")])
        response.errors.errorDetails[0].unknownElements = []
        #expect(response == ErrorResponse(errors: Errors(errorDetails: [MessageDetail(code: "X", text: "t")])))
        try Self.expectError(.init(XMLCodingError.Code.unknownElement)) {
            try StringMessage.decode(from: Data(xml.utf8), options: StringDecodingOptions(unknownElements: .reject))
        }
    }

    @Test func envelopeKeepsAnUnknownPayloadVerbatim() throws {
        let xml = """
            <StringMessageResponse xmlns="\(StringNamespace.uri)"><StringResponse Version="1.0"><Content>\
            <CruiseResponse Version="2.0"><Ship>MS Europa</Ship></CruiseResponse></Content></StringResponse>\
            </StringMessageResponse>
            """
        let message = try StringMessage.decode(from: Data(xml.utf8))
        guard case .envelopeResponse(let envelope) = message,
            case .unknown(let payload) = envelope.stringResponse.content
        else {
            Issue.record("expected an unknown payload in \(message)")
            return
        }
        #expect(payload.name == StringNamespace.name("CruiseResponse"))
        #expect(payload.childElements.first?.text == "MS Europa")
        let text = String(decoding: try message.encoded(), as: UTF8.self)
        #expect(
            text.contains(#"<Content><CruiseResponse Version="2.0"><Ship>MS Europa</Ship></CruiseResponse></Content>"#),
            "\(text)")
    }

    @Test func envelopeContentHoldsExactlyOnePayload() throws {
        for content in [
            "",
            "<ErrorResponse><Errors><ErrorDetail><Code>A</Code><Text>a</Text></ErrorDetail></Errors></ErrorResponse><Other/>",
        ] {
            let xml = """
                <StringMessageResponse xmlns="\(StringNamespace.uri)"><StringResponse><Content>\(content)</Content>\
                </StringResponse></StringMessageResponse>
                """
            let error = try #require(
                throws: StringPaymentsError.self, performing: { try StringMessage.decode(from: Data(xml.utf8)) })
            #expect(
                error.code
                    == (content.isEmpty
                        ? .init(XMLCodingError.Code.missingElement) : .init(XMLCodingError.Code.typeMismatch)))
        }
    }

    // MARK: - Roots and required repetitions

    @Test func unknownRootIsRefused() throws {
        let cases = [
            "<CruiseRequest xmlns=\"\(StringNamespace.uri)\"/>",
            "<PaymentRequest xmlns=\"urn:not-string\"><BookingId>B</BookingId></PaymentRequest>",
            "<PaymentRequest><BookingId>B</BookingId></PaymentRequest>",
        ]
        for xml in cases {
            let error = try Self.expectError(.init(XMLCodingError.Code.unexpectedRootElement)) {
                try StringMessage.decode(from: Data(xml.utf8))
            }
            #expect(error?.xmlError?.code == .unexpectedRootElement)
        }
        try Self.expectError(.init(XMLCodingError.Code.malformedXML)) {
            try StringMessage.decode(from: Data("<PaymentRequest></Payment>".utf8))
        }
    }

    @Test func oneOrMoreElementsMustBePresent() throws {
        let xml = """
            <PaymentRequest xmlns="\(StringNamespace.uri)"><BookingId>B-1</BookingId><Payments Collection="Agency"/>\
            </PaymentRequest>
            """
        let error = try Self.expectError(.init(XMLCodingError.Code.missingElement)) {
            try StringMessage.decode(from: Data(xml.utf8))
        }
        #expect(error?.message.contains("Payment") == true)
    }

    // MARK: - CashHolder

    @Test func cashHolderDecodesEachChoice() throws {
        #expect(
            try Self.cashHolder("<AssignedToBookingOwner>true</AssignedToBookingOwner>")
                == .assignedToBookingOwner(true))
        #expect(
            try Self.cashHolder("<AssignedToBookingOwner>false</AssignedToBookingOwner>")
                == .assignedToBookingOwner(false))
        #expect(try Self.cashHolder("<AssignedToTraveller>T2</AssignedToTraveller>") == .assignedToTraveller("T2"))
        #expect(
            try Self.cashHolder(
                "<OwnerDetails><Prename>Jonas</Prename><Surname>Weber</Surname><CountryCode>DE</CountryCode></OwnerDetails>"
            )
                == .ownerDetails(PersonDetails(prename: "Jonas", surname: "Weber", countryCode: CountryCode("DE"))))
    }

    @Test func cashHolderNeedsExactlyOneChoice() throws {
        let none = try #require(throws: XMLCodingError.self, performing: { try Self.cashHolder("") })
        #expect(none.code == .missingElement)
        let two = try #require(
            throws: XMLCodingError.self,
            performing: {
                try Self.cashHolder(
                    "<AssignedToBookingOwner>true</AssignedToBookingOwner><AssignedToTraveller>T1</AssignedToTraveller>"
                )
            })
        #expect(two.code == .typeMismatch)
        #expect(two.message.contains("AssignedToBookingOwner and AssignedToTraveller"))
    }

    @Test(arguments: [
        CashHolder.assignedToBookingOwner(true), .assignedToTraveller("T9"),
        .ownerDetails(PersonDetails(salutation: "Frau", surname: "Schulz", city: "Berlin", phone: "+49 30 1")),
    ])
    func cashHolderRoundTrips(holder: CashHolder) throws {
        let encoded = try XMLEncoder().encode(holder, rootElement: StringNamespace.name("CashHolder"))
        #expect(try XMLDecoder().decode(CashHolder.self, from: encoded) == holder)
    }

    // MARK: - Fees

    @Test func feeAddsFixedAndPercentageAndRoundsOnce() throws {
        let option = PaymentOption(
            formOfPayment: .creditCard, fixedFee: try Self.money("2.50", .eur), percentFee: Percentage(Decimal(15) / 10)
        )
        // 2.50 + 1.5 % × 1234.56 = 2.50 + 18.5184 = 21.0184 → 21.02
        #expect(try option.fee(for: try Self.money("1234.56", .eur)) == (try Self.money("21.02", .eur)))
        #expect(try option.fee(for: try Self.money("1234.56", .eur)).formattedAmount == "21.02")
    }

    @Test func feeRoundsToTheCurrencyMinorUnits() throws {
        let option = PaymentOption(formOfPayment: .eWallet, percentFee: Percentage(Decimal(15) / 10))
        // 1.5 % × 12345 JPY = 185.175 → 185 JPY
        let fee = try option.fee(for: try Self.money("12345", .jpy))
        #expect(fee == (try Self.money("185", .jpy)))
        #expect(fee.formattedAmount == "185")
        // 1.5 % × 1.000 KWD = 0.015 KWD, three minor units
        #expect(try option.fee(for: try Self.money("1.000", .kwd)).formattedAmount == "0.015")
    }

    @Test func feeRoundsHalfUp() throws {
        let onePercent = PaymentOption(formOfPayment: .creditCard, percentFee: Percentage(1))
        // 1 % × 50.50 EUR = 0.505 → 0.51 (banker's rounding would give 0.50)
        #expect(try onePercent.fee(for: try Self.money("50.50", .eur)) == (try Self.money("0.51", .eur)))
        // 1 % × 1250 JPY = 12.5 → 13 (banker's rounding would give 12)
        #expect(try onePercent.fee(for: try Self.money("1250", .jpy)) == (try Self.money("13", .jpy)))
        // 1 % × 50.49 EUR = 0.5049 → 0.50
        #expect(try onePercent.fee(for: try Self.money("50.49", .eur)) == (try Self.money("0.50", .eur)))
    }

    @Test func feeWithoutSurchargesIsZeroAndFixedFeeMustShareTheCurrency() throws {
        #expect(try PaymentOption(formOfPayment: .invoice).fee(for: try Self.money("99.99", .eur)) == .zero(.eur))
        let option = PaymentOption(formOfPayment: .invoice, fixedFee: try Self.money("4.50", .chf))
        #expect(try option.fee(for: try Self.money("100.00", .chf)) == (try Self.money("4.50", .chf)))
        let error = try #require(
            throws: StringPaymentsError.self, performing: { try option.fee(for: try Self.money("100.00", .eur)) })
        #expect(error.code == .currencyMismatch)
    }

    // MARK: - Pairing

    @Test func pairingTable() throws {
        let allowed: [StringMessageKind: Set<StringMessageKind>] = [
            .paymentRequest: [.paymentResponse, .bookingResponse, .errorResponse],
            .bookingRequest: [.bookingResponse, .paymentResponse, .errorResponse],
            .envelopeRequest: [.envelopeResponse],
        ]
        let samples = Dictionary(
            try Self.sampleMessages().map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        for request in StringMessageKind.allCases {
            #expect(Set(request.allowedResponses) == allowed[request, default: []])
            #expect(request.isRequest == (allowed[request] != nil))
            for response in StringMessageKind.allCases {
                let requestMessage = try #require(samples[request])
                let responseMessage = try #require(samples[response])
                if allowed[request]?.contains(response) == true {
                    try StringMessage.checkPairing(request: requestMessage, response: responseMessage)
                } else {
                    let error = try #require(
                        throws: StringPaymentsError.self,
                        performing: {
                            try StringMessage.checkPairing(request: requestMessage, response: responseMessage)
                        })
                    #expect(error.code == .unpairedResponse, "\(request) → \(response)")
                }
            }
        }
        #expect(StringMessageKind.paymentRequest.allowedResponses.first == .paymentResponse)
        #expect(StringMessageKind.bookingRequest.allowedResponses.first == .bookingResponse)
    }

    @Test func envelopePayloadsMustPairToo() throws {
        let routing = RoutingHeader(operatorCode: "SRT")
        let request = StringMessage.envelopeRequest(
            StringMessageRequest(
                stringRequest: StringRequest(
                    timeStamp: try Self.timeStamp(), version: "1.0", routingHeader: routing,
                    content: .bookingRequest(BookingRequest(requestTrigger: .quote)))))
        func response(_ content: EnvelopeContent?) -> StringMessage {
            .envelopeResponse(StringMessageResponse(stringResponse: StringResponse(version: "1.0", content: content)))
        }
        try StringMessage.checkPairing(
            request: request, response: response(.bookingResponse(BookingResponse(bookingState: .quoted))))
        try StringMessage.checkPairing(
            request: request,
            response: response(
                .errorResponse(ErrorResponse(errors: Errors(errorDetails: [MessageDetail(code: "E", text: "e")])))))
        try StringMessage.checkPairing(request: request, response: response(nil))
        let error = try #require(
            throws: StringPaymentsError.self,
            performing: {
                try StringMessage.checkPairing(
                    request: request, response: response(.bookingRequest(BookingRequest(requestTrigger: .book))))
            })
        #expect(error.code == .unpairedResponse)
        #expect(error.message.contains("envelope payloads"))
    }

    // MARK: - Secrets

    @Test func secretsStayOutOfDescriptions() throws {
        let header = AuthHeader(user: "agent", token: "c2VjcmV0")
        #expect(!"\(header)".contains("c2VjcmV0"))
        #expect(!String(reflecting: header).contains("c2VjcmV0"))
        var dumped = ""
        dump(header, to: &dumped)
        #expect(!dumped.contains("c2VjcmV0"))
        let request = StringRequest(
            timeStamp: try Self.timeStamp(), version: "1.0", routingHeader: RoutingHeader(operatorCode: "SRT"),
            authHeader: header)
        #expect(!"\(request)".contains("c2VjcmV0"))

        let payments = try Self.samplePayments()
        let card = try #require(payments.first { Self.caseName($0.specialisation) == "creditCard" })
        #expect(!"\(card)".contains("4111111111111111"))
        #expect(!"\(card)".contains("737"))
    }

    // MARK: - Samples

    static func samplePayments() throws -> [Payment] {
        let eur = CurrencyCode.eur
        let base = {
            (identifier: Identifier, form: FormOfPayment?, specialisation: PaymentSpecialisation) throws -> Payment in
            Payment(
                identifier: identifier, collection: .tourOperator, paymentScope: .deposit, formOfPayment: form,
                paymentAmount: try money("120.00", eur), specialisation: specialisation)
        }
        let card = CreditCardPayment(
            creditCard: CreditCard(
                cardType: "VISA", cardNumber: CardNumber("4111111111111111"), maskedCardNumber: "411111XXXXXX1111",
                expiryDate: try #require(XMLYearMonth(year: 2030, month: 5)), holderName: "Max Mustermann",
                securityCode: SecurityCode("737")),
            pciToken: "tok_1", pciTokenIssuer: "PayRhein", pciBin: "411111")
        let debit = DirectDebitPayment(
            iban: try #require(IBAN("DE89370400440532013000")), bic: BIC("COBADEFFXXX"), accountHolder: "Sabine Krüger",
            mandateReference: "M-1", mandateDate: try date("2026-11-23"))
        let installments = InstallmentPayment(installments: [
            Installment(number: 1, dueDate: try date("2027-01-15"), amount: try money("60.00", eur)),
            Installment(number: 2, dueDate: try date("2027-02-15"), amount: try money("60.00", eur)),
        ])
        var full = try base("FULL", nil, .unspecified)
        full.paymentServiceProvider = PaymentServiceProvider(
            name: "PayRhein", logoURL: "https://example.com/logo.png", description: "Zahlungsseite")
        full.cashHolder = .ownerDetails(
            PersonDetails(
                salutation: "Herr", prename: "Jonas", surname: "Weber", street: "Lindenallee 12", postalCode: "50968",
                city: "Köln", countryCode: CountryCode("DE"), email: "jonas@example.de", phone: "+49 221 1"))
        full.status = .failed
        full.dates = PaymentDates(
            dueDate: try date("2026-12-01"), entryDate: try date("2026-11-23"), settlementDate: try date("2026-11-24"))
        full.paymentDetails = PaymentDetails(
            fee: try money("1.50", eur), transactionReference: "TX-1", authorizationCode: "A1",
            failureReason: "Limit <exceeded> & more")
        return [
            full,
            try base("INV", .invoice, .invoice),
            try base("CC", .creditCard, .creditCard(card)),
            try base("DD", .directDebit, .directDebit(debit)),
            try base("EB", .eBanking, .eBanking(EBankingPayment(provider: "Giropay", transactionReference: "GP-1"))),
            try base(
                "EW", .eWallet,
                .eWallet(EWalletPayment(provider: "PayPal", accountId: "a@example.de", transactionReference: "PP-1"))),
            try base("INST", .installment, .installment(installments)),
            try base("VOU", nil, .voucher(VoucherPayment(voucherCode: "V-1", voucherIssuer: "Reisebüro"))),
        ]
    }

    static func sampleMessages() throws -> [StringMessage] {
        let eur = CurrencyCode.eur
        let payments = try samplePayments()
        let agency = AgencyInformation(agency: "123456", agentId: 17)
        let travellers = Travellers(travellers: [
            Traveller(
                identifier: "T1", salutation: "Herr", prename: "Max", surname: "Mustermann",
                birthDate: try date("1980-04-12"), email: "max@example.de"),
            Traveller(identifier: "T2", surname: "Musterfrau"),
        ])
        let details = BookingDetails(
            bookingOwner: "T1", startDate: try date("2027-06-14"), endDate: try date("2027-06-28"), seller: "Anna",
            branch: "Köln")
        let services = Services(content: [
            XMLAnyElement(
                name: StringNamespace.name("Service"),
                attributes: [.init(name: XMLQualifiedName("Code"), value: "PMI-1")],
                children: [.text("Hotel Cala Blava")], namespacesInScope: ["": StringNamespace.uri])
        ])
        let options = PaymentOptions(paymentOptions: [
            PaymentOption(
                collection: .tourOperator, formOfPayment: .creditCard, percentFee: Percentage(Decimal(15) / 10),
                acceptedCardTypes: ["VISA", "MasterCard"]),
            PaymentOption(
                formOfPayment: .eWallet, fixedFee: try money("5.00", eur),
                paymentServiceProvider: PaymentServiceProvider(name: "PayPal"),
                description: "PayPal"),
        ])
        let overview = PaymentOverview(
            totalPrice: try money("1000.00", eur), totalFees: try money("5.00", eur),
            paidAmount: try money("1105.00", eur),
            settledAmount: try money("1105.00", eur), openAmount: try #require(SignedCurrencyAmount("-100.00", eur)),
            overdueAmount: .zero(eur),
            nextDue: NextDue(paymentScope: .balance, dueDate: try date("2027-05-14"), amount: try money("10.00", eur)))
        let informations = Informations(informationDetails: [
            MessageDetail(code: "OK", text: "Alles gut", reference: "CC")
        ])
        let warnings = Warnings(warningDetails: [MessageDetail(code: "LATE", text: "Spät")])
        let errors = Errors(errorDetails: [
            MessageDetail(code: "E1", text: "Fehler"), MessageDetail(code: "E2", text: "Noch einer"),
        ])

        let paymentRequest = PaymentRequest(
            version: "1.0", agencyInformation: agency, bookingId: "SRT-1",
            payments: PaymentsRequest(collection: .tourOperator, payments: Array(payments.dropFirst())))
        let paymentResponse = PaymentResponse(
            version: "1.0", bookingId: "SRT-1", payments: PaymentsResponse(collection: .mixed, payments: payments),
            paymentOptions: options, paymentOverview: overview, informations: informations, warnings: warnings,
            errors: errors)
        let bookingRequest = BookingRequest(
            version: "1.0", agencyInformation: agency, requestTrigger: .book, bookingId: "SRT-1",
            travellers: travellers,
            bookingDetails: details, prices: Prices(totalPrice: try money("1000.00", eur)), services: services,
            payments: PaymentsRequest(payments: [payments[2]]))
        let bookingResponse = BookingResponse(
            version: "1.0", bookingId: "SRT-1", bookingState: .booked, travellers: travellers, bookingDetails: details,
            prices: Prices(totalPrice: try money("1000.00", eur)), services: services,
            payments: PaymentsResponse(collection: .tourOperator), paymentOptions: options, paymentOverview: overview,
            informations: informations, warnings: warnings, errors: errors)
        let errorResponse = ErrorResponse(errors: errors)
        let envelopeRequest = StringMessageRequest(
            stringRequest: StringRequest(
                timeStamp: try timeStamp(), version: "1.0",
                routingHeader: RoutingHeader(operatorCode: "SRT", agencyInformation: agency),
                authHeader: AuthHeader(user: "agent", token: "secret-token"), content: .paymentRequest(paymentRequest)))
        let envelopeResponse = StringMessageResponse(
            stringResponse: StringResponse(
                timeStamp: try timeStamp(), version: "1.0", content: .paymentResponse(paymentResponse)))
        return [
            .paymentRequest(paymentRequest), .paymentResponse(paymentResponse), .bookingRequest(bookingRequest),
            .bookingResponse(bookingResponse), .errorResponse(errorResponse), .envelopeRequest(envelopeRequest),
            .envelopeResponse(envelopeResponse),
            .bookingRequest(BookingRequest(requestTrigger: .quote)),
            .bookingResponse(BookingResponse(bookingState: .quoted)),
            .envelopeRequest(
                StringMessageRequest(
                    stringRequest: StringRequest(
                        timeStamp: try timeStamp(), version: "1.0", routingHeader: RoutingHeader(operatorCode: "SRT"),
                        content: .bookingRequest(bookingRequest)))),
            .envelopeResponse(StringMessageResponse(stringResponse: StringResponse(version: "1.0"))),
            .envelopeResponse(
                StringMessageResponse(stringResponse: StringResponse(content: .errorResponse(errorResponse)))),
        ]
    }

    // MARK: - Helpers

    /// The message with the in-scope namespace declarations of every kept element cleared.
    ///
    /// `XMLAnyElement` equality includes `namespacesInScope`, the declarations of the document it
    /// came from; after re-encoding, the encoder declares only the namespaces the output uses, so
    /// a re-decoded `Services` element can see fewer (or differently placed) declarations while its
    /// name, attributes and content are the same.
    static func withoutNamespaceContext(_ message: StringMessage) -> StringMessage {
        switch message {
        case .paymentRequest(var request):
            request.unknownElements = strip(request.unknownElements)
            request.payments.payments = request.payments.payments.map(strip)
            return .paymentRequest(request)
        case .paymentResponse(var response):
            response.unknownElements = strip(response.unknownElements)
            response.payments.payments = response.payments.payments.map(strip)
            return .paymentResponse(response)
        case .bookingRequest(var request):
            request.unknownElements = strip(request.unknownElements)
            request.services = request.services.map { Services(content: strip($0.content)) }
            if let payments = request.payments?.payments { request.payments?.payments = payments.map(strip) }
            return .bookingRequest(request)
        case .bookingResponse(var response):
            response.unknownElements = strip(response.unknownElements)
            response.services = response.services.map { Services(content: strip($0.content)) }
            if let payments = response.payments?.payments { response.payments?.payments = payments.map(strip) }
            return .bookingResponse(response)
        case .errorResponse(var response):
            response.unknownElements = strip(response.unknownElements)
            return .errorResponse(response)
        case .envelopeRequest(var envelope):
            envelope.unknownElements = strip(envelope.unknownElements)
            envelope.stringRequest.content = envelope.stringRequest.content.map(strip)
            return .envelopeRequest(envelope)
        case .envelopeResponse(var envelope):
            envelope.unknownElements = strip(envelope.unknownElements)
            envelope.stringResponse.content = envelope.stringResponse.content.map(strip)
            return .envelopeResponse(envelope)
        }
    }

    static func strip(_ content: EnvelopeContent) -> EnvelopeContent {
        if case .unknown(let element) = content { return .unknown(strip([element])[0]) }
        switch content.message.map(withoutNamespaceContext) {
        case .paymentRequest(let message): return .paymentRequest(message)
        case .paymentResponse(let message): return .paymentResponse(message)
        case .bookingRequest(let message): return .bookingRequest(message)
        case .bookingResponse(let message): return .bookingResponse(message)
        case .errorResponse(let message): return .errorResponse(message)
        case .envelopeRequest, .envelopeResponse, nil: return content
        }
    }

    static func strip(_ payment: Payment) -> Payment {
        var payment = payment
        if case .unknown(let type, let extraElements) = payment.specialisation {
            payment.specialisation = .unknown(type: type, extraElements: strip(extraElements))
        }
        return payment
    }

    static func strip(_ elements: [XMLAnyElement]) -> [XMLAnyElement] {
        elements.map { element in
            var element = element
            element.namespacesInScope = [:]
            element.children = element.children.map { node in
                if case .element(let child) = node { return .element(strip([child])[0]) }
                return node
            }
            return element
        }
    }

    static func money(_ amount: String, _ currency: CurrencyCode) throws -> CurrencyAmount {
        try #require(CurrencyAmount(amount, currency))
    }

    static func date(_ text: String) throws -> XMLDate {
        try #require(XMLDate(xmlLexicalForm: text))
    }

    static func timeStamp() throws -> XMLDateTime {
        try #require(XMLDateTime(xmlLexicalForm: "2026-11-23T10:15:42+01:00"))
    }

    static func caseName(_ specialisation: PaymentSpecialisation) -> String {
        switch specialisation {
        case .unspecified: return "unspecified"
        case .invoice: return "invoice"
        case .creditCard: return "creditCard"
        case .directDebit: return "directDebit"
        case .eBanking: return "eBanking"
        case .eWallet: return "eWallet"
        case .installment: return "installment"
        case .voucher: return "voucher"
        case .unknown: return "unknown"
        }
    }

    static func decodeExample(_ name: String) throws -> StringMessage {
        try StringMessage.decode(from: Data(contentsOf: examplesDirectory.appendingPathComponent(name)))
    }

    static func paymentRequest(_ file: String) throws -> PaymentRequest {
        let message = try decodeExample("messages/" + file)
        guard case .paymentRequest(let request) = message else {
            throw StringPaymentsError(code: .init("test-expectation"), message: "\(file) is a \(message.kind)")
        }
        return request
    }

    /// A minimal payment request with one payment; `prefix` is the STRING prefix of the elements.
    static func paymentRequestXML(
        rootAttributes: String, paymentAttributes: String, extra: String, prefix: String = ""
    ) -> String {
        let p = prefix
        return """
            <\(p)PaymentRequest \(rootAttributes)><\(p)BookingId>B-1</\(p)BookingId><\(p)Payments>\
            <\(p)Payment Identifier="P1" \(paymentAttributes)><\(p)PaymentScope>Deposit</\(p)PaymentScope>\
            <\(p)PaymentAmount><\(p)Amount>10.00</\(p)Amount><\(p)Currency>EUR</\(p)Currency></\(p)PaymentAmount>\
            \(extra)</\(p)Payment></\(p)Payments></\(p)PaymentRequest>
            """
    }

    static func decodePaymentRequest(_ xml: String) throws -> PaymentRequest {
        let message = try StringMessage.decode(from: Data(xml.utf8))
        guard case .paymentRequest(let request) = message else {
            throw StringPaymentsError(code: .init("test-expectation"), message: "not a PaymentRequest")
        }
        return request
    }

    static func cashHolder(_ children: String) throws -> CashHolder {
        try XMLDecoder().decode(
            CashHolder.self, from: "<CashHolder xmlns=\"\(StringNamespace.uri)\">\(children)</CashHolder>")
    }

    /// Expects `body` to throw a ``StringPaymentsError`` with `code` and returns it.
    @discardableResult
    static func expectError<Result>(
        _ code: StringPaymentsError.Code, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Result
    ) throws -> StringPaymentsError? {
        let error = try #require(
            throws: StringPaymentsError.self, sourceLocation: sourceLocation, performing: { _ = try body() })
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    }
}
