import Foundation
import TestSupport
import Testing
import XMLCoding

/// One compiled schema and one decoder shared by many tasks that validate and decode at once.
@Suite struct XMLConcurrencyTests {
    struct FixtureOrder: Decodable, Equatable, Sendable {
        struct Line: Decodable, Equatable, Sendable {
            var sku: String
            var price: Decimal
            var discount: Decimal?
            enum CodingKeys: String, CodingKey {
                case sku = "Sku"
                case price = "Price"
                case discount = "Discount"
            }
        }

        var identifier: String
        var customer: String
        var items: [Line]

        enum CodingKeys: String, XMLCodingKey {
            case identifier = "id"
            case customer = "Customer"
            case items = "Item"

            var xmlNodeKind: XMLNodeKind { self == .identifier ? .attribute : .element }
        }
    }

    static let fixtures = TestSupport.url("Tests/XMLCodingTests/Fixtures/schema")

    @Test func validateAndDecodeFromManyTasks() async throws {
        let schema = try XMLSchema(directory: Self.fixtures, main: "order.xsd")
        let valid = try Data(contentsOf: Self.fixtures.appendingPathComponent("valid-order.xml"))
        let invalid = try Data(contentsOf: Self.fixtures.appendingPathComponent("invalid-order.xml"))
        let decoder = XMLDecoder()
        let expected = try decoder.decode(FixtureOrder.self, from: valid, validatingAgainst: schema)
        #expect(expected.items.map(\.sku) == ["A-1", "B-22"])
        #expect(expected.customer == "Ann & Bob")

        let outcomes = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var correct = 0
                    for round in 0..<100 {
                        if (task + round) % 3 == 0 {
                            do {
                                _ = try decoder.decode(FixtureOrder.self, from: invalid, validatingAgainst: schema)
                            } catch let error as XMLCodingError {
                                if error.code == .schemaViolation && error.violations.count == 3 { correct += 1 }
                            } catch {}
                        } else if let order = try? decoder.decode(
                            FixtureOrder.self, from: valid, validatingAgainst: schema),
                            order == expected
                        {
                            correct += 1
                        }
                    }
                    return correct
                }
            }
            return await group.reduce(0, +)
        }
        #expect(outcomes == 1_600)
    }
}
