public import Foundation
import StringPayments
import XMLCoding

/// Reads a card acquirer's settlement report (CSV) into ``CardSettlementLine`` values.
///
/// The same RFC 4180 reader and limits as ``BankStatementCSV``; a ``CardSettlementMapping`` says
/// which column holds which field. Amounts may be signed (refunds); a line whose net amount is not
/// gross minus fee is refused with ``BankStatementsError/Code/settlementMismatch``.
public struct CardSettlementReport: Sendable {
    /// The column mapping.
    public var mapping: CardSettlementMapping
    /// The file format.
    public var format: CSVFormat

    /// Creates a reader.
    ///
    /// - Parameters:
    ///   - mapping: Which column holds which field.
    ///   - format: Separator, header row, encoding, number and date format, limits. The default is
    ///     ``CSVFormat/init(separator:hasHeaderRow:encoding:decimalSeparator:dateFormat:limits:)``'s
    ///     defaults.
    public init(mapping: CardSettlementMapping, format: CSVFormat = CSVFormat()) {
        self.mapping = mapping
        self.format = format
    }

    /// Reads a report's bytes.
    ///
    /// - Parameter data: The report's bytes.
    /// - Returns: One line per record, in file order.
    /// - Throws: ``BankStatementsError`` with the line and column: the CSV codes of
    ///   ``BankStatementCSV/read(_:identification:)``, and `settlement-mismatch`.
    public func read(_ data: some ContiguousBytes) throws(BankStatementsError) -> [CardSettlementLine] {
        let table = try CSVTable(data, format: format)
        let reference = try table.index(of: mapping.transactionReference)
        let payoutDate = try table.index(of: mapping.payoutDate)
        let gross = try table.index(of: mapping.grossAmount)
        let fee = try mapping.fee.map { (column) throws(BankStatementsError) in try table.index(of: column) }
        let net = try mapping.netAmount.map { (column) throws(BankStatementsError) in try table.index(of: column) }
        let payoutReference = try mapping.payoutReference.map { (column) throws(BankStatementsError) in
            try table.index(of: column)
        }
        var lines: [CardSettlementLine] = []
        lines.reserveCapacity(table.records.count)
        for record in table.records {
            let currency = try table.currency(mapping.currency, record)
            func signed(_ index: Int, _ what: String) throws(BankStatementsError) -> SignedCurrencyAmount {
                let value = try table.decimal(index, record, what)
                let magnitude = try table.amount(value.magnitude, currency, index, record, what)
                return SignedCurrencyAmount(
                    amount: value.isSignMinus ? -magnitude.amount : magnitude.amount, currency: currency)
            }
            let grossAmount = try signed(gross, "gross amount")
            var feeAmount = SignedCurrencyAmount(amount: 0, currency: currency)
            if let fee, try table.optional(fee, record) != nil {
                feeAmount = try signed(fee, "fee")
            }
            let expected = SignedCurrencyAmount(amount: grossAmount.amount - feeAmount.amount, currency: currency)
            var netAmount = expected
            if let net {
                netAmount = try signed(net, "net amount")
                guard netAmount.amount == expected.amount else {
                    throw BankStatementsError(
                        code: .settlementMismatch,
                        message:
                            "the net amount \(netAmount) is not the gross amount \(grossAmount) minus the fee \(feeAmount)",
                        line: record.line, column: net + 1)
                }
            }
            lines.append(
                CardSettlementLine(
                    transactionReference: try table.required(reference, record, "transaction reference"),
                    payoutDate: try table.date(payoutDate, record, "payout date"), grossAmount: grossAmount,
                    fee: feeAmount, netAmount: netAmount, payoutReference: try table.optional(payoutReference, record),
                    line: record.line))
        }
        return lines
    }
}
