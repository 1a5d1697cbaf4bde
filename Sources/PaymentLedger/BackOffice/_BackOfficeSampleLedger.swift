import StringPayments
import XMLCoding

/// Fills a ledger with reproducible bookings for the back-office tests and benchmarks. Not API:
/// the underscore says it may change in any release.
///
/// From a seed, each booking gets: a currency (mostly EUR, also CHF, JPY and KWD), an agency
/// (one of three, or none), a seller (one of four, or none), a customer from a pool a third the
/// size of the bookings (so clients have several departures; names with accents and characters
/// XML must escape; some without email), a departure 5 to 400 days after the ledger's today and
/// a return 7 to 21 days later, a price, and the booked services of a package holiday (flights
/// out and back, a hotel with board, a transfer; see `packageServices`). Then zero to two agency payments, an invoice payment
/// left open or settled, or the whole price paid; one booking in ten is cancelled.
public enum _BackOfficeSampleLedger {
    /// The sellers drawn from (and none).
    public static let sellers = ["Anna Schneider", "Jonas Weber", "Lea Fischer", "Zoë Ärger"]
    /// The agencies drawn from (and none).
    public static let agencies = ["123456", "234567", "345678"]
    static let surnames = ["Müller", "Schröder", "Núñez", "O'Brien & Söhne", "Weiß", "Meyer", "Łukasz <Kowalski>"]
    static let givenNames = ["Max", "Erika", "Jonas", "Lea", "Zoë", "André"]

    /// Makes the bookings, with identifiers `BO-000001`….
    ///
    /// - Parameters:
    ///   - ledger: The ledger to fill; its today is the booking day.
    ///   - count: How many bookings.
    ///   - seed: The seed: the same seed gives the same ledger.
    /// - Throws: ``LedgerError`` when the ledger refuses a change (a defect).
    public static func populate(_ ledger: Ledger, count: Int, seed: UInt64) throws(LedgerError) {
        var random = ReferenceGenerator(seed: seed)
        let today = ledger.today
        let customers = max(1, count / 3)
        for number in 1...max(1, count) where count > 0 {
            let currency: CurrencyCode =
                switch random.below(10) {
                case 0: .chf
                case 1: CurrencyCode("JPY") ?? .eur
                case 2: CurrencyCode("KWD") ?? .eur
                default: .eur
                }
            let customer = random.below(customers)
            let surname = surnames[customer % surnames.count]
            let traveller = Traveller(
                identifier: "T1", prename: givenNames[customer % givenNames.count], surname: surname,
                email: customer % 5 == 4 ? nil : "customer\(customer)@example.com")
            let departure = today.adding(days: 5 + random.below(396))
            let unit = Int64(pow10(currency.minorUnits))
            let price = Int64(300 + random.below(4_700)) * unit + Int64(random.below(Int(unit)))
            let digits = String(number)
            // Drawn in this order (agency, seller, return) so that a seed gives the same bookings
            // as before the services, which come from their own generator.
            let agency = random.below(4) == 3 ? nil : AgencyInformation(agency: agencies[random.below(3)])
            let seller = random.below(5) == 4 ? nil : sellers[random.below(4)]
            let returnDate = departure.adding(days: 7 + random.below(15))
            let draft = BookingDraft(
                id: Identifier(stringLiteral: "BO-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits),
                agency: agency, seller: seller, leadTraveller: "T1", travellers: [traveller],
                departureDate: departure, returnDate: returnDate,
                totalPrice: CurrencyAmount(minorUnitCount: price, currency: currency),
                services: packageServices(
                    seed: seed, number: number, departure: departure, returnDate: returnDate, travellers: ["T1"]))
            let booking = try ledger.createBooking(draft).booking
            var payments: [Payment] = []
            switch random.below(6) {
            case 0:
                break
            case 1:
                payments.append(agencyPayment("A1", minorUnits: booking.uncoveredMinorUnits, currency: currency))
            case 2:
                let invoice = Payment(
                    identifier: "I1", collection: .tourOperator, paymentScope: .balance, formOfPayment: .invoice,
                    paymentAmount: CurrencyAmount(minorUnitCount: max(1, price / 3), currency: currency),
                    specialisation: .invoice)
                payments.append(invoice)
            default:
                let first = max(1, Int64(random.below(Int(min(price, Int64(Int32.max))) / 2 + 1)))
                payments.append(agencyPayment("A1", minorUnits: first, currency: currency))
                if random.below(2) == 0 {
                    payments.append(agencyPayment("A2", minorUnits: max(1, first / 2), currency: currency))
                }
            }
            if !payments.isEmpty { try ledger.enterPayments(payments, bookingId: booking.id) }
            if payments.first?.identifier == "I1", random.below(2) == 0 {
                try ledger.settlePayment("I1", of: booking.id, transactionReference: "BANK-\(number)")
            }
            if random.below(10) == 0 { try ledger.cancelBooking(booking.id) }
        }
    }

    private static func agencyPayment(_ id: Identifier, minorUnits: Int64, currency: CurrencyCode) -> Payment {
        Payment(
            identifier: id, collection: .agency, paymentScope: .deposit,
            paymentAmount: CurrencyAmount(minorUnitCount: minorUnits, currency: currency),
            cashHolder: .assignedToBookingOwner(true))
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}

extension ReferenceGenerator {
    /// A number in `0..<bound` (0 for a bound below 1).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next() % UInt64(bound))
    }
}
