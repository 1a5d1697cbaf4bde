import Foundation
import Testing
import XMLCoding

/// The decoder reuses keyed containers per key type, searches children from the previous match
/// and matches enumerations by their bytes (issue 16). These tests pin the behaviour those
/// shortcuts must not change.
@Suite struct XMLDecoderContainerReuseTests {
    /// A recursive type: containers of one key type are live at several depths at once.
    struct Tree: Decodable, Equatable {
        var label: String
        var children: [Tree]

        enum CodingKeys: String, XMLCodingKey {
            case label = "Label"
            case children = "Tree"

            var xmlNodeKind: XMLNodeKind { self == .label ? .attribute : .element }
        }

        init(label: String, children: [Tree] = []) {
            self.label = label
            self.children = children
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Children first, the own attribute after them: the container must still read this
            // element once the children's containers (same key type) were made and freed.
            children = try container.decodeIfPresent([Tree].self, forKey: .children) ?? []
            label = try container.decode(String.self, forKey: .label)
        }
    }

    @Test func recursiveTypesKeepTheirOwnContainers() throws {
        let text = """
            <Tree Label="root"><Tree Label="a"><Tree Label="a1"/><Tree Label="a2"/></Tree><Tree Label="b"/></Tree>
            """
        let tree = try XMLDecoder().decode(Tree.self, from: Data(text.utf8))
        #expect(
            tree
                == Tree(
                    label: "root",
                    children: [Tree(label: "a", children: [Tree(label: "a1"), Tree(label: "a2")]), Tree(label: "b")]))
    }

    struct Point: Decodable, Equatable {
        var x: Int
        var y: Int

        enum CodingKeys: String, CodingKey {
            case x = "X"
            case y = "Y"
        }
    }

    /// Holds two containers of one key type at the same depth at once, through super decoders.
    struct Segment: Decodable, Equatable {
        var from: Point
        var to: Point

        enum CodingKeys: String, CodingKey {
            case from = "From"
            case to = "To"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let start = try container.superDecoder(forKey: .from).container(keyedBy: Point.CodingKeys.self)
            let end = try container.superDecoder(forKey: .to).container(keyedBy: Point.CodingKeys.self)
            // Read interleaved: each container must stay on its own element.
            let endX = try end.decode(Int.self, forKey: .x)
            let startX = try start.decode(Int.self, forKey: .x)
            let endY = try end.decode(Int.self, forKey: .y)
            let startY = try start.decode(Int.self, forKey: .y)
            from = Point(x: startX, y: startY)
            to = Point(x: endX, y: endY)
        }

        init(from: Point, to: Point) {
            self.from = from
            self.to = to
        }
    }

    @Test func containersHeldAtTheSameTimeReadTheirOwnElements() throws {
        let text = "<Segment><From><X>1</X><Y>2</Y></From><To><X>3</X><Y>4</Y></To></Segment>"
        let segment = try XMLDecoder().decode(Segment.self, from: Data(text.utf8))
        #expect(segment == Segment(from: Point(x: 1, y: 2), to: Point(x: 3, y: 4)))
    }

    @Test func keysAskedAgainOrOutOfOrderFindTheFirstMatchingChild() throws {
        struct Pair: Decodable {
            var first: String
            var second: String
            var firstAgain: String
            var present: Bool

            enum CodingKeys: String, CodingKey {
                case a = "A"
                case b = "B"
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                second = try container.decode(String.self, forKey: .b)
                first = try container.decode(String.self, forKey: .a)
                firstAgain = try container.decode(String.self, forKey: .a)
                present = container.contains(.b)
            }
        }
        let pair = try XMLDecoder().decode(Pair.self, from: Data("<P><A>1</A><B>2</B><A>3</A></P>".utf8))
        #expect(pair.first == "1")
        #expect(pair.firstAgain == "1")
        #expect(pair.second == "2")
        #expect(pair.present)
    }

    @Test func aRepeatedElementTheTypeReadsOnceIsStillRefused() {
        struct Single: Decodable {
            var a: String
            var b: String

            enum CodingKeys: String, CodingKey {
                case a = "A"
                case b = "B"
            }
        }
        let strict = XMLDecoder(options: XMLDecodingOptions(unknownElements: .reject))
        #expect(throws: XMLCodingError.self) {
            _ = try strict.decode(Single.self, from: Data("<S><A>1</A><B>2</B><A>3</A></S>".utf8))
        }
    }

    enum Colour: String, XMLEnumeration {
        case red = "Red"
        case darkRed = "Dark Red"
        case redder = "Redder"
    }

    struct Palette: Decodable {
        var colours: [Colour]

        enum CodingKeys: String, CodingKey {
            case colours = "Colour"
        }
    }

    /// Five values of one type, so that the decoder's byte table (made from the third value on)
    /// is used as well as the plain path.
    static func palette(_ text: String) -> Data {
        Data(("<P>" + String(repeating: "<Colour>\(text)</Colour>", count: 5) + "</P>").utf8)
    }

    @Test(arguments: [
        ("Red", Colour.red), ("Redder", .redder), (" Red ", .red), ("Dark Red", .darkRed), ("\nDark   Red\t", .darkRed),
    ])
    func enumerationsMatchByBytesAndAfterCollapsingWhiteSpace(text: String, expected: Colour) throws {
        let palette = try XMLDecoder().decode(Palette.self, from: Self.palette(text))
        #expect(palette.colours == Array(repeating: expected, count: 5))
    }

    @Test(arguments: ["Re", "Reddest", "red", ""])
    func unknownEnumerationValuesAreRefused(text: String) {
        let mixed = Data(
            ("<P>" + String(repeating: "<Colour>Red</Colour>", count: 4) + "<Colour>\(text)</Colour></P>").utf8)
        for data in [Self.palette(text), mixed] {
            do {
                _ = try XMLDecoder().decode(Palette.self, from: data)
                Issue.record("'\(text)' decoded")
            } catch {
                #expect(error.code == .unknownEnumerationValue)
            }
        }
    }
}
