import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The checks compiled from the shipped STRING XSDs (validation by construction) reach libxml2's
/// XSD verdict: on every file of the invalid corpus, on every example, on documents the encoder
/// generates, and on thousands of damaged variants of them (elements removed, duplicated, renamed,
/// moved; wrong values, attributes, `xsi:type`s; `xsi:nil` added).
@Suite struct StringCompiledSchemaTests {
    /// Both verdicts on one document; `nil` when it does not parse.
    private static func verdicts(_ data: Data) throws -> (compiled: [XMLSchemaViolation], xsd: [XMLSchemaViolation])? {
        guard let document = try? XMLDocument.parse(data) else { return nil }
        let compiled = try StringSchemas.constructedSchema().validate(document)
        let xsd = try StringSchemas.schema().validate(document).filter { $0.severity == .error }
        return (compiled, xsd)
    }

    static let exampleFolders = ["Examples/messages", "Examples/lifecycle"]

    static func examples() throws -> [(name: String, data: Data)] {
        try exampleFolders.flatMap { folder in
            try TestSupport.xmlFiles(in: folder).map { ("\(folder)/\($0.lastPathComponent)", try Data(contentsOf: $0)) }
        }
    }

    static func corpus() throws -> [(name: String, data: Data)] {
        try ["xsd", "semantic"].flatMap { folder in
            try TestSupport.xmlFiles(in: "\(CorpusTests.corpusFolder)/\(folder)").map {
                ("\(folder)/\($0.lastPathComponent)", try Data(contentsOf: $0))
            }
        }
    }

    /// The examples decoded and encoded again: documents the library itself writes.
    static func generated() throws -> [(name: String, data: Data)] {
        try examples().compactMap { example in
            guard let message = try? StringMessage.decode(from: example.data) else { return nil }
            return ("encoded \(example.name)", try message.encoded())
        }
    }

    @Test func theShippedSchemaCompiles() throws {
        let schema = try StringSchemas.constructedSchema()
        let document = try XMLDocument.parse(Data("<Unrelated/>".utf8))
        let violations = schema.validate(document)
        #expect(violations.map(\.libxml2Code) == [1845])
    }

    @Test func everyCorpusFileGetsTheSameVerdict() throws {
        var disagreements: [String] = []
        var invalid = 0
        let files = try Self.corpus()
        for file in files {
            guard let verdicts = try Self.verdicts(file.data) else { continue }
            if !verdicts.xsd.isEmpty { invalid += 1 }
            if verdicts.compiled.isEmpty != verdicts.xsd.isEmpty {
                disagreements.append(
                    "\(file.name): compiled \(verdicts.compiled.first?.description ?? "valid"), libxml2 \(verdicts.xsd.first?.description ?? "valid")"
                )
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        #expect(files.count > 100)
        #expect(invalid > 60)
    }

    /// Where libxml2 finds a violation, the compiled checks find one of the same kind (code) at
    /// the same element, for every file of the XSD corpus whose header names libxml2's code.
    @Test func corpusViolationsAreFoundAtTheSameElement() throws {
        var misses: [String] = []
        for file in try Self.corpus() {
            guard let verdicts = try Self.verdicts(file.data), let first = verdicts.xsd.first else { continue }
            if !verdicts.compiled.contains(where: { $0.elementPath == first.elementPath }) {
                misses.append("\(file.name): libxml2 \(first), compiled \(verdicts.compiled.map(\.description))")
            }
        }
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
    }

    @Test func everyExampleAndGeneratedDocumentIsValidForBoth() throws {
        let documents = try Self.examples() + Self.generated()
        #expect(documents.count > 40)
        for document in documents {
            let verdicts = try #require(try Self.verdicts(document.data))
            #expect(verdicts.compiled.isEmpty, "\(document.name): \(verdicts.compiled)")
            #expect(verdicts.xsd.isEmpty, "\(document.name): \(verdicts.xsd)")
        }
    }

    /// The validator's two schema options reach the same report stage on every corpus file and
    /// example: the same first issue code, the same first path for schema violations.
    @Test func validatorOptionsAgree() throws {
        let today = try #require(CorpusTests.today)
        let compiled = try StringMessageValidator(today: today, options: CorpusTests.strict)
        let xsd = try StringMessageValidator(today: today, options: CorpusTests.strict, schemaValidation: .xsd)
        #expect(compiled.schemaValidation == StringSchemaValidation.compiledSchema)
        for file in try Self.corpus() + Self.examples() {
            let left = compiled.validate(file.data)
            let right = xsd.validate(file.data)
            #expect(left.issues.first?.code == right.issues.first?.code, "\(file.name)")
            #expect(left.isValid == right.isValid, "\(file.name)")
        }
    }

    /// The envelope's lax payload: unknown elements are passed over, declared ones validated at
    /// any depth (as libxml2 does), nested to the reader's depth limit without trouble.
    @Test func laxPayloadsAtAnyDepth() throws {
        let example = try String(decoding: TestSupport.data("Examples/messages/envelope-request.xml"), as: UTF8.self)
        let payloadStart = try #require(example.range(of: "<PaymentRequest"))
        let payloadEnd = try #require(example.range(of: "</PaymentRequest>"))
        let payload = String(example[payloadStart.lowerBound..<payloadEnd.upperBound])
        let depth = 240
        let open = String(repeating: "<w:Wrapper xmlns:w=\"urn:other\" a=\"1\">", count: depth)
        let close = String(repeating: "</w:Wrapper>", count: depth)
        for (inner, isValid) in [
            (payload, true), (payload.replacingOccurrences(of: "<Currency>EUR<", with: "<Currency>eur<"), false),
            ("<Unknown>text</Unknown>", true),
        ] {
            let xml = example.replacingOccurrences(of: payload, with: open + inner + close)
            let verdicts = try #require(try Self.verdicts(Data(xml.utf8)))
            #expect(verdicts.compiled.isEmpty == isValid, "\(verdicts.compiled.first?.description ?? "valid")")
            #expect(verdicts.xsd.isEmpty == isValid, "\(verdicts.xsd.first?.description ?? "valid")")
        }
    }

    static let mutations = XMLMutations(
        badValues: [
            "", " ", "X", "-5.00", "12.3456", "1.123", "101", "100.00001", "2026-13-45", "2026-02-30", "2026-1-01",
            "2026-11", "2026-11-23T25:00:00", "true", "0", "-1", "+3", "2147483648", "Agency", "Booked", "Deposit",
            "CreditCard", " Invoice ", "EUR", "eur", "EURO", "DE", "DE89370400440532013000", "COBADEFFXX",
            "411111111111", "12", "12345", "<Code>X</Code>", String(repeating: "A", count: 65),
            "1234567890123456789", "12345678901234567.5", "http://x y", "%zz", "2027-02", "2027-13",
        ],
        names: [
            "Amount", "Currency", "PaymentScope", "FormOfPayment", "BookingId", "Status", "DueDate", "IBAN", "BIC",
            "CardNumber", "ExpiryDate", "Surname", "Code", "Text", "Payment", "Installment", "Number", "Remark",
            "VoucherCode", "Provider", "AgentId", "Agency",
        ],
        attributes: [
            "", " Identifier=\"P1\"", " Identifier=\"\"", " Collection=\"Agency\"", " Collection=\"Nobody\"",
            " Currency=\"EUR\"", " xml:lang=\"de\"", " xsi:type=\"PaymentType\"", " Version=\"1.0\"",
        ],
        typeNames: [
            "PaymentType", "CreditCardPaymentType", "DirectDebitPaymentType", "EBankingPaymentType",
            "EWalletPaymentType", "InstallmentPaymentType", "InvoicePaymentType", "VoucherPaymentType",
            "CurrencyAmountType", "PayPalPaymentType", "xs:string", "s:PaymentType", "",
        ])

    /// Property: on damaged variants of every example, corpus file and generated document, the
    /// compiled checks and libxml2 agree whether the document is valid.
    @Test func mutatedDocumentsGetTheSameVerdict() throws {
        var generator = SeededGenerator(seed: 0x57_1216)
        var compared = 0
        var invalid = 0
        var disagreements: [String] = []
        let documents = try (Self.examples() + Self.generated() + Self.corpus()).map {
            String(decoding: $0.data, as: UTF8.self)
        }
        for (offset, xml) in documents.enumerated() {
            for round in 0..<60 {
                let mutated = Self.mutations.mutate(xml, count: 1 + round % 3, using: &generator)
                guard let verdicts = try Self.verdicts(Data(mutated.utf8)) else { continue }
                compared += 1
                if !verdicts.xsd.isEmpty { invalid += 1 }
                if verdicts.compiled.isEmpty != verdicts.xsd.isEmpty, disagreements.count < 5 {
                    disagreements.append(
                        "document \(offset) round \(round): compiled \(verdicts.compiled.first?.description ?? "valid"), libxml2 \(verdicts.xsd.first?.description ?? "valid")\n\(mutated)"
                    )
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n\n"))")
        #expect(compared > 5_000)
        #expect(invalid > 2_500)
    }
}
