import Foundation
import Testing
import XMLCoding

/// The encoder escapes text and attribute values eight bytes at a time where it can. Its output
/// must equal a plain character-by-character escaper for strings of every length and mix, and a
/// character XML 1.0 forbids must be refused wherever in the string it stands.
@Suite struct XMLEncoderEscapingTests {
    struct Item: Encodable {
        var value: String
        var text: String

        enum CodingKeys: String, XMLCodingKey {
            case value = "Value"
            case text = "Text"
            var xmlNodeKind: XMLNodeKind { self == .value ? .attribute : .element }
        }
    }

    /// The reference: one scalar at a time, as the encoder's documentation states the rules.
    private func escaped(_ text: String, attribute: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">" where !attribute: result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\r": result += "&#13;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func encoded(_ text: String) throws -> String {
        let data = try XMLEncoder(options: .init(includesXMLDeclaration: false)).encode(
            Item(value: text, text: text), rootElement: XMLQualifiedName("I"))
        return String(decoding: data, as: UTF8.self)
    }

    /// Deterministic strings over an alphabet of plain and special characters, multi-byte ones
    /// among them (U+FFFD starts with the byte 0xEF, like the forbidden U+FFFE and U+FFFF).
    private static func strings(count: Int, seed: UInt64) -> [String] {
        let alphabet: [String] = [
            "a", "Z", "0", " ", "-", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "é", "€", "\u{FFFD}", "\u{EFFF}",
            "😀", "?", "~",
        ]
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            let length = next() % 41
            // Mostly plain runs, so that whole words are skipped too.
            return (0..<length).map { _ in next() % 3 == 0 ? alphabet[next() % alphabet.count] : "x" }.joined()
        }
    }

    @Test func escapingMatchesTheCharacterByCharacterRules() throws {
        for text in Self.strings(count: 3000, seed: 7) {
            let expected =
                "<I Value=\"\(escaped(text, attribute: true))\">"
                + (text.isEmpty ? "<Text/>" : "<Text>\(escaped(text, attribute: false))</Text>") + "</I>"
            #expect(try encoded(text) == expected, "\(Array(text.unicodeScalars))")
        }
    }

    @Test(arguments: ["\u{1}", "\u{0}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{B}"])
    func aForbiddenCharacterIsRefusedAnywhere(_ forbidden: String) throws {
        for prefixLength in [0, 1, 7, 8, 9, 15, 16, 23] {
            let text = String(repeating: "p", count: prefixLength) + forbidden + "tail-of-text"
            #expect {
                try encoded(text)
            } throws: { error in
                (error as? XMLCodingError)?.code == .illegalCharacter
            }
        }
    }
}
