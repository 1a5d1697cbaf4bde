import Foundation
import Testing
import XMLCoding

/// The encoder works out each key's kind, namespace and name check once per key type and
/// predicts the next key from the previous value's order (issue 16). Values that encode their
/// keys in another order, or a subset of them, must still come out right.
@Suite struct XMLEncoderKeyTableTests {
    struct Entry: Encodable {
        var order: [CodingKeys]

        enum CodingKeys: String, XMLCodingKey, CaseIterable {
            case id = "Id"
            case name = "Name"
            case note = "Note"

            var xmlNodeKind: XMLNodeKind { self == .id ? .attribute : .element }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            for key in order {
                try container.encode(key.rawValue.lowercased(), forKey: key)
            }
        }
    }

    struct List: Encodable {
        var entries: [Entry]

        enum CodingKeys: String, CodingKey {
            case entries = "Entry"
        }
    }

    @Test func keysInChangingOrderKeepTheirKinds() throws {
        let list = List(entries: [
            Entry(order: [.id, .name, .note]), Entry(order: [.note, .id]), Entry(order: [.name]),
            Entry(order: [.id, .note, .name]),
        ])
        let data = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            list, rootElement: XMLQualifiedName("List"))
        let xml = String(decoding: data, as: UTF8.self)
        #expect(
            xml
                == "<List><Entry Id=\"id\"><Name>name</Name><Note>note</Note></Entry>"
                + "<Entry Id=\"id\"><Note>note</Note></Entry><Entry><Name>name</Name></Entry>"
                + "<Entry Id=\"id\"><Note>note</Note><Name>name</Name></Entry></List>")
    }

    /// A key type with names made at run time: a bad name that comes after good ones is still
    /// refused, and a good one after it still written.
    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct Bag: Encodable {
        var names: [String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            for name in names {
                try container.encode("v", forKey: DynamicKey(stringValue: name))
            }
        }
    }

    @Test func namesSeenFirstAreCheckedOnce() throws {
        let encoder = XMLEncoder(options: .init(includesXMLDeclaration: false))
        let data = try encoder.encode(Bag(names: ["A", "B", "A"]), rootElement: XMLQualifiedName("Bag"))
        let xml = String(decoding: data, as: UTF8.self)
        #expect(xml == "<Bag><A>v</A><B>v</B><A>v</A></Bag>")
        do {
            _ = try encoder.encode(Bag(names: ["A", "B", "1bad", "A"]), rootElement: XMLQualifiedName("Bag"))
            Issue.record("a bad name was written")
        } catch {
            #expect(error.code == .invalidName)
            #expect(error.codingPath == ["1bad"])
        }
    }
}
