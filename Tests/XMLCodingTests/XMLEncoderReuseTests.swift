import Foundation
import Testing
import XMLCoding

/// Encodings reuse what earlier ones built per key type — keyed containers, key tables, type
/// caches — through a pool of encoder states (issue 16). A state must never serve one key type's
/// facts to another, nor let a container kept past its encoding touch a later encoding.
@Suite struct XMLEncoderReuseTests {
    static let leftNamespace = "urn:example:left"
    static let rightNamespace = "urn:example:right"

    /// `Id` an attribute, `Name` an element in the left namespace.
    struct Left: Encodable {
        var id: String
        var name: String

        enum CodingKeys: String, XMLCodingKey {
            case id = "Id"
            case name = "Name"

            var xmlNodeKind: XMLNodeKind { self == .id ? .attribute : .element }
            var xmlNamespace: XMLKeyNamespace { self == .name ? .uri(XMLEncoderReuseTests.leftNamespace) : .inherited }
        }
    }

    /// The same case names and raw values as ``Left``, but `Id` an element and `Name` an attribute
    /// in the right namespace.
    struct Right: Encodable {
        var id: String
        var name: String

        enum CodingKeys: String, XMLCodingKey {
            case id = "Id"
            case name = "Name"

            var xmlNodeKind: XMLNodeKind { self == .name ? .attribute : .element }
            var xmlNamespace: XMLKeyNamespace { self == .name ? .uri(XMLEncoderReuseTests.rightNamespace) : .inherited }
        }
    }

    /// Puts a `Left` or a `Right` at the same depth, so that both use the same stack position.
    struct Holder<Item: Encodable>: Encodable {
        var item: Item

        enum CodingKeys: String, CodingKey {
            case item = "Item"
        }
    }

    static let options = XMLEncodingOptions(
        includesXMLDeclaration: false, namespacePrefixes: [leftNamespace: "l", rightNamespace: "r"])

    static func encodeLeft(_ index: Int) throws -> String {
        let data = try XMLEncoder(options: options).encode(
            Holder(item: Left(id: "L\(index)", name: "left")), rootElement: XMLQualifiedName("Holder"))
        return String(decoding: data, as: UTF8.self)
    }

    static func encodeRight(_ index: Int) throws -> String {
        let data = try XMLEncoder(options: options).encode(
            Holder(item: Right(id: "R\(index)", name: "right")), rootElement: XMLQualifiedName("Holder"))
        return String(decoding: data, as: UTF8.self)
    }

    static func expectedLeft(_ index: Int) -> String {
        "<Holder xmlns:l=\"\(leftNamespace)\"><Item Id=\"L\(index)\"><l:Name>left</l:Name></Item></Holder>"
    }

    static func expectedRight(_ index: Int) -> String {
        "<Holder xmlns:r=\"\(rightNamespace)\"><Item r:Name=\"right\"><Id>R\(index)</Id></Item></Holder>"
    }

    @Test func keyTypesWithTheSameNamesKeepTheirOwnFactsWhenAlternated() throws {
        for index in 0..<20 {
            #expect(try Self.encodeLeft(index) == Self.expectedLeft(index))
            #expect(try Self.encodeRight(index) == Self.expectedRight(index))
        }
    }

    @Test func keyTypesWithTheSameNamesKeepTheirOwnFactsFromManyTasksAtOnce() async throws {
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var mismatches = 0
                    for index in 0..<200 {
                        // Half the tasks start with the other type, so both kinds run at once.
                        let left = (index + task) % 2 == 0
                        let encoded = left ? try? Self.encodeLeft(index) : try? Self.encodeRight(index)
                        if encoded != (left ? Self.expectedLeft(index) : Self.expectedRight(index)) {
                            mismatches += 1
                        }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    /// Keeps the container it was given, against the encoder's contract.
    final class Keeper: @unchecked Sendable {
        var container: KeyedEncodingContainer<Left.CodingKeys>?
    }

    struct Keeping: Encodable {
        let keeper: Keeper

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Left.CodingKeys.self)
            try container.encode("kept", forKey: .id)
            keeper.container = container
        }
    }

    @Test func aContainerKeptPastItsEncodingIsRefusedAndChangesNothingLater() throws {
        let keeper = Keeper()
        let encoder = XMLEncoder(options: Self.options)
        let first = try encoder.encode(Keeping(keeper: keeper), rootElement: XMLQualifiedName("Kept"))
        #expect(String(decoding: first, as: UTF8.self) == "<Kept Id=\"kept\"/>")
        var kept = try #require(keeper.container)
        // On the same thread, between encodings.
        #expect(throws: XMLCodingError.self) { try kept.encode("late", forKey: .name) }
        #expect(kept.codingPath.isEmpty)
        // On another thread, while other encodings run.
        let keptElsewhere = Keeper()
        keptElsewhere.container = kept
        let thread = Thread {
            for _ in 0..<100 {
                _ = try? keptElsewhere.container?.encode("late", forKey: .name)
            }
        }
        thread.start()
        for index in 0..<100 {
            #expect(try Self.encodeLeft(index) == Self.expectedLeft(index))
        }
        while !thread.isFinished { usleep(1_000) }
        #expect(try Self.encodeLeft(1) == Self.expectedLeft(1))
    }

    /// Throws after writing part of its element.
    struct Failing: Encodable {
        enum CodingKeys: String, CodingKey { case name = "Name" }
        struct Refused: Error {}

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("half", forKey: .name)
            throw Refused()
        }
    }

    @Test func aFailedEncodingLeavesNothingForTheNext() throws {
        for index in 0..<5 {
            #expect(throws: XMLCodingError.self) {
                try XMLEncoder(options: Self.options).encode(
                    Holder(item: Failing()), rootElement: XMLQualifiedName("Holder"))
            }
            #expect(try Self.encodeLeft(index) == Self.expectedLeft(index))
        }
    }
}
