import StringPayments

/// One payment of a request checked against its booking
/// (``Ledger/check(_:booking:collection:today:retryingFailed:)``): the record to enter and
/// what the booking holds under its identifier.
struct CheckedPayment: Sendable {
    /// The payment as the ledger will keep it, before processing: status `Open`, fee computed,
    /// secrets removed.
    var record: LedgerPayment
    /// Whether the payment is new, entered again after failing, or already in the ledger.
    let disposition: PaymentPlan.Disposition
    /// What the payment needs before it is entered.
    let processing: PaymentPlan.Processing
    /// The position of the booking's payment with the same identifier, if it has one: where a
    /// retry goes, so that entering it searches the booking's payments no more.
    let existingIndex: Int?
}
