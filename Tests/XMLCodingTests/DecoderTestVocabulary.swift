import Foundation
import XMLCoding

/// A small vocabulary that exercises every decoder feature; not STRING, on purpose.
enum TestNamespace {
    static let uri = "urn:test:orders"
}

enum ItemKind: String, XMLEnumeration {
    case book = "Book"
    case music = "Music"
}

struct Price: Codable, Hashable {
    var currency: String
    var value: Decimal

    enum CodingKeys: String, XMLCodingKey {
        case currency = "Currency"
        case value

        var xmlNodeKind: XMLNodeKind { self == .currency ? .attribute : .text }
    }
}

struct Item: Codable, Hashable {
    var sku: String
    var kind: ItemKind
    var price: Price
    var quantity: Int8?

    enum CodingKeys: String, XMLCodingKey {
        case sku = "SKU"
        case kind = "Kind"
        case price = "Price"
        case quantity = "Quantity"

        var xmlNodeKind: XMLNodeKind { self == .sku ? .attribute : .element }
    }
}

struct Order: Codable, Hashable, XMLRootElement {
    static let xmlRootElementName = XMLQualifiedName(namespace: TestNamespace.uri, localName: "Order")

    var identifier: String
    var note: String?
    var items: [Item]
    var total: Decimal
    var date: XMLDate
    var paid: Bool

    enum CodingKeys: String, XMLCodingKey {
        case identifier = "Identifier"
        case note = "Note"
        case items = "Item"
        case total = "Total"
        case date = "Date"
        case paid = "Paid"

        var xmlNodeKind: XMLNodeKind { self == .identifier ? .attribute : .element }
    }
}

/// A choice: exactly one of three elements.
enum Holder: Codable, Hashable {
    case owner(Bool)
    case traveller(String)
    case details(String)

    enum CodingKeys: String, XMLCodingKey {
        case owner = "AssignedToOwner"
        case traveller = "AssignedToTraveller"
        case details = "Details"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw XMLCodingError(
                code: .typeMismatch, message: "exactly one choice expected", codingPath: decoder.codingPath)
        }
        switch key {
        case .owner: self = .owner(try container.decode(Bool.self, forKey: key))
        case .traveller: self = .traveller(try container.decode(String.self, forKey: key))
        case .details: self = .details(try container.decode(String.self, forKey: key))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .owner(let value): try container.encode(value, forKey: .owner)
        case .traveller(let value): try container.encode(value, forKey: .traveller)
        case .details(let value): try container.encode(value, forKey: .details)
        }
    }
}

struct HolderBox: Codable, Hashable, XMLRootElement {
    static let xmlRootElementName = XMLQualifiedName(namespace: TestNamespace.uri, localName: "Box")
    var holder: Holder

    enum CodingKeys: String, XMLCodingKey {
        case holder = "Holder"
    }
}

/// `xsi:type` polymorphism: the base fields plus a specialisation chosen by the type name.
struct Animal: Codable, Hashable {
    enum Kind: Hashable {
        case plain
        case dog(breed: String)
        case cat(lives: Int)
    }

    var name: String
    var kind: Kind

    enum CodingKeys: String, XMLCodingKey {
        case type
        case name = "Name"
        case breed = "Breed"
        case lives = "Lives"

        var xmlNodeKind: XMLNodeKind { self == .type ? .attribute : .element }
        var xmlNamespace: XMLKeyNamespace { self == .type ? .uri(XMLNamespace.schemaInstance) : .inherited }
    }

    init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        guard let type = try container.decodeIfPresent(XMLQualifiedName.self, forKey: .type) else {
            kind = .plain
            return
        }
        switch (type.namespace, type.localName) {
        case (TestNamespace.uri, "DogType"): kind = .dog(breed: try container.decode(String.self, forKey: .breed))
        case (TestNamespace.uri, "CatType"): kind = .cat(lives: try container.decode(Int.self, forKey: .lives))
        default:
            throw XMLCodingError(code: .unknownType, message: "unknown type \(type)", codingPath: container.codingPath)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case .plain:
            try container.encode(name, forKey: .name)
        case .dog(let breed):
            try container.encode(XMLQualifiedName(namespace: TestNamespace.uri, localName: "DogType"), forKey: .type)
            try container.encode(name, forKey: .name)
            try container.encode(breed, forKey: .breed)
        case .cat(let lives):
            try container.encode(XMLQualifiedName(namespace: TestNamespace.uri, localName: "CatType"), forKey: .type)
            try container.encode(name, forKey: .name)
            try container.encode(lives, forKey: .lives)
        }
    }
}

struct Zoo: Codable, Hashable, XMLRootElement {
    static let xmlRootElementName = XMLQualifiedName(namespace: TestNamespace.uri, localName: "Zoo")
    var animals: [Animal]
    var extras: [XMLAnyElement] = []

    enum CodingKeys: String, XMLCodingKey {
        case animals = "Animal"
        case extras

        var xmlNodeKind: XMLNodeKind { self == .extras ? .otherElements : .element }
    }
}

/// Only `Note`, as `String`, to test absent / empty / nil and text handling.
struct NoteOnly: Codable, Hashable {
    var note: String?

    enum CodingKeys: String, CodingKey {
        case note = "Note"
    }
}
