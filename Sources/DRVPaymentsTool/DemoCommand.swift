import Foundation
import PaymentLedger
import StringPayments
import Synchronization
import XMLCoding

/// `drv-payments demo`: plays a booking's payment lifecycle on built-in sample data, in a
/// temporary ledger, and prints every request, response and the resulting overview.
///
/// The story is ``DemoScript``. Each step runs on its own fixed day, booking references are
/// seeded and the gateway is simulated, so the output is the same on every run and machine.
struct DemoCommand: Equatable {
    /// Whether requests and responses are indented.
    var pretty = false
    /// The directory to keep the ledger in; `nil` uses a temporary one, removed at the end.
    var keep: String?

    /// The command line and help of `demo`.
    static let spec = CommandSpec(
        name: "demo",
        abstract: "Play a booking's payment lifecycle on built-in sample data.",
        operandsUsage: "",
        operandHelp: [],
        options: [
            OptionSpec("pretty", help: "Put child elements on their own lines, indented by two spaces."),
            OptionSpec(
                "keep", valueName: "DIR",
                help: "Keep the ledger in DIR, a new or empty directory, for 'show' (default: a temporary one)."),
        ],
        discussion: """
            The story: on 2026-11-23 an agency asks for a quote for a family of three
            (3456.00 EUR) and books, the customer paying the 20 % deposit (691.20 EUR) at the
            agency; on 2026-12-01 the agency passes the deposit on; on 2027-04-20 the balance
            (2764.80 EUR) is paid by card and declined; on 2027-04-21 it is paid with another
            card (1.5 % fee, 41.47 EUR) and settles; on 2027-04-28 the tour operator confirms
            both payments. The ledger's clock is fixed for each step, booking references are
            seeded and the payment gateway is simulated, so the output is the same on every run.

            OUTPUT:
              For each step a title line "=== Step N, DATE: what happens", then either the
              request and the response (card numbers in the printed requests are masked; the
              handler gets the full number) or the equivalent drv-payments command and the
              payment's status line; at the end the booking as 'drv-payments show' prints it.

            EXIT STATUS:
              0  the story ran to its end
              2  usage error, the --keep directory is not empty, or the ledger could not be used

            EXAMPLES:
              drv-payments demo
              drv-payments demo --pretty --keep /tmp/demo-ledger && drv-payments show --ledger /tmp/demo-ledger
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an operand or an empty `--keep`.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        if let extra = parsed.operands.first {
            throw parsed.error("unexpected argument '\(extra)'; 'demo' takes options only")
        }
        pretty = parsed.flag("pretty")
        keep = parsed.values["keep"]
        if keep?.isEmpty == true { throw parsed.error("option '--keep' needs a directory name") }
    }

    /// Creates the command from its settings.
    init(pretty: Bool = false, keep: String? = nil) {
        self.pretty = pretty
        self.keep = keep
    }

    /// Plays the story.
    ///
    /// - Parameter context: Output.
    /// - Returns: ``ExitCode/success``, or ``ExitCode/failure`` when the ledger cannot be used or
    ///   a step does not go as the story says.
    func run(in context: ToolContext) async -> ExitCode {
        let output = context.output
        let directory: URL
        if let keep {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: keep)) ?? []
            guard contents.isEmpty else {
                return LedgerCommandFailure.unreadable(keep, "not empty; --keep needs a new or empty directory")
                    .report(to: output)
            }
            directory = URL(fileURLWithPath: keep)
        } else {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("drv-payments-demo-\(UUID().uuidString)")
        }
        defer {
            if keep == nil { try? FileManager.default.removeItem(at: directory) }
        }
        let clock = DemoClock(DemoScript.steps.first?.day ?? DemoScript.lastDay)
        let ledger: Ledger
        do {
            ledger = try Ledger.open(
                directory: directory,
                configuration: LedgerConfiguration(clock: clock, bookingReferenceSeed: DemoScript.bookingReferenceSeed))
        } catch {
            return LedgerCommandFailure.refused(error).report(to: output)
        }
        defer { ledger.close() }
        let encoding = XMLEncodingOptions(includesXMLDeclaration: false, prettyPrinted: pretty)
        let handler = StringMessageHandler(
            ledger: ledger, gateway: SimulatedPaymentGateway(),
            configuration: StringMessageHandler.Configuration(encoding: encoding, now: { DemoScript.envelopeTime }))

        output.write(
            """
            drv-payments demo: one booking's payments from quote to confirmation, on a new ledger
            (simulated payment gateway; the ledger's clock is set for each step).

            """)
        var bookingId = ""
        for (index, step) in DemoScript.steps.enumerated() {
            clock.set(step.day)
            output.write("\n=== Step \(index + 1), \(step.day): \(step.title)\n")
            switch step.action {
            case .message(let request, let expected):
                let xml = request(bookingId)
                output.write("--- request\n" + Self.displayed(xml, options: encoding))
                let handled = await handler.handle(Data(xml.utf8))
                output.write("--- response: \(handled.outcome.rawValue)\n")
                var response = handled.responseData
                if response.last != UInt8(ascii: "\n") { response.append(UInt8(ascii: "\n")) }
                output.write(response)
                guard handled.outcome == expected else {
                    output.writeError(
                        "\(Tool.name): demo step \(index + 1): expected \(expected.rawValue), got \(handled.outcome.rawValue)\n"
                            + LedgerCommandFailure.rejectedRequest(HandleCommand.errorDetails(of: handled.response))
                            .diagnostic)
                    return .failure
                }
                if case .bookingResponse(let booked) = handled.response, booked.bookingState == .booked,
                    let id = booked.bookingId
                {
                    bookingId = id.value
                }
            case .operation(let action, let payments):
                output.write("--- " + Self.command(for: action, bookingId: bookingId, payments: payments) + "\n")
                do {
                    let booking = try PaymentStatusCommand.apply(
                        action, to: payments, of: Identifier(stringLiteral: bookingId), in: ledger)
                    output.write(payments.compactMap { booking.payment($0) }.map(LedgerReport.statusLine(of:)).joined())
                } catch {
                    output.writeError("\(Tool.name): demo step \(index + 1):\n")
                    _ = LedgerCommandFailure.refused(error).report(to: output)
                    return .failure
                }
            }
        }
        guard let booking = ledger.booking(Identifier(stringLiteral: bookingId)) else {
            output.writeError("\(Tool.name): demo: the booking was not made\n")
            return .failure
        }
        output.write("\n=== Result on \(DemoScript.lastDay): drv-payments show --ledger LEDGER \(bookingId)\n")
        output.write(LedgerReport.text(of: booking, today: DemoScript.lastDay))
        if let keep {
            output.write("\nThe ledger is kept in \(keep): drv-payments show --ledger \(keep) \(bookingId)\n")
        }
        return .success
    }

    /// The request as the demo prints it: in the same form as the responses, card numbers
    /// masked and security codes left out. The handler gets the request as written.
    static func displayed(_ xml: String, options: XMLEncodingOptions) -> String {
        guard var message = try? StringMessage.decode(from: Data(xml.utf8)) else { return xml + "\n" }
        if case .paymentRequest(var request) = message {
            request.payments.payments = request.payments.payments.map(masked)
            message = .paymentRequest(request)
        } else if case .bookingRequest(var request) = message, var payments = request.payments {
            payments.payments = payments.payments.map(masked)
            request.payments = payments
            message = .bookingRequest(request)
        }
        guard let data = try? message.encoded(options: options) else { return xml + "\n" }
        let text = String(decoding: data, as: UTF8.self)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// The payment with its card number replaced by the masked number and without security code.
    private static func masked(_ payment: Payment) -> Payment {
        guard case .creditCard(var card) = payment.specialisation, var creditCard = card.creditCard else {
            return payment
        }
        if let number = creditCard.cardNumber {
            creditCard.maskedCardNumber = number.masked
        }
        creditCard.cardNumber = nil
        creditCard.securityCode = nil
        card.creditCard = creditCard
        var copy = payment
        copy.specialisation = .creditCard(card)
        return copy
    }

    /// The `drv-payments` command that does what an operation step does.
    static func command(for action: PaymentStatusCommand.Action, bookingId: String, payments: [Identifier]) -> String {
        let operands = ([bookingId] + payments.map(\.value)).joined(separator: " ")
        switch action {
        case .settle(let reference):
            return "drv-payments settle --ledger LEDGER \(operands)" + (reference.map { " --reference \($0)" } ?? "")
        case .agencySettlement(let reference):
            return "drv-payments settle --ledger LEDGER \(operands) --agency-settlement --reference \(reference)"
        case .fail(let reason):
            return "drv-payments fail --ledger LEDGER \(operands) --reason '\(reason)'"
        case .confirm:
            return "drv-payments confirm --ledger LEDGER \(operands)"
        case .reopen:
            return "drv-payments reopen --ledger LEDGER \(operands)"
        }
    }
}

/// The demo's clock: a fixed day, set before each step.
final class DemoClock: LedgerClock {
    private let day: Mutex<XMLDate>

    /// Creates the clock stopped at a day.
    init(_ day: XMLDate) {
        self.day = Mutex(day)
    }

    /// Stops the clock at another day.
    func set(_ day: XMLDate) {
        self.day.withLock { $0 = day }
    }

    /// The day the clock is stopped at.
    func today() -> XMLDate {
        day.withLock { $0 }
    }
}
