import Foundation
import Testing
import XMLCoding

/// Arrays of repeated elements are built at their final size (issue 16, memory): the decoder
/// counts the elements in the arena and reserves room once instead of growing by doubling, which
/// held the old and the new storage at once on large batch files.
@Suite struct XMLRepeatedElementsTests {
    struct Batch: Decodable {
        var items: [Int]
        var notes: [String]?

        enum CodingKeys: String, CodingKey {
            case items = "Item"
            case notes = "Note"
        }
    }

    private func document(items: Int, notes: Int = 0) -> Data {
        var text = "<Batch>"
        for index in 0..<items { text += "<Item>\(index)</Item>" }
        for index in 0..<notes { text += "<Note>n\(index)</Note>" }
        return Data((text + "</Batch>").utf8)
    }

    @Test func anArrayIsReservedOnceAtItsFinalSize() throws {
        // 1,025 elements: growing by doubling ends with room for at least 1,536.
        let batch = try XMLDecoder().decode(Batch.self, from: document(items: 1_025, notes: 3))
        #expect(batch.items == Array(0..<1_025))
        #expect(batch.items.capacity < 1_100)
        #expect(batch.notes == ["n0", "n1", "n2"])
    }

    @Test func anAbsentOptionalArrayIsNil() throws {
        let batch = try XMLDecoder().decode(Batch.self, from: document(items: 2))
        #expect(batch.items == [0, 1])
        #expect(batch.notes == nil)
    }

    @Test func aBadElementInTheMiddleIsReportedAtItsPath() throws {
        let data = Data("<Batch><Item>1</Item><Item>2</Item><Item>x</Item><Item>4</Item></Batch>".utf8)
        let error = try #require(throws: XMLCodingError.self) { try XMLDecoder().decode(Batch.self, from: data) }
        #expect(error.code == .invalidValue)
        #expect(error.elementPath == "/Batch/Item[3]")
    }
}
