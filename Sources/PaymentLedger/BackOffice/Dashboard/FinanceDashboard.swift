public import StringPayments
public import XMLCoding

/// The figures of the finance dashboard, as of one day: money expected per week, money overdue
/// by age and by agency, protected money by departure month. Every amount is per currency: the
/// ledger never adds euros to francs. See ``Ledger/financeDashboard(asOf:weeks:)``.
public struct FinanceDashboard: Sendable {
    /// The day the figures are as of.
    public var asOf: XMLDate
    /// The currencies that appear, in code order.
    public var currencies: [CurrencyCode]
    /// Money expected per week (the first day of each week is the group), from the schedules:
    /// what remains of the scheduled payments due in the week. One entry per week and currency
    /// with money; weeks start on ``asOf``.
    public var expectedByWeek: [DashboardAmount]
    /// The first days of the weeks of ``expectedByWeek``, every week, also those without money.
    public var weeks: [XMLDate]
    /// Money overdue by age (``OverdueAge``), in bucket order, then currency.
    public var overdueByAge: [DashboardAmount]
    /// Money overdue by agency (bookings without agency first), then currency.
    public var overdueByAgency: [DashboardAmount]
    /// The money overdue in all, per currency.
    public var overdueTotal: [DashboardAmount]
    /// Protected money by departure month (`2027-06`), then currency (the protected money
    /// report's totals).
    public var protectedByDepartureMonth: [DashboardAmount]
}
