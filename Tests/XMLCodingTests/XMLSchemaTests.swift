import Foundation
import Testing

@testable import XMLCoding

/// The fixture schema set: `order.xsd` includes `order-types.xsd` (namespace `urn:example:order`,
/// simple types with facets, a sequence, and an extension used through `xsi:type`).
private let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/schema", isDirectory: true)

private func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: fixtureDirectory.appendingPathComponent(name))
}

private func orderSchema() throws -> XMLSchema {
    try XMLSchema(directory: fixtureDirectory, main: "order.xsd")
}

/// The fixture's two documents, file name to bytes.
private func orderDocuments() throws -> [String: Data] {
    ["order.xsd": try fixture("order.xsd"), "order-types.xsd": try fixture("order-types.xsd")]
}

/// Line, element path and libxml2 code: what a test can rely on (messages vary across versions).
private struct Finding: Equatable, CustomStringConvertible {
    var line: Int
    var path: String
    var code: Int

    init(_ line: Int, _ path: String, _ code: Int) {
        self.line = line
        self.path = path
        self.code = code
    }

    init(_ violation: XMLSchemaViolation) {
        self.init(violation.line, violation.elementPath, violation.libxml2Code)
    }

    var description: String { "\(line) \(path) [\(code)]" }
}

/// libxml2 codes (`xmlParserErrors`) the fixtures produce.
private enum LibXML2Code {
    static let elementContent = 1871  // XML_SCHEMAV_ELEMENT_CONTENT: unexpected or missing child
    static let missingAttribute = 1868  // XML_SCHEMAV_CVC_COMPLEX_TYPE_4
    static let notAValidValue = 1824  // XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1
    static let pattern = 1839  // XML_SCHEMAV_CVC_PATTERN_VALID
    static let minInclusive = 1833  // XML_SCHEMAV_CVC_MININCLUSIVE_VALID
    static let fractionDigits = 1838  // XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID
    static let xsiTypeUnresolved = 1851  // XML_SCHEMAV_CVC_ELT_4_2
    static let textInElementOnly = 1843  // XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3
}

private let order = #"<Order xmlns="urn:example:order" id="O-9">"#

/// Expects `body` to throw an ``XMLCodingError`` with `code` and returns it.
@discardableResult
private func expectError(
    _ code: XMLCodingError.Code, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(XMLCodingError) -> Void
) -> XMLCodingError? {
    do {
        try body()
        Issue.record("expected an error with code \(code), but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    }
}

@Suite struct XMLSchemaTests {
    // MARK: - Validating

    @Test func validDocumentHasNoViolations() throws {
        let schema = try orderSchema()
        let data = try fixture("valid-order.xml")
        #expect(try schema.validate(data) == [])
        #expect(schema.isValid(data))
        #expect(schema.validate(try XMLDocument.parse(data)) == [])
    }

    @Test func compilesFromDocumentsInMemory() throws {
        let schema = try XMLSchema(main: "order.xsd", documents: try orderDocuments())
        #expect(try schema.validate(try fixture("valid-order.xml")) == [])
        #expect(try schema.validate(try fixture("invalid-order.xml")).count == 3)
    }

    /// The fixture has three defects: a price that is not a decimal, an item without its price
    /// (an element spanning lines 12–14), and an element the sequence does not allow.
    private let fixtureFindings = [
        Finding(10, "/Order/Item[2]/Price", LibXML2Code.notAValidValue),
        Finding(12, "/Order/Item[3]", LibXML2Code.elementContent),
        Finding(15, "/Order/Bogus", LibXML2Code.elementContent),
    ]

    @Test func streamingValidationReportsEveryViolation() throws {
        let schema = try orderSchema()
        let violations = try schema.validate(try fixture("invalid-order.xml"))
        try #require(violations.count == 3, "\(violations)")
        #expect(violations.map(\.elementPath) == fixtureFindings.map(\.path))
        #expect(violations.map(\.libxml2Code) == fixtureFindings.map(\.code))
        #expect(violations.allSatisfy { $0.severity == .error && $0.column == 0 })
        #expect(violations[0].line == 10)
        #expect(violations[2].line == 15)
        #expect(violations[1].line == 12)

        #expect(!schema.isValid(try fixture("invalid-order.xml")))
    }

    @Test func documentValidationReportsEveryViolation() throws {
        let schema = try orderSchema()
        let document = try XMLDocument.parse(try fixture("invalid-order.xml"))
        #expect(schema.validate(document).map(Finding.init) == fixtureFindings)
    }

    @Test func bothPathsReportTheSameViolationsForTheFixture() throws {
        let schema = try orderSchema()
        let data = try fixture("invalid-order.xml")
        let streamed = try schema.validate(data)
        let replayed = schema.validate(try XMLDocument.parse(data))
        func ignoringLines(_ violations: [XMLSchemaViolation]) -> [XMLSchemaViolation] {
            violations.map { violation in
                var copy = violation
                copy.line = 0
                return copy
            }
        }
        #expect(ignoringLines(replayed) == ignoringLines(streamed))
        #expect(replayed == streamed)

    }

    /// Documents whose violations are all found at a start tag or at the end of a one-line leaf:
    /// the two paths must agree on everything, lines included.
    @Test(arguments: [
        "\(order)<Customer>Ann</Customer><Item><Sku>a1</Sku><Price>-1</Price></Item></Order>",
        """
        <Order xmlns="urn:example:order">
          <Customer>Ann</Customer>
          <Item>
            <Sku>A-1</Sku>
            <Price>1.234</Price>
            <Extra/>
          </Item>
        </Order>
        """,
        """
        <Order xmlns="urn:example:order" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xmlns:q="urn:other" id="O-3">
          <Customer>Ann &amp; Bob</Customer>
          <Item xsi:type="q:Nope">
            <Sku>A-1</Sku>
            <Price>1</Price>
          </Item>
          <Item>
            <Sku>A-2</Sku>
            <Price>2</Price>
            stray text
          </Item>
        </Order>
        """,
        """
        <o:Order xmlns:o="urn:example:order" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="O-4">
          <o:Customer>Ann</o:Customer>
          <o:Item xsi:type="o:DiscountedItemType">
            <o:Sku>A-1</o:Sku>
            <o:Price>1</o:Price>
            <o:Discount>-0.5</o:Discount>
          </o:Item>
          <Item/>
        </o:Order>
        """,
    ])
    func bothPathsReportTheSameViolations(_ xml: String) throws {
        let schema = try orderSchema()
        let data = Data(xml.utf8)
        let streamed = try schema.validate(data)
        #expect(!streamed.isEmpty)
        #expect(schema.validate(try XMLDocument.parse(data)) == streamed)
    }

    @Test func findingsOfTheAgreementDocuments() throws {
        let schema = try orderSchema()
        let xml = """
            <Order xmlns="urn:example:order" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xmlns:q="urn:other">
              <Customer>Ann</Customer>
              <Item xsi:type="q:Nope">
                <Sku>a1</Sku>
                <Price>1.234</Price>
              </Item>
              <Item>
                <Sku>A-2</Sku>
                <Price>-2</Price>
                stray text
              </Item>
            </Order>
            """
        let expected = [
            Finding(2, "/Order", LibXML2Code.missingAttribute),
            Finding(4, "/Order/Item", LibXML2Code.xsiTypeUnresolved),
            Finding(5, "/Order/Item/Sku", LibXML2Code.pattern),
            Finding(6, "/Order/Item/Price", LibXML2Code.fractionDigits),
            Finding(10, "/Order/Item[2]/Price", LibXML2Code.minInclusive),
            // Reported where the text run ends: the line of `</Item>`.
            Finding(12, "/Order/Item[2]", LibXML2Code.textInElementOnly),
        ]
        #expect(try schema.validate(Data(xml.utf8)).map(Finding.init) == expected)
        #expect(schema.validate(try XMLDocument.parse(Data(xml.utf8))).map(Finding.init) == expected)
    }

    // MARK: - Element paths

    @Test func unexpectedElementPointsAtThatElement() throws {
        let schema = try orderSchema()
        let xml =
            "\(order)\n<Customer>Ann</Customer>\n<Item><Sku>A-1</Sku><Price>1</Price></Item>\n<Bogus><Inner/></Bogus>\n</Order>"
        let expected = [Finding(4, "/Order/Bogus", LibXML2Code.elementContent)]
        #expect(try schema.validate(Data(xml.utf8)).map(Finding.init) == expected)
        #expect(schema.validate(try XMLDocument.parse(Data(xml.utf8))).map(Finding.init) == expected)
    }

    @Test func missingChildPointsAtTheParent() throws {
        let schema = try orderSchema()
        let xml = "\(order)\n  <Customer>Ann</Customer>\n  <Item>\n    <Sku>A-1</Sku>\n  </Item>\n</Order>"
        let streamed = try schema.validate(Data(xml.utf8))
        try #require(streamed.count == 1, "\(streamed)")
        #expect(streamed[0].elementPath == "/Order/Item")
        #expect(streamed[0].libxml2Code == LibXML2Code.elementContent)
        #expect(
            schema.validate(try XMLDocument.parse(Data(xml.utf8))).map(Finding.init) == [
                Finding(3, "/Order/Item", LibXML2Code.elementContent)
            ])
    }

    /// With no character data between two end tags, XMLStreamReader has not yet applied the first
    /// end when libxml2 validates the second, so the path names the last child instead of the parent.
    @Test func missingChildPointsAtTheParentWhenEndTagsAreAdjacent() throws {
        let schema = try orderSchema()
        let xml = "\(order)<Customer>Ann</Customer><Item><Sku>A-1</Sku></Item></Order>"
        let expected = [Finding(1, "/Order/Item", LibXML2Code.elementContent)]
        #expect(schema.validate(try XMLDocument.parse(Data(xml.utf8))).map(Finding.init) == expected)
        let streamed = try schema.validate(Data(xml.utf8)).map(Finding.init)
        #expect(streamed == expected)

    }

    /// Text before an element's first child element (mixed content) is misplaced in the arena by
    /// XMLStreamReader (the text node takes the slot the element's links point to), so a parsed
    /// document cannot be replayed faithfully.
    @Test func mixedContentDocumentReplaysLikeTheStream() throws {
        let schema = try XMLSchema(
            main: "mixed.xsd",
            documents: [
                "mixed.xsd": Data(
                    """
                    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                      <xs:element name="p">
                        <xs:complexType mixed="true">
                          <xs:sequence><xs:element name="b" type="xs:string" minOccurs="2" maxOccurs="2"/></xs:sequence>
                        </xs:complexType>
                      </xs:element>
                    </xs:schema>
                    """.utf8)
            ])
        let data = Data("<p>Hello <b>bold</b> and <b>more</b>.</p>".utf8)
        #expect(try schema.validate(data) == [])
        let replayed = schema.validate(try XMLDocument.parse(data))
        #expect(replayed == [])

    }

    // MARK: - Reading errors are thrown, not returned

    @Test(arguments: [
        ("<Order", XMLCodingError.Code.truncatedInput),
        ("", .truncatedInput),
        ("<!DOCTYPE Order [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Order>&x;</Order>", .doctypeNotAllowed),
    ])
    func readingErrorsAreThrown(_ xml: String, _ code: XMLCodingError.Code) throws {
        let schema = try orderSchema()
        expectError(code) { () throws(XMLCodingError) in _ = try schema.validate(Data(xml.utf8)) }
        #expect(!schema.isValid(Data(xml.utf8)))
    }

    @Test func malformedDocumentIsAReadingErrorNotAViolation() throws {
        let schema = try orderSchema()
        let data = Data(#"<Order xmlns="urn:example:order"><Customer></Item></Order>"#.utf8)
        do {
            let violations = try schema.validate(data)
            Issue.record("expected a reading error, got \(violations)")
        } catch {
            #expect(error.code != .schemaViolation)
            #expect(error.violations.isEmpty)
            #expect(error.line == 1)
        }
    }

    @Test func readingLimitsApply() throws {
        let schema = try orderSchema()
        let data = try fixture("valid-order.xml")
        expectError(.inputTooLarge) { () throws(XMLCodingError) in
            _ = try schema.validate(data, options: XMLReadingOptions(maximumInputSize: 100))
        }
        expectError(.depthLimitExceeded) { () throws(XMLCodingError) in
            _ = try schema.validate(data, options: XMLReadingOptions(maximumElementDepth: 2))
        }
    }

    // MARK: - Compiling: only the local set is ever read

    private func documents(mainReferring element: String, to location: String) throws -> [String: Data] {
        let main = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:order">
              <xs:\(element) \(element == "import" ? "namespace=\"urn:example:other\" " : "")schemaLocation="\(location)"/>
            </xs:schema>
            """
        var documents = try orderDocuments()
        documents["main.xsd"] = Data(main.utf8)
        documents["x.xsd"] = documents["order-types.xsd"]
        return documents
    }

    @Test(arguments: [
        "../x.xsd", "http://example.com/x.xsd", "/etc/passwd", "missing.xsd", "file:///etc/passwd", "sub/x.xsd",
        "./x.xsd", "x.xsd#frag", "%2E%2E/x.xsd", "", "C:x.xsd",
    ])
    func includeOutsideTheSetIsRefused(_ location: String) throws {
        let documents = try documents(mainReferring: "include", to: location)
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "main.xsd", documents: documents)
        }
        #expect(error?.message.contains("refers to \(location), which is not in the local schema set") == true)
        #expect(error?.message.hasPrefix("main.xsd:2:") == true)
        #expect(error?.line == 2)
    }

    @Test(arguments: ["import", "redefine"])
    func importAndRedefineOutsideTheSetAreRefused(_ element: String) throws {
        let documents = try documents(mainReferring: element, to: "http://example.com/x.xsd")
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "main.xsd", documents: documents)
        }
        #expect(error?.message.contains("xs:\(element) refers to http://example.com/x.xsd") == true)
    }

    @Test func referenceInsideTheSetIsResolved() throws {
        var documents = try orderDocuments()
        documents["main.xsd"] = Data(
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:order">
              <xs:include schemaLocation="order.xsd"/>
            </xs:schema>
            """.utf8)
        let schema = try XMLSchema(main: "main.xsd", documents: documents)
        #expect(try schema.validate(try fixture("valid-order.xml")) == [])
    }

    @Test func xmlBaseIsRefused() throws {
        var documents = try documents(mainReferring: "include", to: "x.xsd")
        documents["main.xsd"] = Data(
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:order"
                       xml:base="http://example.com/">
              <xs:include schemaLocation="x.xsd"/>
            </xs:schema>
            """.utf8)
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "main.xsd", documents: documents)
        }
        #expect(error?.message.contains("xml:base") == true)
    }

    @Test(arguments: ["../order.xsd", "/tmp/order.xsd", "sub/order.xsd", ".order.xsd", "order .xsd", ""])
    func documentNamesMustBePlainFileNames(_ name: String) throws {
        let documents = [name: try fixture("order.xsd")]
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: name, documents: documents)
        }
        #expect(error?.message.contains("is not a plain file name") == true)
    }

    @Test func mainMustBeInTheSet() throws {
        let documents = try orderDocuments()
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "absent.xsd", documents: documents)
        }
        #expect(error?.message.contains("'absent.xsd' is not in the schema set") == true)
    }

    @Test func doctypeInASchemaIsRefused() throws {
        var documents = try orderDocuments()
        documents["order-types.xsd"] = Data(
            """
            <?xml version="1.0"?>
            <!DOCTYPE xs:schema [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:order">
              <xs:annotation><xs:documentation>&secret;</xs:documentation></xs:annotation>
            </xs:schema>
            """.utf8)
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "order.xsd", documents: documents)
        }
        #expect(error?.message.hasPrefix("order-types.xsd:2:") == true, "\(String(describing: error))")
        #expect(error?.message.contains(XMLCodingError.Code.doctypeNotAllowed.rawValue) == true)
    }

    @Test func malformedSchemaReportsItsLine() throws {
        var documents = try orderDocuments()
        documents["order-types.xsd"] = Data(
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:order">
              <xs:simpleType name="SkuType">
                <xs:restriction base="xs:string">
              </xs:simpleType>
            </xs:schema>
            """.utf8)
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "order.xsd", documents: documents)
        }
        #expect(error?.line == 4)
        #expect(error?.message.hasPrefix("order-types.xsd:4:") == true, "\(String(describing: error))")
    }

    @Test func schemaThatLibXML2RejectsReportsEveryMessageWithFileAndLine() throws {
        var documents = try orderDocuments()
        documents["order-types.xsd"] = Data(
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:example:order"
                       targetNamespace="urn:example:order" elementFormDefault="qualified">
              <xs:complexType name="OrderType">
                <xs:sequence>
                  <xs:element name="Customer" type="o:NoSuchType"/>
                  <xs:element name="Item" type="o:NorThisOne"/>
                </xs:sequence>
              </xs:complexType>
            </xs:schema>
            """.utf8)
        let error = expectError(.invalidSchema) { () throws(XMLCodingError) in
            _ = try XMLSchema(main: "order.xsd", documents: documents)
        }
        let message = error?.message ?? ""
        #expect(message.contains("order-types.xsd:5: "), "\(message)")
        #expect(message.contains("order-types.xsd:6: "), "\(message)")
        #expect(message.contains("NoSuchType") && message.contains("NorThisOne"))
        #expect(!message.contains(NSTemporaryDirectory()), "temporary paths stay out of messages")
        #expect(error?.line == 5)
    }

    @Test func unreadableDirectoryIsAnIOError() {
        expectError(.ioError) { () throws(XMLCodingError) in
            _ = try XMLSchema(
                directory: fixtureDirectory.appendingPathComponent("no-such-directory"), main: "order.xsd")
        }
    }

    /// The repository's STRING schema set: four documents joined by xs:include.
    @Test func compilesTheRepositorySchemas() throws {
        let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas", isDirectory: true)
        _ = try XMLSchema(directory: schemas, main: "StringPayments.xsd")
    }

    // MARK: - Sharing

    @Test func oneSchemaServesManyTasks() async throws {
        let schema = try orderSchema()
        let valid = try fixture("valid-order.xml")
        let invalid = try fixture("invalid-order.xml")
        let validDocument = try XMLDocument.parse(valid)
        let invalidDocument = try XMLDocument.parse(invalid)
        let expectedInvalid = try schema.validate(invalid)
        let expectedReplayed = schema.validate(invalidDocument)
        try #require(expectedInvalid.count == 3 && expectedReplayed.count == 3)

        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var failures = 0
                    for round in 0..<200 {
                        let result: [XMLSchemaViolation]
                        let expected: [XMLSchemaViolation]
                        switch (task + round) % 4 {
                        case 0:
                            result = (try? schema.validate(valid)) ?? expectedInvalid
                            expected = []
                        case 1:
                            result = (try? schema.validate(invalid)) ?? []
                            expected = expectedInvalid
                        case 2:
                            result = schema.validate(validDocument)
                            expected = []
                        default:
                            result = schema.validate(invalidDocument)
                            expected = expectedReplayed
                        }
                        if result != expected { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func compilingConcurrentlyIsSafe() async throws {
        let documents = try orderDocuments()
        let valid = try fixture("valid-order.xml")
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    guard let schema = try? XMLSchema(main: "order.xsd", documents: documents) else { return false }
                    return schema.isValid(valid)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
