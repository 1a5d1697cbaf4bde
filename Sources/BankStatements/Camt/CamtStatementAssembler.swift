import StringPayments
import XMLCoding

/// Turns one report into a ``BankStatement``: one entry per transaction, each keyed by the rule of
/// ``BankReferenceSource``. Entries are added one by one (``add(_:position:)``), so a binding can
/// assemble each `Ntry` as soon as it is read, without holding the report's entries.
struct CamtStatementAssembler {
    let version: CamtVersion
    let header: CamtGroupHeader
    /// The report's identification, creation time and account; its `entries` are not read.
    let report: CamtReport
    let paymentMethodCode: String?
    private var keys = BankReferenceKeys()
    private var entries: [BankStatementEntry] = []

    init(
        version: CamtVersion, header: CamtGroupHeader, report: CamtReport, paymentMethodCode: String?,
        expectedEntries: Int = 0
    ) {
        self.version = version
        self.header = header
        self.report = report
        self.paymentMethodCode = paymentMethodCode
        entries.reserveCapacity(expectedEntries)
    }

    /// The statement of a report decoded whole.
    static func statement(
        version: CamtVersion, header: CamtGroupHeader, report: CamtReport, paymentMethodCode: String?
    ) -> BankStatement {
        var assembler = CamtStatementAssembler(
            version: version, header: header, report: report, paymentMethodCode: paymentMethodCode,
            expectedEntries: report.entries.count)
        for (entryOffset, entry) in report.entries.enumerated() {
            assembler.add(entry, position: entryOffset + 1)
        }
        return assembler.statement()
    }

    /// The statement of the entries added so far.
    func statement() -> BankStatement {
        BankStatement(
            kind: version.kind, version: version, decodedAs: version.nearestSupported,
            isBestEffort: !version.isSupported, messageIdentification: header.messageIdentification,
            identification: report.identification,
            creationDateTime: report.creationDateTime ?? header.creationDateTime,
            accountIBAN: report.account.iban.flatMap { IBAN(normalizing: $0) },
            accountCurrency: report.account.currency.flatMap { CurrencyCode($0) }, entries: entries)
    }

    /// Adds the statement entries of one `Ntry`, the `position`-th (from 1) of its report.
    mutating func add(_ entry: CamtEntry, position: Int) {
        let transactions = entry.transactions
        // A batch is split only when every transaction says how much it is; otherwise the entry
        // stays whole, with the first transaction's details.
        let split = transactions.count > 1 && transactions.allSatisfy { $0.transactionAmount != nil }
        if split {
            for (offset, transaction) in transactions.enumerated() {
                append(entry, transaction, offset: offset, position: position, isBatch: true)
            }
        } else {
            append(entry, transactions.first, offset: 0, position: position, isBatch: false)
        }
    }

    private mutating func append(
        _ entry: CamtEntry, _ transaction: CamtTransaction?, offset: Int, position: Int, isBatch: Bool
    ) {
        let (reference, source) = bankReference(
            entry, transaction, entryPosition: position, transactionIndex: offset + 1, isBatch: isBatch)
        var charges: [BankCharge] = []
        if offset == 0 {
            for part in entry.charges { part.appendCharges(to: &charges) }
        }
        if let transaction {
            for part in transaction.charges { part.appendCharges(to: &charges) }
        }
        let amount = isBatch ? (transaction?.transactionAmount ?? entry.amount) : entry.amount
        let remittance = transaction?.remittance
        let endToEnd = transaction?.references?.endToEndIdentification
        entries.append(
            BankStatementEntry(
                bankReference: keys.unique(reference), bankReferenceSource: source,
                valueDate: entry.valueDate?.calendarDay, bookingDate: entry.bookingDate?.calendarDay,
                amount: amount.value,
                creditDebit: (transaction?.creditDebit ?? entry.creditDebit).indicator,
                isReversal: entry.reversal ?? false, status: entry.status.status ?? .other(""),
                bankTransactionCode: transaction?.bankTransactionCode?.value ?? entry.bankTransactionCode?.value,
                charges: charges, remittanceLines: remittance?.unstructured ?? [],
                creditorReference: remittance?.creditorReference,
                payerName: transaction?.relatedParties?.debtor?.displayName,
                payerIBAN: transaction?.relatedParties?.debtorAccount?.iban.flatMap { IBAN(normalizing: $0) },
                endToEndIdentification: endToEnd == "NOTPROVIDED" ? nil : endToEnd,
                paymentMethodCode: paymentMethodCode,
                additionalInformation: transaction?.additionalInformation ?? entry.additionalInformation))
    }

    /// The rule of ``BankReferenceSource``, before uniqueness is enforced.
    private func bankReference(
        _ entry: CamtEntry, _ transaction: CamtTransaction?, entryPosition: Int, transactionIndex: Int, isBatch: Bool
    ) -> (String, BankReferenceSource) {
        if let reference = Self.nonEmpty(transaction?.references?.servicerReference) {
            return (reference, .transactionServicerReference)
        }
        let batchSuffix = isBatch ? "/\(transactionIndex)" : ""
        if let reference = Self.nonEmpty(entry.servicerReference) {
            return (reference + batchSuffix, .entryServicerReference)
        }
        if let reference = Self.nonEmpty(entry.entryReference) {
            return ("\(report.identification):\(reference)\(batchSuffix)", .entryReference)
        }
        return ("\(report.identification)#\(entryPosition)/\(transactionIndex)", .position)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = XMLWhitespace.collapse(text)
        return collapsed.isEmpty || collapsed == "NOTPROVIDED" ? nil : collapsed
    }
}
