import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments portal-link --ledger DIR BOOKING [--base-url URL] [--valid-for HOURS]`: issues a
/// one-time portal token for a booking and prints the link that redeems it.
struct PortalLinkCommand: Equatable {
    /// The ledger and its today.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The portal's public address.
    var baseURL: String
    /// How long the link is valid, in hours.
    var validForHours: Int

    /// The address links start with unless `--base-url` says otherwise: the server's default.
    static let defaultBaseURL = "http://127.0.0.1:8080"

    /// The command line and help of `portal-link`.
    static let spec = CommandSpec(
        name: "portal-link",
        abstract: "Issue a one-time link that opens a booking in the customer portal.",
        operandsUsage: "BOOKING",
        operandHelp: [("BOOKING", "The booking's identifier.")],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec(
                "base-url", valueName: "URL",
                help: "The portal's public address (default: \(defaultBaseURL)); the link is URL/portal/link/TOKEN."),
            OptionSpec(
                "valid-for", valueName: "HOURS", help: "How long the link is valid: 1 to 720 hours (default: 168)."),
        ],
        discussion: """
            The token is 32 random bytes in base64url. The ledger journals only its SHA-256
            digest, with the expiry and who issued it (the DRV_PAYMENTS_ACTOR environment
            variable, else user:LOGIN), so the printed link exists nowhere else: send it to the
            customer. It opens the booking once; a second use, or a use after the expiry, is
            refused. With --today the link is valid from midnight UTC of that day.

            OUTPUT:
              the link, then on standard error when it expires

            EXIT STATUS:
              0  issued
              1  the ledger refused: unknown-booking
              2  usage error, or the ledger could not be opened or written

            EXAMPLES:
              drv-payments portal-link --ledger ledger 7KQ4M2XG --base-url https://pay.example.com
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` without exactly one BOOKING, for a base URL that is not `http` or
    ///   `https`, or a validity that is not 1 to 720 hours.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard parsed.operands.count == 1, let text = parsed.operands.first else {
            throw parsed.error("'portal-link' takes one BOOKING")
        }
        bookingId = try parsed.identifier(text, for: "BOOKING")
        baseURL = parsed.values["base-url"] ?? Self.defaultBaseURL
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://"),
            !baseURL.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" })
        else {
            throw parsed.error(
                "option '--base-url' needs an http:// or https:// address without query, got '\(baseURL)'")
        }
        if let hours = parsed.values["valid-for"] {
            guard let value = Int(hours), (1...720).contains(value) else {
                throw parsed.error("option '--valid-for' needs a whole number of hours from 1 to 720, got '\(hours)'")
            }
            validForHours = value
        } else {
            validForHours = 168
        }
    }

    /// Issues the token and prints the link.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        var expiry: Date?
        let exitCode = ledger.change(in: context) { ledger throws(LedgerError) in
            let token = try ledger.issuePortalToken(for: bookingId, validFor: TimeInterval(validForHours) * 3600)
            expiry = token.expiresAt
            return token.link(baseURL: baseURL)
        }
        if let expiry {
            context.output.writeError("valid until \(expiry.ISO8601Format())\n")
        }
        return exitCode
    }
}
