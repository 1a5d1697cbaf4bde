import Foundation
import Testing
import XMLCoding

/// A decode call frees everything it made, also when it throws (issue 16): the reused keyed
/// containers refer back to the decoding state, and a cycle among them once kept every decode's
/// state, and the `userInfo` it holds, alive (reported by the fuzz smoke's LeakSanitizer).
@Suite struct XMLDecoderReleaseTests {
    /// Handed to the decoder in `userInfo`, which the decoding state holds: it outlives the
    /// decode call only if that state does.
    final class Sentinel: Sendable {}

    struct Tree: Decodable {
        var label: String
        var children: [Tree]

        enum CodingKeys: String, XMLCodingKey {
            case label = "Label"
            case children = "Tree"

            var xmlNodeKind: XMLNodeKind { self == .label ? .attribute : .element }
        }
    }

    /// Decodes `text` with a sentinel in `userInfo` and tells whether the sentinel is gone once
    /// the decoder is; `decoded` is whether the decode succeeded.
    static func sentinelIsReleased(decoding text: String) -> (released: Bool, decoded: Bool) {
        weak var weakSentinel: Sentinel?
        var decoded = false
        do {
            let sentinel = Sentinel()
            weakSentinel = sentinel
            let key = CodingUserInfoKey(rawValue: "sentinel")
            let decoder = XMLDecoder(userInfo: key.map { [$0: sentinel] } ?? [:])
            decoded = (try? decoder.decode(Tree.self, from: Data(text.utf8))) != nil
        }
        return (weakSentinel == nil, decoded)
    }

    /// Enough elements of one key type that containers are kept for reuse, at several depths.
    static let forest =
        "<Tree Label='r'>" + String(repeating: "<Tree Label='a'><Tree Label='b'/><Tree Label='c'/></Tree>", count: 4)

    @Test func aSuccessfulDecodeFreesItsState() {
        let result = Self.sentinelIsReleased(decoding: Self.forest + "</Tree>")
        #expect(result.decoded)
        #expect(result.released)
    }

    /// The error is thrown deep inside, while containers are claimed at several depths.
    @Test func aFailedDecodeFreesItsState() {
        let result = Self.sentinelIsReleased(decoding: Self.forest + "<Tree><Tree Label='x'/></Tree></Tree>")
        #expect(!result.decoded)
        #expect(result.released)
    }
}
