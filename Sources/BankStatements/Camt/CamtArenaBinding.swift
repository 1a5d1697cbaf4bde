import Foundation
import StringPayments
import XMLCoding

/// The hand-written camt binding: reads the parts of a camt.053 or camt.054 document the import
/// needs straight from the parsed arena and assembles each `Ntry` as soon as it is read.
///
/// It gives exactly what decoding ``CamtDocument`` with ``/XMLCoding/XMLDecoder`` and assembling
/// it gives (a property test compares the two), at a fraction of the cost: element names are
/// compared as interned integers, values are parsed from the arena's bytes, and no intermediate
/// document model is built. Like the Codable model, it reads every version with one model (the
/// elements of the report's own namespace, the first of each name where one is expected,
/// unknown elements ignored) and reports the same error codes at the same element paths; the
/// fields are read in the order the Codable model declares them, so the first error is the same.
final class CamtArenaBinding {
    let document: XMLDocument
    let version: CamtVersion
    let paymentMethodCode: String?
    private let names: CamtElementNames

    init(document: XMLDocument, version: CamtVersion, paymentMethodCode: String?) {
        self.document = document
        self.version = version
        self.paymentMethodCode = paymentMethodCode
        self.names = CamtElementNames(document)
    }

    typealias Element = XMLDocument.Element

    /// One statement per report of the version's message.
    func statements() throws(XMLCodingError) -> [BankStatement] {
        let root = document.rootElement
        let messageName = version.kind == .statement ? names.bkToCstmrStmt : names.bkToCstmrDbtCdtNtfctn
        guard let message = first(messageName, in: root) else {
            let expected = version.kind == .statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn"
            throw XMLCodingError(
                code: .missingElement, message: "required element '\(expected)' is missing", line: 1,
                elementPath: "/Document")
        }
        let reportName = version.kind == .statement ? names.stmt : names.ntfctn
        let (headerElement, firstReport) = firstChildren(of: message, names.grpHdr, reportName)
        guard let headerElement else { throw missing("GrpHdr", in: message) }
        let header = try groupHeader(headerElement)
        var statements: [BankStatement] = []
        var report = firstReport
        while let element = report {
            statements.append(try statement(element, header: header))
            report = next(reportName, after: element)
        }
        return statements
    }

    // MARK: - Reports

    private func groupHeader(_ element: Element) throws(XMLCodingError) -> CamtGroupHeader {
        let (identification, created) = firstChildren(of: element, names.msgId, names.creDtTm)
        guard let identification else { throw missing("MsgId", in: element) }
        return CamtGroupHeader(
            messageIdentification: try string(identification), creationDateTime: try created.map(dateTime))
    }

    private func statement(_ element: Element, header: CamtGroupHeader) throws(XMLCodingError) -> BankStatement {
        var identification: Element?
        var created: Element?
        var account: Element?
        var firstEntry: Element?
        forEachChild(of: element) { child, name in
            if name == names.id {
                if identification == nil { identification = child }
            } else if name == names.creDtTm {
                if created == nil { created = child }
            } else if name == names.acct {
                if account == nil { account = child }
            } else if name == names.ntry {
                if firstEntry == nil { firstEntry = child }
            }
        }
        guard let identification else { throw missing("Id", in: element) }
        let id = try string(identification)
        let creationDateTime = try created.map(dateTime)
        guard let account else { throw missing("Acct", in: element) }
        let report = CamtReport(
            identification: id, creationDateTime: creationDateTime, account: try self.account(account), entries: [])
        var assembler = CamtStatementAssembler(
            version: version, header: header, report: report, paymentMethodCode: paymentMethodCode)
        var position = 0
        var entryElement = firstEntry
        while let current = entryElement {
            position += 1
            assembler.add(try entry(current), position: position)
            entryElement = next(names.ntry, after: current)
        }
        return assembler.statement()
    }

    private func account(_ element: Element) throws(XMLCodingError) -> CamtAccount {
        let (identification, currency) = firstChildren(of: element, names.id, names.ccy)
        var id: CamtAccount.Identification?
        if let identification {
            id = CamtAccount.Identification(iban: try first(names.iban, in: identification).map(string))
        }
        return CamtAccount(identification: id, currency: try currency.map(string))
    }

    // MARK: - Entries

    private func entry(_ element: Element) throws(XMLCodingError) -> CamtEntry {
        var entryReference: Element?
        var amount: Element?
        var creditDebit: Element?
        var reversal: Element?
        var status: Element?
        var bookingDate: Element?
        var valueDate: Element?
        var servicerReference: Element?
        var code: Element?
        var amountDetails: Element?
        var firstCharges: Element?
        var firstDetails: Element?
        var additional: Element?
        forEachChild(of: element) { child, name in
            switch name {
            case names.ntryRef: if entryReference == nil { entryReference = child }
            case names.amt: if amount == nil { amount = child }
            case names.cdtDbtInd: if creditDebit == nil { creditDebit = child }
            case names.rvslInd: if reversal == nil { reversal = child }
            case names.sts: if status == nil { status = child }
            case names.bookgDt: if bookingDate == nil { bookingDate = child }
            case names.valDt: if valueDate == nil { valueDate = child }
            case names.acctSvcrRef: if servicerReference == nil { servicerReference = child }
            case names.bkTxCd: if code == nil { code = child }
            case names.amtDtls: if amountDetails == nil { amountDetails = child }
            case names.chrgs: if firstCharges == nil { firstCharges = child }
            case names.ntryDtls: if firstDetails == nil { firstDetails = child }
            case names.addtlNtryInf: if additional == nil { additional = child }
            default: break
            }
        }
        let entryReferenceValue = try entryReference.map(string)
        guard let amount else { throw missing("Amt", in: element) }
        let amountValue = try self.amount(amount)
        guard let creditDebit else { throw missing("CdtDbtInd", in: element) }
        let creditDebitValue = try self.creditDebit(creditDebit)
        let reversalValue = try reversal.map(boolean)
        guard let status else { throw missing("Sts", in: element) }
        let statusValue = try entryStatus(status)
        let bookingDateValue = try bookingDate.map(dateChoice)
        let valueDateValue = try valueDate.map(dateChoice)
        let servicerReferenceValue = try servicerReference.map(string)
        let codeValue = try code.map(bankTransactionCode)
        let amountDetailsValue = try amountDetails.map(self.amountDetails)
        let chargesValue = try charges(from: firstCharges)
        var details: [CamtEntry.Details] = []
        var detailsElement = firstDetails
        while let current = detailsElement {
            var transactions: [CamtTransaction] = []
            var transactionElement = first(names.txDtls, in: current)
            while let transaction = transactionElement {
                transactions.append(try self.transaction(transaction))
                transactionElement = next(names.txDtls, after: transaction)
            }
            details.append(CamtEntry.Details(transactions: transactions))
            detailsElement = next(names.ntryDtls, after: current)
        }
        return CamtEntry(
            entryReference: entryReferenceValue, amount: amountValue, creditDebit: creditDebitValue,
            reversal: reversalValue, status: statusValue, bookingDate: bookingDateValue, valueDate: valueDateValue,
            servicerReference: servicerReferenceValue, bankTransactionCode: codeValue,
            amountDetails: amountDetailsValue, charges: chargesValue, details: details,
            additionalInformation: try additional.map(string))
    }

    private func entryStatus(_ element: Element) throws(XMLCodingError) -> CamtEntryStatus {
        let (code, proprietary) = firstChildren(of: element, names.cd, names.prtry)
        return CamtEntryStatus(
            text: document.text(of: element), code: try code.map(string), proprietary: try proprietary.map(string))
    }

    private func dateChoice(_ element: Element) throws(XMLCodingError) -> CamtDateChoice {
        let (date, dateTime) = firstChildren(of: element, names.dt, names.dtTm)
        return CamtDateChoice(date: try date.map(self.date), dateTime: try dateTime.map(self.dateTime))
    }

    private func bankTransactionCode(_ element: Element) throws(XMLCodingError) -> CamtBankTransactionCode {
        let (domain, proprietary) = firstChildren(of: element, names.domn, names.prtry)
        var domainValue: CamtBankTransactionCode.Domain?
        if let domain {
            let (code, family) = firstChildren(of: domain, names.cd, names.fmly)
            guard let code else { throw missing("Cd", in: domain) }
            let codeValue = try string(code)
            guard let family else { throw missing("Fmly", in: domain) }
            let (familyCode, subFamily) = firstChildren(of: family, names.cd, names.subFmlyCd)
            guard let familyCode else { throw missing("Cd", in: family) }
            let familyCodeValue = try string(familyCode)
            guard let subFamily else { throw missing("SubFmlyCd", in: family) }
            domainValue = CamtBankTransactionCode.Domain(
                code: codeValue,
                family: CamtBankTransactionCode.Family(code: familyCodeValue, subFamilyCode: try string(subFamily)))
        }
        var proprietaryValue: CamtBankTransactionCode.Proprietary?
        if let proprietary {
            let (code, issuer) = firstChildren(of: proprietary, names.cd, names.issr)
            guard let code else { throw missing("Cd", in: proprietary) }
            let codeValue = try string(code)
            proprietaryValue = CamtBankTransactionCode.Proprietary(code: codeValue, issuer: try issuer.map(string))
        }
        return CamtBankTransactionCode(domain: domainValue, proprietary: proprietaryValue)
    }

    private func amountDetails(_ element: Element) throws(XMLCodingError) -> CamtAmountDetails {
        guard let transactionAmount = first(names.txAmt, in: element) else {
            return CamtAmountDetails(transactionAmount: nil)
        }
        guard let amount = first(names.amt, in: transactionAmount) else {
            throw missing("Amt", in: transactionAmount)
        }
        return CamtAmountDetails(transactionAmount: CamtAmountDetails.Amount(amount: try self.amount(amount)))
    }

    /// Every `Chrgs` from `first` on, in both shapes.
    private func charges(from firstCharges: Element?) throws(XMLCodingError) -> [CamtCharges] {
        guard var current = firstCharges else { return [] }
        var result: [CamtCharges] = []
        while true {
            let (amount, type, firstRecord) = firstChildren(of: current, names.amt, names.tp, names.rcrd)
            let amountValue = try amount.map(self.amount)
            let typeValue = try type.map(chargeType)
            var records: [CamtCharges.Record] = []
            var recordElement = firstRecord
            while let record = recordElement {
                let (recordAmount, included, recordType) = firstChildren(
                    of: record, names.amt, names.chrgInclInd, names.tp)
                guard let recordAmount else { throw missing("Amt", in: record) }
                let recordAmountValue = try self.amount(recordAmount)
                let includedValue = try included.map(boolean)
                records.append(
                    CamtCharges.Record(
                        amount: recordAmountValue, isIncluded: includedValue, type: try recordType.map(chargeType)))
                recordElement = next(names.rcrd, after: record)
            }
            result.append(CamtCharges(amount: amountValue, type: typeValue, records: records))
            guard let following = next(names.chrgs, after: current) else { return result }
            current = following
        }
    }

    private func chargeType(_ element: Element) throws(XMLCodingError) -> CamtCharges.ChargeType {
        let (code, proprietary) = firstChildren(of: element, names.cd, names.prtry)
        let codeValue = try code.map(string)
        var proprietaryValue: CamtCharges.ChargeType.Proprietary?
        if let proprietary {
            guard let identification = first(names.id, in: proprietary) else { throw missing("Id", in: proprietary) }
            proprietaryValue = CamtCharges.ChargeType.Proprietary(identification: try string(identification))
        }
        return CamtCharges.ChargeType(code: codeValue, proprietary: proprietaryValue)
    }

    // MARK: - Transactions

    private func transaction(_ element: Element) throws(XMLCodingError) -> CamtTransaction {
        var references: Element?
        var amount: Element?
        var creditDebit: Element?
        var amountDetails: Element?
        var code: Element?
        var firstCharges: Element?
        var parties: Element?
        var remittance: Element?
        var additional: Element?
        forEachChild(of: element) { child, name in
            switch name {
            case names.refs: if references == nil { references = child }
            case names.amt: if amount == nil { amount = child }
            case names.cdtDbtInd: if creditDebit == nil { creditDebit = child }
            case names.amtDtls: if amountDetails == nil { amountDetails = child }
            case names.bkTxCd: if code == nil { code = child }
            case names.chrgs: if firstCharges == nil { firstCharges = child }
            case names.rltdPties: if parties == nil { parties = child }
            case names.rmtInf: if remittance == nil { remittance = child }
            case names.addtlTxInf: if additional == nil { additional = child }
            default: break
            }
        }
        let referencesValue = try references.map(self.references)
        let amountValue = try amount.map(self.amount)
        let creditDebitValue = try creditDebit.map(self.creditDebit)
        let amountDetailsValue = try amountDetails.map(self.amountDetails)
        let codeValue = try code.map(bankTransactionCode)
        let chargesValue = try charges(from: firstCharges)
        let partiesValue = try parties.map(relatedParties)
        let remittanceValue = try remittance.map(self.remittance)
        return CamtTransaction(
            references: referencesValue, amount: amountValue, creditDebit: creditDebitValue,
            amountDetails: amountDetailsValue, bankTransactionCode: codeValue, charges: chargesValue,
            relatedParties: partiesValue, remittance: remittanceValue,
            additionalInformation: try additional.map(string))
    }

    private func references(_ element: Element) throws(XMLCodingError) -> CamtTransaction.References {
        let (servicer, endToEnd, transaction) = firstChildren(
            of: element, names.acctSvcrRef, names.endToEndId, names.txId)
        return CamtTransaction.References(
            servicerReference: try servicer.map(string), endToEndIdentification: try endToEnd.map(string),
            transactionIdentification: try transaction.map(string))
    }

    private func relatedParties(_ element: Element) throws(XMLCodingError) -> CamtTransaction.RelatedParties {
        let (debtor, debtorAccount) = firstChildren(of: element, names.dbtr, names.dbtrAcct)
        var party: CamtTransaction.Party?
        if let debtor {
            let (name, named) = firstChildren(of: debtor, names.nm, names.pty)
            let nameValue = try name.map(string)
            var namedValue: CamtTransaction.Party.Named?
            if let named {
                namedValue = CamtTransaction.Party.Named(name: try first(names.nm, in: named).map(string))
            }
            party = CamtTransaction.Party(name: nameValue, party: namedValue)
        }
        return CamtTransaction.RelatedParties(debtor: party, debtorAccount: try debtorAccount.map(account))
    }

    private func remittance(_ element: Element) throws(XMLCodingError) -> CamtRemittance {
        var unstructured: [String] = []
        var line = first(names.ustrd, in: element)
        while let current = line {
            unstructured.append(try string(current))
            line = next(names.ustrd, after: current)
        }
        var structured: [CamtRemittance.Structured] = []
        var part = first(names.strd, in: element)
        while let current = part {
            var information: CamtRemittance.CreditorReferenceInformation?
            if let reference = first(names.cdtrRefInf, in: current) {
                information = try creditorReference(reference)
            }
            structured.append(CamtRemittance.Structured(creditorReference: information))
            part = next(names.strd, after: current)
        }
        return CamtRemittance(unstructured: unstructured, structured: structured)
    }

    private func creditorReference(
        _ element: Element
    ) throws(XMLCodingError) -> CamtRemittance.CreditorReferenceInformation {
        let (type, reference) = firstChildren(of: element, names.tp, names.ref)
        var typeValue: CamtRemittance.CreditorReferenceInformation.ReferenceType?
        if let type {
            let (codeOrProprietary, issuer) = firstChildren(of: type, names.cdOrPrtry, names.issr)
            guard let codeOrProprietary else { throw missing("CdOrPrtry", in: type) }
            let (code, proprietary) = firstChildren(of: codeOrProprietary, names.cd, names.prtry)
            let choice = CamtRemittance.CreditorReferenceInformation.CodeOrProprietary(
                code: try code.map(string), proprietary: try proprietary.map(string))
            typeValue = CamtRemittance.CreditorReferenceInformation.ReferenceType(
                codeOrProprietary: choice, issuer: try issuer.map(string))
        }
        return CamtRemittance.CreditorReferenceInformation(type: typeValue, reference: try reference.map(string))
    }

    // MARK: - Values

    private func amount(_ element: Element) throws(XMLCodingError) -> CamtAmount {
        guard let code = document.attribute(names.ccy, of: element) else {
            throw located(.missingAttribute, "required attribute 'Ccy' is missing", element)
        }
        guard let value = document.decimal(of: element) else { throw invalid(element, typeName: "xs:decimal") }
        do throws(XMLCodingError) {
            return CamtAmount(value: try CamtAmount.checked(currencyCode: code, amount: value))
        } catch {
            throw located(error.code, error.message, element)
        }
    }

    private func creditDebit(_ element: Element) throws(XMLCodingError) -> CamtCreditDebitCode {
        try simpleContent(element, typeName: "CamtCreditDebitCode")
        let text = XMLWhitespace.collapse(document.text(of: element))
        guard let value = CamtCreditDebitCode(rawValue: text) else {
            throw located(
                .unknownEnumerationValue,
                "'\(text)' is not a value of CamtCreditDebitCode; expected one of: CRDT, DBIT", element)
        }
        return value
    }

    private func string(_ element: Element) throws(XMLCodingError) -> String {
        try simpleContent(element, typeName: "xs:string")
        return document.text(of: element)
    }

    private func boolean(_ element: Element) throws(XMLCodingError) -> Bool {
        try simpleContent(element, typeName: "xs:boolean")
        guard let value = document.boolean(of: element) else { throw invalid(element, typeName: "xs:boolean") }
        return value
    }

    private func date(_ element: Element) throws(XMLCodingError) -> XMLDate {
        try simpleContent(element, typeName: "xs:date")
        guard let value = document.date(of: element) else { throw invalid(element, typeName: "xs:date") }
        return value
    }

    private func dateTime(_ element: Element) throws(XMLCodingError) -> XMLDateTime {
        try simpleContent(element, typeName: "xs:dateTime")
        guard let value = document.dateTime(of: element) else { throw invalid(element, typeName: "xs:dateTime") }
        return value
    }

    // MARK: - Navigation and errors

    /// Calls `body` with each child element in the parent's namespace and its interned name.
    @inline(__always)
    private func forEachChild(of parent: Element, _ body: (Element, XMLDocument.Name) -> Void) {
        var child = document.firstChildElement(of: parent)
        while let current = child {
            if document.hasSameNamespace(current, as: parent) { body(current, document.name(of: current)) }
            child = document.nextSiblingElement(after: current)
        }
    }

    /// The first child element of each of two names in the parent's namespace.
    private func firstChildren(
        of parent: Element, _ first: XMLDocument.Name, _ second: XMLDocument.Name
    ) -> (Element?, Element?) {
        let found = firstChildren(of: parent, first, second, names.absent)
        return (found.0, found.1)
    }

    /// The first child element of each of three names in the parent's namespace.
    private func firstChildren(
        of parent: Element, _ first: XMLDocument.Name, _ second: XMLDocument.Name, _ third: XMLDocument.Name
    ) -> (Element?, Element?, Element?) {
        var found: (Element?, Element?, Element?) = (nil, nil, nil)
        forEachChild(of: parent) { child, name in
            if name == first {
                if found.0 == nil { found.0 = child }
            } else if name == second {
                if found.1 == nil { found.1 = child }
            } else if name == third {
                if found.2 == nil { found.2 = child }
            }
        }
        return found
    }

    /// The first child element of that name in the parent's namespace.
    private func first(_ name: XMLDocument.Name, in parent: Element) -> Element? {
        var child = document.firstChildElement(of: parent)
        while let current = child {
            if document.name(of: current) == name, document.hasSameNamespace(current, as: parent) { return current }
            child = document.nextSiblingElement(after: current)
        }
        return nil
    }

    /// The next sibling element of that name in the same namespace.
    private func next(_ name: XMLDocument.Name, after element: Element) -> Element? {
        var sibling = document.nextSiblingElement(after: element)
        while let current = sibling {
            if document.name(of: current) == name, document.hasSameNamespace(current, as: element) { return current }
            sibling = document.nextSiblingElement(after: current)
        }
        return nil
    }

    private func simpleContent(_ element: Element, typeName: String) throws(XMLCodingError) {
        guard !document.hasChildElements(element) else {
            throw located(
                .typeMismatch, "element has child elements where a simple \(typeName) value belongs", element)
        }
    }

    private func missing(_ name: String, in parent: Element) -> XMLCodingError {
        located(.missingElement, "required '\(name)' is missing", parent)
    }

    private func invalid(_ element: Element, typeName: String) -> XMLCodingError {
        let text = document.text(of: element)
        let shown = text.count > 64 ? String(text.prefix(64)) + "…" : text
        return located(.invalidValue, "'\(shown)' is not a valid \(typeName)", element)
    }

    private func located(_ code: XMLCodingError.Code, _ message: String, _ element: Element) -> XMLCodingError {
        XMLCodingError(
            code: code, message: message, line: document.line(of: element), elementPath: document.path(of: element))
    }
}
