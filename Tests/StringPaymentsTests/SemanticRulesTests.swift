import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The semantic rules of ``StringMessage/semanticViolations(today:)``: one focused test per code,
/// then order, envelopes, secrets and the corpus of `Corpus/invalid/semantic`.
@Suite struct SemanticRulesTests {
    // MARK: - Building messages

    /// 2026-11-23, the date the corpus and the examples are written against.
    func today() throws -> XMLDate {
        try #require(XMLDate(year: 2026, month: 11, day: 23))
    }

    func amount(_ text: String, _ code: String = "EUR") throws -> CurrencyAmount {
        let currency = try #require(CurrencyCode(code))
        return try #require(CurrencyAmount(text, currency))
    }

    func signed(_ text: String, _ code: String = "EUR") throws -> SignedCurrencyAmount {
        let currency = try #require(CurrencyCode(code))
        return try #require(SignedCurrencyAmount(text, currency))
    }

    func date(_ text: String) throws -> XMLDate {
        try #require(XMLDate(xmlLexicalForm: text))
    }

    func payment(
        _ identifier: Identifier = "DEP", collection: PaymentCollection? = nil, form: FormOfPayment? = nil,
        amount: CurrencyAmount, cashHolder: CashHolder? = nil, status: PaymentStatus? = nil,
        dates: PaymentDates? = nil, details: PaymentDetails? = nil,
        _ specialisation: PaymentSpecialisation = .unspecified
    ) -> Payment {
        Payment(
            identifier: identifier, collection: collection, paymentScope: .deposit, formOfPayment: form,
            paymentAmount: amount, cashHolder: cashHolder, status: status, dates: dates, paymentDetails: details,
            specialisation: specialisation)
    }

    func paymentRequest(_ payments: [Payment], collection: PaymentCollection? = nil) -> PaymentRequest {
        PaymentRequest(
            version: "1.0", bookingId: "SRT-2026-006001",
            payments: PaymentsRequest(collection: collection, payments: payments))
    }

    func request(_ payments: Payment..., collection: PaymentCollection? = nil) -> StringMessage {
        .paymentRequest(paymentRequest(payments, collection: collection))
    }

    func response(
        _ payments: Payment..., collection: PaymentCollection = .tourOperator, overview: PaymentOverview? = nil,
        options: PaymentOptions? = nil
    ) -> StringMessage {
        .paymentResponse(
            PaymentResponse(
                version: "1.0", bookingId: "SRT-2026-006001",
                payments: PaymentsResponse(collection: collection, payments: payments), paymentOptions: options,
                paymentOverview: overview))
    }

    func card(
        _ number: String, expiry: (Int, Int) = (2028, 8), securityCode: String? = nil
    ) throws
        -> PaymentSpecialisation
    {
        let cardNumber: CardNumber = try #require(CardNumber(number))
        let card = CreditCard(
            cardType: "VISA", cardNumber: cardNumber,
            expiryDate: try #require(XMLYearMonth(year: expiry.0, month: expiry.1)), holderName: "Max Mustermann",
            securityCode: try securityCode.map { try #require(SecurityCode($0)) })
        return .creditCard(CreditCardPayment(creditCard: card))
    }

    func installments(_ parts: [(Int, String, String)]) throws -> PaymentSpecialisation {
        .installment(
            InstallmentPayment(
                installments: try parts.enumerated().map { index, part in
                    Installment(
                        number: part.0, dueDate: try date("2027-0\(index + 1)-15"), amount: try amount(part.1, part.2))
                }))
    }

    func overview(
        total: String = "1250.00", fees: String = "0.00", paid: String = "250.00", settled: String = "250.00",
        open: String = "1000.00", overdue: String = "0.00", overdueCurrency: String = "EUR"
    ) throws -> PaymentOverview {
        PaymentOverview(
            totalPrice: try amount(total), totalFees: try amount(fees), paidAmount: try amount(paid),
            settledAmount: try amount(settled), openAmount: try signed(open),
            overdueAmount: try amount(overdue, overdueCurrency))
    }

    func bookingRequest(
        _ trigger: RequestTrigger = .book, bookingId: Identifier? = nil, owner: Identifier = "T1",
        price: CurrencyAmount? = nil, payments: [Payment] = []
    ) -> StringMessage {
        .bookingRequest(
            BookingRequest(
                version: "1.0", requestTrigger: trigger, bookingId: bookingId,
                travellers: Travellers(travellers: [
                    Traveller(identifier: "T1", surname: "Mustermann"),
                    Traveller(identifier: "T2", surname: "Musterfrau"),
                ]),
                bookingDetails: BookingDetails(bookingOwner: owner, startDate: XMLDate(daysSinceEpoch: 20_618)),
                prices: price.map { Prices(totalPrice: $0) },
                payments: payments.isEmpty ? nil : PaymentsRequest(payments: payments)))
    }

    // MARK: - Checking

    /// One expected violation: code, element path and payment reference.
    struct Expected: CustomStringConvertible {
        var code: StringPaymentsError.Code
        var path: String
        var reference: String?

        init(_ code: StringPaymentsError.Code, _ path: String, _ reference: String? = nil) {
            self.code = code
            self.path = path
            self.reference = reference
        }

        var description: String { "\(code) at \(path)" + (reference.map { " (payment \($0))" } ?? "") }
    }

    /// Checks that the message breaks exactly the expected rules, in this order.
    func expect(
        _ message: StringMessage, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let found = message.semanticViolations(today: try today())
        let actual = found.map { Expected($0.code, $0.elementPath ?? "<no path>", $0.reference) }
        #expect(
            actual.map(\.description) == expected.map(\.description),
            "\(found.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
        for violation in found {
            #expect(!violation.message.isEmpty, sourceLocation: sourceLocation)
            #expect(violation.line == nil && violation.xmlError == nil, sourceLocation: sourceLocation)
        }
    }

    func violations(_ message: StringMessage) throws -> [StringPaymentsError] {
        message.semanticViolations(today: try today())
    }

    static let paymentPath = "/PaymentRequest/Payments/Payment"

    // MARK: - One test per code

    @Test func validMessagesHaveNoViolations() throws {
        let balance = payment(
            "BAL", collection: .tourOperator, form: .creditCard, amount: try amount("1000.00"),
            cashHolder: .assignedToTraveller("T2"), dates: PaymentDates(entryDate: try date("2026-11-23")),
            try card("4111111111111111", expiry: (2026, 11), securityCode: "987"))
        let deposit = payment(
            "DEP", collection: .tourOperator, amount: try amount("250.000"), cashHolder: .assignedToBookingOwner(true))
        try expect(bookingRequest(price: try amount("1250.00"), payments: [deposit, balance]), [])
        try expect(
            .errorResponse(ErrorResponse(errors: Errors(errorDetails: [MessageDetail(code: "E1", text: "x")]))), [])
        try expect(
            request(payment(amount: try amount("1200", "JPY")), payment("BAL", amount: try amount("3", "JPY"))), [])
        try expect(response(payment(amount: try amount("1.250", "KWD"), status: .open)), [])
    }

    @Test func formOfPaymentMismatch() throws {
        try expect(
            request(payment(form: .directDebit, amount: try amount("250.00"), try card("4111111111111111"))),
            [Expected(.formOfPaymentMismatch, "\(Self.paymentPath)/FormOfPayment", "DEP")])
        // Absent or equal is fine; a plain PaymentType may name any form.
        try expect(request(payment(amount: try amount("250.00"), try card("4111111111111111"))), [])
        try expect(request(payment(form: .creditCard, amount: try amount("250.00"), try card("4111111111111111"))), [])
        try expect(request(payment(form: .voucher, amount: try amount("250.00"))), [])
        try expect(request(payment(form: .invoice, amount: try amount("250.00"), .invoice)), [])
        try expect(
            request(payment(form: .invoice, amount: try amount("250.00"), .voucher(VoucherPayment(voucherCode: "V")))),
            [Expected(.formOfPaymentMismatch, "\(Self.paymentPath)/FormOfPayment", "DEP")])
    }

    @Test func mixedCollectionOnPayment() throws {
        try expect(
            request(payment(collection: .mixed, amount: try amount("250.00"))),
            [Expected(.mixedCollectionOnPayment, Self.paymentPath, "DEP")])
        try expect(response(payment(collection: .mixed, amount: try amount("250.00")), collection: .mixed), [])
    }

    @Test func statusInRequest() throws {
        try expect(
            request(payment(amount: try amount("250.00"), status: .open)),
            [Expected(.statusInRequest, "\(Self.paymentPath)/Status", "DEP")])
        try expect(response(payment(amount: try amount("250.00"), status: .open)), [])
    }

    @Test func paymentDetailsInRequest() throws {
        let details = PaymentDetails(transactionReference: "TX-1")
        try expect(
            request(payment(amount: try amount("250.00"), details: details)),
            [Expected(.paymentDetailsInRequest, "\(Self.paymentPath)/PaymentDetails", "DEP")])
        try expect(response(payment(amount: try amount("250.00"), details: details)), [])
    }

    @Test func datesInRequest() throws {
        let dates = PaymentDates(
            dueDate: try date("2026-11-30"), entryDate: try date("2026-11-23"), settlementDate: try date("2026-11-24"))
        try expect(
            request(payment(amount: try amount("250.00"), dates: dates)),
            [
                Expected(.datesInRequest, "\(Self.paymentPath)/Dates/DueDate", "DEP"),
                Expected(.datesInRequest, "\(Self.paymentPath)/Dates/SettlementDate", "DEP"),
            ])
        try expect(
            request(payment(amount: try amount("250.00"), dates: PaymentDates(entryDate: try date("2026-11-23")))), [])
        try expect(response(payment(amount: try amount("250.00"), dates: dates)), [])
    }

    @Test func duplicatePaymentIdentifier() throws {
        let found = try violations(
            request(
                payment("DEP", amount: try amount("250.00")), payment("BAL", amount: try amount("1000.00")),
                payment("DEP", amount: try amount("100.00")), payment("DEP", amount: try amount("100.00"))))
        #expect(found.map(\.code) == [.duplicatePaymentIdentifier, .duplicatePaymentIdentifier])
        #expect(found.map(\.elementPath) == ["\(Self.paymentPath)[3]", "\(Self.paymentPath)[4]"])
        #expect(found.map(\.reference) == ["DEP", "DEP"])
        #expect(found.first?.message.contains(Self.paymentPath) == true, "names the first payment")
    }

    @Test func tooManyFractionDigits() throws {
        try expect(
            request(payment(amount: try amount("250.505")), payment("BAL", amount: try amount("12.500"))),
            [Expected(.tooManyFractionDigits, "\(Self.paymentPath)/PaymentAmount/Amount", "DEP")])
        try expect(
            request(payment(amount: try amount("1200.5", "JPY"))),
            [Expected(.tooManyFractionDigits, "\(Self.paymentPath)/PaymentAmount/Amount", "DEP")])
        // Every amount of the message: installments, fees, option fees, overview figures.
        let plan = try installments([(1, "100.001", "EUR"), (2, "149.999", "EUR")])
        try expect(
            request(payment(form: .installment, amount: try amount("250.00"), plan)),
            [
                Expected(.tooManyFractionDigits, "\(Self.paymentPath)/Installment/Amount/Amount", "DEP"),
                Expected(.tooManyFractionDigits, "\(Self.paymentPath)/Installment[2]/Amount/Amount", "DEP"),
            ])
        let options = PaymentOptions(paymentOptions: [
            PaymentOption(formOfPayment: .invoice),
            PaymentOption(formOfPayment: .creditCard, fixedFee: try amount("2.505")),
        ])
        try expect(
            response(
                payment(
                    form: .creditCard, amount: try amount("255.00"), details: PaymentDetails(fee: try amount("5.001"))),
                overview: try overview(
                    total: "255.00", paid: "0.00", settled: "0.00", open: "255.00", overdue: "0.005"),
                options: options),
            [
                Expected(.tooManyFractionDigits, "/PaymentResponse/Payments/Payment/PaymentDetails/Fee/Amount", "DEP"),
                Expected(.tooManyFractionDigits, "/PaymentResponse/PaymentOptions/PaymentOption[2]/FixedFee/Amount"),
                Expected(.tooManyFractionDigits, "/PaymentResponse/PaymentOverview/OverdueAmount/Amount"),
            ])
        try expect(
            response(overview: try overview(total: "0.00", paid: "0.00", settled: "0.00", open: "-0.001")),
            [
                Expected(.tooManyFractionDigits, "/PaymentResponse/PaymentOverview/OpenAmount/Amount"),
                // The figure is wrong as well as too precise: 0.00 + 0.00 − 0.00 is 0.
                Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/OpenAmount"),
            ])
    }

    @Test func unknownCurrency() throws {
        // No fraction-digit rule for a code whose minor units would be a guess.
        try expect(
            request(payment(amount: try amount("250.505", "XYZ"))),
            [Expected(.unknownCurrency, "\(Self.paymentPath)/PaymentAmount/Currency", "DEP")])
        // Withdrawn codes are not ISO 4217 any more.
        try expect(
            request(payment(amount: try amount("250.00", "HRK"))),
            [Expected(.unknownCurrency, "\(Self.paymentPath)/PaymentAmount/Currency", "DEP")])
    }

    @Test func invalidIBANChecksum() throws {
        let iban = try #require(IBAN("DE88370400440532013000"))
        let debit = PaymentSpecialisation.directDebit(DirectDebitPayment(iban: iban, accountHolder: "Max Mustermann"))
        try expect(
            request(payment(amount: try amount("250.00"), debit)),
            [Expected(.invalidIBANChecksum, "\(Self.paymentPath)/IBAN", "DEP")])
        let violation = try #require(try violations(request(payment(amount: try amount("250.00"), debit))).first)
        #expect(!violation.description.contains(iban.value), "the IBAN is quoted masked only")
        let valid = try #require(IBAN("DE89370400440532013000"))
        try expect(
            request(
                payment(amount: try amount("250.00"), .directDebit(DirectDebitPayment(iban: valid, accountHolder: "M")))
            ),
            [])
    }

    @Test func invalidCardNumber() throws {
        try expect(
            request(payment(amount: try amount("250.00"), try card("4111111111111112"))),
            [Expected(.invalidCardNumber, "\(Self.paymentPath)/CreditCard/CardNumber", "DEP")])
        // Responses are checked too.
        try expect(
            response(payment(amount: try amount("250.00"), status: .open, try card("4111111111111112"))),
            [Expected(.invalidCardNumber, "/PaymentResponse/Payments/Payment/CreditCard/CardNumber", "DEP")])
    }

    @Test func cardExpired() throws {
        try expect(
            request(payment(amount: try amount("250.00"), try card("4111111111111111", expiry: (2026, 10)))),
            [Expected(.cardExpired, "\(Self.paymentPath)/CreditCard/ExpiryDate", "DEP")])
        try expect(
            request(payment(amount: try amount("250.00"), try card("4111111111111111", expiry: (2020, 1)))),
            [Expected(.cardExpired, "\(Self.paymentPath)/CreditCard/ExpiryDate", "DEP")])
        // Valid through the expiry month; responses may report old cards.
        try expect(request(payment(amount: try amount("250.00"), try card("4111111111111111", expiry: (2026, 11)))), [])
        try expect(
            response(
                payment(amount: try amount("250.00"), status: .failed, try card("4111111111111111", expiry: (2020, 1)))),
            [])
    }

    @Test func unknownTraveller() throws {
        let cashHolder = payment(amount: try amount("250.00"), cashHolder: .assignedToTraveller("T3"))
        try expect(
            bookingRequest(owner: "T9", payments: [cashHolder]),
            [
                Expected(.unknownTraveller, "/BookingRequest/BookingDetails/BookingOwner"),
                Expected(.unknownTraveller, "/BookingRequest/Payments/Payment/CashHolder/AssignedToTraveller", "DEP"),
            ])
        // Without Travellers there is nothing to refer to.
        try expect(request(cashHolder), [])
    }

    @Test func bookingOwnerFlagFalse() throws {
        try expect(
            request(payment(amount: try amount("250.00"), cashHolder: .assignedToBookingOwner(false))),
            [Expected(.bookingOwnerFlagFalse, "\(Self.paymentPath)/CashHolder/AssignedToBookingOwner", "DEP")])
    }

    @Test func installmentSumMismatch() throws {
        let plan = try installments([(1, "300.00", "EUR"), (2, "300.00", "EUR"), (3, "250.00", "EUR")])
        let found = try violations(request(payment("BAL", amount: try amount("900.00"), plan)))
        #expect(found.map(\.code) == [.installmentSumMismatch])
        #expect(found.first?.elementPath == Self.paymentPath)
        #expect(found.first?.reference == "BAL")
        #expect(found.first?.message.contains("850.00 EUR") == true)
        try expect(request(payment("BAL", amount: try amount("850.000"), plan)), [])
    }

    @Test func installmentNumbering() throws {
        let gap = try installments([(1, "300.00", "EUR"), (2, "300.00", "EUR"), (4, "300.00", "EUR")])
        try expect(
            request(payment(amount: try amount("900.00"), gap)),
            [Expected(.installmentNumbering, "\(Self.paymentPath)/Installment[3]/Number", "DEP")])
        // One report per payment, at the first installment out of sequence.
        let order = try installments([(2, "300.00", "EUR"), (1, "300.00", "EUR"), (3, "300.00", "EUR")])
        try expect(
            request(payment(amount: try amount("900.00"), order)),
            [Expected(.installmentNumbering, "\(Self.paymentPath)/Installment/Number", "DEP")])
    }

    @Test func currencyMismatch() throws {
        // An installment in another currency than its payment; the sum is not checked then.
        let plan = try installments([(1, "450.00", "EUR"), (2, "450.00", "CHF")])
        try expect(
            request(payment(amount: try amount("900.00"), plan)),
            [Expected(.currencyMismatch, "\(Self.paymentPath)/Installment[2]/Amount/Currency", "DEP")])
        // Payments of one booking in two currencies.
        try expect(
            request(payment(amount: try amount("250.00")), payment("BAL", amount: try amount("1000.00", "CHF"))),
            [Expected(.currencyMismatch, "\(Self.paymentPath)[2]/PaymentAmount/Currency", "BAL")])
        // The price sets the booking's currency.
        try expect(
            bookingRequest(price: try amount("1250.00", "CHF"), payments: [payment(amount: try amount("250.00"))]),
            [Expected(.currencyMismatch, "/BookingRequest/Payments/Payment/PaymentAmount/Currency", "DEP")])
        // Fees, option fees and the overview belong to the booking too.
        try expect(
            response(
                payment(
                    form: .creditCard, amount: try amount("250.00"),
                    details: PaymentDetails(fee: try amount("5.00", "USD"))),
                overview: PaymentOverview(
                    totalPrice: try amount("250.00", "USD"), totalFees: try amount("0.00", "USD"),
                    paidAmount: try amount("0.00", "USD"), settledAmount: try amount("0.00", "USD"),
                    openAmount: try signed("250.00", "USD"), overdueAmount: try amount("0.00", "USD")),
                options: PaymentOptions(paymentOptions: [
                    PaymentOption(formOfPayment: .eWallet, fixedFee: try amount("1.00", "GBP"))
                ])),
            [
                Expected(.currencyMismatch, "/PaymentResponse/Payments/Payment/PaymentDetails/Fee/Currency", "DEP"),
                Expected(.currencyMismatch, "/PaymentResponse/PaymentOptions/PaymentOption/FixedFee/Currency"),
                Expected(.currencyMismatch, "/PaymentResponse/PaymentOverview/TotalPrice/Currency"),
            ])
    }

    @Test func collectionNotAllowed() throws {
        try expect(
            request(payment(collection: .tourOperator, amount: try amount("250.00")), collection: .agency),
            [Expected(.collectionNotAllowed, Self.paymentPath, "DEP")])
        try expect(
            request(payment(collection: .onSite, amount: try amount("250.00")), collection: .tourOperator),
            [Expected(.collectionNotAllowed, Self.paymentPath, "DEP")])
        try expect(
            response(payment(collection: .agency, amount: try amount("250.00")), collection: .tourOperator),
            [Expected(.collectionNotAllowed, "/PaymentResponse/Payments/Payment", "DEP")])
        // Mixed lets each payment choose; no restriction without a collection on Payments.
        try expect(
            request(
                payment(collection: .agency, amount: try amount("250.00")),
                payment("BAL", collection: .onSite, amount: try amount("250.00")), collection: .mixed), [])
        try expect(request(payment(collection: .agency, amount: try amount("250.00"))), [])
        try expect(request(payment(collection: .agency, amount: try amount("250.00")), collection: .agency), [])
    }

    @Test(arguments: [RequestTrigger.retrieve, .modify, .cancel])
    func bookingIdRequired(trigger: RequestTrigger) throws {
        try expect(bookingRequest(trigger), [Expected(.bookingIdRequired, "/BookingRequest/RequestTrigger")])
        try expect(bookingRequest(trigger, bookingId: "SRT-2026-004711"), [])
    }

    @Test(arguments: [RequestTrigger.quote, .book])
    func bookingIdNotRequired(trigger: RequestTrigger) throws {
        try expect(bookingRequest(trigger), [])
    }

    @Test func overviewArithmetic() throws {
        try expect(
            response(overview: try overview(open: "1100.00")),
            [Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/OpenAmount")])
        // Overpaid: OpenAmount is negative.
        try expect(response(overview: try overview(paid: "1300.00", settled: "1300.00", open: "-50.00")), [])
        try expect(
            response(overview: try overview(paid: "1300.00", settled: "1300.00", open: "50.00")),
            [Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/OpenAmount")])
        // Settled payments are part of the paid ones.
        try expect(
            response(overview: try overview(paid: "250.00", settled: "300.00")),
            [Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/SettledAmount")])
        let violation = try #require(try violations(response(overview: try overview(open: "1100.00"))).first)
        #expect(violation.message.contains("1000.00 EUR"), "names the expected figure: \(violation.message)")
    }

    @Test func overviewCurrencyMismatch() throws {
        try expect(
            response(overview: try overview(overdue: "0.00", overdueCurrency: "USD")),
            [Expected(.overviewCurrencyMismatch, "/PaymentResponse/PaymentOverview/OverdueAmount/Currency")])
        // A figure in another currency is left out of the arithmetic rather than compared.
        let mixed = PaymentOverview(
            totalPrice: try amount("1250.00"), totalFees: try amount("0.00"),
            paidAmount: try amount("250.00", "USD"), settledAmount: try amount("250.00", "USD"),
            openAmount: try signed("1.00"), overdueAmount: try amount("0.00"),
            nextDue: NextDue(paymentScope: .balance, dueDate: try date("2027-05-14"), amount: try amount("1", "CHF")))
        try expect(
            response(overview: mixed),
            [
                Expected(.overviewCurrencyMismatch, "/PaymentResponse/PaymentOverview/PaidAmount/Currency"),
                Expected(.overviewCurrencyMismatch, "/PaymentResponse/PaymentOverview/SettledAmount/Currency"),
                Expected(.overviewCurrencyMismatch, "/PaymentResponse/PaymentOverview/NextDue/Amount/Currency"),
            ])
    }

    /// `missing-collection` cannot arise from a decoded message: the model's response `Payments`
    /// always has a collection, so the decoder refuses one without it.
    @Test func missingCollectionIsRefusedByDecoding() throws {
        let data = try TestSupport.data(
            "Tests/StringPaymentsTests/Corpus/invalid/xsd/response-payments-missing-collection.xml")
        #expect {
            _ = try StringMessage.decode(from: data)
        } throws: { error in
            (error as? StringPaymentsError)?.code.rawValue == "missing-attribute"
        }
    }

    // MARK: - Order, envelopes, secrets

    @Test func everyViolationIsReportedInDocumentOrder() throws {
        let message = request(
            payment(
                "DEP", collection: .mixed, form: .directDebit, amount: try amount("250.005"),
                cashHolder: .assignedToBookingOwner(false), status: .recorded,
                try card("4111111111111112", expiry: (2025, 1))),
            payment("DEP", amount: try amount("100.00", "CHF"), details: PaymentDetails()),
            payment(
                "INST", amount: try amount("900.00"),
                try installments([(1, "300.00", "EUR"), (3, "300.00", "EUR"), (2, "200.00", "EUR")])),
            collection: .agency)
        let p = Self.paymentPath
        try expect(
            message,
            [
                Expected(.mixedCollectionOnPayment, p, "DEP"),
                Expected(.collectionNotAllowed, p, "DEP"),
                Expected(.formOfPaymentMismatch, "\(p)/FormOfPayment", "DEP"),
                Expected(.tooManyFractionDigits, "\(p)/PaymentAmount/Amount", "DEP"),
                Expected(.bookingOwnerFlagFalse, "\(p)/CashHolder/AssignedToBookingOwner", "DEP"),
                Expected(.statusInRequest, "\(p)/Status", "DEP"),
                Expected(.invalidCardNumber, "\(p)/CreditCard/CardNumber", "DEP"),
                Expected(.cardExpired, "\(p)/CreditCard/ExpiryDate", "DEP"),
                Expected(.duplicatePaymentIdentifier, "\(p)[2]", "DEP"),
                Expected(.currencyMismatch, "\(p)[2]/PaymentAmount/Currency", "DEP"),
                Expected(.paymentDetailsInRequest, "\(p)[2]/PaymentDetails", "DEP"),
                Expected(.installmentNumbering, "\(p)[3]/Installment[2]/Number", "INST"),
                Expected(.installmentSumMismatch, "\(p)[3]", "INST"),
            ])
    }

    @Test func envelopePayloadsAreChecked() throws {
        let routing = RoutingHeader(operatorCode: "SRT")
        let timeStamp = try #require(XMLDateTime(xmlLexicalForm: "2026-11-23T10:15:42+01:00"))
        let payload = paymentRequest([payment(amount: try amount("250.00"), status: .open)])
        let envelope = StringMessage.envelopeRequest(
            StringMessageRequest(
                stringRequest: StringRequest(
                    timeStamp: timeStamp, version: "1.0", routingHeader: routing, content: .paymentRequest(payload))))
        try expect(
            envelope,
            [
                Expected(
                    .statusInRequest,
                    "/StringMessageRequest/StringRequest/Content/PaymentRequest/Payments/Payment/Status", "DEP")
            ])

        let responsePayload = PaymentResponse(
            bookingId: "SRT-2026-006001", payments: PaymentsResponse(collection: .tourOperator),
            paymentOverview: try overview(open: "1.00"))
        try expect(
            .envelopeResponse(
                StringMessageResponse(
                    stringResponse: StringResponse(version: "1.0", content: .paymentResponse(responsePayload)))),
            [
                Expected(
                    .overviewArithmetic,
                    "/StringMessageResponse/StringResponse/Content/PaymentResponse/PaymentOverview/OpenAmount")
            ])
        // No payload, or one this library does not model: nothing to check.
        try expect(
            .envelopeRequest(
                StringMessageRequest(
                    stringRequest: StringRequest(timeStamp: timeStamp, version: "1.0", routingHeader: routing))),
            [])
    }

    @Test func violationsNeverQuoteCardNumbersOrSecurityCodes() throws {
        let expired = payment(
            "DEP", form: .directDebit, amount: try amount("250.00"),
            try card("4111111111111111", expiry: (2020, 1), securityCode: "987"))
        let luhn = payment("BAL", amount: try amount("1000.00"), try card("4111111111111112", securityCode: "9876"))
        let found = try violations(request(expired, luhn))
        #expect(found.map(\.code) == [.formOfPaymentMismatch, .cardExpired, .invalidCardNumber])
        for violation in found {
            for secret in ["4111111111111111", "4111111111111112", "987", "9876"] {
                #expect(!violation.message.contains(secret), "\(violation.message)")
                #expect(!violation.description.contains(secret), "\(violation.description)")
                #expect(!String(reflecting: violation).contains(secret))
            }
        }
        // The corpus file quotes its card only masked too.
        let file = try corpusMessage("invalid-card-number.xml")
        for violation in try violations(file) {
            #expect(!violation.description.contains("4111111111111112"))
            #expect(!violation.description.contains("123"))
        }
    }

    // MARK: - The semantic corpus

    func corpusMessage(_ file: String) throws -> StringMessage {
        try StringMessage.decode(
            from: try TestSupport.data("Tests/StringPaymentsTests/Corpus/invalid/semantic/\(file)"),
            options: StringDecodingOptions(unknownElements: .reject))
    }

    /// Each file of the semantic corpus breaks exactly one rule, at this element.
    static let corpus: [(file: String, expected: Expected)] = [
        (
            "accepted-card-type-not-credit-card.xml",
            Expected(
                .acceptedCardTypeNotCreditCard, "/PaymentResponse/PaymentOptions/PaymentOption[2]/AcceptedCardType")
        ),
        ("booking-id-required-cancel.xml", Expected(.bookingIdRequired, "/BookingRequest/RequestTrigger")),
        ("booking-id-required-modify.xml", Expected(.bookingIdRequired, "/BookingRequest/RequestTrigger")),
        ("booking-id-required-retrieve.xml", Expected(.bookingIdRequired, "/BookingRequest/RequestTrigger")),
        (
            "booking-owner-flag-false.xml",
            Expected(.bookingOwnerFlagFalse, "\(paymentPath)/CashHolder/AssignedToBookingOwner", "DEP")
        ),
        ("card-expired.xml", Expected(.cardExpired, "\(paymentPath)/CreditCard/ExpiryDate", "BAL")),
        (
            "collection-not-allowed-on-site.xml",
            Expected(.collectionNotAllowed, "/PaymentRequest/Payments/Payment", "DEP")
        ),
        (
            "collection-not-allowed-response.xml",
            Expected(.collectionNotAllowed, "/PaymentResponse/Payments/Payment", "DEP")
        ),
        ("collection-not-allowed.xml", Expected(.collectionNotAllowed, "/PaymentRequest/Payments/Payment", "DEP")),
        (
            "currency-mismatch-installment.xml",
            Expected(.currencyMismatch, "\(paymentPath)/Installment[2]/Amount/Currency", "BAL")
        ),
        (
            "currency-mismatch-payments.xml",
            Expected(.currencyMismatch, "\(paymentPath)[2]/PaymentAmount/Currency", "BAL")
        ),
        ("dates-in-request-due-date.xml", Expected(.datesInRequest, "\(paymentPath)/Dates/DueDate", "DEP")),
        (
            "dates-in-request-settlement-date.xml",
            Expected(.datesInRequest, "\(paymentPath)/Dates/SettlementDate", "DEP")
        ),
        (
            "duplicate-payment-identifier-response.xml",
            Expected(.duplicatePaymentIdentifier, "/PaymentResponse/Payments/Payment[2]", "DEP")
        ),
        ("duplicate-payment-identifier.xml", Expected(.duplicatePaymentIdentifier, "\(paymentPath)[2]", "DEP")),
        (
            "duplicate-traveller-identifier.xml",
            Expected(.duplicateTravellerIdentifier, "/BookingRequest/Travellers/Traveller[2]")
        ),
        (
            "fee-without-form-of-payment.xml",
            Expected(.feeWithoutFormOfPayment, "/PaymentResponse/Payments/Payment/PaymentDetails/Fee", "DEP")
        ),
        ("form-of-payment-mismatch.xml", Expected(.formOfPaymentMismatch, "\(paymentPath)/FormOfPayment", "BAL")),
        (
            "installment-numbering-gap.xml",
            Expected(.installmentNumbering, "\(paymentPath)/Installment[3]/Number", "BAL")
        ),
        (
            "installment-numbering-order.xml",
            Expected(.installmentNumbering, "\(paymentPath)/Installment/Number", "BAL")
        ),
        ("installment-sum-mismatch.xml", Expected(.installmentSumMismatch, paymentPath, "BAL")),
        ("invalid-card-number.xml", Expected(.invalidCardNumber, "\(paymentPath)/CreditCard/CardNumber", "BAL")),
        ("invalid-iban-checksum.xml", Expected(.invalidIBANChecksum, "\(paymentPath)/IBAN", "DEP")),
        ("invalid-pci-bin.xml", Expected(.invalidPCIBin, "\(paymentPath)/PCIBin", "BAL")),
        (
            "masked-card-number-reveals-too-much.xml",
            Expected(.maskedCardNumberRevealsTooMuch, "\(paymentPath)/CreditCard/MaskedCardNumber", "BAL")
        ),
        ("mixed-collection-on-payment.xml", Expected(.mixedCollectionOnPayment, paymentPath, "DEP")),
        (
            "overview-arithmetic-overpaid.xml",
            Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/OpenAmount")
        ),
        ("overview-arithmetic.xml", Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/OpenAmount")),
        (
            "overview-arithmetic-next-due.xml",
            Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/NextDue/Amount")
        ),
        (
            "overview-arithmetic-overdue.xml",
            Expected(.overviewArithmetic, "/PaymentResponse/PaymentOverview/OverdueAmount")
        ),
        (
            "overview-below-payments.xml",
            Expected(.overviewBelowPayments, "/PaymentResponse/PaymentOverview/TotalFees")
        ),
        (
            "overview-currency-mismatch.xml",
            Expected(.overviewCurrencyMismatch, "/PaymentResponse/PaymentOverview/OverdueAmount/Currency")
        ),
        ("payment-details-in-request.xml", Expected(.paymentDetailsInRequest, "\(paymentPath)/PaymentDetails", "DEP")),
        ("status-in-request.xml", Expected(.statusInRequest, "\(paymentPath)/Status", "DEP")),
        (
            "too-many-fraction-digits-eur.xml",
            Expected(.tooManyFractionDigits, "\(paymentPath)/PaymentAmount/Amount", "DEP")
        ),
        (
            "too-many-fraction-digits-jpy.xml",
            Expected(.tooManyFractionDigits, "\(paymentPath)/PaymentAmount/Amount", "DEP")
        ),
        ("unknown-currency.xml", Expected(.unknownCurrency, "\(paymentPath)/PaymentAmount/Currency", "DEP")),
        (
            "unknown-traveller-booking-owner.xml",
            Expected(.unknownTraveller, "/BookingRequest/BookingDetails/BookingOwner")
        ),
        (
            "unknown-traveller-cash-holder.xml",
            Expected(.unknownTraveller, "/BookingRequest/Payments/Payment/CashHolder/AssignedToTraveller", "DEP")
        ),
    ]

    @Test func corpusTableCoversEveryFile() throws {
        let files = try TestSupport.xmlFiles(in: "Tests/StringPaymentsTests/Corpus/invalid/semantic").map(
            \.lastPathComponent)
        #expect(Self.corpus.map(\.file).sorted() == files)
    }

    @Test(arguments: corpus)
    func corpusFileBreaksExactlyItsRule(file: String, expected: Expected) throws {
        try expect(try corpusMessage(file), [expected])
    }
}
