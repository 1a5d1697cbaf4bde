import Foundation
import PaymentLedger
import XMLCoding

/// The ledger a ledger subcommand works on: `--ledger DIR` and `--today YYYY-MM-DD`, shared by
/// `handle`, `book`, `pay`, `settle`, `fail`, `confirm`, `reopen` and `show`.
///
/// The ledger is a directory holding the journal `journal.log`, which every change is appended
/// to before it takes effect; opening the ledger replays it. The journal is locked while a
/// command runs, so two commands never change one ledger at once.
struct LedgerLocation: Equatable {
    /// The ledger's directory as given.
    var directory: String
    /// The ledger's today; `nil` means today in the local time zone.
    var today: XMLDate?

    /// Whether opening may create the ledger.
    enum Mode {
        /// Create the directory and journal when missing (`handle`, `book`).
        case createIfMissing
        /// The ledger must exist: a missing one is an error (`pay`, `settle`, ...).
        case mustExist
        /// The ledger must exist and is only read: no lock, nothing written (`show`).
        case readOnly
    }

    /// `--ledger DIR`, which every ledger subcommand requires.
    static let ledgerOption = OptionSpec(
        "ledger", valueName: "DIR", required: true,
        help: "The ledger's directory; its journal.log records every change.")

    /// `--today YYYY-MM-DD`, the ledger's clock.
    static let todayOption = OptionSpec(
        "today", valueName: "YYYY-MM-DD",
        help: "The ledger's today: booking, entry and settlement dates, what is due and overdue "
            + "(default: today, local time).")

    /// Reads `--ledger` and `--today`.
    ///
    /// - Parameter parsed: The sorted arguments; `--ledger` is required by the spec.
    /// - Throws: ``UsageError`` for an empty directory name or a malformed date.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        let directory = parsed.values["ledger"] ?? ""
        guard !directory.isEmpty else { throw parsed.error("option '--ledger' needs a directory name") }
        self.directory = directory
        today = try parsed.date("today")
    }

    /// Creates a location from its settings.
    ///
    /// - Parameters:
    ///   - directory: The ledger's directory.
    ///   - today: The ledger's today; `nil` (the default) means today.
    init(directory: String, today: XMLDate? = nil) {
        self.directory = directory
        self.today = today
    }

    /// Opens the ledger with a clock fixed at ``today`` (or the context's today).
    ///
    /// - Parameters:
    ///   - mode: Whether a missing ledger is created or an error.
    ///   - context: Supplies today's date when ``today`` is `nil`.
    /// - Returns: The ledger, its journal replayed; close it when done.
    /// - Throws: ``LedgerCommandFailure``: a missing ledger, or one that cannot be opened
    ///   (`journal-failure`: locked by another command, damaged, unreadable), exit 2.
    func open(_ mode: Mode, in context: ToolContext) throws(LedgerCommandFailure) -> Ledger {
        let url = URL(fileURLWithPath: directory)
        if mode != .createIfMissing {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
                throw .unreadable(directory, "No such file or directory")
            }
            guard isDirectory.boolValue else { throw .unreadable(directory, "Not a directory") }
            let journal = url.appendingPathComponent(FileJournal.fileName).path
            guard FileManager.default.fileExists(atPath: journal) else {
                throw .unreadable(directory, "not a ledger: there is no \(FileJournal.fileName)")
            }
        }
        let configuration = LedgerConfiguration(
            clock: CommandClock(day: today ?? context.today(), isFixed: today != nil))
        let ledger: Ledger
        do {
            ledger =
                mode == .readOnly
                ? try Ledger.openForReading(directory: url, configuration: configuration)
                : try Ledger.open(directory: url, configuration: configuration)
        } catch {
            throw .refused(error)
        }
        // Every recovery is reported: bytes moved to quarantine, or a torn tail left unread.
        if let recovery = ledger.journalRecovery {
            context.output.writeError("\(Tool.name): \(directory): \(recovery)\n")
        }
        return ledger
    }

    /// Opens the ledger (which must exist), makes one change and prints the line it returns; a
    /// refusal prints `drv-payments: CODE: message`.
    ///
    /// - Parameters:
    ///   - context: Output and today's date.
    ///   - change: The change; returns the line to print, without its line feed.
    /// - Returns: ``ExitCode/success``, or the failure's exit status.
    func change(in context: ToolContext, _ change: (Ledger) throws(LedgerError) -> String) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try open(.mustExist, in: context)
            defer { ledger.close() }
            let line: String
            do {
                line = try change(ledger)
            } catch {
                throw .refused(error)
            }
            context.output.write(line + "\n")
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The simulated payment gateway of this ledger, its log `simulated-gateway.log` in the
    /// ledger's directory: what it authorised and captured survives the process, as a real
    /// payment service provider's records do, so `reconcile` can ask it after a crash.
    ///
    /// The environment variable `DRV_PAYMENTS_GATEWAY_LATENCY_MS` gives its answers a latency
    /// in milliseconds (0 to 10,000), as a real payment service provider's have.
    ///
    /// - Returns: The gateway, its log read back.
    /// - Throws: ``LedgerCommandFailure/unreadable(_:_:)`` when the log cannot be read or written.
    func simulatedGateway() throws(LedgerCommandFailure) -> SimulatedPaymentGateway {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(SimulatedPaymentGateway.logFileName)
        let milliseconds =
            ProcessInfo.processInfo.environment["DRV_PAYMENTS_GATEWAY_LATENCY_MS"]
            .flatMap { Int($0) }.map { min(max($0, 0), 10_000) } ?? 0
        do {
            return try SimulatedPaymentGateway(logFile: url, latency: .milliseconds(milliseconds))
        } catch {
            throw .unreadable(url.path, error.message)
        }
    }
}

/// Why a ledger subcommand stopped: a refusal of the ledger or a ledger that cannot be opened.
///
/// A refusal prints `drv-payments: CODE: message` (the ``LedgerError``'s stable code) and exits
/// with ``ExitCode/rejected``, except `journal-failure`, which is an I/O error and exits with
/// ``ExitCode/failure``.
enum LedgerCommandFailure: Error {
    /// The ledger refused the change or the lookup.
    case refused(LedgerError)
    /// The ledger directory cannot be used: `drv-payments: DIR: reason`, exit 2.
    case unreadable(String, String)
    /// The message handler rejected a request: one `drv-payments: CODE: text` line per error.
    case rejectedRequest([(code: String, text: String)])

    /// The text for standard error.
    var diagnostic: String {
        switch self {
        case .refused(let error):
            return Self.line(code: error.code.rawValue, text: error.message)
        case .unreadable(let name, let reason):
            return InputError(name: name, reason: reason).diagnostic
        case .rejectedRequest(let errors):
            return errors.map { Self.line(code: $0.code, text: $0.text) }.joined()
        }
    }

    /// The exit status.
    var exitCode: ExitCode {
        switch self {
        case .refused(let error): return error.code == .journalFailure ? .failure : .rejected
        case .unreadable: return .failure
        case .rejectedRequest: return .rejected
        }
    }

    /// Writes ``diagnostic`` to standard error.
    ///
    /// - Parameter output: Where to write.
    /// - Returns: ``exitCode``.
    func report(to output: Output) -> ExitCode {
        output.writeError(diagnostic)
        return exitCode
    }

    /// `drv-payments: CODE: message`, on one line.
    static func line(code: String, text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(Tool.name): \(code): \(flat)\n"
    }
}

/// The ledger's clock for a command: the day `--today` names (or today), and, for the time stamp
/// of changes, midnight UTC of that day when `--today` fixed it (reproducible) or the real time.
struct CommandClock: LedgerClock {
    var day: XMLDate
    var isFixed: Bool

    func today() -> XMLDate { day }

    func now() -> Date { isFixed ? FixedClock(day).now() : Date() }
}
