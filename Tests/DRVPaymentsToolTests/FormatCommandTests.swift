import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("format")
struct FormatCommandTests {
    private typealias H = ToolTestHelpers

    private static let examples: [String] = {
        let folders = ["Examples/messages", "Examples/lifecycle"]
        return folders.flatMap { folder in
            ((try? TestSupport.xmlFiles(in: folder)) ?? []).map { folder + "/" + $0.lastPathComponent }
        }
    }()

    @Test("the output re-decodes to an equal message, compact and pretty, and is a fixed point", arguments: examples)
    func roundTrip(_ relativePath: String) async throws {
        let original = try StringMessage.decode(from: try TestSupport.data(relativePath))
        for options in [[], ["--pretty"], ["--no-declaration"]] {
            let result = await H.run(["format"] + options + [H.path(relativePath)])
            #expect(result.exitCode == .success)
            #expect(result.standardError.isEmpty)
            #expect(try StringMessage.decode(from: result.standardOutputData) == original)
            let again = await H.run(["format"] + options + ["-"], standardInput: result.standardOutputData)
            #expect(again.standardOutputData == result.standardOutputData)
        }
    }

    @Test("the compact output is the library's encoding plus a line feed")
    func canonical() async throws {
        let relativePath = "Examples/messages/prefixed-namespaces.xml"
        let message = try StringMessage.decode(from: try TestSupport.data(relativePath))
        var expected = try message.encoded()
        expected.append(UInt8(ascii: "\n"))
        #expect(await H.run(["format", H.path(relativePath)]).standardOutputData == expected)
    }

    @Test("--no-declaration and --pretty")
    func options() async {
        let file = H.path("Examples/messages/payment-request.xml")
        let plain = await H.run(["format", file]).standardOutput
        #expect(plain.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PaymentRequest "))
        #expect(plain.split(separator: "\n").count == 2)
        let bare = await H.run(["format", "--no-declaration", file]).standardOutput
        #expect(bare.hasPrefix("<PaymentRequest "))
        let pretty = await H.run(["format", "--pretty", file]).standardOutput
        #expect(pretty.contains("\n  <AgencyInformation>\n    <Agency>123456</Agency>\n"))
        #expect(pretty.hasSuffix("</PaymentRequest>\n"))
    }

    @Test("format keeps the card number: the XML is for the receiving system")
    func secretsStayInXML() async {
        let result = await H.run(["format", H.path("Examples/lifecycle/03-balance-request.xml")])
        #expect(result.standardOutput.contains("<CardNumber>4111111111111111</CardNumber>"))
    }

    @Test("rejected input: one line on standard error, exit 1, nothing on standard output")
    func rejected() async {
        let file = H.path(H.schemaCorpus + "/unknown-payment-scope.xml")
        let result = await H.run(["format", file])
        #expect(result.exitCode == .rejected)
        #expect(result.standardOutputData.isEmpty)
        #expect(result.standardError.hasPrefix(file + ":"))
        #expect(result.standardError.contains(": unknown-enumeration-value: "))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }
}
