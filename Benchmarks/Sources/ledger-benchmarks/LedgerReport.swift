import BenchmarkSupport
import Foundation
import PaymentLedger

/// Runs the selected sections in order (memory first, while the heap is fresh), prints each
/// section's table and then the targets.
enum LedgerReport {
    /// One line of the final table.
    struct TargetRow {
        var name: String
        var measured: String
        var target: String
        /// `nil` for a figure without a target.
        var passed: Bool?
    }

    static func run(_ settings: Settings) {
        let loadAtStart = MachineInfo.loadAverage
        try? FileManager.default.createDirectory(at: settings.directory, withIntermediateDirectories: true)
        let disk = MachineInfo.fileSystem(of: settings.directory.standardizedFileURL.path)
        var sections: [String] = []
        var targets: [TargetRow] = []

        if settings.sections.contains("memory") {
            progress("memory: \(Format.grouped(settings.memoryBookings)) bookings with 5 payments each")
            let result = LedgerMemoryBenchmark.run(bookings: settings.memoryBookings)
            var table = TextTable(header: ["memory, in-memory ledger", "value"])
            table.append(["bookings × payments", "\(Format.grouped(result.bookings)) × \(result.paymentsPerBooking)"])
            table.append(["VmRSS before (trimmed)", Format.bytes(result.residentBefore)])
            table.append(["VmRSS with the ledger (trimmed)", Format.bytes(result.residentAfter)])
            table.append(["resident per booking", Format.grouped(Int(result.bytesPerBooking.rounded())) + " B"])
            if let heap = result.heapBytesPerBooking {
                table.append(["live heap per booking (mallinfo2, not the target)", Format.grouped(Int(heap.rounded())) + " B"])
            }
            table.append(["build time (not a target)", Format.duration(result.buildTime)])
            sections.append(table.rendered + "\n" + LedgerMemoryBenchmark.layoutNotes)
            targets.append(
                TargetRow(
                    name: "memory per booking with 5 payments (\(Format.grouped(result.bookings)) bookings)",
                    measured: Format.fixed(result.bytesPerBooking / 1024, 2) + " KiB", target: "≤ 2 KiB",
                    passed: result.bytesPerBooking <= 2048))
        }

        var directRows: [LedgerDirectBenchmark.Result] = []
        var inMemoryRate: Double?
        if settings.sections.contains("direct") {
            var runs: [LedgerDirectBenchmark.Result] = []
            for run in 0..<settings.directRuns {
                progress("direct, in memory: run \(run + 1) of \(settings.directRuns)")
                runs.append(
                    LedgerDirectBenchmark.run(
                        storage: .memory, bookings: settings.directBookings, paymentsPerBooking: 10,
                        directory: settings.directory))
            }
            // The run with the median payment time stands for all; the others are listed too.
            let sorted = runs.sorted { $0.paymentTime < $1.paymentTime }
            let median = sorted[sorted.count / 2]
            directRows.append(contentsOf: runs)
            inMemoryRate = median.paymentsPerSecond
            targets.append(
                TargetRow(
                    name: "direct API, in memory (\(Format.grouped(median.payments)) payments, median of \(runs.count))",
                    measured: Format.rate(median.paymentsPerSecond) + " payments/s", target: "≥ 500,000",
                    passed: median.paymentsPerSecond >= 500_000))
        }
        if settings.sections.contains("journal") {
            progress("direct, group commit")
            let result = LedgerDirectBenchmark.run(
                storage: .groupCommit(maxRecords: 256, maxDelay: .milliseconds(5)), bookings: settings.directBookings,
                paymentsPerBooking: 10, directory: settings.directory)
            directRows.append(result)
            targets.append(
                TargetRow(
                    name: "direct API, file journal, group commit 256 / 5 ms",
                    measured: Format.rate(result.paymentsPerSecond) + " payments/s", target: "≥ 100,000",
                    passed: result.paymentsPerSecond >= 100_000))
            // For comparison: batches 16 times larger show how much of the cost is the fsync that
            // the appending caller waits for when a batch fills.
            progress("direct, group commit, large batches (comparison)")
            let large = LedgerDirectBenchmark.run(
                storage: .groupCommit(maxRecords: 4096, maxDelay: .milliseconds(5)), bookings: settings.directBookings,
                paymentsPerBooking: 10, directory: settings.directory)
            directRows.append(large)
            targets.append(
                TargetRow(
                    name: "direct API, file journal, group commit 4096 / 5 ms (comparison)",
                    measured: Format.rate(large.paymentsPerSecond) + " payments/s", target: "none", passed: nil))
        }
        if settings.sections.contains("fsync") {
            progress("direct, fsync per change")
            let result = LedgerDirectBenchmark.run(
                storage: .fsyncEachAppend, bookings: settings.fsyncBookings, paymentsPerBooking: 10,
                directory: settings.directory)
            directRows.append(result)
            targets.append(
                TargetRow(
                    name: "direct API, file journal, fsync per change (\(Format.grouped(result.payments)) payments)",
                    measured: Format.rate(result.paymentsPerSecond) + " payments/s ("
                        + Format.fixed(result.paymentTime.seconds * 1000 / Double(result.payments), 2) + " ms each)",
                    target: "none (disk-bound)", passed: nil))
            progress("readers while two writers sync every change")
            let readers = LedgerReaderLatencyBenchmark.run(
                bookingsPerWriter: settings.fsyncBookings * 5, directory: settings.directory)
            let syncTime = readers.writeTime.seconds * 1000 / Double(readers.writes)
            targets.append(
                TargetRow(
                    name: "reads during fsync-per-change writes (\(Format.grouped(readers.reads)) reads, "
                        + "\(Format.grouped(readers.writes)) changes at \(Format.fixed(syncTime, 2)) ms each)",
                    measured: "p50 \(Format.fixed(readers.p50.seconds * 1e6, 1)) µs, p99 "
                        + "\(Format.fixed(readers.p99.seconds * 1e6, 1)) µs, max \(Format.fixed(readers.max.seconds * 1e6, 1)) µs",
                    target: "p99 far below one change's sync", passed: readers.p99.seconds * 1000 < syncTime / 4))
        }
        if settings.sections.contains("camt") {
            progress("camt.053 import: \(Format.grouped(settings.camtEntries)) entries")
            let camt = CamtImportBenchmark.run(entries: settings.camtEntries, rounds: settings.quick ? 1 : 5)
            for figure in camt.figures {
                targets.append(
                    TargetRow(
                        name: "camt.053.001.08 \(figure.label) (\(Format.grouped(figure.entries)) entries, "
                            + "\(Format.fixed(Double(camt.bytes) / 1_048_576, 1)) MB)",
                        measured: Format.rate(figure.rate) + " entries/s (median; runs \(figure.spread))",
                        target: figure.isTarget ? "≥ 50,000" : "none",
                        passed: figure.isTarget ? figure.rate >= 50_000 : nil))
            }
        }
        if settings.sections.contains("backoffice") {
            targets += BackOfficeBenchmark.lists(bookings: settings.backOfficeBookings)
        }
        if settings.sections.contains("gds") {
            targets += GDSPaymentsBenchmark.lists(bookings: settings.backOfficeBookings)
        }
        if settings.sections.contains("balances") {
            targets += BackOfficeBenchmark.balances(sizes: settings.balancesSizes, directory: settings.directory)
        }
        if settings.sections.contains("autopay") {
            var table = TextTable(header: [
                "autopay selection", "bookings", "scheduled", "build s", "selection ms", "selected", "skipped",
                "full scan ms",
            ])
            var largest: AutopaySelectionBenchmark.Result?
            for bookings in settings.autopayBookings {
                progress("autopay selection: \(Format.grouped(bookings)) bookings")
                let result = AutopaySelectionBenchmark.run(bookings: bookings, rounds: settings.quick ? 3 : 5)
                if result.selected != result.fullScanFound {
                    fail("autopay selected \(result.selected), the full scan found \(result.fullScanFound)")
                }
                table.append([
                    "instalment run, median", Format.grouped(result.bookings),
                    Format.grouped(result.scheduledPayments), Format.fixed(result.buildTime.seconds, 1),
                    Format.fixed(result.selection.seconds * 1000, 2), Format.grouped(result.selected),
                    Format.grouped(result.skipped), Format.fixed(result.fullScan.seconds * 1000, 1),
                ])
                largest = result
            }
            sections.append(table.rendered)
            if let largest {
                targets.append(
                    TargetRow(
                        name: "autopay selection among \(Format.grouped(largest.bookings)) bookings "
                            + "(\(Format.grouped(largest.scheduledPayments)) scheduled payments)",
                        measured: Format.fixed(largest.selection.seconds * 1000, 2) + " ms", target: "≤ 1 s",
                        passed: largest.selection.seconds <= 1))
            }
        }
        if !directRows.isEmpty {
            var table = TextTable(header: [
                "direct ledger API", "bookings", "booking s", "bookings/s", "payments", "payment s", "payments/s",
                "events", "journal",
            ])
            for row in directRows {
                table.append([
                    row.storage.label, Format.grouped(row.bookings), Format.fixed(row.bookingTime.seconds, 3),
                    Format.rate(row.bookingsPerSecond), Format.grouped(row.payments), Format.fixed(row.paymentTime.seconds, 3),
                    Format.rate(row.paymentsPerSecond), Format.grouped(row.events),
                    row.journalBytes.map {
                        Format.bytes($0) + " (" + Format.fixed(Double($0) / Double(max(row.events, 1)), 1) + " B/event)"
                    } ?? "-",
                ])
            }
            var text = table.rendered
            if let inMemoryRate, let journaled = directRows.first(where: { $0.storage != .memory }) {
                text += "\njournal cost: \(journaled.storage.label) runs at "
                    + Format.fixed(journaled.paymentsPerSecond / inMemoryRate, 3) + "× the in-memory rate"
            }
            text += "\njournal directory: \(settings.directory.path) on \(disk)"
            sections.append(text)
        }

        if settings.sections.contains("handler") {
            progress("handler end to end")
            let handlerSettings = settings.handler
            let result = runBlocking {
                var benchmark = LedgerHandlerBenchmark(settings: handlerSettings)
                return await benchmark.run()
            }
            var table = TextTable(header: [
                "handler, PaymentRequest → PaymentResponse", "median s", "min s", "requests/s", "cores busy",
            ])
            for (label, samples, rate, cores) in [
                ("1 task", result.oneTask, result.oneTaskRate, result.oneTaskCores),
                ("2 tasks", result.twoTasks, result.twoTaskRate, result.twoTaskCores),
            ] {
                table.append([
                    label, Format.fixed(Stopwatch.median(samples).seconds, 3), Format.fixed((samples.min() ?? .zero).seconds, 3),
                    Format.rate(rate), cores.map { Format.fixed($0, 2) }.joined(separator: " "),
                ])
            }
            sections.append(
                table.rendered
                    + "\n\(Format.grouped(result.requestsPerRun)) requests per sample, \(result.rounds) samples each "
                    + "(interleaved, after a warm-up round); cores busy = process CPU time / wall time per sample; "
                    + "request \(result.requestBytes) B, response "
                    + "\(result.responseBytes) B; speed-up with 2 tasks: \(Format.fixed(result.speedUp, 2))×")
            targets.append(
                TargetRow(
                    name: "handler end to end, 1 task", measured: Format.rate(result.oneTaskRate) + " requests/s",
                    target: "≥ 5,000", passed: result.oneTaskRate >= 5_000))
            targets.append(
                TargetRow(
                    name: "handler end to end, 2 tasks", measured: Format.rate(result.twoTaskRate) + " requests/s ("
                        + Format.fixed(result.speedUp, 2) + "× 1 task)", target: "none (2 shared cores)", passed: nil))
        }

        if settings.sections.contains("replay") {
            progress("replay: building a journal of \(Format.grouped(settings.replayEvents)) events")
            let result = LedgerReplayBenchmark.run(
                events: settings.replayEvents, samples: settings.replaySamples, directory: settings.directory)
            var table = TextTable(header: ["replay (Ledger.open)", "value"])
            table.append(["events / bookings", "\(Format.grouped(result.events)) / \(Format.grouped(result.bookings))"])
            table.append([
                "journal size",
                Format.bytes(result.journalBytes) + " (" + Format.fixed(Double(result.journalBytes) / Double(result.events), 1)
                    + " B/event)",
            ])
            table.append(["journal build time, group commit (not a target)", Format.duration(result.buildTime)])
            table.append(["replay samples", result.samples.map { Format.fixed($0.seconds, 2) + " s" }.joined(separator: ", ")])
            table.append(["replay median", Format.fixed(result.median.seconds, 2) + " s"])
            table.append(["replay rate", Format.rate(result.eventsPerSecond) + " events/s"])
            sections.append(table.rendered)
            targets.append(
                TargetRow(
                    name: "replay of \(Format.grouped(result.events)) events (median of \(result.samples.count))",
                    measured: Format.fixed(result.median.seconds, 2) + " s", target: "≤ 5 s",
                    passed: result.median.seconds <= 5))
        }

        if settings.sections.contains("negative-balances") {
            progress("negative balances: \(Format.grouped(settings.negativeBalanceBookings)) bookings")
            let result = NegativeBalancesBenchmark.run(
                bookings: settings.negativeBalanceBookings, rounds: settings.quick ? 1 : 5)
            var table = TextTable(header: ["negative balances", "rows", "median", "slowest"])
            for query in result.queries {
                table.append([
                    query.name, Format.grouped(query.rows), Format.duration(query.median),
                    Format.duration(query.slowest),
                ])
            }
            sections.append(
                table.rendered + "\n\(Format.grouped(result.bookings)) bookings, \(Format.grouped(result.overpaid)) "
                    + "overpaid; built in \(Format.duration(result.buildTime)) (not a target)")
            for query in result.queries.prefix(2) {
                targets.append(
                    TargetRow(
                        name: "negative balances, \(query.name) (\(Format.grouped(result.bookings)) bookings, slowest)",
                        measured: Format.fixed(query.slowest.seconds, 3) + " s", target: "≤ 0.5 s",
                        passed: query.slowest.seconds <= 0.5))
            }
        }

        print("Ledger benchmarks\(settings.quick ? " (quick)" : ""): \(MachineInfo.summary(loadAtStart: loadAtStart))")
        print()
        for section in sections {
            print(section)
            print()
        }
        var table = TextTable(header: ["target", "measured", "target", "verdict"])
        for row in targets {
            let verdict: String
            if let passed = row.passed {
                verdict = settings.quick ? "(quick)" : passed ? "PASS" : "MISS"
            } else {
                verdict = "-"
            }
            table.append([row.name, row.measured, row.target, verdict])
        }
        print(table.rendered)
        if settings.quick { print("\nA quick run uses small counts: its figures are not judged against the targets.") }
    }
}
