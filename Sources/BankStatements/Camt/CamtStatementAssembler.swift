import StringPayments
import XMLCoding

/// Turns one decoded report into a ``BankStatement``: one entry per transaction, each keyed by the
/// rule of ``BankReferenceSource``.
struct CamtStatementAssembler {
    let version: CamtVersion
    let header: CamtGroupHeader
    let report: CamtReport
    let paymentMethodCode: String?

    func statement() -> BankStatement {
        var keys = BankReferenceKeys()
        var entries: [BankStatementEntry] = []
        entries.reserveCapacity(report.entries.count)
        for (entryOffset, entry) in report.entries.enumerated() {
            append(entry, position: entryOffset + 1, to: &entries, keys: &keys)
        }
        return BankStatement(
            kind: version.kind, version: version, decodedAs: version.nearestSupported,
            isBestEffort: !version.isSupported, messageIdentification: header.messageIdentification,
            identification: report.identification,
            creationDateTime: report.creationDateTime ?? header.creationDateTime,
            accountIBAN: report.account.iban.flatMap { IBAN(normalizing: $0) },
            accountCurrency: report.account.currency.flatMap { CurrencyCode($0) }, entries: entries)
    }

    private func append(
        _ entry: CamtEntry, position: Int, to entries: inout [BankStatementEntry], keys: inout BankReferenceKeys
    ) {
        let transactions = entry.transactions
        // A batch is split only when every transaction says how much it is; otherwise the entry
        // stays whole, with the first transaction's details.
        let split = transactions.count > 1 && transactions.allSatisfy { $0.transactionAmount != nil }
        let parts: [CamtTransaction?] = split ? transactions.map { $0 } : [transactions.first]
        for (offset, transaction) in parts.enumerated() {
            let index = offset + 1
            let (reference, source) = bankReference(
                entry, transaction, entryPosition: position,
                transactionIndex: index, isBatch: split)
            var charges = transaction?.charges.flatMap(\.charges) ?? []
            if offset == 0 {
                charges = entry.charges.flatMap(\.charges) + charges
            }
            let amount = split ? (transaction?.transactionAmount ?? entry.amount) : entry.amount
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
    }

    /// The rule of ``BankReferenceSource``, before uniqueness is enforced.
    private func bankReference(
        _ entry: CamtEntry, _ transaction: CamtTransaction?, entryPosition: Int, transactionIndex: Int, isBatch: Bool
    ) -> (String, BankReferenceSource) {
        let batchSuffix = isBatch ? "/\(transactionIndex)" : ""
        if let reference = Self.nonEmpty(transaction?.references?.servicerReference) {
            return (reference, .transactionServicerReference)
        }
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
