import Foundation
import Testing
import XMLCoding

@Suite struct XMLDecoderTests {
    let decoder = XMLDecoder()

    static let order = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Order xmlns="urn:test:orders" Identifier="O-1">
          <Note>  keep  this  </Note>
          <Item SKU="A-1">
            <Kind>Book</Kind>
            <Price Currency="EUR"> 12.50 </Price>
          </Item>
          <Item SKU="B-2">
            <Kind> Music </Kind>
            <Price Currency="JPY">1200</Price>
            <Quantity>+3</Quantity>
          </Item>
          <Total>1212.50</Total>
          <Date>2026-11-23</Date>
          <Paid>1</Paid>
        </Order>
        """

    func decodeOrder(_ text: String, options: XMLDecodingOptions = .init()) throws(XMLCodingError) -> Order {
        try XMLDecoder(options: options).decode(Order.self, from: Data(text.utf8))
    }

    func expectError(
        _ code: XMLCodingError.Code, _ text: String, options: XMLDecodingOptions = .init(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> XMLCodingError? {
        do {
            _ = try decodeOrder(text, options: options)
            Issue.record("expected \(code), decoding succeeded", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            return error
        }
    }

    @Test func decodesElementsAttributesTextAndArrays() throws {
        let order = try decodeOrder(Self.order)
        #expect(order.identifier == "O-1")
        #expect(order.note == "  keep  this  ", "xs:string keeps its white space")
        #expect(order.items.count == 2)
        #expect(
            order.items[0]
                == Item(
                    sku: "A-1", kind: .book,
                    price: Price(currency: "EUR", value: Decimal(sign: .plus, exponent: -1, significand: 125)),
                    quantity: nil))
        #expect(order.items[1].kind == .music, "enumerations collapse white space like xs:token")
        #expect(order.items[1].quantity == 3)
        #expect(order.items[1].price.value == 1200)
        #expect(order.total == Decimal(sign: .plus, exponent: -1, significand: 12125))
        #expect(order.date == XMLDate(xmlLexicalForm: "2026-11-23"))
        #expect(order.paid)
    }

    @Test func matchesNamespacesByURIWhateverThePrefix() throws {
        let prefixed = Self.order
            .replacingOccurrences(of: "<Order xmlns=\"urn:test:orders\"", with: "<o:Order xmlns:o=\"urn:test:orders\"")
            .replacingOccurrences(of: "</Order>", with: "</o:Order>")
            .replacingOccurrences(
                of: "<(/?)(Note|Item|Kind|Price|Quantity|Total|Date|Paid)\\b", with: "<$1o:$2",
                options: .regularExpression)
        #expect(prefixed.contains("<o:Item"))
        #expect(try decodeOrder(prefixed) == decodeOrder(Self.order))
    }

    @Test func elementsInAnotherNamespaceDoNotMatch() {
        let wrong = Self.order.replacingOccurrences(of: "<Total>", with: "<Total xmlns=\"urn:other\">")
        let error = expectError(.missingElement, wrong)
        #expect(error?.elementPath == "/Order")
        #expect(error?.codingPath == ["Total"])
    }

    @Test func unexpectedRootElement() {
        let error = expectError(.unexpectedRootElement, "<Order xmlns=\"urn:other\"/>")
        #expect(error?.message.contains("{urn:other}Order") == true)
    }

    @Test(arguments: [
        ("<Note/>", Optional("")),
        ("<Note></Note>", Optional("")),
        ("", nil),
        ("<Note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>", nil),
        ("<Note xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"1\"/>", nil),
        ("<Note xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"false\">x</Note>", "x"),
        ("<Note><![CDATA[a<b]]> &amp; &#x41;&#66;&lt;&gt;&quot;&apos;</Note>", "a<b & AB<>\"'"),
    ])
    func absentEmptyNilAndCharacterData(content: String, expected: String?) throws {
        let value = try decoder.decode(NoteOnly.self, from: "<Root>\(content)</Root>")
        #expect(value.note == expected)
    }

    @Test func unknownEnumerationValueListsTheAllowedValues() {
        let error = expectError(
            .unknownEnumerationValue, Self.order.replacingOccurrences(of: "<Kind>Book", with: "<Kind>Film"))
        #expect(error?.message.contains("Book, Music") == true)
        #expect(error?.elementPath == "/Order/Item/Kind")
        #expect(error?.line == 5)
    }

    @Test func errorsCarryElementPathLineAndCodingPath() {
        let error = expectError(.invalidValue, Self.order.replacingOccurrences(of: ">1200<", with: ">12,00<"))
        #expect(error?.elementPath == "/Order/Item[2]/Price")
        #expect(error?.line == 10)
        #expect(error?.codingPath == ["Item", "Index 1", "Price"])
        #expect(error?.description.hasPrefix("invalid-value at 10:0 in /Order/Item[2]/Price: '12,00'") == true)
    }

    @Test(arguments: ["12.3abc", "1e3", "1,5", "- 1", "NaN", "", "."])
    func decimalsFollowTheXSDGrammar(text: String) {
        _ = expectError(.invalidValue, Self.order.replacingOccurrences(of: "<Total>1212.50", with: "<Total>\(text)"))
    }

    @Test(arguments: ["true", "false", "1", "0", " true "])
    func booleansAccepted(text: String) throws {
        let order = try decodeOrder(Self.order.replacingOccurrences(of: "<Paid>1", with: "<Paid>\(text)"))
        #expect(order.paid == (text.contains("true") || text == "1"))
    }

    @Test(arguments: ["yes", "TRUE", "2", ""])
    func booleansRefused(text: String) {
        _ = expectError(.invalidValue, Self.order.replacingOccurrences(of: "<Paid>1", with: "<Paid>\(text)"))
    }

    @Test func integerOverflowIsOutOfRange() {
        let error = expectError(.valueOutOfRange, Self.order.replacingOccurrences(of: "+3", with: "300"))
        #expect(error?.elementPath == "/Order/Item[2]/Quantity")
    }

    @Test func invalidDate() {
        _ = expectError(.invalidValue, Self.order.replacingOccurrences(of: "2026-11-23", with: "2026-02-30"))
    }

    @Test func missingElementAndAttribute() {
        let element = expectError(
            .missingElement, Self.order.replacingOccurrences(of: "<Total>1212.50</Total>", with: ""))
        #expect(element?.codingPath == ["Total"])
        let attribute = expectError(.missingAttribute, Self.order.replacingOccurrences(of: " SKU=\"B-2\"", with: ""))
        #expect(attribute?.elementPath == "/Order/Item[2]")
        #expect(attribute?.codingPath == ["Item", "Index 1", "SKU"])
    }

    @Test func nilOnARequiredElementIsMissing() {
        let text = Self.order.replacingOccurrences(
            of: "<Total>1212.50</Total>",
            with: "<Total xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>")
        _ = expectError(.missingElement, text)
    }

    @Test func childElementsWhereTextBelongsIsATypeMismatch() {
        let error = expectError(
            .typeMismatch,
            Self.order.replacingOccurrences(of: "<Total>1212.50</Total>", with: "<Total><Amount>1</Amount></Total>"))
        #expect(error?.elementPath == "/Order/Total")
    }

    @Test func binaryFloatingPointIsRefused() {
        struct Floating: Decodable {
            var value: Float
            enum CodingKeys: String, CodingKey { case value = "Value" }
        }
        #expect(throws: XMLCodingError.self) {
            _ = try decoder.decode(Floating.self, from: "<Root><Value>1.5</Value></Root>")
        }
        do {
            _ = try decoder.decode(Floating.self, from: "<Root><Value>1.5</Value></Root>")
        } catch {
            #expect(error.code == .typeMismatch)
        }
    }

    @Test func unknownElementsAreIgnoredByDefaultAndRejectedOnRequest() throws {
        let text = Self.order.replacingOccurrences(of: "<Total>", with: "<Discount>5</Discount><Total>")
        #expect(try decodeOrder(text) == decodeOrder(Self.order))
        let error = expectError(.unknownElement, text, options: .init(unknownElements: .reject))
        #expect(error?.elementPath == "/Order/Discount")
        #expect(error?.line == 13)
        #expect(try decodeOrder(Self.order, options: .init(unknownElements: .reject)).identifier == "O-1")
    }

    @Test func elementsOutOfOrderAreRejectedInStrictMode() throws {
        let swapped = Self.order.replacingOccurrences(
            of: "<Total>1212.50</Total>\n  <Date>2026-11-23</Date>",
            with: "<Date>2026-11-23</Date><Total>1212.50</Total>")
        #expect(swapped != Self.order)
        #expect(try decodeOrder(swapped) == decodeOrder(Self.order))
        let error = expectError(.elementOutOfOrder, swapped, options: .init(unknownElements: .reject))
        #expect(error?.elementPath == "/Order/Total")
    }

    @Test func choicesSelectTheCaseByElementName() throws {
        let cases: [(String, Holder)] = [
            ("<AssignedToOwner>true</AssignedToOwner>", .owner(true)),
            ("<AssignedToTraveller>T1</AssignedToTraveller>", .traveller("T1")),
            ("<Details>Jane</Details>", .details("Jane")),
        ]
        for (content, expected) in cases {
            let text = "<Box xmlns=\"urn:test:orders\"><Holder>\(content)</Holder></Box>"
            #expect(try decoder.decode(HolderBox.self, from: text).holder == expected)
        }
        do {
            _ = try decoder.decode(
                HolderBox.self,
                from:
                    "<Box xmlns=\"urn:test:orders\"><Holder><Details>a</Details><AssignedToOwner>true</AssignedToOwner></Holder></Box>"
            )
            Issue.record("two choices accepted")
        } catch {
            #expect(error.code == .typeMismatch)
            #expect(error.elementPath == "/Box/Holder")
        }
    }

    static let zoo = """
        <z:Zoo xmlns:z="urn:test:orders" xmlns:inst="http://www.w3.org/2001/XMLSchema-instance">
          <z:Animal><z:Name>Generic</z:Name></z:Animal>
          <z:Animal inst:type="z:DogType"><z:Name>Rex</z:Name><z:Breed>Dachshund</z:Breed></z:Animal>
          <z:Animal xmlns:q="urn:test:orders" inst:type="q:CatType"><z:Name>Tom</z:Name><z:Lives>9</z:Lives></z:Animal>
          <z:Aquarium size="large"><z:Fish>Nemo</z:Fish> and friends</z:Aquarium>
        </z:Zoo>
        """

    @Test func xsiTypeResolvesTheQNameAgainstInScopeDeclarations() throws {
        let zoo = try decoder.decode(Zoo.self, from: Self.zoo)
        #expect(zoo.animals.map(\.kind) == [.plain, .dog(breed: "Dachshund"), .cat(lives: 9)])
    }

    @Test func unresolvedPrefixAndUnknownType() {
        do {
            _ = try decoder.decode(
                Zoo.self, from: Self.zoo.replacingOccurrences(of: "\"q:CatType\"", with: "\"nope:CatType\""))
            Issue.record("unresolved prefix accepted")
        } catch {
            #expect(error.code == .unresolvedPrefix)
            #expect(error.elementPath == "/Zoo/Animal[3]/@type")
        }
        do {
            _ = try decoder.decode(Zoo.self, from: Self.zoo.replacingOccurrences(of: "z:DogType", with: "z:BirdType"))
            Issue.record("unknown type accepted")
        } catch {
            #expect(error.code == .unknownType)
            #expect(error.elementPath == "/Zoo/Animal[2]")
            #expect(error.line == 3)
        }
    }

    @Test func otherElementsAreKeptWithTheirContent() throws {
        let zoo = try decoder.decode(Zoo.self, from: Self.zoo)
        #expect(zoo.extras.count == 1)
        let aquarium = try #require(zoo.extras.first)
        #expect(aquarium.name == XMLQualifiedName(namespace: TestNamespace.uri, localName: "Aquarium"))
        #expect(aquarium.attribute(XMLQualifiedName("size")) == "large")
        #expect(aquarium.childElements.first?.text == "Nemo")
        #expect(aquarium.text == " and friends")
        #expect(aquarium.namespacesInScope["inst"] == XMLNamespace.schemaInstance)
        // Kept elements satisfy the strict mode, too.
        #expect(throws: Never.self) {
            _ = try XMLDecoder(options: .init(unknownElements: .reject)).decode(Zoo.self, from: Self.zoo)
        }
    }

    @Test func dataCorruptedFromTheTypeItselfIsLocated() {
        struct Even: Decodable {
            var number: Int
            enum CodingKeys: String, CodingKey { case number = "Number" }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                number = try container.decode(Int.self, forKey: .number)
                guard number % 2 == 0 else {
                    throw DecodingError.dataCorruptedError(forKey: .number, in: container, debugDescription: "odd")
                }
            }
        }
        struct Holder: Decodable {
            var values: [Even]
            enum CodingKeys: String, CodingKey { case values = "Even" }
        }
        do {
            _ = try decoder.decode(
                Holder.self, from: "<R>\n<Even><Number>2</Number></Even>\n<Even><Number>3</Number></Even></R>")
            Issue.record("odd number accepted")
        } catch {
            #expect(error.code == .dataCorrupted)
            #expect(error.elementPath == "/R/Even[2]")
            #expect(error.line == 3)
            #expect(error.message == "odd")
        }
    }

    @Test func declaredEncodingsAndByteOrderMarks() throws {
        let latin1 =
            Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Root><Note>Gr".utf8) + Data([0xFC, 0xDF])
            + Data("e</Note></Root>".utf8)
        #expect(try decoder.decode(NoteOnly.self, from: latin1).note == "Grüße")
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("<Root><Note>ä</Note></Root>".utf8)
        #expect(try decoder.decode(NoteOnly.self, from: bom).note == "ä")
        var utf16 = Data([0xFF, 0xFE])
        for unit in "<Root><Note>€</Note></Root>".utf16 {
            utf16.append(UInt8(unit & 0xFF))
            utf16.append(UInt8(unit >> 8))
        }
        #expect(try decoder.decode(NoteOnly.self, from: utf16).note == "€")
        // A String is already decoded: its declaration's encoding is ignored.
        let string = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Root><Note>Grüße</Note></Root>"
        #expect(try decoder.decode(NoteOnly.self, from: string).note == "Grüße")
    }

    @Test func parseOnceDecodeTwice() throws {
        let document = try XMLDocument.parse(Data(Self.order.utf8))
        #expect(document.rootElementName == Order.xmlRootElementName)
        #expect(document.elementCount == 12)
        let first = try decoder.decode(Order.self, from: document)
        let second = try decoder.decode(Order.self, from: document)
        #expect(first == second)
    }

    @Test func attributeValuesAreDecodedOnce() throws {
        let text = Self.order.replacingOccurrences(
            of: "SKU=\"A-1\"", with: "SKU=\"a&amp;b&#38;c&lt;&#x3E;&quot;\ttab\"")
        #expect(
            try decodeOrder(text).items[0].sku == "a&b&c<>\" tab",
            "attribute-value normalisation turns a tab into a space")
    }

    @Test func mixedContentKeepsTextAroundChildElements() throws {
        struct Paragraph: Decodable {
            var content: [XMLAnyElement]
            enum CodingKeys: String, XMLCodingKey {
                case content
                var xmlNodeKind: XMLNodeKind { .otherElements }
            }
        }
        let document = try XMLDocument.parse(Data("<r><p>Hello <b>bold</b> and <i>it</i>!</p></r>".utf8))
        let paragraph = try decoder.decode(Paragraph.self, from: document)
        let p = try #require(paragraph.content.first)
        #expect(
            p.children == [
                .text("Hello "), .element(XMLAnyElement(name: XMLQualifiedName("b"), children: [.text("bold")])),
                .text(" and "), .element(XMLAnyElement(name: XMLQualifiedName("i"), children: [.text("it")])),
                .text("!"),
            ])
    }

    @Test func userInfoReachesTheTypes() throws {
        let key = try #require(CodingUserInfoKey(rawValue: "probe"))
        struct Probe: Decodable {
            var seen: String
            init(from decoder: any Decoder) throws {
                seen = decoder.userInfo.first { $0.key.rawValue == "probe" }?.value as? String ?? "none"
            }
        }
        let value = try XMLDecoder(userInfo: [key: "here"]).decode(Probe.self, from: "<R/>")
        #expect(value.seen == "here")
    }
}

extension XMLDecoderTests {
    @Test func timeZonesInDatesCanBeRefused() throws {
        let zoned = Self.order.replacingOccurrences(of: "2026-11-23", with: "2026-11-23+01:00")
        #expect(try decodeOrder(zoned).date.timeZoneOffsetMinutes == 60)
        let error = expectError(.invalidValue, zoned, options: .init(allowsTimeZonesInDates: false))
        #expect(error?.elementPath == "/Order/Date")
    }
}

extension XMLDecoderTests {
    @Test func strayTextInElementOnlyContentIsRejectedInStrictMode() throws {
        let text = Self.order.replacingOccurrences(of: "<Total>", with: "stray words<Total>")
        #expect(try decodeOrder(text) == decodeOrder(Self.order))
        let error = expectError(.typeMismatch, text, options: .init(unknownElements: .reject))
        #expect(error?.elementPath == "/Order")
    }
}
