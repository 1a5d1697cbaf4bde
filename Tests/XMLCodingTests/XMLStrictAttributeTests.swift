import Foundation
import Testing
import XMLCoding

/// `UnknownElementPolicy.reject` refuses an attribute no key reads, as it refuses an unknown
/// element; namespace declarations and `xsi:` attributes are always allowed, and the default
/// policy still ignores unknown attributes.
@Suite struct XMLStrictAttributeTests {
    let strict = XMLDecodingOptions(unknownElements: .reject)

    func decode(_ text: String, options: XMLDecodingOptions) throws(XMLCodingError) -> Order {
        try XMLDecoder(options: options).decode(Order.self, from: Data(text.utf8))
    }

    @Test func anUnknownAttributeIsRefusedInStrictMode() throws {
        let text = XMLDecoderTests.order.replacingOccurrences(
            of: "<Item SKU=\"B-2\">", with: "<Item SKU=\"B-2\" Gift=\"yes\">")
        #expect(throws: Never.self) { try decode(text, options: .init()) }
        do {
            _ = try decode(text, options: strict)
            Issue.record("the unknown attribute was accepted")
        } catch {
            #expect(error.code == .unknownAttribute)
            #expect(error.elementPath == "/Order/Item[2]/@Gift")
            #expect(error.line == 8)
        }
    }

    @Test func anUnknownAttributeOnTheRootOrOnASimpleValueIsRefused() {
        let onRoot = XMLDecoderTests.order.replacingOccurrences(
            of: "Identifier=\"O-1\"", with: "Identifier=\"O-1\" v=\"2\"")
        let onText = XMLDecoderTests.order.replacingOccurrences(of: "<Paid>", with: "<Paid unit=\"x\">")
        let namespaced = XMLDecoderTests.order.replacingOccurrences(
            of: "<Paid>", with: "<Paid xmlns:o=\"urn:other\" o:Identifier=\"x\">")
        for text in [onRoot, onText, namespaced] {
            #expect(throws: XMLCodingError.self) { try decode(text, options: strict) }
        }
    }

    @Test func namespaceDeclarationsAndXsiAttributesAreAllowed() throws {
        let text = XMLDecoderTests.order.replacingOccurrences(
            of: "<Order xmlns=\"urn:test:orders\"",
            with: """
                <Order xmlns="urn:test:orders" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xmlns:unused="urn:unused" xsi:schemaLocation="urn:test:orders orders.xsd"
                """
        ).replacingOccurrences(
            of: "<Note>", with: "<Note xsi:type=\"xs:string\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">")
        let order = try decode(text, options: strict)
        #expect(order.identifier == "O-1")
    }
}
