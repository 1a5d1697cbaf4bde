import StringPayments
import XMLCoding

extension _BackOfficeSampleLedger {
    /// The airlines drawn from.
    public static let airlines = ["LH", "4U", "DE", "X3", "FR"]
    /// The airports drawn from.
    public static let airports = ["FRA", "MUC", "DUS", "PMI", "HRG", "AYT", "BKK"]

    /// Adds flight records to the bookings of a ledger, reproducibly from a seed.
    ///
    /// Two bookings in three get an outbound flight on the departure date and, half of them, a
    /// return flight on the return date: a random airline, PNR and route, 1 to 4 passengers, a
    /// cost price mostly below the booking price (sometimes above what was paid), one in fifteen
    /// in another currency; some with a phone, a payment comment (with commas and quotes) or an
    /// admin comment.
    ///
    /// - Parameters:
    ///   - ledger: The ledger, filled by ``populate(_:count:seed:)``.
    ///   - seed: The seed: the same seed gives the same records.
    /// - Throws: ``LedgerError`` when the ledger refuses a change (a defect).
    public static func addGDSRecords(_ ledger: Ledger, seed: UInt64) throws(LedgerError) {
        var random = ReferenceGenerator(seed: seed)
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        for booking in ledger.bookings where random.below(3) != 0 {
            let pnr = String((0..<6).map { _ in letters[random.below(letters.count)] })
            var flights = [(booking.departureDate, false)]
            if let returnDate = booking.returnDate, random.below(2) == 0 { flights.append((returnDate, true)) }
            let home = airports[random.below(3)]
            let away = airports[3 + random.below(4)]
            for (date, isReturn) in flights {
                let currency =
                    random.below(15) == 0 ? (booking.currency == .eur ? CurrencyCode.chf : .eur) : booking.currency
                let price = booking.totalPrice.minorUnitCount ?? 0
                let cost = price / 10 * Int64(1 + random.below(6)) + Int64(random.below(100))
                let departure = TimeOfDay(minutesSinceMidnight: random.below(1440)) ?? .midnight
                let minutes = departure.minutesSinceMidnight + 60 + random.below(600)
                let details = GDSFlightDetails(
                    pnr: pnr, airline: airlines[random.below(airlines.count)],
                    departureAirport: isReturn ? away : home, arrivalAirport: isReturn ? home : away,
                    departureDate: date, departureTime: departure,
                    arrivalDate: date.adding(days: minutes / 1440),
                    arrivalTime: TimeOfDay(minutesSinceMidnight: minutes % 1440) ?? .midnight,
                    passengers: 1 + random.below(4),
                    phone: random.below(3) == 0 ? "+49 221 555\(random.below(1000))" : nil,
                    costPrice: CurrencyAmount(minorUnitCount: cost, currency: currency),
                    paymentComment: random.below(4) == 0 ? "BSP, \"week \(random.below(52))\"" : nil,
                    adminComment: random.below(6) == 0 ? "check fare" : nil)
                try ledger.addGDSRecord(details, to: booking.id)
            }
        }
    }
}
