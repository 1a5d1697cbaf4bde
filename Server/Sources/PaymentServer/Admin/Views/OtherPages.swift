import Foundation
import PaymentLedger
import StringPayments

/// The dashboard, scheduled runs, bank statement upload and login pages.
enum OtherPages {
    static func dashboard(_ ledger: Ledger, runs: [ScheduledRunReport]) -> ListPages.Page {
        let dashboard = ledger.financeDashboard()
        let charts = DashboardCharts(dashboard: dashboard, runs: runs).charts
        let totals = SafeHTML.join(
            dashboard.overdueTotal.map { "<li>Overdue \($0.amount.description) (\($0.count) instalments)</li>" })
        let body: SafeHTML = """
            <p>As of \(dashboard.asOf.xmlLexicalForm).</p>
            <ul class="totals">\(totals)</ul>
            <div class="charts">
            \(SafeHTML.join(charts.map { SafeHTML.trusted($0.html) }))
            </div>
            """
        return ListPages.Page(title: "Finance dashboard", body: body)
    }

    static func runs(
        _ reports: [ScheduledRunReport], csrf: SafeHTML, mayRunJobs: Bool, notice: String?
    ) -> ListPages.Page {
        let runNow: SafeHTML =
            mayRunJobs
            ? AdminHTML.postForm(action: "/admin/runs/balances-export", csrf: csrf, button: "Run balances export now")
            : "<p>Only an administrator starts jobs by hand.</p>"
        let notes: SafeHTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        let table = AdminHTML.table(
            caption: "Scheduled runs (\(reports.count) kept)",
            titles: ["Started", "Job", "By", "Outcome", "Selected", "Charged", "Failed", "Summary"],
            numeric: [4, 5, 6],
            rows: reports.map { report in
                [
                    "<a href=\"/admin/runs/\(report.id)\">\(BookingPage.timeText(report.startedAt))</a>",
                    .text(report.job.title), .text(report.trigger), .text(report.outcome.rawValue),
                    .text(String(report.selected)), .text(String(report.charged)), .text(String(report.failed)),
                    .text(report.message),
                ]
            })
        return ListPages.Page(title: "Scheduled runs", body: "\(notes)\(runNow)\(table)")
    }

    static func run(_ report: ScheduledRunReport) -> ListPages.Page {
        let attempts = AdminHTML.table(
            caption: "Upload attempts", titles: ["Attempt", "Waited (s)", "HTTP status", "Failure"],
            rows: report.uploadAttempts.enumerated().map { number, attempt in
                [
                    .text(String(number + 1)), .text(String(attempt.backoffSeconds)),
                    .text(attempt.statusCode.map(String.init) ?? "—"), .text(attempt.failure ?? ""),
                ]
            })
        let lines = SafeHTML.join(report.lines.map { "<li>\($0)</li>" })
        let body: SafeHTML = """
            <dl class="facts">
            <dt>Job</dt><dd>\(report.job.title)</dd><dt>Started by</dt><dd>\(report.trigger)</dd>
            <dt>Started</dt><dd>\(BookingPage.timeText(report.startedAt))</dd>
            <dt>Finished</dt><dd>\(BookingPage.timeText(report.finishedAt))</dd>
            <dt>Outcome</dt><dd>\(report.outcome.rawValue)</dd><dt>Summary</dt><dd>\(report.message)</dd>
            </dl>
            <ul>\(lines)</ul>
            \(attempts)
            """
        return ListPages.Page(title: "\(report.job.title) run", body: body)
    }

    static func bankUpload(csrf: SafeHTML, maxBytes: Int, report: BankImportReport?, error: String?) -> ListPages.Page {
        let form: SafeHTML = """
            <form method="post" action="/admin/bank-statements" enctype="multipart/form-data">\(csrf)
            <div class="field"><label for="f-statement">camt.053 or camt.054 file (at most \(String(maxBytes / 1024)) KiB)</label>
            <input id="f-statement" name="statement" type="file" accept=".xml,application/xml" required></div>
            <button type="submit">Import statement</button></form>
            """
        let problem: SafeHTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        var result: SafeHTML = ""
        if let report {
            let received = AdminHTML.table(
                caption: "New unregistered payments (\(report.received.count))",
                titles: ListPages.unregisteredTitles, numeric: [2],
                rows: report.received.map { ListPages.unregisteredCells($0).map { SafeHTML.text($0) } })
            let matched = AdminHTML.table(
                caption: "Matched to bookings (\(report.autoMatched.count))",
                titles: ["Reference", "Booking", "Payment"],
                rows: report.autoMatched.map {
                    [.text($0.reference), AdminHTML.bookingLink($0.bookingId.value), .text($0.paymentId.value)]
                })
            let skipped = AdminHTML.table(
                caption: "Skipped (\(report.skipped.count))", titles: ["Reference", "Reason"],
                rows: report.skipped.map { [.text($0.reference), .text($0.reason)] })
            let known: SafeHTML =
                "<p>Already known: \(String(report.alreadyKnown.count)); reversed: \(String(report.reversed.count)); ambiguous: \(String(report.ambiguous.count)).</p>"
            result = "<h2>Import report</h2>\(known)\(matched)\(received)\(skipped)"
        }
        return ListPages.Page(title: "Bank statement upload", body: "\(problem)\(form)\(result)")
    }
}
