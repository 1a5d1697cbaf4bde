import Foundation
import Testing
import XMLCoding

/// Every code `XMLCoding` documents is produced by at least one input here, so a code can neither
/// go untested nor silently stop being produced.
@Suite struct ErrorCodeCoverageTests {
    struct Anything: Codable {
        init(from decoder: any Decoder) throws {}
        init() {}
        func encode(to encoder: any Encoder) throws {}
    }

    struct BadName: Encodable, XMLRootElement {
        static let xmlRootElementName = XMLQualifiedName("R")
        enum CodingKeys: String, CodingKey { case value = "not a name" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("x", forKey: .value)
        }
    }

    struct Text: Encodable, XMLRootElement {
        static let xmlRootElementName = XMLQualifiedName("R")
        var text: String
        enum CodingKeys: String, CodingKey { case text = "T" }
    }

    struct Floating: Encodable, XMLRootElement {
        static let xmlRootElementName = XMLQualifiedName("R")
        var amount: Float
        enum CodingKeys: String, CodingKey { case amount = "Amount" }
    }

    static func decodeOrder(_ text: String, strict: Bool = false) throws {
        let options = XMLDecodingOptions(unknownElements: strict ? .reject : .ignore)
        _ = try XMLDecoder(options: options).decode(Order.self, from: Data(text.utf8))
    }

    static let producers: [XMLCodingError.Code: @Sendable () throws -> Void] = [
        .inputTooLarge: { _ = try XMLDocument.parse(Data("<R/>".utf8), options: .init(maximumInputSize: 2)) },
        .depthLimitExceeded: {
            _ = try XMLDocument.parse(Data("<a><a/></a>".utf8), options: .init(maximumElementDepth: 1))
        },
        .tooManyAttributes: {
            _ = try XMLDocument.parse(Data("<R a='1' b='2'/>".utf8), options: .init(maximumAttributesPerElement: 1))
        },
        .tooManyNamespaceDeclarations: {
            _ = try XMLDocument.parse(
                Data("<R xmlns='urn:a' xmlns:b='urn:b'/>".utf8),
                options: .init(maximumNamespaceDeclarationsPerElement: 1))
        },
        .doctypeNotAllowed: { _ = try XMLDocument.parse(Data("<!DOCTYPE R><R/>".utf8)) },
        .undeclaredEntity: { _ = try XMLDocument.parse(Data("<R>&x;</R>".utf8)) },
        .invalidEncoding: { _ = try XMLDocument.parse(Data([0x3C, 0x52, 0x3E, 0xFF, 0x3C, 0x2F, 0x52, 0x3E])) },
        .unsupportedEncoding: { _ = try XMLDocument.parse(Data("<?xml version=\"1.0\" encoding=\"NOPE\"?><R/>".utf8)) },
        .illegalCharacter: { _ = try XMLEncoder().encode(Text(text: "\u{1}")) },
        .truncatedInput: { _ = try XMLDocument.parse(Data("<R>".utf8)) },
        .malformedXML: { _ = try XMLDocument.parse(Data("<R></S>".utf8)) },
        .ioError: { _ = try XMLDocument.parse(contentsOf: URL(fileURLWithPath: "/nonexistent/x.xml")) },
        .unexpectedRootElement: { try decodeOrder("<Other/>") },
        .missingElement: { try decodeOrder("<Order xmlns=\"urn:test:orders\" Identifier=\"1\"/>") },
        .missingAttribute: { try decodeOrder("<Order xmlns=\"urn:test:orders\"/>") },
        .invalidValue: { try decodeOrder(XMLDecoderTests.order.replacingOccurrences(of: "1212.50", with: "x")) },
        .valueOutOfRange: { try decodeOrder(XMLDecoderTests.order.replacingOccurrences(of: "+3", with: "128")) },
        .unknownEnumerationValue: {
            try decodeOrder(XMLDecoderTests.order.replacingOccurrences(of: ">Book<", with: ">Film<"))
        },
        .unknownElement: {
            try decodeOrder(
                XMLDecoderTests.order.replacingOccurrences(of: "<Total>", with: "<X/><Total>"), strict: true)
        },
        .unknownAttribute: {
            try decodeOrder(
                XMLDecoderTests.order.replacingOccurrences(of: "<Total>", with: "<Total Extra=\"1\">"), strict: true)
        },
        .elementOutOfOrder: {
            try decodeOrder(
                XMLDecoderTests.order.replacingOccurrences(of: "<Date>2026-11-23</Date>", with: "")
                    .replacingOccurrences(of: "<Total>", with: "<Date>2026-11-23</Date><Total>"), strict: true)
        },
        .unknownType: {
            _ = try XMLDecoder().decode(
                Zoo.self, from: XMLDecoderTests.zoo.replacingOccurrences(of: "DogType", with: "EmuType"))
        },
        .unresolvedPrefix: {
            _ = try XMLDecoder().decode(
                Zoo.self, from: XMLDecoderTests.zoo.replacingOccurrences(of: "z:DogType", with: "y:DogType"))
        },
        .typeMismatch: {
            try decodeOrder(XMLDecoderTests.order.replacingOccurrences(of: "<Total>1212.50", with: "<Total><A/>"))
        },
        .dataCorrupted: {
            struct Refuses: Decodable {
                init(from decoder: any Decoder) throws {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no"))
                }
            }
            _ = try XMLDecoder().decode(Refuses.self, from: "<R/>")
        },
        .invalidName: { _ = try XMLEncoder().encode(BadName()) },
        .unencodableValue: { _ = try XMLEncoder().encode(Floating(amount: 1)) },
        .schemaViolation: {
            let schema = try XMLSchema(
                main: "s.xsd",
                documents: [
                    "s.xsd": Data(
                        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"R\" type=\"xs:int\"/></xs:schema>"
                            .utf8)
                ])
            _ = try XMLDecoder().decode(Anything.self, from: Data("<R>x</R>".utf8), validatingAgainst: schema)
        },
        .invalidSchema: { _ = try XMLSchema(main: "s.xsd", documents: ["s.xsd": Data("<xs:schema/>".utf8)]) },
    ]

    @Test(arguments: XMLCodingError.Code.allProducedByXMLCoding)
    func everyCodeIsProduced(code: XMLCodingError.Code) throws {
        let producer = try #require(Self.producers[code], "no test produces \(code)")
        do {
            try producer()
            Issue.record("\(code): the producer succeeded")
        } catch let error as XMLCodingError {
            #expect(error.code == code, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func theListIsComplete() {
        #expect(
            Set(XMLCodingError.Code.allProducedByXMLCoding).count == XMLCodingError.Code.allProducedByXMLCoding.count)
        #expect(Set(Self.producers.keys) == Set(XMLCodingError.Code.allProducedByXMLCoding))
    }
}
