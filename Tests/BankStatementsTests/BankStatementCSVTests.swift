import BankStatements
import Foundation
import StringPayments
import Testing
import XMLCoding

@Suite struct BankStatementCSVTests {
    /// A German bank's export: `;`, decimal comma, `dd.MM.yyyy`, an S/H indicator column, quoted
    /// fields with separators, quotes and a line break inside, CRLF, a byte-order mark.
    static let germanExport =
        "\u{FEFF}Buchungstag;Valuta;Referenz;Auftraggeber;IBAN;Verwendungszweck;Betrag;Waehrung;S/H;Gebuehr\r\n"
        + "23.11.2026;23.11.2026;R-1001;\"Meyer; Anna\";DE89 3704 0044 0532 0130 00;\"Buchung SRT-4711 \"\"Mallorca\"\"\";1.438,00;EUR;H;\r\n"
        + "23.11.2026;24.11.2026;R-1002;Schulz;;\"Restzahlung\nSRT-4712\";99,90;EUR;H;0,35\r\n"
        + "\r\n"
        + "24.11.2026;24.11.2026;R-1003;Bank;;Kontofuehrung;12,50;eur;S;\r\n"

    static let germanMapping = CSVColumnMapping(
        bankReference: .named("Referenz"), valueDate: .named("Valuta"), bookingDate: .named("Buchungstag"),
        amount: .named("Betrag"), currency: .column(.named("Waehrung")),
        creditDebit: .indicatorColumn(.named("S/H"), credit: ["H"], debit: ["S"]),
        paymentMethodCode: .fixed("FI"), remittance: [.named("Verwendungszweck")], payerName: .named("Auftraggeber"),
        payerIBAN: .named("IBAN"), feeAmount: .named("Gebuehr"), feeType: .fixed("COMM"))

    @Test func readsAGermanBankExport() throws {
        let statement = try BankStatementCSV(mapping: Self.germanMapping).read(
            Data(Self.germanExport.utf8), identification: "export.csv")
        #expect(statement.kind == .csv)
        #expect(statement.identification == "export.csv")
        #expect(statement.entries.count == 3)  // the blank line is skipped
        let first = statement.entries[0]
        #expect(first.bankReference == "R-1001")
        #expect(first.bankReferenceSource == .csvColumn)
        #expect(first.amount == CurrencyAmount("1438.00", .eur))
        #expect(first.creditDebit == .credit)
        #expect(first.payerName == "Meyer; Anna")
        #expect(first.payerIBAN?.value == "DE89370400440532013000")
        #expect(first.remittanceText == "Buchung SRT-4711 \"Mallorca\"")
        #expect(first.paymentMethodCode == "FI")
        #expect(first.bookingDate == XMLDate(year: 2026, month: 11, day: 23))
        #expect(first.charges.isEmpty)
        let second = statement.entries[1]
        #expect(second.remittanceLines == ["Restzahlung\nSRT-4712"])
        #expect(second.valueDate == XMLDate(year: 2026, month: 11, day: 24))
        #expect(second.charges == [BankCharge(amount: CurrencyAmount("0.35", .eur)!, type: "COMM")])
        #expect(statement.entries[2].creditDebit == .debit)
        #expect(statement.entries[2].amount.currency == .eur)  // lower case accepted
    }

    @Test func readsSignedAmountsWithDecimalPointAndPositions() throws {
        let csv = """
            2026-11-23,GK-1,"GAVEKORT KOMP",100.00,Gift card 1
            2026-11-23,GK-2,GAVEKORT GEVINST,-25.5,Gift card 2
            2026-11-24,GK-3,GAVEKORTFAKT,"1,250.00",
            """
        let mapping = CSVColumnMapping(
            bankReference: .position(2), valueDate: .position(1), amount: .position(4), currency: .fixed("DKK"),
            paymentMethodCode: .column(.position(3)), remittance: [.position(5)])
        let format = CSVFormat(separator: ",", hasHeaderRow: false, decimalSeparator: .point, dateFormat: .iso8601)
        let entries = try BankStatementCSV(mapping: mapping, format: format).read(Data(csv.utf8)).entries
        #expect(entries.map(\.creditDebit) == [.credit, .debit, .credit])
        #expect(entries.map(\.amount.amount) == [100, Decimal(string: "25.5")!, 1250])
        #expect(entries.map(\.paymentMethodCode) == ["GAVEKORT KOMP", "GAVEKORT GEVINST", "GAVEKORTFAKT"])
        #expect(entries[2].remittanceLines.isEmpty)
        #expect(entries.allSatisfy { $0.amount.currency == .dkk && $0.bookingDate == nil })
    }

    @Test func readsLatin1AndOtherDateFormats() throws {
        let slashes = "Ref;Datum;Betrag\nA-1;23/11/2026;5,00 \n"
        let named = CSVColumnMapping(
            bankReference: .named("Ref"), valueDate: .named("Datum"), amount: .named("Betrag"), currency: .fixed("EUR"))
        let entries = try BankStatementCSV(mapping: named, format: CSVFormat(dateFormat: .dayMonthYearWithSlashes))
            .read(Data(slashes.utf8)).entries
        #expect(entries.first?.valueDate == XMLDate(year: 2026, month: 11, day: 23))
        #expect(entries.first?.amount == CurrencyAmount("5.00", .eur))
        // "Rü" in ISO 8859-1 is 0x52 0xFC.
        let latin1: [UInt8] = [0x52, 0xFC] + Array(";20261123;5,00".utf8)
        let positional = CSVColumnMapping(
            bankReference: .position(1), valueDate: .position(2), amount: .position(3), currency: .fixed("EUR"))
        let format = CSVFormat(hasHeaderRow: false, encoding: .isoLatin1, dateFormat: .compact)
        let rows = try BankStatementCSV(mapping: positional, format: format).read(latin1)
        #expect(rows.entries.first?.bankReference == "R\u{FC}")
        #expect(rows.entries.first?.valueDate == XMLDate(year: 2026, month: 11, day: 23))
    }

    /// Each malformed or invalid record is reported with its line and column.
    @Test(arguments: [
        ("23.11.2026;23.11.2026;R-1;x;;t;abc;EUR;H;", BankStatementsError.Code.csvInvalidValue, 2, 7),
        ("23.11.2026;31.02.2026;R-1;x;;t;1,00;EUR;H;", .csvInvalidValue, 2, 2),
        ("23.11.2026;23.11.2026;R-1;x;;t;1,00;EUR;X;", .csvInvalidValue, 2, 9),
        ("23.11.2026;23.11.2026;R-1;x;;t;-1,00;EUR;H;", .csvInvalidValue, 2, 7),
        ("23.11.2026;23.11.2026;R-1;x;;t;1,005;EUR;H;", .tooManyFractionDigits, 2, 7),
        ("23.11.2026;23.11.2026;R-1;x;;t;1,00;EURO;H;", .invalidCurrency, 2, 8),
        ("23.11.2026;23.11.2026;;x;;t;1,00;EUR;H;", .csvMissingValue, 2, 3),
        ("23.11.2026;23.11.2026;R-1;x;DE00;t;1,00;EUR;H;", .csvInvalidValue, 2, 5),
        ("23.11.2026;23.11.2026;R-1;x;;t;1,00", .csvMissingColumn, 2, 8),
        ("23.11.2026;23.11.2026;R-1;x\"y;;t;1,00;EUR;H;", .csvMalformed, 2, 4),
        ("23.11.2026;23.11.2026;R-1;\"x\"y;;t;1,00;EUR;H;", .csvMalformed, 2, 4),
        ("23.11.2026;23.11.2026;R-1;\"x;;t;1,00;EUR;H;\nmore", .csvMalformed, 3, 4),
        ("23.11.2026;23.11.2026;R-1;x;;t;1.0,00;EUR;H;", .csvInvalidValue, 2, 7),
        (
            "23.11.2026;23.11.2026;R-1;x;;t;1,00;EUR;H;\n23.11.2026;23.11.2026;R-1;x;;t;2,00;EUR;H;",
            .duplicateBankReference, 3, 3
        ),
    ])
    func badRecordsNameTheirLineAndColumn(
        _ record: String, _ code: BankStatementsError.Code, _ line: Int, _ column: Int
    ) {
        let header = "Buchungstag;Valuta;Referenz;Auftraggeber;IBAN;Verwendungszweck;Betrag;Waehrung;S/H;Gebuehr\n"
        let error = #expect(throws: BankStatementsError.self) {
            try BankStatementCSV(mapping: Self.germanMapping).read(Data((header + record).utf8))
        }
        #expect(error?.code == code)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test func mappingProblemsAreReported() {
        let missing = CSVColumnMapping(
            bankReference: .named("Reference"), valueDate: .named("Valuta"), amount: .named("Betrag"),
            currency: .fixed("EUR"))
        let error = #expect(throws: BankStatementsError.self) {
            try BankStatementCSV(mapping: missing).read(Data(Self.germanExport.utf8))
        }
        #expect(error?.code == .csvMissingColumn)
        #expect(error?.line == 1)
        let noHeader = #expect(throws: BankStatementsError.self) {
            try BankStatementCSV(mapping: missing, format: CSVFormat(hasHeaderRow: false)).read(Data("a;b".utf8))
        }
        #expect(noHeader?.code == .csvInvalidMapping)
        let badSeparator = #expect(throws: BankStatementsError.self) {
            try BankStatementCSV(mapping: missing, format: CSVFormat(separator: "\"")).read(Data("a;b".utf8))
        }
        #expect(badSeparator?.code == .csvInvalidMapping)
        let zero = CSVColumnMapping(
            bankReference: .position(0), valueDate: .position(1), amount: .position(2), currency: .fixed("EUR"))
        let zeroError = #expect(throws: BankStatementsError.self) {
            try BankStatementCSV(mapping: zero, format: CSVFormat(hasHeaderRow: false)).read(Data("a;b".utf8))
        }
        #expect(zeroError?.code == .csvInvalidMapping)
    }

    @Test func limitsAreEnforced() {
        let mapping = CSVColumnMapping(
            bankReference: .position(1), valueDate: .position(2), amount: .position(3), currency: .fixed("EUR"))
        func read(_ text: String, _ limits: CSVLimits) -> BankStatementsError? {
            #expect(throws: BankStatementsError.self) {
                try BankStatementCSV(mapping: mapping, format: CSVFormat(hasHeaderRow: false, limits: limits)).read(
                    Data(text.utf8))
            }
        }
        #expect(read("a;b;c\n", CSVLimits(maximumInputSize: 3))?.code == .csvInputTooLarge)
        #expect(read("a\nb\nc\n", CSVLimits(maximumRecordCount: 2))?.code == .csvTooManyRecords)
        let wide = read("a;b;c;d\n", CSVLimits(maximumFieldCount: 3))
        #expect(wide?.code == .csvRecordTooLarge)
        #expect(wide?.column == 4)
        let long = read("\"" + String(repeating: "x", count: 100), CSVLimits(maximumFieldLength: 50))
        #expect(long?.code == .csvRecordTooLarge)
        #expect(long?.line == 1)
        let utf8 = #expect(throws: BankStatementsError.self) {
            try BankStatementCSV(mapping: mapping, format: CSVFormat(hasHeaderRow: false)).read([0x61, 0xFF, 0x3B])
        }
        #expect(utf8?.code == .csvMalformed)
    }

    @Test func parsesDecimalsStrictly() throws {
        let mapping = CSVColumnMapping(
            bankReference: .position(1), valueDate: .position(2), amount: .position(3), currency: .fixed("EUR"))
        let format = CSVFormat(hasHeaderRow: false, dateFormat: .iso8601)
        for (text, expected) in [("1.234.567,89", "1234567.89"), ("+5", "5"), ("0,5", "0.5"), (",5", "0.5")] {
            let entries = try BankStatementCSV(mapping: mapping, format: format).read(Data("R;2026-11-23;\(text)".utf8))
                .entries
            #expect(entries.first?.amount.amount == Decimal(string: expected), "\(text)")
        }
        for text in ["1e3", "12,3abc", "1.23,45", "1,2,3", " ", "--1", "1 000,00"] {
            #expect(throws: BankStatementsError.self, "\(text)") {
                try BankStatementCSV(mapping: mapping, format: format).read(Data("R;2026-11-23;\(text)".utf8))
            }
        }
    }
}
