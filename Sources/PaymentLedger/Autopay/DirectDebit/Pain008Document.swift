public import Foundation
public import StringPayments
public import XMLCoding

/// The creditor of direct-debit collections: the tour operator's account and creditor identifier.
public struct DirectDebitCreditor: Hashable, Sendable {
    /// The creditor's name, 1 to 70 characters.
    public var name: String
    /// The account the money goes to.
    public var iban: IBAN
    /// The creditor's bank, if given.
    public var bic: BIC?
    /// The SEPA creditor identifier, such as `DE98ZZZ09999999999`.
    public var creditorId: String

    /// Creates a creditor.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - iban: The account.
    ///   - bic: The bank.
    ///   - creditorId: The creditor identifier.
    public init(name: String, iban: IBAN, bic: BIC? = nil, creditorId: String) {
        self.name = name
        self.iban = iban
        self.bic = bic
        self.creditorId = creditorId
    }
}

/// One collection of a pain.008 file.
public struct DirectDebitCollection: Hashable, Sendable {
    /// The end-to-end identification, which comes back on the bank statement: the attempt's key.
    public var endToEndId: String
    /// The amount collected.
    public var amount: CurrencyAmount
    /// The day the money is to be collected.
    public var collectionDate: XMLDate
    /// The mandate.
    public var mandate: DirectDebitMandate
    /// The remittance text: booking and instalment.
    public var remittance: String

    /// Creates a collection.
    ///
    /// - Parameters:
    ///   - endToEndId: The end-to-end identification.
    ///   - amount: The amount.
    ///   - collectionDate: The collection date.
    ///   - mandate: The mandate.
    ///   - remittance: The remittance text.
    public init(
        endToEndId: String, amount: CurrencyAmount, collectionDate: XMLDate, mandate: DirectDebitMandate,
        remittance: String
    ) {
        self.endToEndId = endToEndId
        self.amount = amount
        self.collectionDate = collectionDate
        self.mandate = mandate
        self.remittance = remittance
    }
}

/// An ISO 20022 pain.008 customer direct debit initiation, written deterministically in the
/// version asked for and validated against its shipped schema (``Pain008Schemas``) before anyone
/// sees its bytes.
public struct Pain008Document: Hashable, Sendable {
    /// The version.
    public var version: Pain008Version
    /// The message identification, unique per file, 1 to 35 characters.
    public var messageId: String
    /// When the file was made.
    public var createdAt: Date
    /// The creditor.
    public var creditor: DirectDebitCreditor
    /// The collections; grouped by collection date into payment information blocks.
    public var collections: [DirectDebitCollection]

    /// Creates a document.
    ///
    /// - Parameters:
    ///   - version: The version.
    ///   - messageId: The message identification, 1 to 35 characters.
    ///   - createdAt: When the file was made.
    ///   - creditor: The creditor.
    ///   - collections: The collections.
    public init(
        version: Pain008Version, messageId: String, createdAt: Date, creditor: DirectDebitCreditor,
        collections: [DirectDebitCollection]
    ) {
        self.version = version
        self.messageId = messageId
        self.createdAt = createdAt
        self.creditor = creditor
        self.collections = collections
    }

    /// The document's bytes, validated.
    ///
    /// - Returns: UTF-8 XML with a declaration.
    /// - Throws: ``AutopayError`` with code `collection-file-invalid` naming the first violation
    ///   (a name outside the SEPA character set, an identifier too long).
    public func validatedData() throws(AutopayError) -> Data {
        let data = Data(xml().utf8)
        do {
            let violations = try Pain008Schemas.schema(for: version).validate(data)
            if let first = violations.first {
                throw AutopayError(
                    code: .collectionFileInvalid,
                    message:
                        "the pain.008.\(version.rawValue) file is not valid at \(first.elementPath): \(first.message)")
            }
        } catch let error as AutopayError {
            throw error
        } catch {
            throw AutopayError(code: .collectionFileInvalid, message: "the pain.008 file cannot be validated: \(error)")
        }
        return data
    }

    /// The document as text.
    public func xml() -> String {
        let total = collections.reduce(Decimal(0)) { $0 + $1.amount.amount }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<Document xmlns=\"\(version.namespace)\">\n<CstmrDrctDbtInitn>\n<GrpHdr>"
        out += element("MsgId", messageId) + element("CreDtTm", Self.dateTime(createdAt))
        out += element("NbOfTxs", String(collections.count)) + element("CtrlSum", Self.amount(total))
        out += "<InitgPty>" + element("Nm", Self.sepa(creditor.name, 70)) + "</InitgPty></GrpHdr>\n"
        let dates = Set(collections.map(\.collectionDate)).sorted()
        for (index, date) in dates.enumerated() {
            let block = collections.filter { $0.collectionDate == date }
            out += "<PmtInf>" + element("PmtInfId", "\(messageId)-\(index + 1)") + element("PmtMtd", "DD")
            out += element("NbOfTxs", String(block.count))
            out += element("CtrlSum", Self.amount(block.reduce(Decimal(0)) { $0 + $1.amount.amount }))
            out += "<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>CORE</Cd></LclInstrm>"
            out += "<SeqTp>RCUR</SeqTp></PmtTpInf>"
            out += element("ReqdColltnDt", date.xmlLexicalForm)
            out += "<Cdtr>" + element("Nm", Self.sepa(creditor.name, 70)) + "</Cdtr>"
            out += "<CdtrAcct><Id>" + element("IBAN", creditor.iban.value) + "</Id></CdtrAcct>"
            out += "<CdtrAgt>" + agent(creditor.bic) + "</CdtrAgt>" + element("ChrgBr", "SLEV")
            out += "<CdtrSchmeId><Id><PrvtId><Othr>" + element("Id", creditor.creditorId)
            out += "<SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>\n"
            for collection in block {
                out += "<DrctDbtTxInf><PmtId>" + element("EndToEndId", collection.endToEndId) + "</PmtId>"
                out += "<InstdAmt Ccy=\"\(collection.amount.currency.code)\">" + Self.amount(collection.amount.amount)
                out += "</InstdAmt><DrctDbtTx><MndtRltdInf>" + element("MndtId", collection.mandate.id)
                out += element("DtOfSgntr", collection.mandate.signedOn.xmlLexicalForm) + "</MndtRltdInf></DrctDbtTx>"
                out += "<DbtrAgt>" + agent(collection.mandate.bic) + "</DbtrAgt>"
                out += "<Dbtr>" + element("Nm", Self.sepa(collection.mandate.debtorName, 70)) + "</Dbtr>"
                out += "<DbtrAcct><Id>" + element("IBAN", collection.mandate.iban.value) + "</Id></DbtrAcct>"
                out += "<RmtInf>" + element("Ustrd", Self.sepa(collection.remittance, 140)) + "</RmtInf>"
                out += "</DrctDbtTxInf>\n"
            }
            out += "</PmtInf>\n"
        }
        return out + "</CstmrDrctDbtInitn>\n</Document>\n"
    }

    private func agent(_ bic: BIC?) -> String {
        guard let bic else { return "<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>" }
        return "<FinInstnId>" + element(version == .v02 ? "BIC" : "BICFI", bic.value) + "</FinInstnId>"
    }

    private func element(_ name: String, _ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return "<\(name)>\(escaped)</\(name)>"
    }

    /// A text in the SEPA Latin character set: other characters become `.`, cut to `maximum`.
    static func sepa(_ text: String, _ maximum: Int) -> String {
        let mapped = String(
            text.map { character -> Character in
                DirectDebitMandate.isSEPAText(String(character), maximum: 1) ? character : "."
            }.prefix(maximum))
        return mapped.isEmpty ? "." : mapped
    }

    /// `1234.50`: two fraction digits, as SEPA requires for EUR.
    static func amount(_ value: Decimal) -> String {
        CurrencyAmount(amount: value, currency: .eur).rounded().formattedAmount
    }

    /// `2026-11-24T02:00:00`, UTC, without zone (ISODateTime).
    static func dateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return String(formatter.string(from: date).dropLast())
    }
}
