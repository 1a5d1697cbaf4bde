import Foundation
import StringPayments
import TestSupport
import Testing

@testable import DRVPaymentsTool

@Suite("decode")
struct DecodeCommandTests {
    private typealias H = ToolTestHelpers

    private static let examples: [String] = {
        let folders = ["Examples/messages", "Examples/lifecycle"]
        return folders.flatMap { folder in
            ((try? TestSupport.xmlFiles(in: folder)) ?? []).map { folder + "/" + $0.lastPathComponent }
        }
    }()

    @Test("every example decodes to stable JSON without secrets", arguments: examples)
    func example(_ relativePath: String) async throws {
        let first = await H.run(["decode", H.path(relativePath)])
        #expect(first.exitCode == .success)
        #expect(first.standardError.isEmpty)
        #expect(first.standardOutputData.last == UInt8(ascii: "\n"))
        #expect(await H.run(["decode", H.path(relativePath)]).standardOutputData == first.standardOutputData)
        let json = try JSONSerialization.jsonObject(with: first.standardOutputData)
        let root = try #require(json as? [String: Any])
        let message = try StringMessage.decode(from: try TestSupport.data(relativePath))
        #expect(Array(root.keys) == [message.kind.rawValue])
        for secret in ["4111111111111111", "5555555555554444", "378282246310005", "737", "4021"] {
            #expect(!first.standardOutput.contains(secret), "\(secret) in \(relativePath)")
        }
    }

    @Test("card numbers are masked, security codes ***, amounts strings, dates lexical")
    func rendering() async throws {
        let card = await H.run(["decode", H.path("Examples/lifecycle/03-balance-request.xml")]).standardOutput
        #expect(card.contains(#""CardNumber" : "411111******1111""#))
        #expect(card.contains(#""SecurityCode" : "***""#))
        #expect(card.contains(#""Amount" : "2764.80""#))
        let booking = await H.run(["decode", H.path("Examples/messages/booking-request.xml")]).standardOutput
        #expect(booking.contains(#""CardNumber" : "555555******4444""#))
        #expect(booking.contains(#""StartDate" : "2027-01-30""#))
        let jpy = await H.run(["decode", H.path("Examples/messages/booking-response-jpy.xml")]).standardOutput
        #expect(jpy.contains(#""Amount" : "486000""#))
        #expect(!jpy.contains(#""Amount" : 4"#))
    }

    @Test("secrets are masked by any encoder unless it opts in with the reveal key")
    func redactionKey() throws {
        let number = try #require(CardNumber("4111111111111111"))
        let code = try #require(SecurityCode("737"))
        let plain = JSONEncoder()
        #expect(String(decoding: try plain.encode([number]), as: UTF8.self) == #"["411111******1111"]"#)
        #expect(String(decoding: try plain.encode([code]), as: UTF8.self) == #"["***"]"#)
        let revealing = JSONEncoder()
        revealing.userInfo[StringCodingOptions.revealsSecretsKey] = true
        #expect(String(decoding: try revealing.encode([number]), as: UTF8.self) == #"["4111111111111111"]"#)
        revealing.userInfo[StringCodingOptions.revealsSecretsKey] = "yes"
        #expect(String(decoding: try revealing.encode([code]), as: UTF8.self) == #"["***"]"#)
    }

    @Test("standard input")
    func standardInput() async throws {
        let data = try TestSupport.data("Examples/messages/payment-request.xml")
        let result = await H.run(["decode", "-"], standardInput: data)
        #expect(result.exitCode == .success)
        #expect(await H.run(["decode", H.path("Examples/messages/payment-request.xml")]) == result)
    }

    @Test("a message that does not decode: one line on standard error, exit 1, nothing on standard output")
    func rejected() async {
        let file = H.path(H.schemaCorpus + "/missing-booking-id.xml")
        let result = await H.run(["decode", file])
        #expect(result.exitCode == .rejected)
        #expect(result.standardOutputData.isEmpty)
        #expect(
            result.standardError
                == "\(file):5:0: /PaymentRequest: missing-element: required element 'BookingId' is missing\n")

        let root = await H.run(["decode", "-"], standardInput: Data("<Cruise/>".utf8))
        #expect(root.exitCode == .rejected)
        #expect(root.standardError.hasPrefix("-:0:0: /Cruise: unexpected-root-element: "))
    }

    @Test("an amount that would be rounded is refused, not rounded")
    func roundedAmount() async {
        for (command, name) in [("decode", "too-many-fraction-digits-eur"), ("format", "too-many-fraction-digits-jpy")]
        {
            let file = H.path(H.semanticCorpus + "/" + name + ".xml")
            let result = await H.run([command, file])
            #expect(result.exitCode == .rejected)
            #expect(result.standardOutputData.isEmpty)
            #expect(
                result.standardError.hasPrefix(
                    file + ":0:0: /PaymentRequest/Payments/Payment/PaymentAmount/Amount: too-many-fraction-digits: "))
        }
        // Other rules do not stop decode: it shows what a message holds.
        #expect(await H.run(["decode", H.path(H.semanticCorpus + "/invalid-iban-checksum.xml")]).exitCode == .success)
    }

    @Test("a card number that fails the schema is not quoted")
    func secretInError() async {
        let result = await H.run(["decode", H.path(H.schemaCorpus + "/card-number-too-long.xml")])
        #expect(result.exitCode == .rejected)
        #expect(!result.standardError.contains("4111111111111111"))
    }

    @Test("a missing file or a directory is an I/O error, exit 2")
    func unreadable() async {
        let missing = await H.run(["decode", "no-such-file.xml"])
        #expect(missing.exitCode == .failure)
        #expect(missing.standardError == "drv-payments: no-such-file.xml: No such file or directory\n")
        #expect(missing.standardOutputData.isEmpty)
        let directory = await H.run(["decode", H.path("Examples")])
        #expect(directory.exitCode == .failure)
        #expect(directory.standardError == "drv-payments: \(H.path("Examples")): Is a directory\n")
    }
}
