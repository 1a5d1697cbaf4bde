import Foundation
import Testing
import XMLCoding

/// `encodeIfPresent` hands a present optional's value on without unwrapping it (the optional's
/// address is its value's address; see `XMLPresentValueEncoding.swift`). Every kind of payload —
/// small and large values, references, enumerations with and without payloads, nested optionals,
/// arrays, existentials — must come out exactly as `encode` would write the value itself.
@Suite struct XMLEncoderOptionalTests {
    final class Reference: Encodable {
        let label: String
        init(label: String) { self.label = label }
        enum CodingKeys: String, CodingKey { case label = "Label" }
    }

    /// Larger than any existential's inline buffer, with references in it.
    struct Large: Encodable, Equatable {
        var a = "a&b", b = "<b>", c = "c", d = "d", e = "e"
        var count: Int64 = -42
        enum CodingKeys: String, CodingKey { case a = "A", b = "B", c = "C", d = "D", e = "E", count = "Count" }
    }

    enum Tagged: Encodable {
        case amount(Decimal)
        case none
    }

    enum Level: String, Encodable { case low = "Low", high = "High" }

    struct Empty: Encodable {}

    /// Every payload kind, each encoded with `encodeIfPresent`.
    struct Optionals: Encodable {
        var text: String?
        var small: Int8?
        var wide: UInt64?
        var amount: Decimal?
        var date: XMLDate?
        var level: Level?
        var reference: Reference?
        var large: Large?
        var tagged: Tagged?
        var nested: Int??
        var list: [String]?
        var empty: Empty?
        var flag: Bool?
        var attribute: String?

        enum CodingKeys: String, XMLCodingKey {
            case text = "Text", small = "Small", wide = "Wide", amount = "Amount", date = "Date"
            case level = "Level", reference = "Reference", large = "Large", tagged = "Tagged"
            case nested = "Nested", list = "List", empty = "Empty", flag = "Flag", attribute = "Attribute"

            var xmlNodeKind: XMLNodeKind { self == .attribute ? .attribute : .element }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            // Generic on purpose: the overloads for String?, Bool? and Int? take another path.
            try encodeGeneric(text, .text, &container)
            try container.encodeIfPresent(small, forKey: .small)
            try container.encodeIfPresent(wide, forKey: .wide)
            try container.encodeIfPresent(amount, forKey: .amount)
            try container.encodeIfPresent(date, forKey: .date)
            try container.encodeIfPresent(level, forKey: .level)
            try container.encodeIfPresent(reference, forKey: .reference)
            try container.encodeIfPresent(large, forKey: .large)
            try container.encodeIfPresent(tagged, forKey: .tagged)
            try container.encodeIfPresent(nested, forKey: .nested)
            try container.encodeIfPresent(list, forKey: .list)
            try container.encodeIfPresent(empty, forKey: .empty)
            try encodeGeneric(flag, .flag, &container)
            try encodeGeneric(attribute, .attribute, &container)
        }

        private func encodeGeneric<T: Encodable>(
            _ value: T?, _ key: CodingKeys, _ container: inout KeyedEncodingContainer<CodingKeys>
        ) throws {
            try container.encodeIfPresent(value, forKey: key)
        }
    }

    private func xml(_ value: Optionals) throws -> String {
        let data = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            value, rootElement: XMLQualifiedName("Optionals"))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func absentOptionalsWriteNothing() throws {
        #expect(try xml(Optionals()) == "<Optionals/>")
    }

    @Test func everyKindOfPresentValueIsWrittenAsItself() throws {
        var value = Optionals()
        value.text = "x < y & z"
        value.small = -128
        value.wide = .max
        value.amount = Decimal(string: "-1234.50")
        value.date = XMLDate(year: 2026, month: 12, day: 7)
        value.level = .high
        value.reference = Reference(label: "ref")
        value.large = Large()
        value.tagged = .amount(Decimal(string: "0.01") ?? 0)
        value.nested = .some(.some(7))
        value.list = ["one", "two"]
        value.empty = Empty()
        value.flag = false
        value.attribute = "\"quoted\"\t"
        let expected =
            "<Optionals Attribute=\"&quot;quoted&quot;&#9;\"><Text>x &lt; y &amp; z</Text><Small>-128</Small>"
            + "<Wide>18446744073709551615</Wide><Amount>-1234.5</Amount><Date>2026-12-07</Date>"
            + "<Level>High</Level><Reference><Label>ref</Label></Reference>"
            + "<Large><A>a&amp;b</A><B>&lt;b&gt;</B><C>c</C><D>d</D><E>e</E><Count>-42</Count></Large>"
            + "<Tagged><amount><_0>0.01</_0></amount></Tagged><Nested>7</Nested><List>one</List><List>two</List>"
            + "<Empty/><Flag>false</Flag></Optionals>"
        #expect(try xml(value) == expected)
    }

    @Test func aPresentNilInsideAnOptionalIsAnExplicitNil() throws {
        var value = Optionals()
        value.nested = .some(nil)
        #expect(
            try xml(value)
                == "<Optionals xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Nested xsi:nil=\"true\"/></Optionals>"
        )
    }

    @Test func errorsFromAPresentValueKeepTheirPath() throws {
        var value = Optionals()
        value.large = Large(a: "bad\u{1}")
        #expect {
            try xml(value)
        } throws: { error in
            guard let error = error as? XMLCodingError else { return false }
            return error.code == .illegalCharacter && error.codingPath == ["Large", "A"]
        }
    }
}
