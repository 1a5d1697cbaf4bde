import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments book --ledger DIR --price AMOUNT CURRENCY --departure DATE`: makes a booking
/// with its payment schedule.
///
/// The ledger's standard payment terms give the schedule: a 20 % deposit due 7 days after the
/// booking date and the balance due 30 days before departure. Without `--id` the ledger generates
/// a check-digit booking reference such as `7KQ4M2XG`.
struct BookCommand: Equatable {
    /// The ledger and its today (the booking date).
    var ledger: LedgerLocation
    /// The total price; its currency becomes the booking currency.
    var price: CurrencyAmount
    /// The departure date.
    var departure: XMLDate
    /// The return date.
    var returnDate: XMLDate?
    /// The travellers' names, `Prename Surname`, in order; the first is the lead traveller.
    var travellers: [String] = []
    /// The customer's email.
    var email: String?
    /// The agency's number.
    var agency: String?
    /// The collection restriction; `nil` takes the ledger's (`Mixed`).
    var collection: PaymentCollection?
    /// The booking's identifier; `nil` lets the ledger generate one.
    var id: Identifier?
    /// The seller, branch, customer phone and finance account: back-office data STRING lacks.
    var seller: String?
    /// The agency's branch.
    var branch: String?
    /// The customer's phone number.
    var phone: String?
    /// The finance ledger account.
    var account: String?
    /// Whether the booking is financed.
    var financed = false

    /// The command line and help of `book`.
    static let spec = CommandSpec(
        name: "book",
        abstract: "Make a booking with its payment schedule and print its identifier.",
        operandsUsage: "",
        operandHelp: [],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec(
                "price", valueName: "AMOUNT CURRENCY", valueCount: 2, required: true,
                help: "The total price, such as 3456.00 EUR; the currency becomes the booking currency."),
            OptionSpec("departure", valueName: "YYYY-MM-DD", required: true, help: "The departure date."),
            OptionSpec("return", valueName: "YYYY-MM-DD", help: "The return date."),
            OptionSpec(
                "traveller", valueName: "NAME", repeatable: true,
                help: "A traveller, \"Prename Surname\" (the last word is the surname); the first is the lead."),
            OptionSpec("email", valueName: "ADDRESS", help: "The customer's email address."),
            OptionSpec("agency", valueName: "NUMBER", help: "The agency making the booking."),
            OptionSpec(
                "collection", valueName: "COLLECTION",
                help: "Who may collect payments: Agency, TourOperator or Mixed (default: Mixed)."),
            OptionSpec("id", valueName: "ID", help: "The booking's identifier (default: a generated reference)."),
            OptionSpec("seller", valueName: "NAME", help: "The seller who sold the booking."),
            OptionSpec("branch", valueName: "NAME", help: "The agency's branch."),
            OptionSpec("phone", valueName: "NUMBER", help: "The customer's phone number."),
            OptionSpec("account", valueName: "ACCOUNT", help: "The finance ledger account of the booking's balance."),
            OptionSpec("financed", help: "The booking is financed: refunds then need --force and a reason."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            The ledger directory is created when missing. The booking date is --today; the
            standard terms schedule a 20 % deposit (DEP) due 7 days after it and the balance
            (BAL) due 30 days before departure. Booking again with the same --id and the same
            data changes nothing and prints the same booking.

            OUTPUT:
              The booking's identifier alone on the first line, then its schedule:
                7KQ4M2XG
                Schedule
                  ID   Scope    Due         Amount  Allocated  Remaining  State
                  DEP  Deposit  2026-11-30  691.20       0.00     691.20  open

            EXIT STATUS:
              0  the booking was made (or exists with the same data)
              1  the ledger refused it: drv-payments: CODE: message (booking-exists,
                 invalid-schedule, ...)
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              drv-payments book --ledger ledger --today 2026-11-23 --price 3456.00 EUR \\
                --departure 2027-06-14 --return 2027-06-28 \\
                --traveller "Max Mustermann" --traveller "Erika Mustermann" --agency 123456
              id=$(drv-payments book --ledger ledger --price 980 EUR --departure 2027-08-01 | head -n 1)
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for operands, a malformed price, date, name or identifier, or a
    ///   return date before the departure.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        if let extra = parsed.operands.first {
            throw parsed.error("unexpected argument '\(extra)'; 'book' takes options only")
        }
        price = try Self.price(parsed.list("price"), parsed: parsed)
        departure = try parsed.date("departure") ?? XMLDate(daysSinceEpoch: 0)
        returnDate = try parsed.date("return")
        if let returnDate, returnDate < departure {
            throw parsed.error("the return date \(returnDate) is before the departure date \(departure)")
        }
        travellers = parsed.list("traveller")
        for name in travellers where Self.traveller(name, number: 1) == nil {
            throw parsed.error("invalid traveller name '\(name)'; expected \"Prename Surname\"")
        }
        email = parsed.values["email"]
        agency = parsed.values["agency"]
        collection = try parsed.choice(
            "collection", from: ArgumentValue.choices([PaymentCollection.agency, .tourOperator, .mixed]))
        id = try parsed.identifier("id")
        seller = parsed.values["seller"]
        branch = parsed.values["branch"]
        phone = parsed.values["phone"]
        account = parsed.values["account"]
        financed = parsed.flag("financed")
    }

    /// Creates the command from its settings.
    init(
        ledger: LedgerLocation, price: CurrencyAmount, departure: XMLDate, returnDate: XMLDate? = nil,
        travellers: [String] = [], email: String? = nil, agency: String? = nil, collection: PaymentCollection? = nil,
        id: Identifier? = nil
    ) {
        self.ledger = ledger
        self.price = price
        self.departure = departure
        self.returnDate = returnDate
        self.travellers = travellers
        self.email = email
        self.agency = agency
        self.collection = collection
        self.id = id
    }

    /// The booking's data.
    var draft: BookingDraft {
        let travellers = travellers.enumerated().compactMap { Self.traveller($1, number: $0 + 1) }
        return BookingDraft(
            id: id, agency: agency.map { AgencyInformation(agency: $0) }, seller: seller, branch: branch,
            leadTraveller: travellers.first?.identifier, travellers: travellers, customerEmail: email,
            departureDate: departure, returnDate: returnDate, totalPrice: price, collection: collection,
            customerPhone: phone, account: account, financed: financed)
    }

    /// Makes the booking and prints its identifier and schedule.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: ``ExitCode/success``, ``ExitCode/rejected`` when the ledger refuses the booking,
    ///   ``ExitCode/failure`` when the ledger cannot be opened.
    func run(in context: ToolContext) -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(.createIfMissing, in: context)
            defer { ledger.close() }
            let booking: LedgerBooking
            do {
                booking = try ledger.createBooking(draft).booking
            } catch {
                throw .refused(error)
            }
            context.output.write(booking.id.value + "\n" + LedgerReport.schedule(of: booking, today: ledger.today))
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// `Max Mustermann` as traveller `T<number>` with prename `Max` and surname `Mustermann`;
    /// one word is a surname alone.
    ///
    /// - Returns: `nil` for an empty name.
    static func traveller(_ name: String, number: Int) -> Traveller? {
        let words = name.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let surname = words.last else { return nil }
        let prename = words.dropLast().joined(separator: " ")
        return Traveller(
            identifier: Identifier(stringLiteral: "T\(number)"), prename: prename.isEmpty ? nil : prename,
            surname: surname)
    }

    /// `--price AMOUNT CURRENCY` (or another option's `AMOUNT CURRENCY`) as an amount: the
    /// currency an ISO 4217 code (any case), the amount with at most the currency's minor units.
    static func price(
        _ values: [String], parsed: CommandLineArguments.ParsedOptions, option: String = "price"
    ) throws(UsageError) -> CurrencyAmount {
        guard values.count == 2 else { throw parsed.error("option '--\(option)' needs 2 values (AMOUNT CURRENCY)") }
        let amount = try parsed.amount(values[0], for: option)
        guard let currency = CurrencyCode(values[1].uppercased()), currency.isISO4217 else {
            throw parsed.error(
                "invalid currency '\(values[1])' for '--\(option)'; expected an ISO 4217 code such as EUR")
        }
        let price = CurrencyAmount(amount: amount, currency: currency)
        guard !price.needsMoreFractionDigitsThanCurrencyAllows else {
            throw parsed.error(
                "invalid \(option) '\(values[0]) \(currency)'; \(currency) has \(currency.minorUnits) fraction digits")
        }
        return price
    }
}
