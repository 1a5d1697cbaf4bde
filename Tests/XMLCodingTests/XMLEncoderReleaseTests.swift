import Foundation
import Testing
import XMLCoding

/// An encode call frees everything it made, also when it throws: the reused keyed containers'
/// targets refer back to the encoder (for `encodeIfPresent`, issue 16), and the encoder keeps
/// the containers, so the encoder must break that cycle once the document is done.
@Suite struct XMLEncoderReleaseTests {
    /// Handed to the encoder in `userInfo`, which the encoding state holds: it outlives the
    /// encode call only if that state does.
    final class Sentinel: Sendable {}

    struct Tree: Encodable {
        var label: String?
        var children: [Tree]
        var note: String?

        enum CodingKeys: String, XMLCodingKey {
            case label = "Label"
            case children = "Tree"
            case note = "Note"

            var xmlNodeKind: XMLNodeKind { self == .label ? .attribute : .element }
        }
    }

    /// Encodes `tree` with a sentinel in `userInfo`; tells whether the sentinel is gone once the
    /// encoder is, and whether the encoding succeeded.
    static func sentinelIsReleased(encoding tree: Tree) -> (released: Bool, encoded: Bool) {
        weak var weakSentinel: Sentinel?
        var encoded = false
        do {
            let sentinel = Sentinel()
            weakSentinel = sentinel
            let key = CodingUserInfoKey(rawValue: "sentinel")
            let encoder = XMLEncoder(userInfo: key.map { [$0: sentinel] } ?? [:])
            encoded = (try? encoder.encode(tree, rootElement: XMLQualifiedName("Tree"))) != nil
        }
        return (weakSentinel == nil, encoded)
    }

    static func forest(note: String) -> Tree {
        let leaf = Tree(label: "b", children: [], note: note)
        return Tree(
            label: "r", children: Array(repeating: Tree(label: "a", children: [leaf, leaf], note: nil), count: 4),
            note: "root")
    }

    @Test func aSuccessfulEncodeFreesItsState() {
        let result = Self.sentinelIsReleased(encoding: Self.forest(note: "fine"))
        #expect(result.encoded)
        #expect(result.released)
    }

    /// The error is thrown deep inside, from a present optional, with containers at several depths.
    @Test func aFailedEncodeFreesItsState() {
        let result = Self.sentinelIsReleased(encoding: Self.forest(note: "bad\u{1}"))
        #expect(!result.encoded)
        #expect(result.released)
    }
}
