import Foundation
import Testing
import XMLCoding

/// Hostile input: every attack is refused quickly, with its own code, and nothing is read from
/// disk or network.
@Suite struct XMLReadingSecurityTests {
    struct Anything: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    struct Text: Decodable, Equatable {
        var text: String?
        enum CodingKeys: String, CodingKey { case text = "T" }
    }

    /// Parses, expecting `code`, and checks it took well under a second.
    @discardableResult
    func expectRefused(
        _ code: XMLCodingError.Code, _ bytes: Data, options: XMLReadingOptions = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> XMLCodingError? {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            #expect(clock.now - start < .seconds(2), "refusal must be quick", sourceLocation: sourceLocation)
        }
        do {
            _ = try XMLDocument.parse(bytes, options: options)
            Issue.record("expected \(code), the input was accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            return error
        }
    }

    func expectRefused(
        _ code: XMLCodingError.Code, _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectRefused(code, Data(text.utf8), sourceLocation: sourceLocation)
    }

    @Test func externalEntityFromAFileIsRefused() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString).txt")
        try Data("TOP-SECRET".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE R [<!ENTITY x SYSTEM "\(secret.absoluteString)">]>
            <R><T>&x;</T></R>
            """
        let error = expectRefused(.doctypeNotAllowed, Data(text.utf8))
        #expect(error?.line == 2)
        #expect(error?.description.contains("TOP-SECRET") == false)
        // The String and file entry points refuse it too.
        #expect(throws: XMLCodingError.self) { try XMLDecoder().decode(Text.self, from: text) }
    }

    @Test func externalEntityOverTheNetworkIsRefused() {
        expectRefused(
            .doctypeNotAllowed,
            "<!DOCTYPE R [<!ENTITY x SYSTEM \"http://127.0.0.1:9/evil.xml\">]><R><T>&x;</T></R>")
        expectRefused(.doctypeNotAllowed, "<!DOCTYPE R SYSTEM \"http://127.0.0.1:9/evil.dtd\"><R/>")
        expectRefused(.doctypeNotAllowed, "<!DOCTYPE R PUBLIC \"-//X//Y\" \"file:///etc/passwd\"><R/>")
    }

    @Test func billionLaughsIsRefused() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<R><T>&lol9;</T></R>"
        expectRefused(.doctypeNotAllowed, text)
    }

    @Test func quadraticBlowUpIsRefused() {
        let entity = String(repeating: "x", count: 50_000)
        let references = String(repeating: "&a;", count: 50_000)
        expectRefused(.doctypeNotAllowed, "<!DOCTYPE R [<!ENTITY a \"\(entity)\">]><R><T>\(references)</T></R>")
    }

    @Test func anyDoctypeIsRefused() {
        expectRefused(.doctypeNotAllowed, "<!DOCTYPE R><R/>")
    }

    @Test func undeclaredEntityIsRefused() {
        expectRefused(.undeclaredEntity, "<R><T>&nbsp;</T></R>")
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let error = expectRefused(.depthLimitExceeded, Data(deep.utf8))
        #expect(error?.message.contains("256") == true)
        // A custom limit applies, and nesting up to the limit is fine.
        let nested = String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20)
        #expect(throws: Never.self) {
            _ = try XMLDocument.parse(Data(nested.utf8), options: XMLReadingOptions(maximumElementDepth: 20))
        }
        expectRefused(.depthLimitExceeded, Data(nested.utf8), options: XMLReadingOptions(maximumElementDepth: 19))
    }

    @Test func oversizeInputIsRefusedBeforeParsing() {
        let text = "<R>" + String(repeating: "x", count: 2_000) + "</R>"
        let error = expectRefused(.inputTooLarge, Data(text.utf8), options: XMLReadingOptions(maximumInputSize: 1_000))
        #expect(error?.message.contains("1000") == true)
    }

    @Test func oversizeFileIsRefusedBeforeReading() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).xml")
        try Data(("<R>" + String(repeating: "x", count: 5_000) + "</R>").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try XMLDocument.parse(contentsOf: file, options: XMLReadingOptions(maximumInputSize: 1_000))
            Issue.record("oversize file accepted")
        } catch {
            #expect(error.code == .inputTooLarge)
        }
        #expect(try XMLDocument.parse(contentsOf: file).rootElementName == XMLQualifiedName("R"))
    }

    @Test func missingFileIsAnIOError() {
        do {
            _ = try XMLDocument.parse(contentsOf: URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).xml"))
            Issue.record("missing file accepted")
        } catch {
            #expect(error.code == .ioError)
        }
    }

    @Test func largeTextNodesHaveNoTenMegabyteLimit() throws {
        let size = 12_000_000
        var bytes = Data("<R><T>".utf8)
        bytes.append(Data(repeating: UInt8(ascii: "a"), count: size))
        bytes.append(Data("</T></R>".utf8))
        let value = try XMLDecoder().decode(Text.self, from: bytes)
        #expect(value.text?.utf8.count == size)
    }

    @Test(arguments: ["<R><T>", "<R><T>abc</T>", "<R", "<?xml version=\"1.0\"?>", ""])
    func truncatedInputIsRefused(text: String) {
        expectRefused(.truncatedInput, text)
    }

    @Test func invalidUTF8IsRefused() {
        let bytes = Data("<R><T>".utf8) + Data([0xC3, 0x28, 0xFF]) + Data("</T></R>".utf8)
        let error = expectRefused(.invalidEncoding, bytes)
        #expect(error?.line == 1)
    }

    @Test func unsupportedEncodingIsRefused() {
        expectRefused(.unsupportedEncoding, "<?xml version=\"1.0\" encoding=\"X-NO-SUCH-ENCODING\"?><R/>")
    }

    @Test(arguments: ["<R><T>&#1;</T></R>", "<R><T>&#xFFFE;</T></R>", "<R><T>a\u{1}b</T></R>", "<R A=\"\u{8}\"/>"])
    func illegalCharactersAreRefused(text: String) {
        expectRefused(.illegalCharacter, text)
    }

    @Test(arguments: [
        "<R><T></X></R>", "<R><T a=1/></R>", "<R/><R/>", "text", "<R><T>a & b</T></R>", "<Order></Item>",
        "<R a=\"1\" a=\"2\"/>",
    ])
    func malformedInputIsRefused(text: String) {
        expectRefused(.malformedXML, text)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let bytes = Data([0xEF, 0xBB, 0xBF]) + Data("<R><T>ok</T></R>".utf8)
        #expect(try XMLDecoder().decode(Text.self, from: bytes) == Text(text: "ok"))
    }

    @Test func xincludeIsNotProcessed() throws {
        let text = """
            <R xmlns:xi="http://www.w3.org/2001/XInclude"><T>x</T><xi:include href="/etc/hostname" parse="text"/></R>
            """
        let document = try XMLDocument.parse(Data(text.utf8))
        #expect(document.elementCount == 3)
        #expect(try XMLDecoder().decode(Text.self, from: document) == Text(text: "x"))
    }

    @Test func schemaLocationHintsAreNeverFollowed() throws {
        let text = """
            <R xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://127.0.0.1:9/x.xsd"><T>x</T></R>
            """
        #expect(try XMLDecoder().decode(Text.self, from: text) == Text(text: "x"))
    }
}
