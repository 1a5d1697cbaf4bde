public import StringPayments
public import XMLCoding

/// Money paid back to a customer from a booking that holds more than it costs: requested by the
/// back office, then completed or failed. See <doc:BackOffice>.
///
/// A requested refund already counts against what the booking may still return
/// (``LedgerBooking/availableRefundAmount``), so two refunds never return more than was overpaid;
/// once completed it moves the booking's balance back towards zero.
public struct LedgerRefund: Hashable, Sendable {
    /// Where a refund stands.
    public enum Status: String, CaseIterable, Hashable, Sendable {
        /// Requested: the money is reserved and not yet paid out.
        case requested = "Requested"
        /// Paid out.
        case completed = "Completed"
        /// Not paid out; the money is available for another refund.
        case failed = "Failed"
    }

    /// The refund's identifier within the booking: `R1`, `R2`, ….
    public var identifier: Identifier
    /// The money to pay back, in the booking currency.
    public var amount: CurrencyAmount
    /// How it is paid back.
    public var method: RefundMethod
    /// The back office's reference for it, such as the customer's account or a case number.
    public var reference: String?
    /// Why a financed booking was refunded all the same; `nil` when the refund was not forced.
    public var forcedReason: String?
    /// Requested, completed or failed.
    public var status: Status
    /// The day it was requested.
    public var requestedOn: XMLDate
    /// The day it was completed or failed.
    public var resolvedOn: XMLDate?
    /// The payout's reference: the gateway's refund reference or the bank's.
    public var payoutReference: String?
    /// Why it failed.
    public var failureReason: String?
    /// Whether a gateway has the refund and the ledger waits for its answer (or, after a crash,
    /// for ``Ledger/reconcile(gateway:vouchers:)``).
    public var isInFlight: Bool

    /// Creates a refund.
    ///
    /// - Parameters:
    ///   - identifier: The identifier within the booking.
    ///   - amount: The money to pay back.
    ///   - method: How it is paid back.
    ///   - reference: The back office's reference.
    ///   - forcedReason: Why a financed booking is refunded all the same.
    ///   - status: Where it stands. Default ``Status/requested``.
    ///   - requestedOn: The day it was requested.
    ///   - resolvedOn: The day it was completed or failed.
    ///   - payoutReference: The payout's reference.
    ///   - failureReason: Why it failed.
    ///   - isInFlight: Whether a gateway has it. Default `false`.
    public init(
        identifier: Identifier, amount: CurrencyAmount, method: RefundMethod, reference: String? = nil,
        forcedReason: String? = nil, status: Status = .requested, requestedOn: XMLDate, resolvedOn: XMLDate? = nil,
        payoutReference: String? = nil, failureReason: String? = nil, isInFlight: Bool = false
    ) {
        self.identifier = identifier
        self.amount = amount
        self.method = method
        self.reference = reference
        self.forcedReason = forcedReason
        self.status = status
        self.requestedOn = requestedOn
        self.resolvedOn = resolvedOn
        self.payoutReference = payoutReference
        self.failureReason = failureReason
        self.isInFlight = isInFlight
    }

    /// The amount in minor units of its currency; 0 for an amount that has none.
    var amountMinorUnits: Int64 { amount.minorUnitCount ?? 0 }
}
