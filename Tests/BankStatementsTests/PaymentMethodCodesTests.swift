import BankStatements
import StringPayments
import Testing
import XMLCoding

@Suite struct PaymentMethodCodesTests {
    private static func statement(_ codes: [String?]) -> BankStatement {
        let entries = codes.enumerated().map { offset, code in
            BankStatementEntry(
                bankReference: "R\(offset)", bankReferenceSource: .csvColumn,
                valueDate: XMLDate(year: 2026, month: 11, day: 23),
                bookingDate: nil, amount: CurrencyAmount(minorUnitCount: 100, currency: .eur), creditDebit: .credit,
                paymentMethodCode: code)
        }
        return BankStatement(
            kind: .csv, version: nil, decodedAs: nil, isBestEffort: false, messageIdentification: nil,
            identification: "csv", creationDateTime: nil, accountIBAN: nil, accountCurrency: nil, entries: entries)
    }

    @Test func theStandardListHasTheSeedsCodes() throws {
        #expect(
            PaymentMethodCodes.standard.methods.map(\.code) == [
                "FI", "GAVEKORT KOMP", "GAVEKORT GEVINST", "GAVEKORTFAKT",
            ])
        try PaymentMethodCodes.standard.check(
            Self.statement(["GAVEKORT KOMP", "GAVEKORT GEVINST", "GAVEKORTFAKT", "FI", nil]), defaultCode: nil)
    }

    @Test func anUnlistedCodeIsRefused() {
        let error = #expect(throws: BankStatementsError.self) {
            try PaymentMethodCodes.standard.check(Self.statement(["FI", "GAVEKORT"]), defaultCode: nil)
        }
        #expect(error?.code == .unknownPaymentMethod)
        #expect(error?.message.contains("R1") == true)
        // An entry without a code takes the default, which must be listed too.
        let defaulted = #expect(throws: BankStatementsError.self) {
            try PaymentMethodCodes.standard.check(Self.statement([nil]), defaultCode: "MOBILEPAY")
        }
        #expect(defaulted?.code == .unknownPaymentMethod)
    }

    @Test func aListIsReadFromText() throws {
        let list = try PaymentMethodCodes(parsing: "# ours\r\nFI  Bank transfer\nGAVEKORT KOMP\tGift card\nMOBILEPAY\n")
        #expect(
            list.methods == [
                .init(code: "FI", name: "Bank transfer"), .init(code: "GAVEKORT KOMP", name: "Gift card"),
                .init(code: "MOBILEPAY", name: ""),
            ])
        #expect(list.contains("MOBILEPAY") && !list.contains("GAVEKORTFAKT"))
        let twice = #expect(throws: BankStatementsError.self) { try PaymentMethodCodes(parsing: "FI\n\nFI  again\n") }
        #expect(twice?.line == 3)
        #expect(throws: BankStatementsError.self) { try PaymentMethodCodes(parsing: "# nothing\n") }
    }
}
