import PaymentLedger

/// The counts and lines of a library `AutopayRunReport`, as a ``ScheduledRunReport`` keeps them.
struct AutopayReportSummary {
    let result: AutopayRunReport

    init(_ result: AutopayRunReport) { self.result = result }

    /// Fills the report's counts, message and one line per charge.
    func fill(_ report: inout ScheduledRunReport) {
        report.selected = result.selected.count
        report.charged = result.charged.count
        report.failed = result.failed.count
        report.skipped = result.skipped.count
        report.pending =
            result.kind == .directDebit
            ? result.selected.count
            : result.outcomes.count - result.charged.count - result.failed.count
        for outcome in result.outcomes {
            let target = outcome.target
            let head = "\(target.bookingId.value) \(target.scheduleId.value) \(target.amount)"
            switch outcome.result {
            case .charged: report.lines.append("\(head): charged")
            case .pending: report.lines.append("\(head): pending")
            case .unresolved: report.lines.append("\(head): no answer yet")
            case .failed(let reason, let gaveUp):
                report.lines.append("\(head): failed (\(reason))\(gaveUp ? ", gave up" : "")")
            }
        }
        if let file = result.collectionFile { report.lines.append("collection file: \(file.path)") }
        report.message =
            "\(report.selected) selected, \(report.charged) charged, \(report.failed) failed, "
            + "\(report.pending) pending, \(report.skipped) skipped"
    }
}
