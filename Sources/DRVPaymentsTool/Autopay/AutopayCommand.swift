import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments autopay run|config --ledger DIR ...`: runs instalment or reseller autopay, or
/// shows and changes the autopay settings.
struct AutopayCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// Run autopay.
        case run(kind: AutopayKind, at: Date?, dryRun: Bool, force: Bool, json: Bool, waitSeconds: Int)
        /// Show the settings, changing the ones given first.
        case config(
            production: Bool?, retryCount: Int?, lookbackDays: Int?, instalmentHours: ClosedRange<Int>?,
            resellerHours: ClosedRange<Int>?, creditor: [String], painVersion: Pain008Version?)
        /// Apply bank statements to the open direct-debit collections.
        case settle(files: [String])
    }

    /// The ledger.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action

    /// The command line and help of `autopay`.
    static let spec = CommandSpec(
        name: "autopay",
        abstract: "Charge stored cards for due instalments or on arrival; show or change the autopay settings.",
        operandsUsage: "run | config | settle FILE...",
        operandHelp: [
            ("run", "Select and charge (needs --kind); prints the run report."),
            ("config", "Print the settings (autopay.json in the ledger), changing those given first."),
            ("settle", "Apply camt bank statements to open direct-debit collections: Settled or returned."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("kind", valueName: "KIND", help: "run: instalment, reseller or direct-debit."),
            OptionSpec(
                "at", valueName: "INSTANT",
                help: "run: the run's instant, such as 2026-11-24T02:00:00Z (default: now)."),
            OptionSpec("dry-run", help: "run: select and report only; nothing is charged or written."),
            OptionSpec("force", help: "run: run outside the window, or on a ledger not marked production."),
            OptionSpec("json", help: "run: print the report as stable JSON."),
            OptionSpec(
                "wait", valueName: "SECONDS",
                help: "run: wait up to SECONDS for another process to release the ledger (default 0)."),
            OptionSpec("production", valueName: "on|off", help: "config: whether the ledger is production."),
            OptionSpec("retry-count", valueName: "N", help: "config: attempts per instalment, 1 to 100."),
            OptionSpec(
                "lookback-days", valueName: "N", help: "config: days before yesterday still looked at, 0 to 31."),
            OptionSpec("instalment-hours", valueName: "H-H", help: "config: instalment run window, UTC, such as 1-5."),
            OptionSpec("reseller-hours", valueName: "H-H", help: "config: reseller run window, UTC, such as 0-23."),
            OptionSpec(
                "creditor", valueName: "NAME IBAN ID", valueCount: 3,
                help: "config: the direct-debit creditor: name, IBAN and creditor identifier."),
            OptionSpec("pain-version", valueName: "VERSION", help: "config: the pain.008 version, 001.02 or 001.08."),
        ],
        discussion: """
            Instalment autopay charges the guest's stored card for each instalment that fell due
            the day before the run date, is Open or partly paid, belongs to a reservation in
            PROVISIONAL..CHECKIN, whose channel has autopay on with a payer and whose term set
            has autopay on (or that the customer approved), and that has a usable card. Reseller
            autopay charges a booking's virtual card on its arrival date for the open amount.
            A failed charge is Failed with the gateway's reason and gets a memo; the next run
            tries again until the retry count is used up. Runs are refused outside their window
            (UTC) and on a ledger not marked production, unless --force.

            Never twice: each charge is the payment AP-<instalment> of the booking, journaled in
            flight before the simulated gateway (simulated-gateway.log) sees its key
            BOOKING/AP-<instalment>/ATTEMPT. A run first asks the gateway about attempts a
            crash left in flight. The ledger admits one writer: a second run at the same time
            fails with journal-failure, or with --wait waits for the first and then finds
            nothing left to charge.

            OUTPUT (run):
              One line per reconciled attempt, charge, failure and skipped candidate, then
                N selected, N charged, N failed, N skipped

            EXIT STATUS:
              0  the run completed (charges may have failed: see the report)
              1  refused: outside-window, not-production, configuration-invalid
              2  usage error, or the ledger or its configuration could not be opened

            EXAMPLES:
              drv-payments autopay config --ledger ledger --production on --retry-count 5
              drv-payments autopay run --ledger ledger --kind instalment --at 2026-11-24T02:00:00Z
              drv-payments autopay run --ledger ledger --kind reseller --dry-run --json
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        let runOptions = ["kind", "at", "wait"]
        let configOptions = [
            "production", "retry-count", "lookback-days", "instalment-hours", "reseller-hours", "pain-version",
        ]
        switch parsed.operands.first {
        case "run" where parsed.operands.count == 1:
            if let misplaced = configOptions.first(where: { parsed.values[$0] != nil }) {
                throw parsed.error("option '--\(misplaced)' belongs to 'autopay config'")
            }
            guard let kind = try parsed.choice("kind", from: AutopayKind.allCases.map { ($0.rawValue, $0) }) else {
                throw parsed.error("'autopay run' needs --kind instalment or --kind reseller")
            }
            var instant: Date?
            if let text = parsed.values["at"] {
                guard let date = Self.instant(text) else {
                    throw parsed.error("invalid instant '\(text)' for '--at'; expected such as 2026-11-24T02:00:00Z")
                }
                instant = date
            }
            let wait = try Self.number(parsed, "wait", in: 0...3_600) ?? 0
            action = .run(
                kind: kind, at: instant, dryRun: parsed.flag("dry-run"), force: parsed.flag("force"),
                json: parsed.flag("json"), waitSeconds: wait)
        case "config" where parsed.operands.count == 1:
            if let misplaced = runOptions.first(where: { parsed.values[$0] != nil })
                ?? ["dry-run", "force", "json"].first(where: { parsed.flag($0) })
            {
                throw parsed.error("option '--\(misplaced)' belongs to 'autopay run'")
            }
            action = .config(
                production: try parsed.choice("production", from: [("on", true), ("off", false)]),
                retryCount: try Self.number(parsed, "retry-count", in: 1...100),
                lookbackDays: try Self.number(parsed, "lookback-days", in: 0...31),
                instalmentHours: try Self.hours(parsed, "instalment-hours"),
                resellerHours: try Self.hours(parsed, "reseller-hours"), creditor: parsed.list("creditor"),
                painVersion: try parsed.choice("pain-version", from: Pain008Version.allCases.map { ($0.rawValue, $0) }))
        case "settle" where parsed.operands.count >= 2:
            if let misplaced = (runOptions + configOptions).first(where: { parsed.values[$0] != nil }) {
                throw parsed.error("option '--\(misplaced)' does not go with 'autopay settle'")
            }
            action = .settle(files: Array(parsed.operands.dropFirst()))
        default:
            throw parsed.error("'autopay' takes one action: run, config or settle FILE...")
        }
    }

    /// An instant in ISO 8601 with a time zone, such as `2026-11-24T02:00:00Z`.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func number(
        _ parsed: CommandLineArguments.ParsedOptions, _ name: String, in range: ClosedRange<Int>
    ) throws(UsageError) -> Int? {
        guard let text = parsed.values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw parsed.error(
                "invalid value '\(text)' for '--\(name)'; expected \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private static func hours(
        _ parsed: CommandLineArguments.ParsedOptions, _ name: String
    ) throws(UsageError) -> ClosedRange<Int>? {
        guard let text = parsed.values[name] else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), (0...23).contains(from),
            (0...23).contains(to), from <= to
        else { throw parsed.error("invalid hours '\(text)' for '--\(name)'; expected H-H within 0-23, such as 1-5") }
        return from...to
    }

    /// Runs or configures.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) async -> ExitCode {
        switch action {
        case .run(let kind, let at, let dryRun, let force, let json, let waitSeconds):
            return await runAutopay(
                kind, at: at ?? Date(), dryRun: dryRun, force: force, json: json, waitSeconds: waitSeconds,
                context: context)
        case .settle(let files):
            return settle(files, context: context)
        case .config(
            let production, let retryCount, let lookbackDays, let instalmentHours, let resellerHours, let creditor,
            let painVersion):
            do throws(AutopayError) {
                var settings = try ledger.autopaySettings()
                let changes =
                    production != nil || retryCount != nil || lookbackDays != nil
                    || instalmentHours != nil || resellerHours != nil || !creditor.isEmpty || painVersion != nil
                if creditor.count == 3 {
                    guard let iban = IBAN(normalizing: creditor[1]) else {
                        throw AutopayError(code: .configurationInvalid, message: "--creditor: the IBAN is not valid")
                    }
                    var directDebit =
                        settings.directDebit
                        ?? DirectDebitSettings(creditor: DirectDebitCreditor(name: "", iban: iban, creditorId: ""))
                    directDebit.creditor = DirectDebitCreditor(name: creditor[0], iban: iban, creditorId: creditor[2])
                    settings.directDebit = directDebit
                }
                if let painVersion {
                    guard settings.directDebit != nil else {
                        throw AutopayError(
                            code: .configurationInvalid, message: "--pain-version needs a creditor (--creditor)")
                    }
                    settings.directDebit?.version = painVersion
                }
                // What is written must read back: the same checks as a hand-edited file.
                settings = try AutopaySettings.decode(settings.encoded())
                if let production { settings.production = production }
                if let retryCount { settings.retryCount = retryCount }
                if let lookbackDays { settings.lookbackDays = lookbackDays }
                if let hours = instalmentHours {
                    settings.instalmentWindow = .init(fromHour: hours.lowerBound, toHour: hours.upperBound)
                }
                if let hours = resellerHours {
                    settings.resellerWindow = .init(fromHour: hours.lowerBound, toHour: hours.upperBound)
                }
                if changes {
                    // The ledger's lock is held while the file is written, so two commands never
                    // write it at once.
                    let held: Ledger
                    do {
                        held = try ledger.open(.mustExist, in: context)
                    } catch {
                        return error.report(to: context.output)
                    }
                    defer { held.close() }
                    try settings.save(toLedger: URL(fileURLWithPath: ledger.directory))
                }
                context.output.write(String(decoding: settings.encoded(), as: UTF8.self))
                return .success
            } catch {
                return error.report(to: context.output)
            }
        }
    }

    private func runAutopay(
        _ kind: AutopayKind, at instant: Date, dryRun: Bool, force: Bool, json: Bool, waitSeconds: Int,
        context: ToolContext
    ) async -> ExitCode {
        var location = ledger
        // The ledger's today is the run's date: entry and settlement dates of the charges.
        location.today =
            location.today ?? XMLDate(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
        let settings: AutopaySettings
        do {
            settings = try ledger.autopaySettings()
        } catch {
            return error.report(to: context.output)
        }
        let deadline = Date().addingTimeInterval(TimeInterval(waitSeconds))
        var opened: Ledger?
        while opened == nil {
            do {
                opened = try location.open(dryRun ? .readOnly : .mustExist, in: context)
            } catch {
                // Another process holds the journal's lock: wait for it when asked to.
                if case .refused(let ledgerError) = error, ledgerError.code == .journalFailure,
                    ledgerError.journalError?.code == .ioError, ledgerError.message.contains("in use"),
                    Date() < deadline
                {
                    try? await Task.sleep(for: .milliseconds(100))
                    continue
                }
                return error.report(to: context.output)
            }
        }
        guard let ledger = opened else { return .failure }
        defer { ledger.close() }
        let report: AutopayRunReport
        do {
            let gateway = try location.simulatedGateway()
            do {
                report =
                    kind == .directDebit
                    ? try await ledger.runDirectDebit(
                        at: instant, settings: settings,
                        collections: .ofLedger(URL(fileURLWithPath: location.directory)), dryRun: dryRun, force: force)
                    : try await ledger.runAutopay(
                        kind, at: instant, settings: settings, gateway: gateway, dryRun: dryRun, force: force)
            } catch {
                return error.report(to: context.output)
            }
        } catch {
            return error.report(to: context.output)
        }
        context.output.write(json ? Self.json(report) : Self.text(report))
        return .success
    }

    /// The report as lines of text.
    static func text(_ report: AutopayRunReport) -> String {
        var text =
            "\(report.kind.rawValue) autopay at \(HistoryCommand.time(report.instant)), run date "
            + report.runDate.xmlLexicalForm + (report.dryRun ? " (dry run)" : "") + "\n"
        for entry in report.reconciled {
            text += "reconciled \(entry.key): \(ReconcileCommand.describe(entry.resolution))\n"
        }
        let instrument = report.kind == .directDebit ? "mandate" : "card"
        func describe(_ target: AutopayTarget) -> String {
            "\(target.bookingId) \(target.scheduleId) \(target.amount.formattedAmount) \(target.amount.currency.code) "
                + "\(instrument) \(target.cardId) attempt \(target.attempt)" + (target.approved ? " (approved)" : "")
        }
        if report.dryRun {
            for target in report.selected { text += "selected: \(describe(target))\n" }
        }
        for outcome in report.outcomes {
            switch outcome.result {
            case .charged(let reference):
                text += "charged: \(describe(outcome.target))" + (reference.map { " (\($0))" } ?? "") + "\n"
            case .pending(let reference):
                text += "pending: \(describe(outcome.target))" + (reference.map { " (\($0))" } ?? "") + "\n"
            case .failed(let reason, let gaveUp):
                text += "failed: \(describe(outcome.target)): \(reason)" + (gaveUp ? "; autopay gave up" : "") + "\n"
            case .unresolved:
                text += "unresolved: \(describe(outcome.target)): the gateway's answer did not arrive\n"
            }
        }
        for skip in report.skipped {
            text += "skipped: \(skip.bookingId) \(skip.scheduleId) \(skip.criterion.rawValue): \(skip.detail)\n"
        }
        if let file = report.collectionFile { text += "collection file: \(file.path)\n" }
        text +=
            "\(report.selected.count) selected, \(report.charged.count) charged, \(report.failed.count) failed, "
            + "\(report.skipped.count) skipped\n"
        return text
    }

    /// Applies camt statements to the open direct-debit collections and prints what happened.
    private func settle(_ files: [String], context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let settings: AutopaySettings
            do {
                settings = try ledger.autopaySettings()
            } catch {
                return error.report(to: context.output)
            }
            let opened = try ledger.open(.mustExist, in: context)
            defer { opened.close() }
            var text = ""
            for file in files {
                let statements: [BankStatement]
                do {
                    statements = try CamtDecoder().decode(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw .unreadable(file, error.message)
                }
                for statement in statements {
                    let report: DirectDebitStatementReport
                    do {
                        report = try opened.applyDirectDebitStatement(statement, settings: settings)
                    } catch {
                        throw .refused(error)
                    }
                    for key in report.settled { text += "settled: \(key)\n" }
                    for key in report.returned { text += "returned: \(key)\n" }
                }
            }
            context.output.write(text)
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The report as stable JSON.
    static func json(_ report: AutopayRunReport) -> String {
        func target(_ target: AutopayTarget) -> [String: JSONValue] {
            [
                "bookingId": .string(target.bookingId.value), "scheduleId": .string(target.scheduleId.value),
                "dueDate": .string(target.dueDate.xmlLexicalForm), "amount": .string(target.amount.formattedAmount),
                "currency": .string(target.amount.currency.code), "cardId": .string(target.cardId.value),
                "payer": .string(target.payer), "attempt": .int(Int(target.attempt)),
                "approved": .bool(target.approved), "key": .string(target.key.rawValue),
            ]
        }
        let outcomes: [JSONValue] = report.outcomes.map { outcome in
            var object = target(outcome.target)
            switch outcome.result {
            case .charged(let reference):
                object["result"] = .string("charged")
                object["reference"] = reference.map { .string($0) } ?? .null
            case .pending(let reference):
                object["result"] = .string("pending")
                object["reference"] = reference.map { .string($0) } ?? .null
            case .failed(let reason, let gaveUp):
                object["result"] = .string("failed")
                object["reason"] = .string(reason)
                object["gaveUp"] = .bool(gaveUp)
            case .unresolved:
                object["result"] = .string("unresolved")
            }
            return .object(object)
        }
        let value = JSONValue.object([
            "kind": .string(report.kind.rawValue), "instant": .string(HistoryCommand.time(report.instant)),
            "runDate": .string(report.runDate.xmlLexicalForm), "dryRun": .bool(report.dryRun),
            "collectionFile": report.collectionFile.map { .string($0.lastPathComponent) } ?? .null,
            "reconciled": .array(
                report.reconciled.map {
                    .object([
                        "key": .string($0.key.rawValue),
                        "resolution": .string(ReconcileCommand.describe($0.resolution)),
                    ])
                }),
            "selected": .array(report.selected.map { .object(target($0)) }),
            "outcomes": .array(outcomes),
            "skipped": .array(
                report.skipped.map {
                    .object([
                        "bookingId": .string($0.bookingId.value), "scheduleId": .string($0.scheduleId.value),
                        "criterion": .string($0.criterion.rawValue), "detail": .string($0.detail),
                    ])
                }),
            "counts": .object([
                "selected": .int(report.selected.count), "charged": .int(report.charged.count),
                "failed": .int(report.failed.count), "skipped": .int(report.skipped.count),
            ]),
        ])
        return String(decoding: value.encoded(), as: UTF8.self)
    }
}
