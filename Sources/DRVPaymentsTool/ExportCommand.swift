import Foundation
import PaymentLedger
import XMLCoding

/// `drv-payments export balances --ledger DIR [--out FILE] [--upload URL]`: the balances-owing
/// document, written to a file or standard output and uploaded on demand.
struct ExportCommand: Equatable {
    /// The ledger and its today (the export's `AsOf`).
    var ledger: LedgerLocation
    /// The file to write; `nil` writes to standard output (or, with an upload only, to a
    /// temporary file).
    var outputFile: String?
    /// The receiver to upload to.
    var uploadURL: URL?
    /// `PUT` or `POST`.
    var method: BalancesUploadOptions.Method
    /// Attempts before the upload gives up.
    var attempts: Int
    /// The payment link template.
    var linkTemplate: String?

    /// The command line and help of `export`.
    static let spec = CommandSpec(
        name: "export",
        abstract: "Write the balances owing as XML per client and departure, and upload them.",
        operandsUsage: "balances",
        operandHelp: [("balances", "Export the balances owing (namespace urn:drv-string-payments:balances-owing:1).")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec(
                "out", valueName: "FILE", help: "Write the document to FILE (replaced whole; default: standard output)."
            ),
            OptionSpec("upload", valueName: "URL", help: "Upload the document to the http or https URL."),
            OptionSpec("method", valueName: "METHOD", help: "The upload's HTTP method: PUT (the default) or POST."),
            OptionSpec("attempts", valueName: "N", help: "Upload attempts before giving up, 1 to 10 (default 4)."),
            OptionSpec(
                "link", valueName: "TEMPLATE",
                help: "The payment page URL per departure; {reference} becomes the booking reference."),
        ],
        discussion: """
            Every booked booking that owes money (balance above zero) is written as a Departure
            of its client: bookings with the same customer email (else the same customer name)
            are one client. The document is streamed, and valid against
            Schemas/balances/BalancesOwing.xsd. The ledger is only read. This is the "run now"
            button; a scheduler runs the same command.

            The upload retries a 408, 429 or 5xx answer and a failed connection, waiting 2 s,
            4 s, 8 s between attempts; any other answer is final.

            OUTPUT:
              With --out: "exported N departures of N clients (N bytes) to FILE", then for an
              upload one line per attempt ("attempt 1: HTTP 503 (0.02 s)") and the result.
              Without --out the document goes to standard output and the report to standard
              error.

            EXIT STATUS:
              0  exported (and uploaded)
              2  usage error, the ledger could not be opened, the file could not be written,
                 or the upload failed

            EXAMPLES:
              drv-payments export balances --ledger ledger --out balances.xml
              drv-payments export balances --ledger ledger --link 'https://pay.example.com/b?ref={reference}' \\
                  --upload https://pay.example.com/import/balances.xml --method POST
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without the action `balances`, or for a malformed URL or count.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands == ["balances"] else { throw parsed.error("'export' takes an action: balances") }
        outputFile = parsed.values["out"]
        if outputFile?.isEmpty == true { throw parsed.error("option '--out' needs a file name") }
        if let text = parsed.values["upload"] {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                scheme == "http" || scheme == "https",
                url.host?.isEmpty == false
            else { throw parsed.error("invalid URL '\(text)' for '--upload'; expected an http or https URL") }
            uploadURL = url
        }
        method = try parsed.choice("method", from: [("PUT", .put), ("POST", .post)]) ?? .put
        if let text = parsed.values["attempts"] {
            guard let count = Int(text), (1...10).contains(count) else {
                throw parsed.error("invalid value '\(text)' for '--attempts'; expected 1 to 10")
            }
            attempts = count
        } else {
            attempts = 4
        }
        linkTemplate = parsed.values["link"]
        if uploadURL == nil, parsed.values["method"] != nil || parsed.values["attempts"] != nil {
            throw parsed.error("options '--method' and '--attempts' belong to '--upload'")
        }
    }

    /// Exports, and uploads when asked.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext, backoff: Duration = .seconds(2)) async -> ExitCode {
        let ledger: Ledger
        do {
            ledger = try self.ledger.open(.readOnly, in: context)
        } catch {
            return error.report(to: context.output)
        }
        defer { ledger.close() }
        let export = BalancesExport(options: BalancesExportOptions(paymentLinkTemplate: linkTemplate))
        // Reports go to standard output when the document does not.
        let report: (String) -> Void = { text in
            if outputFile != nil { context.output.write(text) } else { context.output.writeError(text) }
        }
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let file: URL?
        do throws(BalancesExportError) {
            if let outputFile {
                file = URL(fileURLWithPath: outputFile)
            } else if uploadURL != nil {
                temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "drv-payments-balances-\(UUID().uuidString).xml")
                file = temporary
            } else {
                file = nil
            }
            let summary: BalancesExportSummary
            if let file {
                summary = try export.write(ledger, to: file)
            } else {
                summary = try export.write(ledger) { context.output.write($0) }
            }
            report(
                "exported \(summary.departureCount) departures of \(summary.clientCount) clients (\(summary.byteCount) bytes)"
                    + (outputFile.map { " to \($0)" } ?? "") + "\n")
            if let uploadURL, let file {
                let uploader = BalancesUploader(
                    options: BalancesUploadOptions(
                        url: uploadURL, method: method, maximumAttempts: attempts, initialBackoff: backoff))
                report(try await uploader.upload(file: file).description + "\n")
            }
            return .success
        } catch {
            if let attempts = error.uploadReport {
                context.output.writeError(attempts.description + "\n")
            }
            context.output.writeError(LedgerCommandFailure.line(code: error.code.rawValue, text: error.message))
            return .failure
        }
    }
}
