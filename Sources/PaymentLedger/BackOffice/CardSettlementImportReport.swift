public import StringPayments

/// What ``Ledger/importCardSettlements(_:report:)`` did with each line of an acquirer's settlement
/// report.
///
/// Every line appears in exactly one of ``paidOut``, ``alreadyPaidOut``, ``unmatched``,
/// ``mismatches`` and ``alreadyRecorded``.
public struct CardSettlementImportReport: Sendable, Hashable {
    /// A line recorded as the payout of a card payment.
    public struct Match: Sendable, Hashable {
        /// The card transaction reference.
        public var transactionReference: String
        /// The booking.
        public var bookingId: Identifier
        /// The payment.
        public var paymentId: Identifier
        /// The payout recorded.
        public var payout: AcquirerPayout

        /// Creates a match.
        ///
        /// - Parameters:
        ///   - transactionReference: The card transaction reference.
        ///   - bookingId: The booking.
        ///   - paymentId: The payment.
        ///   - payout: The payout recorded.
        public init(transactionReference: String, bookingId: Identifier, paymentId: Identifier, payout: AcquirerPayout)
        {
            self.transactionReference = transactionReference
            self.bookingId = bookingId
            self.paymentId = paymentId
            self.payout = payout
        }
    }

    /// The lines recorded as payouts, in report order.
    public var paidOut: [Match] = []
    /// References of lines whose payment has this very payout already: nothing changed.
    public var alreadyPaidOut: [String] = []
    /// Lines that name no card payment (or several), or refunds and chargebacks; recorded as
    /// exceptions.
    public var unmatched: [CardSettlementException] = []
    /// Lines whose payment disagrees with them; recorded as exceptions.
    public var mismatches: [CardSettlementException] = []
    /// Lines an earlier import recorded as exceptions already: nothing changed.
    public var alreadyRecorded: [CardSettlementException] = []

    /// Creates an empty report.
    public init() {}
}
