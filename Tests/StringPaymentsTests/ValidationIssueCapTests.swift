import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// A report lists at most `maximumIssueCount` issues, then one `issues-truncated` issue that says
/// how many more there were.
@Suite struct ValidationIssueCapTests {
    func today() throws -> XMLDate {
        try #require(XMLDate(year: 2026, month: 11, day: 23))
    }

    /// A payment request whose every one of `count` payments violates the schema (an unknown child).
    func invalidRequest(payments count: Int) -> Data {
        var text = """
            <PaymentRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">\
            <BookingId>B-1</BookingId><Payments>
            """
        for index in 0..<count {
            text += """
                <Payment Identifier="P\(index)"><PaymentScope>Deposit</PaymentScope>\
                <PaymentAmount><Amount>1.00</Amount><Currency>EUR</Currency></PaymentAmount><Bogus/></Payment>
                """
        }
        return Data((text + "</Payments></PaymentRequest>").utf8)
    }

    @Test func schemaViolationsAreCappedAtOneHundredByDefault() throws {
        let report = try StringMessageValidator(today: today()).validate(invalidRequest(payments: 250))
        #expect(report.issues.count == 101)
        #expect(report.issues.prefix(100).allSatisfy { $0.code == StringPaymentsError.Code(.schemaViolation) })
        let last = try #require(report.issues.last)
        #expect(last.code == .issuesTruncated)
        #expect(last.message.hasPrefix("and 150 more issues"))
    }

    @Test func theCapIsConfigurable() throws {
        let validator = try StringMessageValidator(today: today(), maximumIssueCount: 3)
        let report = validator.validate(invalidRequest(payments: 4))
        #expect(report.issues.map(\.code).suffix(2) == [StringPaymentsError.Code(.schemaViolation), .issuesTruncated])
        #expect(report.issues.count == 4)
        #expect(report.issues.last?.message.hasPrefix("and 1 more issue,") == true)
        let exact = validator.validate(invalidRequest(payments: 3))
        #expect(exact.issues.count == 3)
        #expect(!exact.issues.contains { $0.code == .issuesTruncated })
    }
}
