import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

@testable import PaymentServer

@Suite struct DashboardChartTests {
    static let today = XMLDate(year: 2026, month: 12, day: 7)

    /// The back-office sample ledger on a fixed day: the same figures on every run.
    static func fixedLedger(count: Int = 24, seed: UInt64 = 14) throws -> Ledger {
        let day = try #require(today)
        let ledger = try Ledger(
            configuration: LedgerConfiguration(clock: FixedClock(day), bookingReferenceSeed: seed))
        try _BackOfficeSampleLedger.populate(ledger, count: count, seed: seed)
        return ledger
    }

    static let runs: [ScheduledRunReport] = (0..<3).map { day in
        let start = Date(timeIntervalSince1970: 1_796_612_400 + Double(day) * 86_400)
        var report = ScheduledRunReport(
            id: Scheduler.reportId(.instalmentAutopay, start), job: .instalmentAutopay, trigger: "schedule",
            startedAt: start, finishedAt: start, outcome: .succeeded, message: "")
        report.charged = 3 + day
        report.failed = day
        return report
    }

    static func golden(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    }

    /// Compares with the golden file; `DRV_UPDATE_GOLDEN=1` rewrites it.
    static func expectGolden(_ text: String, _ name: String) throws {
        let url = golden(name)
        if ProcessInfo.processInfo.environment["DRV_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file")
    }

    @Test func theDashboardChartsMatchTheirGoldenFiles() throws {
        let ledger = try Self.fixedLedger()
        // Sixty days on, the first instalments are overdue.
        let dashboard = ledger.financeDashboard(asOf: Self.today?.adding(days: 60))
        let charts = DashboardCharts(dashboard: dashboard, runs: Self.runs.reversed()).charts
        #expect(charts.map(\.id).contains("expected-eur"))
        #expect(charts.map(\.id).contains("autopay-runs"))
        for id in ["expected-eur", "overdue-age-eur", "overdue-agency-eur", "protected-eur", "autopay-runs"] {
            let chart = try #require(charts.first { $0.id == id })
            try Self.expectGolden(chart.svg + "\n" + chart.table + "\n", "\(id).svg.html")
        }
    }

    @Test func everyChartIsAccessibleAndScriptFree() throws {
        let dashboard = try Self.fixedLedger().financeDashboard(asOf: Self.today?.adding(days: 60))
        for chart in DashboardCharts(dashboard: dashboard, runs: Self.runs).charts {
            let svg = chart.svg
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("<title id=\"\(chart.id)-title\">"))
            #expect(svg.contains("<desc id=\"\(chart.id)-desc\">"))
            #expect(svg.contains("aria-labelledby=\"\(chart.id)-title \(chart.id)-desc\""))
            #expect(!svg.lowercased().contains("<script"))
            #expect(!svg.lowercased().contains(" on"))
            #expect(chart.table.contains("<caption>"))
            #expect(chart.table.components(separatedBy: "<tr>").count - 2 == chart.groups.count)
        }
    }

    @Test func chartTextIsEscaped() {
        let chart = BarChart(
            id: "x", title: "<script>alert(1)</script> & \"q\"", summary: "a<b", series: ["S'1"], groupHeading: "G",
            groups: [BarChart.Group(label: "<img src=x>", values: [5], texts: ["5 & 6"])])
        let html = chart.html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(html.contains("S&#39;1"))
        #expect(html.contains("5 &amp; 6"))
    }

    @Test func aChartWithoutFiguresSaysSo() {
        let chart = BarChart(id: "e", title: "T", summary: "S", series: ["A"], groupHeading: "G", groups: [])
        #expect(chart.svg.contains("No figures"))
        #expect(!chart.svg.contains("<rect"))
    }

    /// Property: over many sample ledgers and days, the age buckets add up to the total overdue,
    /// and so do the agencies, per currency; and nothing expected lies outside the weeks asked for.
    @Test(arguments: [1, 7, 14, 21, 33, 51, 77])
    func overdueBucketsAddUpToTheTotal(seed: Int) throws {
        let ledger = try Self.fixedLedger(count: 40, seed: UInt64(seed))
        for offset in [0, 15, 45, 75, 120, 400] {
            let dashboard = ledger.financeDashboard(asOf: Self.today?.adding(days: offset), weeks: 12)
            for currency in dashboard.currencies {
                let total = dashboard.overdueTotal.filter { $0.currency == currency }.map(\.amount.amount)
                    .reduce(0, +)
                let byAge = dashboard.overdueByAge.filter { $0.currency == currency }.map(\.amount.amount)
                    .reduce(0, +)
                let byAgency = dashboard.overdueByAgency.filter { $0.currency == currency }.map(\.amount.amount)
                    .reduce(0, +)
                #expect(byAge == total, "seed \(seed), day +\(offset), \(currency)")
                #expect(byAgency == total, "seed \(seed), day +\(offset), \(currency)")
                let ageCount = dashboard.overdueByAge.filter { $0.currency == currency }.map(\.count).reduce(0, +)
                let totalCount = dashboard.overdueTotal.filter { $0.currency == currency }.map(\.count).reduce(0, +)
                #expect(ageCount == totalCount)
            }
            let weeks = Set(dashboard.weeks.map(\.xmlLexicalForm))
            #expect(dashboard.weeks.count == 12)
            #expect(dashboard.expectedByWeek.allSatisfy { weeks.contains($0.group ?? "") })
            // Overdue plus expected within the horizon never exceeds what the bookings owe.
            for currency in dashboard.currencies {
                let owed = ledger.bookings.filter { $0.state == .booked && $0.currency == currency }
                    .map { max($0.openAmount.amount, 0) }.reduce(0, +)
                let counted =
                    (dashboard.overdueTotal + dashboard.expectedByWeek).filter { $0.currency == currency }
                    .map(\.amount.amount).reduce(0, +)
                #expect(counted <= owed + 0, "seed \(seed), day +\(offset), \(currency)")
            }
        }
    }

    @Test func ageBucketsHaveTheirEdges() {
        #expect(OverdueAge(days: 1) == .upTo30)
        #expect(OverdueAge(days: 30) == .upTo30)
        #expect(OverdueAge(days: 31) == .upTo60)
        #expect(OverdueAge(days: 60) == .upTo60)
        #expect(OverdueAge(days: 61) == .upTo90)
        #expect(OverdueAge(days: 90) == .upTo90)
        #expect(OverdueAge(days: 91) == .over90)
    }
}
