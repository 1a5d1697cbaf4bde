import Foundation

/// Random, reproducible damage to an XML document's text, for property tests that compare two
/// readers or validators on documents near the valid ones: elements removed, duplicated, renamed
/// or moved, values and attributes replaced by wrong ones, `xsi:type` changed, `xsi:nil` added.
///
/// The wrong values, names and attributes are the caller's, chosen to hit the schema at hand.
public struct XMLMutations: Sendable {
    /// A leaf element `<Name attributes>text</Name>` found in a document, by its UTF-8 offsets.
    private struct Leaf {
        var range: Range<Int>
        var name: String
        var textRange: Range<Int>
    }

    /// Values that are wrong for some element or other.
    public var badValues: [String]
    /// Element names a leaf is renamed to.
    public var names: [String]
    /// Attribute lists (such as ` Ccy="eur"`, or empty) a leaf's start tag gets instead of its own.
    public var attributes: [String]
    /// Type names an `xsi:type` is changed to; none leaves `xsi:type` alone.
    public var typeNames: [String]

    /// Creates a mutator with the wrong values, names, attributes and `xsi:type` names to use.
    public init(badValues: [String], names: [String], attributes: [String], typeNames: [String] = []) {
        self.badValues = badValues
        self.names = names
        self.attributes = attributes
        self.typeNames = typeNames
    }

    /// The document with `count` random mutations.
    public func mutate(_ xml: String, count: Int, using generator: inout SeededGenerator) -> String {
        var bytes = Array(xml.utf8)
        for _ in 0..<count {
            bytes = mutateOnce(bytes, using: &generator)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func mutateOnce(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        let leaves = Self.findLeaves(bytes)
        guard let leaf = leaves.randomElement(using: &generator) else { return bytes }
        var result = bytes
        switch Int.random(in: 0..<(typeNames.isEmpty ? 8 : 10), using: &generator) {
        case 0:  // remove the leaf
            result.removeSubrange(leaf.range)
        case 1, 2:  // a wrong value
            let value = badValues.randomElement(using: &generator) ?? ""
            result.replaceSubrange(leaf.textRange, with: Array(value.utf8))
        case 3:  // duplicate it
            result.insert(contentsOf: Array(bytes[leaf.range]), at: leaf.range.upperBound)
        case 4:  // rename it
            let name = names.randomElement(using: &generator) ?? "X"
            let text = Array(bytes[leaf.textRange])
            result.replaceSubrange(leaf.range, with: Array("<\(name)>".utf8) + text + Array("</\(name)>".utf8))
        case 5:  // remove the enclosing element
            if let parent = Self.enclosing(leaf.range, in: bytes) { result.removeSubrange(parent) }
        case 6:  // move the leaf after its next sibling leaf
            if let other = leaves.first(where: { $0.range.lowerBound >= leaf.range.upperBound }) {
                let moved = Array(bytes[leaf.range])
                result.insert(contentsOf: moved, at: other.range.upperBound)
                result.removeSubrange(leaf.range)
            }
        case 7:  // wrong attributes
            let start = leaf.range.lowerBound
            let tagEnd = leaf.textRange.lowerBound
            let replacement = attributes.randomElement(using: &generator) ?? ""
            result.replaceSubrange(start..<tagEnd, with: Array("<\(leaf.name)\(replacement)>".utf8))
        case 8:  // another xsi:type
            let marker = Array("xsi:type=\"".utf8)
            let starts = (0..<max(0, bytes.count - marker.count)).filter {
                bytes[$0..<($0 + marker.count)].elementsEqual(marker)
            }
            guard let start = starts.randomElement(using: &generator) else { break }
            let valueStart = start + marker.count
            var valueEnd = valueStart
            while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
            let name = typeNames.randomElement(using: &generator) ?? ""
            result.replaceSubrange(valueStart..<valueEnd, with: Array(name.utf8))
        default:  // xsi:nil on the leaf's parent or the leaf, its content kept or dropped
            let target =
                Bool.random(using: &generator) ? Self.enclosing(leaf.range, in: bytes) ?? leaf.range : leaf.range
            var nameEnd = target.lowerBound + 1
            while nameEnd < bytes.count, Self.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = String(decoding: bytes[(target.lowerBound + 1)..<nameEnd], as: UTF8.self)
            let attribute = Array(" xsi:nil=\"true\"".utf8)
            if Bool.random(using: &generator) {
                result.replaceSubrange(target, with: Array("<\(name)".utf8) + attribute + Array("/>".utf8))
            } else {
                result.insert(contentsOf: attribute, at: nameEnd)
            }
        }
        return result
    }

    /// Every leaf element (no `<` in its text).
    private static func findLeaves(_ bytes: [UInt8]) -> [Leaf] {
        var leaves: [Leaf] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, isNameStart(bytes[index + 1]) else {
                index += 1
                continue
            }
            var nameEnd = index + 1
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            var tagEnd = nameEnd
            while tagEnd < bytes.count, bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            guard tagEnd < bytes.count, bytes[tagEnd - 1] != UInt8(ascii: "/") else {
                index = tagEnd
                continue
            }
            var textEnd = tagEnd + 1
            while textEnd < bytes.count, bytes[textEnd] != UInt8(ascii: "<") { textEnd += 1 }
            let name = Array(bytes[(index + 1)..<nameEnd])
            let close = Array("</".utf8) + name + Array(">".utf8)
            if textEnd + close.count <= bytes.count, Array(bytes[textEnd..<(textEnd + close.count)]) == close {
                leaves.append(
                    Leaf(
                        range: index..<(textEnd + close.count), name: String(decoding: name, as: UTF8.self),
                        textRange: (tagEnd + 1)..<textEnd))
            }
            index = tagEnd
        }
        return leaves
    }

    /// The element directly enclosing a range: the nearest unclosed start tag before it and its end tag.
    private static func enclosing(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        var depth = 0
        var index = range.lowerBound - 1
        while index > 0 {
            if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "/") {
                    depth += 1
                } else if isNameStart(bytes[index + 1]) {
                    if depth == 0 { break }
                    depth -= 1
                }
            }
            index -= 1
        }
        guard index > 0 else { return nil }
        var nameEnd = index + 1
        while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
        let close = Array("</".utf8) + Array(bytes[(index + 1)..<nameEnd]) + Array(">".utf8)
        var search = range.upperBound
        while search + close.count <= bytes.count {
            if Array(bytes[search..<(search + close.count)]) == close { return index..<(search + close.count) }
            search += 1
        }
        return nil
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: ":")
    }
}
