import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments gds list|add|edit --ledger DIR ...`: the flight records of bookings booked
/// through a GDS, their list with the cost check, and their entry and correction.
struct GDSCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// List the records: filter, order, page and format.
        case list(GDSPaymentQuery, BackOfficeListOptions.Format)
        /// Add a record to a booking.
        case add(bookingId: Identifier, details: GDSFlightDetails)
        /// Change a record's fields: those given, the others kept.
        case edit(bookingId: Identifier, recordId: Identifier, fields: Fields)
    }

    /// The record fields the command line gives; `nil` for a field not given. An empty phone or
    /// comment clears it.
    struct Fields: Equatable {
        var pnr: String?
        var airline: String?
        var departureAirport: String?
        var arrivalAirport: String?
        var departureDate: XMLDate?
        var departureTime: TimeOfDay?
        var arrivalDate: XMLDate?
        var arrivalTime: TimeOfDay?
        var passengers: Int?
        var phone: String?
        var costPrice: CurrencyAmount?
        var paymentComment: String?
        var adminComment: String?

        /// The details with these fields over `details`.
        func applied(to details: GDSFlightDetails) -> GDSFlightDetails {
            var result = details
            if let pnr { result.pnr = pnr }
            if let airline { result.airline = airline }
            if let departureAirport { result.departureAirport = departureAirport }
            if let arrivalAirport { result.arrivalAirport = arrivalAirport }
            if let departureDate { result.departureDate = departureDate }
            if let departureTime { result.departureTime = departureTime }
            if let arrivalDate { result.arrivalDate = arrivalDate }
            if let arrivalTime { result.arrivalTime = arrivalTime }
            if let passengers { result.passengers = passengers }
            if let phone { result.phone = phone.isEmpty ? nil : phone }
            if let costPrice { result.costPrice = costPrice }
            if let paymentComment { result.paymentComment = paymentComment.isEmpty ? nil : paymentComment }
            if let adminComment { result.adminComment = adminComment.isEmpty ? nil : adminComment }
            return result
        }
    }

    /// The ledger and its today.
    var ledger: LedgerLocation
    /// What to do.
    var action: Action

    /// The options of `list` only.
    static let listOptions: [OptionSpec] =
        [OptionSpec("booking", valueName: "BOOKING", help: "list: only the records of the booking.")]
        + BackOfficeListOptions.range("departure", "flights departing (list)")
        + BackOfficeListOptions.range("booked", "records of bookings made (list)")
        + [
            OptionSpec("seller", valueName: "NAME", help: "list: only bookings of the seller."),
            OptionSpec("agency", valueName: "NUMBER", help: "list: only bookings of the agency."),
            OptionSpec("airport", valueName: "CODE", help: "list: only flights from or to the airport."),
            OptionSpec(
                "disagreeing",
                help: "list: only bookings whose cost prices exceed the received payments or are in another currency."),
        ]
        + BackOfficeListOptions.common(
            sortKeys: GDSPaymentQuery.SortKey.allCases.map(\.rawValue), defaultSort: "departure")

    /// The options of `add` and `edit` only (`--pnr` and `--airline` also filter `list`).
    static let recordOptions: [OptionSpec] = [
        OptionSpec("from", valueName: "CODE", help: "add, edit: the departure airport (IATA, 3 letters)."),
        OptionSpec("to", valueName: "CODE", help: "add, edit: the arrival airport (IATA, 3 letters)."),
        OptionSpec("departure", valueName: "YYYY-MM-DD", help: "add, edit: the departure date (local)."),
        OptionSpec("departure-time", valueName: "HH:MM", help: "add, edit: the departure time (local)."),
        OptionSpec(
            "arrival", valueName: "YYYY-MM-DD",
            help: "add, edit: the arrival date (local; add: default the departure date)."),
        OptionSpec("arrival-time", valueName: "HH:MM", help: "add, edit: the arrival time (local)."),
        OptionSpec("passengers", valueName: "N", help: "add, edit: the number of passengers (1 to 999)."),
        OptionSpec("phone", valueName: "TEXT", help: "add, edit: the contact phone (edit: empty clears)."),
        OptionSpec(
            "cost", valueName: "AMOUNT CURRENCY", valueCount: 2,
            help: "add, edit: the ticket cost price, such as 412.00 EUR."),
        OptionSpec(
            "payment-comment", valueName: "TEXT", help: "add, edit: a note on the payment (edit: empty clears)."),
        OptionSpec("admin-comment", valueName: "TEXT", help: "add, edit: the back office's note (edit: empty clears)."),
    ]

    /// The command line and help of `gds`.
    static let spec = CommandSpec(
        name: "gds",
        abstract: "List, add or edit the GDS flight records of bookings, with the cost check.",
        operandsUsage: "list | add BOOKING | edit BOOKING RECORD",
        operandHelp: [
            ("list", "List the flight records of every booking."),
            ("add", "Add a flight record to BOOKING (numbered F1, F2, ...)."),
            ("edit", "Change the fields given of BOOKING's record RECORD; the others are kept."),
        ],
        options: [
            LedgerLocation.ledgerOption, LedgerLocation.todayOption,
            OptionSpec("pnr", valueName: "PNR", help: "The PNR: 6 letters or digits (list: only records with it)."),
            OptionSpec(
                "airline", valueName: "CODE",
                help: "The airline's IATA designator, such as LH (list: only its flights)."),
        ] + listOptions + recordOptions,
        discussion: """
            add needs --pnr, --airline, --from, --to, --departure, --departure-time,
            --arrival-time, --passengers and --cost. Each add and edit is journaled with who
            made it (DRV_PAYMENTS_ACTOR, else user:LOGIN) and when; history BOOKING lists them.

            The check compares a booking's cost prices with its received payments (the amounts
            of its recorded, settled and confirmed payments without fees, less completed
            refunds): covered, exceeds-received (the tickets cost more than the customer paid)
            or other-currency (a cost price in another currency than the booking's, to check by
            hand). --disagreeing lists the bookings that are not covered.

            OUTPUT (list):
              Booking, Record, Booked, Agency, Seller, Customer, Phone, Passengers, PNR, Airline,
              From, To, Departure, Dep. time, Arrival, Arr. time, Currency, Cost, Booking
              currency, Received, Check, Payment comment, Admin comment. Dates are YYYY-MM-DD,
              times HH:MM; the cost has its currency's minor units, received the booking's.
            OUTPUT (add, edit):
              BOOKING: flight record RECORD added|edited|unchanged

            EXIT STATUS:
              0  listed, added or edited
              1  the ledger refused: unknown-booking, unknown-gds-record, invalid-gds-record
              2  usage error, or the ledger could not be opened or written

            EXAMPLES:
              drv-payments gds list --ledger ledger --departure-from 2027-06-01 --departure-to 2027-06-30 --sort seller
              drv-payments gds list --ledger ledger --airline LH --disagreeing --csv
              drv-payments gds add --ledger ledger 7KQ4M2XG --pnr K7Q4MZ --airline LH --from FRA --to PMI \\
                --departure 2027-06-14 --departure-time 08:10 --arrival-time 10:25 --passengers 2 --cost 412.00 EUR
              drv-payments gds edit --ledger ledger 7KQ4M2XG F1 --admin-comment "fare checked"
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError`` for an unknown action, wrong operands, an option of another
    ///   action, a missing field of `add` or a malformed value.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        let operands = parsed.operands
        func refuseOptions(_ options: [OptionSpec], of action: String, belongTo owner: String) throws(UsageError) {
            for option in options
            where parsed.flag(option.name) || parsed.values[option.name] != nil || parsed.lists[option.name] != nil {
                throw parsed.error("option '--\(option.name)' belongs to '\(owner)', not '\(action)'")
            }
        }
        switch operands.first {
        case "list":
            guard operands.count == 1 else { throw parsed.error("'gds list' takes no further operands") }
            try refuseOptions(Self.recordOptions, of: "list", belongTo: "add' or 'edit")
            action = .list(
                GDSPaymentQuery(
                    bookingId: try parsed.identifier("booking"),
                    departure: try BackOfficeListOptions.range("departure", parsed),
                    booked: try BackOfficeListOptions.range("booked", parsed), seller: parsed.values["seller"],
                    agency: parsed.values["agency"], airline: parsed.values["airline"]?.uppercased(),
                    pnr: parsed.values["pnr"]?.uppercased(), airport: parsed.values["airport"]?.uppercased(),
                    onlyDisagreeing: parsed.flag("disagreeing"),
                    sort: try BackOfficeListOptions.sort(parsed, default: GDSPaymentQuery.SortKey.departure),
                    descending: parsed.flag("descending"), paging: try BackOfficeListOptions.paging(parsed)),
                try BackOfficeListOptions.format(parsed))
        case "add":
            guard operands.count == 2 else { throw parsed.error("'gds add' takes BOOKING") }
            try refuseOptions(Self.listOptions, of: "add", belongTo: "list")
            let fields = try Self.fields(parsed)
            guard let pnr = fields.pnr, let airline = fields.airline, let from = fields.departureAirport,
                let to = fields.arrivalAirport, let departure = fields.departureDate,
                let departureTime = fields.departureTime, let arrivalTime = fields.arrivalTime,
                let passengers = fields.passengers, let cost = fields.costPrice
            else {
                throw parsed.error(
                    "'gds add' needs --pnr, --airline, --from, --to, --departure, --departure-time, --arrival-time, "
                        + "--passengers and --cost")
            }
            action = .add(
                bookingId: try parsed.identifier(operands[1], for: "BOOKING"),
                details: GDSFlightDetails(
                    pnr: pnr, airline: airline, departureAirport: from, arrivalAirport: to, departureDate: departure,
                    departureTime: departureTime, arrivalDate: fields.arrivalDate ?? departure,
                    arrivalTime: arrivalTime, passengers: passengers, phone: fields.phone, costPrice: cost,
                    paymentComment: fields.paymentComment, adminComment: fields.adminComment))
        case "edit":
            guard operands.count == 3 else { throw parsed.error("'gds edit' takes BOOKING and RECORD") }
            try refuseOptions(Self.listOptions, of: "edit", belongTo: "list")
            let fields = try Self.fields(parsed)
            guard fields != Fields() else { throw parsed.error("'gds edit' needs at least one field to change") }
            action = .edit(
                bookingId: try parsed.identifier(operands[1], for: "BOOKING"),
                recordId: try parsed.identifier(operands[2], for: "RECORD"), fields: fields)
        default:
            throw parsed.error("'gds' takes an action: list, add or edit")
        }
    }

    /// The record fields given; codes upper-cased, an empty phone or comment kept empty (edit clears).
    private static func fields(_ parsed: CommandLineArguments.ParsedOptions) throws(UsageError) -> Fields {
        func time(_ name: String) throws(UsageError) -> TimeOfDay? {
            guard let text = parsed.values[name] else { return nil }
            guard let time = TimeOfDay(text) else {
                throw parsed.error("invalid time '\(text)' for '--\(name)'; expected HH:MM, such as 08:10")
            }
            return time
        }
        var passengers: Int?
        if let text = parsed.values["passengers"] {
            guard let count = Int(text), count >= 0 else {
                throw parsed.error("invalid value '\(text)' for '--passengers'; expected a whole number")
            }
            passengers = count
        }
        let cost = parsed.lists["cost"]
        return Fields(
            pnr: parsed.values["pnr"]?.uppercased(), airline: parsed.values["airline"]?.uppercased(),
            departureAirport: parsed.values["from"]?.uppercased(), arrivalAirport: parsed.values["to"]?.uppercased(),
            departureDate: try parsed.date("departure"), departureTime: try time("departure-time"),
            arrivalDate: try parsed.date("arrival"), arrivalTime: try time("arrival-time"), passengers: passengers,
            phone: parsed.values["phone"],
            costPrice: try cost.map { values throws(UsageError) in
                try BookCommand.price(values, parsed: parsed, option: "cost")
            },
            paymentComment: parsed.values["payment-comment"], adminComment: parsed.values["admin-comment"])
    }

    /// Lists, adds or edits.
    ///
    /// - Parameter context: Output and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) -> ExitCode {
        switch action {
        case .list(let query, let format):
            return BackOfficeListOptions.reading(ledger, in: context) { ledger in
                BackOfficeListOptions.render(ledger.gdsPayments(query), as: format, to: context.output)
                return .success
            }
        case .add(let bookingId, let details):
            return ledger.change(in: context) { ledger throws(LedgerError) in
                let record = try ledger.addGDSRecord(details, to: bookingId)
                return "\(bookingId): flight record \(record.id) added"
            }
        case .edit(let bookingId, let recordId, let fields):
            return ledger.change(in: context) { ledger throws(LedgerError) in
                let before = ledger.booking(bookingId)?.gdsRecord(recordId)
                let edited = try ledger.editGDSRecord(
                    recordId, of: bookingId, changing: { $0 = fields.applied(to: $0) })
                return "\(bookingId): flight record \(recordId) " + (edited == before ? "unchanged" : "edited")
            }
        }
    }
}
