import Foundation
import Testing
import XMLCoding

/// An element's start tag is searched for an attribute of the same name only when a per-element
/// filter of the names written (length, first and last byte) says it may be there. Names that
/// share the filter's bit must still both be written; a real duplicate must still be refused,
/// also when the second one arrives after the element's content.
@Suite struct XMLEncoderDuplicateAttributeTests {
    struct Tagged: Encodable {
        var keys: [CodingKeys]
        var childFirst = false

        enum CodingKeys: String, XMLCodingKey {
            // Same length, first and last byte: the same filter bit.
            case axb = "Axb"
            case ayb = "Ayb"
            case other = "Other"
            case child = "Child"

            var xmlNodeKind: XMLNodeKind { self == .child ? .element : .attribute }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            if childFirst { try container.encode("c", forKey: .child) }
            for key in keys {
                try container.encode(key.rawValue.lowercased(), forKey: key)
            }
        }
    }

    private func xml(_ value: Tagged) throws -> String {
        let data = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            value, rootElement: XMLQualifiedName("Tagged"))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func namesSharingAFilterBitAreBothWritten() throws {
        #expect(try xml(Tagged(keys: [.axb, .ayb, .other])) == "<Tagged Axb=\"axb\" Ayb=\"ayb\" Other=\"other\"/>")
        #expect(
            try xml(Tagged(keys: [.ayb, .axb], childFirst: true))
                == "<Tagged Ayb=\"ayb\" Axb=\"axb\"><Child>c</Child></Tagged>")
    }

    @Test(arguments: [
        Tagged(keys: [.axb, .axb]), Tagged(keys: [.other, .axb, .ayb, .other]),
        Tagged(keys: [.ayb, .ayb], childFirst: true),
    ])
    func aRepeatedAttributeIsRefused(_ value: Tagged) throws {
        #expect {
            try xml(value)
        } throws: { error in
            guard let error = error as? XMLCodingError else { return false }
            return error.code == .unencodableValue && error.message.contains("encoded twice")
        }
    }
}
