import StringPayments

/// Whether a booking's GDS cost prices and its received payments agree: the check the back
/// office's reviewer makes before the tickets are paid ("ensure cost prices match expected
/// payments").
///
/// The cost prices are what the tour operator owes the airlines through the GDS; the received
/// payments are the customer's money it holds: the amounts (without fees) of the booking's
/// recorded, settled and confirmed payments, less completed refunds. A package's price covers
/// more than its flights, so received money above the cost prices is normal and not flagged;
/// what the reviewer must catch is tickets that cost more than the customer has paid, the money
/// the operator would advance. A cost price in another currency than the booking's cannot be
/// compared without an exchange rate, which the ledger does not keep, so it is flagged for a
/// person to check.
public enum GDSCostCheck: String, CaseIterable, Hashable, Sendable {
    /// Every cost price is in the booking currency and their sum is at most the received payments.
    case covered
    /// Every cost price is in the booking currency and their sum is more than the received payments.
    case exceedsReceived = "exceeds-received"
    /// A cost price is in another currency than the booking's: compare by hand.
    case otherCurrency = "other-currency"

    /// Whether the reviewer must look at the booking: anything but ``covered``.
    public var disagrees: Bool { self != .covered }
}

/// A booking's figures behind its ``GDSCostCheck``, in minor units of the booking currency.
struct GDSCostFigures {
    /// The sum of the cost prices in the booking currency.
    var costMinorUnits: Int64 = 0
    /// The received payments: paid towards the price, less completed refunds.
    var receivedMinorUnits: Int64
    /// Whether a cost price is in another currency.
    var hasOtherCurrency = false

    init(_ booking: LedgerBooking, records: [GDSFlightRecord]) {
        self.init(
            received: booking.totals.paidTowardsPrice &- booking.refundedMinorUnits, currency: booking.currency,
            records: records)
    }

    /// The figures from the parts a list reads without copying the booking.
    init(received: Int64, currency: CurrencyCode, records: [GDSFlightRecord]) {
        receivedMinorUnits = received
        for index in records.indices {
            // Replay checks every cost price (`GDSFlightDetails.validate`): exact, 0 to 18 digits.
            let units = records[index].keys.costMinorUnits
            guard units != ListOrdering.missing, records[index].details.costPrice.currency == currency else {
                hasOtherCurrency = true
                continue
            }
            costMinorUnits &+= units
        }
    }

    var check: GDSCostCheck {
        hasOtherCurrency ? .otherCurrency : costMinorUnits > receivedMinorUnits ? .exceedsReceived : .covered
    }
}
