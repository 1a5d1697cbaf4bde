import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

@Suite("Ledger record codec")
struct LedgerRecordCodecTests {
    // MARK: Values

    private static func date(_ text: String) throws -> XMLDate {
        try #require(XMLDate(xmlLexicalForm: text))
    }

    private static func amount(_ text: String, _ currency: CurrencyCode = .eur) throws -> CurrencyAmount {
        try #require(CurrencyAmount(text, currency))
    }

    /// The value of a failable initialiser, or a recorded failure.
    private static func value<Value>(_ optional: Value?) throws -> Value {
        try #require(optional)
    }

    private static func identifier(_ text: String) throws -> Identifier {
        try #require(Identifier(text))
    }

    private static func richTravellers() throws -> [Traveller] {
        [
            Traveller(
                identifier: try identifier("T1"), salutation: "Frau", prename: "Anna-Lena",
                surname: "Müller-Lüdenscheidt", birthDate: try date("1980-02-29"), email: "anna@example.org"),
            Traveller(identifier: try identifier("T2"), surname: "Øster 🌍"),
        ]
    }

    private static func richServiceProvider() -> PaymentServiceProvider {
        PaymentServiceProvider(
            name: "PayFast", logoURL: "https://pay.example/logo.png", description: "Zahlung über PayFast")
    }

    private static func richPaymentOptions() throws -> [PaymentOption] {
        [
            PaymentOption(
                collection: .agency, formOfPayment: .creditCard, fixedFee: try amount("2.50"),
                percentFee: try Self.value(Percentage(Decimal(sign: .plus, exponent: -4, significand: 15_0001))),
                acceptedCardTypes: ["VISA", "MasterCard", ""], paymentServiceProvider: richServiceProvider(),
                description: "Kreditkarte"),
            PaymentOption(formOfPayment: .invoice),
            PaymentOption(collection: .onSite, formOfPayment: .voucher, percentFee: try Self.value(Percentage(100))),
        ]
    }

    private static func richSchedule() throws -> [ScheduledPayment] {
        [
            ScheduledPayment(
                scope: .deposit, dueDate: try date("2026-11-30"), amount: try amount("691.20"),
                identifier: ScheduledPayment.depositIdentifier),
            ScheduledPayment(
                scope: .interim, dueDate: try date("2027-01-15+01:00"), amount: try amount("0.01"),
                identifier: ScheduledPayment.interimIdentifier(1)),
            ScheduledPayment(
                scope: .balance, dueDate: try date("2027-05-15Z"), amount: try amount("2764.79"),
                identifier: ScheduledPayment.balanceIdentifier),
        ]
    }

    private static func richPerson() throws -> PersonDetails {
        PersonDetails(
            salutation: "Herr", prename: "Jörg", surname: "Schmidt", street: "Hauptstraße 1", postalCode: "10115",
            city: "Berlin", countryCode: try Self.value(CountryCode("DE")), email: "joerg@example.org",
            phone: "+49 30 1234567")
    }

    private static func richCard() throws -> CreditCardPayment {
        CreditCardPayment(
            creditCard: CreditCard(
                cardType: "VISA", maskedCardNumber: "411111******1111",
                expiryDate: try #require(XMLYearMonth(year: 2029, month: 12, timeZoneOffsetMinutes: -300)),
                holderName: "ANNA MUELLER"),
            pciToken: "tok_8f3a9c", pciTokenIssuer: "PayFast", pciBin: "41111111")
    }

    /// Every specialisation case, several with all optionals present and absent.
    private static func specialisations() throws -> [PaymentSpecialisation] {
        let mandateDate = try date("2026-10-01")
        let installments = [
            Installment(number: 1, dueDate: try date("2026-12-01"), amount: try amount("100.00")),
            Installment(number: 2, dueDate: try date("2027-01-01-10:30"), amount: try amount("100.00")),
            Installment(number: 3, dueDate: try date("2027-02-01"), amount: try amount("99.99")),
        ]
        return [
            .unspecified,
            .invoice,
            .creditCard(try richCard()),
            .creditCard(CreditCardPayment()),
            .creditCard(
                CreditCardPayment(
                    creditCard: CreditCard(
                        cardType: "AmericanExpress", expiryDate: try #require(XMLYearMonth(year: 2030, month: 1))))),
            .directDebit(
                DirectDebitPayment(
                    iban: try #require(IBAN("DE89370400440532013000")), bic: try Self.value(BIC("COBADEFFXXX")),
                    accountHolder: "Anna Müller", mandateReference: "MANDATE-42", mandateDate: mandateDate)),
            .directDebit(
                DirectDebitPayment(iban: try #require(IBAN("GB29NWBK60161331926819")), accountHolder: "A. Smith")),
            .eBanking(EBankingPayment(provider: "Giropay", transactionReference: "GP-1")),
            .eBanking(EBankingPayment(provider: "Sofortueberweisung")),
            .eWallet(EWalletPayment(provider: "PayPal", accountId: "anna@example.org", transactionReference: "PP-9")),
            .eWallet(EWalletPayment(provider: "Paydirect")),
            .installment(InstallmentPayment(installments: installments)),
            .installment(InstallmentPayment(installments: [])),
            .voucher(VoucherPayment(voucherCode: "GIFT-2026", voucherIssuer: "DRV")),
            .voucher(VoucherPayment(voucherCode: "X")),
            .unknown(type: StringNamespace.name("FuturePaymentType"), extraElements: []),
            .unknown(type: XMLQualifiedName("LocalOnlyPaymentType"), extraElements: []),
        ]
    }

    private static func cashHolders() throws -> [CashHolder] {
        [
            .assignedToBookingOwner(true),
            .assignedToBookingOwner(false),
            .assignedToTraveller(try identifier("T2")),
            .ownerDetails(try richPerson()),
            .ownerDetails(PersonDetails(surname: "Doe")),
        ]
    }

    private static func richPayment(
        specialisation: PaymentSpecialisation? = nil, cashHolder: CashHolder? = nil
    ) throws -> LedgerPayment {
        LedgerPayment(
            identifier: try identifier("P-0001"), collection: .tourOperator, scope: .balance,
            formOfPayment: .creditCard, amount: try amount("2764.79"), fee: try amount("41.47"), status: .failed,
            entryDate: try date("2026-11-24"), settlementDate: try date("2026-11-26+14:00"),
            transactionReference: "TX-77", authorizationCode: "AUTH-1", failureReason: "Karte abgelehnt",
            serviceProvider: richServiceProvider(), cashHolder: try cashHolder ?? .ownerDetails(richPerson()),
            specialisation: try specialisation ?? .creditCard(richCard()))
    }

    private static func minimalPayment() throws -> LedgerPayment {
        LedgerPayment(
            identifier: try identifier("DEP"), collection: .agency, scope: .deposit, formOfPayment: .invoice,
            amount: try amount("1", .jpy), fee: CurrencyAmount.zero(.jpy), status: .open)
    }

    private static func richBooking() throws -> LedgerBooking {
        LedgerBooking(
            id: try identifier("DRV-2026-ABCD1234"), state: .booked,
            agency: AgencyInformation(agency: "123456", agentId: Int32.min), seller: "Petra", branch: "Köln Süd",
            leadTraveller: try identifier("T1"), travellers: try richTravellers(), customerEmail: "anna@example.org",
            departureDate: try date("2027-06-14+02:00"), returnDate: try date("2027-06-28-05:00"),
            createdOn: try date("2026-11-23Z"), cancelledOn: try date("9999-12-31"),
            totalPrice: try amount("3456.00"), collection: .mixed, paymentOptions: try richPaymentOptions(),
            schedule: try richSchedule(), payments: [try richPayment(), try minimalPayment()])
    }

    private static func minimalBooking() throws -> LedgerBooking {
        LedgerBooking(
            id: try identifier("B"), state: .quoted, agency: nil, seller: nil, branch: nil, leadTraveller: nil,
            travellers: [], customerEmail: nil, departureDate: try date("0001-01-01"), returnDate: nil,
            createdOn: try date("2026-11-23"), cancelledOn: nil, totalPrice: CurrencyAmount.zero(.jpy),
            collection: .tourOperator, paymentOptions: [], schedule: [])
    }

    /// Every event case with every optional present and with rich values.
    private static func richEvents() throws -> [LedgerEvent] {
        [
            .bookingCreated(try richBooking(), requestDigest: "sha256:9f86d081884c7d659a2feaa0c55ad015"),
            .bookingModified(
                BookingModification(
                    bookingId: try identifier("DRV-2026-ABCD1234"), totalPrice: try amount("123456789012345.678"),
                    departureDate: try date("2027-07-01"), returnDate: try date("2027-07-15+05:30"),
                    travellers: try richTravellers(), leadTraveller: try identifier("T2"),
                    customerEmail: "other@example.org", schedule: try richSchedule())),
            .bookingCancelled(
                bookingId: try identifier("DRV 2026 with spaces"), on: try date("2027-02-28-14:00"),
                chargedPrice: try amount("1.250", .kwd)),
            .paymentEntered(bookingId: try identifier("DRV-2026-ABCD1234"), payment: try richPayment()),
            .paymentStatusChanged(
                PaymentStatusChange(
                    bookingId: try identifier("DRV-2026-ABCD1234"), paymentId: try identifier("P-0001"),
                    from: .settled, to: .confirmed, date: try date("2027-01-01+00:01"),
                    transactionReference: "TX-78", authorizationCode: "AUTH-2", failureReason: "")),
            .bookingDetailsChanged(
                BookingDetailsChange(
                    bookingId: try identifier("DRV-2026-ABCD1234"), customerName: "Jörg Schmidt 🌍",
                    customerPhone: "+49 30 1234567", customerEmail: "", seller: "S-42", agency: "123456",
                    branch: "Köln", account: "1700", financed: true)),
            .bookingCommented(
                bookingId: try identifier("DRV-2026-ABCD1234"),
                comment: BookingComment(
                    text: "Kunde ruft zurück\n– Überweisung",
                    stamp: AuditStamp(actor: "user:anna", time: Date(timeIntervalSince1970: 1_795_392_000.123)))),
            .releaseDecided(
                bookingId: try identifier("DRV-2026-ABCD1234"),
                decision: ReleaseDecision(
                    isReleased: true,
                    stamp: AuditStamp(actor: "agency:123456", time: Date(timeIntervalSince1970: -86_400)))),
            .refundRequested(
                bookingId: try identifier("DRV-2026-ABCD1234"),
                refund: LedgerRefund(
                    identifier: try identifier("R1"), amount: try amount("1.250", .kwd),
                    method: .card(paymentId: try identifier("P-0001")), reference: "IBAN DE89 …",
                    forcedReason: "Finanzierung storniert", status: .failed, requestedOn: try date("2026-11-23"),
                    resolvedOn: try date("2026-11-24+01:00"), payoutReference: "REFUND-1", failureReason: "kein Konto",
                    isInFlight: true)),
            .refundRequested(
                bookingId: try identifier("B"),
                refund: LedgerRefund(
                    identifier: try identifier("R2"), amount: try amount("0.01"), method: .other("Gavekort 🎁"),
                    status: .completed, requestedOn: try date("2026-11-23"))),
            .refundResolved(
                RefundResolution(
                    bookingId: try identifier("DRV-2026-ABCD1234"), refundId: try identifier("R1"),
                    status: .completed, date: try date("2027-01-01"), payoutReference: "BANK-7",
                    failureReason: "")),
        ]
    }

    /// Every event case with every optional absent and the smallest values.
    private static func minimalEvents() throws -> [LedgerEvent] {
        [
            .bookingCreated(try minimalBooking(), requestDigest: nil),
            .bookingModified(
                BookingModification(
                    bookingId: try identifier("B"), totalPrice: CurrencyAmount.zero(.eur),
                    departureDate: try date("2026-01-01"), returnDate: nil, travellers: [], leadTraveller: nil,
                    customerEmail: nil, schedule: [])),
            .bookingCancelled(bookingId: try identifier("B"), on: try date("2026-01-01"), chargedPrice: .zero(.eur)),
            .paymentEntered(bookingId: try identifier("B"), payment: try minimalPayment()),
            .paymentStatusChanged(
                PaymentStatusChange(
                    bookingId: try identifier("B"), paymentId: try identifier("P"), from: .open, to: .recorded,
                    date: try date("2026-01-01"))),
            .paymentEntered(bookingId: try identifier("B"), payment: try inFlightPayment()),
            .paymentProcessed(
                PaymentProcessingResult(
                    bookingId: try identifier("B"), paymentId: try identifier("P"), attempt: 1, status: .open,
                    date: try date("2026-01-01"))),
            .paymentProcessed(
                PaymentProcessingResult(
                    bookingId: try identifier("B"), paymentId: try identifier("P"), attempt: 4_000_000_000,
                    status: .failed, date: try date("2026-01-01"), transactionReference: "SIM-B-P",
                    authorizationCode: "123456", failureReason: "card declined", retryable: true)),
            .bookingDetailsChanged(BookingDetailsChange(bookingId: try identifier("B"))),
            .bookingCommented(
                bookingId: try identifier("B"),
                comment: BookingComment(text: "", stamp: AuditStamp(actor: "", time: Date(timeIntervalSince1970: 0)))),
            .releaseDecided(
                bookingId: try identifier("B"),
                decision: ReleaseDecision(
                    isReleased: false, stamp: AuditStamp(actor: "", time: Date(timeIntervalSince1970: 0)))),
            .refundRequested(
                bookingId: try identifier("B"),
                refund: LedgerRefund(
                    identifier: try identifier("R"), amount: .zero(.eur), method: .bankTransfer,
                    requestedOn: try date("2026-01-01"))),
            .refundResolved(
                RefundResolution(
                    bookingId: try identifier("B"), refundId: try identifier("R"), status: .failed,
                    date: try date("2026-01-01"))),
        ]
    }

    private static func inFlightPayment() throws -> LedgerPayment {
        var payment = try minimalPayment()
        payment.isInFlight = true
        return payment
    }

    private static func allFixtures() throws -> [LedgerEvent] {
        try richEvents() + minimalEvents()
            + specialisations().map { .paymentEntered(bookingId: "B", payment: try richPayment(specialisation: $0)) }
    }

    private static func roundTrip(_ event: LedgerEvent) throws -> LedgerEvent {
        try LedgerRecordCodec.decode(LedgerRecordCodec.encode(event))
    }

    /// The bytes of the stamp `encode(_:)` writes without one: the actor `unknown` and time 0.
    private static let defaultStampSize = 1 + "unknown".utf8.count + 1

    private static func decodingError(_ bytes: [UInt8]) -> LedgerRecordDecodingError? {
        #expect(throws: LedgerRecordDecodingError.self) { try LedgerRecordCodec.decode(Data(bytes)) }
    }

    // MARK: Hand-written records

    private static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
        return bytes
    }

    private static func zigzag(_ value: Int) -> [UInt8] {
        varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
    }

    private static func string(_ text: String) -> [UInt8] {
        varint(UInt64(text.utf8.count)) + Array(text.utf8)
    }

    private static func dateBytes(_ year: Int, _ month: Int, _ day: Int) -> [UInt8] {
        zigzag(year) + zigzag(month) + zigzag(day) + [0]
    }

    /// 12.50 as a one-word mantissa 1250 with exponent -2.
    private static let twelveFifty: [UInt8] = [0x01] + zigzag(-2) + varint(1250)

    /// A `bookingCancelled` record written by hand from the documented format.
    private static func cancelledRecord(
        id: [UInt8] = string("B-1"), date: [UInt8] = dateBytes(2026, 11, 23), decimal: [UInt8] = twelveFifty,
        currency: [UInt8] = Array("EUR".utf8)
    ) -> [UInt8] {
        [1, 3] + id + date + decimal + currency
    }

    // MARK: Round trips

    @Test func everyEventCaseRoundTripsWithRichValues() throws {
        let events = try Self.richEvents()
        #expect(events.count == 11)
        for event in events {
            #expect(try Self.roundTrip(event) == event)
        }
    }

    @Test func everyEventCaseRoundTripsWithMinimalValues() throws {
        let events = try Self.minimalEvents()
        #expect(events.count == 13)  // every case, entered in flight and two processing results among them
        for event in events {
            #expect(try Self.roundTrip(event) == event)
        }
    }

    @Test func everyPaymentSpecialisationRoundTrips() throws {
        for specialisation in try Self.specialisations() {
            let payment = try Self.richPayment(specialisation: specialisation)
            let decoded = try Self.roundTrip(.paymentEntered(bookingId: "B", payment: payment))
            guard case .paymentEntered(_, let decodedPayment) = decoded else {
                Issue.record("decoded \(decoded)")
                continue
            }
            #expect(decodedPayment == payment)
            #expect(decodedPayment.specialisation == specialisation)
        }
    }

    @Test func everyCashHolderRoundTrips() throws {
        for holder in try Self.cashHolders() {
            let event = LedgerEvent.paymentEntered(bookingId: "B", payment: try Self.richPayment(cashHolder: holder))
            #expect(try Self.roundTrip(event) == event)
        }
    }

    @Test func paymentsKeepTheirExactMinorUnitsAndAMissingFormOfPayment() throws {
        for (amount, fee) in [(Int64.max, Int64.min), (0, 0), (-1, 1), (123_456_789_012, 4_147)] {
            let payment = LedgerPayment(
                identifier: try Self.identifier("AG-1"), collection: .agency, scope: .balance, formOfPayment: nil,
                currency: .kwd, amountMinorUnits: amount, feeMinorUnits: fee, status: .recorded,
                entryDate: try Self.date("2026-11-24"), serviceProvider: nil, cashHolder: nil,
                specialisation: .unspecified)
            let event = LedgerEvent.paymentEntered(bookingId: "B", payment: payment)
            guard case .paymentEntered(_, let decoded) = try Self.roundTrip(event) else {
                Issue.record("not a paymentEntered event")
                continue
            }
            #expect(decoded == payment)
            #expect(decoded.formOfPayment == nil)
            #expect(decoded.currency == .kwd)
            #expect(decoded.amountMinorUnits == amount && decoded.feeMinorUnits == fee)
        }
    }

    @Test func bookingWithPaymentsKeepsPaymentsAndTotals() throws {
        let booking = try Self.richBooking()
        #expect(booking.payments.count == 2)
        guard case .bookingCreated(let decoded, _) = try Self.roundTrip(.bookingCreated(booking, requestDigest: nil))
        else {
            Issue.record("not a bookingCreated event")
            return
        }
        #expect(decoded == booking)
        #expect(decoded.payments == booking.payments)
        #expect(decoded.paidAmount == booking.paidAmount)
        #expect(decoded.totalFees == booking.totalFees)
    }

    @Test func bookingCurrencyDifferentFromTotalPriceIsKept() throws {
        var booking = try Self.minimalBooking()
        booking.totalPrice = try Self.amount("10.00", .usd)
        #expect(booking.currency == .jpy)
        let event = LedgerEvent.bookingCreated(booking, requestDigest: nil)
        guard case .bookingCreated(let decoded, _) = try Self.roundTrip(event) else {
            Issue.record("not a bookingCreated event")
            return
        }
        #expect(decoded.currency == .jpy)
        #expect(decoded.totalPrice == booking.totalPrice)
        #expect(decoded == booking)
    }

    @Test func identifiersRoundTripExactlyEvenWhenALiteralMadeThemInvalid() throws {
        let long = Identifier(stringLiteral: String(repeating: "x", count: 65))
        let empty = Identifier(stringLiteral: "")
        #expect(!long.isValid && !empty.isValid)
        let event = LedgerEvent.paymentStatusChanged(
            PaymentStatusChange(
                bookingId: long, paymentId: empty, from: .failed, to: .open, date: try Self.date("2026-01-01")))
        #expect(try Self.roundTrip(event) == event)
    }

    @Test func decimalsRoundTripExactly() throws {
        let values: [Decimal] = [
            Decimal(), Decimal(1), Decimal(Int64(-70001)), Decimal(UInt64.max),
            try #require(XMLDecimal.parse("12.50")), try #require(XMLDecimal.parse("0.001")),
            try #require(XMLDecimal.parse("99999999999999999999999999999999999999")),
            try #require(XMLDecimal.parse("-123456789012345678.901")),
            Decimal.greatestFiniteMagnitude, Decimal.leastFiniteMagnitude, Decimal.leastNonzeroMagnitude,
            Decimal(sign: .minus, exponent: -128, significand: Decimal(UInt64(65536))),
            Decimal(sign: .plus, exponent: 127, significand: Decimal(3)),
            try #require(XMLDecimal.parse("12.345")) * 3 / 7,
        ]
        for value in values {
            let event = LedgerEvent.bookingCancelled(
                bookingId: "B", on: try Self.date("2026-01-01"),
                chargedPrice: CurrencyAmount(amount: value, currency: .eur))
            guard case .bookingCancelled(_, _, let decoded) = try Self.roundTrip(event) else {
                Issue.record("not a bookingCancelled event")
                continue
            }
            // Format 2 keeps the number exactly, whatever the platform's Decimal storage.
            #expect(decoded.amount == value, "\(value)")
        }
        let nan = LedgerEvent.bookingCancelled(
            bookingId: "B", on: try Self.date("2026-01-01"), chargedPrice: CurrencyAmount(amount: .nan, currency: .eur))
        guard case .bookingCancelled(_, _, let decodedNaN) = try Self.roundTrip(nan) else {
            Issue.record("not a bookingCancelled event")
            return
        }
        #expect(decodedNaN.amount.isNaN)
    }

    @Test func unknownSpecialisationKeepsItsTypeButNotItsExtraElements() throws {
        let type = XMLQualifiedName(namespace: "urn:example:future", localName: "CryptoPaymentType")
        let extra = XMLAnyElement(name: XMLQualifiedName(namespace: "urn:example:future", localName: "Wallet"))
        let payment = try Self.richPayment(specialisation: .unknown(type: type, extraElements: [extra]))
        let event = LedgerEvent.paymentEntered(bookingId: "B", payment: payment)
        guard case .paymentEntered(_, let decoded) = try Self.roundTrip(event) else {
            Issue.record("not a paymentEntered event")
            return
        }
        #expect(decoded.specialisation == .unknown(type: type, extraElements: []))
        #expect(decoded.identifier == payment.identifier && decoded.cashHolder == payment.cashHolder)
    }

    // MARK: Secrets

    @Test func cardNumberAndSecurityCodeAreNeverWritten() throws {
        let number = "4111111111111111"
        let card = CreditCard(
            cardType: "VISA", cardNumber: try Self.value(CardNumber(number)),
            expiryDate: try #require(XMLYearMonth(year: 2029, month: 12)), holderName: "ANNA",
            securityCode: try Self.value(SecurityCode("9876")))
        let payment = try Self.richPayment(specialisation: .creditCard(CreditCardPayment(creditCard: card)))
        let record = LedgerRecordCodec.encode(.paymentEntered(bookingId: "B", payment: payment))
        #expect(record.range(of: Data(number.utf8)) == nil)
        #expect(record.range(of: Data("9876".utf8)) == nil)

        guard case .paymentEntered(_, let decoded) = try LedgerRecordCodec.decode(record),
            case .creditCard(let decodedCard) = decoded.specialisation
        else {
            Issue.record("not a card payment")
            return
        }
        #expect(decoded == payment)
        #expect(decodedCard.creditCard?.cardNumber == nil)
        #expect(decodedCard.creditCard?.securityCode == nil)
        #expect(decodedCard.creditCard?.maskedCardNumber == "411111******1111")
        #expect(decodedCard.creditCard?.holderName == "ANNA")
        #expect(decodedCard.pciBin == "411111")
    }

    // MARK: The documented format

    @Test func handWrittenRecordDecodes() throws {
        let event = try LedgerRecordCodec.decode(Data(Self.cancelledRecord()))
        #expect(
            event
                == .bookingCancelled(
                    bookingId: "B-1", on: try Self.date("2026-11-23"), chargedPrice: try Self.amount("12.50")))
        let encoded = LedgerRecordCodec.encode(event)
        #expect(encoded.first == LedgerRecordCodec.formatVersion)
        #expect(encoded.dropFirst(1 + Self.defaultStampSize).first == 3)
        #expect(try LedgerRecordCodec.decode(encoded) == event)
    }

    @Test func decodesFromASliceOfLargerData() throws {
        let event = try #require(try Self.richEvents().last)
        let framed = Data([0xAA, 0xBB]) + LedgerRecordCodec.encode(event) + Data([0xCC])
        let record = framed.dropFirst(2).dropLast()
        #expect(try LedgerRecordCodec.decode(record) == event)
    }

    // MARK: Malformed records

    @Test func everyStrictPrefixThrows() throws {
        for event in try Self.allFixtures() {
            let record = LedgerRecordCodec.encode(event)
            for length in 0..<record.count {
                let error = #expect(throws: LedgerRecordDecodingError.self) {
                    try LedgerRecordCodec.decode(record.prefix(length))
                }
                #expect((error?.byteOffset ?? -1) >= 0 && (error?.byteOffset ?? .max) <= length)
            }
        }
    }

    @Test func wrongVersionEmptyRecordAndUnknownTagsThrow() throws {
        var record = Array(LedgerRecordCodec.encode(try #require(try Self.minimalEvents().first)))
        record[0] = LedgerRecordCodec.formatVersion &+ 1
        #expect(Self.decodingError(record)?.byteOffset == 0)
        #expect(Self.decodingError(record)?.message.contains("version") == true)
        #expect(Self.decodingError([])?.byteOffset == 0)
        #expect(Self.decodingError([1])?.byteOffset == 1)
        for tag: UInt8 in [0, 0x7E, 0x7F, 0xFF] {
            #expect(Self.decodingError([1, tag] + Self.string("B"))?.byteOffset == 1)
        }
    }

    @Test func aStampInsideAnEventBeyondTheYear9999Throws() throws {
        let prefix: [UInt8] =
            [2] + Self.string("unknown") + [0, 13] + Self.string("B") + Self.string("x")
            + Self.string("user:a")
        let record = prefix + Self.varint(UInt64.max)  // zigzag of Int64.min
        #expect(Self.decodingError(record)?.byteOffset == prefix.count)
        #expect(Self.decodingError(prefix + Self.zigzag(253_402_300_800_000))?.byteOffset == prefix.count)
        _ = try LedgerRecordCodec.decode(Data(prefix + Self.zigzag(-253_402_300_799_999)))
    }

    @Test func trailingBytesThrow() throws {
        for event in try Self.minimalEvents() {
            let record = Array(LedgerRecordCodec.encode(event))
            let error = Self.decodingError(record + [0])
            #expect(error?.byteOffset == record.count)
            #expect(error?.description.contains("byte \(record.count)") == true)
        }
    }

    @Test func malformedPrimitivesThrowAtTheirOffset() {
        // Varints: not in shortest form; more than 64 bits; a length past the end.
        #expect(Self.decodingError(Self.cancelledRecord(id: [0x83, 0x00] + Array("B-1".utf8)))?.byteOffset == 2)
        #expect(Self.decodingError([1, 3] + Array(repeating: 0xFF, count: 9) + [0x02])?.byteOffset == 2)
        #expect(Self.decodingError([1, 3] + Array(repeating: 0xFF, count: 11))?.byteOffset == 2)
        #expect(Self.decodingError(Self.cancelledRecord(id: [0x7F, 0x41]))?.byteOffset == 2)
        // Strings: invalid UTF-8; an identifier with uncollapsed white space.
        let badUTF8 = Self.decodingError(Self.cancelledRecord(id: [2, 0xC3, 0x28]))
        #expect(badUTF8?.byteOffset == 2)
        #expect(badUTF8?.message.contains("UTF-8") == true)
        #expect(Self.decodingError(Self.cancelledRecord(id: Self.string(" B")))?.byteOffset == 2)
        // Dates: no 13th month, no 29 February 2027, a time zone beyond ±14:00, a bad presence byte.
        let dateOffset = 2 + Self.string("B-1").count
        #expect(Self.decodingError(Self.cancelledRecord(date: Self.dateBytes(2026, 13, 1)))?.byteOffset == dateOffset)
        #expect(Self.decodingError(Self.cancelledRecord(date: Self.dateBytes(2027, 2, 29)))?.byteOffset == dateOffset)
        let farZone = Self.zigzag(2026) + Self.zigzag(1) + Self.zigzag(1) + [1] + Self.zigzag(841)
        #expect(Self.decodingError(Self.cancelledRecord(date: farZone))?.byteOffset == dateOffset)
        let badPresence = Self.zigzag(2026) + Self.zigzag(1) + Self.zigzag(1) + [2]
        #expect(Self.decodingError(Self.cancelledRecord(date: badPresence))?.byteOffset == dateOffset + 4)
        // Decimals: nine mantissa words; an exponent beyond Int8; reserved bits beyond 18.
        let amountOffset = dateOffset + Self.dateBytes(2026, 11, 23).count
        let nineWords: [UInt8] = [0x09] + Self.zigzag(0) + Self.varint(1)
        #expect(Self.decodingError(Self.cancelledRecord(decimal: nineWords))?.byteOffset == amountOffset)
        let hugeExponent: [UInt8] = [0x01] + Self.zigzag(128) + Self.varint(1)
        #expect(Self.decodingError(Self.cancelledRecord(decimal: hugeExponent))?.byteOffset == amountOffset)
        let wideReserved: [UInt8] = [0x41] + Self.zigzag(0) + Self.varint(1) + Self.varint(0x4_0000)
        #expect(Self.decodingError(Self.cancelledRecord(decimal: wideReserved))?.byteOffset == amountOffset)
        // Currencies: lower case; not ASCII.
        let currencyOffset = amountOffset + Self.twelveFifty.count
        #expect(
            Self.decodingError(Self.cancelledRecord(currency: Array("eur".utf8)))?.byteOffset == currencyOffset)
        #expect(Self.decodingError(Self.cancelledRecord(currency: [0xC3, 0x84, 0x55]))?.byteOffset == currencyOffset)
    }

    @Test func invalidValuesForFailableInitialisersThrow() throws {
        let iban = "DE89370400440532013000"
        let bic = "COBADEFFXXX"
        let country = "DE"
        // Patches the first occurrence of `text` (a length-prefixed string) in the record.
        func patched(_ event: LedgerEvent, _ text: String, to replacement: String) throws -> ([UInt8], Int) {
            let record = Array(LedgerRecordCodec.encode(event))
            let needle = Self.string(text)
            let start = try #require(
                (0...(record.count - needle.count)).first { Array(record[$0..<($0 + needle.count)]) == needle })
            var bytes = record
            bytes.replaceSubrange(start..<(start + needle.count), with: Self.string(replacement))
            return (bytes, start)
        }
        let directDebit = try #require(try Self.specialisations().first { $0.formOfPayment == .directDebit })
        let debitEvent = LedgerEvent.paymentEntered(
            bookingId: "B", payment: try Self.richPayment(specialisation: directDebit))
        for (text, replacement) in [(iban, "de89370400440532013000"), (iban, "DE89 3704"), (bic, "COBADEFF1")] {
            let (bytes, offset) = try patched(debitEvent, text, to: replacement)
            #expect(Self.decodingError(bytes)?.byteOffset == offset, "\(replacement)")
        }
        let personEvent = LedgerEvent.paymentEntered(bookingId: "B", payment: try Self.richPayment())
        let (personBytes, personOffset) = try patched(personEvent, country, to: "DEU")
        #expect(Self.decodingError(personBytes)?.byteOffset == personOffset)

        // A percent fee above 100 (PercentageType) is refused.
        let percentBooking = LedgerBooking(
            id: "B", state: .quoted, agency: nil, seller: nil, branch: nil, leadTraveller: nil, travellers: [],
            customerEmail: nil, departureDate: try Self.date("2027-01-01"), returnDate: nil,
            createdOn: try Self.date("2026-11-23"), cancelledOn: nil, totalPrice: .zero(.jpy), collection: .agency,
            paymentOptions: [
                PaymentOption(formOfPayment: .invoice, percentFee: try Self.value(Percentage(Decimal(77))))
            ],
            schedule: [])
        var percentRecord = Array(LedgerRecordCodec.encode(.bookingCreated(percentBooking, requestDigest: nil)))
        // 77 as a format 2 decimal: 0x0E, scale 0, zigzag 154 (0x9A 0x01); 101 is zigzag 202.
        let seventySeven: [UInt8] = [0x0E, 0x00, 0x9A, 0x01]
        let at = try #require(
            (0...(percentRecord.count - 4)).last { Array(percentRecord[$0..<($0 + 4)]) == seventySeven })
        percentRecord[at + 2] = 0xCA
        #expect(Self.decodingError(percentRecord) != nil)
    }

    @Test func unknownIndicesAndTagsThrow() throws {
        // The specialisation tag is the last byte of a minimal payment's record.
        let minimal = Array(
            LedgerRecordCodec.encode(.paymentEntered(bookingId: "B", payment: try Self.minimalPayment())))
        #expect(minimal.last == 0)
        for tag: UInt8 in [9, 0xFF] {
            var bytes = minimal
            bytes[bytes.count - 1] = tag
            #expect(Self.decodingError(bytes)?.byteOffset == bytes.count - 1)
        }
        // The collection, scope, form of payment (presence byte, index) follow the payment identifier.
        let enumOffset = 2 + Self.defaultStampSize + Self.string("B").count + Self.string("DEP").count
        for (position, invalid) in [(0, UInt8(4)), (1, 3), (2, 2), (3, 7)] {
            var bytes = minimal
            bytes[enumOffset + position] = invalid
            #expect(Self.decodingError(bytes)?.byteOffset == enumOffset + position)
        }
        // The booking state follows the booking id.
        var booking = Array(LedgerRecordCodec.encode(try #require(try Self.minimalEvents().first)))
        let stateOffset = 2 + Self.defaultStampSize + Self.string("B").count
        booking[stateOffset] = 3
        #expect(Self.decodingError(booking)?.byteOffset == stateOffset)
        // A status-change's statuses follow the two identifiers.
        var change = Array(LedgerRecordCodec.encode(try Self.minimalEvents()[4]))
        let statusOffset = 2 + Self.defaultStampSize + Self.string("B").count + Self.string("P").count
        change[statusOffset + 1] = 5
        #expect(Self.decodingError(change)?.byteOffset == statusOffset + 1)
        // A cash holder tag beyond the three cases.
        let holderEvent = LedgerEvent.paymentEntered(
            bookingId: "B", payment: try Self.richPayment(cashHolder: .assignedToBookingOwner(true)))
        var holder = Array(LedgerRecordCodec.encode(holderEvent))
        let flagPattern: [UInt8] = [1, 0, 1]  // presence, tag assignedToBookingOwner, flag true
        let holderStart = try #require(
            (0...(holder.count - 3)).last { Array(holder[$0..<($0 + 3)]) == flagPattern })
        holder[holderStart + 2] = 2
        #expect(Self.decodingError(holder)?.byteOffset == holderStart + 2)
        holder[holderStart + 1] = 3
        #expect(Self.decodingError(holder)?.byteOffset == holderStart + 1)
    }

    @Test func randomByteFlipsNeverCrash() throws {
        var generator = SeededGenerator(seed: 0x4C45_4447_4552)
        let records = try Self.allFixtures().map { Array(LedgerRecordCodec.encode($0)) }
        var decodedCount = 0
        var failedCount = 0
        for _ in 0..<4_000 {
            var bytes = records[Int.random(in: 0..<records.count, using: &generator)]
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] ^= UInt8.random(in: 1...0xFF, using: &generator)
            }
            do {
                let event = try LedgerRecordCodec.decode(Data(bytes))
                decodedCount += 1
                // Whatever decodes encodes to a record that decodes again.
                _ = try LedgerRecordCodec.decode(LedgerRecordCodec.encode(event))
            } catch {
                failedCount += 1
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count)
                #expect(!error.message.isEmpty)
            }
        }
        #expect(decodedCount + failedCount == 4_000)
        #expect(failedCount > 0)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...64, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...0xFF, using: &generator) }
            if count >= 2 {
                bytes[0] = LedgerRecordCodec.formatVersion
                bytes[1] = UInt8.random(in: 1...5, using: &generator)
            }
            do {
                _ = try LedgerRecordCodec.decode(Data(bytes))
            } catch {
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count)
            }
        }
    }
}
