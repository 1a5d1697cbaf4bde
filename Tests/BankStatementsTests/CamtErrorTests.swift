import BankStatements
import Foundation
import Testing
import XMLCoding

/// Every way a camt file is refused, each with its code and location.
@Suite struct CamtErrorTests {
    private func decodeError(_ xml: String) -> BankStatementsError? {
        #expect(throws: BankStatementsError.self) { try CamtDecoder().decode(Data(xml.utf8)) }
    }

    @Test func aWrongNamespaceIsAnUnsupportedMessage() {
        let error = decodeError(
            #"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>"#)
        #expect(error?.code == .unsupportedMessage)
        #expect(error?.elementPath == "/Document")
        #expect(decodeError(#"<Document><BkToCstmrStmt/></Document>"#)?.code == .unsupportedMessage)
        #expect(
            decodeError(#"<Stmt xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>"#)?.code == .unsupportedMessage
        )
    }

    @Test func anXSDInvalidFileReportsEveryViolation() throws {
        // Sts is not a valid code, and the entry has no BkTxCd.
        let xml = CamtDecoderTests.minimalStatement(entries: [
            """
            <Ntry><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOKED-X</Cd></Sts>
            <AcctSvcrRef>R-1</AcctSvcrRef></Ntry>
            """
        ])
        let error = try #require(decodeError(xml))
        #expect(error.code == BankStatementsError.Code(.schemaViolation))
        #expect(error.violations.count >= 2)
        #expect(error.line != nil)
        #expect(error.elementPath?.hasPrefix("/Document/BkToCstmrStmt/Stmt/Ntry") == true)
    }

    @Test func malformedXMLHasALine() throws {
        let error = try #require(
            decodeError(
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt>\n</Document>"))
        #expect(error.code == BankStatementsError.Code(.malformedXML))
        #expect(error.line == 3)
    }

    @Test func aDoctypeIsRefused() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&xxe;</Document>
            """
        let error = try #require(decodeError(xml))
        #expect(error.code == BankStatementsError.Code(.doctypeNotAllowed))
        #expect(error.line == 2)
    }

    @Test func anInputOverTheLimitIsRefusedBeforeParsing() throws {
        let options = CamtDecodingOptions(reading: XMLReadingOptions(maximumInputSize: 1_000))
        let data = try CamtFixtures.data("camt053-v08-bigbank.xml")
        let error = #expect(throws: BankStatementsError.self) { try CamtDecoder(options: options).decode(data) }
        #expect(error?.code == BankStatementsError.Code(.inputTooLarge))
    }

    /// EUR 12.345 is valid for the XSD (five fraction digits), but not for the euro.
    @Test func tooManyFractionDigitsForTheCurrency() throws {
        let xml = CamtDecoderTests.minimalStatement(entries: [
            CamtDecoderTests.entry(reference: "R-1"), CamtDecoderTests.entry(reference: "R-2", amount: "12.345"),
        ])
        let error = try #require(decodeError(xml))
        #expect(error.code == .tooManyFractionDigits)
        #expect(error.elementPath == "/Document/BkToCstmrStmt/Stmt/Ntry[2]/Amt")
        #expect(error.line == 7)
        #expect(error.message.contains("12.345 EUR"))
        // JPY has no minor unit.
        let yen = CamtDecoderTests.minimalStatement(entries: [
            CamtDecoderTests.entry(reference: "R-1", amount: "100.5", currency: "JPY")
        ])
        #expect(decodeError(yen)?.code == .tooManyFractionDigits)
        let fine = CamtDecoderTests.minimalStatement(entries: [
            CamtDecoderTests.entry(reference: "R-1", amount: "12.340")
        ])
        #expect(try CamtDecoder().decode(Data(fine.utf8))[0].entries[0].amount.amount == Decimal(string: "12.34"))
    }

    @Test func missingFileIsAnIOError() {
        let error = #expect(throws: BankStatementsError.self) {
            try CamtDecoder().decode(contentsOf: URL(fileURLWithPath: "/nonexistent/camt.xml"))
        }
        #expect(error?.code == BankStatementsError.Code(.ioError))
    }

    @Test func errorsDescribeThemselves() throws {
        let xml = CamtDecoderTests.minimalStatement(entries: [CamtDecoderTests.entry(reference: "R-1", amount: "1.001")]
        )
        let error = try #require(decodeError(xml))
        #expect(
            error.description.hasPrefix("too-many-fraction-digits at 5:0 in /Document/BkToCstmrStmt/Stmt/Ntry/Amt: "))
    }
}
