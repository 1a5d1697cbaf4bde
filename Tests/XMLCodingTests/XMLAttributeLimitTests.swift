import Foundation
import Testing
import XMLCoding

/// Start tags with huge numbers of attributes or namespace declarations are refused before
/// libxml2 parses them (its duplicate check is quadratic), with their own codes and the tag's
/// position; ordinary documents, and markup that only looks like attributes, are unaffected.
@Suite struct XMLAttributeLimitTests {
    func refusal(_ data: Data, options: XMLReadingOptions = .default) -> XMLCodingError? {
        do {
            _ = try XMLDocument.parse(data, options: options)
            return nil
        } catch {
            return error
        }
    }

    static func element(attributes count: Int, prefix: String = "a", value: (Int) -> String = { _ in "1" }) -> String {
        var text = "<R"
        text.reserveCapacity(count * 12)
        for index in 0..<count { text += " \(prefix)\(index)=\"\(value(index))\"" }
        return text + "/>"
    }

    @Test func twoHundredThousandAttributesAreRefused() throws {
        let text = "<?xml version=\"1.0\"?>\n" + Self.element(attributes: 200_000)
        #expect(text.utf8.count > 2_000_000)
        let error = try #require(refusal(Data(text.utf8)))
        #expect(error.code == .tooManyAttributes)
        #expect(error.line == 2)
        #expect(error.column == 1)
    }

    @Test func oneHundredThousandNamespaceDeclarationsAreRefused() throws {
        let text = Self.element(attributes: 100_000, prefix: "xmlns:p") { "urn:n\($0)" }
        let error = try #require(refusal(Data(text.utf8)))
        #expect(error.code == .tooManyNamespaceDeclarations)
        #expect(error.line == 1)
    }

    @Test func theLimitsAreInclusiveAndConfigurable() throws {
        let twoHundredFiftySix = Self.element(attributes: 256)
        #expect(refusal(Data(twoHundredFiftySix.utf8)) == nil)
        #expect(refusal(Data(Self.element(attributes: 257).utf8))?.code == .tooManyAttributes)
        let declarations = "<R xmlns=\"urn:d\"" + (0..<63).map { " xmlns:p\($0)=\"urn:\($0)\"" }.joined() + "/>"
        #expect(refusal(Data(declarations.utf8)) == nil)
        let small = XMLReadingOptions(maximumAttributesPerElement: 2, maximumNamespaceDeclarationsPerElement: 1)
        #expect(refusal(Data("<R a=\"1\" b=\"2\"/>".utf8), options: small) == nil)
        #expect(refusal(Data("<R a=\"1\" b=\"2\" c='3'/>".utf8), options: small)?.code == .tooManyAttributes)
        #expect(
            refusal(Data("<R xmlns='urn:a' xmlns:b='urn:b'/>".utf8), options: small)?.code
                == .tooManyNamespaceDeclarations)
        // Declarations and attributes are counted separately.
        #expect(refusal(Data("<R xmlns='urn:a' a='1' b='2'/>".utf8), options: small) == nil)
    }

    /// The scanner skips start tags too short to exceed a limit (issue 16); the shortest tags
    /// that do exceed it, with one-letter names and empty values, must still be refused.
    @Test(arguments: 1...6)
    func theShortestTagsOverALimitAreRefused(limit: Int) {
        let letters = "abcdefgh".map(String.init)
        let options = XMLReadingOptions(
            maximumAttributesPerElement: limit, maximumNamespaceDeclarationsPerElement: limit)
        let atLimit = "<R" + letters.prefix(limit).map { " \($0)=''" }.joined() + "/>"
        let overLimit = "<R" + letters.prefix(limit + 1).map { " \($0)=''" }.joined() + "/>"
        #expect(refusal(Data(atLimit.utf8), options: options) == nil)
        #expect(refusal(Data(overLimit.utf8), options: options)?.code == .tooManyAttributes)
        let declarations = "<R" + letters.prefix(limit + 1).map { " xmlns:\($0)='u'" }.joined() + "/>"
        #expect(refusal(Data(declarations.utf8), options: options)?.code == .tooManyNamespaceDeclarations)
    }

    @Test func markupThatOnlyLooksLikeAttributesIsNotCounted() throws {
        let small = XMLReadingOptions(maximumAttributesPerElement: 1)
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?pi a="1" b="2"?>
            <!-- <X a="1" b="2" c="3"/> -->
            <R a="x=y b='2' c=&quot;3&quot;">
              <![CDATA[<X a="1" b="2"/>]]>
              <S b='one "=" two'>a=1 b=2 &gt; c=3</S>
            </R>
            """
        #expect(refusal(Data(text.utf8), options: small) == nil)
        let error = try #require(refusal(Data((text + "<!-- --><T a='1'\n b='2'/>").utf8), options: small))
        // The trailing element is after the root, but the count comes first and is located.
        #expect(error.code == .tooManyAttributes)
        #expect(error.line == 7)
    }

    @Test func utf16InputIsCountedToo() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.element(attributes: 300).utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(refusal(Data(bytes))?.code == .tooManyAttributes)
    }

    @Test func aDeclaredEncodingThePreScanCannotReadIsRefused() throws {
        // UTF-7 writes `<` as `+ADw-`: a byte scan would see no tag at all.
        let utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?><R/>"
        #expect(refusal(Data(utf7.utf8))?.code == .unsupportedEncoding)
        let mismatch = "<?xml version=\"1.0\" encoding=\"UTF-16LE\"?><R/>"
        #expect(refusal(Data(mismatch.utf8))?.code == .invalidEncoding)
        let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R a=\"1\"/>"
        #expect(refusal(Data(latin1.utf8)) == nil)
    }

    @Test func anOrdinaryDocumentIsUnaffected() throws {
        let document = try XMLDocument.parse(Data(XMLDecoderTests.order.utf8))
        #expect(document.rootElementName.localName == "Order")
    }
}
