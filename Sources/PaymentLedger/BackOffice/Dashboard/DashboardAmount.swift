public import StringPayments

/// One bar of the finance dashboard: the money of one group (a week, an age bucket, an agency,
/// a departure month) in one currency.
public struct DashboardAmount: Hashable, Sendable {
    /// The group's label: `2026-12-07` (a week's first day), `31–60`, an agency number, `2027-06`;
    /// `nil` for bookings without agency.
    public var group: String?
    /// The currency.
    public var currency: CurrencyCode
    /// How many scheduled payments (or bookings, for protected money) make up the amount.
    public var count: Int
    var minorUnits: Int64

    /// The money, as a `Decimal` amount in the currency.
    public var amount: CurrencyAmount { CurrencyAmount(minorUnitCount: minorUnits, currency: currency) }

    init(group: String?, currency: CurrencyCode, count: Int, minorUnits: Int64) {
        self.group = group
        self.currency = currency
        self.count = count
        self.minorUnits = minorUnits
    }
}
