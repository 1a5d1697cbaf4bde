import Foundation
import Testing
import XMLCoding

// MARK: - Vocabulary

/// A small payment-like vocabulary for the encoder's tests.
enum EncoderFixtures {
    static let namespace = "urn:example:payments"
    static let otherNamespace = "urn:example:other"

    enum Scope: String, XMLEnumeration {
        case deposit = "Deposit"
        case balance = "Balance"
    }

    /// Simple content with an attribute: `<PaymentAmount Currency="EUR">12.5</PaymentAmount>`.
    struct Amount: Codable, Equatable {
        var value: Decimal
        var currency: String

        enum CodingKeys: String, XMLCodingKey {
            case value
            case currency = "Currency"

            var xmlNodeKind: XMLNodeKind { self == .value ? .text : .attribute }
        }
    }

    struct Payment: Codable {
        var type: XMLQualifiedName?
        var identifier: String
        var scope: Scope
        var amount: Amount
        var dueDate: XMLDate?
        var reference: String?
        var notes: [String] = []

        enum CodingKeys: String, XMLCodingKey {
            case type
            case identifier = "Identifier"
            case scope = "PaymentScope"
            case amount = "PaymentAmount"
            case dueDate = "DueDate"
            case reference = "Reference"
            case notes = "Note"

            var xmlNodeKind: XMLNodeKind {
                switch self {
                case .type, .identifier: return .attribute
                default: return .element
                }
            }

            var xmlNamespace: XMLKeyNamespace {
                self == .type ? .uri(XMLNamespace.schemaInstance) : .inherited
            }
        }
    }

    struct PaymentRequest: Codable, XMLRootElement {
        static let xmlRootElementName = XMLQualifiedName(namespace: namespace, localName: "PaymentRequest")

        var version: String
        var bookingID: String
        var payments: [Payment]
        /// Written as `xsi:nil="true"` when absent, through an explicit `encodeNil`.
        var comment: String?

        enum CodingKeys: String, XMLCodingKey {
            case version = "Version"
            case bookingID = "BookingId"
            case payments = "Payment"
            case comment = "Comment"

            var xmlNodeKind: XMLNodeKind { self == .version ? .attribute : .element }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(bookingID, forKey: .bookingID)
            try container.encode(payments, forKey: .payments)
            if let comment {
                try container.encode(comment, forKey: .comment)
            } else {
                try container.encodeNil(forKey: .comment)
            }
        }
    }

    static func request() throws -> PaymentRequest {
        PaymentRequest(
            version: "1.2", bookingID: "B-1",
            payments: [
                Payment(
                    type: XMLQualifiedName(namespace: namespace, localName: "CreditCardPaymentType"),
                    identifier: "P1", scope: .deposit,
                    amount: Amount(value: Decimal(string: "12.50") ?? 0, currency: "EUR"),
                    dueDate: XMLDate(year: 2025, month: 3, day: 1), reference: "Card & <co>",
                    notes: ["first", "second"]),
                Payment(
                    type: nil, identifier: "P2", scope: .balance, amount: Amount(value: 100, currency: "EUR"),
                    dueDate: nil, reference: nil),
            ],
            comment: nil)
    }

    /// A root with one value under one key of the given node kind and namespace.
    struct Single<Value: Encodable>: Encodable, XMLRootElement {
        static var xmlRootElementName: XMLQualifiedName { XMLQualifiedName(namespace: namespace, localName: "Root") }

        var key: DynamicKey
        var value: Value

        init(_ key: DynamicKey, _ value: Value) {
            self.key = key
            self.value = value
        }

        init(_ name: String, _ value: Value) {
            self.init(DynamicKey(name), value)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(value, forKey: key)
        }
    }

    /// A key whose name, kind and namespace are chosen by the test.
    struct DynamicKey: XMLCodingKey {
        var stringValue: String
        var xmlNodeKind: XMLNodeKind
        var xmlNamespace: XMLKeyNamespace

        init(_ name: String, kind: XMLNodeKind = .element, namespace: XMLKeyNamespace = .inherited) {
            stringValue = name
            xmlNodeKind = kind
            xmlNamespace = namespace
        }

        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
        var intValue: Int? { nil }

        static func attribute(_ name: String, namespace: XMLKeyNamespace = .inherited) -> DynamicKey {
            DynamicKey(name, kind: .attribute, namespace: namespace)
        }
    }

    /// Writes whatever the closure writes, as the root `Root` in ``namespace``.
    struct Custom: Encodable, XMLRootElement {
        static var xmlRootElementName: XMLQualifiedName { XMLQualifiedName(namespace: namespace, localName: "Root") }

        var body: @Sendable (any Encoder) throws -> Void

        func encode(to encoder: any Encoder) throws {
            try body(encoder)
        }
    }

    /// A value that encodes itself with a closure, to nest hand-written code anywhere.
    struct Encoded: Encodable {
        var body: @Sendable (any Encoder) throws -> Void

        func encode(to encoder: any Encoder) throws {
            try body(encoder)
        }
    }
}

private typealias Key = EncoderFixtures.DynamicKey

// MARK: - Tests

@Suite struct XMLEncoderTests {
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private static let rootDeclarations =
        #"xmlns="urn:example:payments" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#

    // MARK: Golden output

    @Test func compactOutputIsExact() throws {
        let xml = try XMLEncoder().encodeToString(EncoderFixtures.request())
        let expected =
            Self.declaration
            + #"<PaymentRequest \#(Self.rootDeclarations) Version="1.2"><BookingId>B-1</BookingId>"#
            + #"<Payment xsi:type="CreditCardPaymentType" Identifier="P1"><PaymentScope>Deposit</PaymentScope>"#
            + #"<PaymentAmount Currency="EUR">12.5</PaymentAmount><DueDate>2025-03-01</DueDate>"#
            + #"<Reference>Card &amp; &lt;co&gt;</Reference><Note>first</Note><Note>second</Note></Payment>"#
            + #"<Payment Identifier="P2"><PaymentScope>Balance</PaymentScope>"#
            + #"<PaymentAmount Currency="EUR">100</PaymentAmount></Payment>"#
            + #"<Comment xsi:nil="true"/></PaymentRequest>"#
        #expect(xml == expected)
        #expect(isWellFormed(xml))
    }

    @Test func prettyOutputMatchesGoldenFile() throws {
        let data = try XMLEncoder(options: .init(prettyPrinted: true)).encode(EncoderFixtures.request())
        try expectGolden(data, named: "encoder-payment-request-pretty.xml")
        #expect(isWellFormed(data))
    }

    @Test func customPrefixMatchesGoldenFile() throws {
        let options = XMLEncodingOptions(
            prettyPrinted: true,
            namespacePrefixes: [EncoderFixtures.namespace: "pay", XMLNamespace.schemaInstance: "i"])
        let data = try XMLEncoder(options: options).encode(EncoderFixtures.request())
        try expectGolden(data, named: "encoder-payment-request-prefixed.xml")
        let xml = String(decoding: data, as: UTF8.self)
        #expect(xml.contains(#"<pay:Payment i:type="pay:CreditCardPaymentType" Identifier="P1">"#))
        #expect(xml.contains(#"<pay:Comment i:nil="true"/>"#))
        #expect(!xml.contains("xmlns=\""))
        #expect(isWellFormed(data))
    }

    @Test func prettyPrintingIndentsElementsButNeverText() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("  spaced  text  ", forKey: Key("Text"))
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: Key("Nested"))
            try nested.encode("x", forKey: Key("Leaf"))
            try nested.encode("", forKey: Key("Empty"))
            try container.encode(
                EncoderFixtures.Encoded { encoder in
                    var mixed = encoder.container(keyedBy: Key.self)
                    try mixed.encode("lead", forKey: Key("", kind: .text))
                    try mixed.encode("child", forKey: Key("Child"))
                    try mixed.encode("tail", forKey: Key("", kind: .text))
                }, forKey: Key("Mixed"))
        }
        let options = XMLEncodingOptions(includesXMLDeclaration: false, prettyPrinted: true, indentation: "\t")
        let xml = try XMLEncoder(options: options).encodeToString(value)
        #expect(
            xml == """
                <Root xmlns="urn:example:payments">
                \t<Text>  spaced  text  </Text>
                \t<Nested>
                \t\t<Leaf>x</Leaf>
                \t\t<Empty/>
                \t</Nested>
                \t<Mixed>lead<Child>child</Child>tail</Mixed>
                </Root>
                """)
    }

    @Test func declarationCanBeLeftOut() throws {
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
            EncoderFixtures.Single("A", "1"))
        #expect(xml == #"<Root xmlns="urn:example:payments"><A>1</A></Root>"#)
    }

    @Test func encodeToStringMatchesData() throws {
        let encoder = XMLEncoder()
        let request = try EncoderFixtures.request()
        #expect(try encoder.encodeToString(request) == String(decoding: try encoder.encode(request), as: UTF8.self))
    }

    // MARK: Values

    @Test func simpleValuesUseTheirCanonicalForms() throws {
        struct Values: Encodable, XMLRootElement {
            static let xmlRootElementName = XMLQualifiedName("Values")
            var flags = [true, false]
            var int8 = Int8.min
            var int16 = Int16.max
            var int32 = Int32.min
            var int64 = Int64.min
            var int = -42
            var uint8 = UInt8.max
            var uint16 = UInt16.max
            var uint32 = UInt32.max
            var uint64 = UInt64.max
            var uint: UInt = 7
            var decimals = [
                Decimal(string: "12.50"), Decimal(string: "-0.001"), Decimal(string: "100"), Decimal(string: "0"),
            ]
            var url = URL(string: "https://example.com/a?b=1&c=2")
            var scope = EncoderFixtures.Scope.balance
            var date = XMLDate(year: 2024, month: 2, day: 29)
            var type = XMLQualifiedName(namespace: XMLNamespace.schema, localName: "decimal")
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(Values())
        #expect(
            xml
                == #"<Values xmlns:ns1="http://www.w3.org/2001/XMLSchema"><flags>true</flags><flags>false</flags>"#
                + "<int8>-128</int8><int16>32767</int16><int32>-2147483648</int32>"
                + "<int64>-9223372036854775808</int64><int>-42</int>"
                + "<uint8>255</uint8><uint16>65535</uint16><uint32>4294967295</uint32>"
                + "<uint64>18446744073709551615</uint64><uint>7</uint>"
                + "<decimals>12.5</decimals><decimals>-0.001</decimals><decimals>100</decimals><decimals>0</decimals>"
                + "<url>https://example.com/a?b=1&amp;c=2</url><scope>Balance</scope><date>2024-02-29</date>"
                + "<type>ns1:decimal</type></Values>")
    }

    @Test func wideIntegersAreWritten() throws {
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
            let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
                EncoderFixtures.Single("A", [Int128.min, Int128(UInt128.max >> 1)]))
            #expect(xml.contains("<A>-170141183460469231731687303715884105728</A>"))
            #expect(xml.contains("<A>170141183460469231731687303715884105727</A>"))
        }
    }

    @Test func emptyElementsAreSelfClosing() throws {
        struct Empty: Encodable {}
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("", forKey: Key("EmptyText"))
            try container.encode(Empty(), forKey: Key("EmptyStruct"))
            try container.encode(
                EncoderFixtures.Encoded { encoder in
                    var element = encoder.container(keyedBy: Key.self)
                    try element.encode(1, forKey: .attribute("A"))
                    try element.encode("", forKey: Key("", kind: .text))
                }, forKey: Key("OnlyAttributes"))
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(
            xml == #"<Root xmlns="urn:example:payments"><EmptyText/><EmptyStruct/><OnlyAttributes A="1"/></Root>"#)
    }

    @Test func singleValueRootBecomesText() throws {
        let encoder = XMLEncoder(options: .init(includesXMLDeclaration: false))
        let text = try encoder.encode("a < b", rootElement: XMLQualifiedName("Note"))
        #expect(String(decoding: text, as: UTF8.self) == "<Note>a &lt; b</Note>")
        let none = try encoder.encode(
            String?.none, rootElement: XMLQualifiedName(namespace: "urn:n", localName: "Note"))
        #expect(
            String(decoding: none, as: UTF8.self)
                == #"<Note xmlns="urn:n" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#)
    }

    // MARK: nil

    @Test func nilIsWrittenOnlyWhenAskedFor() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(String?.none, forKey: Key("Absent"))
            try container.encodeIfPresent(Int?.none, forKey: .attribute("AbsentAttribute"))
            try container.encodeNil(forKey: .attribute("NilAttribute"))
            try container.encodeNil(forKey: Key("NilElement"))
            try container.encode(String?.none, forKey: Key("NilThroughOptional"))
            try container.encode(["a", nil, "c"] as [String?], forKey: Key("Item"))
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(
            xml
                == #"<Root \#(Self.rootDeclarations)><NilElement xsi:nil="true"/><NilThroughOptional xsi:nil="true"/>"#
                + #"<Item>a</Item><Item xsi:nil="true"/><Item>c</Item></Root>"#)
    }

    // MARK: Arrays

    @Test func arraysAreRepeatedElementsAndEmptyArraysNothing() throws {
        struct Line: Encodable {
            var number: Int
            enum CodingKeys: String, CodingKey { case number = "Number" }
        }
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode([String](), forKey: Key("None"))
            try container.encode([1, 2], forKey: Key("Number"))
            try container.encode([Line(number: 1), Line(number: 2)], forKey: Key("Line"))
            try container.encode([["a", "b"], ["c"]], forKey: Key("Nested"))
            var manual = container.nestedUnkeyedContainer(forKey: Key("Manual"))
            try manual.encode("x")
            var item = manual.nestedContainer(keyedBy: Key.self)
            try item.encode(true, forKey: Key("Flag"))
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(
            xml
                == #"<Root xmlns="urn:example:payments"><Number>1</Number><Number>2</Number>"#
                + "<Line><Number>1</Number></Line><Line><Number>2</Number></Line>"
                + "<Nested>a</Nested><Nested>b</Nested><Nested>c</Nested>"
                + "<Manual>x</Manual><Manual><Flag>true</Flag></Manual></Root>")
    }

    // MARK: Namespaces

    @Test func namespacesAreDeclaredOnTheRootInAFixedOrder() throws {
        let other = EncoderFixtures.otherNamespace
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("1", forKey: .attribute("Plain"))
            // An attribute in the root's (default) namespace needs a prefix of its own.
            try container.encode("2", forKey: .attribute("Qualified", namespace: .uri(EncoderFixtures.namespace)))
            try container.encode("3", forKey: Key("Other", namespace: .uri(other)))
            try container.encode("4", forKey: Key("Again", namespace: .uri(other)))
            try container.encode("5", forKey: Key("Zeta", namespace: .uri("urn:zeta")))
            try container.encode("6", forKey: Key("Same", namespace: .uri(EncoderFixtures.namespace)))
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(
            xml
                == #"<Root xmlns="urn:example:payments" xmlns:ns1="urn:example:payments" xmlns:ns2="urn:example:other" "#
                + #"xmlns:ns3="urn:zeta" Plain="1" ns1:Qualified="2"><ns2:Other>3</ns2:Other><ns2:Again>4</ns2:Again>"#
                + "<ns3:Zeta>5</ns3:Zeta><Same>6</Same></Root>")
        #expect(isWellFormed(xml))
    }

    @Test func configuredPrefixesAreUsedAndSorted() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("1", forKey: Key("B", namespace: .uri("urn:b")))
            try container.encode("2", forKey: Key("A", namespace: .uri("urn:a")))
            try container.encodeNil(forKey: Key("Nil"))
        }
        let options = XMLEncodingOptions(
            includesXMLDeclaration: false,
            namespacePrefixes: ["urn:a": "alpha", "urn:b": "beta", XMLNamespace.schemaInstance: "i", "urn:unused": "u"])
        let xml = try XMLEncoder(options: options).encodeToString(value)
        #expect(
            xml
                == #"<Root xmlns="urn:example:payments" xmlns:alpha="urn:a" xmlns:beta="urn:b" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">"#
                + #"<beta:B>1</beta:B><alpha:A>2</alpha:A><Nil i:nil="true"/></Root>"#)
    }

    @Test func onlyTheRootNamespaceBecomesTheDefaultAndGeneratedPrefixesAvoidConfiguredOnes() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("1", forKey: Key("A", namespace: .uri("urn:wants-default")))
            try container.encode("2", forKey: Key("B", namespace: .uri("urn:y")))
        }
        // "ns1" is configured for a namespace that is never used: the generated prefix skips it.
        let options = XMLEncodingOptions(
            includesXMLDeclaration: false, namespacePrefixes: ["urn:wants-default": "", "urn:x": "ns1"])
        let xml = try XMLEncoder(options: options).encodeToString(value)
        #expect(
            xml
                == #"<Root xmlns="urn:example:payments" xmlns:ns2="urn:wants-default" xmlns:ns3="urn:y">"#
                + "<ns2:A>1</ns2:A><ns3:B>2</ns3:B></Root>")
    }

    @Test func elementsInNoNamespaceUndeclareTheDefaultNamespace() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            var local = container.nestedContainer(keyedBy: Key.self, forKey: Key("Local", namespace: .none))
            try local.encode("inherits no namespace", forKey: Key("Child"))
            try local.encode(
                "back in the root namespace", forKey: Key("Qualified", namespace: .uri(EncoderFixtures.namespace)))
            try local.encode(
                XMLQualifiedName("Unqualified"),
                forKey: .attribute("type", namespace: .uri(XMLNamespace.schemaInstance)))
            try container.encode("qualified again", forKey: Key("Next"))
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(
            xml
                == #"<Root xmlns="urn:example:payments" xmlns:ns1="urn:example:payments" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
                + #"<Local xmlns="" xsi:type="Unqualified"><Child>inherits no namespace</Child>"#
                + "<ns1:Qualified>back in the root namespace</ns1:Qualified></Local><Next>qualified again</Next></Root>"
        )
        let parsed = try #require(parse(xml))
        let local = parsed.childElements[0]
        #expect(local.name == XMLQualifiedName("Local"))
        #expect(
            local.childElements.map(\.name) == [
                XMLQualifiedName("Child"),
                XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Qualified"),
            ])
        #expect(
            parsed.childElements[1].name == XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Next"))
    }

    @Test func rootInNoNamespaceNeedsNoUndeclaration() throws {
        let value = EncoderFixtures.Single(Key("Child", namespace: .none), XMLQualifiedName("Local"))
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            value, rootElement: XMLQualifiedName("Root"))
        #expect(String(decoding: xml, as: UTF8.self) == "<Root><Child>Local</Child></Root>")
    }

    @Test func qualifiedNamesUseTheDeclaredPrefixes() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(
                XMLQualifiedName(namespace: "urn:types", localName: "Special"),
                forKey: .attribute("type", namespace: .uri(XMLNamespace.schemaInstance)))
            try container.encode(
                XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Own"), forKey: Key("Ref"))
            try container.encode(XMLQualifiedName(namespace: XMLNamespace.xml, localName: "lang"), forKey: Key("Xml"))
        }
        let options = XMLEncodingOptions(includesXMLDeclaration: false, namespacePrefixes: ["urn:types": "t"])
        let xml = try XMLEncoder(options: options).encodeToString(value)
        #expect(
            xml
                == #"<Root xmlns="urn:example:payments" xmlns:t="urn:types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:Special">"#
                + "<Ref>Own</Ref><Xml>xml:lang</Xml></Root>")
    }

    // MARK: Attributes after content

    @Test func attributesEncodedAfterContentGoIntoTheStartTag() throws {
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("first", forKey: Key("Child"))
            try container.encode("late", forKey: .attribute("Late"))
            try container.encode(
                EncoderFixtures.Encoded { encoder in
                    var element = encoder.container(keyedBy: Key.self)
                    try element.encode("early", forKey: .attribute("Early"))
                    try element.encode("text & more", forKey: Key("", kind: .text))
                    try element.encode(2, forKey: .attribute("AfterText"))
                    try element.encode(Decimal(string: "1.5") ?? 0, forKey: .attribute("Amount"))
                }, forKey: Key("Inner"))
            try container.encode(XMLQualifiedName(namespace: "urn:t", localName: "T"), forKey: .attribute("Later"))
            try container.encode("last", forKey: Key("Child"))
        }
        for pretty in [false, true] {
            let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false, prettyPrinted: pretty))
                .encodeToString(value)
            let separator = pretty ? "\n  " : ""
            #expect(
                xml
                    == #"<Root xmlns="urn:example:payments" xmlns:ns1="urn:t" Late="late" Later="ns1:T">"#
                    + separator + "<Child>first</Child>"
                    + separator + #"<Inner Early="early" AfterText="2" Amount="1.5">text &amp; more</Inner>"#
                    + separator + "<Child>last</Child>" + (pretty ? "\n" : "") + "</Root>")
            #expect(isWellFormed(xml))
        }
    }

    // MARK: Other elements

    @Test func otherElementsComeAfterAllOtherChildren() throws {
        struct Extensible: Encodable, XMLRootElement {
            static let xmlRootElementName = XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Ext")
            var extras: [XMLAnyElement]
            var known: String
            var more: [XMLAnyElement]

            enum CodingKeys: String, XMLCodingKey {
                case extras, known = "Known", more

                var xmlNodeKind: XMLNodeKind { self == .known ? .element : .otherElements }
            }
        }
        let nested = XMLAnyElement(
            name: XMLQualifiedName(namespace: "urn:future", localName: "Future"),
            attributes: [
                .init(name: XMLQualifiedName("plain"), value: "a\"b"),
                .init(name: XMLQualifiedName(namespace: "urn:future", localName: "q"), value: "c"),
                .init(name: XMLQualifiedName(namespace: XMLNamespace.xml, localName: "lang"), value: "de"),
            ],
            children: [
                .element(XMLAnyElement(name: XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Own"))),
                .element(XMLAnyElement(name: XMLQualifiedName("Bare"), children: [.text("x < y")])),
            ],
            namespacesInScope: ["f": "urn:future", "": EncoderFixtures.namespace])
        let value = Extensible(
            extras: [nested], known: "k",
            more: [XMLAnyElement(name: XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Last"))])
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(
            xml
                == #"<Ext xmlns="urn:example:payments" xmlns:f="urn:future"><Known>k</Known>"#
                + #"<f:Future plain="a&quot;b" f:q="c" xml:lang="de"><Own/><Bare xmlns="">x &lt; y</Bare></f:Future>"#
                + "<Last/></Ext>")
        #expect(isWellFormed(xml))

        let pretty = try XMLEncoder(options: .init(includesXMLDeclaration: false, prettyPrinted: true))
            .encodeToString(value)
        #expect(
            pretty == """
                <Ext xmlns="urn:example:payments" xmlns:f="urn:future">
                  <Known>k</Known>
                  <f:Future plain="a&quot;b" f:q="c" xml:lang="de">
                    <Own/>
                    <Bare xmlns="">x &lt; y</Bare>
                  </f:Future>
                  <Last/>
                </Ext>
                """)
    }

    @Test func anyElementUnderAnElementKeyIsWrittenUnderItsOwnName() throws {
        let payload = XMLAnyElement(
            name: XMLQualifiedName(namespace: EncoderFixtures.namespace, localName: "Content"),
            children: [.text("raw")])
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
            EncoderFixtures.Single("Content", payload))
        #expect(xml == #"<Root xmlns="urn:example:payments"><Content>raw</Content></Root>"#)
    }

    // MARK: Escaping

    @Test func textEscapesAmpersandAnglesAndCarriageReturn() throws {
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
            EncoderFixtures.Single("T", "a&b<c>d\"e'f\tg\nh\ri]]>j"))
        #expect(
            xml == "<Root xmlns=\"urn:example:payments\"><T>a&amp;b&lt;c&gt;d\"e'f\tg\nh&#13;i]]&gt;j</T></Root>")
        #expect(parse(xml)?.childElements.first?.text == "a&b<c>d\"e'f\tg\nh\ri]]>j")
    }

    @Test func attributesEscapeQuotesAndWhiteSpace() throws {
        let original = "a&b<c>d\"e'f\tg\nh\ri"
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
            EncoderFixtures.Single(.attribute("A"), original))
        #expect(xml == "<Root xmlns=\"urn:example:payments\" A=\"a&amp;b&lt;c>d&quot;e'f&#9;g&#10;h&#13;i\"/>")
        // Character references survive attribute-value normalisation in a conforming parser.
        #expect(parse(xml)?.attribute(XMLQualifiedName("A")) == original)
    }

    @Test func nonASCIITextIsWrittenAsIs() throws {
        let text = "Grüße € 😀 \u{FFFD} \u{FFFC} \u{FF9F} \u{10FFFF} \u{85}"
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
            EncoderFixtures.Single("T", text))
        #expect(xml == "<Root xmlns=\"urn:example:payments\"><T>\(text)</T></Root>")
        #expect(parse(xml)?.childElements.first?.text == text)
    }

    @Test(arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"])
    func forbiddenCharactersAreRefused(_ character: String) throws {
        for key in [Key("T"), Key.attribute("A")] {
            let error = try expectEncodingError(EncoderFixtures.Single(key, "ok" + character + "ok"))
            #expect(error.code == .illegalCharacter)
            #expect(error.codingPath == [key.stringValue])
            let scalar = try #require(character.unicodeScalars.first)
            #expect(error.message.contains(String(format: "U+%04X", scalar.value)))
        }
    }

    @Test func forbiddenCharacterDeepInsideReportsItsCodingPath() throws {
        var request = try EncoderFixtures.request()
        request.payments[1].reference = "bad\u{2}"
        let error = try expectEncodingError(request)
        #expect(error.code == .illegalCharacter)
        #expect(error.codingPath == ["Payment", "Index 1", "Reference"])
    }

    // MARK: Errors

    @Test(arguments: ["1abc", "a b", "a:b", "", "-x", ".x", "x<y", "é:"])
    func invalidKeyNamesAreRefused(_ name: String) throws {
        let error = try expectEncodingError(EncoderFixtures.Single(name, "v"))
        #expect(error.code == .invalidName)
        #expect(error.codingPath == [name])
        let attributeError = try expectEncodingError(EncoderFixtures.Single(.attribute(name), "v"))
        #expect(attributeError.code == .invalidName)
    }

    @Test func nonASCIINamesAreAccepted() throws {
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(
            EncoderFixtures.Single("Zahlungsbetrag_ä·1", "1"))
        #expect(xml.contains("<Zahlungsbetrag_ä·1>1</Zahlungsbetrag_ä·1>"))
    }

    @Test func invalidRootNameIsRefused() throws {
        #expect(throws: XMLCodingError.self) { try XMLEncoder().encode("x", rootElement: XMLQualifiedName("1root")) }
        do {
            _ = try XMLEncoder().encode("x", rootElement: XMLQualifiedName("not valid"))
        } catch {
            #expect(error.code == .invalidName)
        }
    }

    @Test func xmlnsIsNotAnAttributeKey() throws {
        let error = try expectEncodingError(EncoderFixtures.Single(.attribute("xmlns"), "urn:x"))
        #expect(error.code == .invalidName)
    }

    @Test(arguments: [
        ["urn:a": "1a"], ["urn:a": "xmlns"], ["urn:a": "xml"], ["urn:a": "p", "urn:b": "p"], ["": "p"],
        ["urn:a": "a:b"],
    ])
    func invalidPrefixConfigurationsAreRefused(_ prefixes: [String: String]) throws {
        do {
            _ = try XMLEncoder(options: .init(namespacePrefixes: prefixes)).encode(EncoderFixtures.Single("A", "1"))
            Issue.record("expected an error for \(prefixes)")
        } catch {
            #expect(error.code == .invalidName)
        }
    }

    @Test func indentationMustBeWhiteSpace() throws {
        do {
            _ = try XMLEncoder(options: .init(prettyPrinted: true, indentation: "--")).encode(
                EncoderFixtures.Single("A", "1"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unencodableValue)
        }
    }

    @Test func binaryFloatingPointIsRefused() throws {
        struct Floats: Encodable, XMLRootElement {
            static let xmlRootElementName = XMLQualifiedName("Floats")
            var amount: Double
        }
        let double = try expectEncodingError(Floats(amount: 4.99))
        #expect(double.code == .unencodableValue)
        #expect(double.codingPath == ["amount"])
        #expect(double.message.contains("Decimal"))

        let float = try expectEncodingError(EncoderFixtures.Single(.attribute("A"), Float(1)))
        #expect(float.code == .unencodableValue)
        #expect(float.message.contains("Float"))

        let inArray = try expectEncodingError(EncoderFixtures.Single("A", [1.5]))
        #expect(inArray.code == .unencodableValue)
        #expect(inArray.codingPath == ["A", "Index 0"])

        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
            if #available(macOS 11.0, iOS 14.0, watchOS 7.0, tvOS 14.0, *) {
                let half = try expectEncodingError(EncoderFixtures.Single("A", Float16(1)))
                #expect(half.code == .unencodableValue)
                #expect(half.message.contains("Float16"))
            }
        #endif
    }

    @Test func structuresAndArraysDoNotFitInAttributes() throws {
        let structure = try expectEncodingError(
            EncoderFixtures.Single(.attribute("A"), EncoderFixtures.Amount(value: 1, currency: "EUR")))
        #expect(structure.code == .unencodableValue)
        #expect(structure.codingPath == ["A"])
        let array = try expectEncodingError(EncoderFixtures.Single(.attribute("A"), ["a", "b"]))
        #expect(array.code == .unencodableValue)
        let raw = try expectEncodingError(
            EncoderFixtures.Single(.attribute("A"), XMLAnyElement(name: XMLQualifiedName("X"))))
        #expect(raw.code == .unencodableValue)
    }

    @Test func rootCannotBeAnArray() throws {
        do {
            _ = try XMLEncoder().encode(["a", "b"], rootElement: XMLQualifiedName("Root"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unencodableValue)
        }
    }

    @Test func unprefixedQualifiedNameUnderADefaultNamespaceIsRefused() throws {
        let error = try expectEncodingError(
            EncoderFixtures.Single(
                .attribute("type", namespace: .uri(XMLNamespace.schemaInstance)), XMLQualifiedName("Local")))
        #expect(error.code == .unencodableValue)
        #expect(error.codingPath == ["type"])
    }

    @Test func nanIsRefused() throws {
        let error = try expectEncodingError(EncoderFixtures.Single("A", Decimal.nan))
        #expect(error.code == .unencodableValue)
    }

    @Test func otherElementsTakeOnlyRawElements() throws {
        let error = try expectEncodingError(EncoderFixtures.Single(Key("X", kind: .otherElements), "text"))
        #expect(error.code == .unencodableValue)
    }

    @Test func duplicateAttributesAreRefused() throws {
        let error = try expectEncodingError(
            EncoderFixtures.Custom { encoder in
                var container = encoder.container(keyedBy: Key.self)
                try container.encode("1", forKey: .attribute("A"))
                try container.encode("x", forKey: Key("Child"))
                try container.encode("2", forKey: .attribute("A"))
            })
        #expect(error.code == .unencodableValue)
        #expect(error.codingPath == ["A"])
    }

    @Test func errorsFromTheValueBecomeUnencodableValue() throws {
        struct Refusal: Error, CustomStringConvertible {
            var description: String { "no, thank you" }
        }
        let custom = try expectEncodingError(
            EncoderFixtures.Single("Outer", EncoderFixtures.Encoded { _ in throw Refusal() }))
        #expect(custom.code == .unencodableValue)
        #expect(custom.message == "no, thank you")
        #expect(custom.codingPath == ["Outer"])

        let encodingError = try expectEncodingError(
            EncoderFixtures.Single(
                "Outer",
                EncoderFixtures.Encoded { encoder in
                    throw EncodingError.invalidValue(
                        0, .init(codingPath: encoder.codingPath + [Key("Inner")], debugDescription: "out of range"))
                }))
        #expect(encodingError.code == .unencodableValue)
        #expect(encodingError.message == "out of range")
        #expect(encodingError.codingPath == ["Outer", "Inner"])
    }

    @Test func anErrorEndsTheEncodingEvenIfTheValueCatchesIt() throws {
        let error = try expectEncodingError(
            EncoderFixtures.Custom { encoder in
                var container = encoder.container(keyedBy: Key.self)
                try? container.encode("bad\u{0}", forKey: Key("A"))
                try container.encode("fine", forKey: Key("B"))
            })
        #expect(error.code == .illegalCharacter)
        #expect(error.codingPath == ["A"])
    }

    @Test func containersMustBeUsedInDocumentOrder() throws {
        let error = try expectEncodingError(
            EncoderFixtures.Custom { encoder in
                var outer = encoder.container(keyedBy: Key.self)
                var inner = outer.nestedContainer(keyedBy: Key.self, forKey: Key("Inner"))
                try inner.encode("1", forKey: Key("A"))
                try outer.encode("2", forKey: Key("B"))  // finishes Inner
                try inner.encode("3", forKey: Key("C"))
            })
        #expect(error.code == .unencodableValue)
    }

    @Test func nestedContainersAreFinishedByTheirParent() throws {
        let value = EncoderFixtures.Custom { encoder in
            var outer = encoder.container(keyedBy: Key.self)
            var inner = outer.nestedContainer(keyedBy: Key.self, forKey: Key("Inner"))
            try inner.encode("1", forKey: Key("A"))
            var list = inner.nestedUnkeyedContainer(forKey: Key("L"))
            try list.encode(1)
            try outer.encode("2", forKey: Key("B"))
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(value)
        #expect(xml == #"<Root xmlns="urn:example:payments"><Inner><A>1</A><L>1</L></Inner><B>2</B></Root>"#)
    }

    @Test func superEncoderWritesASuperElement() throws {
        class Base: Encodable {
            var id = "b"
            enum CodingKeys: String, CodingKey { case id = "Id" }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
            }
        }
        final class Derived: Base, XMLRootElement, @unchecked Sendable {
            static let xmlRootElementName = XMLQualifiedName("Derived")
            var extra = "e"
            enum DerivedKeys: String, CodingKey { case extra = "Extra" }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: DerivedKeys.self)
                try container.encode(extra, forKey: .extra)
                try super.encode(to: container.superEncoder())
                try super.encode(to: encoder)
            }
        }
        let xml = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encodeToString(Derived())
        #expect(xml == "<Derived><Extra>e</Extra><super><Id>b</Id></super><Id>b</Id></Derived>")
    }

    // MARK: Determinism

    @Test func encodingIsDeterministic() throws {
        let request = try EncoderFixtures.request()
        let encoder = XMLEncoder(options: .init(prettyPrinted: true))
        let first = try encoder.encode(request)
        for _ in 0..<20 {
            #expect(try encoder.encode(request) == first)
        }

        // The same prefixes, inserted in different orders (dictionary order varies with hashing).
        let uris = (0..<40).map { "urn:n\($0)" }
        var forward: [String: String] = [:]
        for (index, uri) in uris.enumerated() { forward[uri] = "p\(index)" }
        var backward: [String: String] = [:]
        for (index, uri) in uris.enumerated().reversed() { backward[uri] = "p\(index)" }
        let value = EncoderFixtures.Custom { encoder in
            var container = encoder.container(keyedBy: Key.self)
            for (index, uri) in uris.enumerated().reversed() {
                try container.encode(index, forKey: .attribute("a\(index)", namespace: .uri(uri)))
            }
        }
        let one = try XMLEncoder(options: .init(namespacePrefixes: forward)).encode(value)
        let other = try XMLEncoder(options: .init(namespacePrefixes: backward)).encode(value)
        #expect(one == other)
        let xml = String(decoding: one, as: UTF8.self)
        // Declarations sorted by prefix, attributes in encode order.
        let declarations = uris.indices.map { "p\($0)" }.sorted().map { prefix in
            " xmlns:\(prefix)=\"urn:n\(prefix.dropFirst())\""
        }
        #expect(
            xml.contains(
                "<Root xmlns=\"urn:example:payments\"" + declarations.joined() + " p39:a39=\"39\" p38:a38=\"38\""))
    }

    // MARK: Helpers

    /// Encodes and returns the error, failing the test when there is none.
    private func expectEncodingError<T: Encodable & XMLRootElement>(
        _ value: T, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> XMLCodingError {
        do throws(XMLCodingError) {
            let data = try XMLEncoder().encode(value)
            Issue.record(
                "expected an error, got \(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
            throw XMLCodingError(code: .unencodableValue, message: "no error")
        } catch {
            return error
        }
    }

    /// Compares with `Golden/<name>`; `XML_ENCODER_RECORD_GOLDEN=1` rewrites the file instead.
    private func expectGolden(
        _ data: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            .appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["XML_ENCODER_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            return
        }
        let golden = try Data(contentsOf: url)
        #expect(
            data == golden,
            "output differs from \(name):\n\(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}

// MARK: - Reading the output back

/// The document as the library's own reader sees it (libxml2 underneath), or `nil` when it is not
/// well-formed, namespace-well-formed XML.
private func parse(_ xml: String) -> XMLAnyElement? {
    parse(Data(xml.utf8))
}

private func parse(_ data: Data) -> XMLAnyElement? {
    try? XMLDecoder().decode(XMLAnyElement.self, from: data)
}

private func isWellFormed(_ xml: String) -> Bool {
    parse(xml) != nil
}

private func isWellFormed(_ data: Data) -> Bool {
    parse(data) != nil
}
