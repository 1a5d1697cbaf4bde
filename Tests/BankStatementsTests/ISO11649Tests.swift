import BankStatements
import Testing

@Suite struct ISO11649Tests {
    @Test func theStandardsExampleIsValid() {
        #expect(ISO11649.validate("RF18539007547034"))
        #expect(ISO11649.validate("RF18 5390 0754 7034"))  // printed form
        #expect(ISO11649.validate("rf18539007547034"))
        #expect(ISO11649.make(from: "539007547034") == "RF18539007547034")
        #expect(ISO11649.payload(of: "RF18 5390 0754 7034") == "539007547034")
    }

    /// Our own vectors, computed independently (ISO 7064 MOD 97-10 in Python) and checked both ways.
    @Test(arguments: [
        ("SRT1065", "RF71SRT1065"), ("100062", "RF71100062"), ("SRT4711", "RF84SRT4711"),
        ("SRT20260001", "RF51SRT20260001"), ("B1001", "RF83B1001"), ("71", "RF2771"),
    ])
    func makeAndValidateAgree(_ reference: String, _ expected: String) {
        #expect(ISO11649.make(from: reference) == expected)
        #expect(ISO11649.validate(expected))
        #expect(ISO11649.payload(of: expected) == reference)
    }

    @Test func wrongCheckDigitsAndShapesAreInvalid() {
        #expect(!ISO11649.validate("RF19539007547034"))
        #expect(!ISO11649.validate("RF70SRT1065"))
        #expect(!ISO11649.validate("RF71SRT1066"))
        #expect(!ISO11649.validate("RF18"))
        #expect(!ISO11649.validate("XX18539007547034"))
        #expect(!ISO11649.validate("RF1A539007547034"))
        #expect(!ISO11649.validate("RF18-5390-0754-7034"))
        #expect(!ISO11649.validate(""))
        // 21 characters is the most the reference part may have.
        let longest = String(repeating: "9", count: 21)
        let made = ISO11649.make(from: longest)
        #expect(made != nil)
        #expect(made.map(ISO11649.validate) == true)
        #expect(ISO11649.make(from: longest + "9") == nil)
        #expect(ISO11649.make(from: "") == nil)
        #expect(ISO11649.make(from: "SRT-4711") == nil)
        #expect(ISO11649.make(from: "srt 4711") == "RF84SRT4711")
    }

    /// Every made reference validates, and changing any one character breaks it.
    @Test func everySingleCharacterChangeIsDetected() throws {
        for number in stride(from: 1, to: 5_000, by: 7) {
            let reference = try #require(ISO11649.make(from: "B\(number)"))
            #expect(ISO11649.validate(reference))
            var bytes = Array(reference.utf8)
            let position = 4 + number % (bytes.count - 4)
            bytes[position] = bytes[position] == 0x39 ? 0x30 : (bytes[position] == 0x42 ? 0x43 : bytes[position] + 1)
            #expect(!ISO11649.validate(String(decoding: bytes, as: UTF8.self)))
        }
    }

    @Test func theFinderExtractsReferencesAndTokens() {
        let finder = RemittanceReferenceFinder()
        let found = finder.find(in: "Reise Meyer RF18 5390 0754 7034, Buchung SRT-4711 vom 23.11.2026")
        #expect(found.rfReferences == ["RF18539007547034"])
        #expect(found.tokens == ["SRT-4711", "2026"])
        #expect(finder.find(in: "RF18539007547034").rfReferences == ["RF18539007547034"])
        #expect(finder.find(in: "xRF18539007547034").rfReferences.isEmpty)  // inside a word
        #expect(finder.find(in: "RF19539007547034").rfReferences.isEmpty)  // wrong check digits
        #expect(finder.find(in: "RF19539007547034").tokens == ["RF19539007547034"])
        #expect(
            finder.find(in: "rf71srt1065 and RF84SRT4711 and rf71 SRT1065").rfReferences == [
                "RF71SRT1065", "RF84SRT4711",
            ])
        #expect(finder.find(in: "Booking: SRT-4740.").tokens == ["SRT-4740"])
        #expect(finder.find(in: "Invoice 12 / 3").tokens.isEmpty)
        #expect(RemittanceReferenceFinder(minimumTokenLength: 2).find(in: "Invoice 12 / 3").tokens == ["12"])
        #expect(finder.find(in: "").tokens.isEmpty)
    }
}
