import BankStatements
import Foundation
import StringPayments
import Testing
import XMLCoding

@Suite struct CamtDecoderTests {
    @Test func savingsBankStatementVersion02() throws {
        let statements = try CamtFixtures.decode("camt053-v02-sparkasse.xml")
        let statement = try #require(statements.first)
        #expect(statements.count == 1)
        #expect(statement.kind == .statement)
        #expect(statement.version?.identifier == "camt.053.001.02")
        #expect(statement.isBestEffort == false)
        #expect(statement.messageIdentification == "0000000000000234")
        #expect(statement.identification == "0352C5320251123193012")
        #expect(statement.accountIBAN?.value == "DE44500105175407324931")
        #expect(statement.accountCurrency == .eur)
        #expect(statement.creationDateTime?.xmlLexicalForm == "2026-11-23T19:30:12+01:00")
        // 1 single credit + a batch of 3 + a debit + a reversal.
        #expect(statement.entries.count == 6)

        let single = try #require(statement.entries.first)
        #expect(single.bankReference == "2026112300012345")
        #expect(single.bankReferenceSource == .entryServicerReference)
        #expect(single.amount == CurrencyAmount("438.00", .eur))
        #expect(single.creditDebit == .credit)
        #expect(single.isIncomingPayment)
        #expect(single.status == .booked)
        #expect(single.valueDate == XMLDate(year: 2026, month: 11, day: 23))
        #expect(single.bookingDate == XMLDate(year: 2026, month: 11, day: 23))
        #expect(single.remittanceLines == ["Anzahlung Buchung SRT-4711 Meyer", "Mallorca 2027"])
        #expect(single.remittanceText == "Anzahlung Buchung SRT-4711 Meyer Mallorca 2027")
        #expect(single.payerName == "Meyer, Anna")
        #expect(single.payerIBAN?.value == "DE89370400440532013000")
        #expect(single.endToEndIdentification == nil)  // NOTPROVIDED
        #expect(
            single.bankTransactionCode
                == BankTransactionCode(
                    domain: "PMNT", family: "RCDT", subFamily: "ESCT", proprietaryCode: "NTRF+166+00900",
                    proprietaryIssuer: "DK"))
        #expect(RemittanceReferenceFinder().find(in: single.remittanceText).tokens.contains("SRT-4711"))

        // The batch: three transactions, each with its own key and amount, the entry's dates.
        let batch = Array(statement.entries[1...3])
        #expect(batch.map(\.bankReference) == ["2026112300012346/1", "2026112300012346/2", "2026112300012346/3"])
        #expect(batch.map(\.amount.amount) == [500, 500, 250])
        #expect(batch.allSatisfy { $0.valueDate == XMLDate(year: 2026, month: 11, day: 23) && $0.status == .booked })
        #expect(batch.map(\.endToEndIdentification) == ["E2E-REISEBUERO-1", "E2E-REISEBUERO-2", "E2E-REISEBUERO-3"])
        #expect(batch[2].payerIBAN == nil)

        let debit = statement.entries[4]
        #expect(debit.creditDebit == .debit)
        #expect(!debit.isIncomingPayment)
        #expect(debit.signedAmount.amount == -200)
        #expect(
            debit.charges == [
                BankCharge(amount: CurrencyAmount(amount: Decimal(string: "2.5")!, currency: .eur), type: "COMM")
            ])

        let reversal = statement.entries[5]
        #expect(reversal.isReversal)
        #expect(reversal.creditDebit == .debit)
        #expect(reversal.bankReference == "2026112100011111")
        #expect(reversal.bankReferenceSource == .transactionServicerReference)
        #expect(reversal.valueDate == XMLDate(year: 2026, month: 11, day: 21))
        #expect(reversal.additionalInformation == "Retoure SEPA Ueberweisung")
        #expect(!reversal.isIncomingPayment)
    }

    @Test func cooperativeBankStatementVersion02() throws {
        let statements = try CamtFixtures.decode("camt053-v02-genobank.xml")
        #expect(statements.map(\.identification) == ["GENO-20261123-EUR-1", "GENO-20261123-EUR-2"])
        let credit = try #require(statements[0].entries.first)
        #expect(credit.bankReference == "GENO-TX-889911")
        #expect(credit.bookingDate == XMLDate(year: 2026, month: 11, day: 23))  // from DtTm
        #expect(
            credit.bankTransactionCode
                == BankTransactionCode(proprietaryCode: "NTRF+166+00931", proprietaryIssuer: "DK"))
        #expect(credit.charges.map(\.type) == ["BUCHUNGSPOSTEN"])
        #expect(credit.chargesTotal.amount == Decimal(string: "0.35"))
        let reference = try #require(credit.creditorReference)
        #expect(reference.reference == "RF51SRT20260001")
        #expect(reference.typeCode == "SCOR")
        #expect(reference.issuer == "ISO")
        #expect(reference.isISO11649)
        #expect(reference.iso11649Payload == "SRT20260001")
        #expect(credit.payerName == "Klaus Becker")

        let second = statements[1]
        #expect(second.accountCurrency == nil)
        #expect(second.entries.map(\.bankReference) == ["GENO-20261123-EUR-2:1", "GENO-20261123-EUR-2#2/1"])
        #expect(second.entries.map(\.bankReferenceSource) == [.entryReference, .position])
        #expect(second.entries[1].bankTransactionCode == nil)  // an empty BkTxCd
    }

    @Test func bigBankStatementVersion08() throws {
        let statements = try CamtFixtures.decode("camt053-v08-bigbank.xml")
        let statement = try #require(statements.first)
        #expect(statement.version?.identifier == "camt.053.001.08")
        #expect(statement.entries.count == 4)

        let credit = statement.entries[0]
        #expect(credit.bankReference == "BIGB-TX-77001")
        #expect(credit.amount == CurrencyAmount("846.25", .eur))
        #expect(credit.valueDate == XMLDate(year: 2026, month: 11, day: 24))
        #expect(credit.payerName == "Harris Travel Ltd")  // Dbtr/Pty/Nm
        #expect(credit.payerIBAN?.value == "GB29NWBK60161331926819")
        #expect(credit.charges.count == 2)
        #expect(credit.charges.map(\.type) == ["COMM", "BRKF"])
        #expect(credit.charges.allSatisfy { $0.isIncludedInEntryAmount == true })
        #expect(credit.chargesTotal == CurrencyAmount("3.75", .eur))
        #expect(credit.creditorReference?.reference == "RF84SRT4711")
        #expect(credit.creditorReference?.iso11649Payload == "SRT4711")
        #expect(credit.endToEndIdentification == "INV-2026-3310")

        let batch = Array(statement.entries[1...2])
        #expect(batch.map(\.bankReference) == ["BIGB-N-20261123-000002/1", "BIGB-N-20261123-000002/2"])
        #expect(batch.map(\.amount.amount) == [100, 200])
        #expect(batch.map(\.remittanceText) == ["GAVEKORT 100062 SRT-4720", "GAVEKORT 100063 SRT-4721"])

        let reversal = statement.entries[3]
        #expect(reversal.isReversal)
        #expect(reversal.creditDebit == .debit)
        #expect(reversal.bankReference == "BIGB-TX-76950")
        #expect(reversal.additionalInformation == "RETURN AC04 CLOSED ACCOUNT")
    }

    @Test func nordicBankStatementVersion08() throws {
        let statement = try #require(try CamtFixtures.decode("camt053-v08-nordicbank.xml").first)
        #expect(statement.accountCurrency == .dkk)
        #expect(
            statement.entries.map(\.bankReference) == [
                "NORD-STMT-0815:77/1", "NORD-STMT-0815:77/2", "NORD-STMT-0815#2/1",
            ])
        #expect(statement.entries[0].bookingDate == XMLDate(year: 2026, month: 11, day: 23))
        #expect(statement.entries[0].bankTransactionCode?.proprietaryCode == "GAVEKORTFAKT")
        #expect(statement.entries[1].charges == [BankCharge(amount: CurrencyAmount("25.00", .dkk)!, type: "GEBYR")])
        // An RF reference in free text, lower case with a space: found by the finder.
        let found = RemittanceReferenceFinder().find(in: statement.entries[2].remittanceText)
        #expect(found.rfReferences == ["RF71SRT1065"])
        #expect(found.tokens.isEmpty)
    }

    @Test func notificationsVersion02() throws {
        let sparkasse = try #require(try CamtFixtures.decode("camt054-v02-sparkasse.xml").first)
        #expect(sparkasse.kind == .notification)
        #expect(sparkasse.version?.identifier == "camt.054.001.02")
        #expect(sparkasse.entries.map(\.status) == [.booked, .pending])
        let pending = sparkasse.entries[1]
        #expect(pending.bookingDate == nil)
        #expect(pending.valueDate == XMLDate(year: 2026, month: 11, day: 24))
        #expect(!pending.status.isBooked)

        let commerzbank = try #require(try CamtFixtures.decode("camt054-v02-commerzbank.xml").first)
        #expect(commerzbank.entries.map(\.bankReference) == ["CBK7700123-01", "CBK7700123-02", "CBK7700124"])
        #expect(commerzbank.entries[0].creditorReference?.isISO11649 == true)
        #expect(commerzbank.entries[1].creditorReference?.proprietaryType == "KUNDENREFERENZ")
        #expect(commerzbank.entries[1].creditorReference?.isISO11649 == false)
        #expect(commerzbank.entries[2].creditDebit == .debit)
        #expect(commerzbank.entries[2].charges.map(\.description) == ["15.00 EUR BRKF"])
    }

    @Test func notificationsVersion08() throws {
        let bigBank = try #require(try CamtFixtures.decode("camt054-v08-bigbank.xml").first)
        #expect(bigBank.kind == .notification)
        #expect(bigBank.creationDateTime?.xmlLexicalForm == "2026-11-23T09:12:00Z")  // from GrpHdr
        let entry = try #require(bigBank.entries.first)
        #expect(entry.status == .pending)
        #expect(entry.charges.map(\.type) == ["COMM"])
        #expect(entry.creditorReference?.isISO11649 == true)

        let nordic = try #require(try CamtFixtures.decode("camt054-v08-nordicbank.xml").first)
        #expect(nordic.entries.map(\.status) == [.other("RESERVED"), .booked])
        #expect(nordic.entries[0].valueDate == XMLDate(year: 2026, month: 11, day: 24))  // from DtTm
        #expect(nordic.entries[0].bankTransactionCode?.proprietaryCode == "GAVEKORT KOMP")
        #expect(nordic.entries[1].creditDebit == .debit)
        #expect(nordic.entries[1].remittanceLines.isEmpty)
        #expect(nordic.entries[1].additionalInformation == "Kontogebyr november")
    }

    /// A statement and the notification of the same transaction give the same key, so the second
    /// import recognises the first.
    @Test func statementAndNotificationShareKeys() throws {
        let statement = try CamtFixtures.decode("camt053-v08-bigbank.xml")
        let notification = try CamtFixtures.decode("camt054-v08-bigbank.xml")
        #expect(notification[0].entries[0].bankReference == statement[0].entries[0].bankReference)
        let sparkasseStatement = try CamtFixtures.decode("camt053-v02-sparkasse.xml")
        let sparkasseNotification = try CamtFixtures.decode("camt054-v02-sparkasse.xml")
        #expect(sparkasseNotification[0].entries[0].bankReference == sparkasseStatement[0].entries[0].bankReference)
    }

    /// Decoding twice gives the same keys; every key of a file is distinct.
    @Test(arguments: CamtFixtures.all.map(\.name))
    func keysAreStableAndUnique(_ name: String) throws {
        let first = try CamtFixtures.decode(name)
        let second = try CamtFixtures.decode(name)
        #expect(first == second)
        for statement in first {
            let keys = statement.entries.map(\.bankReference)
            #expect(Set(keys).count == keys.count, "\(keys)")
        }
    }

    @Test func repeatedReferencesAreMadeUnique() throws {
        let xml = Self.minimalStatement(
            entries: [Self.entry(reference: "SAME"), Self.entry(reference: "SAME"), Self.entry(reference: "SAME")])
        let entries = try CamtDecoder().decode(Data(xml.utf8))[0].entries
        #expect(entries.map(\.bankReference) == ["SAME", "SAME~2", "SAME~3"])
    }

    @Test func paymentMethodCodeComesFromTheOptions() throws {
        let statements = try CamtFixtures.decode(
            "camt053-v02-sparkasse.xml", options: CamtDecodingOptions(paymentMethodCode: "FI"))
        #expect(statements[0].entries.allSatisfy { $0.paymentMethodCode == "FI" })
    }

    @Test func otherVersionsAreReadBestEffort() throws {
        let statements = try CamtFixtures.decode("camt053-v04-besteffort.xml")
        let statement = try #require(statements.first)
        #expect(statement.isBestEffort)
        #expect(statement.version?.identifier == "camt.053.001.04")
        #expect(statement.decodedAs?.identifier == "camt.053.001.08")
        let reference = try CamtFixtures.decode("camt053-v08-bigbank.xml")[0]
        #expect(statement.entries == reference.entries)

        let refused = #expect(throws: BankStatementsError.self) {
            try CamtFixtures.decode(
                "camt053-v04-besteffort.xml", options: CamtDecodingOptions(readsOtherVersions: false))
        }
        #expect(refused?.code == .unsupportedVersion)
    }

    @Test func anOtherVersionThatDoesNotFitIsRefused() throws {
        let xml = """
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.13">
              <BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id>
                <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
                <Ntry><Amt Ccy="EUR">1.00</Amt><Sts><Cd>BOOK</Cd></Sts></Ntry>
              </Stmt></BkToCstmrStmt>
            </Document>
            """
        let error = #expect(throws: BankStatementsError.self) { try CamtDecoder().decode(Data(xml.utf8)) }
        #expect(error?.code == .unsupportedVersion)
        #expect(error?.xmlError?.code == .missingElement)
        #expect(error?.elementPath == "/Document/BkToCstmrStmt/Stmt/Ntry")

        let wrongMessage = """
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.10"><BkToCstmrStmt/></Document>
            """
        let other = #expect(throws: BankStatementsError.self) { try CamtDecoder().decode(Data(wrongMessage.utf8)) }
        #expect(other?.code == .unsupportedVersion)
    }

    // MARK: Helpers

    static func minimalStatement(entries: [String]) -> String {
        """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
        <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-11-23T10:00:00Z</CreDtTm></GrpHdr>
        <Stmt><Id>S-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
        <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-23</Dt></Dt></Bal>
        \(entries.joined(separator: "\n"))
        </Stmt></BkToCstmrStmt></Document>
        """
    }

    static func entry(reference: String, amount: String = "10.00", currency: String = "EUR") -> String {
        """
        <Ntry><Amt Ccy="\(currency)">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <AcctSvcrRef>\(reference)</AcctSvcrRef><BkTxCd/></Ntry>
        """
    }
}
