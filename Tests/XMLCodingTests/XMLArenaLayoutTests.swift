import Foundation
import Testing
import XMLCoding

/// The parsed-document arena keeps 20-byte nodes (issue 16, round four): a first child is the
/// node after its parent, lines are delta-coded one byte a node, and attributes are found by
/// their owner. What the document answers must be what it was before.
@Suite struct XMLArenaLayoutTests {
    /// Elements separated by gaps of 0 to 500 lines (differences that fit the byte, the escape at
    /// 127 and beyond, and the full lines kept every 32 nodes), each with its expected line.
    static func spreadDocument() -> (text: String, lines: [Int]) {
        let gaps = [0, 1, 0, 2, 126, 127, 128, 0, 500, 3, 0, 0, 255, 1, 31, 32, 33]
        var text = "<R>"
        var line = 1
        var lines: [Int] = []
        for index in 0..<300 {
            let gap = gaps[index % gaps.count]
            text += String(repeating: "\n", count: gap)
            line += gap
            text += "<E n=\"\(index)\">\(index)</E>"
            lines.append(line)
        }
        return (text + "</R>", lines)
    }

    @Test func linesOfElementsFarApartAreExact() throws {
        let (text, lines) = Self.spreadDocument()
        let document = try XMLDocument.parse(text)
        #expect(document.line(of: document.rootElement) == 1)
        var element = document.firstChildElement(of: document.rootElement)
        var index = 0
        while let current = element {
            #expect(document.line(of: current) == lines[index], "element \(index)")
            #expect(document.attribute(document.name("n"), of: current) == String(index))
            element = document.nextSiblingElement(after: current)
            index += 1
        }
        #expect(index == lines.count)
    }

    struct Entry: Decodable {
        var n: Int
        var value: Int

        enum CodingKeys: String, XMLCodingKey {
            case n
            case value = ""
            var xmlNodeKind: XMLNodeKind { self == .n ? .attribute : .text }
        }
    }

    struct Entries: Decodable {
        var entries: [Entry]
        enum CodingKeys: String, CodingKey { case entries = "E" }
    }

    @Test func decodingErrorsFarDownReportTheirLine() throws {
        let (text, lines) = Self.spreadDocument()
        for bad in [5, 6, 9, 64, 96, 255, 299] {
            let broken = text.replacingOccurrences(of: ">\(bad)</E>", with: ">x\(bad)</E>")
            do {
                _ = try XMLDecoder().decode(Entries.self, from: Data(broken.utf8))
                Issue.record("element \(bad) with a bad value decoded")
            } catch {
                #expect(error.code == .invalidValue)
                #expect(error.line == lines[bad], "element \(bad)")
                #expect(error.elementPath == "/R/E[\(bad + 1)]")
            }
        }
        let unknown = text.replacingOccurrences(of: "<E n=\"200\">", with: "<X/><E n=\"200\">")
        do {
            _ = try XMLDecoder(options: .init(unknownElements: .reject)).decode(Entries.self, from: Data(unknown.utf8))
            Issue.record("an unknown element decoded")
        } catch {
            #expect(error.code == .unknownElement)
            #expect(error.line == lines[200])
        }
    }

    @Test func attributesOfManyElementsBelongToTheirOwners() throws {
        var text = "<R>"
        for index in 0..<200 {
            let count = index % 4
            let attributes = (0..<count).map { " a\($0)=\"\(index % 5 == 0 ? "" : "v\(index).\($0)")\"" }.joined()
            text += "<E\(attributes)>" + (index % 3 == 0 ? "<C k=\"\(index)\"/>" : "") + "</E>"
        }
        text += "</R>"
        let document = try XMLDocument.parse(text)
        var element = document.firstChildElement(of: document.rootElement)
        var index = 0
        while let current = element {
            let count = index % 4
            #expect(document.attributeCount(of: current) == count, "element \(index)")
            #expect(document.attributeNames(of: current).map(\.localName) == (0..<count).map { "a\($0)" })
            for attribute in 0..<count {
                #expect(
                    document.attribute(document.name("a\(attribute)"), of: current)
                        == (index % 5 == 0 ? "" : "v\(index).\(attribute)"))
            }
            #expect(document.attribute(document.name("a3"), of: current) == nil)
            if let child = document.firstChildElement(of: current) {
                #expect(index % 3 == 0)
                #expect(document.attribute(document.name("k"), of: child) == String(index))
                #expect(document.attributeCount(of: child) == 1)
            } else {
                #expect(index % 3 != 0)
            }
            element = document.nextSiblingElement(after: current)
            index += 1
        }
        #expect(index == 200)
    }

    @Test func textWithAndWithoutReferences() throws {
        let text = """
            <R><A>plain</A><B>a &amp; b &#x41;&#66; &lt;c&gt;</B><C>x &amp; y<D/>z</C><E>  </E><F>
              <G>g</G>
            </F><H k="1 &amp; 2">h</H></R>
            """
        let document = try XMLDocument.parse(text)
        let root = document.rootElement
        var texts: [String: String] = [:]
        var mixed: [String: Bool] = [:]
        var element = document.firstChildElement(of: root)
        while let current = element {
            texts[document.localName(of: current)] = document.text(of: current)
            mixed[document.localName(of: current)] = document.hasMixedText(current)
            element = document.nextSiblingElement(after: current)
        }
        #expect(texts == ["A": "plain", "B": "a & b AB <c>", "C": "", "E": "  ", "F": "", "H": "h"])
        #expect(mixed == ["A": false, "B": false, "C": true, "E": false, "F": false, "H": false])
        let h = try #require(
            document.firstChildElement(of: root).flatMap { first in
                var current: XMLDocument.Element? = first
                while let candidate = current, document.localName(of: candidate) != "H" {
                    current = document.nextSiblingElement(after: candidate)
                }
                return current
            })
        #expect(document.attribute(document.name("k"), of: h) == "1 & 2")
        #expect(document.line(of: h) == 3)
        #expect(document.path(of: h) == "/R/H")
        #expect(document.elementCount == 9)
    }

    /// Nesting and siblings read back as written, with text runs between them.
    @Test func nestedStructureReadsBack() throws {
        let text = "<a><b><c/><c>t<d/>u</c></b>v<b/><e><f><g/></f></e></a>"
        let document = try XMLDocument.parse(text)
        func outline(_ element: XMLDocument.Element) -> String {
            var children: [String] = []
            var child = document.firstChildElement(of: element)
            while let current = child {
                children.append(outline(current))
                child = document.nextSiblingElement(after: current)
            }
            let name = document.localName(of: element)
            return children.isEmpty ? name : name + "(" + children.joined(separator: ",") + ")"
        }
        #expect(outline(document.rootElement) == "a(b(c,c(d)),b,e(f(g)))")
        let b = try #require(document.firstChildElement(of: document.rootElement))
        let g = try #require(
            document.nextSiblingElement(after: document.nextSiblingElement(after: b)!)
                .flatMap(document.firstChildElement(of:)).flatMap(document.firstChildElement(of:)))
        #expect(document.path(of: g) == "/a/e/f/g")
        #expect(document.parent(of: g).map(document.localName(of:)) == "f")
        #expect(document.hasMixedText(document.rootElement))
    }

    /// Offsets in the arena are 32-bit: an input of 2 GiB or more is refused before a byte is read.
    @Test func inputsBeyondThirtyTwoBitOffsetsAreRefused() throws {
        let size = (1 << 32) + 16
        let region = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let region, region != MAP_FAILED else {
            Issue.record("could not reserve \(size) bytes of address space")
            return
        }
        defer { munmap(region, size) }
        let bytes = UnsafeRawBufferPointer(start: region, count: size)
        do {
            _ = try XMLDocument.parse(bytes, options: XMLReadingOptions(maximumInputSize: Int.max))
            Issue.record("a 4 GiB input was parsed")
        } catch {
            #expect(error.code == .inputTooLarge)
            #expect(error.message.contains("\(Int32.max)"))
        }
    }
}

extension XMLArenaLayoutTests {
    /// One local name in several namespaces, alternating: each element keeps its own namespace,
    /// and positions in paths count only elements of the same name and namespace.
    @Test func oneLocalNameInSeveralNamespaces() throws {
        let text = """
            <R xmlns:p="urn:p" xmlns:q="urn:q"><a/><p:a/><q:a/><p:a/><a/><q:a/><a/><p:a/></R>
            """
        let document = try XMLDocument.parse(text)
        var namespaces: [String?] = []
        var paths: [String] = []
        var element = document.firstChildElement(of: document.rootElement)
        while let current = element {
            #expect(document.localName(of: current) == "a")
            namespaces.append(document.namespace(of: current))
            paths.append(document.path(of: current))
            element = document.nextSiblingElement(after: current)
        }
        #expect(namespaces == [nil, "urn:p", "urn:q", "urn:p", nil, "urn:q", nil, "urn:p"])
        #expect(
            paths == ["/R/a", "/R/a", "/R/a", "/R/a[2]", "/R/a[2]", "/R/a[2]", "/R/a[3]", "/R/a[3]"])
        let first = try #require(document.firstChildElement(of: document.rootElement))
        let second = try #require(document.nextSiblingElement(after: first))
        #expect(!document.hasSameNamespace(first, as: second))
        #expect(document.name(of: first) == document.name(of: second))
    }
}
