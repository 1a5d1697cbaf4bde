import Foundation
import Testing

@testable import XMLCoding

/// The schema compiler and its checks on a small schema with every supported construct: one
/// document per kind of violation, each with the libxml2 code it gets and libxml2's own verdict
/// (invalid) beside it; constructs outside the subset refused with `invalid-schema`.
@Suite struct XMLConstructedSchemaTests {
    static let namespace = "urn:test"

    static let types = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:test" targetNamespace="urn:test"
            elementFormDefault="qualified">
          <xs:simpleType name="Code"><xs:restriction base="xs:token">
            <xs:minLength value="2"/><xs:maxLength value="4"/></xs:restriction></xs:simpleType>
          <xs:simpleType name="Kind"><xs:restriction base="xs:token">
            <xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction></xs:simpleType>
          <xs:simpleType name="Upper"><xs:restriction base="xs:string">
            <xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
          <xs:simpleType name="Share"><xs:restriction base="xs:decimal">
            <xs:totalDigits value="4"/><xs:fractionDigits value="2"/>
            <xs:minInclusive value="1"/><xs:maxInclusive value="100"/></xs:restriction></xs:simpleType>
          <xs:complexType name="Base">
            <xs:sequence>
              <xs:element name="Code" type="Code"/>
              <xs:element name="Kind" type="Kind" minOccurs="0" nillable="true"/>
            </xs:sequence>
            <xs:attribute name="Id" type="Code" use="required"/>
          </xs:complexType>
          <xs:complexType name="Derived">
            <xs:complexContent><xs:extension base="Base">
              <xs:sequence><xs:element name="Extra" type="Upper"/></xs:sequence>
            </xs:extension></xs:complexContent>
          </xs:complexType>
          <xs:complexType name="Other"><xs:sequence><xs:element name="Code" type="Code"/></xs:sequence></xs:complexType>
        </xs:schema>
        """

    static let main = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:test" targetNamespace="urn:test"
            elementFormDefault="qualified">
          <xs:include schemaLocation="types.xsd"/>
          <xs:element name="Root">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="Item" type="Base" maxOccurs="2"/>
                <xs:element name="Share" type="Share" minOccurs="0"/>
                <xs:element name="Count" type="xs:positiveInteger" minOccurs="0"/>
                <xs:element name="Any" type="AnyHolder" minOccurs="0"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
          <xs:complexType name="AnyHolder" mixed="true">
            <xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
          </xs:complexType>
        </xs:schema>
        """

    static let documents = ["main.xsd": Data(main.utf8), "types.xsd": Data(types.utf8)]

    static func wrap(_ body: String) -> Data {
        Data(
            """
            <Root xmlns="urn:test" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\(body)</Root>
            """.utf8)
    }

    static let valid = "<Item Id=\"I1\"><Code> AB </Code><Kind>A</Kind></Item>"

    /// Each document and the code of the violation the compiled checks report for it.
    static let cases: [(body: String, code: Int)] = [
        ("<Item Id=\"I1\"><Kind>A</Kind></Item>", 1871),
        ("<Item Id=\"I1\"><Code>AB</Code><Code>AB</Code></Item>", 1871),
        (valid + valid + valid, 1871),
        ("<Item Id=\"I1\" Extra=\"x\"><Code>AB</Code></Item>", 1866),
        ("<Item><Code>AB</Code></Item>", 1868),
        ("<Item Id=\"I1\" xsi:foo=\"1\"><Code>AB</Code></Item>", 1866),
        ("<Item Id=\"I1\" xml:lang=\"de\"><Code>AB</Code></Item>", 1866),
        ("<Item Id=\"I1\"><Code>A</Code></Item>", 1831),
        ("<Item Id=\"I1\"><Code>ABCDE</Code></Item>", 1832),
        ("<Item Id=\"I1\"><Code>AB</Code><Kind>C</Kind></Item>", 1840),
        ("<Item Id=\"I1\" xsi:type=\"Derived\"><Code>AB</Code><Extra>abc</Extra></Item>", 1839),
        (valid + "<Share>123.45</Share>", 1837),
        (valid + "<Share>1.234</Share>", 1838),
        (valid + "<Share>0.5</Share>", 1833),
        (valid + "<Share>100.1</Share>", 1834),
        (valid + "<Share>one</Share>", 1824),
        (valid + "<Count>0</Count>", 1824),
        ("<Item Id=\"I1\" xsi:nil=\"true\"><Code>AB</Code></Item>", 1847),
        ("<Item Id=\"I1\"><Code>AB</Code><Kind xsi:nil=\"true\">A</Kind></Item>", 1848),
        ("<Item Id=\"I1\"><Code>AB</Code><Kind xsi:nil=\"maybe\"/></Item>", 1824),
        ("<Item Id=\"I1\" xsi:type=\"Missing\"><Code>AB</Code></Item>", 1851),
        ("<Item Id=\"I1\" xsi:type=\"Other\"><Code>AB</Code></Item>", 1852),
        ("<Item Id=\"I1\">text<Code>AB</Code></Item>", 1843),
        ("<Item Id=\"I1\"><Code>AB<Kind>A</Kind></Code></Item>", 1828),
        (valid + "<Any>text<Root><Item Id=\"I1\"><Code>A</Code></Item></Root></Any>", 1831),
    ]

    @Test func validDocumentsPassBoth() throws {
        let compiled = try XMLConstructedSchema(main: "main.xsd", documents: Self.documents)
        let xsd = try XMLSchema(main: "main.xsd", documents: Self.documents)
        for body in [
            Self.valid,
            Self.valid
                + "<Item Id=\"I2\" xsi:type=\"Derived\"><Code>AB</Code><Kind xsi:nil=\"1\"/><Extra>ABC</Extra></Item>",
            Self.valid + "<Share>100</Share><Count>+7</Count><Any>text<Unknown a=\"1\"><Code>X</Code></Unknown></Any>",
            "<Item Id=\"I1\" xsi:schemaLocation=\"urn:test main.xsd\"><Code>AB</Code></Item>",
        ] {
            let document = try XMLDocument.parse(Self.wrap(body))
            #expect(compiled.validate(document).isEmpty, "\(body): \(compiled.validate(document))")
            #expect(xsd.validate(document).isEmpty, "\(body)")
        }
    }

    @Test(arguments: cases.indices)
    func everyKindOfViolationHasItsCode(_ index: Int) throws {
        let (body, code) = Self.cases[index]
        let compiled = try XMLConstructedSchema(main: "main.xsd", documents: Self.documents)
        let xsd = try XMLSchema(main: "main.xsd", documents: Self.documents)
        let document = try XMLDocument.parse(Self.wrap(body))
        let violations = compiled.validate(document)
        #expect(violations.first?.libxml2Code == code, "\(body): \(violations)")
        #expect(violations.first?.elementPath.hasPrefix("/Root") == true)
        #expect(!xsd.validate(document).filter { $0.severity == .error }.isEmpty, "libxml2 accepts \(body)")
    }

    /// The same `xsi:type` value means what the prefix is bound to where it is written.
    @Test func xsiTypePrefixesResolveInScope() throws {
        let compiled = try XMLConstructedSchema(main: "main.xsd", documents: Self.documents)
        let item = "<Code>AB</Code><Extra>ABC</Extra></Item>"
        let document = try XMLDocument.parse(
            Self.wrap(
                "<Item Id=\"I1\" xmlns:t=\"urn:test\" xsi:type=\"t:Derived\">\(item)"
                    + "<Item Id=\"I2\" xmlns:t=\"urn:other\" xsi:type=\"t:Derived\">\(item)"))
        let violations = compiled.validate(document)
        #expect(violations.map(\.libxml2Code) == [1851])
        #expect(violations.first?.elementPath == "/Root/Item[2]")
    }

    @Test func anUndeclaredRootIsRefused() throws {
        let compiled = try XMLConstructedSchema(main: "main.xsd", documents: Self.documents)
        let document = try XMLDocument.parse(Data("<Root/>".utf8))
        #expect(compiled.validate(document).map(\.libxml2Code) == [1845])
    }

    @Test func violationsStopAtTheLimit() throws {
        let compiled = try XMLConstructedSchema(main: "main.xsd", documents: Self.documents)
        let document = try XMLDocument.parse(
            Self.wrap("<Item Id=\"x\" A=\"1\" B=\"2\" C=\"3\"><Code>A</Code></Item>"))
        #expect(compiled.validate(document).count == 5)
        #expect(compiled.validate(document, maximumViolations: 2).count == 2)
    }

    @Test(arguments: [
        "<xs:import namespace=\"urn:other\"/>",
        "<xs:simpleType name=\"D\"><xs:restriction base=\"xs:string\"><xs:pattern value=\"\\d+\"/></xs:restriction></xs:simpleType>",
        "<xs:simpleType name=\"W\"><xs:restriction base=\"xs:string\"><xs:whiteSpace value=\"collapse\"/></xs:restriction></xs:simpleType>",
        "<xs:simpleType name=\"F\"><xs:restriction base=\"xs:float\"/></xs:simpleType>",
        "<xs:complexType name=\"R\"><xs:complexContent><xs:restriction base=\"Base\"/></xs:complexContent></xs:complexType>",
        "<xs:element name=\"E\" ref=\"Root\"/>",
        "<xs:include schemaLocation=\"missing.xsd\"/>",
    ])
    func unsupportedConstructsFailToCompile(_ construct: String) throws {
        let schema = Self.main.replacingOccurrences(of: "</xs:schema>", with: construct + "\n</xs:schema>")
        var documents = Self.documents
        documents["main.xsd"] = Data(schema.utf8)
        do throws(XMLCodingError) {
            _ = try XMLConstructedSchema(main: "main.xsd", documents: documents)
            Issue.record("\(construct) compiled")
        } catch {
            #expect(error.code == .invalidSchema, "\(error)")
        }
    }
}
