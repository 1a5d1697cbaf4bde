import BankStatements
import Testing

@Suite struct CSVMappingFileTests {
    @Test func aFileWithWindowsLineEndingsGivesTheMappingAndFormat() throws {
        let file = try CSVMappingFile(
            parsing:
                "# bank\r\nseparator = tab\r\ndecimal-separator = point\r\ndate-format = yyyyMMdd\r\nheader = no\r\n"
                + "encoding = latin-1\r\nbank-reference = #1\r\nvalue-date = #2\r\namount = #3\r\ncurrency = \"DKK\"\r\n"
                + "payment-method-code = \"GAVEKORT KOMP\"\r\nremittance = #4\r\nremittance = #5\r\n")
        let format = try file.format()
        #expect(format.separator == "\t" && format.decimalSeparator == .point && format.dateFormat == .compact)
        #expect(!format.hasHeaderRow && format.encoding == .isoLatin1)
        let mapping = try file.bankStatementMapping()
        #expect(mapping.bankReference == .position(1))
        #expect(mapping.currency == .fixed("DKK"))
        #expect(mapping.paymentMethodCode == .fixed("GAVEKORT KOMP"))
        #expect(mapping.remittance == [.position(4), .position(5)])
        #expect(mapping.creditDebit == .signedAmount)
    }

    @Test func badSettingsAreRefusedWithTheirLine() throws {
        let unknown = #expect(throws: BankStatementsError.self) { try CSVMappingFile(parsing: "\n\ncolour = red\n") }
        #expect(unknown?.code == .csvInvalidMapping)
        #expect(unknown?.line == 3)
        #expect(throws: BankStatementsError.self) { try CSVMappingFile(parsing: "amount\n") }
        #expect(throws: BankStatementsError.self) { try CSVMappingFile(parsing: "amount =\n") }
        #expect(throws: BankStatementsError.self) { try CSVMappingFile(parsing: "separator = ;;").format() }
        let settlement = try CSVMappingFile(
            parsing: "transaction-reference = Ref\npayout-date = Date\ngross-amount = G\n")
        let noCurrency = #expect(throws: BankStatementsError.self) { try settlement.cardSettlementMapping() }
        #expect(noCurrency?.message.contains("'currency'") == true)
        #expect(throws: BankStatementsError.self) { try settlement.bankStatementMapping() }
        var indicator = try CSVMappingFile(
            parsing: "bank-reference=R\nvalue-date=V\namount=A\ncurrency=C\ncredit-debit=S/H\n")
        #expect(throws: BankStatementsError.self) { try indicator.bankStatementMapping() }
        try indicator.set("credit-values = H, CRDT")
        try indicator.set("debit-values = S")
        #expect(
            try indicator.bankStatementMapping().creditDebit
                == .indicatorColumn(.named("S/H"), credit: ["H", "CRDT"], debit: ["S"]))
    }
}
