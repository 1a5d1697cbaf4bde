public import Foundation

/// Generates large, schema-valid camt.053 statements for benchmarks and tests. Not API: the
/// leading underscore excludes it from the SemVer promise.
public enum _CamtSampleGenerator {
    /// A camt.053.001.02 or camt.053.001.08 statement with `entryCount` entries in one `Stmt`.
    ///
    /// Every tenth entry is a batch of two transactions, every seventh a debit, every fifth carries
    /// a structured RF reference, the rest unstructured remittance text with a booking reference;
    /// each transaction has a servicer reference, a debtor name and IBAN. The output is
    /// deterministic.
    ///
    /// - Parameters:
    ///   - entryCount: The number of `Ntry` elements.
    ///   - version: 2 or 8. The default is 8.
    /// - Returns: The document's UTF-8 bytes.
    public static func statement(entryCount: Int, version: Int = 8) -> Data {
        let v08 = version >= 4
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.0\(v08 ? 8 : 2)"><BkToCstmrStmt>\
            <GrpHdr><MsgId>GEN-\(entryCount)</MsgId><CreDtTm>2026-11-23T22:00:00Z</CreDtTm></GrpHdr>\
            <Stmt><Id>GEN-STMT-\(entryCount)</Id><CreDtTm>2026-11-23T22:00:00Z</CreDtTm>\
            <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\
            <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0</Amt><CdtDbtInd>CRDT</CdtDbtInd>\
            <Dt><Dt>2026-11-23</Dt></Dt></Bal>

            """
        xml.reserveCapacity(entryCount * 1_000)
        let status = v08 ? "<Sts><Cd>BOOK</Cd></Sts>" : "<Sts>BOOK</Sts>"
        for index in 0..<entryCount {
            let debit = index % 7 == 6
            let transactionCount = index % 10 == 9 ? 2 : 1
            let cents = 1_000 + (index * 37) % 100_000
            let total = cents * transactionCount
            xml += "<Ntry><NtryRef>\(index + 1)</NtryRef><Amt Ccy=\"EUR\">\(amount(total))</Amt>"
            xml += "<CdtDbtInd>\(debit ? "DBIT" : "CRDT")</CdtDbtInd>\(status)"
            xml += "<BookgDt><Dt>2026-11-23</Dt></BookgDt><ValDt><Dt>2026-11-23</Dt></ValDt>"
            xml += "<AcctSvcrRef>GEN-N-\(index + 1)</AcctSvcrRef>"
            xml += "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>\(debit ? "ICDT" : "RCDT")</Cd><SubFmlyCd>ESCT</SubFmlyCd>"
            xml += "</Fmly></Domn></BkTxCd><NtryDtls>"
            for transaction in 0..<transactionCount {
                xml += "<TxDtls><Refs><AcctSvcrRef>GEN-T-\(index + 1)-\(transaction + 1)</AcctSvcrRef>"
                xml += "<EndToEndId>E2E-\(index + 1)</EndToEndId></Refs>"
                if v08 {
                    xml += "<Amt Ccy=\"EUR\">\(amount(cents))</Amt><CdtDbtInd>\(debit ? "DBIT" : "CRDT")</CdtDbtInd>"
                } else {
                    xml += "<AmtDtls><TxAmt><Amt Ccy=\"EUR\">\(amount(cents))</Amt></TxAmt></AmtDtls>"
                }
                let name = v08 ? "<Pty><Nm>Payer \(index)</Nm></Pty>" : "<Nm>Payer \(index)</Nm>"
                xml += "<RltdPties><Dbtr>\(name)</Dbtr><DbtrAcct><Id><IBAN>DE44500105175407324931</IBAN></Id>"
                xml += "</DbtrAcct></RltdPties><RmtInf>"
                if index % 5 == 4 {
                    xml += "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
                    xml += "<Ref>RF18539007547034</Ref></CdtrRefInf></Strd>"
                } else {
                    xml += "<Ustrd>Booking SRT-\(100_000 + index) payment \(transaction + 1)</Ustrd>"
                }
                xml += "</RmtInf></TxDtls>"
            }
            xml += "</NtryDtls></Ntry>\n"
        }
        xml += "</Stmt></BkToCstmrStmt></Document>\n"
        return Data(xml.utf8)
    }

    private static func amount(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
