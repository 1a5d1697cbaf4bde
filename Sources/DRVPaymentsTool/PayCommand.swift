import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments pay --ledger DIR BOOKING --amount AMOUNT --by FORM`: enters one payment of a
/// booking.
///
/// The payment is sent to the ledger as a STRING `PaymentRequest` through
/// `StringMessageHandler`, so it gets exactly the checks an agency's request gets: the STRING
/// rules (Luhn check, card expiry, IBAN check digits), the booking's offered forms of payment and
/// collection restriction, the amount still uncovered. Card, direct-debit, e-banking and e-wallet
/// payments the tour operator collects go to the simulated payment gateway, vouchers to the
/// simulated voucher validation. The card number is handed to the gateway only: the ledger never
/// stores it and the tool never prints it.
struct PayCommand: Equatable {
    /// How a payment is made, as `--by` names it.
    enum Method: String, Equatable, CaseIterable {
        /// Collected by the agency under its agency agreement, without a form of payment.
        case agency
        /// Credit card, collected by the tour operator through the gateway.
        case card
        /// Invoice: entered `Open` until settled.
        case invoice
        /// SEPA direct debit through the gateway (pending until settled).
        case directDebit = "direct-debit"
        /// Online bank transfer through the gateway.
        case eBanking = "e-banking"
        /// E-wallet through the gateway.
        case eWallet = "e-wallet"
        /// A travel voucher, checked by the voucher validation.
        case voucher
    }

    /// The card of a card payment. Its description masks the number.
    struct Card: Equatable {
        /// The card number; ``CardNumber`` masks it wherever it is described. `nil` until it is
        /// read from standard input: a card number is never taken from the command line, where
        /// the process list and the shell history would keep it.
        var number: CardNumber?
        /// The last month of validity.
        var expiry: XMLYearMonth
        /// The card scheme, such as `VISA`.
        var type: String
    }

    /// The ledger and its today (the entry date).
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// The amount, in the booking currency.
    var amount: Decimal
    /// How the payment is made.
    var method: Method
    /// The payment's identifier; `nil` takes the next free `P1`, `P2`, ….
    var paymentId: Identifier?
    /// The part of the price the payment covers; `nil` takes the first scheduled payment with
    /// something remaining.
    var scope: PaymentScope?
    /// Who collects the payment; `nil` means `Agency` for `--by agency`, else `TourOperator`.
    var collection: PaymentCollection?
    /// The card, for `--by card`.
    var card: Card?
    /// The card holder or the account holder.
    var holder: String?
    /// The voucher code, for `--by voucher`.
    var voucher: String?
    /// The IBAN, for `--by direct-debit`.
    var iban: IBAN?
    /// The provider, for `--by e-banking` and `--by e-wallet`.
    var provider: String?

    /// The command line and help of `pay`.
    static let spec = CommandSpec(
        name: "pay",
        abstract: "Enter a payment of a booking: at the agency, by card, invoice, direct debit or voucher.",
        operandsUsage: "BOOKING",
        operandHelp: [("BOOKING", "The booking's identifier.")],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec(
                "amount", valueName: "AMOUNT", required: true,
                help: "The amount in the booking currency, such as 691.20."),
            OptionSpec(
                "by", valueName: "FORM", required: true,
                help: "agency, card, invoice, direct-debit, e-banking, e-wallet or voucher."),
            OptionSpec(
                "id", valueName: "PAYMENT_ID", help: "The payment's identifier (default: the next free P1, P2, ...)."),
            OptionSpec(
                "scope", valueName: "SCOPE",
                help: "Deposit, Interim or Balance (default: the first scheduled payment not yet paid)."),
            OptionSpec(
                "collection", valueName: "COLLECTION",
                help: "Agency, TourOperator or OnSite (default: Agency for --by agency, else TourOperator)."),
            OptionSpec(
                "card", valueName: "-",
                help: "For --by card: '-', and the card number on standard input (never on the command line)."),
            OptionSpec("expiry", valueName: "YYYY-MM", help: "The card's last month of validity, for --by card."),
            OptionSpec("card-type", valueName: "TYPE", help: "The card scheme: VISA, MasterCard, ... (default: VISA)."),
            OptionSpec(
                "holder", valueName: "NAME", help: "The card holder, or the account holder for --by direct-debit."),
            OptionSpec("iban", valueName: "IBAN", help: "The account to debit, for --by direct-debit."),
            OptionSpec("provider", valueName: "NAME", help: "The provider, for --by e-banking and --by e-wallet."),
            OptionSpec("voucher", valueName: "CODE", help: "The voucher code, for --by voucher."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            The ledger must exist. The payment is checked and applied as an agency's
            PaymentRequest would be; what it becomes depends on --by:
              agency         Recorded (the agency took the money); settle it later with
                             'drv-payments settle --agency-settlement'
              card           Settled, or Failed when the simulated gateway declines the card
                             (4000000000000002); a 1.5 % fee is added to the amount
              e-banking,     Settled through the simulated gateway
              e-wallet
              direct-debit   Open (pending at the gateway) until you settle it with
                             'drv-payments settle' when the bank shows the money
              invoice        Open until paid; settle it later
              voucher        Settled when the voucher covers the amount (demo vouchers
                             TRAVEL-100 and TRAVEL-500, EUR); else refused
            Entering a Failed payment again with the same --id requests it anew.

            OUTPUT:
              The payment's status line, then the booking's overview:
                payment P1: Settled; 2764.80 EUR + 41.47 EUR fee by CreditCard, collected by
                TourOperator; reference SIM-7KQ4M2XG-P1
              The card number is never printed. A declined card is not an error: the payment is
              entered as Failed and the exit status is 0.

            CARD NUMBERS:
              --card takes '-' only: the number is read from standard input (its first line), so
              that it never appears in the process list or the shell history. A number given on
              the command line is refused.

            EXIT STATUS:
              0  the payment was entered (whatever its status), or was entered before
              1  the payment was refused: drv-payments: CODE: message (unknown-booking,
                 amount-exceeds-balance, card-expired, voucher-rejected, ...)
              2  usage error, or the ledger does not exist or could not be opened

            EXAMPLES:
              drv-payments pay --ledger ledger 7KQ4M2XG --amount 691.20 --by agency --scope Deposit
              printf '%s\\n' "$CARD" | drv-payments pay --ledger ledger 7KQ4M2XG --amount 2764.80 \\
                --by card --card - --expiry 2029-12 --card-type VISA --holder "Max Mustermann"
              drv-payments pay --ledger ledger 7KQ4M2XG --amount 100 --by voucher --voucher TRAVEL-100
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` unless there is exactly one operand, for malformed values, and
    ///   for details that do not fit `--by` (a card without `--by card`, a voucher without a code).
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        guard let booking = parsed.operands.first else { throw parsed.error("missing BOOKING to pay") }
        guard parsed.operands.count == 1 else {
            throw parsed.error("'pay' takes one BOOKING, but \(parsed.operands.count) were given")
        }
        bookingId = try parsed.identifier(booking, for: "BOOKING")
        amount = try parsed.amount("amount") ?? 0
        method =
            try parsed.choice("by", from: Method.allCases.map { ($0.rawValue, $0) }) ?? .agency
        paymentId = try parsed.identifier("id")
        scope = try parsed.choice("scope", from: ArgumentValue.choices([PaymentScope.deposit, .interim, .balance]))
        collection = try parsed.choice(
            "collection", from: ArgumentValue.choices([PaymentCollection.agency, .tourOperator, .onSite]))
        if method == .agency, let collection, collection != .agency {
            throw parsed.error(
                "'--by agency' is collected by the agency; it cannot have --collection \(collection.rawValue)")
        }
        holder = parsed.values["holder"]
        try readDetails(parsed)
    }

    /// Creates the command from its settings.
    init(
        ledger: LedgerLocation, bookingId: Identifier, amount: Decimal, method: Method, paymentId: Identifier? = nil,
        scope: PaymentScope? = nil, collection: PaymentCollection? = nil, card: Card? = nil, holder: String? = nil,
        voucher: String? = nil, iban: IBAN? = nil, provider: String? = nil
    ) {
        self.ledger = ledger
        self.bookingId = bookingId
        self.amount = amount
        self.method = method
        self.paymentId = paymentId
        self.scope = scope
        self.collection = collection
        self.card = card
        self.holder = holder
        self.voucher = voucher
        self.iban = iban
        self.provider = provider
    }

    /// Reads the form-of-payment details and checks that they fit `--by`.
    private mutating func readDetails(_ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        let detailOptions: [(name: String, method: [Method])] = [
            ("card", [.card]), ("expiry", [.card]), ("card-type", [.card]), ("iban", [.directDebit]),
            ("provider", [.eBanking, .eWallet]), ("voucher", [.voucher]), ("holder", [.card, .directDebit]),
        ]
        for option in detailOptions where parsed.values[option.name] != nil && !option.method.contains(method) {
            throw parsed.error("option '--\(option.name)' does not go with --by \(method.rawValue)")
        }
        func required(_ name: String) throws(UsageError) -> String {
            guard let value = parsed.values[name] else {
                throw parsed.error("--by \(method.rawValue) needs --\(name)")
            }
            return value
        }
        switch method {
        case .card:
            // The number is a secret: it is read from standard input, and no message repeats it.
            guard try required("card") == "-" else {
                throw parsed.error(
                    "a card number is not accepted on the command line, where the process list and the shell "
                        + "history would keep it; give '--card -' and write the number to standard input")
            }
            let expiryText = try required("expiry")
            guard expiryText.utf8.count == 7, let expiry = XMLYearMonth(xmlLexicalForm: expiryText),
                expiry.timeZoneOffsetMinutes == nil
            else {
                throw parsed.error("invalid month '\(expiryText)' for '--expiry'; expected YYYY-MM, such as 2029-12")
            }
            card = Card(number: nil, expiry: expiry, type: parsed.values["card-type"] ?? "VISA")
        case .directDebit:
            let text = try required("iban")
            guard let iban = IBAN(normalizing: text) else {
                throw parsed.error("invalid IBAN for '--iban'; expected a country code, check digits and account")
            }
            self.iban = iban
            _ = try required("holder")
        case .eBanking, .eWallet:
            provider = try required("provider")
        case .voucher:
            voucher = try required("voucher")
        case .agency, .invoice:
            break
        }
    }

    /// The card number on the first line of standard input; no message repeats it.
    static func cardNumber(from context: ToolContext) throws(LedgerCommandFailure) -> CardNumber {
        let data: Data
        do {
            data = try context.readStandardInput(256)
        } catch {
            throw .unreadable("standard input", "cannot read the card number")
        }
        let line = String(decoding: data.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard data.count <= 256, let number = CardNumber(line) else {
            throw .unreadable("standard input", "no valid card number (12 to 19 digits) on the first line")
        }
        return number
    }

    /// Enters the payment and prints its status and the overview.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: ``ExitCode/success`` when the payment was entered (or was before),
    ///   ``ExitCode/rejected`` when it was refused, ``ExitCode/failure`` when the ledger cannot be
    ///   opened.
    func run(in context: ToolContext) async -> ExitCode {
        let ledger: Ledger
        do {
            ledger = try self.ledger.open(.mustExist, in: context)
        } catch {
            return error.report(to: context.output)
        }
        defer { ledger.close() }
        do throws(LedgerCommandFailure) {
            var command = self
            if var card, card.number == nil {
                card.number = try Self.cardNumber(from: context)
                command.card = card
            }
            guard let booking = ledger.booking(bookingId) else {
                throw .refused(ShowCommand.unknownBooking(bookingId))
            }
            let payment = command.payment(for: booking, today: ledger.today)
            let request = PaymentRequest(
                bookingId: bookingId, payments: PaymentsRequest(payments: [payment]))
            let gateway = try self.ledger.simulatedGateway()
            let handled = await StringMessageHandler(ledger: ledger, gateway: gateway).handle(
                .paymentRequest(request))
            guard handled.outcome == .applied || handled.outcome == .unchanged else {
                throw .rejectedRequest(HandleCommand.errorDetails(of: handled.response))
            }
            guard let after = ledger.booking(bookingId), let entered = after.payment(payment.identifier) else {
                throw .refused(ShowCommand.unknownBooking(bookingId))
            }
            context.output.write(
                LedgerReport.statusLine(of: entered) + "\n" + LedgerReport.overview(of: after, today: ledger.today))
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// The payment as an agency's request would carry it.
    ///
    /// - Parameters:
    ///   - booking: The booking, for the currency and the defaults of identifier and scope.
    ///   - today: The day that decides which scheduled payment is the first not yet paid.
    /// - Returns: The payment.
    func payment(for booking: LedgerBooking, today: XMLDate) -> Payment {
        let amount = CurrencyAmount(amount: amount, currency: booking.currency)
        let collection = collection ?? (method == .agency ? .agency : .tourOperator)
        var payment = Payment(
            identifier: paymentId ?? Self.nextFreeIdentifier(in: booking), collection: collection,
            paymentScope: scope ?? Self.defaultScope(of: booking, today: today), paymentAmount: amount)
        switch method {
        case .agency:
            break
        case .card:
            if let card {
                payment.formOfPayment = .creditCard
                payment.specialisation = .creditCard(
                    CreditCardPayment(
                        creditCard: CreditCard(
                            cardType: card.type, cardNumber: card.number, expiryDate: card.expiry, holderName: holder)))
            }
        case .invoice:
            payment.formOfPayment = .invoice
        case .directDebit:
            payment.formOfPayment = .directDebit
            if let iban {
                payment.specialisation = .directDebit(DirectDebitPayment(iban: iban, accountHolder: holder ?? ""))
            }
        case .eBanking:
            payment.formOfPayment = .eBanking
            payment.specialisation = .eBanking(EBankingPayment(provider: provider ?? ""))
        case .eWallet:
            payment.formOfPayment = .eWallet
            payment.specialisation = .eWallet(EWalletPayment(provider: provider ?? ""))
        case .voucher:
            payment.formOfPayment = .voucher
            payment.specialisation = .voucher(VoucherPayment(voucherCode: voucher ?? ""))
        }
        return payment
    }

    /// `P1`, or the first of `P2`, `P3`, … that no payment or scheduled payment of the booking has.
    static func nextFreeIdentifier(in booking: LedgerBooking) -> Identifier {
        let taken = Set(booking.payments.map(\.identifier.value) + booking.schedule.map(\.identifier.value))
        var number = 1
        while taken.contains("P\(number)") { number += 1 }
        return Identifier(stringLiteral: "P\(number)")
    }

    /// The scope of the first scheduled payment with something remaining; `Balance` when all is paid.
    static func defaultScope(of booking: LedgerBooking, today: XMLDate) -> PaymentScope {
        booking.expectedPayments(today: today).first { !$0.remaining.isZero }?.scheduled.scope ?? .balance
    }
}
