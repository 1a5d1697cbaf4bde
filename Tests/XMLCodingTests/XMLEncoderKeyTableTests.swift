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

    @Test func laterEncodingsReuseWhatEarlierOnesLearned() throws {
        let encoder = XMLEncoder(options: .init(includesXMLDeclaration: false))
        let first = try encoder.encode(
            List(entries: [Entry(order: [.name, .id])]), rootElement: XMLQualifiedName("List"))
        let second = try encoder.encode(
            List(entries: [Entry(order: [.id, .note, .name])]), rootElement: XMLQualifiedName("List"))
        #expect(String(decoding: first, as: UTF8.self) == "<List><Entry Id=\"id\"><Name>name</Name></Entry></List>")
        #expect(
            String(decoding: second, as: UTF8.self)
                == "<List><Entry Id=\"id\"><Note>note</Note><Name>name</Name></Entry></List>")
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

    /// A key type with stored properties: one name may be an element here and an attribute
    /// there, so its keys are not cached by name.
    struct KindedKey: XMLCodingKey {
        var stringValue: String
        var xmlNodeKind: XMLNodeKind
        var intValue: Int? { nil }
        init(_ name: String, _ kind: XMLNodeKind) {
            stringValue = name
            xmlNodeKind = kind
        }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }

    /// Writes `"v"` under each of its keys, in order.
    struct Keyed<Key: CodingKey>: Encodable {
        var keys: [Key]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for key in keys {
                try container.encode("v", forKey: key)
            }
        }
    }

    typealias Kinded = Keyed<KindedKey>

    struct KindedList: Encodable {
        var items: [Kinded]

        enum CodingKeys: String, CodingKey {
            case items = "Item"
        }
    }

    @Test func keysWithStateAreWorkedOutOnEveryUse() throws {
        let list = KindedList(items: [
            Kinded(keys: [KindedKey("A", .element)]), Kinded(keys: [KindedKey("A", .attribute)]),
            Kinded(keys: [KindedKey("A", .element)]),
        ])
        let data = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            list, rootElement: XMLQualifiedName("L"))
        #expect(
            String(decoding: data, as: UTF8.self)
                == "<L><Item><A>v</A></Item><Item A=\"v\"/><Item><A>v</A></Item></L>")
    }

    /// A key type with names made at run time: a bad name that comes after good ones is still
    /// refused, and a good one after it still written.
    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes `"v"` under keys of the given names.
    static func bag(_ names: [String]) -> Keyed<DynamicKey> {
        Keyed(keys: names.map(DynamicKey.init(stringValue:)))
    }

    @Test func namesSeenFirstAreCheckedOnce() throws {
        let encoder = XMLEncoder(options: .init(includesXMLDeclaration: false))
        let data = try encoder.encode(Self.bag(["A", "B", "A"]), rootElement: XMLQualifiedName("Bag"))
        let xml = String(decoding: data, as: UTF8.self)
        #expect(xml == "<Bag><A>v</A><B>v</B><A>v</A></Bag>")
        do {
            _ = try encoder.encode(Self.bag(["A", "B", "1bad", "A"]), rootElement: XMLQualifiedName("Bag"))
            Issue.record("a bad name was written")
        } catch {
            #expect(error.code == .invalidName)
            #expect(error.codingPath == ["1bad"])
        }
    }
}
