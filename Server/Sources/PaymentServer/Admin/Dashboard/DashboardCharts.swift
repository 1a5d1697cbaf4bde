import Foundation
import PaymentLedger
import StringPayments

/// The finance dashboard's charts: per currency, money expected per week, overdue money by age
/// and by agency, protected money by departure month; and autopay charged and failed per run.
/// The figures are the library's (``PaymentLedger/Ledger/financeDashboard(asOf:weeks:)``) and the
/// scheduler's reports; this only draws them.
struct DashboardCharts: Sendable {
    /// The charts, in page order.
    let charts: [BarChart]

    /// How many autopay runs the dashboard shows.
    static let autopayRuns = 14

    init(dashboard: FinanceDashboard, runs: [ScheduledRunReport]) {
        var charts: [BarChart] = []
        for currency in dashboard.currencies {
            let code = currency.code
            let slug = code.lowercased()
            func pick(_ amounts: [DashboardAmount]) -> [DashboardAmount] { amounts.filter { $0.currency == currency } }
            func text(_ amount: CurrencyAmount) -> String { amount.formattedAmount }
            let expected = Dictionary(
                pick(dashboard.expectedByWeek).map { ($0.group ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            charts.append(
                Self.money(
                    id: "expected-\(slug)", title: "Money expected per week (\(code))",
                    summary: "What remains of the scheduled payments due in each of the next "
                        + "\(dashboard.weeks.count) weeks from \(dashboard.asOf.xmlLexicalForm), in \(code).",
                    heading: "Week from",
                    rows: dashboard.weeks.map { week in
                        let key = week.xmlLexicalForm
                        return (key, expected[key]?.amount ?? .zero(currency))
                    }))
            let ages = Dictionary(
                pick(dashboard.overdueByAge).map { ($0.group ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            let overdueTotal = pick(dashboard.overdueTotal).first?.amount ?? .zero(currency)
            charts.append(
                Self.money(
                    id: "overdue-age-\(slug)", title: "Overdue money by age in days (\(code))",
                    summary: "Scheduled payments past their due date and not paid, by days overdue, in \(code); "
                        + "\(text(overdueTotal)) \(code) in all.",
                    heading: "Days overdue",
                    rows: OverdueAge.allCases.map { ($0.rawValue, ages[$0.rawValue]?.amount ?? .zero(currency)) }))
            charts.append(
                Self.money(
                    id: "overdue-agency-\(slug)", title: "Overdue money by agency (\(code))",
                    summary: "Overdue money per agency in \(code).", heading: "Agency",
                    rows: pick(dashboard.overdueByAgency).map { ($0.group ?? "no agency", $0.amount) }))
            charts.append(
                Self.money(
                    id: "protected-\(slug)", title: "Protected money by departure month (\(code))",
                    summary: "Customer money held until the trip, per departure month, in \(code).",
                    heading: "Departure month",
                    rows: pick(dashboard.protectedByDepartureMonth).map { ($0.group ?? "", $0.amount) }))
        }
        let autopay = runs.filter { $0.job != .balancesExport && $0.job != .balanceReminders }.prefix(Self.autopayRuns).reversed()
        charts.append(
            BarChart(
                id: "autopay-runs", title: "Autopay charges per run",
                summary: "Charges that took the money and charges that failed, for the last \(autopay.count) "
                    + "autopay runs, oldest first.",
                series: ["Charged", "Failed"], groupHeading: "Run",
                groups: autopay.map { run in
                    BarChart.Group(
                        label: Self.runLabel(run), values: [Decimal(run.charged), Decimal(run.failed)],
                        texts: [String(run.charged), String(run.failed)])
                }))
        self.charts = charts
    }

    private static func money(
        id: String, title: String, summary: String, heading: String, rows: [(String, CurrencyAmount)]
    ) -> BarChart {
        BarChart(
            id: id, title: title, summary: summary, series: ["Amount"], groupHeading: heading,
            groups: rows.map { label, amount in
                BarChart.Group(
                    label: label, values: [amount.amount], texts: [amount.formattedAmount],
                    axisLabel: label.count == 10 && label.hasPrefix("20") ? String(label.suffix(5)) : nil)
            })
    }

    /// `12-07 instalment`: the run's UTC day and kind.
    static func runLabel(_ run: ScheduledRunReport) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.month, .day], from: run.startedAt)
        let month = parts.month.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??"
        let day = parts.day.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??"
        let kind =
            switch run.job {
            case .instalmentAutopay: "instalment"
            case .resellerAutopay: "reseller"
            case .directDebit: "debit"
            case .balancesExport: "export"
            case .balanceReminders: "reminders"
            }
        return "\(month)-\(day) \(kind)"
    }
}
