import Foundation
import StringPayments
import Testing
import XMLCoding

/// Unknown elements below the message root (issue 10): kept by the type they occur in, written back
/// after its declared children, and refused by `UnknownElementPolicy.reject`.
@Suite struct NestedUnknownElementsTests {
    static let extensionNamespace = "urn:example:string-extension"

    /// An element a newer schema version might add: another namespace, attributes (one of them
    /// qualified) and nested children; `place` names the element it is put into.
    static func marker(_ place: String) -> String {
        """
        <x:Marker xmlns:x="\(extensionNamespace)" Place="\(place)" x:level="2">\
        <x:Inner Code="c-\(place)">text of \(place)</x:Inner><x:Empty/></x:Marker>
        """
    }

    static let paymentRequestPlaces = [
        "AgencyInformation", "PaymentServiceProvider", "OwnerDetails", "Dates", "CreditCard", "Payment",
        "Installment", "Payments", "PaymentRequest",
    ]

    static let paymentRequestXML = """
        <PaymentRequest xmlns="\(StringNamespace.uri)" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="1.0">
          <AgencyInformation><Agency>123456</Agency><AgentId>17</AgentId>\(marker("AgencyInformation"))</AgencyInformation>
          <BookingId>SRT-2026-000010</BookingId>
          <Payments Collection="TourOperator">
            <Payment Identifier="DEP" xsi:type="CreditCardPaymentType">
              <PaymentScope>Deposit</PaymentScope>
              <FormOfPayment>CreditCard</FormOfPayment>
              <PaymentAmount><Amount>100.00</Amount><Currency>EUR</Currency></PaymentAmount>
              <PaymentServiceProvider><Name>PayRhein</Name>\(marker("PaymentServiceProvider"))</PaymentServiceProvider>
              <CashHolder><OwnerDetails><Surname>Krüger</Surname>\(marker("OwnerDetails"))</OwnerDetails></CashHolder>
              <Dates><EntryDate>2026-11-23</EntryDate>\(marker("Dates"))</Dates>
              <CreditCard><CardType>VISA</CardType><MaskedCardNumber>411111XXXXXX1111</MaskedCardNumber>\
        <ExpiryDate>2030-12</ExpiryDate>\(marker("CreditCard"))</CreditCard>
              <PCIToken>tok_4711</PCIToken>
              \(marker("Payment"))
            </Payment>
            <Payment Identifier="BAL" xsi:type="InstallmentPaymentType">
              <PaymentScope>Balance</PaymentScope>
              <PaymentAmount><Amount>200.00</Amount><Currency>EUR</Currency></PaymentAmount>
              <Installment><Number>1</Number><DueDate>2026-12-30</DueDate>\
        <Amount><Amount>200.00</Amount><Currency>EUR</Currency></Amount>\(marker("Installment"))</Installment>
            </Payment>
            \(marker("Payments"))
          </Payments>
          \(marker("PaymentRequest"))
        </PaymentRequest>
        """

    static let bookingResponsePlaces = [
        "Traveller", "Travellers", "BookingDetails", "Prices", "PaymentDetails", "PaymentOption", "PaymentOptions",
        "NextDue", "PaymentOverview", "InformationDetail", "Informations", "BookingResponse",
    ]

    static let bookingResponseXML = """
        <BookingResponse xmlns="\(StringNamespace.uri)" Version="1.0">
          <BookingId>SRT-2026-000010</BookingId>
          <BookingState>Booked</BookingState>
          <Travellers>
            <Traveller Identifier="T1"><Surname>Hoffmann</Surname>\(marker("Traveller"))</Traveller>
            \(marker("Travellers"))
          </Travellers>
          <BookingDetails><BookingOwner>T1</BookingOwner><StartDate>2027-01-30</StartDate>\
        \(marker("BookingDetails"))</BookingDetails>
          <Prices><TotalPrice><Amount>100.00</Amount><Currency>EUR</Currency></TotalPrice>\(marker("Prices"))</Prices>
          <Payments Collection="TourOperator">
            <Payment Identifier="DEP">
              <PaymentScope>Deposit</PaymentScope>
              <PaymentAmount><Amount>100.00</Amount><Currency>EUR</Currency></PaymentAmount>
              <Status>Settled</Status>
              <PaymentDetails><TransactionReference>TX-1</TransactionReference>\(marker("PaymentDetails"))</PaymentDetails>
            </Payment>
          </Payments>
          <PaymentOptions>
            <PaymentOption><FormOfPayment>Invoice</FormOfPayment>\(marker("PaymentOption"))</PaymentOption>
            \(marker("PaymentOptions"))
          </PaymentOptions>
          <PaymentOverview>
            <TotalPrice><Amount>100.00</Amount><Currency>EUR</Currency></TotalPrice>
            <TotalFees><Amount>0.00</Amount><Currency>EUR</Currency></TotalFees>
            <PaidAmount><Amount>100.00</Amount><Currency>EUR</Currency></PaidAmount>
            <SettledAmount><Amount>100.00</Amount><Currency>EUR</Currency></SettledAmount>
            <OpenAmount><Amount>0.00</Amount><Currency>EUR</Currency></OpenAmount>
            <OverdueAmount><Amount>0.00</Amount><Currency>EUR</Currency></OverdueAmount>
            <NextDue><PaymentScope>Balance</PaymentScope><DueDate>2026-12-30</DueDate>\
        <Amount><Amount>0.00</Amount><Currency>EUR</Currency></Amount>\(marker("NextDue"))</NextDue>
            \(marker("PaymentOverview"))
          </PaymentOverview>
          <Informations>
            <InformationDetail><Code>OK</Code><Text>Booked.</Text>\(marker("InformationDetail"))</InformationDetail>
            \(marker("Informations"))
          </Informations>
          \(marker("BookingResponse"))
        </BookingResponse>
        """

    // MARK: - Round trips

    @Test func paymentRequestKeepsNestedUnknownElements() throws {
        let message = try StringMessage.decode(from: Data(Self.paymentRequestXML.utf8))
        guard case .paymentRequest(let request) = message else {
            Issue.record("expected a PaymentRequest, got \(message.kind)")
            return
        }
        let card = request.payments.payments[0]
        let instalments = request.payments.payments[1]
        #expect(Self.places(request.agencyInformation?.unknownElements) == ["AgencyInformation"])
        #expect(Self.places(card.paymentServiceProvider?.unknownElements) == ["PaymentServiceProvider"])
        if case .ownerDetails(let details) = card.cashHolder {
            #expect(Self.places(details.unknownElements) == ["OwnerDetails"])
        } else {
            Issue.record("expected OwnerDetails, got \(String(describing: card.cashHolder))")
        }
        #expect(Self.places(card.dates?.unknownElements) == ["Dates"])
        if case .creditCard(let extra) = card.specialisation {
            #expect(Self.places(extra.creditCard?.unknownElements) == ["CreditCard"])
            #expect(extra.pciToken == "tok_4711")
        } else {
            Issue.record("expected a credit card payment, got \(card.specialisation)")
        }
        #expect(Self.places(card.unknownElements) == ["Payment"])
        if case .installment(let extra) = instalments.specialisation {
            #expect(Self.places(extra.installments.first?.unknownElements) == ["Installment"])
        } else {
            Issue.record("expected an instalment payment, got \(instalments.specialisation)")
        }
        #expect(instalments.unknownElements.isEmpty)
        #expect(Self.places(request.payments.unknownElements) == ["Payments"])
        #expect(Self.places(request.unknownElements) == ["PaymentRequest"])

        try Self.expectRoundTrip(message, places: Self.paymentRequestPlaces)
    }

    @Test func bookingResponseKeepsNestedUnknownElements() throws {
        let message = try StringMessage.decode(from: Data(Self.bookingResponseXML.utf8))
        guard case .bookingResponse(let response) = message else {
            Issue.record("expected a BookingResponse, got \(message.kind)")
            return
        }
        #expect(Self.places(response.travellers?.travellers.first?.unknownElements) == ["Traveller"])
        #expect(Self.places(response.travellers?.unknownElements) == ["Travellers"])
        #expect(Self.places(response.bookingDetails?.unknownElements) == ["BookingDetails"])
        #expect(Self.places(response.prices?.unknownElements) == ["Prices"])
        #expect(Self.places(response.payments?.payments.first?.paymentDetails?.unknownElements) == ["PaymentDetails"])
        #expect(response.payments?.payments.first?.unknownElements == [])
        #expect(Self.places(response.paymentOptions?.paymentOptions.first?.unknownElements) == ["PaymentOption"])
        #expect(Self.places(response.paymentOptions?.unknownElements) == ["PaymentOptions"])
        #expect(Self.places(response.paymentOverview?.nextDue?.unknownElements) == ["NextDue"])
        #expect(Self.places(response.paymentOverview?.unknownElements) == ["PaymentOverview"])
        #expect(
            Self.places(response.informations?.informationDetails.first?.unknownElements) == ["InformationDetail"])
        #expect(Self.places(response.informations?.unknownElements) == ["Informations"])
        #expect(Self.places(response.unknownElements) == ["BookingResponse"])

        try Self.expectRoundTrip(message, places: Self.bookingResponsePlaces)
    }

    @Test func keptElementKeepsAttributesAndChildren() throws {
        let message = try StringMessage.decode(from: Data(Self.paymentRequestXML.utf8))
        guard case .paymentRequest(let request) = message,
            let marker = request.payments.payments[0].dates?.unknownElements.first
        else {
            Issue.record("expected a PaymentRequest with a marker in Dates")
            return
        }
        #expect(marker.name == XMLQualifiedName(namespace: Self.extensionNamespace, localName: "Marker"))
        #expect(marker.attribute(XMLQualifiedName(namespace: Self.extensionNamespace, localName: "level")) == "2")
        #expect(
            marker.childElements.map(\.name) == [
                XMLQualifiedName(namespace: Self.extensionNamespace, localName: "Inner"),
                XMLQualifiedName(namespace: Self.extensionNamespace, localName: "Empty"),
            ])
        #expect(marker.childElements.first?.text == "text of Dates")
    }

    /// Fuzz finding (fuzz-decoder, CI): libxml2 hands over a namespace name with an `&` undecoded
    /// (`&#38;`); kept that way, the encoder escaped it a second time and the encoding no longer
    /// decoded. The namespace name is the decoded text, and the round trip is stable.
    @Test(arguments: ["urn:a&amp;b", "urn:a&#38;b", "urn:a&#x26;b"])
    func namespaceNamesWithAnAmpersandSurviveTheRoundTrip(written: String) throws {
        let xml = Self.paymentRequestXML.replacingOccurrences(
            of: "<x:Marker xmlns:x=\"\(Self.extensionNamespace)\" Place=\"Dates\"",
            with: "<x:Marker xmlns:x=\"\(written)\" Place=\"Dates\"")
        let message = try StringMessage.decode(from: Data(xml.utf8))
        guard case .paymentRequest(let request) = message,
            let marker = request.payments.payments[0].dates?.unknownElements.first
        else {
            Issue.record("expected a PaymentRequest with a marker in Dates")
            return
        }
        #expect(marker.name.namespace?.contains("&#") == false, "\(marker.name)")
        #expect(marker.name.namespace?.hasPrefix("urn:a&b") == true, "\(marker.name)")
        let again = try StringMessage.decode(from: message.encoded())
        #expect(again == message)
        #expect(try StringMessage.decode(from: again.encoded()) == message)
    }

    /// An amount's undeclared children (a newer version may add, say, an exchange rate after
    /// `Currency`) are kept in `CurrencyAmount.unknownElements` and written back; strict decoding
    /// refuses them with their path.
    @Test func amountsKeepTheirUnknownChildren() throws {
        let rate = "<x:Rate xmlns:x=\"\(Self.extensionNamespace)\">1.1</x:Rate>"
        let xml = Self.paymentRequestXML.replacingOccurrences(
            of: "<PaymentAmount><Amount>100.00</Amount><Currency>EUR</Currency></PaymentAmount>",
            with: "<PaymentAmount><Amount>100.00</Amount><Currency>EUR</Currency>\(rate)</PaymentAmount>")
        #expect(xml != Self.paymentRequestXML)
        let message = try StringMessage.decode(from: Data(xml.utf8))
        guard case .paymentRequest(let request) = message else {
            Issue.record("expected a PaymentRequest")
            return
        }
        let amount = request.payments.payments[0].paymentAmount
        #expect(
            amount.unknownElements.map(\.name) == [
                XMLQualifiedName(namespace: Self.extensionNamespace, localName: "Rate")
            ])
        #expect(amount.unknownElements.first?.text == "1.1")
        #expect(amount.amount == 100 && amount.currency.code == "EUR")
        let encoded = try message.encoded()
        #expect(String(decoding: encoded, as: UTF8.self).contains("<Currency>EUR</Currency><x:Rate"))
        #expect(try StringMessage.decode(from: encoded) == message)

        let error = try #require(throws: StringPaymentsError.self) {
            try StringMessage.decode(from: Data(xml.utf8), options: StringDecodingOptions(unknownElements: .reject))
        }
        #expect(error.code == .init(XMLCodingError.Code.unknownElement), "\(error)")
        #expect(error.elementPath == "/PaymentRequest/Payments/Payment/PaymentAmount/Rate", "\(error)")
    }

    /// `CashHolder` is a choice of exactly one child; an undeclared element beside it cannot be
    /// kept and is refused, never dropped.
    @Test func anUnknownElementBesideTheCashHolderChoiceIsRefused() throws {
        let xml = Self.paymentRequestXML.replacingOccurrences(
            of: "<CashHolder><OwnerDetails>", with: "<CashHolder>\(Self.marker("CashHolder"))<OwnerDetails>")
        #expect(xml != Self.paymentRequestXML)
        let error = try #require(throws: StringPaymentsError.self) {
            try StringMessage.decode(from: Data(xml.utf8))
        }
        #expect(error.code == .init(XMLCodingError.Code.typeMismatch), "\(error)")
        #expect(error.message.contains("Marker"), "\(error)")
    }

    // MARK: - Strict decoding

    @Test(arguments: [
        ("Dates", "/PaymentRequest/Payments/Payment/Dates/Marker"),
        ("CreditCard", "/PaymentRequest/Payments/Payment/CreditCard/Marker"),
        ("OwnerDetails", "/PaymentRequest/Payments/Payment/CashHolder/OwnerDetails/Marker"),
        ("Payment", "/PaymentRequest/Payments/Payment/Marker"),
        ("Installment", "/PaymentRequest/Payments/Payment/Installment/Marker"),
        ("Payments", "/PaymentRequest/Payments/Marker"),
        ("AgencyInformation", "/PaymentRequest/AgencyInformation/Marker"),
    ])
    func strictDecodingRefusesANestedUnknownElement(place: String, elementPath: String) throws {
        let xml = Self.keepingOnlyMarker(place, of: Self.paymentRequestPlaces, in: Self.paymentRequestXML)
        _ = try StringMessage.decode(from: Data(xml.utf8))
        let error = try #require(throws: StringPaymentsError.self) {
            try StringMessage.decode(from: Data(xml.utf8), options: StringDecodingOptions(unknownElements: .reject))
        }
        #expect(error.code == .init(XMLCodingError.Code.unknownElement), "\(error)")
        #expect(error.elementPath == elementPath)
    }

    @Test(arguments: bookingResponsePlaces)
    func strictDecodingRefusesUnknownElementsOfABookingResponse(place: String) throws {
        let xml = Self.keepingOnlyMarker(place, of: Self.bookingResponsePlaces, in: Self.bookingResponseXML)
        let error = try #require(throws: StringPaymentsError.self) {
            try StringMessage.decode(from: Data(xml.utf8), options: StringDecodingOptions(unknownElements: .reject))
        }
        #expect(error.code == .init(XMLCodingError.Code.unknownElement), "\(error)")
        #expect(error.elementPath?.hasSuffix("/Marker") == true, "\(error)")
    }

    @Test func strictDecodingReportsARepeatedSingleElementAsOutOfOrder() throws {
        let once = "<Dates><EntryDate>2026-11-23</EntryDate></Dates>"
        let xml = Self.keepingOnlyMarker(nil, of: Self.paymentRequestPlaces, in: Self.paymentRequestXML)
            .replacingOccurrences(of: once, with: once + "<Dates><EntryDate>2026-11-24</EntryDate></Dates>")
        let error = try #require(throws: StringPaymentsError.self) {
            try StringMessage.decode(from: Data(xml.utf8), options: StringDecodingOptions(unknownElements: .reject))
        }
        #expect(error.code == .init(XMLCodingError.Code.elementOutOfOrder), "\(error)")
        #expect(error.elementPath == "/PaymentRequest/Payments/Payment/Dates")
    }

    @Test func strictDecodingStillAcceptsTheMessagesWithoutMarkers() throws {
        let strict = StringDecodingOptions(unknownElements: .reject)
        let request = Self.keepingOnlyMarker(nil, of: Self.paymentRequestPlaces, in: Self.paymentRequestXML)
        let response = Self.keepingOnlyMarker(nil, of: Self.bookingResponsePlaces, in: Self.bookingResponseXML)
        _ = try StringMessage.decode(from: Data(request.utf8), options: strict)
        _ = try StringMessage.decode(from: Data(response.utf8), options: strict)
    }

    // MARK: - Helpers

    /// The `Place` attributes of the markers among `elements`.
    static func places(_ elements: [XMLAnyElement]?) -> [String] {
        (elements ?? []).compactMap { $0.attribute(XMLQualifiedName(namespace: nil, localName: "Place")) }
    }

    /// The XML with every marker but the one at `place` removed.
    static func keepingOnlyMarker(_ place: String?, of places: [String], in xml: String) -> String {
        places.filter { $0 != place }.reduce(xml) { $0.replacingOccurrences(of: marker($1), with: "") }
    }

    /// Encodes, decodes again and compares; checks that each marker is written as the last child
    /// of the element it was read from.
    static func expectRoundTrip(
        _ message: StringMessage, places: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let encoded = try message.encoded()
        let again = try StringMessage.decode(from: encoded)
        #expect(again == message, sourceLocation: sourceLocation)
        #expect(try again.encoded() == encoded, sourceLocation: sourceLocation)

        let text = String(decoding: encoded, as: UTF8.self)
            .replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
        for place in places {
            guard let segment = element(place, containing: #"Place="\#(place)""#, in: text) else {
                Issue.record("no \(place) holding the marker \(place) in \(text)", sourceLocation: sourceLocation)
                continue
            }
            #expect(
                segment.hasSuffix("Marker></\(place)>"), "marker \(place) is not the last child: \(segment)",
                sourceLocation: sourceLocation)
        }
    }

    /// The innermost element named `name` (no prefix) whose text contains `needle`, from its start
    /// tag to its end tag.
    static func element(_ name: String, containing needle: String, in text: String) -> Substring? {
        guard let needleRange = text.range(of: needle) else { return nil }
        let before = text[..<needleRange.lowerBound]
        let starts = [
            before.range(of: "<\(name) ", options: .backwards), before.range(of: "<\(name)>", options: .backwards),
        ]
        .compactMap { $0 }
        guard let start = starts.map(\.lowerBound).max(),
            let end = text.range(of: "</\(name)>", range: needleRange.upperBound..<text.endIndex)
        else { return nil }
        return text[start..<end.upperBound]
    }
}
