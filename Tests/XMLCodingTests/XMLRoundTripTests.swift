import Foundation
import TestSupport
import Testing
import XMLCoding

/// End to end over the test vocabulary: decode → encode → decode gives the same value, and
/// encoding is canonical (equal values, identical bytes).
@Suite struct XMLRoundTripTests {
    let decoder = XMLDecoder(options: .init(unknownElements: .reject))

    func roundTrip<T: Codable & Equatable & XMLRootElement>(
        _ value: T, options: XMLEncodingOptions = .init(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Data {
        let encoded = try XMLEncoder(options: options).encode(value)
        let decoded = try decoder.decode(T.self, from: encoded)
        #expect(decoded == value, sourceLocation: sourceLocation)
        let again = try XMLEncoder(options: options).encode(decoded)
        #expect(again == encoded, "canonical output", sourceLocation: sourceLocation)
        return encoded
    }

    @Test func orderRoundTripsCompactAndPretty() throws {
        let order = try XMLDecoder().decode(Order.self, from: XMLDecoderTests.order)
        let compact = try roundTrip(order)
        let pretty = try roundTrip(order, options: XMLEncodingOptions(prettyPrinted: true))
        #expect(compact.count < pretty.count)
        // Amounts keep their decimal value; the canonical form drops trailing zeros.
        #expect(String(decoding: compact, as: UTF8.self).contains("<Price Currency=\"EUR\">12.5</Price>"))
    }

    @Test func polymorphicAndKeptElementsRoundTrip() throws {
        let zoo = try XMLDecoder().decode(Zoo.self, from: XMLDecoderTests.zoo)
        let encoded = try roundTrip(zoo)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("xsi:type=\"DogType\""), "the type QName uses the root's default namespace: \(text)")
        #expect(text.contains("<Aquarium size=\"large\"><Fish>Nemo</Fish> and friends</Aquarium>"), "\(text)")
    }

    @Test func choicesRoundTrip() throws {
        for holder in [Holder.owner(true), .traveller("T-1"), .details("Jane <Doe> & \"Co\"")] {
            _ = try roundTrip(HolderBox(holder: holder))
        }
    }

    @Test func prefixedOutputRoundTrips() throws {
        let order = try XMLDecoder().decode(Order.self, from: XMLDecoderTests.order)
        let options = XMLEncodingOptions(namespacePrefixes: [TestNamespace.uri: "o"])
        let encoded = try roundTrip(order, options: options)
        #expect(String(decoding: encoded, as: UTF8.self).contains("<o:Order xmlns:o=\"urn:test:orders\""))
    }

    /// Generated values (deterministic seed): decode(encode(x)) == x.
    @Test func generatedOrdersRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        let texts = [
            "", " ", "a & b", "<tag>", "\"quoted\" 'single'", "tab\tnew\nline", "Grüße €", "]]>", "  padded  ",
        ]
        for _ in 0..<200 {
            let items = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                Item(
                    sku: texts.randomElement(using: &generator) ?? "",
                    kind: Bool.random(using: &generator) ? .book : .music,
                    price: Price(
                        currency: "EUR",
                        value: Decimal(
                            sign: .plus, exponent: -Int.random(in: 0...3, using: &generator),
                            significand: Decimal(Int.random(in: 0...99_999_999, using: &generator)))),
                    quantity: Bool.random(using: &generator) ? Int8.random(in: .min ... .max, using: &generator) : nil)
            }
            let order = Order(
                identifier: "O-\(Int.random(in: 1...9999, using: &generator))",
                note: Bool.random(using: &generator) ? texts.randomElement(using: &generator) : nil,
                items: items,
                total: Decimal(
                    sign: Bool.random(using: &generator) ? .minus : .plus, exponent: -2,
                    significand: Decimal(Int.random(in: 0...Int(Int32.max), using: &generator))),
                date: XMLDate(daysSinceEpoch: Int.random(in: -100_000...100_000, using: &generator)),
                paid: Bool.random(using: &generator))
            _ = try roundTrip(order)
        }
    }
}

extension XMLRoundTripTests {
    @Test func keptElementsKeepThePrefixesTheirValuesUse() throws {
        let text = """
            <z:Zoo xmlns:z="urn:test:orders" xmlns:q="urn:test:kinds"><z:Animal><z:Name>A</z:Name></z:Animal>\
            <z:Pen Kind="q:Reptile"/></z:Zoo>
            """
        let zoo = try XMLDecoder().decode(Zoo.self, from: text)
        let encoded = try XMLEncoder().encode(zoo)
        let output = String(decoding: encoded, as: UTF8.self)
        #expect(output.contains("xmlns:q=\"urn:test:kinds\""), "\(output)")
        let again = try XMLDecoder().decode(Zoo.self, from: encoded)
        #expect(again == zoo)
        #expect(again.extras.first?.namespacesInScope["q"] == "urn:test:kinds")
    }
}
