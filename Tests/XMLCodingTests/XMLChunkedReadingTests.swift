import Foundation
import Testing
import XMLCoding

/// The reader feeds libxml2 the caller's bytes in 1 MiB chunks instead of letting it copy the
/// whole input (issue 16). Text, attributes and errors that straddle chunk boundaries must come
/// out as they did from one buffer.
@Suite struct XMLChunkedReadingTests {
    struct Line: Codable, Equatable {
        var number: Int
        var text: String

        enum CodingKeys: String, XMLCodingKey {
            case number = "N"
            case text = "Text"

            var xmlNodeKind: XMLNodeKind { self == .number ? .attribute : .element }
        }
    }

    struct Book: Codable, Equatable, XMLRootElement {
        static let xmlRootElementName = XMLQualifiedName("Book")
        var lines: [Line]

        enum CodingKeys: String, CodingKey {
            case lines = "Line"
        }
    }

    /// About 2.6 MB: lines of varying length with umlauts and escaped characters, so that chunk
    /// boundaries fall inside names, attribute values, multi-byte characters and references.
    static let book = Book(
        lines: (0..<26_000).map { number in
            Line(number: number, text: String(repeating: "Zeile \(number) — äöü & <ß> ", count: 1 + number % 7))
        })

    @Test func largeDocumentsDecodeAcrossChunkBoundaries() throws {
        let data = try XMLEncoder().encode(Self.book)
        #expect(data.count > 2 * 1_048_576)
        #expect(try XMLDecoder().decode(Book.self, from: data) == Self.book)
        // One large text node spanning several chunks.
        let long = Line(number: 1, text: String(repeating: "ä&b", count: 1_000_000))
        let single = try XMLEncoder().encode(Book(lines: [long]))
        #expect(try XMLDecoder().decode(Book.self, from: single) == Book(lines: [long]))
    }

    @Test(arguments: [65_536, 1_048_575, 1_048_576, 1_048_577, 2_097_152, 2_200_000])
    func aTruncatedLargeDocumentIsTruncatedInput(length: Int) throws {
        let data = try XMLEncoder().encode(Self.book)
        do {
            _ = try XMLDecoder().decode(Book.self, from: data.prefix(length))
            Issue.record("a document cut at \(length) bytes decoded")
        } catch {
            #expect(error.code == .truncatedInput, "\(error)")
        }
    }

    @Test func anErrorAfterTheFirstChunkIsMalformedWithItsLine() throws {
        var text = try String(
            decoding: XMLEncoder(options: .init(prettyPrinted: true)).encode(Self.book), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let target = lines.count - 50
        text = lines.enumerated().map { $0.offset == target ? "<Bad =/>" : String($0.element) }.joined(separator: "\n")
        do {
            _ = try XMLDecoder().decode(Book.self, from: Data(text.utf8))
            Issue.record("a malformed document decoded")
        } catch {
            #expect(error.code == .malformedXML, "\(error)")
            #expect(error.line == target + 1)
        }
    }

    @Test func contentAfterTheRootIsMalformedNotTruncated() {
        do {
            _ = try XMLDocument.parse(Data("<R/><X/>".utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.code == .malformedXML)
        }
    }
}
