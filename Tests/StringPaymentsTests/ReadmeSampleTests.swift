import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The README's code sample, compiled and run; the test fails when the README drifts from it.
@Suite struct ReadmeSampleTests {
    /// The sample's statements, exactly as in README.md (between its imports and the fence).
    static let sampleLines = [
        #"let bytes = try Data(contentsOf: URL(fileURLWithPath: "Examples/messages/payment-request.xml"))"#,
        #"let validator = try StringMessageValidator(today: XMLDate.today())"#,
        #"let report = validator.validate(bytes)"#,
        #"for issue in report.issues {"#,
        #"    print(issue)  // code, line, element path, message; never a card number"#,
        #"}"#,
        #"if case .paymentRequest(let request)? = report.message {"#,
        #"    for payment in request.payments.payments {"#,
        #"        print(payment.identifier, payment.paymentAmount)  // e.g. DEP 438.00 EUR"#,
        #"    }"#,
        #"}"#,
    ]

    @Test func readmeShowsThisSample() throws {
        let readme = try String(contentsOf: TestSupport.url("README.md"), encoding: .utf8)
        #expect(readme.contains(Self.sampleLines.joined(separator: "\n")))
    }

    @Test func sampleRunsOnTheExample() throws {
        // The sample's code, with the path made absolute and the output collected.
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
        let path = TestSupport.url("Examples/messages/payment-request.xml").path

        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let validator = try StringMessageValidator(today: XMLDate.today())
        let report = validator.validate(bytes)
        for issue in report.issues {
            print(issue)  // code, line, element path, message; never a card number
        }
        if case .paymentRequest(let request)? = report.message {
            for payment in request.payments.payments {
                print(payment.identifier, payment.paymentAmount)  // e.g. DEP 438.00 EUR
            }
        }

        #expect(report.isValid)
        #expect(!printed.isEmpty)
        #expect(printed.allSatisfy { !$0.contains("4111111111111111") })
    }
}
