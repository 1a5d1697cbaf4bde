public import StringPayments
public import XMLCoding

/// What the card acquirer paid out for one card payment: when, what it kept as its fee and what
/// reached the tour operator's account.
///
/// The ledger records it on the payment (``LedgerPayment/acquirerPayout``) when a line of the
/// acquirer's settlement report matches the payment (``Ledger/importCardSettlements(_:report:)``).
/// The gross amount, ``fee`` plus ``netAmount``, is what the card was charged: the payment's amount
/// plus its card fee. Amounts are exact minor units of the payment's currency. See <doc:BackOffice>.
public struct AcquirerPayout: Sendable, Hashable {
    /// The day the acquirer paid the net amount out.
    public var payoutDate: XMLDate
    /// The currency: the payment's.
    public let currency: CurrencyCode
    /// ``fee`` in minor units of ``currency``.
    public let feeMinorUnits: Int64
    /// ``netAmount`` in minor units of ``currency``.
    public let netMinorUnits: Int64
    /// The acquirer's reference of the payout (the bank transfer the net amounts arrive in), when
    /// the report gives one.
    public var payoutReference: String?
    /// The settlement report the payout came from, such as its file name.
    public var report: String

    /// Creates a payout.
    ///
    /// - Parameters:
    ///   - payoutDate: The payout day.
    ///   - fee: The acquirer's fee; amounts are taken in minor units of its currency.
    ///   - netAmount: The amount paid out, in the fee's currency.
    ///   - payoutReference: The payout's reference.
    ///   - report: The report it came from.
    public init(
        payoutDate: XMLDate, fee: CurrencyAmount, netAmount: CurrencyAmount, payoutReference: String? = nil,
        report: String
    ) {
        self.init(
            payoutDate: payoutDate, currency: fee.currency, feeMinorUnits: LedgerPayment.minorUnits(of: fee),
            netMinorUnits: LedgerPayment.minorUnits(of: netAmount), payoutReference: payoutReference, report: report)
    }

    init(
        payoutDate: XMLDate, currency: CurrencyCode, feeMinorUnits: Int64, netMinorUnits: Int64,
        payoutReference: String?, report: String
    ) {
        self.payoutDate = payoutDate
        self.currency = currency
        self.feeMinorUnits = feeMinorUnits
        self.netMinorUnits = netMinorUnits
        self.payoutReference = payoutReference
        self.report = report
    }

    /// What the acquirer kept.
    public var fee: CurrencyAmount { CurrencyAmount(minorUnitCount: feeMinorUnits, currency: currency) }
    /// What reached the tour operator: gross minus fee.
    public var netAmount: CurrencyAmount { CurrencyAmount(minorUnitCount: netMinorUnits, currency: currency) }
    /// What the card was charged: fee plus net amount; `nil` if the sum overflows.
    public var grossAmount: CurrencyAmount? {
        let (sum, overflow) = feeMinorUnits.addingReportingOverflow(netMinorUnits)
        return overflow ? nil : CurrencyAmount(minorUnitCount: sum, currency: currency)
    }
}
