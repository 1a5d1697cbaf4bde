import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments handle --ledger DIR REQUEST ...`: answers STRING requests against a ledger, as
/// the tour operator's system does.
///
/// Each request goes through `StringMessageHandler`: secure parse, XSD validation, the STRING
/// rules, the ledger's business rules, the simulated payment gateway, one atomic change, and the
/// response. Each response is printed after a comment line naming the request and what happened,
/// so one response is a well-formed XML document and several are easy to tell apart.
struct HandleCommand: Equatable {
    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The request files, `-` for standard input.
    var inputs: [String]
    /// Whether the responses are indented.
    var pretty = false

    /// The command line and help of `handle`.
    static let spec = CommandSpec(
        name: "handle",
        abstract: "Answer STRING requests against a ledger, as the tour operator's system does.",
        operandsUsage: "REQUEST|- ...",
        operandHelp: [
            ("REQUEST", "A request file: PaymentRequest, BookingRequest or StringMessageRequest."),
            ("-", "Standard input (at most once)."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            LedgerLocation.todayOption,
            OptionSpec("pretty", help: "Put child elements on their own lines, indented by two spaces."),
        ],
        discussion: """
            The ledger directory is created when missing. Each request is validated (XSD and
            STRING rules), checked against the ledger, card and voucher payments go to the
            simulated payment gateway (card 4111111111111111 settles, 4000000000000002 is
            declined), and the request is applied all or nothing: its payments are journaled in
            flight before the gateway is asked, and captured only when every one was accepted.
            The gateway's log is simulated-gateway.log in the ledger directory. Sending the same
            request again changes nothing and gets a byte-identical response. After a crash,
            `drv-payments reconcile` resolves payments left in flight.

            OUTPUT:
              For each request, in order, a comment line and the response without XML
              declaration:
                <!-- response to FILE: OUTCOME -->
                <PaymentResponse ...>...</PaymentResponse>
              OUTCOME is applied (the ledger changed), unchanged (a Quote, a Retrieve or a
              request sent again), rejected (the response carries Errors; the ledger is
              unchanged) or invalid (an ErrorResponse listing the violations). For a rejected or
              invalid request each error is also reported on standard error as
                drv-payments: FILE: CODE: text

            EXIT STATUS:
              0  every request was applied or unchanged
              1  at least one request was rejected or invalid
              2  usage error, a file could not be read, the ledger could not be opened, or the
                 journal could not store a change (handle stops at the first such request)

            EXAMPLES:
              drv-payments handle --ledger ledger --today 2026-11-23 Examples/lifecycle/02-book-request.xml
              drv-payments handle --ledger ledger --pretty payment-request.xml
              some-producer | drv-payments handle --ledger ledger -
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without operands, with `-` twice, or with a malformed option.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard !parsed.operands.isEmpty else { throw parsed.error("missing REQUEST or - to handle") }
        guard parsed.operands.filter({ $0 == "-" }).count <= 1 else {
            throw parsed.error("standard input (-) can be given only once")
        }
        inputs = parsed.operands
        pretty = parsed.flag("pretty")
    }

    /// Creates the command from its settings.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - inputs: Request files and `-`.
    ///   - pretty: Whether to indent the responses. Default `false`.
    init(ledger: LedgerLocation, inputs: [String], pretty: Bool = false) {
        self.ledger = ledger
        self.inputs = inputs
        self.pretty = pretty
    }

    /// Answers every request in order and prints the responses.
    ///
    /// - Parameter context: Output, standard input and today's date.
    /// - Returns: ``ExitCode/failure`` when the ledger cannot be opened or a file cannot be read,
    ///   else ``ExitCode/rejected`` when a request was rejected or invalid, else
    ///   ``ExitCode/success``.
    func run(in context: ToolContext) async -> ExitCode {
        let output = context.output
        let ledger: Ledger
        do {
            ledger = try self.ledger.open(.createIfMissing, in: context)
        } catch {
            return error.report(to: output)
        }
        defer { ledger.close() }
        let gateway: SimulatedPaymentGateway
        do {
            gateway = try self.ledger.simulatedGateway()
        } catch {
            return error.report(to: output)
        }
        let configuration = StringMessageHandler.Configuration(
            encoding: XMLEncodingOptions(includesXMLDeclaration: false, prettyPrinted: pretty))
        let handler = StringMessageHandler(ledger: ledger, gateway: gateway, configuration: configuration)
        let limit = configuration.decoding.reading.maximumInputSize
        var unreadable = 0
        var refused = 0
        for input in inputs {
            let file = InputFile(name: input)
            let data: Data
            do {
                data = try file.read(limit: limit, in: context)
            } catch {
                output.writeError(error.diagnostic)
                unreadable += 1
                continue
            }
            let handled = await handler.handle(data)
            output.write(Self.separator(for: file.name, outcome: handled.outcome))
            var response = handled.responseData
            if response.last != UInt8(ascii: "\n") { response.append(UInt8(ascii: "\n")) }
            output.write(response)
            if handled.outcome == .rejected || handled.outcome == .invalid {
                refused += 1
                let details = Self.errorDetails(of: handled.response)
                output.writeError(details.map { "\(Tool.name): \(file.name): \($0.code): \($0.text)\n" }.joined())
                // The journal cannot store changes (a full disk, an I/O error): every later
                // request would fail the same way, so stop with an I/O error.
                if details.contains(where: { $0.code == LedgerError.Code.journalFailure.rawValue }) {
                    output.writeError("\(Tool.name): stopping: the ledger's journal cannot store changes\n")
                    return .failure
                }
            }
        }
        if unreadable > 0 { return .failure }
        return refused > 0 ? .rejected : .success
    }

    /// `<!-- response to FILE: OUTCOME -->` and a line feed; `--` in the name, which a comment
    /// cannot hold, is written `- -`.
    static func separator(for name: String, outcome: HandledMessage.Outcome) -> String {
        var shown = name
        while shown.contains("--") { shown = shown.replacingOccurrences(of: "--", with: "- -") }
        return "<!-- response to \(shown): \(outcome.rawValue) -->\n"
    }

    /// The `Errors/ErrorDetail` entries of a response, in order, each as one line of text.
    static func errorDetails(of response: StringMessage) -> [(code: String, text: String)] {
        let errors: Errors?
        switch response {
        case .paymentResponse(let message): errors = message.errors
        case .bookingResponse(let message): errors = message.errors
        case .errorResponse(let message): errors = message.errors
        case .envelopeResponse(let envelope):
            guard let inner = envelope.stringResponse.content?.message else { return [] }
            return errorDetails(of: inner)
        default: errors = nil
        }
        return (errors?.errorDetails ?? []).map { detail in
            (detail.code, detail.text.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }
}
