import Foundation
import TestSupport

/// Random, reproducible damage to a camt document's text, for property tests that compare two
/// readers or validators on documents near the valid ones: elements removed, duplicated, renamed
/// or moved, values and attributes replaced by wrong ones.
struct CamtMutations {
    /// A leaf element `<Name attributes>text</Name>` found in a document, by its UTF-8 offsets.
    private struct Leaf {
        var range: Range<Int>
        var name: String
        var textRange: Range<Int>
    }

    /// Values that are wrong for some element or other: empty, negative, too many fraction digits,
    /// not a date, too long, not a code, child elements where text belongs.
    static let badValues = [
        "", "X", "-5.00", "12.345", "1.123456", "2026-13-45", "2026-11-23T25:00:00", "true", "2", "CRDT", "DBIT",
        " BOOK ", "PDNG", "<Cd>BOOK</Cd>", "RF18539007547034", String(repeating: "A", count: 141), "DE00 1234",
        "100000000000000000000", "0", "00.10",
    ]
    static let names = [
        "Amt", "Ccy", "CdtDbtInd", "Sts", "Cd", "NtryRef", "AcctSvcrRef", "BookgDt", "ValDt", "Dt", "RvslInd",
        "Ustrd", "Nm", "IBAN", "Id", "MsgId", "TxDtls", "NtryDtls", "Ntry", "Chrgs", "Rcrd", "Tp", "Prtry",
    ]

    /// The document with `count` random mutations.
    static func mutate(_ xml: String, count: Int, using generator: inout SeededGenerator) -> String {
        var bytes = Array(xml.utf8)
        for _ in 0..<count {
            bytes = mutateOnce(bytes, using: &generator)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func mutateOnce(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        let leaves = findLeaves(bytes)
        guard let leaf = leaves.randomElement(using: &generator) else { return bytes }
        var result = bytes
        switch Int.random(in: 0..<8, using: &generator) {
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
            if let parent = enclosing(leaf.range, in: bytes) { result.removeSubrange(parent) }
        case 6:  // move the leaf after its next sibling leaf
            if let other = leaves.first(where: { $0.range.lowerBound >= leaf.range.upperBound }) {
                let moved = Array(bytes[leaf.range])
                result.insert(contentsOf: moved, at: other.range.upperBound)
                result.removeSubrange(leaf.range)
            }
        default:  // a wrong attribute
            let start = leaf.range.lowerBound
            let tagEnd = leaf.textRange.lowerBound
            let replacement =
                ["", " Ccy=\"eur\"", " Ccy=\"XXXX\"", " Ccy=\"USD\"", " Ccy=\"JPY\""]
                .randomElement(using: &generator) ?? ""
            result.replaceSubrange(start..<tagEnd, with: Array("<\(leaf.name)\(replacement)>".utf8))
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

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: ":")
    }
}
